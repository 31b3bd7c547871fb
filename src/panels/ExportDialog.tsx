import { memo, useDeferredValue, useId, useMemo, useState } from 'react';
import { flowToSvg, svgToPngBlob } from '../canvas/exportImage';
import type { FlowDefinition } from '../model/types';
import {
  createFlowPayload,
  curlCommand,
  flowRequestUrl,
  serializeDefinition,
  twilioCliCommand,
  updateFlowPayload,
  type FlowCommandInput,
  type FlowStatus,
} from '../io';
import { exportFileName, type PublishSettings } from '../store/publishSettings';
import { useDownload } from './useDownload';
import { Modal } from '../ui/Modal';
import '../styles/export.css';

export interface ExportDialogProps {
  open: boolean;
  definition: FlowDefinition | null;
  /**
   * The flow as the canvas draws it, for the images: the definition itself, or it with the layout it was opened
   * with when it has no usable positions (see `canvasDefinition`). Default: `definition`.
   */
  imageDefinition?: FlowDefinition | null;
  /** Name of the file the flow was opened from: the download's name when the friendly name leaves nothing. */
  fileName: string | null;
  /** SID of the flow it came from (Flow/Revision resources): prefills "Flow SID", i.e. an UpdateFlow. */
  flowSid: string | undefined;
  publish: PublishSettings;
  onPublishChange: (patch: Partial<PublishSettings>) => void;
  onClose: () => void;
  fallbackFocusId?: string;
}

/** Offsets snap to the canvas grid. */
const SNAP_GRID = 10;
/** Linux refuses one command-line argument longer than 128 KiB (MAX_ARG_STRLEN). */
const MAX_SHELL_ARGUMENT = 128 * 1024;

/** Pixels per canvas pixel in the PNG (scaled down for huge flows, see exportImage's canvas limits). */
const PNG_SCALE = 2;

const STATUSES: readonly FlowStatus[] = ['draft', 'published'];

function isStatus(value: string): value is FlowStatus {
  return STATUSES.some((s) => s === value);
}

/**
 * A labelled read-only text. Memoised: typing elsewhere in the dialog does not re-render a megabyte of JSON when
 * the text has not changed.
 */
const OutputText = memo(function OutputText({
  label,
  value,
  rows,
  describedBy,
}: {
  label: string;
  value: string;
  rows: number;
  describedBy?: string;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <textarea
        id={id}
        className="json-input export-output"
        value={value}
        readOnly
        rows={rows}
        wrap="off"
        spellCheck={false}
        aria-describedby={describedBy}
      />
    </>
  );
});

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The Flows API request for the settings: CreateFlow without a SID, UpdateFlow with one. */
function apiInput(definition: FlowDefinition, publish: PublishSettings, sid: string): FlowCommandInput {
  const commitMessage = publish.commitMessage === '' ? undefined : publish.commitMessage;
  if (sid === '')
    return { definition, status: publish.status, commitMessage, friendlyName: publish.friendlyName };
  return {
    definition,
    status: publish.status,
    commitMessage,
    friendlyName: publish.friendlyName === '' ? undefined : publish.friendlyName,
    flowSid: sid,
  };
}

function ExportBody({
  definition,
  imageDefinition,
  fileName,
  flowSid: sourceFlowSid,
  publish,
  onPublishChange,
}: Omit<ExportDialogProps, 'open' | 'definition' | 'fallbackFocusId' | 'onClose'> & {
  definition: FlowDefinition;
}) {
  const ids = {
    definition: useId(),
    api: useId(),
    friendlyName: useId(),
    friendlyNameHint: useId(),
    status: useId(),
    commitMessage: useId(),
    flowSid: useId(),
    flowSidHint: useId(),
    requestHint: useId(),
    image: useId(),
  };
  const [canonical, setCanonical] = useState(false);
  const [snap, setSnap] = useState(false);
  // Not remembered: prefilled from where the flow came from every time the dialog opens.
  const [flowSid, setFlowSid] = useState(sourceFlowSid ?? '');
  const [message, setMessage] = useState('');

  const text = useMemo(
    () =>
      serializeDefinition(
        definition,
        canonical ? { canonical: true, snapOffsets: snap ? SNAP_GRID : undefined } : {},
      ),
    [definition, canonical, snap],
  );
  const downloadName = exportFileName(publish.friendlyName, fileName);

  // The requests are rebuilt from deferred values: typing stays responsive with thousands of widgets.
  const deferredPublish = useDeferredValue(publish);
  const sid = useDeferredValue(flowSid.trim());
  const api = useMemo(() => {
    const input = apiInput(definition, deferredPublish, sid);
    return {
      payload: input.flowSid === undefined ? createFlowPayload(input) : updateFlowPayload(input),
      curl: curlCommand(input),
      cli: twilioCliCommand(input),
    };
  }, [definition, deferredPublish, sid]);
  const tooLongForShell = useMemo(() => JSON.stringify(definition).length > MAX_SHELL_ARGUMENT, [definition]);
  const isUpdate = flowSid.trim() !== '';
  const missingName = !isUpdate && publish.friendlyName.trim() === '';

  const copy = (value: string, what: string) => {
    setMessage('');
    navigator.clipboard.writeText(value).then(
      () => setMessage(`Copied the ${what} to the clipboard.`),
      (error: unknown) => setMessage(`Could not copy the ${what}: ${describeError(error)}`),
    );
  };

  const saveBlob = useDownload(setMessage);
  const download = () => saveBlob(new Blob([text], { type: 'application/json' }), downloadName);

  // The image files are named like the JSON download: `<name>.svg`, `<name>.png`.
  const imageBase = downloadName.replace(/\.json$/i, '');
  const [rendering, setRendering] = useState(false);
  const downloadSvg = () => {
    saveBlob(
      new Blob([flowToSvg(imageDefinition ?? definition)], { type: 'image/svg+xml' }),
      `${imageBase}.svg`,
    );
  };
  const downloadPng = () => {
    const name = `${imageBase}.png`;
    setRendering(true);
    setMessage(`Making ${name}…`);
    svgToPngBlob(flowToSvg(imageDefinition ?? definition), PNG_SCALE).then(
      (blob) => {
        setRendering(false);
        saveBlob(blob, name);
      },
      (error: unknown) => {
        setRendering(false);
        setMessage(`Could not make the PNG: ${describeError(error)}`);
      },
    );
  };

  return (
    <div className="modal-body export-body">
      <section className="export-section" aria-labelledby={ids.definition}>
        <h3 id={ids.definition}>Definition</h3>
        <div className="export-options">
          <label className="export-check">
            <input
              type="checkbox"
              checked={canonical}
              onChange={(event) => setCanonical(event.currentTarget.checked)}
            />
            Canonical key order
          </label>
          <label className="export-check">
            <input
              type="checkbox"
              checked={canonical && snap}
              disabled={!canonical}
              onChange={(event) => setSnap(event.currentTarget.checked)}
            />
            Snap offsets to the 10 px grid
          </label>
        </div>
        <p className="hint">
          {canonical
            ? 'Keys in one stable order, so that exports of the same flow diff cleanly in git.'
            : 'Exactly as held: key order as opened, 2-space indentation.'}
        </p>
        <OutputText label="Exported JSON" value={text} rows={12} />
        <div className="export-actions">
          <button type="button" className="button button-primary" onClick={download}>
            Download
          </button>
          <button type="button" className="button" onClick={() => copy(text, 'definition')}>
            Copy to clipboard
          </button>
          <span className="hint">{downloadName}</span>
        </div>
      </section>

      <section className="export-section" aria-labelledby={ids.image}>
        <h3 id={ids.image}>Image</h3>
        <p className="hint">
          The whole flow, every widget and connection, whatever part of it the canvas shows: SVG (vector) or
          PNG.
        </p>
        <div className="export-actions">
          <button type="button" className="button" onClick={downloadSvg}>
            Download SVG
          </button>
          <button type="button" className="button" onClick={downloadPng} disabled={rendering}>
            Download PNG
          </button>
          <span className="hint">
            {imageBase}.svg, {imageBase}.png
          </span>
        </div>
      </section>

      <section className="export-section" aria-labelledby={ids.api}>
        <h3 id={ids.api}>Flows API</h3>
        <div className="export-fields">
          <label htmlFor={ids.friendlyName} className="field-label">
            Friendly name
          </label>
          <div>
            <input
              id={ids.friendlyName}
              type="text"
              value={publish.friendlyName}
              aria-invalid={missingName}
              aria-describedby={missingName ? ids.friendlyNameHint : undefined}
              onChange={(event) => onPublishChange({ friendlyName: event.currentTarget.value })}
            />
            {missingName && (
              <p id={ids.friendlyNameHint} className="hint export-warning">
                CreateFlow requires a friendly name.
              </p>
            )}
          </div>
          <label htmlFor={ids.status} className="field-label">
            Status
          </label>
          <select
            id={ids.status}
            value={publish.status}
            onChange={(event) => {
              const value = event.currentTarget.value;
              if (isStatus(value)) onPublishChange({ status: value });
            }}
          >
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
          <label htmlFor={ids.commitMessage} className="field-label">
            Commit message
          </label>
          <input
            id={ids.commitMessage}
            type="text"
            value={publish.commitMessage}
            onChange={(event) => onPublishChange({ commitMessage: event.currentTarget.value })}
          />
          <label htmlFor={ids.flowSid} className="field-label">
            Flow SID
          </label>
          <div>
            <input
              id={ids.flowSid}
              type="text"
              value={flowSid}
              placeholder="FW…"
              spellCheck={false}
              autoComplete="off"
              aria-describedby={ids.flowSidHint}
              onChange={(event) => setFlowSid(event.currentTarget.value)}
            />
            <p id={ids.flowSidHint} className="hint">
              Empty: create a new flow. Filled: update that flow (a new revision).
            </p>
          </div>
        </div>
        <p id={ids.requestHint} className="hint">
          {isUpdate ? 'UpdateFlow' : 'CreateFlow'}:{' '}
          <code>POST {flowRequestUrl(isUpdate ? sid : undefined)}</code>. Credentials come from{' '}
          <code>$TWILIO_ACCOUNT_SID</code> and <code>$TWILIO_AUTH_TOKEN</code> (curl) or the active twilio CLI
          profile; this app never asks for them.
          {tooLongForShell &&
            ' This definition is longer than one shell argument may be on Linux (128 KiB): download it and send it with curl’s --data-urlencode Definition@file.json.'}
        </p>
        <OutputText label="Form-encoded payload" value={api.payload} rows={4} describedBy={ids.requestHint} />
        <div className="export-actions">
          <button type="button" className="button" onClick={() => copy(api.payload, 'form-encoded payload')}>
            Copy form-encoded payload
          </button>
        </div>
        <OutputText label="curl command" value={api.curl} rows={6} describedBy={ids.requestHint} />
        <div className="export-actions">
          <button type="button" className="button" onClick={() => copy(api.curl, 'curl command')}>
            Copy curl command
          </button>
        </div>
        <OutputText label="twilio CLI command" value={api.cli} rows={6} describedBy={ids.requestHint} />
        <div className="export-actions">
          <button type="button" className="button" onClick={() => copy(api.cli, 'twilio CLI command')}>
            Copy twilio CLI command
          </button>
        </div>
      </section>

      <footer className="modal-footer export-footer">
        <p className="export-message" role="status">
          {message}
        </p>
      </footer>
    </div>
  );
}

/**
 * "Export flow": the definition as a download or on the clipboard (as held, or canonical for git), and the Flows API
 * requests (form body, curl, twilio CLI) with the friendly name, status and commit message, which are remembered
 * with the document. Nothing is computed while the dialog is closed.
 */
export function ExportDialog({ open, definition, fallbackFocusId, onClose, ...rest }: ExportDialogProps) {
  return (
    <Modal
      open={open}
      title="Export flow"
      onClose={onClose}
      fallbackFocusId={fallbackFocusId}
      className="export-dialog"
    >
      {open && definition && <ExportBody definition={definition} {...rest} />}
    </Modal>
  );
}
