/**
 * The JSON view's editor: the live definition as text, in Monaco. Lazily loaded by src/panels/JsonView.tsx.
 * `@monaco-editor/react` creates and disposes the editor and its model (Monaco from this bundle, monacoSetup.ts);
 * everything below is wired once it is mounted.
 *
 * Sync with the store, both ways:
 * - the store's definition changes elsewhere (canvas, inspector, undo) -> the text is replaced when it differs from
 *   what the editor holds (only the changed middle, so the cursor and scroll stay), unless the user's text does not
 *   parse: then it is kept and the status line offers to take the canvas's version instead;
 * - typing -> after a pause the text is imported; a definition is applied as one undo step (typing coalesced),
 *   anything else is reported with its line and column while the canvas keeps the last good flow;
 * - validator problems -> markers (JSON pointers mapped to text by src/jsonview/pointerRanges.ts), next to Monaco's
 *   own diagnostics from the same schemas (registered in monacoSetup.ts);
 * - selecting a widget reveals and highlights its state; the cursor inside a state selects that widget.
 */
import { useEffect, useRef, useState } from 'react';
import { Editor } from '@monaco-editor/react';
import type { FlowDefinition, Problem } from '../model/types';
import { MAX_OPEN_WIDGETS, formatSize, serializeDefinition } from '../io';
import { readJsonViewText } from './jsonViewText';
import type { EditorState } from '../store/editorStore';
import { useEditorApi } from '../store/react';
import { selectedWidget } from '../store/editing';
import { monaco, MODEL_URI } from './monacoSetup';
import { rangesForPointers, stateAt, stateRanges, type StateRange } from './pointerRanges';
import { shareUnchanged } from './shareUnchanged';
import { groupDigits } from '../model/digits';

/** Pause after the last keystroke before the text is applied. */
export const APPLY_DELAY_MS = 400;
const MARKER_OWNER = 'studio-flow';
const SEVERITY: Record<Problem['severity'], monaco.MarkerSeverity> = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
};

export interface JsonError {
  message: string;
  line?: number;
  column?: number;
}

type CodeEditor = monaco.editor.IStandaloneCodeEditor;
type TextModel = monaco.editor.ITextModel;

/** Replaces only the part of the model that differs from `text`. */
function replaceText(model: TextModel, text: string): void {
  const old = model.getValue();
  if (old === text) return;
  let start = 0;
  const max = Math.min(old.length, text.length);
  while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let endOld = old.length;
  let endNew = text.length;
  while (endOld > start && endNew > start && old.charCodeAt(endOld - 1) === text.charCodeAt(endNew - 1)) {
    endOld--;
    endNew--;
  }
  const from = model.getPositionAt(start);
  const to = model.getPositionAt(endOld);
  model.applyEdits([
    {
      range: new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column),
      text: text.slice(start, endNew),
    },
  ]);
}

function toRange(model: TextModel, start: number, end: number): monaco.Range {
  const a = model.getPositionAt(start);
  const b = model.getPositionAt(end);
  return new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column);
}

/** The largest paste the JSON view takes: above any definition of MAX_OPEN_WIDGETS widgets (~7 MB). */
export const MAX_JSON_VIEW_PASTE = 8 * 1024 * 1024;

/** One object for the editor's life: the wrapper applies options again whenever their identity changes. */
const EDITOR_OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions = {
  automaticLayout: true,
  minimap: { enabled: false },
  fontSize: 12,
  tabSize: 2,
  insertSpaces: true,
  scrollBeyondLastLine: false,
  wordWrap: 'off',
  ariaLabel: 'Flow definition JSON',
  fixedOverflowWidgets: true,
};

const LOADING = <p className="json-view-loading">Loading the JSON editor…</p>;

export default function JsonEditor() {
  const store = useEditorApi();
  const [error, setError] = useState<JsonError | null>(null);
  const [stale, setStale] = useState(false);
  /** Why the last paste was refused (too large), until the next paste. */
  const [refused, setRefused] = useState<string | null>(null);
  /** The mounted editor (set by the wrapper's onMount); its model is the wrapper's, at MODEL_URI. */
  const [editor, setEditor] = useState<CodeEditor | null>(null);
  // The text the model starts with; the effect below brings it up to date with the store once mounted.
  const [initialText] = useState(() => {
    const initial = store.getState().definition;
    return initial ? serializeDefinition(initial) : '';
  });
  // Set while the store is being updated from this editor's text, and while the text is updated from the store.
  const ownDefinition = useRef<FlowDefinition | null>(null);
  const settingText = useRef(false);
  const errorRef = useRef<JsonError | null>(null);
  // The widget the cursor selected: its selection is not revealed back.
  const selectedFromCursor = useRef<string | null>(null);
  const statesCache = useRef<{ version: number; states: StateRange[] } | null>(null);

  useEffect(() => {
    const model = editor?.getModel();
    if (!editor || !model) return;
    // The wrapper creates the editor in a hidden container and shows it once created: measure it now, so that the
    // first reveal below centres in the real viewport rather than in a 0-pixel one.
    editor.layout();
    // The element Monaco was created in: pastes are caught there before Monaco's own handlers see them.
    const host = editor.getContainerDomNode();
    const disposables: monaco.IDisposable[] = [];

    // A paste larger than any flow the editor opens never reaches Monaco, which would take seconds to lay out tens
    // of megabytes (and the apply after it would be refused anyway): it is stopped here, before Monaco sees it.
    const onPaste = (event: ClipboardEvent) => {
      const text = event.clipboardData?.getData('text/plain') ?? '';
      if (text.length <= MAX_JSON_VIEW_PASTE) {
        setRefused(null);
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      setRefused(
        `Nothing was pasted: the text is ${formatSize(text.length)}, larger than any flow the editor opens (${groupDigits(MAX_OPEN_WIDGETS)} widgets are about 7 MB). To open another flow, use “Paste JSON…” or “Open file…”.`,
      );
    };
    host.addEventListener('paste', onPaste, { capture: true });
    disposables.push({ dispose: () => host.removeEventListener('paste', onPaste, { capture: true }) });
    let applyTimer: ReturnType<typeof setTimeout> | undefined;
    let cursorTimer: ReturnType<typeof setTimeout> | undefined;
    let markerTimer: ReturnType<typeof setTimeout> | undefined;
    let highlight: monaco.editor.IEditorDecorationsCollection | null = null;

    const statesOf = (): StateRange[] => {
      const version = model.getVersionId();
      if (statesCache.current?.version !== version) {
        statesCache.current = { version, states: stateRanges(model.getValue()) };
      }
      return statesCache.current.states;
    };

    const showError = (next: JsonError | null) => {
      errorRef.current = next;
      setError(next);
      if (!next) setStale(false);
    };

    const setText = (text: string) => {
      settingText.current = true;
      try {
        replaceText(model, text);
      } finally {
        settingText.current = false;
      }
    };

    const updateMarkers = () => {
      if (errorRef.current) return; // positions belong to the last good text; Monaco moves them with edits
      const problems = store.getState().problems;
      const text = model.getValue();
      const ranges = rangesForPointers(
        text,
        problems.map((p) => p.pointer),
      );
      const markers: monaco.editor.IMarkerData[] = [];
      for (const p of problems) {
        const r = ranges.get(p.pointer);
        if (!r) continue;
        const range = toRange(model, r.keyStart ?? r.start, r.end);
        markers.push({
          severity: SEVERITY[p.severity],
          message: p.widget === undefined ? p.message : `${p.widget}: ${p.message}`,
          code: p.code,
          source: 'studio-flow',
          startLineNumber: range.startLineNumber,
          startColumn: range.startColumn,
          // A whole widget or object: mark its first line, not hundreds.
          endLineNumber: range.startLineNumber,
          endColumn:
            range.startLineNumber === range.endLineNumber
              ? range.endColumn
              : model.getLineMaxColumn(range.startLineNumber),
        });
      }
      monaco.editor.setModelMarkers(model, MARKER_OWNER, markers);
    };
    const scheduleMarkers = () => {
      clearTimeout(markerTimer);
      markerTimer = setTimeout(updateMarkers, 100);
    };

    const reveal = (name: string | null) => {
      if (name === null) {
        highlight?.clear();
        return;
      }
      const state = statesOf().find((s) => s.name === name);
      if (!state) return;
      const whole = toRange(model, state.range.start, state.range.end);
      highlight?.clear();
      highlight = editor.createDecorationsCollection([
        { range: whole, options: { isWholeLine: true, className: 'json-view-selected-state' } },
      ]);
      const nameRange = state.nameRange ?? state.range;
      const line = model.getPositionAt(nameRange.start).lineNumber;
      editor.revealLineInCenterIfOutsideViewport(line, monaco.editor.ScrollType.Smooth);
    };

    const apply = () => {
      applyTimer = undefined;
      const text = model.getValue();
      const result = readJsonViewText(text);
      if (!result.ok) {
        const { message, line, column } = result.error;
        showError({ message, line, column });
        return;
      }
      showError(null);
      const current = store.getState().definition;
      if (current && serializeDefinition(current) === serializeDefinition(result.definition)) {
        scheduleMarkers();
        return;
      }
      const next = current ? shareUnchanged(current, result.definition) : result.definition;
      ownDefinition.current = next;
      store.getState().replaceDefinition(next, { label: 'Edit JSON', coalesceKey: 'json-view' });
    };

    disposables.push(
      model.onDidChangeContent(() => {
        if (settingText.current) return;
        clearTimeout(applyTimer);
        applyTimer = setTimeout(apply, APPLY_DELAY_MS);
      }),
      editor.onDidChangeCursorPosition(() => {
        if (!editor.hasTextFocus()) return;
        clearTimeout(cursorTimer);
        cursorTimer = setTimeout(() => {
          if (errorRef.current || applyTimer !== undefined) return;
          const position = editor.getPosition();
          if (!position) return;
          const state = stateAt(statesOf(), model.getOffsetAt(position));
          const name = state?.name;
          if (name === undefined) return;
          const s = store.getState();
          if (s.selection.length === 1 && s.selection[0] === name) return;
          if (!s.definition?.states.some((w) => w.name === name)) return;
          selectedFromCursor.current = name;
          s.focusWidget(name);
        }, 150);
      }),
    );

    const unsubscribe = store.subscribe((state: EditorState, prev: EditorState) => {
      if (state.definition !== prev.definition) {
        const def = state.definition;
        if (def !== ownDefinition.current) {
          ownDefinition.current = null;
          if (errorRef.current || applyTimer !== undefined) {
            // Keep the user's unapplied text: nothing typed is lost.
            setStale(true);
          } else {
            setText(def ? serializeDefinition(def) : '');
          }
        }
      }
      if (state.problems !== prev.problems || state.definition !== prev.definition) scheduleMarkers();
      const selected = selectedWidget(state);
      if (selected !== selectedWidget(prev)) {
        if (selected !== null && selected === selectedFromCursor.current) {
          selectedFromCursor.current = null;
          // Highlight only: the cursor is already there.
          const found = statesOf().find((s) => s.name === selected);
          highlight?.clear();
          if (found) {
            highlight = editor.createDecorationsCollection([
              {
                range: toRange(model, found.range.start, found.range.end),
                options: { isWholeLine: true, className: 'json-view-selected-state' },
              },
            ]);
          }
        } else {
          reveal(selected);
        }
      }
    });

    // Markers and the selection as they are now.
    const def = store.getState().definition;
    setText(def ? serializeDefinition(def) : '');
    updateMarkers();
    reveal(selectedWidget(store.getState()));

    return () => {
      unsubscribe();
      for (const d of disposables) d.dispose();
      clearTimeout(applyTimer);
      clearTimeout(cursorTimer);
      clearTimeout(markerTimer);
      highlight?.clear();
      // The editor and its model are the wrapper's to dispose, after this (parents clean up first).
    };
  }, [editor, store]);

  const takeCanvasVersion = () => {
    const model = editor?.getModel();
    const def = store.getState().definition;
    if (!model) return;
    errorRef.current = null;
    setError(null);
    setStale(false);
    settingText.current = true;
    try {
      replaceText(model, def ? serializeDefinition(def) : '');
    } finally {
      settingText.current = false;
    }
  };

  return (
    <div className="json-view-body">
      <div className="json-view-editor">
        <Editor
          path={MODEL_URI}
          defaultLanguage="json"
          defaultValue={initialText}
          theme="vs"
          options={EDITOR_OPTIONS}
          saveViewState={false}
          loading={LOADING}
          onMount={setEditor}
        />
      </div>
      {refused !== null && (
        <p className="json-view-status json-view-status-error" role="alert" aria-label="Paste refused">
          {refused}
        </p>
      )}
      <div
        className={error ? 'json-view-status json-view-status-error' : 'json-view-status'}
        role={error ? 'alert' : 'status'}
        aria-label="JSON status"
      >
        {error ? (
          <>
            <span>
              {error.line !== undefined ? `Line ${error.line}, column ${error.column ?? 1}: ` : ''}
              {error.message} The canvas keeps the last valid flow.
            </span>
            {stale ? (
              <span>
                {' '}
                The flow has changed since.{' '}
                <button type="button" className="json-view-discard" onClick={takeCanvasVersion}>
                  Discard JSON edits
                </button>
              </span>
            ) : null}
          </>
        ) : (
          'JSON is valid; edits apply to the canvas.'
        )}
      </div>
    </div>
  );
}
