import {
  useDeferredValue,
  useEffect,
  useId,
  useRef,
  useState,
  type RefObject,
  type SyntheticEvent,
} from 'react';
import { formatSize, lineColumnToOffset, type ImportError } from '../io';
import { ImportCancelled, importInput, WORKER_THRESHOLD } from '../store/importJob';
import {
  choiceKey,
  entryOptionLabel,
  parseChoiceKey,
  resolveSide,
  type CompareContext,
  type CompareSide,
  type CompareVersion,
  type SideInput,
  type SideResolution,
  type VersionChoice,
} from '../store/compare';
import { formatErrorPosition, formatImportError } from './format';
import { ImportProgress } from './ImportProgress';
import { LargeTextArea } from './LargeTextArea';
import { Modal } from '../ui/Modal';
import { OpenFileButton } from './OpenFileButton';
import '../styles/diff-view.css';

export interface CompareDialogProps {
  open: boolean;
  /** The open document and the entries of its last list import. */
  context: CompareContext;
  /** The versions chosen when the dialog opens (the running comparison's, or the defaults). */
  initial: Record<CompareSide, VersionChoice>;
  onCompare: (base: CompareVersion, changed: CompareVersion) => void;
  onClose: () => void;
  fallbackFocusId?: string;
}

const SIDES: readonly { side: CompareSide; legend: string; name: string }[] = [
  { side: 'base', legend: 'Base (before)', name: 'Base' },
  { side: 'changed', legend: 'Changed (after)', name: 'Changed' },
];

const emptyInput = (choice: VersionChoice): SideInput => ({ choice, file: null, pasteText: '', entry: 0 });

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function SideError({ error, onShowPosition }: { error: ImportError; onShowPosition?: () => void }) {
  const position = formatErrorPosition(error);
  return (
    <div className="alert compare-side-error" role="alert">
      <p>{formatImportError(error)}</p>
      {position && onShowPosition && (
        <p className="alert-where">
          <button type="button" className="link-button" onClick={onShowPosition}>
            Go to {position}
          </button>
        </p>
      )}
    </div>
  );
}

function SideFields({
  legend,
  name,
  input,
  resolution,
  context,
  onChange,
  selectRef,
  onSubmitShortcut,
}: {
  legend: string;
  name: string;
  input: SideInput;
  resolution: SideResolution;
  context: CompareContext;
  onChange: (patch: Partial<SideInput>) => void;
  selectRef?: RefObject<HTMLSelectElement | null>;
  onSubmitShortcut: (event: SyntheticEvent) => void;
}) {
  const ids = { version: useId(), entry: useId(), status: useId(), hint: useId() };
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const { choice } = input;

  const showPosition = (error: ImportError) => {
    const textarea = textRef.current;
    if (!textarea || error.line === undefined) return;
    const offset = lineColumnToOffset(textarea.value, error.line, error.column);
    textarea.focus();
    textarea.setSelectionRange(offset, offset);
  };

  // A file is read through the restore boundary (bytes decoded as they are; a large one in a worker).
  const [reading, setReading] = useState<{ label: string; abort: AbortController } | null>(null);
  useEffect(() => () => reading?.abort.abort(), [reading]);
  const readFile = (file: File) => {
    setFileError(null);
    reading?.abort.abort();
    const abort = new AbortController();
    setReading({ label: `Reading ${file.name} (${formatSize(file.size)})…`, abort });
    importInput({ kind: 'file', file }, abort.signal).then(
      (result) => {
        setReading(null);
        onChange({ file: { name: file.name, result }, entry: 0 });
      },
      (error: unknown) => {
        setReading(null);
        if (error instanceof ImportCancelled) return;
        setFileError(
          `${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}`,
        );
      },
    );
  };

  // Pasted text too large to read on every render is read once, in a worker, when it changes.
  const { pasteText, pasteRead } = input;
  const needsRead =
    choice.kind === 'paste' && pasteText.length >= WORKER_THRESHOLD && pasteRead?.text !== pasteText;
  useEffect(() => {
    if (!needsRead) return;
    const abort = new AbortController();
    importInput({ kind: 'text', text: pasteText }, abort.signal).then(
      (result) => onChange({ pasteRead: { text: pasteText, result } }),
      () => undefined, // superseded by newer text or the dialog closing
    );
    return () => abort.abort();
    // onChange is a new function on every render of the dialog; the read depends on the text only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [needsRead, pasteText]);

  return (
    <fieldset className="compare-side">
      <legend>{legend}</legend>
      <label htmlFor={ids.version} className="field-label">
        {name} version
      </label>
      <select
        id={ids.version}
        ref={selectRef}
        value={choiceKey(choice)}
        aria-describedby={ids.status}
        onChange={(event) => {
          const next = parseChoiceKey(event.currentTarget.value);
          if (next) onChange({ choice: next, entry: 0 });
        }}
      >
        <option value="current" disabled={!context.definition}>
          Current flow{context.definition ? '' : ' (none open)'}
        </option>
        {context.revisions.length > 0 && (
          <optgroup label="Imported list">
            {context.revisions.map((flow, index) => (
              <option key={index} value={choiceKey({ kind: 'revision', index })}>
                {entryOptionLabel(flow.source, index)}
              </option>
            ))}
          </optgroup>
        )}
        <option value="file">A file…</option>
        <option value="paste">Pasted JSON…</option>
      </select>

      {choice.kind === 'file' && (
        <div className="compare-file">
          <OpenFileButton onFile={readFile}>Open file…</OpenFileButton>
          <span className={input.file ? 'compare-file-name' : 'compare-file-name muted'}>
            {input.file ? input.file.name : 'No file chosen'}
          </span>
        </div>
      )}
      {choice.kind === 'file' && reading && (
        <ImportProgress label={reading.label} onCancel={() => reading.abort.abort()} />
      )}
      {choice.kind === 'file' && fileError !== null && (
        <div className="alert compare-side-error" role="alert">
          <p>{fileError}</p>
        </div>
      )}

      {choice.kind === 'paste' && (
        <>
          <LargeTextArea
            label={`${name} JSON`}
            value={input.pasteText}
            onChange={(text) => onChange({ pasteText: text, entry: 0 })}
            textareaRef={textRef}
            describedBy={ids.hint}
            invalid={resolution.status === 'error'}
            className="json-input compare-text"
            rows={8}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) onSubmitShortcut(event);
            }}
          />
          <p id={ids.hint} className="hint">
            Any flow JSON: a definition, a Flow or Revision resource, a list of them, or CLI output.
            Ctrl+Enter compares.
          </p>
        </>
      )}

      {resolution.entries !== null && (
        <>
          <label htmlFor={ids.entry} className="field-label">
            {name} entry
          </label>
          <select
            id={ids.entry}
            value={String(input.entry)}
            onChange={(event) => onChange({ entry: Number(event.currentTarget.value) })}
          >
            {resolution.entries.map((label, index) => (
              <option key={index} value={String(index)}>
                {label}
              </option>
            ))}
          </select>
        </>
      )}

      <div id={ids.status} className="compare-side-status">
        {resolution.status === 'ready' && (
          <p className="hint">
            {resolution.version.label} · {plural(resolution.version.definition.states.length, 'widget')}
          </p>
        )}
        {resolution.status === 'incomplete' && <p className="hint">{resolution.message}</p>}
      </div>
      {resolution.status === 'error' && (
        <SideError
          error={resolution.error}
          onShowPosition={choice.kind === 'paste' ? () => showPosition(resolution.error) : undefined}
        />
      )}
    </fieldset>
  );
}

/**
 * "Compare versions": the base (before) and the changed version (after), each the open flow, an entry of the last
 * list import (by revision, commit message and date), an opened file or pasted JSON (any format the import
 * understands; for a list, the entry to use). Problems are shown beside the side they belong to, and Compare waits
 * until both sides are valid. Comparing reads the versions only: the open flow is never changed.
 */
export function CompareDialog({
  open,
  context,
  initial,
  onCompare,
  onClose,
  fallbackFocusId,
}: CompareDialogProps) {
  const [inputs, setInputs] = useState<Record<CompareSide, SideInput>>(() => ({
    base: emptyInput(initial.base),
    changed: emptyInput(initial.changed),
  }));
  const baseSelect = useRef<HTMLSelectElement>(null);

  // Each time the dialog opens it starts from `initial` (what is compared now, or the defaults), keeping the text
  // pasted and the files opened earlier. Adjusted during render, React's alternative to an effect copying props.
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setInputs((current) => ({
        base: { ...current.base, choice: initial.base },
        changed: { ...current.changed, choice: initial.changed },
      }));
    }
  }

  // Parsing a pasted megabyte waits for typing to pause.
  const deferred = useDeferredValue(inputs);
  const resolutions: Record<CompareSide, SideResolution> = {
    base: resolveSide(deferred.base, context),
    changed: resolveSide(deferred.changed, context),
  };
  const stale = deferred !== inputs;
  const base = resolutions.base;
  const changed = resolutions.changed;
  const ready = !stale && base.status === 'ready' && changed.status === 'ready';

  const submit = (event?: SyntheticEvent) => {
    event?.preventDefault();
    if (base.status !== 'ready' || changed.status !== 'ready' || stale) return;
    onCompare(base.version, changed.version);
  };

  const update = (side: CompareSide, patch: Partial<SideInput>) =>
    setInputs((current) => ({ ...current, [side]: { ...current[side], ...patch } }));

  return (
    <Modal
      open={open}
      title="Compare versions"
      onClose={onClose}
      initialFocus={() => baseSelect.current}
      fallbackFocusId={fallbackFocusId}
      className="compare-dialog"
    >
      <form className="modal-body compare-body" onSubmit={submit}>
        <p className="hint">
          Choose the version before the change (base) and after it. Comparing never changes the flow you are
          editing.
        </p>
        <div className="compare-sides">
          {SIDES.map(({ side, legend, name }) => (
            <SideFields
              key={side}
              legend={legend}
              name={name}
              input={inputs[side]}
              resolution={resolutions[side]}
              context={context}
              onChange={(patch) => update(side, patch)}
              selectRef={side === 'base' ? baseSelect : undefined}
              onSubmitShortcut={submit}
            />
          ))}
        </div>
        <footer className="modal-footer">
          <button
            type="button"
            className="button"
            onClick={() => setInputs((current) => ({ base: current.changed, changed: current.base }))}
          >
            Swap sides
          </button>
          <span className="compare-footer-gap" />
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={!ready}>
            Compare
          </button>
        </footer>
      </form>
    </Modal>
  );
}
