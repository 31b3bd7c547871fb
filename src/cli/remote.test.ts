// The account commands of `studio-flow` (flows, pull, push, validate --remote), `serve` and `emulate`, run for real:
// `run()` from ./main against a Studio emulator over real HTTP with random credentials made for this run, and the
// installed binary as a child process. Every text the commands print is kept, and the last test scans it all for
// the secrets.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serializeDefinition } from '../io';
import type { FlowDefinition } from '../model/types';
import { startEmulator, type EmulatorHandle, type SeedFlow } from '../server/emulator';
import { basicAuthorization, StudioClient } from '../studio/client';
import type { StudioFlow } from '../studio/types';
import { flowOf, sendMessage, trigger } from '../testing/flows';
import { USAGE } from './args';
import { runCli, type CliResult } from '../testing/cli';
import type { PullRecord } from './remote';

const BIN = new URL('../../bin/studio-flow.mjs', import.meta.url).pathname;

// Fresh credentials every run: nothing here could be a real account's.
const ACCOUNT_SID = `AC${randomBytes(16).toString('hex')}`;
const AUTH_TOKEN = `tok${randomBytes(16).toString('hex')}`;
const API_KEY = `SK${randomBytes(16).toString('hex')}`;
const API_SECRET = `sec${randomBytes(18).toString('base64url')}`;
const base64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
/** What must never be printed: the secrets, and the Basic credentials they make (with and without padding). */
const FORBIDDEN = [
  AUTH_TOKEN,
  API_SECRET,
  base64(`${ACCOUNT_SID}:${AUTH_TOKEN}`),
  base64(`${API_KEY}:${API_SECRET}`),
  base64(`${ACCOUNT_SID}:${AUTH_TOKEN}`).replace(/=+$/, ''),
  base64(`${API_KEY}:${API_SECRET}`).replace(/=+$/, ''),
];

const VARIABLES = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_API_KEY', 'TWILIO_API_SECRET'] as const;
type Variable = (typeof VARIABLES)[number];
const TOKEN_ENV: Partial<Record<Variable, string>> = {
  TWILIO_ACCOUNT_SID: ACCOUNT_SID,
  TWILIO_AUTH_TOKEN: AUTH_TOKEN,
};
const KEY_ENV: Partial<Record<Variable, string>> = {
  TWILIO_ACCOUNT_SID: ACCOUNT_SID,
  TWILIO_API_KEY: API_KEY,
  TWILIO_API_SECRET: API_SECRET,
};

/** Both kinds at once, for the emulator (which accepts both). */
const KEY_ENV_WITH_TOKEN: Partial<Record<Variable, string>> = { ...KEY_ENV, TWILIO_AUTH_TOKEN: AUTH_TOKEN };

/** The process's own values of the variables, put back after the tests. */
const original = new Map<Variable, string | undefined>(VARIABLES.map((v) => [v, process.env[v]]));

/** Exactly these credential variables in process.env (the others unset). */
function useEnv(vars: Partial<Record<Variable, string>>): void {
  for (const v of VARIABLES) {
    const value = vars[v];
    if (value === undefined) Reflect.deleteProperty(process.env, v);
    else process.env[v] = value;
  }
}

/** The environment of a child process: the machine's, without its Twilio variables, plus `vars`. */
function childEnv(vars: Partial<Record<Variable, string>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const v of VARIABLES) Reflect.deleteProperty(env, v);
  return { ...env, ...vars };
}

/** Everything printed by every command of these tests, for the final secret scan. */
const captured: string[] = [];

/** Runs the CLI in-process; what it prints is kept for the credential scan at the end. */
async function cli(...argv: string[]): Promise<CliResult> {
  const result = await runCli(...argv);
  captured.push(result.out, result.err);
  return result;
}

let emulator: EmulatorHandle;
let dir: string;

/** An account command against the test's emulator. */
function remote(...argv: string[]): Promise<CliResult> {
  return cli(...argv, '--studio-url', emulator.url);
}

/** A control endpoint of the emulator (POST with a JSON body, or GET). */
async function control(path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${emulator.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const value: unknown = await response.json();
  if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(value)}`);
  return value;
}

async function seed(...flows: SeedFlow[]): Promise<StudioFlow[]> {
  return ((await control('/__emulator/seed', { flows })) as { flows: StudioFlow[] }).flows;
}

function storedFlow(sid: string) {
  const flow = emulator.state.data.flows.find((f) => f.sid === sid);
  if (flow === undefined) throw new Error(`no flow ${sid} in the emulator`);
  return flow;
}

function client(): StudioClient {
  return new StudioClient({
    baseUrl: emulator.url,
    fetch: (url, init) => fetch(url, init),
    authorization: basicAuthorization(ACCOUNT_SID, AUTH_TOKEN),
  });
}

function withBody(text: string, description = `Says ${text}`): FlowDefinition {
  return flowOf(description, [
    trigger('greet'),
    sendMessage('greet', { from: '{{flow.channel.address}}', to: '{{contact.channel.address}}', body: text }),
  ]);
}
const VALID = withBody('Hello', 'Greets');
/** `body` is a number: Studio's error is at #/states/1/properties/body. */
const INVALID: FlowDefinition = flowOf('Broken', [
  trigger('greet'),
  sendMessage('greet', { from: '{{flow.channel.address}}', to: '{{contact.channel.address}}', body: 42 }),
]);

const readJson = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T;

/** `file` with the message body of its `greet` widget replaced. */
async function editBody(file: string, text: string): Promise<FlowDefinition> {
  const def = await readJson<FlowDefinition>(file);
  const greet = def.states.find((s) => s.name === 'greet');
  if (greet === undefined) throw new Error('no greet widget');
  greet.properties.body = text;
  await writeFile(file, serializeDefinition(def));
  return def;
}

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiKeys: { [API_KEY]: API_SECRET } },
  });
  dir = await mkdtemp(join(tmpdir(), 'studio-flow-remote-'));
});

afterAll(async () => {
  for (const [v, value] of original) {
    if (value === undefined) Reflect.deleteProperty(process.env, v);
    else process.env[v] = value;
  }
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  useEnv(TOKEN_ENV);
  await control('/__emulator/reset', {});
});

// ---------------------------------------------------------------------------------------------------------------

describe('studio-flow flows', () => {
  it('says an empty account has no flows (and lists none in JSON)', async () => {
    const table = await remote('flows');
    expect(table).toMatchObject({ code: 0, err: '' });
    expect(table.out).toBe('The account has no flows.\n');
    const json = await remote('flows', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual([]);
  });

  it('lists every flow in a table and in JSON', async () => {
    const seeded = await seed(
      { friendlyName: 'Alpha', definition: VALID },
      { friendlyName: 'Beta', definition: VALID, status: 'draft' },
      {
        friendlyName: 'Gamma',
        revisions: [{ definition: VALID }, { definition: withBody('Hi') }, { definition: withBody('Yo') }],
      },
    );
    const table = await remote('flows');
    expect(table.code).toBe(0);
    const lines = table.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^SID\s+STATUS\s+REV\s+UPDATED\s+NAME$/);
    expect(lines).toHaveLength(4);
    for (const f of seeded) {
      const line = lines.find((l) => l.startsWith(f.sid));
      expect(line, f.friendly_name).toMatch(
        new RegExp(
          `^${f.sid}  ${f.status}\\s+${f.revision}\\s+\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\s+${f.friendly_name}$`,
        ),
      );
    }
    expect(lines.find((l) => l.endsWith('Gamma'))).toMatch(/published\s+3\s/);
    expect(lines.find((l) => l.endsWith('Beta'))).toMatch(/draft\s+1\s/);

    const json = await remote('flows', '--json');
    expect(json.code).toBe(0);
    const listed = JSON.parse(json.out) as Record<string, unknown>[];
    expect(listed).toHaveLength(3);
    for (const item of listed) {
      expect(Object.keys(item)).toEqual(['sid', 'friendly_name', 'status', 'revision', 'date_updated']);
      const f = seeded.find((s) => s.sid === item.sid);
      expect(item).toMatchObject({
        friendly_name: f?.friendly_name,
        status: f?.status,
        revision: f?.revision,
      });
      expect(typeof item.date_updated).toBe('string');
    }
  });

  it('follows next_page_url through every page of a large account', async () => {
    // The client asks for pages of 1000: 1003 flows need two.
    const seeded = await seed(
      ...Array.from({ length: 1003 }, (_, i) => ({ friendlyName: `Flow ${i}`, definition: VALID })),
    );
    const json = await remote('flows', '--json');
    expect(json.code).toBe(0);
    const listed = JSON.parse(json.out) as { sid: string }[];
    expect(listed).toHaveLength(1003);
    expect(new Set(listed.map((f) => f.sid))).toEqual(new Set(seeded.map((f) => f.sid)));
    const { requests } = (await control('/__emulator/requests')) as {
      requests: { operation: string | null; query: string; status: number }[];
    };
    const pages = requests.filter((r) => r.operation === 'ListFlow');
    expect(pages).toHaveLength(2);
    expect(pages[1]?.query).toMatch(/PageToken=PA/);
    const table = await remote('flows');
    expect(table.out.trimEnd().split('\n')).toHaveLength(1004);
  }, 30_000);
});

describe('studio-flow pull', () => {
  it('prints the definition by SID exactly as the editor exports it', async () => {
    const [flow] = await seed({ friendlyName: 'Greeter', definition: VALID });
    const r = await remote('pull', flow?.sid ?? '');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe(serializeDefinition(VALID));
  });

  it('writes FILE and its .studio.json record when pulled by exact name with -o', async () => {
    const [, flow] = await seed(
      { friendlyName: 'Greeter 2', definition: INVALID, status: 'draft' },
      { friendlyName: 'Greeter', revisions: [{ definition: VALID }, { definition: withBody('Hi') }] },
    );
    const file = join(dir, 'pulled-by-name.json');
    const r = await remote('pull', 'Greeter', '-o', file);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toContain(`Pulled “Greeter” (${flow?.sid}) revision 2 (published) into ${file}.`);
    expect(await readFile(file, 'utf8')).toBe(serializeDefinition(withBody('Hi')));
    const record = await readJson<PullRecord>(`${file}.studio.json`);
    expect(record).toEqual({
      flow_sid: flow?.sid,
      revision: 2,
      friendly_name: 'Greeter',
      pulled_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as string,
    });
  });

  it('pulls an older revision with --revision N, and records that revision', async () => {
    const [flow] = await seed({
      friendlyName: 'History',
      revisions: [
        { definition: withBody('one') },
        { definition: withBody('two') },
        { definition: withBody('three') },
      ],
    });
    const sid = flow?.sid ?? '';
    const out = await remote('pull', sid, '--revision', '1');
    expect(out.out).toBe(serializeDefinition(withBody('one')));
    const file = join(dir, 'old.json');
    expect((await remote('pull', sid, '--revision', '2', '-o', file)).code).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(serializeDefinition(withBody('two')));
    expect(await readJson<PullRecord>(`${file}.studio.json`)).toMatchObject({ flow_sid: sid, revision: 2 });

    const missing = await remote('pull', sid, '--revision', '9');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/no such resource \(404\)/);
  });

  it('refuses an ambiguous name, listing the SIDs to choose from (exit 2)', async () => {
    const twins = await seed(
      { friendlyName: 'Twin', definition: VALID },
      { friendlyName: 'Twin', definition: VALID },
    );
    const r = await remote('pull', 'Twin');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('2 flows are called “Twin”');
    for (const f of twins) expect(r.err).toContain(f.sid);
  });

  it('says when no flow has that SID or name (exit 2)', async () => {
    const sid = `FW${'0'.repeat(32)}`;
    const bySid = await remote('pull', sid);
    expect(bySid.code).toBe(2);
    expect(bySid.err).toMatch(/^studio-flow pull: Studio has no such resource \(404\)/);
    const byName = await remote('pull', 'Nobody');
    expect(byName.code).toBe(2);
    expect(byName.err).toContain('No flow of the account is called “Nobody”');
  });
});

describe('studio-flow push', () => {
  /** A seeded flow pulled into a fresh file: [sid, file]. */
  async function pulled(name: string, definition = VALID): Promise<[string, string]> {
    const [flow] = await seed({ friendlyName: name, definition });
    const file = join(await mkdtemp(join(dir, 'push-')), 'flow.json');
    expect((await remote('pull', flow?.sid ?? '', '-o', file)).code).toBe(0);
    return [flow?.sid ?? '', file];
  }

  it('saves an edited file as a new draft revision with its commit message, and updates the record', async () => {
    const [sid, file] = await pulled('Edited');
    const edited = await editBody(file, 'Hello again');
    const r = await remote('push', file, '--flow', sid, '-m', 'Friendlier greeting');
    expect(r.code).toBe(0);
    expect(r.err).toContain(`Saved ${file} to “Edited” (${sid}) as revision 2 (draft).`);
    const flow = storedFlow(sid);
    expect(flow.revisions).toHaveLength(2);
    expect(flow.revisions[1]).toMatchObject({
      revision: 2,
      status: 'draft',
      commitMessage: 'Friendlier greeting',
      definition: edited,
    });
    expect(await readJson<PullRecord>(`${file}.studio.json`)).toMatchObject({ flow_sid: sid, revision: 2 });

    // The record moved with it: the next push needs no --force.
    await editBody(file, 'Hello a third time');
    const published = await remote('push', file, '--flow', 'Edited', '--publish', '--message', 'Go live');
    expect(published.code).toBe(0);
    expect(published.err).toContain('as revision 3 (published)');
    expect((await client().fetchFlow(sid)).status).toBe('published');
    expect(flow.revisions[2]).toMatchObject({ status: 'published', commitMessage: 'Go live' });
  });

  it('refuses to overwrite a revision published since the pull, naming both, until --force', async () => {
    const [sid, file] = await pulled('Contested');
    await control(`/__emulator/flows/${sid}/publish-behind`, { definition: withBody('From the console') });
    const edited = await editBody(file, 'Mine');
    const before = structuredClone(storedFlow(sid).revisions);

    const r = await remote('push', file, '--flow', sid, '--publish');
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `“Contested” (${sid}) is at revision 2 on Studio, but ${file} was pulled at revision 1`,
    );
    expect(r.err).toContain('--force');
    expect(storedFlow(sid).revisions).toEqual(before);
    expect(await readJson<PullRecord>(`${file}.studio.json`)).toMatchObject({ revision: 1 });

    const forced = await remote('push', file, '--flow', sid, '--publish', '--force');
    expect(forced.code).toBe(0);
    const after = storedFlow(sid).revisions;
    expect(after).toHaveLength(3);
    expect(after[2]).toMatchObject({ revision: 3, status: 'published', definition: edited });
    expect(await readJson<PullRecord>(`${file}.studio.json`)).toMatchObject({ revision: 3 });
  });

  it('refuses a file that was never pulled (no record) unless --force', async () => {
    const [flow] = await seed({ friendlyName: 'Stranger', definition: VALID });
    const sid = flow?.sid ?? '';
    const file = join(await mkdtemp(join(dir, 'push-')), 'mine.json');
    await writeFile(file, serializeDefinition(withBody('Written by hand')));

    const r = await remote('push', file, '--flow', sid);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`no ${file}.studio.json`);
    expect(r.err).toContain('--force');
    expect(storedFlow(sid).revisions).toHaveLength(1);

    const forced = await remote('push', file, '--flow', sid, '--force');
    expect(forced.code).toBe(0);
    expect(storedFlow(sid).revisions[1]?.definition).toEqual(withBody('Written by hand'));
    expect(await readJson<PullRecord>(`${file}.studio.json`)).toMatchObject({ flow_sid: sid, revision: 2 });
  });

  it('refuses a record of another flow unless --force', async () => {
    const [, file] = await pulled('First');
    const [other] = await seed({ friendlyName: 'Second', definition: VALID });
    const r = await remote('push', file, '--flow', other?.sid ?? '');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`(${file}.studio.json records another flow, `);
    expect(storedFlow(other?.sid ?? '').revisions).toHaveLength(1);

    // A record that is not one studio-flow wrote is said to be so, not to be missing.
    await writeFile(`${file}.studio.json`, '{"revision": "two"}');
    const broken = await remote('push', file, '--flow', other?.sid ?? '');
    expect(broken.code).toBe(1);
    expect(broken.err).toContain(`(${file}.studio.json is not a record studio-flow wrote)`);
    expect(storedFlow(other?.sid ?? '').revisions).toHaveLength(1);
  });

  it('prints Studio’s errors with their property paths when it refuses to publish (exit 1)', async () => {
    const [sid, file] = await pulled('Breakable');
    await writeFile(file, serializeDefinition(INVALID));
    const r = await remote('push', file, '--flow', sid, '--publish');
    expect(r.code).toBe(1);
    expect(r.err).toContain('studio-flow push: Studio refused the request: Invalid Flow Definition');
    expect(r.err).toMatch(/\n {2}#\/states\/1\/properties\/body: .*body/);
    expect(storedFlow(sid).revisions).toHaveLength(1);
    expect(await readJson<PullRecord>(`${file}.studio.json`)).toMatchObject({ revision: 1 });

    // As a draft Studio keeps it, and says it is not valid.
    const draft = await remote('push', file, '--flow', sid);
    expect(draft.code).toBe(0);
    expect(draft.err).toContain('not valid');
    expect(storedFlow(sid).revisions[1]).toMatchObject({ status: 'draft', valid: false });
  });

  it('takes a Flow resource file as its own record', async () => {
    const [seeded] = await seed({ friendlyName: 'Resource', definition: VALID });
    const sid = seeded?.sid ?? '';
    const resource = await client().fetchFlow(sid);
    const file = join(await mkdtemp(join(dir, 'push-')), 'resource.json');
    await writeFile(file, JSON.stringify({ ...resource, definition: withBody('From a resource') }, null, 2));

    const r = await remote('push', file, '--flow', sid);
    expect(r.code).toBe(0);
    expect(storedFlow(sid).revisions[1]?.definition).toEqual(withBody('From a resource'));
    expect(await readJson<PullRecord>(`${file}.studio.json`)).toMatchObject({ flow_sid: sid, revision: 2 });

    // The same resource, now stale (revision 1 while Studio is at 2), without a record: a conflict.
    const stale = join(await mkdtemp(join(dir, 'push-')), 'stale.json');
    await writeFile(stale, JSON.stringify({ ...resource, definition: withBody('Stale') }, null, 2));
    const refused = await remote('push', stale, '--flow', sid);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('is at revision 2 on Studio, but');
    expect(refused.err).toContain('was pulled at revision 1');
    expect(storedFlow(sid).revisions).toHaveLength(2);
  });

  it('says when FILE cannot be read or is not a flow (exit 2)', async () => {
    const [flow] = await seed({ friendlyName: 'X', definition: VALID });
    const missing = await remote('push', join(dir, 'nothing-here.json'), '--flow', flow?.sid ?? '');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot read the file');
    const junk = join(dir, 'junk.json');
    await writeFile(junk, '{"states": ');
    const bad = await remote('push', junk, '--flow', flow?.sid ?? '');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(junk);
  });
});

describe('studio-flow validate --remote', () => {
  async function flowFile(name: string, def: FlowDefinition): Promise<string> {
    const file = join(dir, name);
    await writeFile(file, serializeDefinition(def));
    return file;
  }

  it('says Studio accepts a valid flow (exit 0)', async () => {
    const file = await flowFile('valid.json', VALID);
    const r = await remote('validate', '--remote', file);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe(`${file}: Studio accepts it.\n`);
  });

  it('maps Studio’s errors to widget and field (exit 1)', async () => {
    const file = await flowFile('invalid.json', INVALID);
    const r = await remote('validate', '--remote', file);
    expect(r.code).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe(`${file}: Studio refuses it:`);
    expect(lines[1]).toMatch(
      /^ {2}error {2}greet › body {2}Studio: .+ {2}\(#\/states\/1\/properties\/body\)$/,
    );
    // The offline validator finds the same error: no disagreement.
    expect(r.out).not.toContain('disagreement');
  });

  it('prints where Studio disagrees with the offline validator', async () => {
    await control('/__emulator/validation', {
      extraErrors: [{ message: 'Only Studio knows this rule', property_path: '#/states/1/properties/to' }],
    });
    const file = await flowFile('disputed.json', VALID);
    const r = await remote('validate', '--remote', file);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      '  error  greet › to  Studio: Only Studio knows this rule  (#/states/1/properties/to)',
    );
    expect(r.out).toContain('  disagreement: only Studio reports greet: Studio: Only Studio knows this rule');
  });

  it('answers JSON for several files with --json', async () => {
    const good = await flowFile('good.json', VALID);
    const bad = await flowFile('bad.json', INVALID);
    const r = await remote('validate', '--remote', good, bad, '--json');
    expect(r.code).toBe(1);
    const verdicts = JSON.parse(r.out) as Record<string, unknown>[];
    expect(verdicts).toEqual([
      { file: good, valid: true, problems: [], disagreements: [] },
      {
        file: bad,
        valid: false,
        problems: [
          {
            severity: 'error',
            code: 'studio.remote',
            message: expect.stringMatching(/^Studio: /) as string,
            pointer: '/states/1/properties/body',
            widget: 'greet',
            field: 'body',
          },
        ],
        disagreements: [],
      },
    ]);
  });

  it('reports a file it cannot read beside the others (exit 2)', async () => {
    const good = await flowFile('fine.json', VALID);
    const missing = join(dir, 'absent.json');
    const r = await remote('validate', '--remote', good, missing);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`${good}: Studio accepts it.`);
    expect(r.err).toContain(`${missing}: ${missing}: cannot read the file.`);
  });
});

describe('credentials and failures', () => {
  it('reads the credentials from --env-file (auth token, or API key)', async () => {
    await seed({ friendlyName: 'Via env file', definition: VALID });
    useEnv({});
    const tokenFile = join(dir, 'token.env');
    await writeFile(
      tokenFile,
      `# test\nTWILIO_ACCOUNT_SID=${ACCOUNT_SID}\nTWILIO_AUTH_TOKEN="${AUTH_TOKEN}"\n`,
    );
    const byToken = await remote('flows', '--env-file', tokenFile);
    expect(byToken.code).toBe(0);
    expect(byToken.out).toContain('Via env file');

    const keyFile = join(dir, 'key.env');
    await writeFile(
      keyFile,
      `export TWILIO_ACCOUNT_SID=${ACCOUNT_SID}\nTWILIO_API_KEY=${API_KEY}\nTWILIO_API_SECRET='${API_SECRET}'\n`,
    );
    const byKey = await remote('pull', 'Via env file', '--env-file', keyFile);
    expect(byKey.code).toBe(0);
    expect(byKey.out).toBe(serializeDefinition(VALID));
  });

  it('lets the environment win over the --env-file', async () => {
    const wrong = join(dir, 'wrong.env');
    await writeFile(wrong, `TWILIO_ACCOUNT_SID=${ACCOUNT_SID}\nTWILIO_AUTH_TOKEN=not-the-token\n`);
    expect((await remote('flows', '--env-file', wrong)).code).toBe(0);
    useEnv({});
    expect((await remote('flows', '--env-file', wrong)).code).toBe(2);
  });

  it('uses an API key from the environment', async () => {
    useEnv(KEY_ENV);
    await seed({ friendlyName: 'Keyed', definition: VALID });
    const r = await remote('flows', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject([{ friendly_name: 'Keyed' }]);
  });

  it('names TWILIO_AUTH_TOKEN when Studio refuses the auth token (401, exit 2)', async () => {
    useEnv({ TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: `${AUTH_TOKEN}x` });
    for (const argv of [['flows'], ['pull', 'Anything']]) {
      const r = await remote(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain(
        'Twilio did not accept the credentials (401, code 20003). Check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.',
      );
      // The CLI sent them itself: no "server" to look at.
      expect(r.err).not.toContain('on the server');
    }
    const file = join(dir, 'auth.json');
    await writeFile(file, serializeDefinition(VALID));
    const validate = await remote('validate', '--remote', file);
    expect(validate.code).toBe(2);
    expect(validate.err).toContain('TWILIO_AUTH_TOKEN');
  });

  it('names TWILIO_API_KEY and TWILIO_API_SECRET when Studio refuses the key (401, exit 2)', async () => {
    useEnv({ ...KEY_ENV, TWILIO_API_SECRET: `${API_SECRET}x` });
    const r = await remote('flows');
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      '(401, code 20003). Check TWILIO_API_KEY and TWILIO_API_SECRET, and that the key belongs to TWILIO_ACCOUNT_SID.',
    );
  });

  it('names the variables when there are no credentials (exit 2), before asking Studio', async () => {
    useEnv({});
    for (const argv of [
      ['flows'],
      ['pull', 'X'],
      ['push', 'x.json', '--flow', 'X'],
      ['validate', '--remote', 'x.json'],
    ]) {
      const r = await remote(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.out).toBe('');
      for (const v of VARIABLES) expect(r.err).toContain(v);
    }
    expect(((await control('/__emulator/requests')) as { requests: unknown[] }).requests).toEqual([]);
  });

  it('names the variable that is set wrong, never its value', async () => {
    useEnv({ TWILIO_ACCOUNT_SID: 'AC-not-a-sid', TWILIO_AUTH_TOKEN: AUTH_TOKEN });
    const r = await remote('flows');
    expect(r.code).toBe(2);
    expect(r.err).toContain('TWILIO_ACCOUNT_SID');
    expect(r.err).not.toContain('AC-not-a-sid');
  });

  it('says when the --env-file cannot be read (exit 2)', async () => {
    const r = await remote('flows', '--env-file', join(dir, 'no.env'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot read the --env-file');
  });

  it('says Studio could not be reached when nothing listens (exit 2)', async () => {
    const port = await closedPort();
    for (const argv of [['flows'], ['pull', 'X']]) {
      const r = await cli(...argv, '--studio-url', `http://127.0.0.1:${port}`);
      expect(r.code).toBe(2);
      expect(r.err).toContain(
        `The Studio API could not be reached (http://127.0.0.1:${port}: ECONNREFUSED).`,
      );
    }
    // With --json, the verdict says it too (and the exit code is 2, not a refusal).
    const file = join(dir, 'unreached.json');
    await writeFile(file, serializeDefinition(VALID));
    const json = await cli(
      'validate',
      '--remote',
      file,
      '--json',
      '--studio-url',
      `http://127.0.0.1:${port}`,
    );
    expect(json.code).toBe(2);
    expect(JSON.parse(json.out)).toEqual([
      {
        file,
        valid: null,
        problems: [],
        disagreements: [],
        error: expect.stringContaining('could not be reached') as string,
      },
    ]);
  });

  it('says Studio could not be reached when the connection drops (exit 2)', async () => {
    await control('/__emulator/fail', { count: 1, status: 'drop' });
    const r = await remote('flows');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^studio-flow flows: The Studio API could not be reached \(http:\/\/127\.0\.0\.1:\d+: .+\)\.$/m,
    );
  });

  it('gives up on a 429 that lasts, saying so (exit 2)', async () => {
    await control('/__emulator/fail', { count: 4, status: 429, retryAfter: 0 });
    const r = await remote('flows');
    expect(r.code).toBe(2);
    expect(r.err).toContain('Studio is limiting requests (429)');
  });

  it('tries a 429 again and succeeds', async () => {
    await seed({ friendlyName: 'Busy', definition: VALID });
    await control('/__emulator/fail', { count: 1, status: 429, retryAfter: 0 });
    const r = await remote('flows');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Busy');
    const { requests } = (await control('/__emulator/requests')) as { requests: { status: number }[] };
    expect(requests.map((q) => q.status)).toEqual([429, 200]);
  });

  it('reports a server error it cannot get past (exit 2)', async () => {
    await control('/__emulator/fail', { count: 1, status: 500 });
    const r = await remote('flows');
    expect(r.code).toBe(2);
    expect(r.err).toContain('Studio answered 500');
  });
});

describe('argument errors', () => {
  it.each([
    ['push without --flow', ['push', 'flow.json'], 'push needs --flow FLOW'],
    ['push without FILE', ['push', '--flow', 'X'], 'push needs one FILE'],
    ['pull without FLOW', ['pull'], 'pull needs one FLOW'],
    [
      'a revision that is no number',
      ['pull', 'X', '--revision', 'two'],
      '--revision must be a revision number',
    ],
    ['revision 0', ['pull', 'X', '--revision', '0'], '--revision must be a revision number'],
    ['a negative revision', ['pull', 'X', '--revision', '-1'], '--revision must be a revision number'],
    ['-o without a value', ['pull', 'X', '-o'], '--output needs a value'],
    [
      'a --studio-url that is no URL',
      ['flows', '--studio-url', 'studio'],
      '--studio-url must be an http(s) URL',
    ],
    [
      'a --studio-url of another scheme',
      ['flows', '--studio-url', 'ftp://x'],
      '--studio-url must be an http(s) URL',
    ],
    [
      '--profile with --remote',
      ['validate', '--remote', 'a.json', '--profile', 'studio'],
      '--remote asks Studio itself: --profile does not apply',
    ],
    [
      '--studio-url without --remote',
      ['validate', 'a.json', '--studio-url', 'http://127.0.0.1:1'],
      '--studio-url applies to validate --remote only',
    ],
    [
      '--env-file without --remote',
      ['validate', 'a.json', '--env-file', 'x.env'],
      '--env-file applies to validate --remote only',
    ],
    ['--force on pull', ['pull', 'X', '--force'], 'Unknown option --force for pull'],
    ['flows with a FILE', ['flows', 'x'], 'flows takes no FILE'],
    ['a hexadecimal revision', ['pull', 'X', '--revision', '0x2'], '--revision must be a revision number'],
    [
      'a revision in exponent form',
      ['pull', 'X', '--revision', '1e1'],
      '--revision must be a revision number',
    ],
    ['an empty --port', ['emulate', '--port='], '--port must be a port number'],
    ['a port out of range', ['serve', '--port', '70000'], '--port must be a port number'],
    [
      '--studio-url on emulate',
      ['emulate', '--studio-url', 'http://x'],
      'Unknown option --studio-url for emulate',
    ],
  ])('%s: exit 2 with the usage', async (_, argv, message) => {
    useEnv({});
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(`studio-flow: ${message}`);
    expect(r.err).toContain(USAGE);
  });

  it('documents every account command in the usage', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    for (const line of [
      'studio-flow flows [--json]',
      'studio-flow pull FLOW [-o FILE] [--revision N]',
      'studio-flow push FILE --flow FLOW [--publish] [-m MESSAGE] [--force]',
      'studio-flow validate --remote FILE... [--json]',
      'studio-flow serve [--port 4173]',
      'studio-flow emulate [--port 4010]',
      'TWILIO_API_KEY with TWILIO_API_SECRET',
    ])
      expect(r.out).toContain(line);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The installed command as a child process

/** A port nothing listens on (one just freed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

interface Child {
  process: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first match of `pattern` on stdout; rejects when the process ends first. */
  waitFor: (pattern: RegExp) => Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];

function startBin(args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    out += s;
    for (const l of listeners) l();
  });
  child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      captured.push(out, err);
      for (const l of listeners) l();
      resolve(code);
    }),
  );
  let done = false;
  void exited.then(() => (done = true));
  return {
    process: child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(out);
          if (m !== null) {
            listeners.delete(check);
            resolve(m);
          } else if (done || child.exitCode !== null) {
            listeners.delete(check);
            reject(new Error(`exited before printing ${String(pattern)}: ${out}${err}`));
          }
        };
        listeners.add(check);
        check();
      }),
  };
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

describe('studio-flow emulate (child process)', () => {
  it('serves the Studio API with the environment’s credentials and exits 0 on SIGTERM', async () => {
    const child = startBin(['emulate', '--port', '0'], childEnv(KEY_ENV_WITH_TOKEN));
    const [, url = ''] = await child.waitFor(
      /^Studio emulator: (http:\/\/127\.0\.0\.1:\d+) \(account AC…[0-9a-f]{4}\)\n/m,
    );
    expect(child.stdout()).toContain(`(account AC…${ACCOUNT_SID.slice(-4)})`);
    const [, pointer] = await child.waitFor(/^Point the editor at it: (.*)\n/m);
    expect(pointer).toBe(`studio-flow serve --studio-url ${url}`);
    const anonymous = await fetch(`${url}/v2/Flows`);
    expect(anonymous.status).toBe(401);
    for (const authorization of [
      basicAuthorization(ACCOUNT_SID, AUTH_TOKEN),
      basicAuthorization(API_KEY, API_SECRET),
    ]) {
      const r = await fetch(`${url}/v2/Flows`, { headers: { Authorization: authorization } });
      expect(r.status).toBe(200);
      expect(await r.json()).toMatchObject({ flows: [], meta: { key: 'flows' } });
    }
    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    // It logged each request, none with a credential (checked with the rest at the end).
    expect(child.stderr()).toMatch(/GET \/v2\/Flows 200/);
  }, 30_000);

  it('reads an --env-file, an empty variable of the environment counting as unset', async () => {
    const envFile = join(dir, 'emulate.env');
    await writeFile(envFile, `TWILIO_ACCOUNT_SID=${ACCOUNT_SID}\nTWILIO_AUTH_TOKEN=${AUTH_TOKEN}\n`);
    const child = startBin(
      ['emulate', '--port', '0', '--env-file', envFile],
      childEnv({ TWILIO_AUTH_TOKEN: '', TWILIO_API_KEY: '' }),
    );
    const [, url = ''] = await child.waitFor(/^Studio emulator: (http:\/\/\S+) /m);
    const r = await fetch(`${url}/v2/Flows`, {
      headers: { Authorization: basicAuthorization(ACCOUNT_SID, AUTH_TOKEN) },
    });
    expect(r.status).toBe(200);
    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(0);
  }, 30_000);

  it('exits 2 with a clear message without credentials', async () => {
    const child = startBin(['emulate', '--port', '0'], childEnv({}));
    expect(await child.exited).toBe(2);
    expect(child.stdout()).toBe('');
    expect(child.stderr()).toContain('set TWILIO_ACCOUNT_SID');
    expect(child.stderr()).toContain('TWILIO_AUTH_TOKEN');
  }, 30_000);
});

describe('studio-flow serve (child process)', () => {
  it('serves the editor and proxies to the emulator with the credentials, and exits 0 on SIGTERM', async () => {
    const [seeded] = await seed({ friendlyName: 'Through the proxy', definition: VALID });
    const dist = await mkdtemp(join(dir, 'dist-'));
    await writeFile(
      join(dist, 'index.html'),
      '<!doctype html><html><head><title>Studio Flow Editor</title></head><body></body></html>\n',
    );
    const child = startBin(
      ['serve', '--port', '0', '--dist', dist, '--studio-url', emulator.url],
      childEnv(TOKEN_ENV),
    );
    const [, url = ''] = await child.waitFor(/^Studio Flow Editor: (http:\/\/127\.0\.0\.1:\d+)\n/m);
    await child.waitFor(/^Connected to Studio at .*\n/m);
    expect(child.stdout()).toContain(
      `Connected to Studio at ${emulator.url} as AC…${ACCOUNT_SID.slice(-4)} (auth token).`,
    );
    const headers = { Origin: url };

    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<meta name="studio-flow-server" content="1">');

    const connection = await fetch(`${url}/api/connection`, { headers });
    expect(connection.status).toBe(200);
    expect(await connection.json()).toEqual({
      connected: true,
      accountSid: `AC…${ACCOUNT_SID.slice(-4)}`,
      credential: 'auth-token',
      studioUrl: emulator.url,
      problems: [],
    });

    const flows = await fetch(`${url}/api/studio/v2/Flows`, { headers });
    expect(flows.status).toBe(200);
    const body = (await flows.json()) as { flows: StudioFlow[] };
    expect(body.flows.map((f) => [f.sid, f.friendly_name])).toEqual([[seeded?.sid, 'Through the proxy']]);
    const { requests } = (await control('/__emulator/requests')) as {
      requests: { operation: string | null; status: number }[];
    };
    expect(requests).toContainEqual(expect.objectContaining({ operation: 'ListFlow', status: 200 }));

    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(0);
  }, 30_000);
});

// Last: every test above has printed what it prints.
describe('security', () => {
  it('never printed a secret or a Basic credential made of one', () => {
    const all = captured.join('\n');
    expect(all.length).toBeGreaterThan(10_000);
    for (const secret of FORBIDDEN) expect(all.includes(secret)).toBe(false);
    // Upper-cased hex reads the same: the plain secrets in any case.
    for (const secret of [AUTH_TOKEN, API_SECRET])
      expect(all.toLowerCase().includes(secret.toLowerCase())).toBe(false);
  });
});
