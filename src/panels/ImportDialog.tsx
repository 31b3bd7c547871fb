import { useEffect, useId, useRef, useState, type RefObject, type SyntheticEvent } from 'react';
import { lineColumnToOffset, type ImportError, type ImportResult } from '../io';
import type { ImportPreview, PendingImport } from '../store/editorStore';
import { formatSize } from '../io';
import { describeEntry, formatErrorPosition } from './format';
import { ImportProgress } from './ImportProgress';
import { INLINE_TEXT_LIMIT, LargeTextArea } from './LargeTextArea';
import { Modal } from '../ui/Modal';
import { SEVERITY_WORDS, SeverityIcon } from '../ui/SeverityIcon';

export interface ImportDialogProps {
  open: boolean;
  /** A list import waiting for the user to choose an entry: shows the chooser instead of the text box. */
  pending: PendingImport | null;
  /** A flow waiting to replace the open one: shows what was detected and its problems, "Replace current flow". */
  preview?: ImportPreview | null;
  onReplace?: () => void;
  /** A flow is open: a successful import goes on to the preview, so the pasted text is kept until replacing. */
  flowOpen?: boolean;
  /**
   * Reads the text through the restore boundary (large texts in a worker); on success the owner opens the flow (or
   * sets `pending` for a list). Rejects when `signal` aborts (the user cancelled).
   */
  onImport: (text: string, signal: AbortSignal) => Promise<ImportResult>;
  onOpenEntry: (index: number) => void;
  /** From the chooser back to the text box. */
  onBack: () => void;
  onClose: () => void;
  fallbackFocusId?: string;
}

/** The text around a position, for an error in text too large to show in the box. */
function excerptAt(text: string, line: number, column: number | undefined): string {
  const offset = lineColumnToOffset(text, line, column ?? 1);
  const start = Math.max(0, offset - 40);
  const end = Math.min(text.length, offset + 40);
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ')}${end < text.length ? '…' : ''}`;
}

function ImportErrorAlert({
  error,
  onShowPosition,
  held,
}: {
  error: ImportError;
  /** Null when the text is held aside (too large to show): an excerpt is shown instead. */
  onShowPosition: (() => void) | null;
  held: string | null;
}) {
  const position = formatErrorPosition(error);
  return (
    <div className="alert" role="alert">
      <p>
        <strong>Could not import this text.</strong> {error.message}
      </p>
      {(position ?? error.pointer) && (
        <p className="alert-where">
          {position && onShowPosition && (
            <button type="button" className="link-button" onClick={onShowPosition}>
              Go to {position}
            </button>
          )}
          {error.pointer && (
            <span>
              At <code>{error.pointer}</code>
            </span>
          )}
        </p>
      )}
      {held !== null && error.line !== undefined && (
        <pre className="alert-excerpt" aria-label={`Text at ${position ?? 'the error'}`}>
          {excerptAt(held, error.line, error.column)}
        </pre>
      )}
    </div>
  );
}

function PasteStep({
  onImport,
  onClose,
  textRef,
  text,
  onTextChange,
  flowOpen,
  open,
}: Pick<ImportDialogProps, 'onImport' | 'onClose' | 'flowOpen' | 'open'> & {
  textRef: RefObject<HTMLTextAreaElement | null>;
  text: string;
  onTextChange: (text: string) => void;
}) {
  const hintId = useId();
  const [error, setError] = useState<ImportError | null>(null);
  const [busy, setBusy] = useState<{ label: string; abort: AbortController } | null>(null);
  const held = text.length >= INLINE_TEXT_LIMIT;

  // A job still running when the dialog closes (or goes away) is cancelled with it.
  useEffect(() => {
    if (!open) busy?.abort.abort();
  }, [open, busy]);
  useEffect(() => () => busy?.abort.abort(), [busy]);

  const submit = (event?: SyntheticEvent) => {
    event?.preventDefault();
    if (busy) return;
    const abort = new AbortController();
    const job = { label: `Reading the pasted text (${formatSize(text.length)})…`, abort };
    setBusy(job);
    setError(null);
    onImport(text, abort.signal).then(
      (result) => {
        setBusy(null);
        if (result.ok) {
          // A list goes on to the chooser, and "Back" returns to this text; a single flow is open: start clean.
          if (result.flows.length <= 1 && !flowOpen) onTextChange('');
          return;
        }
        setError(result.error);
        if (!held) showPosition(result.error);
      },
      () => setBusy(null), // cancelled: the text stays, nothing else changed
    );
  };

  // Put the caret where the parser stopped, so the user can look and fix it there.
  const showPosition = (at: ImportError) => {
    const textarea = textRef.current;
    if (!textarea || at.line === undefined) return;
    const offset = lineColumnToOffset(textarea.value, at.line, at.column);
    textarea.focus();
    textarea.setSelectionRange(offset, offset);
  };

  return (
    <form className="modal-body" onSubmit={submit} aria-busy={busy !== null}>
      <LargeTextArea
        label="Flow JSON"
        value={text}
        onChange={(next) => {
          onTextChange(next);
          if (error) setError(null);
        }}
        textareaRef={textRef}
        describedBy={hintId}
        invalid={error !== null}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event);
        }}
      />
      <p id={hintId} className="hint">
        A flow definition, a Flow or Flow Revision resource from the Studio API, a list of them, or the JSON
        output of <code>twilio api:studio:v2:flows</code>. Ctrl+Enter imports.
      </p>
      {error && (
        <ImportErrorAlert
          error={error}
          onShowPosition={held ? null : () => showPosition(error)}
          held={held ? text : null}
        />
      )}
      {busy && <ImportProgress label={busy.label} onCancel={() => busy.abort.abort()} />}
      <footer className="modal-footer">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy !== null}>
          Import
        </button>
      </footer>
    </form>
  );
}

function ChooseStep({
  pending,
  onOpenEntry,
  onBack,
  selectRef,
}: { pending: PendingImport; selectRef: RefObject<HTMLSelectElement | null> } & Pick<
  ImportDialogProps,
  'onOpenEntry' | 'onBack'
>) {
  const selectId = useId();
  const introId = useId();
  const [index, setIndex] = useState(0);
  const isRevisions = pending.kind === 'revision-list';

  // Pasted text turned out to be a list: the dialog is open already, move on to the choice. (When a list comes
  // from a file, the dialog is not open yet and Modal's initial focus takes care of it.)
  useEffect(() => selectRef.current?.focus(), [selectRef]);

  return (
    <form
      className="modal-body"
      onSubmit={(event) => {
        event.preventDefault();
        onOpenEntry(index);
      }}
    >
      <p id={introId}>
        Detected {pending.label}
        {pending.fileName ? ` in ${pending.fileName}` : ''}. Choose the one to open; all{' '}
        {pending.flows.length} are kept for comparing.
      </p>
      <label htmlFor={selectId} className="field-label">
        {isRevisions ? 'Revision to open' : 'Flow to open'}
      </label>
      <select
        id={selectId}
        ref={selectRef}
        className="entry-list"
        aria-describedby={introId}
        size={Math.min(10, Math.max(2, pending.flows.length))}
        value={String(index)}
        onChange={(event) => setIndex(Number(event.currentTarget.value))}
        onDoubleClick={() => onOpenEntry(index)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            onOpenEntry(index);
          }
        }}
      >
        {pending.flows.map((flow, i) => (
          <option key={i} value={String(i)}>
            {describeEntry(flow.source, i, pending.kind)}
          </option>
        ))}
      </select>
      <footer className="modal-footer">
        <button type="button" className="button" onClick={onBack}>
          Back
        </button>
        <button type="submit" className="button button-primary">
          Open
        </button>
      </footer>
    </form>
  );
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function PreviewStep({
  preview,
  onReplace,
  onCancel,
  replaceRef,
}: {
  preview: ImportPreview;
  onReplace: () => void;
  onCancel: () => void;
  replaceRef: RefObject<HTMLButtonElement | null>;
}) {
  const summaryId = useId();
  const { counts } = preview;
  // Pasted text became a preview while the dialog was open: move on to the decision.
  useEffect(() => replaceRef.current?.focus(), [replaceRef]);
  return (
    <form
      className="modal-body import-preview"
      aria-describedby={summaryId}
      onSubmit={(event) => {
        event.preventDefault();
        onReplace();
      }}
    >
      <div id={summaryId}>
        <p>
          Detected <strong>{preview.label}</strong>
          {preview.fileName ? ` in ${preview.fileName}` : ''}: {plural(preview.widgetCount, 'widget')}.
        </p>
        {preview.checking ? (
          <p role="status">
            <progress aria-label="Checking the flow" /> Checking the flow for problems…
          </p>
        ) : (
          <p>
            Problems: {plural(counts.error, 'error')}, {plural(counts.warning, 'warning')},{' '}
            {plural(counts.info, 'info', 'info')}.
          </p>
        )}
      </div>
      {preview.problems.length > 0 && (
        <ul aria-label="First problems" className="import-preview-problems">
          {preview.problems.map((problem, i) => (
            <li key={i}>
              <span className={`sev-text-${problem.severity}`}>
                <SeverityIcon severity={problem.severity} /> {SEVERITY_WORDS[problem.severity]}
              </span>
              {problem.widget ? ` · ${problem.widget}` : ''}: {problem.message}
            </li>
          ))}
        </ul>
      )}
      <p className="hint">Replacing is one step: Undo brings back the open flow.</p>
      <footer className="modal-footer">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" ref={replaceRef} className="button button-primary">
          Replace current flow
        </button>
      </footer>
    </form>
  );
}

/** "Paste JSON…": paste any Studio JSON, see where it is broken, choose an entry of a list. */
export function ImportDialog({
  open,
  pending,
  preview = null,
  onReplace,
  flowOpen = false,
  onImport,
  onOpenEntry,
  onBack,
  onClose,
  fallbackFocusId,
}: ImportDialogProps) {
  // The text stays while the dialog is closed: text the user cancelled out of is still there when they come back.
  // (A large paste is held as a string and summarised, never put into the text box: see LargeTextArea.)
  const [text, setText] = useState('');
  const textRef = useRef<HTMLTextAreaElement>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  const replaceRef = useRef<HTMLButtonElement>(null);

  // Back from the chooser: the select is gone, so give focus to the text it came from.
  useEffect(() => {
    if (open && !pending && !preview) textRef.current?.focus();
  }, [open, pending, preview]);

  return (
    <Modal
      open={open}
      title="Import flow JSON"
      onClose={onClose}
      initialFocus={() => {
        if (preview) return replaceRef.current;
        if (pending) return selectRef.current;
        // Text left from an earlier visit is selected, so a paste or typing replaces it.
        textRef.current?.select();
        return textRef.current;
      }}
      fallbackFocusId={fallbackFocusId}
      className="import-dialog"
    >
      {preview ? (
        <PreviewStep
          preview={preview}
          onReplace={() => {
            // The flow is replaced: its text is done with.
            setText('');
            onReplace?.();
          }}
          onCancel={onClose}
          replaceRef={replaceRef}
        />
      ) : pending ? (
        <ChooseStep
          pending={pending}
          onOpenEntry={(index) => {
            // The list is open now: its text is done with.
            setText('');
            onOpenEntry(index);
          }}
          onBack={onBack}
          selectRef={selectRef}
        />
      ) : null}
      <div hidden={pending !== null || preview !== null}>
        <PasteStep
          onImport={onImport}
          onClose={onClose}
          textRef={textRef}
          text={text}
          onTextChange={setText}
          flowOpen={flowOpen}
          open={open}
        />
      </div>
    </Modal>
  );
}
