// The Studio emulator over real HTTP (port 0, real fetch): every operation of the seed spec, Twilio's conventions,
// the control endpoints and persistence. Every answer the tests receive is recorded; the last tests check each
// against the seed's response schema of its operation (ajv) and scan them all for the credentials.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv, { type AnySchema, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../model/types';
import { basicAuthorization, StudioClient, type FetchLike } from '../studio/client';
import { StudioError } from '../studio/errors';
import spec from '../studio/openapi.json';
import { matchOperation, OPERATIONS, operationPath } from '../studio/operations';
import type { Execution, ExecutionStep, StudioFlow, TwilioErrorBody } from '../studio/types';
import { flowOf, sendMessage, trigger } from '../testing/flows';
import { validateDefinition } from '../validation';
import { startEmulator, type EmulatorHandle, type RequestLogEntry } from './emulator';

const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const AUTH_TOKEN = 'tok_5f1c9e0d7a3b4c2e8f6a1d0b9c7e5a3f';
const API_KEY = `SK${'fedcba9876543210'.repeat(2)}`;
const API_SECRET = 'sec_Zq8wX3vR6tY1uI4oP7aS0dF2gH5jK9lM';
const SECRETS = [AUTH_TOKEN, API_SECRET];

const TOKEN_AUTH = basicAuthorization(ACCOUNT_SID, AUTH_TOKEN);
const KEY_AUTH = basicAuthorization(API_KEY, API_SECRET);

// ---------------------------------------------------------------------------------------------------------------
// Every exchange of the tests, for the schema and secret checks at the end

interface Exchange {
  method: string;
  url: string;
  status: number;
  headers: [string, string][];
  text: string;
}
const exchanges: Exchange[] = [];
const logLines: string[] = [];

const recordingFetch: FetchLike = async (url, init) => {
  const response = await fetch(url, init);
  const text = await response.text();
  exchanges.push({ method: init.method, url, status: response.status, headers: [...response.headers], text });
  return { status: response.status, headers: response.headers, text: () => Promise.resolve(text) };
};

let emulator: EmulatorHandle;

interface CallOptions {
  auth?: string | null;
  form?: URLSearchParams | Record<string, string>;
  json?: unknown;
}

/** One request to the emulator, recorded; the body parsed when it is JSON. */
async function call(
  method: string,
  path: string,
  { auth = TOKEN_AUTH, form, json }: CallOptions = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (auth !== null) headers.Authorization = auth;
  let body: string | undefined;
  if (form !== undefined) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(form).toString();
  } else if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  }
  const url = path.startsWith('http') ? path : `${emulator.url}${path}`;
  const response = await recordingFetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
    headers: response.headers as Headers,
  };
}

/** A control endpoint: GET for the request log, else POST with a JSON body. */
function control(path: string, json: unknown = {}): Promise<{ status: number; body: unknown }> {
  return path === '/__emulator/requests'
    ? call('GET', path, { auth: null })
    : call('POST', path, { auth: null, json });
}

function client(authorization = TOKEN_AUTH): StudioClient {
  return new StudioClient({ baseUrl: emulator.url, fetch: recordingFetch, authorization });
}

async function failure(promise: Promise<unknown>): Promise<StudioError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof StudioError) return e;
    throw e;
  }
  throw new Error('expected a StudioError');
}

// ---------------------------------------------------------------------------------------------------------------
// Flows

const VALID: FlowDefinition = flowOf('Greets', [
  trigger('greet'),
  sendMessage('greet', {
    from: '{{flow.channel.address}}',
    to: '{{contact.channel.address}}',
    body: 'Hello',
  }),
]);
/** `body` is a number: an error at /states/1/properties/body. */
const INVALID: FlowDefinition = flowOf('Broken', [
  trigger('greet'),
  sendMessage('greet', { from: '{{flow.channel.address}}', to: '{{contact.channel.address}}', body: 42 }),
]);
/** A widget no transition reaches: a warning only. */
const WARNED: FlowDefinition = flowOf('Warned', [
  ...VALID.states,
  sendMessage('orphan', { from: 'a', to: 'b', body: 'never sent' }),
]);

function withBody(text: string): FlowDefinition {
  return flowOf(`Says ${text}`, [
    trigger('greet'),
    sendMessage('greet', { from: '{{flow.channel.address}}', to: '{{contact.channel.address}}', body: text }),
  ]);
}

/** The same JSON value with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

beforeAll(async () => {
  emulator = await startEmulator({
    credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiKeys: { [API_KEY]: API_SECRET } },
    log: (line) => logLines.push(line),
  });
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(async () => {
  expect((await control('/__emulator/reset')).status).toBe(200);
});

describe('the fixtures', () => {
  it('are valid, invalid and warned as the tests assume', () => {
    expect(validateDefinition(VALID, { profile: 'studio' })).toEqual([]);
    expect(validateDefinition(INVALID, { profile: 'studio' }).map((p) => [p.severity, p.pointer])).toEqual([
      ['error', '/states/1/properties/body'],
    ]);
    expect(validateDefinition(WARNED, { profile: 'studio' }).map((p) => p.severity)).toEqual(['warning']);
  });
});

describe('authentication', () => {
  it('accepts the account SID with its auth token, and an API key with its secret', async () => {
    await client(TOKEN_AUTH).createFlow({ friendlyName: 'A', status: 'draft', definition: VALID });
    const page = await client(KEY_AUTH).listFlows();
    expect(page.items.map((f) => f.friendly_name)).toEqual(['A']);
  });

  it.each([
    ['no Authorization header', null],
    ['a wrong auth token', basicAuthorization(ACCOUNT_SID, `${AUTH_TOKEN}x`)],
    ['another account', basicAuthorization(`AC${'9'.repeat(32)}`, AUTH_TOKEN)],
    ['the API key with the auth token', basicAuthorization(API_KEY, AUTH_TOKEN)],
    ['an unknown API key', basicAuthorization(`SK${'1'.repeat(32)}`, API_SECRET)],
    ['the account SID with the API secret', basicAuthorization(ACCOUNT_SID, API_SECRET)],
    ['a Bearer token', `Bearer ${AUTH_TOKEN}`],
    ['Basic without a colon', `Basic ${btoa(ACCOUNT_SID)}`],
  ])('refuses %s with 401 in Twilio’s shape', async (_, auth) => {
    const r = await call('GET', '/v2/Flows', { auth });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({
      code: 20003,
      message: 'Authenticate',
      more_info: 'https://www.twilio.com/docs/errors/20003',
      status: 401,
    });
    expect(r.headers.get('www-authenticate')).toMatch(/^Basic /);
  });

  it('checks credentials on every /v2 request, unknown paths included', async () => {
    expect((await call('GET', '/v2/Nothing', { auth: null })).status).toBe(401);
    expect((await call('GET', '/v2/Nothing')).status).toBe(404);
  });

  it('words a 401 through the client as an auth failure', async () => {
    const e = await failure(client(basicAuthorization(ACCOUNT_SID, 'wrong')).listFlows());
    expect(e.kind).toBe('auth');
    expect(e.code).toBe(20003);
  });
});

describe('form bodies and parameter errors', () => {
  const form = (fields: Record<string, string>) => ({ form: fields });

  it('creates a flow from a form body, Definition as a JSON string', async () => {
    const r = await call(
      'POST',
      '/v2/Flows',
      form({
        FriendlyName: 'Form',
        Status: 'published',
        Definition: JSON.stringify(VALID),
        CommitMessage: 'first',
      }),
    );
    expect(r.status).toBe(201);
    const flow = r.body as StudioFlow & { webhook_url: string };
    expect(flow).toMatchObject({
      account_sid: ACCOUNT_SID,
      friendly_name: 'Form',
      status: 'published',
      revision: 1,
      commit_message: 'first',
      valid: true,
      errors: [],
      warnings: [],
      definition: VALID,
      date_updated: null,
    });
    expect(flow.sid).toMatch(/^FW[0-9a-f]{32}$/);
    expect(flow.date_created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(flow.url).toBe(`${emulator.url}/v2/Flows/${flow.sid}`);
    expect(flow.links).toEqual({
      test_users: `${flow.url}/TestUsers`,
      revisions: `${flow.url}/Revisions`,
      executions: `${flow.url}/Executions`,
    });
    expect(flow.webhook_url.startsWith(emulator.url)).toBe(true);
  });

  it.each([
    ['FriendlyName', { Status: 'draft', Definition: '{}' }],
    ['Status', { FriendlyName: 'x', Definition: '{}' }],
    ['Definition', { FriendlyName: 'x', Status: 'draft' }],
  ])('refuses a CreateFlow without %s', async (name, fields) => {
    const r = await call('POST', '/v2/Flows', form(fields));
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      code: 20001,
      message: `Missing required parameter ${name} in the post body`,
      more_info: 'https://www.twilio.com/docs/errors/20001',
      status: 400,
    });
  });

  it('refuses a Status out of the enum, naming the parameter', async () => {
    const r = await call('POST', '/v2/Flows', form({ FriendlyName: 'x', Status: 'live', Definition: '{}' }));
    expect(r.status).toBe(400);
    expect((r.body as TwilioErrorBody).message).toBe(
      'Invalid parameter Status: "live" is not one of draft, published',
    );
  });

  it('refuses a Definition that is not JSON, naming the parameter', async () => {
    const r = await call(
      'POST',
      '/v2/Flows',
      form({ FriendlyName: 'x', Status: 'draft', Definition: '{"states": [' }),
    );
    expect(r.status).toBe(400);
    expect((r.body as TwilioErrorBody).code).toBe(20001);
    expect((r.body as TwilioErrorBody).message).toMatch(
      /^Invalid parameter Definition: This is not valid JSON/,
    );
  });

  it('refuses, even as a draft, JSON that is no flow at all (the restore boundary), with where', async () => {
    const r = await call(
      'POST',
      '/v2/Flows',
      form({ FriendlyName: 'x', Status: 'draft', Definition: JSON.stringify({ states: [{ name: 'a' }] }) }),
    );
    expect(r.status).toBe(400);
    const body = r.body as TwilioErrorBody;
    expect(body.message).toBe('Invalid Flow Definition');
    expect(body.details?.errors?.[0]?.property_path).toBe('#/states/0');
    expect(body.details?.errors?.[0]?.message).toMatch(/has no "type"/);

    const wrapped = await call(
      'POST',
      '/v2/Flows',
      form({
        FriendlyName: 'x',
        Status: 'draft',
        Definition: JSON.stringify({ sid: `FW${'a'.repeat(32)}`, definition: VALID }),
      }),
    );
    expect(wrapped.status).toBe(400);
    expect((wrapped.body as TwilioErrorBody).details?.errors?.[0]?.message).toMatch(/not a flow definition/);
    expect(emulator.state.data.flows).toEqual([]);
  });

  it('refuses a body over 20 MB with 413, unread', async () => {
    const huge = 'x'.repeat(21 * 1024 * 1024);
    const r = await call('POST', '/v2/Flows', {
      form: { FriendlyName: 'x', Status: 'draft', Definition: huge },
    });
    expect(r.status).toBe(413);
    expect((r.body as TwilioErrorBody).message).toBe('The request body is too large (at most 20 MB)');
  });

  it('reads the body only when it is form-encoded, as Twilio does', async () => {
    const r = await call('POST', '/v2/Flows', {
      json: { FriendlyName: 'x', Status: 'draft', Definition: VALID },
    });
    expect(r.status).toBe(400);
    expect((r.body as TwilioErrorBody).message).toBe(
      'Missing required parameter FriendlyName in the post body',
    );
  });
});

describe('unknown resources and paths', () => {
  const missing = `FW${'0'.repeat(32)}`;

  it.each([
    ['GET', `/v2/Flows/${missing}`],
    ['POST', `/v2/Flows/${missing}`],
    ['DELETE', `/v2/Flows/${missing}`],
    ['GET', `/v2/Flows/${missing}/Revisions`],
    ['GET', `/v2/Flows/${missing}/TestUsers`],
    ['GET', `/v2/Flows/${missing}/Executions`],
  ])('%s %s is 404 naming the resource', async (method, path) => {
    const r = await call(method, path, method === 'POST' ? { form: { Status: 'draft' } } : {});
    expect(r.status).toBe(404);
    expect(r.body).toEqual({
      code: 20404,
      message: `The requested resource ${path} was not found`,
      more_info: 'https://www.twilio.com/docs/errors/20404',
      status: 404,
    });
  });

  it.each([
    ['GET', '/v2/Widgets'],
    ['PUT', '/v2/Flows'],
    ['DELETE', '/v2/Flows'],
    ['GET', '/v2/Flows/not-a-sid'],
    ['GET', `/v2/Flows/FN${'0'.repeat(32)}`],
    ['GET', '/v2/Flows/../../2010-04-01/Accounts'],
    ['GET', '/'],
  ])('%s %s (no operation of the spec) is 404', async (method, path) => {
    const r = await call(method, path);
    expect(r.status).toBe(404);
    expect((r.body as TwilioErrorBody).code).toBe(20404);
  });

  it('is 404 through the client, worded as not found', async () => {
    const e = await failure(client().fetchFlow(missing));
    expect(e.kind).toBe('not-found');
  });
});

describe('paging', () => {
  it('pages 5 flows by 2, newest first, following the meta URLs to the end and back', async () => {
    const c = client();
    for (const name of ['one', 'two', 'three', 'four', 'five']) {
      await c.createFlow({ friendlyName: name, status: 'draft', definition: VALID });
    }
    const first = await c.listFlows({ pageSize: 2 });
    expect(first.meta).toEqual({
      page: 0,
      page_size: 2,
      first_page_url: `${emulator.url}/v2/Flows?PageSize=2&Page=0`,
      previous_page_url: null,
      url: `${emulator.url}/v2/Flows?PageSize=2&Page=0`,
      next_page_url: expect.stringMatching(
        /\/v2\/Flows\?PageSize=2&Page=1&PageToken=PAFW[0-9a-f]{32}$/,
      ) as string,
      key: 'flows',
    });
    const names: string[][] = [first.items.map((f) => f.friendly_name)];
    let page = first;
    while (page.meta.next_page_url !== null) {
      expect(page.meta.next_page_url.startsWith(`${emulator.url}/v2/Flows?`)).toBe(true);
      page = await c.listFlows({ pageUrl: page.meta.next_page_url });
      names.push(page.items.map((f) => f.friendly_name));
    }
    expect(names).toEqual([['five', 'four'], ['three', 'two'], ['one']]);
    expect(page.meta.page).toBe(2);

    // Back from the last page.
    expect(page.meta.previous_page_url).not.toBeNull();
    const back = await c.listFlows({ pageUrl: page.meta.previous_page_url });
    expect(back.items.map((f) => f.friendly_name)).toEqual(['three', 'two']);
    expect(back.meta.page).toBe(1);

    // A flow made while paging does not shift the pages a token names.
    await c.createFlow({ friendlyName: 'six', status: 'draft', definition: VALID });
    const second = await c.listFlows({ pageUrl: first.meta.next_page_url });
    expect(second.items.map((f) => f.friendly_name)).toEqual(['three', 'two']);
    // `all` follows the pages too.
    expect((await c.all((o) => c.listFlows(o))).map((f) => f.friendly_name)).toEqual([
      'six',
      'five',
      'four',
      'three',
      'two',
      'one',
    ]);
  });

  it('lists flows without their definitions (Twilio: fetch a flow for it)', async () => {
    const c = client();
    const made = await c.createFlow({ friendlyName: 'x', status: 'draft', definition: VALID });
    expect((await c.listFlows()).items[0]?.definition).toBeNull();
    expect((await c.fetchFlow(made.sid)).definition).toEqual(VALID);
  });

  it('defaults to 50 a page and honours Page without a token', async () => {
    const c = client();
    for (let i = 0; i < 3; i++)
      await c.createFlow({ friendlyName: `f${i}`, status: 'draft', definition: VALID });
    const whole = await call('GET', '/v2/Flows');
    expect((whole.body as { meta: { page_size: number } }).meta.page_size).toBe(50);
    const r = await call('GET', '/v2/Flows?PageSize=1&Page=2');
    const body = r.body as { flows: StudioFlow[]; meta: { previous_page_url: string; next_page_url: null } };
    expect(body.flows.map((f) => f.friendly_name)).toEqual(['f0']);
    expect(body.meta.next_page_url).toBeNull();
    expect(body.meta.previous_page_url).toMatch(/Page=1&PageToken=PB/);
  });

  it.each(['PageSize=0', 'PageSize=1001', 'PageSize=ten', 'Page=-1', 'PageToken=nonsense'])(
    'refuses %s with 400 naming the parameter',
    async (query) => {
      const r = await call('GET', `/v2/Flows?${query}`);
      expect(r.status).toBe(400);
      expect((r.body as TwilioErrorBody).message).toContain(`Invalid parameter ${query.split('=')[0] ?? ''}`);
    },
  );
});

describe('revisions', () => {
  it('makes a revision when the definition or the status changes, not for a rename alone', async () => {
    const c = client();
    const made = await c.createFlow({
      friendlyName: 'Rev',
      status: 'draft',
      definition: VALID,
      commitMessage: 'v1',
    });
    expect(made.revision).toBe(1);

    const two = await c.updateFlow(made.sid, {
      friendlyName: 'Rev',
      status: 'draft',
      definition: withBody('Hi'),
      commitMessage: 'new text',
    });
    expect(two).toMatchObject({ revision: 2, commit_message: 'new text', definition: withBody('Hi') });
    expect(two.date_updated).not.toBeNull();

    // The same definition (keys in another order) and status: no revision; the new name is kept.
    const reordered = reversedKeys(withBody('Hi'));
    const renamed = await c.updateFlow(made.sid, {
      friendlyName: 'Renamed',
      status: 'draft',
      definition: reordered,
    });
    expect(renamed).toMatchObject({ revision: 2, friendly_name: 'Renamed', commit_message: 'new text' });

    // Status only, without a Definition: a revision with the same definition.
    const published = await call('POST', `/v2/Flows/${made.sid}`, {
      form: { Status: 'published', CommitMessage: 'go live' },
    });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({
      revision: 3,
      status: 'published',
      commit_message: 'go live',
      friendly_name: 'Renamed',
    });

    const revisions = await c.listRevisions(made.sid);
    expect(revisions.meta.key).toBe('revisions');
    expect(revisions.items.map((r) => [r.revision, r.status, r.commit_message, r.friendly_name])).toEqual([
      [3, 'published', 'go live', 'Renamed'],
      [2, 'draft', 'new text', 'Rev'],
      [1, 'draft', 'v1', 'Rev'],
    ]);
    expect(revisions.items[2]?.url).toBe(`${emulator.url}/v2/Flows/${made.sid}/Revisions/1`);
    expect((await c.fetchRevision(made.sid, 1)).definition).toEqual(VALID);
    expect((await c.fetchRevision(made.sid, 'LatestRevision')).revision).toBe(3);
    expect((await c.fetchRevision(made.sid, 'LatestPublished')).revision).toBe(3);

    await c.updateFlow(made.sid, {
      friendlyName: 'Renamed',
      status: 'draft',
      definition: withBody('Draft again'),
    });
    expect((await c.fetchRevision(made.sid, 'LatestRevision')).revision).toBe(4);
    expect((await c.fetchRevision(made.sid, 'LatestPublished')).revision).toBe(3);
    expect((await c.fetchFlow(made.sid)).revision).toBe(4);

    // Paging works on revisions too.
    const paged = await c.listRevisions(made.sid, { pageSize: 3 });
    expect(paged.items.map((r) => r.revision)).toEqual([4, 3, 2]);
    const rest = await c.listRevisions(made.sid, { pageUrl: paged.meta.next_page_url });
    expect(rest.items.map((r) => r.revision)).toEqual([1]);
  });

  it('answers 404 for a revision that does not exist, or no published one', async () => {
    const c = client();
    const made = await c.createFlow({ friendlyName: 'Draft', status: 'draft', definition: VALID });
    expect((await failure(c.fetchRevision(made.sid, 2))).status).toBe(404);
    expect((await failure(c.fetchRevision(made.sid, 'LatestPublished'))).status).toBe(404);
    expect((await call('GET', `/v2/Flows/${made.sid}/Revisions/Latest`)).status).toBe(404);
  });

  it('deletes a flow with 204, and its executions with it', async () => {
    const c = client();
    const made = await c.createFlow({ friendlyName: 'Gone', status: 'published', definition: VALID });
    const execution = await c.createExecution(made.sid, { to: '+15550001111', from: '+15550002222' });
    const r = await call('DELETE', `/v2/Flows/${made.sid}`);
    expect(r.status).toBe(204);
    expect(r.body).toBeUndefined();
    expect((await failure(c.fetchFlow(made.sid))).status).toBe(404);
    expect((await failure(c.fetchExecution(made.sid, execution.sid))).status).toBe(404);
    expect(emulator.state.data.executions).toEqual([]);
  });
});

describe('validation', () => {
  it('answers {valid: true} for a valid definition', async () => {
    expect(
      await client().validateFlow({ friendlyName: 'x', status: 'published', definition: VALID }),
    ).toEqual({
      valid: true,
    });
  });

  it('answers 400 with each error and its property path for an invalid one', async () => {
    const r = await call('POST', '/v2/Flows/Validate', {
      form: { FriendlyName: 'x', Status: 'draft', Definition: JSON.stringify(INVALID) },
    });
    expect(r.status).toBe(400);
    const body = r.body as TwilioErrorBody;
    expect(body).toMatchObject({ code: 20001, message: 'Invalid Flow Definition', status: 400 });
    expect(body.details?.errors).toEqual([
      { message: expect.stringContaining('body') as string, property_path: '#/states/1/properties/body' },
    ]);
    const e = await failure(
      client().validateFlow({ friendlyName: 'x', status: 'draft', definition: INVALID }),
    );
    expect(e.kind).toBe('bad-request');
    expect(e.definitionErrors.map((d) => d.property_path)).toEqual(['#/states/1/properties/body']);
  });

  it('refuses to publish a definition with errors, and keeps a draft of it with valid: false', async () => {
    const c = client();
    const e = await failure(c.createFlow({ friendlyName: 'x', status: 'published', definition: INVALID }));
    expect(e.definitionErrors.map((d) => d.property_path)).toEqual(['#/states/1/properties/body']);
    expect(emulator.state.data.flows).toEqual([]);

    const draft = await c.createFlow({ friendlyName: 'x', status: 'draft', definition: INVALID });
    expect(draft.valid).toBe(false);
    expect(draft.errors).toEqual([
      { message: expect.stringContaining('body') as string, property_path: '#/states/1/properties/body' },
    ]);
    expect((await c.fetchRevision(draft.sid, 1)).valid).toBe(false);

    const refused = await failure(
      c.updateFlow(draft.sid, { friendlyName: 'x', status: 'published', definition: INVALID }),
    );
    expect(refused.status).toBe(400);
    expect((await c.fetchFlow(draft.sid)).revision).toBe(1);

    const fixed = await c.updateFlow(draft.sid, {
      friendlyName: 'x',
      status: 'published',
      definition: VALID,
    });
    expect(fixed).toMatchObject({ revision: 2, valid: true, errors: [], status: 'published' });
  });

  it('records warnings without refusing', async () => {
    const made = await client().createFlow({ friendlyName: 'w', status: 'published', definition: WARNED });
    expect(made.valid).toBe(true);
    expect(made.warnings).toEqual([
      { message: expect.stringContaining('orphan') as string, property_path: '#/states/2' },
    ]);
  });

  it('adds the errors a test seeds to Studio’s verdict (a disagreement with the offline validator)', async () => {
    const extra = {
      message: 'Widget greet uses a retired phone number',
      property_path: '#/states/1/properties/from',
    };
    expect((await control('/__emulator/validation', { extraErrors: [extra] })).status).toBe(200);
    const e = await failure(
      client().validateFlow({ friendlyName: 'x', status: 'published', definition: VALID }),
    );
    expect(e.definitionErrors).toEqual([extra]);
    const both = await failure(
      client().createFlow({ friendlyName: 'x', status: 'published', definition: INVALID }),
    );
    expect(both.definitionErrors.map((d) => d.property_path)).toEqual([
      '#/states/1/properties/body',
      '#/states/1/properties/from',
    ]);
    expect(
      (await client().createFlow({ friendlyName: 'x', status: 'draft', definition: VALID })).errors,
    ).toEqual([extra]);

    await control('/__emulator/validation', { extraErrors: [] });
    expect(
      (await client().validateFlow({ friendlyName: 'x', status: 'published', definition: VALID })).valid,
    ).toBe(true);
    expect((await control('/__emulator/validation', { extraErrors: [{ property_path: '#' }] })).status).toBe(
      400,
    );
  });

  it('refuses a Validate without its required parameters', async () => {
    const r = await call('POST', '/v2/Flows/Validate', {
      form: { Status: 'draft', Definition: JSON.stringify(VALID) },
    });
    expect(r.status).toBe(400);
    expect((r.body as TwilioErrorBody).message).toBe(
      'Missing required parameter FriendlyName in the post body',
    );
  });
});

describe('test users', () => {
  it('reads and replaces the test users, as repeated form keys', async () => {
    const c = client();
    const made = await c.createFlow({ friendlyName: 't', status: 'draft', definition: VALID });
    expect(await c.fetchTestUsers(made.sid)).toEqual({
      sid: made.sid,
      test_users: [],
      url: `${emulator.url}/v2/Flows/${made.sid}/TestUsers`,
    });
    const form = new URLSearchParams([
      ['TestUsers', 'client:alice'],
      ['TestUsers', '+15551234567'],
    ]);
    const r = await call('POST', `/v2/Flows/${made.sid}/TestUsers`, { form });
    expect(r.status).toBe(200);
    expect((r.body as { test_users: string[] }).test_users).toEqual(['client:alice', '+15551234567']);
    expect((await c.updateTestUsers(made.sid, ['bob'])).test_users).toEqual(['bob']);
    expect((await c.fetchTestUsers(made.sid)).test_users).toEqual(['bob']);
    expect(
      (await call('POST', `/v2/Flows/${made.sid}/TestUsers`, { form: { TestUsers: '' } })).body,
    ).toMatchObject({
      test_users: [],
    });
    const missing = await call('POST', `/v2/Flows/${made.sid}/TestUsers`, { form: {} });
    expect(missing.status).toBe(400);
    expect((missing.body as TwilioErrorBody).message).toBe(
      'Missing required parameter TestUsers in the post body',
    );
  });
});

describe('executions', () => {
  it('creates an active execution with no steps; Parameters become flow.data', async () => {
    const c = client();
    const flow = await c.createFlow({ friendlyName: 'e', status: 'published', definition: VALID });
    const execution = await c.createExecution(flow.sid, {
      to: '+15550001111',
      from: '+15550002222',
      parameters: { name: 'Zeke', n: 3 },
    });
    expect(execution).toMatchObject({
      account_sid: ACCOUNT_SID,
      flow_sid: flow.sid,
      contact_channel_address: '+15550001111',
      status: 'active',
      date_updated: null,
    });
    expect(execution.sid).toMatch(/^FN[0-9a-f]{32}$/);
    const url = `${emulator.url}/v2/Flows/${flow.sid}/Executions/${execution.sid}`;
    expect(execution.url).toBe(url);
    expect(execution.links).toEqual({ steps: `${url}/Steps`, execution_context: `${url}/Context` });
    const context = await c.fetchExecutionContext(flow.sid, execution.sid);
    expect(context).toMatchObject({
      flow_sid: flow.sid,
      execution_sid: execution.sid,
      url: `${url}/Context`,
    });
    expect(context.context).toMatchObject({
      flow: { data: { name: 'Zeke', n: 3 }, channel: { address: '+15550002222' } },
      contact: { channel: { address: '+15550001111' } },
    });
    expect((await c.listSteps(flow.sid, execution.sid)).items).toEqual([]);
    expect(await c.fetchExecution(flow.sid, execution.sid)).toEqual(execution);
    expect((await c.listExecutions(flow.sid)).items.map((e) => e.sid)).toEqual([execution.sid]);
  });

  it('refuses an execution without To or From, or with Parameters that are not a JSON object', async () => {
    const c = client();
    const flow = await c.createFlow({ friendlyName: 'e', status: 'published', definition: VALID });
    const path = `/v2/Flows/${flow.sid}/Executions`;
    const noFrom = await call('POST', path, { form: { To: '+1555' } });
    expect(noFrom.status).toBe(400);
    expect((noFrom.body as TwilioErrorBody).message).toBe('Missing required parameter From in the post body');
    const noTo = await call('POST', path, { form: { From: '+1555' } });
    expect((noTo.body as TwilioErrorBody).message).toBe('Missing required parameter To in the post body');
    const badJson = await call('POST', path, { form: { To: '+1', From: '+2', Parameters: '{name:' } });
    expect(badJson.status).toBe(400);
    expect((badJson.body as TwilioErrorBody).message).toMatch(
      /^Invalid parameter Parameters: not valid JSON/,
    );
    const notObject = await call('POST', path, { form: { To: '+1', From: '+2', Parameters: '[1]' } });
    expect((notObject.body as TwilioErrorBody).message).toBe(
      'Invalid parameter Parameters: must be a JSON object',
    );
    expect(
      (await call('POST', `/v2/Flows/FW${'0'.repeat(32)}/Executions`, { form: { To: '+1', From: '+2' } }))
        .status,
    ).toBe(404);
  });

  it('ends an execution (Status=ended only) and deletes it', async () => {
    const c = client();
    const flow = await c.createFlow({ friendlyName: 'e', status: 'published', definition: VALID });
    const execution = await c.createExecution(flow.sid, { to: '+1', from: '+2' });
    const path = `/v2/Flows/${flow.sid}/Executions/${execution.sid}`;
    const active = await call('POST', path, { form: { Status: 'active' } });
    expect(active.status).toBe(400);
    expect((active.body as TwilioErrorBody).message).toBe('Invalid parameter Status: can only be "ended"');
    expect((await call('POST', path, { form: { Status: 'paused' } })).status).toBe(400);
    expect((await call('POST', path, { form: {} })).status).toBe(400);
    const ended = await c.endExecution(flow.sid, execution.sid);
    expect(ended.status).toBe('ended');
    expect(ended.date_updated).not.toBeNull();
    expect((await c.endExecution(flow.sid, execution.sid)).status).toBe('ended');
    const r = await call('DELETE', path);
    expect(r.status).toBe(204);
    expect((await call('GET', path)).status).toBe(404);
    expect((await call('DELETE', path)).status).toBe(404);
  });

  it('serves seeded executions with their steps and contexts, and filters by date', async () => {
    const stepSid = `FT${'a'.repeat(32)}`;
    const seeded = await control('/__emulator/seed', {
      flows: [
        {
          friendlyName: 'Seeded',
          definition: VALID,
          testUsers: ['client:tester'],
          executions: [
            {
              sid: `FN${'1'.repeat(32)}`,
              contactChannelAddress: '+15550000001',
              status: 'ended',
              context: { flow: { data: { n: 1 } } },
              dateCreated: '2024-01-01T10:00:00Z',
              dateUpdated: '2024-01-01T10:05:00Z',
              steps: [
                {
                  sid: stepSid,
                  name: 'incomingRequest',
                  transitionedFrom: 'Trigger',
                  transitionedTo: 'greet',
                  context: { widgets: {} },
                  dateCreated: '2024-01-01T10:00:01Z',
                },
                {
                  name: 'sent',
                  transitionedFrom: 'greet',
                  transitionedTo: 'Ended',
                  context: { widgets: { greet: { status: 'sent' } } },
                  dateCreated: '2024-01-01T10:00:02Z',
                },
              ],
            },
            { sid: `FN${'2'.repeat(32)}`, dateCreated: '2024-02-01T10:00:00Z' },
            { sid: `FN${'3'.repeat(32)}`, dateCreated: '2024-03-01T10:00:00Z' },
          ],
        },
      ],
    });
    expect(seeded.status).toBe(201);
    const { flows, executions } = seeded.body as { flows: StudioFlow[]; executions: Execution[] };
    const flowSid = flows[0]?.sid ?? '';
    expect(executions).toHaveLength(3);
    const c = client();
    expect((await c.fetchTestUsers(flowSid)).test_users).toEqual(['client:tester']);

    const all = await c.listExecutions(flowSid);
    expect(all.items.map((e) => e.sid.slice(2, 3))).toEqual(['3', '2', '1']);
    const from = await c.listExecutions(flowSid, { from: '2024-02-01T10:00:00Z' });
    expect(from.items.map((e) => e.sid.slice(2, 3))).toEqual(['3', '2']);
    const to = await c.listExecutions(flowSid, { to: '2024-02-01T10:00:00Z' });
    expect(to.items.map((e) => e.sid.slice(2, 3))).toEqual(['1']);
    const between = await c.listExecutions(flowSid, {
      from: '2024-01-15',
      to: '2024-02-15T00:00:00+01:00',
      pageSize: 1,
    });
    expect(between.items.map((e) => e.sid.slice(2, 3))).toEqual(['2']);
    expect(between.meta.url).toBe(
      `${emulator.url}/v2/Flows/${flowSid}/Executions?DateCreatedFrom=2024-01-15&DateCreatedTo=2024-02-15T00%3A00%3A00%2B01%3A00&PageSize=1&Page=0`,
    );
    const bad = await call('GET', `/v2/Flows/${flowSid}/Executions?DateCreatedFrom=yesterday`);
    expect(bad.status).toBe(400);
    expect((bad.body as TwilioErrorBody).message).toBe(
      'Invalid parameter DateCreatedFrom: must be an ISO 8601 date-time',
    );

    const executionSid = `FN${'1'.repeat(32)}`;
    const steps = await c.listSteps(flowSid, executionSid);
    expect(steps.meta.key).toBe('steps');
    expect(steps.items.map((s) => s.name)).toEqual(['sent', 'incomingRequest']);
    const step: ExecutionStep = await c.fetchStep(flowSid, executionSid, stepSid);
    const stepUrl = `${emulator.url}/v2/Flows/${flowSid}/Executions/${executionSid}/Steps/${stepSid}`;
    expect(step).toMatchObject({
      sid: stepSid,
      flow_sid: flowSid,
      execution_sid: executionSid,
      name: 'incomingRequest',
      transitioned_from: 'Trigger',
      transitioned_to: 'greet',
      url: stepUrl,
      links: { step_context: `${stepUrl}/Context` },
    });
    expect(await c.fetchStepContext(flowSid, executionSid, stepSid)).toEqual({
      account_sid: ACCOUNT_SID,
      context: { widgets: {} },
      flow_sid: flowSid,
      execution_sid: executionSid,
      step_sid: stepSid,
      url: `${stepUrl}/Context`,
    });
    expect((await c.fetchExecutionContext(flowSid, executionSid)).context).toEqual({
      flow: { data: { n: 1 } },
    });
    expect((await c.fetchExecution(flowSid, executionSid)).status).toBe('ended');
    expect((await failure(c.fetchStep(flowSid, `FN${'2'.repeat(32)}`, stepSid))).status).toBe(404);
    expect((await failure(c.fetchStepContext(flowSid, executionSid, `FT${'b'.repeat(32)}`))).status).toBe(
      404,
    );
    // An execution is found under its own flow only.
    const other = await c.createFlow({ friendlyName: 'other', status: 'draft', definition: VALID });
    expect((await failure(c.fetchExecution(other.sid, executionSid))).status).toBe(404);
  });
});

describe('seeding', () => {
  it('makes flows with several revisions, as given', async () => {
    const r = await control('/__emulator/seed', {
      flows: [
        {
          sid: `FW${'c'.repeat(32)}`,
          friendlyName: 'History',
          revisions: [
            {
              definition: VALID,
              status: 'published',
              commitMessage: 'first',
              dateCreated: '2024-01-01T00:00:00Z',
            },
            {
              definition: INVALID,
              status: 'draft',
              commitMessage: 'broken draft',
              dateCreated: '2024-01-02T00:00:00Z',
            },
          ],
        },
      ],
    });
    expect(r.status).toBe(201);
    const c = client();
    const flow = await c.fetchFlow(`FW${'c'.repeat(32)}`);
    expect(flow).toMatchObject({
      revision: 2,
      status: 'draft',
      valid: false,
      commit_message: 'broken draft',
      date_created: '2024-01-01T00:00:00Z',
      date_updated: '2024-01-02T00:00:00Z',
    });
    expect((await c.fetchRevision(flow.sid, 'LatestPublished')).revision).toBe(1);
    const executions = await control('/__emulator/seed', {
      executions: [{ flowSid: flow.sid, contactChannelAddress: '+1' }],
    });
    expect(executions.status).toBe(201);
    expect((await c.listExecutions(flow.sid)).items).toHaveLength(1);
  });

  it.each([
    [{ flows: [{ friendlyName: 'x' }] }, 'flows[0].definition must be a flow definition object'],
    [
      { flows: [{ friendlyName: 'x', definition: VALID, sid: 'FW1' }] },
      'flows[0].sid must be FW and 32 hex digits',
    ],
    [{ flows: [{ definition: VALID }] }, 'flows[0].friendlyName must be a string'],
    [
      { flows: [{ friendlyName: 'x', definition: VALID, status: 'live' }] },
      'flows[0].status must be one of draft, published',
    ],
    [
      { executions: [{ flowSid: `FW${'d'.repeat(32)}` }] },
      `executions[0].flowSid FW${'d'.repeat(32)} is no flow of the emulator`,
    ],
    [
      { flows: [{ friendlyName: 'x', definition: VALID, executions: [{ dateCreated: 'soon' }] }] },
      'flows[0].executions[0].dateCreated must be an ISO 8601 date',
    ],
  ])('refuses a seed, all or nothing: %j', async (body, message) => {
    const r = await control('/__emulator/seed', body);
    expect(r.status).toBe(400);
    expect((r.body as TwilioErrorBody).message).toBe(message);
    expect(emulator.state.data.flows).toEqual([]);
  });

  it('refuses a SID that is taken', async () => {
    const sid = `FW${'e'.repeat(32)}`;
    await control('/__emulator/seed', { flows: [{ sid, friendlyName: 'x', definition: VALID }] });
    const r = await control('/__emulator/seed', { flows: [{ sid, friendlyName: 'y', definition: VALID }] });
    expect((r.body as TwilioErrorBody).message).toBe(`flows[0].sid ${sid} is taken`);
  });
});

describe('failure injection', () => {
  it('answers 429 with Retry-After for the next N requests; the client retries past them', async () => {
    expect((await control('/__emulator/fail', { count: 2, status: 429, retryAfter: 1 })).status).toBe(200);
    const r = await call('GET', '/v2/Flows');
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('1');
    expect(r.body).toMatchObject({ code: 20429, message: 'Too Many Requests', status: 429 });
    const slept: number[] = [];
    const c = new StudioClient({
      baseUrl: emulator.url,
      fetch: recordingFetch,
      authorization: TOKEN_AUTH,
      retries: 3,
      sleep: (ms) => {
        slept.push(ms);
        return Promise.resolve();
      },
    });
    expect((await c.listFlows()).items).toEqual([]);
    expect(slept).toEqual([1000]);
  });

  it('answers 500 (the client calls it a server failure, retryable)', async () => {
    await control('/__emulator/fail', { count: 1, status: 500 });
    const e = await failure(client().listFlows());
    expect(e.kind).toBe('server');
    expect(e.retryable).toBe(true);
    expect((await client().listFlows()).items).toEqual([]);
  });

  it('drops the connection ("server down"): the client calls it unreachable', async () => {
    await control('/__emulator/fail', { count: 1, status: 'drop' });
    const e = await failure(client().listFlows());
    expect(e.kind).toBe('unreachable');
    expect((await client().listFlows()).items).toEqual([]);
  });

  it('fails before authentication, and a count of 0 cancels the plan', async () => {
    await control('/__emulator/fail', { count: 5, status: 503 });
    expect((await call('GET', '/v2/Flows', { auth: null })).status).toBe(503);
    await control('/__emulator/fail', { count: 0, status: 503 });
    expect((await call('GET', '/v2/Flows')).status).toBe(200);
    expect((await control('/__emulator/fail', { count: 1, status: 200 })).status).toBe(400);
  });
});

describe('publish behind the client’s back', () => {
  it('makes a new published revision, as from the console', async () => {
    const c = client();
    const made = await c.createFlow({ friendlyName: 'p', status: 'draft', definition: VALID });
    const r = await control(`/__emulator/flows/${made.sid}/publish-behind`, {
      definition: withBody('From the console'),
      commitMessage: 'hotfix',
    });
    expect(r.status).toBe(200);
    const flow = await c.fetchFlow(made.sid);
    expect(flow).toMatchObject({ revision: 2, status: 'published', commit_message: 'hotfix' });
    expect(flow.definition).toEqual(withBody('From the console'));
    const again = await control(`/__emulator/flows/${made.sid}/publish-behind`, {});
    expect(again.body).toMatchObject({ revision: 3, definition: withBody('From the console') });
    expect((await control(`/__emulator/flows/FW${'0'.repeat(32)}/publish-behind`, {})).status).toBe(404);
  });
});

describe('the request log', () => {
  it('lists method, path, query, operation and status, never a header', async () => {
    await call('GET', '/v2/Flows?PageSize=3');
    await call('GET', '/v2/Flows', { auth: null });
    await call('GET', '/v2/Nowhere');
    const r = await control('/__emulator/requests');
    const requests = (r.body as { requests: RequestLogEntry[] }).requests;
    expect(requests.map(({ date: _, ...rest }) => rest)).toEqual([
      { method: 'GET', path: '/v2/Flows', query: 'PageSize=3', operation: 'ListFlow', status: 200 },
      { method: 'GET', path: '/v2/Flows', query: '', operation: 'ListFlow', status: 401 },
      { method: 'GET', path: '/v2/Nowhere', query: '', operation: null, status: 404 },
    ]);
    expect(JSON.stringify(requests)).not.toMatch(/authorization|basic/i);
    expect(logLines.slice(-3)).toEqual([
      'GET /v2/Flows?PageSize=3 200 ListFlow',
      'GET /v2/Flows 401 ListFlow',
      'GET /v2/Nowhere 404',
    ]);
  });

  it('answers the control endpoints on loopback connections only', async () => {
    const address = Object.values(networkInterfaces())
      .flat()
      .find((i) => i !== undefined && !i.internal && i.family === 'IPv4')?.address;
    expect(address, 'this machine has no non-loopback IPv4 address to test from').toBeDefined();
    const wide = await startEmulator({
      host: '0.0.0.0',
      credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN },
    });
    try {
      const port = new URL(wide.url).port;
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          { host: address, port, path: '/__emulator/reset', method: 'POST', localAddress: address },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(403);
      expect((await fetch(`${wide.url}/__emulator/requests`)).status).toBe(200);
    } finally {
      await wide.close();
    }
  });
});

describe('persistence in dataDir', () => {
  it('keeps flows, revisions, test users and executions between runs, written atomically', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'studio-emulator-'));
    try {
      const credentials = { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN };
      const first = await startEmulator({ dataDir: join(dir, 'data'), credentials });
      const c1 = new StudioClient({ baseUrl: first.url, fetch: recordingFetch, authorization: TOKEN_AUTH });
      const made = await c1.createFlow({ friendlyName: 'Kept', status: 'draft', definition: VALID });
      await c1.updateFlow(made.sid, {
        friendlyName: 'Kept',
        status: 'published',
        definition: withBody('v2'),
      });
      await c1.updateTestUsers(made.sid, ['client:kept']);
      const execution = await c1.createExecution(made.sid, { to: '+1', from: '+2' });
      const file = JSON.parse(await readFile(join(dir, 'data', 'emulator.json'), 'utf8')) as {
        flows: unknown[];
      };
      expect(file.flows).toHaveLength(1);
      await first.close();
      expect(await readdir(join(dir, 'data'))).toEqual(['emulator.json']);

      const second = await startEmulator({ dataDir: join(dir, 'data'), credentials });
      try {
        const c2 = new StudioClient({
          baseUrl: second.url,
          fetch: recordingFetch,
          authorization: TOKEN_AUTH,
        });
        const flow = await c2.fetchFlow(made.sid);
        expect(flow).toMatchObject({ friendly_name: 'Kept', revision: 2, status: 'published' });
        expect(flow.url.startsWith(second.url)).toBe(true);
        expect((await c2.listRevisions(made.sid)).items.map((r) => r.revision)).toEqual([2, 1]);
        expect((await c2.fetchTestUsers(made.sid)).test_users).toEqual(['client:kept']);
        expect((await c2.fetchExecution(made.sid, execution.sid)).status).toBe('active');
        await c2.deleteFlow(made.sid);
      } finally {
        await second.close();
      }
      const after = JSON.parse(await readFile(join(dir, 'data', 'emulator.json'), 'utf8')) as {
        flows: unknown[];
      };
      expect(after.flows).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start on a state file that is not its own', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'studio-emulator-'));
    try {
      await writeFile(join(dir, 'emulator.json'), '{"flows": 3}');
      await expect(
        startEmulator({ dataDir: dir, credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN } }),
      ).rejects.toThrow(/not an emulator state file/);
      await writeFile(join(dir, 'emulator.json'), '{');
      await expect(
        startEmulator({ dataDir: dir, credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN } }),
      ).rejects.toThrow(/not valid JSON/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('credentials', () => {
  it('are never echoed, even when a client puts one in the path', async () => {
    const r = await call('GET', `/v2/Flows/${AUTH_TOKEN}`);
    expect(r.status).toBe(404);
    expect((r.body as TwilioErrorBody).message).toBe(
      'The requested resource /v2/Flows/[redacted] was not found',
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Every answer against the seed's response schema of its operation

type Json = Record<string, unknown>;

/**
 * OpenAPI 3.0 schema → JSON Schema for ajv: `nullable: true` becomes a type union with null (and null joins an
 * enum); `$ref`s point into the spec document added to ajv as `spec`.
 */
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema as Json)) {
    if (key === 'nullable') continue;
    out[key] =
      key === '$ref'
        ? String(value).replace('#/components/schemas/', 'spec#/$defs/')
        : key === 'properties'
          ? mapValues(value as Json)
          : toJsonSchema(value);
  }
  if ((schema as Json).nullable === true) {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
  }
  return out;
}

function mapValues(properties: Json): Json {
  return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, toJsonSchema(v)]));
}

/** Twilio's error body; the seed spec declares no error responses, so this one is ours. */
const ERROR_SCHEMA = {
  type: 'object',
  required: ['code', 'message', 'more_info', 'status'],
  properties: {
    code: { type: 'integer' },
    message: { type: 'string', minLength: 1 },
    more_info: { type: 'string', format: 'uri' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    details: {
      type: 'object',
      properties: {
        errors: {
          type: 'array',
          items: {
            type: 'object',
            required: ['message', 'property_path'],
            properties: { message: { type: 'string' }, property_path: { type: 'string', pattern: '^#' } },
          },
        },
        warnings: { type: 'array' },
      },
    },
  },
};

describe('every answer the tests received', () => {
  const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'spec', $defs: mapValues(spec.components.schemas) });

  const compiled = new Map<string, ValidateFunction | null>();

  /** The seed's 2xx schema of the operation, compiled once; null when the spec declares no such answer. */
  function responseValidator(method: string, path: string, status: number): ValidateFunction | null {
    const key = `${method} ${path} ${status}`;
    if (!compiled.has(key)) {
      const schema = responseSchema(method, path, status);
      compiled.set(key, schema === null ? null : ajv.compile(schema));
    }
    return compiled.get(key) ?? null;
  }

  /** The seed's 2xx schema of the operation; the list's `previous_page_url`/`next_page_url` are nullable. */
  function responseSchema(method: string, path: string, status: number): AnySchema | null {
    const item = (spec.paths as unknown as Record<string, Record<string, Json>>)[path];
    const operation = item?.[method.toLowerCase()] as { responses: Record<string, Json> } | undefined;
    const response = operation?.responses[String(status)] as
      { content?: Record<string, { schema: unknown }> } | undefined;
    const schema = response?.content?.['application/json']?.schema;
    if (schema === undefined) return null;
    const converted = toJsonSchema(schema) as Json & { properties?: { meta?: { properties: Json } } };
    // The seed (1.27.0) leaves these non-nullable; Twilio answers null at either end of a list, and later
    // versions of Twilio's spec mark them `nullable: true`.
    const meta = converted.properties?.meta?.properties;
    if (meta !== undefined) {
      for (const key of ['previous_page_url', 'next_page_url']) {
        meta[key] = { ...(meta[key] as Json), type: ['string', 'null'] };
      }
    }
    return converted;
  }

  it('were many, of every operation of the spec', () => {
    const seen = new Set(
      exchanges.flatMap((x) => {
        const m = matchOperation(x.method, new URL(x.url).pathname);
        return m !== null && x.status < 300 ? [m.operation.id] : [];
      }),
    );
    expect([...seen].sort()).toEqual(OPERATIONS.map((o) => o.id).sort());
    expect(operationPath('ListFlow')).toBe('/v2/Flows');
  });

  it('match the seed’s response schema of their operation (errors: Twilio’s error shape)', () => {
    const validateError = ajv.compile(ERROR_SCHEMA);
    const failures: string[] = [];
    let checked = 0;
    for (const x of exchanges) {
      const path = new URL(x.url).pathname;
      if (!path.startsWith('/v2')) continue;
      const match = matchOperation(x.method, path);
      if (x.status === 204) {
        expect(x.text, `${x.method} ${path}`).toBe('');
        continue;
      }
      const body: unknown = JSON.parse(x.text);
      let ok: boolean;
      if (x.status >= 400) {
        ok = validateError(body);
        if (!ok) failures.push(`${x.method} ${path} ${x.status}: ${ajv.errorsText(validateError.errors)}`);
      } else {
        expect(match, `${x.method} ${path}`).not.toBeNull();
        const validate = responseValidator(x.method, match?.operation.path ?? '', x.status);
        if (validate === null) {
          failures.push(`${x.method} ${path} ${x.status}: the spec declares no such answer`);
          continue;
        }
        ok = validate(body);
        if (!ok) failures.push(`${x.method} ${path} ${x.status}: ${ajv.errorsText(validate.errors)}`);
      }
      checked++;
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  });

  it('hold no credential: no body, no header, no log line', async () => {
    const requests = await control('/__emulator/requests');
    const texts = [
      ...exchanges.flatMap((x) => [x.text, ...x.headers.flat()]),
      ...logLines,
      JSON.stringify(requests.body),
    ];
    expect(logLines.length).toBeGreaterThan(50);
    for (const secret of SECRETS) {
      expect(texts.filter((t) => t.includes(secret))).toEqual([]);
    }
  });
});
