/**
 * The Studio account's always-present parts, small enough for the first load: the header's link to the flow of the
 * account (SID, revision, status; Save draft and Publish), the failure banner with Retry, Studio's verdict beside the
 * Problems panel, and the bridge that lets the commands (palette, keys) reach the account's dialogs, which load on
 * demand.
 */
import { lazy, Suspense, useLayoutEffect, useState } from 'react';
import type { StudioAction } from '../../commands/types';
import type { FlowDefinition } from '../../model/types';
import type { RemoteStore } from '../../store/remote';
import { useEditor, useEditorApi } from '../../store/react';
import type { EditorStore } from '../../store/editorStore';
import { useCommandHost } from '../CommandsContext';
import { useRemote, useRemoteApi } from './RemoteContext';

const AccountDialogs = lazy(() => import('./AccountDialogs'));

/** `FW1234…cdef`: enough to tell flows apart in the header. */
export function shortSid(sid: string): string {
  return sid.length > 12 ? `${sid.slice(0, 6)}…${sid.slice(-4)}` : sid;
}

/** What the connection is, in words: on the account dialog. */
export function ConnectionSummary() {
  const connection = useRemote((s) => s.connection);
  switch (connection.status) {
    case 'checking':
      return <p className="muted">Checking the connection…</p>;
    case 'unavailable':
      return (
        <div className="account-connection">
          <p>
            <strong>Not connected.</strong> This editor is not served by <code>studio-flow serve</code>, which
            holds the Twilio credentials on your machine and passes the page’s requests to Studio. Everything
            else works offline.
          </p>
          <p>
            To connect, run <code>TWILIO_ACCOUNT_SID=AC… TWILIO_AUTH_TOKEN=… npx studio-flow serve</code> (or
            an API key with <code>TWILIO_API_KEY</code> and <code>TWILIO_API_SECRET</code>) and open the
            address it prints.
          </p>
        </div>
      );
    case 'not-configured':
      return (
        <div className="account-connection">
          <p>
            <strong>Not connected.</strong> The editor’s server has no Twilio credentials. Set{' '}
            <code>TWILIO_ACCOUNT_SID</code> with <code>TWILIO_AUTH_TOKEN</code>, or{' '}
            <code>TWILIO_API_KEY</code> with <code>TWILIO_API_SECRET</code>, in its environment or a{' '}
            <code>.env</code> file (<code>--env-file</code>), and start it again.
          </p>
          {connection.problems.length > 0 && (
            <ul>
              {connection.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      );
    case 'connected':
      return (
        <p className="account-connection" role="status">
          Connected to account <code>{connection.accountSid}</code> with{' '}
          {connection.credential === 'api-key' ? 'an API key' : 'the auth token'}
          {connection.studioUrl ? (
            <>
              {' '}
              at <code>{connection.studioUrl}</code>
            </>
          ) : null}
          .
        </p>
      );
  }
}

/** What a command of the account does, from the palette, the keys or the header. */
function runAction(remote: RemoteStore, editor: EditorStore, action: StudioAction): string | undefined {
  const state = remote.getState();
  const connected = state.connection.status === 'connected';
  const sid = editor.getState().source?.flowSid;
  const name = editor.getState().publish.friendlyName;
  if (action === 'account' || !connected) {
    state.setView({ kind: 'account' });
    if (connected && state.flows.items.length === 0) void state.listFlows();
    return action === 'account' ? undefined : 'Connect the editor to a Studio account first.';
  }
  switch (action) {
    case 'save-draft':
    case 'publish':
      state.setView(
        sid === undefined
          ? { kind: 'create' }
          : { kind: 'save', status: action === 'publish' ? 'published' : 'draft' },
      );
      return undefined;
    case 'validate':
      void state.validateWithStudio().then((ok) => {
        const verdict = remote.getState().verdict;
        if (ok && verdict)
          editor.getState().announce(verdict.valid ? 'Studio accepts the flow.' : 'Studio reports errors.');
      });
      return 'Asking Studio…';
    case 'revisions':
      if (sid === undefined)
        return 'The open flow is not a flow of the account: create it or open one first.';
      state.setView({ kind: 'revisions', sid, name });
      void state.listRevisions(sid);
      return undefined;
    case 'test-users':
      if (sid === undefined)
        return 'The open flow is not a flow of the account: create it or open one first.';
      state.setView({ kind: 'test-users', sid, name });
      void state.loadTestUsers(sid);
      return undefined;
  }
}

/** Lends the commands the account's actions, and mounts the account's dialogs once one is first opened. */
export function StudioBridge() {
  const host = useCommandHost();
  const remote = useRemoteApi();
  const editor = useEditorApi();
  const viewOpen = useRemote((s) => s.view !== null || s.conflict !== null);
  const [loaded, setLoaded] = useState(false);
  if (viewOpen && !loaded) setLoaded(true);
  const { attachStudio } = host;
  useLayoutEffect(
    () => attachStudio({ run: (action) => runAction(remote, editor, action) }),
    [attachStudio, remote, editor],
  );
  if (!loaded) return null;
  return (
    <Suspense fallback={null}>
      <AccountDialogs />
    </Suspense>
  );
}

/** The header's part: the account button, and for a flow of the account its SID, revision, status and saving. */
export function StudioHeader() {
  const host = useCommandHost();
  const connection = useRemote((s) => s.connection.status);
  const busy = useRemote((s) => s.busy);
  const sid = useEditor((s) => s.source?.flowSid);
  const revision = useEditor((s) => s.source?.revision);
  const status = useEditor((s) => s.source?.status);
  const hasFlow = useEditor((s) => s.definition !== null);
  const connected = connection === 'connected';
  return (
    <div className="studio-header" role="group" aria-label="Studio account">
      <button
        type="button"
        className="button"
        aria-haspopup="dialog"
        title={connected ? 'Studio account: connected' : 'Studio account: not connected'}
        onClick={() => void host.run('studio-account')}
      >
        <span className={`studio-dot studio-dot-${connected ? 'on' : 'off'}`} aria-hidden="true" />
        Studio
        <span className="visually-hidden">{connected ? ' (connected)' : ' (not connected)'}</span>
      </button>
      {sid !== undefined && (
        <p className="studio-link" aria-label="Studio flow">
          <code title={sid}>{shortSid(sid)}</code>
          {revision !== undefined && <span> · rev {revision}</span>}
          {status !== undefined && <span> · {status}</span>}
        </p>
      )}
      {connected && hasFlow && (
        <>
          <button
            type="button"
            className="button"
            aria-haspopup="dialog"
            disabled={busy === 'save' || busy === 'publish'}
            onClick={() => void host.run('studio-save-draft')}
          >
            Save draft
          </button>
          <button
            type="button"
            className="button"
            aria-haspopup="dialog"
            disabled={busy === 'save' || busy === 'publish'}
            onClick={() => void host.run('studio-publish')}
          >
            Publish
          </button>
        </>
      )}
    </div>
  );
}

/** A failed request to Studio: what failed, and Retry when trying again may work. Nothing was changed by it. */
export function RemoteErrorBanner() {
  const error = useRemote((s) => s.error);
  const remote = useRemoteApi();
  if (!error) return null;
  return (
    <div className="banner banner-error" role="alert">
      <p>
        {error.message} <span className="muted">Your flow and its undo history are unchanged.</span>
      </p>
      {error.retry && (
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            const retry = error.retry;
            remote.getState().dismissError();
            retry?.();
          }}
        >
          Retry
        </button>
      )}
      <button type="button" className="button button-small" onClick={() => remote.getState().dismissError()}>
        Dismiss
      </button>
    </div>
  );
}

/** Studio's verdict on the open definition, while it still is that definition; its errors are in Problems. */
export function StudioVerdictPanel({ definition }: { definition: FlowDefinition }) {
  const verdict = useRemote((s) => s.verdict);
  const busy = useRemote((s) => s.busy === 'validate');
  const host = useCommandHost();
  if (!verdict && !busy) return null;
  const current = verdict?.definition === definition;
  return (
    <section className="studio-verdict" aria-label="Studio’s verdict">
      <p role="status">
        {busy
          ? 'Asking Studio…'
          : !verdict
            ? null
            : !current
              ? 'Studio’s verdict was for an earlier version of the flow.'
              : verdict.valid && verdict.problems.length === 0
                ? 'Studio accepts this flow.'
                : `Studio reports ${verdict.problems.length} ${verdict.problems.length === 1 ? 'error' : 'errors'} (in Problems).`}{' '}
        {verdict && !busy && (
          <button
            type="button"
            className="button button-small"
            onClick={() => void host.run('studio-validate')}
          >
            {current ? 'Validate again' : 'Validate with Studio'}
          </button>
        )}
      </p>
      {current && verdict.disagreements.length > 0 && (
        <div className="studio-disagreements">
          <p>
            <strong>
              Studio and the offline validator disagree on {verdict.disagreements.length}{' '}
              {verdict.disagreements.length === 1 ? 'point' : 'points'}
            </strong>{' '}
            (a bug in the offline validator: please report it with the flow):
          </p>
          <ul aria-label="Disagreements with Studio">
            {verdict.disagreements.map((d, i) => (
              <li key={i}>
                {d.only === 'studio' ? 'Only Studio: ' : 'Only offline: '}
                {d.problem.widget !== undefined ? `${d.problem.widget}: ` : ''}
                {d.problem.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** Studio's problems on the open definition (empty when it has none, or its verdict is for an earlier version). */
export function useStudioProblems(definition: FlowDefinition | null) {
  return useRemote((s) =>
    s.verdict !== null && s.verdict.definition === definition ? s.verdict.problems : NONE,
  );
}
const NONE: never[] = [];
