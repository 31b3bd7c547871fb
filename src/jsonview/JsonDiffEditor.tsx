/**
 * A read-only, side-by-side Monaco diff of two JSON texts (the diff view's "Widget JSON diff"). Lazily loaded by
 * src/panels/WidgetDiffPanel.tsx, like the JSON view's editor: `@monaco-editor/react`'s DiffEditor, with Monaco
 * bundled locally (monacoSetup.ts), never fetched. One diff editor per mount; new texts replace the models' values
 * (the wrapper does that), so moving from widget to widget keeps the editor (and its scroll sync) instead of
 * building another one.
 */
import { useEffect, useRef, useState } from 'react';
import { DiffEditor } from '@monaco-editor/react';
import { monaco } from './monacoSetup';

export interface JsonDiffEditorProps {
  /** The before text (left) and the after text (right). */
  original: string;
  modified: string;
  /** Accessible name of the whole diff. */
  label: string;
  /** Accessible names of each side's editor. */
  originalLabel?: string;
  modifiedLabel?: string;
}

type DiffEditorInstance = monaco.editor.IStandaloneDiffEditor;

/** One object for the editor's life: the wrapper applies options again whenever their identity changes. */
const DIFF_OPTIONS: monaco.editor.IStandaloneDiffEditorConstructionOptions = {
  readOnly: true,
  originalEditable: false,
  renderSideBySide: true,
  // The panel is narrow: stay side by side rather than switching to the inline view.
  useInlineViewWhenSpaceIsLimited: false,
  automaticLayout: true,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  renderOverviewRuler: false,
  fontSize: 12,
  lineNumbersMinChars: 3,
  folding: false,
  glyphMargin: false,
  wordWrap: 'on',
  diffWordWrap: 'on',
  fixedOverflowWidgets: true,
  // Long widgets: unchanged stretches fold away (a click unfolds them), so the changes are what shows.
  hideUnchangedRegions: { enabled: true, contextLineCount: 3, minimumLineCount: 3, revealLineCount: 20 },
};

const LOADING = <p className="hint">Loading the JSON diff…</p>;

export default function JsonDiffEditor({
  original,
  modified,
  label,
  originalLabel,
  modifiedLabel,
}: JsonDiffEditorProps) {
  /** The mounted diff editor (set by the wrapper's onMount). */
  const [editor, setEditor] = useState<DiffEditorInstance | null>(null);
  /** Scroll to the first change when the next diff is computed: at mount, and whenever the texts change. */
  const reveal = useRef(true);

  useEffect(() => {
    // The wrapper has just put the new texts into the models; the diff of them is computed later, in the worker.
    reveal.current = true;
  }, [original, modified]);

  useEffect(() => {
    if (!editor) return;
    const onDiff = editor.onDidUpdateDiff(() => {
      if (!reveal.current) return;
      reveal.current = false;
      editor.revealFirstDiff();
    });
    return () => {
      onDiff.dispose();
      // The models are ours to dispose (keepCurrent*Model below): the wrapper would dispose them before the diff
      // editor, which Monaco reports as an error ("TextModel got disposed before DiffEditorWidget model got
      // reset"). Detached first, they go quietly; the wrapper then disposes the editor (parents clean up first).
      const models = editor.getModel();
      editor.setModel(null);
      models?.original.dispose();
      models?.modified.dispose();
    };
  }, [editor]);

  useEffect(() => {
    if (!editor) return;
    editor.getOriginalEditor().updateOptions({ ariaLabel: originalLabel ?? `${label}: before` });
    editor.getModifiedEditor().updateOptions({ ariaLabel: modifiedLabel ?? `${label}: after` });
  }, [editor, label, originalLabel, modifiedLabel]);

  // `nokey`: React Flow's document key handlers (Space, Shift) leave keys typed in here alone (see JsonView).
  return (
    <div className="json-diff-editor nokey" role="group" aria-label={label}>
      <DiffEditor
        original={original}
        modified={modified}
        language="json"
        theme="vs"
        options={DIFF_OPTIONS}
        keepCurrentOriginalModel
        keepCurrentModifiedModel
        loading={LOADING}
        onMount={setEditor}
      />
    </div>
  );
}
