/**
 * A read-only, side-by-side Monaco diff of two JSON texts (the diff view's "Widget JSON diff"). Lazily loaded by
 * src/panels/WidgetDiffPanel.tsx, like the JSON view's editor: Monaco is bundled locally (monacoSetup.ts), never
 * fetched. One diff editor per mount; new texts replace the models' values, so moving from widget to widget keeps
 * the editor (and its scroll sync) instead of building another one.
 */
import { useEffect, useRef } from 'react';
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

interface DiffHandles {
  editor: monaco.editor.IStandaloneDiffEditor;
  original: monaco.editor.ITextModel;
  modified: monaco.editor.ITextModel;
  /** Scroll to the first change when the next diff is computed. */
  reveal: boolean;
}

export default function JsonDiffEditor({
  original,
  modified,
  label,
  originalLabel,
  modifiedLabel,
}: JsonDiffEditorProps) {
  const host = useRef<HTMLDivElement | null>(null);
  const handles = useRef<DiffHandles | null>(null);
  // The texts at mount time: later ones go through the effect below.
  const initial = useRef({ original, modified });

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const originalModel = monaco.editor.createModel(initial.current.original, 'json');
    const modifiedModel = monaco.editor.createModel(initial.current.modified, 'json');
    const editor = monaco.editor.createDiffEditor(element, {
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
    });
    editor.setModel({ original: originalModel, modified: modifiedModel });
    handles.current = { editor, original: originalModel, modified: modifiedModel, reveal: true };
    // Once the diff of new texts is computed (in the editor worker), scroll to its first change.
    const onDiff = editor.onDidUpdateDiff(() => {
      const current = handles.current;
      if (!current?.reveal) return;
      current.reveal = false;
      editor.revealFirstDiff();
    });
    return () => {
      onDiff.dispose();
      handles.current = null;
      editor.dispose();
      originalModel.dispose();
      modifiedModel.dispose();
    };
  }, []);

  useEffect(() => {
    const current = handles.current;
    if (!current) return;
    if (current.original.getValue() === original && current.modified.getValue() === modified) return;
    current.reveal = true;
    if (current.original.getValue() !== original) current.original.setValue(original);
    if (current.modified.getValue() !== modified) current.modified.setValue(modified);
  }, [original, modified]);

  useEffect(() => {
    const current = handles.current;
    if (!current) return;
    current.editor.getOriginalEditor().updateOptions({ ariaLabel: originalLabel ?? `${label}: before` });
    current.editor.getModifiedEditor().updateOptions({ ariaLabel: modifiedLabel ?? `${label}: after` });
  }, [label, originalLabel, modifiedLabel]);

  // `nokey`: React Flow's document key handlers (Space, Shift) leave keys typed in here alone (see JsonView).
  return <div className="json-diff-editor nokey" ref={host} role="group" aria-label={label} />;
}
