/**
 * The open document's link to a Studio account: the connection of the local `serve` server, the account's flows,
 * saving (draft, publish, create), deleting, revisions, Studio's own verdict and the test users.
 *
 * A store of its own beside the editor's (one per editor, `createRemoteStore`). It never changes the document
 * except through the editor's actions: opening a flow replaces the open one as one undo step, and a save only
 * updates where the document came from (`setSource`, no undo step). Every failure is kept as `error` with the
 * action to retry; the document and its history are untouched by it.
 *
 * Saving never overwrites silently: before UpdateFlow it fetches the flow, and when the server's revision moved
 * since the document was opened or last saved, it stops with a `conflict` (what changed on the server since then)
 * and the user chooses: reload, compare, or overwrite knowingly (`save({ force: true })`). Studio's API has no
 * conditional update, so a publish landing between that fetch and the update is not caught; the window is one
 * round trip.
 *
 * No React, no DOM: the client (src/studio) is handed in, with the page's fetch or, in Node tests, a real one
 * against the emulator.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { importFlowValue, type FlowSourceInfo, type ParsedFlow } from '../io';
import type { FlowDefinition, Problem } from '../model/types';
import { StudioError } from '../studio/errors';
import type { StudioClient } from '../studio/client';
import type { FlowRevision, FlowStatus, PageMeta, StudioDefinitionError, StudioFlow } from '../studio/types';
import { disagreements, studioProblems, type Disagreement } from '../validation/studioVerdict';
import type { EditorStore } from './editorStore';

/** What `GET /api/connection` of `studio-flow serve` answers (never a credential). */
export interface ConnectionInfo {
  connected: boolean;
  accountSid?: string;
  credential?: 'auth-token' | 'api-key';
  studioUrl?: string;
  problems?: string[];
}

export type ConnectionState =
  | { status: 'checking' }
  /** The page is not served by `studio-flow serve` (e.g. a static host): everything offline, as before. */
  | { status: 'unavailable' }
  /** `serve` runs but holds no credentials. */
  | { status: 'not-configured'; problems: string[] }
  | { status: 'connected'; accountSid: string; credential: 'auth-token' | 'api-key'; studioUrl: string };

export type RemoteAction =
  | 'list'
  | 'open'
  | 'save'
  | 'publish'
  | 'create'
  | 'delete'
  | 'validate'
  | 'revisions'
  | 'test-users'
  | 'revision';

export interface RemoteFailure {
  action: RemoteAction;
  /** Says what failed and what to do; never a credential. */
  message: string;
  kind: StudioError['kind'];
  retryable: boolean;
  /** Runs the same action again (the document is as it was: nothing was changed by the failure). */
  retry?: () => void;
}

export interface Listing<T> {
  items: readonly T[];
  meta: PageMeta | null;
  loading: boolean;
}

export interface Conflict {
  /** The flow as the server has it now. */
  server: StudioFlow;
  /** The revision the document was opened or last saved at, as the server has it (null when it is gone). */
  base: FlowRevision | null;
  /** What the user asked for: draft or publish, with the commit message. */
  status: FlowStatus;
  commitMessage: string;
}

export interface StudioVerdict {
  /** The definition it is about: shown only while the document still is that definition. */
  definition: FlowDefinition;
  valid: boolean;
  /** Studio's errors as problems, each on its widget and field. */
  problems: Problem[];
  /** Where Studio and the offline validator disagree: a bug report for the validator. */
  disagreements: Disagreement[];
  at: string;
}

export type { Disagreement };

/** Which of the account's dialogs is open (one at a time). */
export type RemoteView =
  | { kind: 'account' }
  | { kind: 'save'; status: FlowStatus }
  | { kind: 'create' }
  | { kind: 'revisions'; sid: string; name: string }
  | { kind: 'revision'; revision: FlowRevision }
  | { kind: 'test-users'; sid: string; name: string }
  | { kind: 'delete'; sid: string; name: string };

export interface RemoteState {
  connection: ConnectionState;
  view: RemoteView | null;
  setView: (view: RemoteView | null) => void;
  flows: Listing<StudioFlow>;
  revisions: Listing<FlowRevision> & { flowSid: string | null };
  testUsers: { flowSid: string; users: string[] } | null;
  /** The action running now (one at a time per kind of work). */
  busy: RemoteAction | null;
  error: RemoteFailure | null;
  conflict: Conflict | null;
  verdict: StudioVerdict | null;

  checkConnection: () => Promise<void>;
  listFlows: (pageUrl?: string | null) => Promise<void>;
  openFlow: (sid: string) => Promise<boolean>;
  /** A revision's flow, for a read-only view or a comparison (the open document is not changed). */
  fetchRevision: (sid: string, revision: number) => Promise<FlowRevision | null>;
  /** Opens a revision in the editor (one undo step); saving it later goes through the conflict check. */
  openRevision: (revision: FlowRevision) => boolean;
  listRevisions: (sid: string, pageUrl?: string | null) => Promise<void>;
  /** UpdateFlow with the open document; `force` skips the conflict check (after the user chose to overwrite). */
  save: (options: {
    status: FlowStatus;
    commitMessage: string;
    force?: boolean;
  }) => Promise<'saved' | 'conflict' | 'failed'>;
  create: (options: { friendlyName: string; status: FlowStatus; commitMessage: string }) => Promise<boolean>;
  deleteFlow: (sid: string) => Promise<boolean>;
  /** Replaces the document with the server's latest revision (one undo step): the "reload" of a conflict. */
  reloadFromServer: () => boolean;
  /**
   * Studio's verdict on the open definition as `verdict` (valid, or its errors as problems); false when none came
   * (the failure is then `error`).
   */
  validateWithStudio: () => Promise<boolean>;
  loadTestUsers: (sid: string) => Promise<void>;
  saveTestUsers: (sid: string, users: readonly string[]) => Promise<boolean>;
  dismissError: () => void;
  dismissConflict: () => void;
}

export type RemoteStore = StoreApi<RemoteState>;

export interface RemoteStoreOptions {
  client: StudioClient;
  editor: EditorStore;
  /** Asks the server what it holds; null when nothing answers as `serve` does. */
  getConnection: () => Promise<ConnectionInfo | null>;
  /** Offline verdict of the same definition, for the disagreement report (the editor's validator). */
  offlineProblems?: (definition: FlowDefinition) => Problem[] | null;
  now?: () => Date;
}

const ACTION_WORDS: Readonly<Record<RemoteAction, string>> = {
  list: 'List the flows',
  open: 'Open the flow',
  save: 'Save the draft',
  publish: 'Publish',
  create: 'Create the flow',
  delete: 'Delete the flow',
  validate: 'Validate with Studio',
  revisions: 'List the revisions',
  'test-users': 'Test users',
  revision: 'Fetch the revision',
};

/** A failure of `action` worded for the user; unexpected exceptions too (never a stack trace). */
export function failureOf(action: RemoteAction, e: unknown): RemoteFailure {
  if (e instanceof StudioError) {
    return {
      action,
      kind: e.kind,
      retryable: e.retryable,
      message: `${ACTION_WORDS[action]} failed. ${e.message}${e.kind === 'bad-request' && e.definitionErrors.length > 0 ? ` (${e.definitionErrors.length} ${e.definitionErrors.length === 1 ? 'error' : 'errors'} on the flow, listed in Problems.)` : ''}`,
    };
  }
  return {
    action,
    kind: 'protocol',
    retryable: true,
    message: `${ACTION_WORDS[action]} failed: ${e instanceof Error ? e.message : String(e)}`,
  };
}

/** The source info of a Flow or revision resource, as the restore boundary labels it. */
function parsedFlowOf(resource: StudioFlow | FlowRevision): ParsedFlow {
  const result = importFlowValue(resource);
  if (!result.ok) throw new StudioError({ kind: 'protocol', status: 200, message: result.error.message });
  const flow = result.flows[0];
  if (flow === undefined)
    throw new StudioError({ kind: 'protocol', status: 200, message: 'Studio sent no flow.' });
  return flow;
}

function sourceAfterSave(flow: StudioFlow, previous: FlowSourceInfo | null): FlowSourceInfo {
  const parsed = parsedFlowOf(flow);
  // The document keeps how it was read (e.g. a CLI export's camelCase marker), with the new revision's facts only:
  // a fact the new revision lacks (no commit message) must not survive from the earlier one.
  return previous?.fromCli === true ? { ...parsed.source, fromCli: true } : parsed.source;
}

export function createRemoteStore(options: RemoteStoreOptions): RemoteStore {
  const { client, editor } = options;
  const now = options.now ?? (() => new Date());

  return createStore<RemoteState>()((set, get) => {
    /** Runs one action: marks it busy, keeps its failure for the UI; the document is never touched by a failure. */
    async function run<T>(
      action: RemoteAction,
      work: () => Promise<T>,
      retry?: () => void,
      /** The definition a refusal's errors are about (the one sent: the user may have edited since). */
      sent: () => FlowDefinition | null = () => null,
    ): Promise<{ ok: true; value: T } | { ok: false }> {
      set({ busy: action, error: null });
      try {
        const value = await work();
        return { ok: true, value };
      } catch (e) {
        set({ error: retry === undefined ? failureOf(action, e) : { ...failureOf(action, e), retry } });
        const definition = sent();
        if (e instanceof StudioError && e.definitionErrors.length > 0 && definition)
          recordVerdict(definition, false, studioProblems(definition, e.definitionErrors));
        return { ok: false };
      } finally {
        if (get().busy === action) set({ busy: null });
      }
    }

    function recordVerdict(definition: FlowDefinition, valid: boolean, problems: Problem[]) {
      const offline = options.offlineProblems?.(definition) ?? null;
      set({
        verdict: {
          definition,
          valid,
          problems,
          disagreements: offline === null ? [] : disagreements(problems, offline),
          at: now().toISOString(),
        },
      });
    }

    function currentFields(status: FlowStatus, commitMessage: string) {
      const { definition, publish } = editor.getState();
      if (!definition) throw new StudioError({ kind: 'protocol', status: 0, message: 'No flow is open.' });
      return { friendlyName: publish.friendlyName, status, commitMessage, definition };
    }

    function linkedSid(): string {
      const sid = editor.getState().source?.flowSid;
      if (sid === undefined)
        throw new StudioError({
          kind: 'protocol',
          status: 0,
          message: 'The open flow is not linked to a flow of the account: create it first.',
        });
      return sid;
    }

    return {
      connection: { status: 'checking' },
      view: null,
      setView: (view) => set({ view }),
      flows: { items: [], meta: null, loading: false },
      revisions: { items: [], meta: null, loading: false, flowSid: null },
      testUsers: null,
      busy: null,
      error: null,
      conflict: null,
      verdict: null,

      checkConnection: async () => {
        set({ connection: { status: 'checking' } });
        let info: ConnectionInfo | null;
        try {
          info = await options.getConnection();
        } catch {
          info = null;
        }
        if (info === null) set({ connection: { status: 'unavailable' } });
        else if (!info.connected || info.accountSid === undefined)
          set({ connection: { status: 'not-configured', problems: info.problems ?? [] } });
        else
          set({
            connection: {
              status: 'connected',
              accountSid: info.accountSid,
              credential: info.credential ?? 'auth-token',
              studioUrl: info.studioUrl ?? '',
            },
          });
      },

      listFlows: async (pageUrl) => {
        set({ flows: { ...get().flows, loading: true } });
        const r = await run(
          'list',
          () => client.listFlows({ pageSize: 50, pageUrl }),
          () => void get().listFlows(pageUrl),
        );
        set({
          flows: r.ok
            ? { items: r.value.items, meta: r.value.meta, loading: false }
            : { ...get().flows, loading: false },
        });
      },

      openFlow: async (sid) => {
        const r = await run(
          'open',
          // Read through the restore boundary inside the action: an answer that is no flow is a failure like others.
          async () => parsedFlowOf(await client.fetchFlow(sid)),
          () => void get().openFlow(sid),
        );
        if (!r.ok) return false;
        const flow = r.value;
        editor.getState().openFlow(flow, { announce: `Opened ${flow.source.label} from Studio.` });
        set({ verdict: null, conflict: null });
        return true;
      },

      fetchRevision: async (sid, revision) => {
        const r = await run('revision', () => client.fetchRevision(sid, revision));
        return r.ok ? r.value : null;
      },

      openRevision: (revision) => {
        let flow: ParsedFlow;
        try {
          flow = parsedFlowOf(revision);
        } catch (e) {
          set({ error: failureOf('revision', e) });
          return false;
        }
        editor.getState().openFlow(flow, {
          announce: `Opened revision ${revision.revision} of ${revision.friendly_name}; undo brings back the previous flow.`,
        });
        set({ verdict: null });
        return true;
      },

      listRevisions: async (sid, pageUrl) => {
        const shown = get().revisions;
        // Another flow's revisions are never shown under this one's name, while loading or after a failure.
        set({
          revisions:
            shown.flowSid === sid
              ? { ...shown, loading: true }
              : { items: [], meta: null, loading: true, flowSid: sid },
        });
        const r = await run(
          'revisions',
          () => client.listRevisions(sid, { pageSize: 50, pageUrl }),
          () => void get().listRevisions(sid, pageUrl),
        );
        set({
          revisions: r.ok
            ? { items: r.value.items, meta: r.value.meta, loading: false, flowSid: sid }
            : { ...get().revisions, loading: false },
        });
      },

      save: async ({ status, commitMessage, force = false }) => {
        const action: RemoteAction = status === 'published' ? 'publish' : 'save';
        let sent: FlowDefinition | null = null;
        const r = await run(
          action,
          async () => {
            const sid = linkedSid();
            const fields = currentFields(status, commitMessage);
            sent = fields.definition;
            const known = editor.getState().source?.revision;
            if (!force) {
              const server = await client.fetchFlow(sid);
              if (known === undefined || server.revision !== known) {
                let base: FlowRevision | null = null;
                if (known !== undefined) {
                  try {
                    base = await client.fetchRevision(sid, known);
                  } catch {
                    base = null;
                  }
                }
                return { conflict: { server, base, status, commitMessage } };
              }
            }
            const saved = await client.updateFlow(sid, fields);
            return { saved, definition: fields.definition };
          },
          () => void get().save({ status, commitMessage, force }),
          () => sent,
        );
        if (!r.ok) return 'failed';
        if ('conflict' in r.value) {
          set({ conflict: r.value.conflict });
          return 'conflict';
        }
        const { saved, definition } = r.value;
        const state = editor.getState();
        state.setSource(sourceAfterSave(saved, state.source));
        state.setPublish({ status: saved.status, commitMessage: '' });
        set({ conflict: null });
        recordSavedVerdict(saved, definition);
        state.announce(
          `${status === 'published' ? 'Published' : 'Saved'} ${saved.friendly_name} as revision ${saved.revision}.`,
        );
        return 'saved';
      },

      create: async ({ friendlyName, status, commitMessage }) => {
        const { definition } = editor.getState();
        const r = await run(
          'create',
          () => {
            if (!definition)
              throw new StudioError({ kind: 'protocol', status: 0, message: 'No flow is open.' });
            return client.createFlow({ friendlyName, status, commitMessage, definition });
          },
          () => void get().create({ friendlyName, status, commitMessage }),
          () => definition,
        );
        if (!r.ok) return false;
        const state = editor.getState();
        state.setSource(sourceAfterSave(r.value, state.source));
        state.setPublish({ friendlyName, status: r.value.status, commitMessage: '' });
        state.announce(
          `Created ${r.value.friendly_name} (${r.value.sid}) in Studio, revision ${r.value.revision}.`,
        );
        return true;
      },

      deleteFlow: async (sid) => {
        const r = await run(
          'delete',
          () => client.deleteFlow(sid),
          () => void get().deleteFlow(sid),
        );
        if (!r.ok) return false;
        const state = editor.getState();
        if (state.source?.flowSid === sid) {
          // The document stays open, no longer linked: saving it again creates a new flow.
          const { flowSid: _sid, revision: _revision, ...rest } = state.source;
          state.setSource({
            ...rest,
            kind: 'definition',
            label: `${rest.friendlyName ?? 'Flow'} (deleted from Studio)`,
          });
        }
        set({ flows: { ...get().flows, items: get().flows.items.filter((f) => f.sid !== sid) } });
        state.announce('Deleted the flow from Studio; the open document is kept.');
        return true;
      },

      reloadFromServer: () => {
        const conflict = get().conflict;
        if (!conflict) return false;
        let flow: ParsedFlow;
        try {
          flow = parsedFlowOf(conflict.server);
        } catch (e) {
          set({ error: failureOf('open', e) });
          return false;
        }
        editor.getState().openFlow(flow, {
          announce: `Reloaded ${flow.source.label}; undo brings back your edits.`,
        });
        set({ conflict: null, verdict: null });
        return true;
      },

      validateWithStudio: async () => {
        const definition = editor.getState().definition;
        const r = await run(
          'validate',
          async () => {
            const { publish } = editor.getState();
            try {
              const answer = await client.validateFlow(currentFields(publish.status, ''));
              return { valid: answer.valid, errors: [] as readonly StudioDefinitionError[] };
            } catch (e) {
              // Studio says "invalid" with a 400 carrying the errors: that is the verdict asked for, no failure.
              if (e instanceof StudioError && e.kind === 'bad-request' && e.definitionErrors.length > 0)
                return { valid: false, errors: e.definitionErrors };
              throw e;
            }
          },
          () => void get().validateWithStudio(),
        );
        if (!r.ok) return false;
        if (definition) recordVerdict(definition, r.value.valid, studioProblems(definition, r.value.errors));
        return true;
      },

      loadTestUsers: async (sid) => {
        const r = await run(
          'test-users',
          () => client.fetchTestUsers(sid),
          () => void get().loadTestUsers(sid),
        );
        if (r.ok) set({ testUsers: { flowSid: sid, users: r.value.test_users } });
      },

      saveTestUsers: async (sid, users) => {
        const r = await run(
          'test-users',
          () => client.updateTestUsers(sid, users),
          () => void get().saveTestUsers(sid, users),
        );
        if (r.ok) set({ testUsers: { flowSid: sid, users: r.value.test_users } });
        return r.ok;
      },

      dismissError: () => set({ error: null }),
      dismissConflict: () => set({ conflict: null }),
    };

    /** Studio's `valid`/`errors` of a saved draft become the verdict of what was saved. */
    function recordSavedVerdict(saved: StudioFlow, definition: FlowDefinition) {
      const errors = (saved.errors ?? []).flatMap((e) =>
        typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string'
          ? [e as StudioDefinitionError]
          : [],
      );
      recordVerdict(definition, saved.valid !== false, studioProblems(definition, errors));
    }
  });
}
