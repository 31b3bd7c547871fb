/**
 * A read-only, side-by-side Monaco diff of two JSON texts (the diff view's "Widget JSON diff"). Lazily loaded by
 * src/panels/WidgetDiffPanel.tsx, like the JSON view's editor: `@monaco-editor/react`'s DiffEditor, with Monaco
 * bundled locally (monacoSetup.ts), never fetched. One diff editor per mount; new texts replace the models' values,
 * so moving from widget to widget keeps the editor (and its scroll sync) instead of building another one.
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
  // The wrapper is given the texts of the first mount only: it would put later texts into the two models in two
  // effects, the modified side first, and Monaco was seen to throw in between ("startLineNumber … cannot be after
  // endLineNumberExclusive …", the last diff mapped onto one new and one old text). Later texts go into the same
  // models here, in one step, the original side first, as this editor did before the wrapper. (Swapping in a new
  // pair of models instead leaves the diff of the old pair in flight, and it fails once they are disposed.)
  const [initial] = useState(() => ({ original, modified }));

  useEffect(() => {
    const models = editor?.getModel();
    if (!models) return;
    if (models.original.getValue() === original && models.modified.getValue() === modified) return;
    reveal.current = true;
    if (models.original.getValue() !== original) models.original.setValue(original);
    if (models.modified.getValue() !== modified) models.modified.setValue(modified);
  }, [editor, original, modified]);

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
        original={initial.original}
        modified={initial.modified}
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
