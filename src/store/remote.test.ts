// The remote store against the real Studio emulator (src/server/emulator.ts) over HTTP on port 0 with Node's own
// fetch: every action drives a real editor store, and the tests read back both what the editor shows and what the
// emulator holds. After every test, the remote store's state and everything the editor announced are scanned for
// the credentials.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlowDefinition } from '../model/types';
import { startEmulator, type EmulatorHandle, type StoredFlow } from '../server/emulator';
import { basicAuthorization, StudioClient, type FetchLike } from '../studio/client';
import type { StudioFlow } from '../studio/types';
import { flowOf, sendMessage, trigger } from '../testing/flows';
import { settledProblems } from '../testing/store';
import { createEditorStore, type EditorStore } from './editorStore';
import { canUndo } from './editing';
import { createRemoteStore, type ConnectionInfo, type RemoteStore } from './remote';

const ACCOUNT_SID = `AC${'0'.repeat(28)}1234`;
const AUTH_TOKEN = 'tok_9c2e4f6a8b0d1e3f5a7c9e1b3d5f7a9c';
const WRONG_TOKEN = 'tok_wrong_0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const SECRETS = [AUTH_TOKEN, WRONG_TOKEN];

let emulator: EmulatorHandle;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN },
  });
});
afterAll(async () => {
  await emulator.close();
});

// ---------------------------------------------------------------------------------------------------------------
// Helpers

/** A control endpoint of the emulator (no credentials, JSON body). */
async function control(path: string, body: unknown = {}): Promise<unknown> {
  const response = await fetch(`${emulator.url}/__emulator/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`control ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Seeds flows; answers them as the API shows them. */
async function seed(flows: unknown[]): Promise<StudioFlow[]> {
  return ((await control('seed', { flows })) as { flows: StudioFlow[] }).flows;
}

function stored(sid: string): StoredFlow | undefined {
  return emulator.state.data.flows.find((f) => f.sid === sid);
}

function revisionCount(sid: string): number {
  return stored(sid)?.revisions.length ?? 0;
}

/** Every widget placed apart, so that no opening layout is computed (and no "Lay out flow" step is written). */
function greeting(description: string, body: unknown = 'Hello'): FlowDefinition {
  const flow = flowOf(description, [
    trigger('greet'),
    sendMessage('greet', { from: '{{flow.channel.address}}', to: '{{contact.channel.address}}', body }),
  ]);
  const greet = flow.states[1];
  if (greet) greet.properties.offset = { x: 100, y: 250 };
  return flow;
}

const CONNECTED: ConnectionInfo = {
  connected: true,
  accountSid: 'AC…1234',
  credential: 'auth-token',
  studioUrl: 'https://www.twilio.com/console/studio',
};

/** What fetch the next request to update a flow meets: a hook runs first (e.g. to make the emulator drop it). */
let beforeUpdate: (() => Promise<void>) | null = null;

const testFetch: FetchLike = async (url, init) => {
  if (beforeUpdate !== null && init.method === 'POST' && /\/v2\/Flows\/FW[0-9a-f]{32}$/.test(url)) {
    const hook = beforeUpdate;
    beforeUpdate = null;
    await hook();
  }
  return globalThis.fetch(url, init);
};

function makeClient(token = AUTH_TOKEN, extra: { credentialKind?: 'auth-token' } = {}): StudioClient {
  return new StudioClient({
    baseUrl: emulator.url,
    fetch: testFetch,
    authorization: basicAuthorization(ACCOUNT_SID, token),
    ...extra,
  });
}

interface Setup {
  editor: EditorStore;
  remote: RemoteStore;
}

const made: Setup[] = [];
const announced: string[] = [];

function setup(
  options: { client?: StudioClient; getConnection?: () => Promise<ConnectionInfo | null> } = {},
): Setup {
  const editor = createEditorStore();
  editor.subscribe((s) => {
    if (s.status) announced.push(s.status.text);
  });
  const remote = createRemoteStore({
    client: options.client ?? makeClient(),
    editor,
    getConnection: options.getConnection ?? (() => Promise.resolve(CONNECTED)),
    offlineProblems: (definition) => {
      const state = editor.getState();
      return state.definition === definition ? state.problems : null;
    },
    now: () => new Date('2025-01-02T03:04:05Z'),
  });
  made.push({ editor, remote });
  return { editor, remote };
}

/** A linked flow open in a fresh editor (after a local document, so that undo has something to bring back). */
async function openSeeded(definition = greeting('Seeded'), extra: Record<string, unknown> = {}) {
  const [flow] = await seed([{ friendlyName: 'Greeter', definition, commitMessage: 'First', ...extra }]);
  if (!flow) throw new Error('nothing seeded');
  const s = setup();
  expect(await s.remote.getState().openFlow(flow.sid)).toBe(true);
  return { ...s, sid: flow.sid };
}

beforeEach(async () => {
  await control('reset');
  beforeUpdate = null;
});

afterEach(() => {
  // Never a credential in what the store keeps (errors, verdicts, listings) or in what the editor announced.
  const kept = [...made.map((m) => JSON.stringify(m.remote.getState())), ...announced].join('\n');
  for (const secret of SECRETS) expect(kept).not.toContain(secret);
  made.length = 0;
  announced.length = 0;
});

// ---------------------------------------------------------------------------------------------------------------

describe('remote store: connection', () => {
  it('is connected with what the server says', async () => {
    const { remote } = setup();
    expect(remote.getState().connection).toEqual({ status: 'checking' });
    await remote.getState().checkConnection();
    expect(remote.getState().connection).toEqual({
      status: 'connected',
      accountSid: 'AC…1234',
      credential: 'auth-token',
      studioUrl: 'https://www.twilio.com/console/studio',
    });
  });

  it('is unavailable when nothing answers as serve does, or the question throws', async () => {
    const { remote } = setup({ getConnection: () => Promise.resolve(null) });
    await remote.getState().checkConnection();
    expect(remote.getState().connection).toEqual({ status: 'unavailable' });

    const thrown = setup({ getConnection: () => Promise.reject(new Error('network down')) });
    await thrown.remote.getState().checkConnection();
    expect(thrown.remote.getState().connection).toEqual({ status: 'unavailable' });
  });

  it('is not configured when serve holds no credentials, with its problems', async () => {
    const problems = ['TWILIO_ACCOUNT_SID is not set.'];
    const { remote } = setup({ getConnection: () => Promise.resolve({ connected: false, problems }) });
    await remote.getState().checkConnection();
    expect(remote.getState().connection).toEqual({ status: 'not-configured', problems });
  });
});

describe('remote store: flows', () => {
  it('lists the flows page by page through next_page_url', async () => {
    const seeded = await seed(
      Array.from({ length: 55 }, (_, i) => ({
        friendlyName: `Flow ${i}`,
        definition: greeting(`Flow ${i}`),
      })),
    );
    const { remote } = setup();

    await remote.getState().listFlows();
    const first = remote.getState().flows;
    expect(first.loading).toBe(false);
    expect(first.items).toHaveLength(50);
    expect(first.meta?.next_page_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2\/Flows\?/);

    await remote.getState().listFlows(first.meta?.next_page_url);
    const second = remote.getState().flows;
    expect(second.items).toHaveLength(5);
    expect(second.meta?.next_page_url).toBeNull();
    expect(second.meta?.previous_page_url).not.toBeNull();

    const listed = [...first.items, ...second.items].map((f) => f.sid);
    expect(new Set(listed).size).toBe(55);
    expect([...listed].sort()).toEqual(seeded.map((f) => f.sid).sort());
    expect(remote.getState().error).toBeNull();
  });

  it('opens a flow as one undo step: the editor shows its definition and where it came from', async () => {
    const definition = greeting('From Studio');
    const [flow] = await seed([
      { friendlyName: 'Greeter', definition, status: 'published', commitMessage: 'First' },
    ]);
    const { editor, remote } = setup();
    editor.getState().replaceDefinition(greeting('Local'), { history: 'open' });
    const local = editor.getState().definition;
    const localSource = editor.getState().source;

    expect(await remote.getState().openFlow(flow?.sid ?? '')).toBe(true);
    let state = editor.getState();
    expect(state.definition).toEqual(definition);
    expect(state.source).toMatchObject({
      kind: 'flow',
      flowSid: flow?.sid,
      revision: 1,
      status: 'published',
      friendlyName: 'Greeter',
    });
    expect(state.publish).toEqual({ friendlyName: 'Greeter', status: 'published', commitMessage: 'First' });
    expect(state.status?.text).toMatch(/^Opened .*Greeter.* from Studio\.$/);

    state.undo();
    state = editor.getState();
    expect(state.definition).toBe(local);
    expect(state.source).toEqual(localSource);
    expect(canUndo(state)).toBe(false);
  });

  it('opens a flow into an empty editor without an undo step', async () => {
    const [flow] = await seed([{ friendlyName: 'Greeter', definition: greeting('Only') }]);
    const { editor, remote } = setup();
    expect(await remote.getState().openFlow(flow?.sid ?? '')).toBe(true);
    expect(editor.getState().definition).toEqual(greeting('Only'));
    expect(canUndo(editor.getState())).toBe(false);
  });
});

describe('remote store: saving', () => {
  it('saves a draft: a new revision, the source and publish settings follow, history untouched', async () => {
    const { editor, remote, sid } = await openSeeded(greeting('Seeded'), { status: 'published' });
    editor.getState().setFlowFields({ description: 'Edited' });
    editor.getState().setPublish({ commitMessage: 'Work in progress' });
    const before = editor.getState();
    const undoable = canUndo(before);

    expect(await remote.getState().save({ status: 'draft', commitMessage: 'Work in progress' })).toBe(
      'saved',
    );

    const revisions = stored(sid)?.revisions ?? [];
    expect(revisions).toHaveLength(2);
    expect(revisions[1]).toMatchObject({ revision: 2, status: 'draft', commitMessage: 'Work in progress' });
    expect((revisions[1]?.definition as FlowDefinition).description).toBe('Edited');

    const after = editor.getState();
    expect(after.source).toMatchObject({ flowSid: sid, revision: 2, status: 'draft' });
    expect(after.publish).toEqual({ friendlyName: 'Greeter', status: 'draft', commitMessage: '' });
    expect(after.definition).toBe(before.definition);
    expect(after.past).toBe(before.past);
    expect(canUndo(after)).toBe(undoable);
    expect(after.status?.text).toBe('Saved Greeter as revision 2.');
    expect(remote.getState()).toMatchObject({ error: null, conflict: null, busy: null });
    expect(remote.getState().verdict).toMatchObject({
      definition: before.definition,
      valid: true,
      problems: [],
    });
  });

  it('keeps no fact of the earlier revision in the source (its commit message)', async () => {
    const { editor, remote } = await openSeeded();
    expect(editor.getState().source?.commitMessage).toBe('First');
    editor.getState().setFlowFields({ description: 'Edited' });

    expect(await remote.getState().save({ status: 'draft', commitMessage: '' })).toBe('saved');

    expect(editor.getState().source?.revision).toBe(2);
    expect(editor.getState().source?.commitMessage).toBeUndefined();
  });

  it('publishes with a commit message', async () => {
    const { editor, remote, sid } = await openSeeded(greeting('Seeded'), { status: 'draft' });
    editor.getState().setFlowFields({ description: 'Ready' });

    expect(await remote.getState().save({ status: 'published', commitMessage: 'Ship it' })).toBe('saved');

    await remote.getState().listRevisions(sid);
    const [latest] = remote.getState().revisions.items;
    expect(latest).toMatchObject({ revision: 2, status: 'published', commit_message: 'Ship it' });
    expect(editor.getState().source).toMatchObject({
      revision: 2,
      status: 'published',
      commitMessage: 'Ship it',
    });
    expect(editor.getState().publish.status).toBe('published');
    expect(editor.getState().status?.text).toBe('Published Greeter as revision 2.');
  });

  it('stops with a conflict when the flow was published behind its back, saving nothing', async () => {
    const { editor, remote, sid } = await openSeeded();
    await control(`flows/${sid}/publish-behind`, { definition: greeting('From the console') });
    editor.getState().setFlowFields({ description: 'Mine' });
    const edited = editor.getState().definition;

    expect(await remote.getState().save({ status: 'draft', commitMessage: 'Mine' })).toBe('conflict');

    expect(revisionCount(sid)).toBe(2);
    const conflict = remote.getState().conflict;
    expect(conflict?.server.revision).toBe(2);
    expect((conflict?.server.definition as FlowDefinition).description).toBe('From the console');
    expect(conflict?.base?.revision).toBe(1);
    expect((conflict?.base?.definition as FlowDefinition).description).toBe('Seeded');
    expect(conflict).toMatchObject({ status: 'draft', commitMessage: 'Mine' });
    expect(editor.getState().definition).toBe(edited);
    expect(editor.getState().source?.revision).toBe(1);

    // Reload: the server's version as one undo step; undo brings the edits back.
    expect(remote.getState().reloadFromServer()).toBe(true);
    expect(remote.getState().conflict).toBeNull();
    expect(editor.getState().definition?.description).toBe('From the console');
    expect(editor.getState().source?.revision).toBe(2);
    editor.getState().undo();
    expect(editor.getState().definition).toBe(edited);
    expect(editor.getState().source?.revision).toBe(1);

    // Still behind: saving again is a conflict again; overwriting knowingly saves.
    expect(await remote.getState().save({ status: 'draft', commitMessage: 'Mine' })).toBe('conflict');
    expect(await remote.getState().save({ status: 'draft', commitMessage: 'Mine', force: true })).toBe(
      'saved',
    );
    expect(revisionCount(sid)).toBe(3);
    expect((stored(sid)?.revisions[2]?.definition as FlowDefinition).description).toBe('Mine');
    expect(editor.getState().source?.revision).toBe(3);
    expect(remote.getState().conflict).toBeNull();
  });

  it('refuses to publish a flow with errors: Studio’s 400 mapped to problems, the document untouched', async () => {
    const { editor, remote, sid } = await openSeeded();
    const greet = editor.getState().definition?.states[1];
    if (!greet) throw new Error('no greet');
    editor.getState().updateWidget('greet', { ...greet, properties: { ...greet.properties, body: 42 } });
    const before = editor.getState();

    expect(await remote.getState().save({ status: 'published', commitMessage: 'Broken' })).toBe('failed');

    const { error, verdict } = remote.getState();
    expect(error).toMatchObject({ action: 'publish', kind: 'bad-request', retryable: false });
    expect(error?.message).toMatch(
      /^Publish failed\. Studio refused the request.*\(1 error on the flow, listed in Problems\.\)$/,
    );
    expect(verdict?.definition).toBe(before.definition);
    expect(verdict?.valid).toBe(false);
    expect(verdict?.problems).toEqual([
      expect.objectContaining({ severity: 'error', code: 'studio.remote', widget: 'greet', field: 'body' }),
    ]);
    expect(revisionCount(sid)).toBe(1);
    const after = editor.getState();
    expect(after.definition).toBe(before.definition);
    expect(after.past).toBe(before.past);
    expect(after.source).toBe(before.source);
    expect(after.publish).toBe(before.publish);
  });
  it('keeps Studio’s refusal about the definition sent, not one edited while it was on its way', async () => {
    const { editor, remote } = await openSeeded();
    const greet = editor.getState().definition?.states[1];
    if (!greet) throw new Error('no greet');
    editor.getState().updateWidget('greet', { ...greet, properties: { ...greet.properties, body: 42 } });
    const sent = editor.getState().definition;
    beforeUpdate = () => {
      editor.getState().setFlowFields({ description: 'Typed meanwhile' });
      return Promise.resolve();
    };

    expect(await remote.getState().save({ status: 'published', commitMessage: '' })).toBe('failed');

    expect(editor.getState().definition?.description).toBe('Typed meanwhile');
    expect(remote.getState().verdict?.definition).toBe(sent);
    expect(remote.getState().verdict?.problems).toEqual([
      expect.objectContaining({ widget: 'greet', field: 'body' }),
    ]);
  });
});

describe('remote store: create and delete', () => {
  it('creates a flow of an unlinked document, then deletes it and keeps the document unlinked', async () => {
    const { editor, remote } = setup();
    editor.getState().replaceDefinition(greeting('Local'), { history: 'open' });
    const definition = editor.getState().definition;
    expect(editor.getState().source?.flowSid).toBeUndefined();

    expect(
      await remote.getState().create({ friendlyName: 'Brand new', status: 'draft', commitMessage: 'Hello' }),
    ).toBe(true);

    const [flow] = emulator.state.data.flows;
    expect(flow).toMatchObject({ friendlyName: 'Brand new' });
    expect(flow?.revisions[0]).toMatchObject({
      status: 'draft',
      commitMessage: 'Hello',
      definition: greeting('Local'),
    });
    const sid = flow?.sid ?? '';
    expect(editor.getState().source).toMatchObject({
      kind: 'flow',
      flowSid: sid,
      revision: 1,
      status: 'draft',
    });
    expect(editor.getState().publish).toEqual({
      friendlyName: 'Brand new',
      status: 'draft',
      commitMessage: '',
    });
    expect(editor.getState().definition).toBe(definition);
    expect(canUndo(editor.getState())).toBe(false);

    expect(await remote.getState().deleteFlow(sid)).toBe(true);
    expect(stored(sid)).toBeUndefined();
    const state = editor.getState();
    expect(state.definition).toBe(definition);
    expect(state.source?.flowSid).toBeUndefined();
    expect(state.source?.revision).toBeUndefined();
    expect(state.source?.kind).toBe('definition');
    expect(state.source?.label).toBe('Brand new (deleted from Studio)');
    expect(state.status?.text).toBe('Deleted the flow from Studio; the open document is kept.');
  });
});

describe('remote store: Studio’s verdict', () => {
  it('says a valid definition is valid, without problems', async () => {
    const { editor, remote } = await openSeeded();
    expect(await remote.getState().validateWithStudio()).toBe(true);
    expect(remote.getState().verdict).toEqual({
      definition: editor.getState().definition,
      valid: true,
      problems: [],
      disagreements: [],
      at: '2025-01-02T03:04:05.000Z',
    });
    expect(remote.getState().error).toBeNull();
  });

  it('maps the errors of an invalid definition to their widget and field (a verdict, not a failure)', async () => {
    const { editor, remote } = setup();
    editor.getState().replaceDefinition(greeting('Broken', 42), { history: 'open' });
    const offline = (await settledProblems(editor)).filter((p) => p.severity === 'error');
    expect(offline).toEqual([expect.objectContaining({ widget: 'greet', field: 'body' })]);

    expect(await remote.getState().validateWithStudio()).toBe(true);

    const { verdict, error } = remote.getState();
    expect(error).toBeNull();
    expect(verdict?.definition).toBe(editor.getState().definition);
    expect(verdict?.valid).toBe(false);
    expect(verdict?.problems).toEqual([
      expect.objectContaining({
        code: 'studio.remote',
        pointer: '/states/1/properties/body',
        widget: 'greet',
        field: 'body',
      }),
    ]);
    // Both validators agree.
    expect(verdict?.disagreements).toEqual([]);
  });

  it('lists where Studio and the offline validator disagree', async () => {
    const { editor, remote } = await openSeeded();
    await control('validation', {
      extraErrors: [{ message: 'Only Studio knows this rule', property_path: '#/states/1/properties/to' }],
    });

    expect(await remote.getState().validateWithStudio()).toBe(true);

    const verdict = remote.getState().verdict;
    expect(editor.getState().problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(verdict?.valid).toBe(false);
    expect(verdict?.disagreements).toEqual([
      {
        only: 'studio',
        problem: expect.objectContaining({
          message: 'Studio: Only Studio knows this rule',
          widget: 'greet',
          field: 'to',
        }) as unknown,
      },
    ]);
  });
});

describe('remote store: failures', () => {
  it('keeps a save the server dropped as unreachable, document and history untouched; retry saves', async () => {
    const { editor, remote, sid } = await openSeeded();
    editor.getState().setFlowFields({ description: 'Edited' });
    const before = editor.getState();
    beforeUpdate = () => control('fail', { count: 1, status: 'drop' }).then(() => undefined);

    expect(await remote.getState().save({ status: 'draft', commitMessage: 'Edited' })).toBe('failed');

    const error = remote.getState().error;
    expect(error).toMatchObject({ action: 'save', kind: 'unreachable', retryable: true });
    expect(error?.message).toMatch(/^Save the draft failed\. The Studio API could not be reached/);
    expect(error?.retry).toBeTypeOf('function');
    expect(revisionCount(sid)).toBe(1);
    const after = editor.getState();
    expect(after.definition).toBe(before.definition);
    expect(after.past).toBe(before.past);
    expect(after.source).toBe(before.source);
    expect(after.publish).toBe(before.publish);
    expect(remote.getState().busy).toBeNull();

    // The emulator answers again: Retry saves what the user asked for.
    error?.retry?.();
    await vi.waitFor(() => expect(editor.getState().source?.revision).toBe(2));
    expect(remote.getState().error).toBeNull();
    expect(stored(sid)?.revisions[1]).toMatchObject({ status: 'draft', commitMessage: 'Edited' });
  });

  it('is unreachable when the emulator is gone altogether', async () => {
    const gone = await startEmulator({
      port: 0,
      credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN },
    });
    await gone.close();
    const { remote } = setup({
      client: new StudioClient({
        baseUrl: gone.url,
        fetch: globalThis.fetch,
        authorization: basicAuthorization(ACCOUNT_SID, AUTH_TOKEN),
      }),
    });
    await remote.getState().listFlows();
    expect(remote.getState().error).toMatchObject({ action: 'list', kind: 'unreachable', retryable: true });
    expect(remote.getState().flows.loading).toBe(false);
  });

  it('words a 401 by the variables to check, never the token', async () => {
    const { remote } = setup({ client: makeClient(WRONG_TOKEN, { credentialKind: 'auth-token' }) });
    await remote.getState().listFlows();
    const error = remote.getState().error;
    expect(error).toMatchObject({ action: 'list', kind: 'auth', retryable: false });
    expect(error?.message).toContain('TWILIO_ACCOUNT_SID');
    expect(error?.message).toContain('TWILIO_AUTH_TOKEN');
    for (const secret of SECRETS) expect(error?.message).not.toContain(secret);
  });

  it('says not-found when the flow was deleted meanwhile', async () => {
    const { editor, remote, sid } = await openSeeded();
    await makeClient().deleteFlow(sid);
    editor.getState().setFlowFields({ description: 'Edited' });
    const before = editor.getState();

    expect(await remote.getState().save({ status: 'draft', commitMessage: '' })).toBe('failed');
    expect(remote.getState().error).toMatchObject({ action: 'save', kind: 'not-found' });
    expect(remote.getState().error?.message).toContain('deleted meanwhile');
    expect(editor.getState().definition).toBe(before.definition);
    expect(editor.getState().source).toBe(before.source);

    expect(await remote.getState().openFlow(sid)).toBe(false);
    expect(remote.getState().error).toMatchObject({ action: 'open', kind: 'not-found' });
    expect(editor.getState().definition).toBe(before.definition);
  });

  it('is rate-limited on a 429 when the client retries nothing; retry lists once Studio answers', async () => {
    await seed([{ friendlyName: 'One', definition: greeting('One') }]);
    const { remote } = setup();
    await control('fail', { count: 1, status: 429, retryAfter: 1 });

    await remote.getState().listFlows();
    const error = remote.getState().error;
    expect(error).toMatchObject({ action: 'list', kind: 'rate-limited', retryable: true });
    expect(remote.getState().flows.items).toEqual([]);

    error?.retry?.();
    await vi.waitFor(() => expect(remote.getState().flows.items).toHaveLength(1));
    expect(remote.getState().error).toBeNull();
  });
});

describe('remote store: test users', () => {
  it('saves and loads the test users, and clears them', async () => {
    const [flow] = await seed([
      { friendlyName: 'Greeter', definition: greeting('T'), testUsers: ['+15550000001'] },
    ]);
    const sid = flow?.sid ?? '';
    const { remote } = setup();

    await remote.getState().loadTestUsers(sid);
    expect(remote.getState().testUsers).toEqual({ flowSid: sid, users: ['+15550000001'] });

    expect(await remote.getState().saveTestUsers(sid, ['+15550000002', '+15550000003'])).toBe(true);
    expect(stored(sid)?.testUsers).toEqual(['+15550000002', '+15550000003']);

    const other = setup();
    await other.remote.getState().loadTestUsers(sid);
    expect(other.remote.getState().testUsers).toEqual({
      flowSid: sid,
      users: ['+15550000002', '+15550000003'],
    });

    expect(await remote.getState().saveTestUsers(sid, [])).toBe(true);
    expect(remote.getState().error).toBeNull();
    expect(remote.getState().testUsers).toEqual({ flowSid: sid, users: [] });
    expect(stored(sid)?.testUsers).toEqual([]);
  });
});

describe('remote store: revisions', () => {
  it('lists the revisions page by page, fetches one and opens it as one undo step', async () => {
    const [flow] = await seed([
      {
        friendlyName: 'Long lived',
        revisions: Array.from({ length: 53 }, (_, i) => ({
          definition: greeting(`Revision ${i + 1}`),
          commitMessage: `Change ${i + 1}`,
        })),
      },
    ]);
    const sid = flow?.sid ?? '';
    const { editor, remote } = setup();
    expect(await remote.getState().openFlow(sid)).toBe(true);
    const latest = editor.getState().definition;

    await remote.getState().listRevisions(sid);
    const first = remote.getState().revisions;
    expect(first.flowSid).toBe(sid);
    expect(first.items.map((r) => r.revision)).toEqual(Array.from({ length: 50 }, (_, i) => 53 - i));
    expect(first.meta?.next_page_url).not.toBeNull();

    await remote.getState().listRevisions(sid, first.meta?.next_page_url);
    const second = remote.getState().revisions;
    expect(second.items.map((r) => r.revision)).toEqual([3, 2, 1]);
    expect(second.meta?.next_page_url).toBeNull();
    expect(second.loading).toBe(false);

    const revision = await remote.getState().fetchRevision(sid, 2);
    expect(revision).toMatchObject({ revision: 2, commit_message: 'Change 2' });
    expect((revision?.definition as FlowDefinition).description).toBe('Revision 2');
    expect(editor.getState().definition).toBe(latest);

    if (!revision) throw new Error('no revision');
    expect(remote.getState().openRevision(revision)).toBe(true);
    expect(editor.getState().definition?.description).toBe('Revision 2');
    expect(editor.getState().source).toMatchObject({ kind: 'revision', flowSid: sid, revision: 2 });
    expect(editor.getState().status?.text).toBe(
      'Opened revision 2 of Long lived; undo brings back the previous flow.',
    );

    // Saving an old revision goes through the conflict check.
    expect(await remote.getState().save({ status: 'draft', commitMessage: '' })).toBe('conflict');
    expect(remote.getState().conflict?.server.revision).toBe(53);
    expect(remote.getState().conflict?.base?.revision).toBe(2);

    editor.getState().undo();
    expect(editor.getState().definition).toBe(latest);
    expect(editor.getState().source?.revision).toBe(53);
  });

  it('never shows another flow’s revisions under this one, while loading or after a failure', async () => {
    const [a, b] = await seed([
      { friendlyName: 'A', definition: greeting('A') },
      { friendlyName: 'B', definition: greeting('B') },
    ]);
    const { remote } = setup();
    await remote.getState().listRevisions(a?.sid ?? '');
    expect(remote.getState().revisions.items).toHaveLength(1);
    await control('fail', { count: 1, status: 500 });

    const listing = remote.getState().listRevisions(b?.sid ?? '');
    expect(remote.getState().revisions).toEqual({ items: [], meta: null, loading: true, flowSid: b?.sid });
    await listing;

    expect(remote.getState().revisions).toEqual({ items: [], meta: null, loading: false, flowSid: b?.sid });
    expect(remote.getState().error).toMatchObject({ action: 'revisions', kind: 'server', retryable: true });
  });

  it('fetches nothing of a revision that does not exist, saying so', async () => {
    const { remote, sid } = await openSeeded();
    expect(await remote.getState().fetchRevision(sid, 9)).toBeNull();
    expect(remote.getState().error).toMatchObject({ action: 'revision', kind: 'not-found' });
  });
});
