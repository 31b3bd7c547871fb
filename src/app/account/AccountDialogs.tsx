/**
 * The Studio account's dialogs, loaded on demand (the first time one opens): the account's flows, save and publish,
 * create, delete, revisions (view one read-only, open it, compare two), test users, and the conflict a save can run
 * into. Everything they do goes through the remote store (src/store/remote.ts); comparisons through the compare
 * store, so the existing compare mode shows them.
 */
import { useEffect, useId, useMemo, useState, type SyntheticEvent } from 'react';
import { flowToSvg } from '../../canvas/exportImage';
import type { FlowDefinition } from '../../model/types';
import { serializeDefinition } from '../../io';
import { countsText, diffOf, loadDiff, type CompareVersion } from '../../store/compare';
import type { FlowRevision, FlowStatus, StudioFlow } from '../../studio/types';
import { useEditor, useEditorApi } from '../../store/react';
import { Modal } from '../../ui/Modal';
import { SortHeader, type TableSort } from '../../ui/SortHeader';
import { useCompareStoreApi } from '../CompareStoreContext';
import { WIDGETS_GRID_ID } from '../ids';
import { useRemote, useRemoteApi } from './RemoteContext';
import { ConnectionSummary } from './StudioStatus';
import '../../styles/account.css';

function formatWhen(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function version(definition: FlowDefinition, label: string, name: string | null): CompareVersion {
  // Versions from the account are no choice of the compare dialog: reopening it asks again.
  return { definition, label, name, choice: { kind: 'paste' } };
}

/** Starts compare mode with two versions (the diff is loaded first), closing the account's dialog. */
function useCompare() {
  const compare = useCompareStoreApi();
  const remote = useRemoteApi();
  return async (base: CompareVersion, changed: CompareVersion) => {
    await loadDiff();
    compare.getState().start(base, changed);
    remote.getState().setView(null);
    remote.getState().dismissConflict();
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The account: its flows

type SortKey = 'name' | 'status' | 'revision' | 'updated';
type Sort = TableSort<SortKey>;
const SORT_COLUMNS: readonly (readonly [SortKey, string])[] = [
  ['name', 'Name'],
  ['status', 'Status'],
  ['revision', 'Revision'],
  ['updated', 'Last update'],
];

function sortFlows(flows: readonly StudioFlow[], sort: Sort): StudioFlow[] {
  const value = (f: StudioFlow): string | number =>
    sort.key === 'name'
      ? f.friendly_name.toLowerCase()
      : sort.key === 'status'
        ? f.status
        : sort.key === 'revision'
          ? f.revision
          : Date.parse(f.date_updated ?? f.date_created);
  const sign = sort.descending ? -1 : 1;
  return [...flows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    return x < y ? -sign : x > y ? sign : 0;
  });
}

function FlowsTable({
  flows,
  sort,
  onSort,
}: {
  flows: readonly StudioFlow[];
  sort: Sort;
  onSort: (sort: Sort) => void;
}) {
  const remote = useRemoteApi();
  const busy = useRemote((s) => s.busy);
  const openSid = useEditor((s) => s.source?.flowSid);
  if (flows.length === 0) return <p className="muted">No flows match.</p>;
  return (
    <table className="account-table">
      <caption className="visually-hidden">Flows of the account</caption>
      <thead>
        <tr>
          {SORT_COLUMNS.map(([key, label]) => (
            <SortHeader
              key={key}
              column={key}
              label={label}
              sort={sort}
              onSort={onSort}
              descendingFirst={key === 'updated' || key === 'revision'}
            />
          ))}
          <th scope="col">SID</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {flows.map((f) => (
          <tr key={f.sid} aria-current={f.sid === openSid ? 'true' : undefined}>
            <th scope="row">{f.friendly_name}</th>
            <td>{f.status}</td>
            <td>{f.revision}</td>
            <td>{formatWhen(f.date_updated ?? f.date_created)}</td>
            <td>
              <code>{f.sid}</code>
            </td>
            <td className="account-actions">
              <button
                type="button"
                className="button button-small"
                aria-label={`Open ${f.friendly_name}`}
                disabled={busy !== null}
                onClick={() => {
                  void remote
                    .getState()
                    .openFlow(f.sid)
                    .then((ok) => {
                      if (ok) remote.getState().setView(null);
                    });
                }}
              >
                Open
              </button>
              <button
                type="button"
                className="button button-small"
                aria-label={`Revisions of ${f.friendly_name}`}
                onClick={() => {
                  remote.getState().setView({ kind: 'revisions', sid: f.sid, name: f.friendly_name });
                  void remote.getState().listRevisions(f.sid);
                }}
              >
                Revisions
              </button>
              <button
                type="button"
                className="button button-small"
                aria-label={`Test users of ${f.friendly_name}`}
                onClick={() => {
                  remote.getState().setView({ kind: 'test-users', sid: f.sid, name: f.friendly_name });
                  void remote.getState().loadTestUsers(f.sid);
                }}
              >
                Test users
              </button>
              <button
                type="button"
                className="button button-small button-danger"
                aria-label={`Delete ${f.friendly_name}`}
                onClick={() =>
                  remote.getState().setView({ kind: 'delete', sid: f.sid, name: f.friendly_name })
                }
              >
                Delete
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AccountDialog() {
  const remote = useRemoteApi();
  const open = useRemote((s) => s.view?.kind === 'account');
  const connection = useRemote((s) => s.connection);
  const flows = useRemote((s) => s.flows);
  const hasFlow = useEditor((s) => s.definition !== null);
  const linked = useEditor((s) => s.source?.flowSid !== undefined);
  const [name, setName] = useState('');
  const [status, setStatus] = useState<'all' | FlowStatus>('all');
  const [sort, setSort] = useState<Sort>({ key: 'updated', descending: true });
  const nameId = useId();
  const statusId = useId();
  const connected = connection.status === 'connected';
  const shown = useMemo(() => {
    const words = name.trim().toLowerCase();
    return sortFlows(
      flows.items.filter(
        (f) =>
          (status === 'all' || f.status === status) &&
          (words === '' || f.friendly_name.toLowerCase().includes(words)),
      ),
      sort,
    );
  }, [flows.items, name, status, sort]);
  const close = () => remote.getState().setView(null);
  return (
    <Modal
      open={open}
      title="Studio account"
      onClose={close}
      className="account-dialog"
      fallbackFocusId={WIDGETS_GRID_ID}
    >
      <div className="modal-body account-body">
        <ConnectionSummary />
        {connected && (
          <>
            <div className="account-filters" role="group" aria-label="Filter flows">
              <label htmlFor={nameId}>Name</label>
              <input
                id={nameId}
                type="search"
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
              />
              <label htmlFor={statusId}>Status</label>
              <select
                id={statusId}
                value={status}
                onChange={(e) => setStatus(e.currentTarget.value as 'all' | FlowStatus)}
              >
                <option value="all">All</option>
                <option value="draft">Draft</option>
                <option value="published">Published</option>
              </select>
              <button
                type="button"
                className="button button-small"
                onClick={() => void remote.getState().listFlows()}
              >
                Refresh
              </button>
            </div>
            <div className="account-list" aria-busy={flows.loading}>
              {flows.loading && flows.items.length === 0 ? (
                <p className="muted">Loading flows…</p>
              ) : (
                <FlowsTable flows={shown} sort={sort} onSort={setSort} />
              )}
            </div>
            {flows.meta && (
              <nav className="account-paging" aria-label="Pages of flows">
                <button
                  type="button"
                  className="button button-small"
                  disabled={!flows.meta.previous_page_url}
                  onClick={() => void remote.getState().listFlows(flows.meta?.previous_page_url)}
                >
                  Previous page
                </button>
                <span>Page {flows.meta.page + 1}</span>
                <button
                  type="button"
                  className="button button-small"
                  disabled={!flows.meta.next_page_url}
                  onClick={() => void remote.getState().listFlows(flows.meta?.next_page_url)}
                >
                  Next page
                </button>
              </nav>
            )}
          </>
        )}
      </div>
      <footer className="modal-footer">
        {connected && hasFlow && !linked && (
          <button
            type="button"
            className="button"
            onClick={() => remote.getState().setView({ kind: 'create' })}
          >
            Create flow from the open document…
          </button>
        )}
        <button type="button" className="button" onClick={close}>
          Close
        </button>
      </footer>
    </Modal>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Save, publish, create, delete

function SaveDialog() {
  const remote = useRemoteApi();
  const view = useRemote((s) => s.view);
  const busy = useRemote((s) => s.busy);
  const source = useEditor((s) => s.source);
  const publish = useEditor((s) => s.publish);
  const setPublish = useEditor((s) => s.setPublish);
  const open = view?.kind === 'save';
  const status: FlowStatus = view?.kind === 'save' ? view.status : 'draft';
  const nameId = useId();
  const messageId = useId();
  const verb = status === 'published' ? 'Publish' : 'Save draft';
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void remote
      .getState()
      .save({ status, commitMessage: publish.commitMessage })
      .then((outcome) => {
        if (outcome !== 'failed') remote.getState().setView(null);
      });
  };
  return (
    <Modal
      open={open}
      title={status === 'published' ? 'Publish to Studio' : 'Save draft to Studio'}
      onClose={() => remote.getState().setView(null)}
    >
      <form onSubmit={submit}>
        <div className="modal-body account-form">
          <p>
            {source?.flowSid ? (
              <>
                Flow <code>{source.flowSid}</code>, revision {source.revision ?? '?'}: Studio makes a new
                revision.
              </>
            ) : null}
          </p>
          <label htmlFor={nameId}>Friendly name</label>
          <input
            id={nameId}
            required
            value={publish.friendlyName}
            onChange={(e) => setPublish({ friendlyName: e.currentTarget.value })}
          />
          <label htmlFor={messageId}>Commit message</label>
          <input
            id={messageId}
            value={publish.commitMessage}
            placeholder="What changed (optional)"
            onChange={(e) => setPublish({ commitMessage: e.currentTarget.value })}
          />
        </div>
        <footer className="modal-footer">
          <button type="button" className="button" onClick={() => remote.getState().setView(null)}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy !== null}>
            {busy === 'save' || busy === 'publish' ? `${verb}…` : verb}
          </button>
        </footer>
      </form>
    </Modal>
  );
}

function CreateDialog() {
  const remote = useRemoteApi();
  const open = useRemote((s) => s.view?.kind === 'create');
  return (
    <Modal open={open} title="Create flow in Studio" onClose={() => remote.getState().setView(null)}>
      {open && <CreateForm />}
    </Modal>
  );
}

/** Mounted each time the dialog opens: it starts from the document's friendly name. */
function CreateForm() {
  const remote = useRemoteApi();
  const busy = useRemote((s) => s.busy);
  const friendlyName = useEditor((s) => s.publish.friendlyName);
  const [name, setName] = useState(friendlyName);
  const [status, setStatus] = useState<FlowStatus>('draft');
  const [message, setMessage] = useState('');
  const nameId = useId();
  const messageId = useId();
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void remote
      .getState()
      .create({ friendlyName: name, status, commitMessage: message })
      .then((ok) => {
        if (ok) remote.getState().setView(null);
      });
  };
  return (
    <form onSubmit={submit}>
      <div className="modal-body account-form">
        <p>The open document becomes a new flow of the account (CreateFlow).</p>
        <label htmlFor={nameId}>Friendly name</label>
        <input id={nameId} required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <fieldset>
          <legend>Status</legend>
          <label>
            <input
              type="radio"
              name="create-status"
              checked={status === 'draft'}
              onChange={() => setStatus('draft')}
            />{' '}
            Draft
          </label>
          <label>
            <input
              type="radio"
              name="create-status"
              checked={status === 'published'}
              onChange={() => setStatus('published')}
            />{' '}
            Published
          </label>
        </fieldset>
        <label htmlFor={messageId}>Commit message</label>
        <input id={messageId} value={message} onChange={(e) => setMessage(e.currentTarget.value)} />
      </div>
      <footer className="modal-footer">
        <button type="button" className="button" onClick={() => remote.getState().setView(null)}>
          Cancel
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={busy !== null || name.trim() === ''}
        >
          Create flow
        </button>
      </footer>
    </form>
  );
}

function DeleteDialog() {
  const remote = useRemoteApi();
  const view = useRemote((s) => s.view);
  const busy = useRemote((s) => s.busy);
  const questionId = useId();
  const target = view?.kind === 'delete' ? view : null;
  return (
    <Modal
      open={target !== null}
      title="Delete flow"
      role="alertdialog"
      describedBy={questionId}
      onClose={() => remote.getState().setView({ kind: 'account' })}
    >
      <div className="modal-body">
        <p id={questionId}>
          Delete “{target?.name}” (<code>{target?.sid}</code>) from the Studio account? Studio keeps no copy:
          its revisions and executions go with it. A flow open here stays open, no longer linked.
        </p>
      </div>
      <footer className="modal-footer">
        <button
          type="button"
          className="button"
          onClick={() => remote.getState().setView({ kind: 'account' })}
        >
          Keep it
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={busy !== null}
          onClick={() => {
            if (!target) return;
            void remote
              .getState()
              .deleteFlow(target.sid)
              .then(() => remote.getState().setView({ kind: 'account' }));
          }}
        >
          Delete “{target?.name}”
        </button>
      </footer>
    </Modal>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// A save that ran into a newer revision

function ServerChanges({ base, server }: { base: FlowDefinition; server: FlowDefinition }) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void loadDiff().then(() => {
      if (live) setText(countsText(diffOf(base, server), false));
    });
    return () => {
      live = false;
    };
  }, [base, server]);
  return <p>{text === null ? 'Comparing…' : `Changed on Studio since then: ${text}.`}</p>;
}

function ConflictDialog() {
  const remote = useRemoteApi();
  const conflict = useRemote((s) => s.conflict);
  const busy = useRemote((s) => s.busy);
  const editor = useEditorApi();
  const known = useEditor((s) => s.source?.revision);
  const questionId = useId();
  const compare = useCompare();
  if (!conflict) return null;
  const { server, base } = conflict;
  const serverLabel = `Studio revision ${server.revision}`;
  const serverDefinition = server.definition as FlowDefinition;
  return (
    <Modal
      open
      title="Studio has a newer revision"
      role="alertdialog"
      describedBy={questionId}
      onClose={() => remote.getState().dismissConflict()}
    >
      <div className="modal-body">
        <p id={questionId}>
          “{server.friendly_name}” moved from revision {known ?? '?'} to revision {server.revision} since you
          opened it
          {server.commit_message ? ` (“${server.commit_message}”)` : ''}, {formatWhen(server.date_updated)}.
          Saving now would replace that work. Nothing is saved yet.
        </p>
        {base ? (
          <ServerChanges base={base.definition as FlowDefinition} server={serverDefinition} />
        ) : (
          <p>Revision {known ?? '?'} is no longer on Studio, so what changed cannot be shown.</p>
        )}
      </div>
      <footer className="modal-footer account-conflict-actions">
        {base && (
          <button
            type="button"
            className="button"
            onClick={() =>
              void compare(
                version(
                  base.definition as FlowDefinition,
                  `Studio revision ${base.revision}`,
                  server.friendly_name,
                ),
                version(serverDefinition, serverLabel, server.friendly_name),
              )
            }
          >
            Compare Studio’s changes
          </button>
        )}
        <button
          type="button"
          className="button"
          onClick={() => {
            const mine = editor.getState().definition;
            if (mine)
              void compare(
                version(serverDefinition, serverLabel, server.friendly_name),
                version(mine, 'My edits', server.friendly_name),
              );
          }}
        >
          Compare with my edits
        </button>
        <button type="button" className="button" onClick={() => remote.getState().reloadFromServer()}>
          Reload Studio’s version
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={busy !== null}
          onClick={() =>
            void remote
              .getState()
              .save({ status: conflict.status, commitMessage: conflict.commitMessage, force: true })
          }
        >
          Overwrite revision {server.revision}
        </button>
        <button type="button" className="button" onClick={() => remote.getState().dismissConflict()}>
          Cancel
        </button>
      </footer>
    </Modal>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Revisions

function RevisionsDialog() {
  const remote = useRemoteApi();
  const view = useRemote((s) => s.view);
  const revisions = useRemote((s) => s.revisions);
  const busy = useRemote((s) => s.busy);
  const editor = useEditorApi();
  const openSid = useEditor((s) => s.source?.flowSid);
  const compare = useCompare();
  const target = view?.kind === 'revisions' ? view : null;
  // The revisions picked for comparing, for the flow they were picked on (another flow starts with none).
  const [pickedFor, setPickedFor] = useState<{ sid: string; revisions: readonly number[] } | null>(null);
  const picked = pickedFor !== null && pickedFor.sid === target?.sid ? pickedFor.revisions : [];
  const setPicked = (update: (p: readonly number[]) => readonly number[]) => {
    if (target) setPickedFor({ sid: target.sid, revisions: update(picked) });
  };
  const byNumber = (n: number) => revisions.items.find((r) => r.revision === n);
  const compareRevisions = async (a: number, b: number) => {
    if (!target) return;
    const [older, newer] = a < b ? [a, b] : [b, a];
    const [base, changed] = await Promise.all([
      byNumber(older) ?? remote.getState().fetchRevision(target.sid, older),
      byNumber(newer) ?? remote.getState().fetchRevision(target.sid, newer),
    ]);
    if (base && changed)
      await compare(
        version(base.definition as FlowDefinition, `Revision ${base.revision}`, base.friendly_name),
        version(changed.definition as FlowDefinition, `Revision ${changed.revision}`, changed.friendly_name),
      );
  };
  const latest = revisions.items[0];
  return (
    <Modal
      open={target !== null}
      title={`Revisions of ${target?.name ?? ''}`}
      onClose={() => remote.getState().setView(null)}
      className="account-dialog"
    >
      <div className="modal-body account-body">
        {revisions.loading && revisions.items.length === 0 ? (
          <p className="muted">Loading revisions…</p>
        ) : (
          <table className="account-table">
            <caption className="visually-hidden">Revisions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Compare</th>
                <th scope="col">Revision</th>
                <th scope="col">Status</th>
                <th scope="col">Commit message</th>
                <th scope="col">Date</th>
                <th scope="col">Valid</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {revisions.items.map((r) => (
                <tr key={r.revision}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Compare revision ${r.revision}`}
                      checked={picked.includes(r.revision)}
                      onChange={(e) => {
                        const on = e.currentTarget.checked;
                        setPicked((p) =>
                          on
                            ? [...p.filter((n) => n !== r.revision), r.revision].slice(-2)
                            : p.filter((n) => n !== r.revision),
                        );
                      }}
                    />
                  </td>
                  <th scope="row">{r.revision}</th>
                  <td>{r.status}</td>
                  <td>{r.commit_message ?? ''}</td>
                  <td>{formatWhen(r.date_updated ?? r.date_created)}</td>
                  <td>{r.valid === false ? 'No' : 'Yes'}</td>
                  <td className="account-actions">
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`View revision ${r.revision}`}
                      onClick={() => remote.getState().setView({ kind: 'revision', revision: r })}
                    >
                      View
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {revisions.meta && (revisions.meta.previous_page_url || revisions.meta.next_page_url) && target && (
          <nav className="account-paging" aria-label="Pages of revisions">
            <button
              type="button"
              className="button button-small"
              disabled={!revisions.meta.previous_page_url}
              onClick={() =>
                void remote.getState().listRevisions(target.sid, revisions.meta?.previous_page_url)
              }
            >
              Previous page
            </button>
            <button
              type="button"
              className="button button-small"
              disabled={!revisions.meta.next_page_url}
              onClick={() => void remote.getState().listRevisions(target.sid, revisions.meta?.next_page_url)}
            >
              Next page
            </button>
          </nav>
        )}
      </div>
      <footer className="modal-footer">
        {latest && openSid === target?.sid && (
          <button
            type="button"
            className="button"
            onClick={() => {
              const mine = editor.getState().definition;
              if (mine)
                void compare(
                  version(
                    latest.definition as FlowDefinition,
                    `Revision ${latest.revision}`,
                    latest.friendly_name,
                  ),
                  version(mine, 'My edits', latest.friendly_name),
                );
            }}
          >
            Compare my edits with revision {latest.revision}
          </button>
        )}
        <button
          type="button"
          className="button button-primary"
          disabled={picked.length !== 2 || busy !== null}
          onClick={() => {
            const [a, b] = picked;
            if (a !== undefined && b !== undefined) void compareRevisions(a, b);
          }}
        >
          Compare selected
        </button>
        <button type="button" className="button" onClick={() => remote.getState().setView(null)}>
          Close
        </button>
      </footer>
    </Modal>
  );
}

/** One revision, read-only: its picture and its JSON; opening it in the editor is one undo step. */
function RevisionView() {
  const remote = useRemoteApi();
  const view = useRemote((s) => s.view);
  const revision: FlowRevision | null = view?.kind === 'revision' ? view.revision : null;
  const definition = revision?.definition as FlowDefinition | undefined;
  const text = useMemo(() => (definition ? serializeDefinition(definition) : ''), [definition]);
  const jsonId = useId();
  // The picture is drawn as the export does (no React Flow), shown from a blob: URL freed with it.
  const url = useMemo(() => {
    if (!definition) return null;
    try {
      return URL.createObjectURL(new Blob([flowToSvg(definition)], { type: 'image/svg+xml' }));
    } catch {
      return null;
    }
  }, [definition]);
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  const back = () =>
    revision
      ? remote.getState().setView({ kind: 'revisions', sid: revision.sid, name: revision.friendly_name })
      : remote.getState().setView(null);
  return (
    <Modal
      open={revision !== null}
      title={`Revision ${revision?.revision ?? ''} of ${revision?.friendly_name ?? ''} (read-only)`}
      onClose={back}
      className="account-dialog"
    >
      <div className="modal-body account-body account-revision">
        <p>
          {revision?.status} · {formatWhen(revision?.date_created)}
          {revision?.commit_message ? ` · “${revision.commit_message}”` : ''}
        </p>
        {url && (
          <img
            className="account-revision-image"
            src={url}
            alt={`Flow of revision ${revision?.revision ?? ''}`}
          />
        )}
        <label htmlFor={jsonId}>Definition</label>
        <textarea id={jsonId} readOnly value={text} rows={12} spellCheck={false} />
      </div>
      <footer className="modal-footer">
        <button type="button" className="button" onClick={back}>
          Back to revisions
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            if (revision && remote.getState().openRevision(revision)) remote.getState().setView(null);
          }}
        >
          Open in editor
        </button>
      </footer>
    </Modal>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Test users

function TestUsersDialog() {
  const remote = useRemoteApi();
  const view = useRemote((s) => s.view);
  const loaded = useRemote((s) => s.testUsers);
  const busy = useRemote((s) => s.busy);
  const target = view?.kind === 'test-users' ? view : null;
  // The list as edited here, for the flow it was edited on; else the list Studio has.
  const [edited, setEdited] = useState<{ sid: string; users: string[] } | null>(null);
  const users =
    target === null
      ? null
      : edited?.sid === target.sid
        ? edited.users
        : loaded?.flowSid === target.sid
          ? loaded.users
          : null;
  const setUsers = (next: string[]) => {
    if (target) setEdited({ sid: target.sid, users: next });
  };
  const [draft, setDraft] = useState('');
  const addId = useId();
  const close = () => {
    setEdited(null);
    remote.getState().setView(null);
  };
  const add = (event: SyntheticEvent) => {
    event.preventDefault();
    const value = draft.trim();
    if (value === '' || !users) return;
    if (!users.includes(value)) setUsers([...users, value]);
    setDraft('');
  };
  return (
    <Modal open={target !== null} title={`Test users of ${target?.name ?? ''}`} onClose={close}>
      <div className="modal-body account-form">
        <p>Identities (phone numbers, client names) that run the draft revision when they reach the flow.</p>
        {users === null ? (
          <p className="muted">Loading test users…</p>
        ) : (
          <>
            {users.length === 0 ? (
              <p className="muted">No test users.</p>
            ) : (
              <ul className="account-test-users" aria-label="Test users">
                {users.map((u) => (
                  <li key={u}>
                    <span>{u}</span>
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Remove ${u}`}
                      onClick={() => setUsers(users.filter((x) => x !== u))}
                    >
                      Remove
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <form onSubmit={add} className="account-inline-form">
              <label htmlFor={addId}>Add a test user</label>
              <input
                id={addId}
                value={draft}
                onChange={(e) => setDraft(e.currentTarget.value)}
                placeholder="+15551234567"
              />
              <button type="submit" className="button button-small">
                Add
              </button>
            </form>
          </>
        )}
      </div>
      <footer className="modal-footer">
        <button type="button" className="button" onClick={close}>
          Cancel
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={users === null || busy !== null}
          onClick={() => {
            if (target && users)
              void remote
                .getState()
                .saveTestUsers(target.sid, users)
                .then((ok) => {
                  if (ok) {
                    setEdited(null);
                    remote.getState().setView(null);
                  }
                });
          }}
        >
          Save test users
        </button>
      </footer>
    </Modal>
  );
}

/** Every dialog of the account (each closed unless its view is on). */
export default function AccountDialogs() {
  return (
    <>
      <AccountDialog />
      <SaveDialog />
      <CreateDialog />
      <DeleteDialog />
      <ConflictDialog />
      <RevisionsDialog />
      <RevisionView />
      <TestUsersDialog />
    </>
  );
}
