/**
 * The server end to end: real servers on port 0, a fake Studio upstream recording what it receives, real fetch.
 * Every answer, header and log line of this file is kept and scanned for the credentials at the end.
 */
import { createServer } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CSP_HEADER } from '../../csp.config.ts';
import { StudioClient } from '../studio/client';
import { CREDENTIAL_HEADER, SOURCE_HEADER, StudioError } from '../studio/errors';
import { OPERATIONS, operationPath, type Operation } from '../studio/operations';
import {
  ACCOUNT_SID,
  API_KEY,
  API_SECRET,
  AUTH_TOKEN,
  freePort,
  makeDist,
  Outputs,
  raw,
  startUpstream,
  type Dist,
  type RawResponse,
  type Upstream,
} from '../testing/serve';
import { loadCredentials, type Credentials } from './credentials';
import { MAX_BODY_BYTES } from './proxy';
import { startServer, type RunningServer, type ServeOptions } from './serve';

const outputs = new Outputs();
const logs: string[] = [];
const servers: RunningServer[] = [];

const tokenCredentials = loadCredentials({ TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN })
  .credentials as Credentials;
const keyCredentials = loadCredentials({
  TWILIO_ACCOUNT_SID: ACCOUNT_SID,
  TWILIO_API_KEY: API_KEY,
  TWILIO_API_SECRET: API_SECRET,
}).credentials as Credentials;

let dist: Dist;
let upstream: Upstream;
/** Auth token, against the fake upstream. */
let server: RunningServer;
/** API key, against the fake upstream. */
let keyServer: RunningServer;

async function start(options: Partial<ServeOptions> = {}): Promise<RunningServer> {
  const s = await startServer({
    port: 0,
    dist: dist.dist,
    studioUrl: upstream.url,
    credentials: tokenCredentials,
    log: (line) => {
      logs.push(line);
      outputs.add(line);
    },
    ...options,
  });
  servers.push(s);
  return s;
}

beforeAll(async () => {
  dist = await makeDist();
  upstream = await startUpstream();
  server = await start();
  keyServer = await start({ credentials: keyCredentials });
});
afterAll(async () => {
  for (const s of servers) await s.close();
  await upstream.close();
  await dist.cleanup();
});
beforeEach(() => {
  upstream.received.length = 0;
  upstream.script.length = 0;
});

/** fetch, with the answer kept for the leak scan; the body is read once, here. */
async function call(base: RunningServer, path: string, init: RequestInit = {}) {
  const response = await fetch(`${base.url}${path}`, init);
  const text = await response.text();
  outputs.addHeaders(response.headers);
  outputs.add(text);
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: () => JSON.parse(text) as unknown,
  };
}

/** A raw request (exact path and Host), kept for the leak scan. */
async function rawCall(
  base: RunningServer,
  path: string,
  init: Parameters<typeof raw>[2] = {},
): Promise<RawResponse> {
  const r = await raw(base.url, path, init);
  outputs.addHeaders(Object.entries(r.headers).map(([k, v]) => [k, String(v)]));
  outputs.add(r.body);
  return r;
}

const FW = `FW${'a1'.repeat(16)}`;
const FN = `FN${'b2'.repeat(16)}`;
const FT = `FT${'c3'.repeat(16)}`;

/** Valid parameters for an operation's path (its `Sid` is a flow, execution or step SID by position). */
function paramsOf(op: Operation): Record<string, string> {
  const sid = op.path.includes('/Steps/{Sid}') ? FT : op.path.includes('/Executions/{Sid}') ? FN : FW;
  return { Sid: sid, FlowSid: FW, ExecutionSid: FN, StepSid: FT, Revision: '3' };
}

function expectProxyError(r: { status: number; headers: Headers }, body: unknown, status: number): string {
  expect(r.status).toBe(status);
  expect(r.headers.get(SOURCE_HEADER)).toBe('proxy');
  expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(r.headers.get('content-security-policy')).toBe(CSP_HEADER);
  expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  const b = body as Record<string, unknown>;
  expect(Object.keys(b).sort()).toEqual(['code', 'message', 'more_info', 'status']);
  expect(b.status).toBe(status);
  expect(typeof b.message).toBe('string');
  return b.message as string;
}

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const own = (s: RunningServer) => ({ Origin: s.url });

describe('allow-list', () => {
  it('forwards every operation of the spec, with its method and path', async () => {
    for (const op of OPERATIONS) {
      const path = operationPath(op.id, paramsOf(op));
      const init: RequestInit =
        op.method === 'POST'
          ? { method: 'POST', headers: { ...FORM, ...own(server) }, body: 'FriendlyName=x' }
          : { method: op.method, headers: op.method === 'DELETE' ? own(server) : {} };
      const r = await call(server, `/api/studio${path}`, init);
      expect(r.status, op.id).toBe(200);
      expect(r.headers.get(SOURCE_HEADER), op.id).toBe('studio');
      const got = upstream.received.at(-1);
      expect([got?.method, got?.url], op.id).toEqual([op.method, path]);
    }
    expect(upstream.received).toHaveLength(OPERATIONS.length);
  });

  it('refuses paths outside the spec, encoded separators, traversal, and wrong methods, before Studio sees them', async () => {
    const refused: [string, string, number][] = [
      ['GET', '/api/studio/v2/Flows/../Accounts', 403],
      ['GET', `/api/studio/v2/Flows/${FW}/../../../2010-04-01/Accounts.json`, 403],
      ['GET', '/api/studio/2010-04-01/Accounts.json', 403],
      ['GET', '/api/studio/v1/Flows', 403],
      ['GET', '/api/studio//v2/Flows', 403],
      ['GET', '/api/studio/v2/flows', 403],
      ['GET', '/api/studio/v2/Flows/', 403],
      ['GET', `/api/studio/v2/Flows%2F${FW}`, 403],
      ['GET', `/api/studio/v2/Flows/${FW}%2FRevisions`, 403],
      ['GET', `/api/studio/v2/Flows/${FW}%2f..%2f..%2fAccounts`, 403],
      ['GET', `/api/studio/v2/Flows/%46W${'a1'.repeat(16)}`, 403],
      ['GET', `/api/studio/v2/Flows/${FW}x`, 403],
      ['GET', `/api/studio/v2/Flows/${FN}`, 403],
      ['GET', `/api/studio/v2/Flows/${FW}/Revisions/LatestX`, 403],
      ['GET', `/api/studio/v2/Flows/${FW}/Executions/${FN}/Steps/${FT}/Context/x`, 403],
      ['PUT', `/api/studio/v2/Flows/${FW}`, 405],
      ['PATCH', `/api/studio/v2/Flows/${FW}`, 405],
      ['GET', '/api/studio/v2/Flows/Validate', 405],
      ['DELETE', '/api/studio/v2/Flows', 405],
      ['POST', `/api/studio/v2/Flows/${FW}/Revisions`, 405],
      ['HEAD', '/api/studio/v2/Flows', 405],
    ];
    for (const [method, path, status] of refused) {
      const headers = method === 'GET' || method === 'HEAD' ? {} : { ...FORM, Origin: server.url };
      const r = await rawCall(server, path, { method, headers });
      expect(r.status, `${method} ${path}`).toBe(status);
      expect(r.headers[SOURCE_HEADER], path).toBe('proxy');
      if (method !== 'HEAD') {
        const body = JSON.parse(r.body) as Record<string, unknown>;
        expect(body.status).toBe(status);
        if (status === 405) expect(r.headers.allow, path).toBeTruthy();
      }
    }
    // fetch resolves the dots itself; still nothing outside the spec.
    const dotted = await call(server, '/api/studio/v2/Flows/../../2010-04-01/Accounts.json');
    expect(dotted.status).toBe(403);
    expect(upstream.received).toEqual([]);
  });

  it('words the refusals: 403 names what it forwards, 405 what the path allows', async () => {
    const r = await call(server, '/api/studio/2010-04-01/Accounts.json');
    expect(expectProxyError(r, r.json(), 403)).toMatch(/only forwards the operations of the Studio v2 API/);
    const m = await call(server, '/api/studio/v2/Flows/Validate');
    expect(expectProxyError(m, m.json(), 405)).toContain('allows POST');
    expect(m.headers.get('allow')).toBe('POST');
    const other = await call(server, '/api/nothing');
    expect(expectProxyError(other, other.json(), 404)).toContain('/api/nothing');
  });

  it('forwards only the query parameters the operation takes, and names the others', async () => {
    const ok = await call(server, '/api/studio/v2/Flows?PageSize=50&Page=1&PageToken=PAabc');
    expect(ok.status).toBe(200);
    expect(upstream.received[0]?.url).toBe('/v2/Flows?PageSize=50&Page=1&PageToken=PAabc');
    const dates = `/v2/Flows/${FW}/Executions?DateCreatedFrom=2024-01-01T00%3A00%3A00Z&DateCreatedTo=2024-02-01T00%3A00%3A00Z`;
    expect((await call(server, `/api/studio${dates}`)).status).toBe(200);
    expect(upstream.received[1]?.url).toBe(dates);

    const unknown = await call(server, '/api/studio/v2/Flows?PageSize=5&Foo=1&bar=2');
    expect(expectProxyError(unknown, unknown.json(), 400)).toBe(
      'ListFlow does not take the query parameters Foo, bar (it takes PageSize, Page, PageToken).',
    );
    const dateOnFlows = await call(server, '/api/studio/v2/Flows?DateCreatedFrom=2024-01-01');
    expect(expectProxyError(dateOnFlows, dateOnFlows.json(), 400)).toContain('DateCreatedFrom');
    const onFetch = await call(server, `/api/studio/v2/Flows/${FW}?PageSize=1`);
    expect(expectProxyError(onFetch, onFetch.json(), 400)).toBe(
      'FetchFlow does not take the query parameter PageSize (it takes none).',
    );
    const twice = await call(server, '/api/studio/v2/Flows?PageSize=1&PageSize=2');
    expect(expectProxyError(twice, twice.json(), 400)).toContain('PageSize');
    expect(upstream.received).toHaveLength(2);
  });
});

describe('what is forwarded', () => {
  it('adds the Authorization, forwards the form body, Content-Type and Accept, and nothing else of the page', async () => {
    const body = `FriendlyName=Hello&Status=draft&Definition=${encodeURIComponent('{"states":[]}')}`;
    const r = await rawCall(server, '/api/studio/v2/Flows', {
      method: 'POST',
      headers: {
        ...FORM,
        Origin: server.url,
        Accept: 'application/json',
        Cookie: 'session=abc',
        Authorization: 'Basic cGFnZTpwYWdl',
        Referer: `${server.url}/`,
        'X-Custom': 'page',
        'X-Forwarded-For': '10.0.0.1',
        'User-Agent': 'the-page',
        'Sec-Fetch-Site': 'same-origin',
      },
      body,
    });
    expect(r.status).toBe(200);
    const got = upstream.received[0];
    expect(got?.body).toBe(body);
    expect(got?.headers.authorization).toBe(tokenCredentials.authorization);
    expect(got?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(got?.headers.accept).toBe('application/json');
    for (const name of ['cookie', 'referer', 'x-custom', 'x-forwarded-for', 'origin', 'sec-fetch-site'])
      expect(got?.headers[name], name).toBeUndefined();
    expect(got?.headers['user-agent']).toBe('studio-flow-editor-serve');
  });

  it('uses the API key when that is the credential, and says so', async () => {
    const r = await call(keyServer, '/api/studio/v2/Flows');
    expect(r.headers.get(CREDENTIAL_HEADER)).toBe('api-key');
    expect(upstream.received[0]?.headers.authorization).toBe(keyCredentials.authorization);
  });

  it('refuses bodies over 10 MB with 413, declared or streamed', async () => {
    const big = Buffer.alloc(MAX_BODY_BYTES + 1, 'a');
    const declared = await rawCall(server, '/api/studio/v2/Flows', {
      method: 'POST',
      headers: { ...FORM, Origin: server.url, 'Content-Length': String(big.length) },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(declared.headers[SOURCE_HEADER]).toBe('proxy');
    const streamed = await call(server, '/api/studio/v2/Flows', {
      method: 'POST',
      headers: { ...FORM, ...own(server) },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 11; i++) controller.enqueue(new Uint8Array(1024 * 1024));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(upstream.received).toEqual([]);
  });
});

describe('what is answered', () => {
  it('passes Studio status, body and Content-Type; drops cookies and auth headers; adds the credential kind', async () => {
    const cases: [number, object][] = [
      [
        401,
        {
          code: 20003,
          message: 'Authenticate',
          more_info: 'https://www.twilio.com/docs/errors/20003',
          status: 401,
        },
      ],
      [404, { code: 20404, message: 'The requested resource was not found', more_info: 'x', status: 404 }],
      [
        400,
        {
          code: 20001,
          message: 'Invalid flow definition',
          more_info: 'x',
          status: 400,
          details: { errors: [{ message: 'unknown widget', property_path: '#/states/1' }] },
        },
      ],
    ];
    for (const [status, body] of cases) {
      upstream.script.push((_req, res) => {
        res.writeHead(status, {
          'Content-Type': 'application/json; charset=utf-8',
          'Set-Cookie': 'twilio=1; HttpOnly',
          'WWW-Authenticate': 'Basic realm="Twilio API"',
          Authorization: 'Basic leak',
          'Proxy-Authenticate': 'Basic',
          'Twilio-Request-Id': 'RQ123',
        });
        res.end(JSON.stringify(body));
      });
      const r = await call(server, `/api/studio/v2/Flows/${FW}`);
      expect(r.status).toBe(status);
      expect(r.json()).toEqual(body);
      expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(r.headers.get(CREDENTIAL_HEADER)).toBe('auth-token');
      expect(r.headers.get(SOURCE_HEADER)).toBe('studio');
      expect(r.headers.get('content-security-policy')).toBe(CSP_HEADER);
      expect(r.headers.get('cache-control')).toBe('no-store');
      for (const name of [
        'set-cookie',
        'www-authenticate',
        'authorization',
        'proxy-authenticate',
        'twilio-request-id',
      ])
        expect(r.headers.get(name), name).toBeNull();
    }
  });

  it('is worded by the shared client: 401 as credentials, 400 with the definition errors, 404 as gone', async () => {
    const client = new StudioClient({
      baseUrl: `${server.url}/api/studio`,
      // The browser adds the Origin of the page to its POSTs; Node's fetch does not.
      fetch: async (url, init) => {
        const response = await fetch(url, { ...init, headers: { ...init.headers, Origin: server.url } });
        const text = await response.text();
        outputs.add(text);
        return { status: response.status, headers: response.headers, text: () => Promise.resolve(text) };
      },
    });
    upstream.script.push((_r, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: 20003, message: 'Authenticate', more_info: '', status: 401 }));
    });
    const auth = await client.listFlows().catch((e: unknown) => e);
    expect(auth).toBeInstanceOf(StudioError);
    expect((auth as StudioError).kind).toBe('auth');
    // The page's credentials are the server's: that is where to look (the CLI's own 401 says no "server").
    expect((auth as StudioError).message).toContain(
      'Check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN on the server.',
    );

    upstream.script.push((_r, res) => {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          code: 20001,
          message: 'Invalid definition',
          more_info: '',
          status: 400,
          details: { errors: [{ message: 'bad', property_path: '#/states/0' }] },
        }),
      );
    });
    const bad = (await client
      .createFlow({ friendlyName: 'x', status: 'draft', definition: {} })
      .catch((e: unknown) => e)) as StudioError;
    expect(bad.kind).toBe('bad-request');
    expect(bad.definitionErrors).toEqual([{ message: 'bad', property_path: '#/states/0' }]);
    expect(upstream.received[1]?.body).toContain('FriendlyName=x');

    upstream.script.push((_r, res) => {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end('{}');
    });
    expect(((await client.fetchFlow(FW).catch((e: unknown) => e)) as StudioError).kind).toBe('not-found');

    const refused = (await client
      .request('GET', '/2010-04-01/Accounts.json')
      .catch((e: unknown) => e)) as StudioError;
    expect(refused.kind).toBe('refused');
  });

  it('answers a 204 without a body', async () => {
    upstream.script.push((_r, res) => {
      res.writeHead(204);
      res.end();
    });
    const r = await call(server, `/api/studio/v2/Flows/${FW}`, { method: 'DELETE', headers: own(server) });
    expect([r.status, r.text]).toEqual([204, '']);
    expect(upstream.received[0]?.method).toBe('DELETE');
  });

  it('retries a 429 (Retry-After: 0) and answers the 200 that follows', async () => {
    upstream.script.push((_r, res) => {
      res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '0' });
      res.end(JSON.stringify({ code: 20429, message: 'Too Many Requests', more_info: '', status: 429 }));
    });
    upstream.script.push((_r, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"flows":[]}');
    });
    const body = 'FriendlyName=again';
    const r = await call(server, '/api/studio/v2/Flows', {
      method: 'POST',
      headers: { ...FORM, ...own(server) },
      body,
    });
    expect(r.status).toBe(200);
    expect(r.text).toBe('{"flows":[]}');
    expect(upstream.received.map((q) => q.body)).toEqual([body, body]);
  });

  it('gives up after 3 retries, and at once when Retry-After would exceed the wait budget; forwards Retry-After', async () => {
    for (let i = 0; i < 5; i++)
      upstream.script.push((_r, res) => {
        res.writeHead(429, { 'Retry-After': '0', 'Content-Type': 'application/json' });
        res.end('{"status":429}');
      });
    const r = await call(server, '/api/studio/v2/Flows');
    expect(r.status).toBe(429);
    expect(upstream.received).toHaveLength(4);

    upstream.received.length = 0;
    upstream.script.length = 0;
    upstream.script.push((_r, res) => {
      res.writeHead(429, { 'Retry-After': '120', 'Content-Type': 'application/json' });
      res.end('{"status":429}');
    });
    const started = Date.now();
    const long = await call(server, '/api/studio/v2/Flows');
    expect(long.status).toBe(429);
    expect(long.headers.get('retry-after')).toBe('120');
    expect(upstream.received).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('failures', () => {
  it('502 when Studio cannot be reached, naming the host, scrubbed', async () => {
    const port = await freePort();
    const down = await start({ studioUrl: `http://127.0.0.1:${port}` });
    const r = await call(down, '/api/studio/v2/Flows');
    expect(expectProxyError(r, r.json(), 502)).toBe(
      `Studio could not be reached from the editor's server (connection refused to 127.0.0.1:${port}).`,
    );
  });

  it('502 when Studio drops the connection, 504 when it does not answer in time', async () => {
    upstream.script.push((_r, res) => res.socket?.destroy());
    const dropped = await call(server, '/api/studio/v2/Flows');
    expect(expectProxyError(dropped, dropped.json(), 502)).toMatch(/could not be reached.*closed/);

    const slow = await start({ timeoutMs: 200 });
    upstream.script.push((_r, res) => {
      setTimeout(() => {
        if (!res.destroyed) res.end('{}');
      }, 2000);
    });
    const r = await call(slow, '/api/studio/v2/Flows');
    expect(expectProxyError(r, r.json(), 504)).toBe(
      `Studio did not answer the editor's server within 200 ms (${new URL(upstream.url).host}).`,
    );
  });

  it('502 on a redirect, which would carry the credentials elsewhere', async () => {
    upstream.script.push((_r, res) => {
      res.writeHead(302, { Location: 'http://elsewhere.invalid/' });
      res.end();
    });
    const r = await call(server, '/api/studio/v2/Flows');
    expect(expectProxyError(r, r.json(), 502)).toContain('redirect');
    expect(r.headers.get('location')).toBeNull();
  });

  it('503 without credentials, naming the variables to set; the editor itself is still served', async () => {
    const offline = await start({
      credentials: null,
      problems: ['TWILIO_ACCOUNT_SID is not set (the account the token or key belongs to).'],
    });
    const r = await call(offline, '/api/studio/v2/Flows');
    const message = expectProxyError(r, r.json(), 503);
    for (const name of ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_API_KEY', 'TWILIO_API_SECRET'])
      expect(message).toContain(name);
    expect((await call(offline, '/')).status).toBe(200);
    const connection = await call(offline, '/api/connection');
    expect(connection.json()).toEqual({
      connected: false,
      studioUrl: upstream.url,
      problems: ['TWILIO_ACCOUNT_SID is not set (the account the token or key belongs to).'],
    });
    expect(upstream.received).toEqual([]);
  });

  it('closes promptly with a request still waiting for Studio', async () => {
    const closing = await start();
    upstream.script.push(() => undefined); // never answers
    const pending = fetch(`${closing.url}/api/studio/v2/Flows`).then(
      (r) => r.status,
      () => 'closed',
    );
    await new Promise<void>((resolve) => {
      const wait = () => (upstream.received.length > 0 ? resolve() : setTimeout(wait, 5));
      wait();
    });
    const started = Date.now();
    await closing.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBe('closed');
  });

  it('says the port is taken', async () => {
    const port = Number(new URL(server.url).port);
    await expect(start({ port })).rejects.toThrow(`Port ${port} is in use; pass --port`);
  });
});

describe('/api/connection', () => {
  it('tells the masked account, the credential kind and the Studio origin, never the SID or the secret', async () => {
    const r = await call(server, '/api/connection');
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({
      connected: true,
      accountSid: `AC…${ACCOUNT_SID.slice(-4)}`,
      credential: 'auth-token',
      studioUrl: upstream.url,
      problems: [],
    });
    expect(r.text).not.toContain(ACCOUNT_SID);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect((await call(keyServer, '/api/connection')).json()).toMatchObject({ credential: 'api-key' });
    const post = await call(server, '/api/connection', { method: 'POST', headers: own(server) });
    expect(post.status).toBe(405);
  });

  it('reports the default Studio origin', async () => {
    const defaulted = await startServer({ port: 0, dist: dist.dist, credentials: null });
    servers.push(defaulted);
    expect((await call(defaulted, '/api/connection')).json()).toMatchObject({
      studioUrl: 'https://studio.twilio.com',
    });
  });
});

describe('Host and Origin checks', () => {
  const port = () => new URL(server.url).port;
  it('answers its own names', async () => {
    for (const host of [
      `127.0.0.1:${port()}`,
      `localhost:${port()}`,
      `[::1]:${port()}`,
      `LOCALHOST:${port()}`,
    ]) {
      const r = await rawCall(server, '/api/connection', { headers: { Host: host } });
      expect(r.status, host).toBe(200);
    }
    const post = await rawCall(server, `/api/studio/v2/Flows/${FW}`, {
      method: 'DELETE',
      headers: { Host: `localhost:${port()}`, Origin: `http://localhost:${port()}` },
    });
    expect(post.status).toBe(200);
    const sameOrigin = await rawCall(server, `/api/studio/v2/Flows/${FW}`, {
      method: 'DELETE',
      headers: { 'Sec-Fetch-Site': 'same-origin' },
    });
    expect(sameOrigin.status).toBe(200);
  });

  it('refuses foreign Hosts (DNS rebinding), foreign Origins, cross-site and form posts', async () => {
    const refused: [string, string, Record<string, string>][] = [
      ['GET', '/api/connection', { Host: `evil.example:${port()}` }],
      ['GET', '/api/studio/v2/Flows', { Host: `evil.example:${port()}` }],
      ['GET', '/api/studio/v2/Flows', { Host: `127.0.0.1:1${port()}` }],
      ['GET', '/api/studio/v2/Flows', { Host: '127.0.0.1' }],
      ['GET', '/api/studio/v2/Flows', { Origin: 'http://evil.example' }],
      ['GET', '/api/studio/v2/Flows', { Origin: `https://127.0.0.1:${port()}` }],
      ['GET', '/api/studio/v2/Flows', { Origin: 'null' }],
      ['GET', '/api/studio/v2/Flows', { 'Sec-Fetch-Site': 'cross-site' }],
      ['GET', '/api/studio/v2/Flows', { 'Sec-Fetch-Site': 'same-site' }],
      ['POST', '/api/studio/v2/Flows', { ...FORM }],
      ['POST', '/api/studio/v2/Flows', { ...FORM, 'Sec-Fetch-Site': 'none' }],
      ['POST', '/api/studio/v2/Flows', { 'Content-Type': 'text/plain', Origin: server.url }],
      [
        'POST',
        '/api/studio/v2/Flows',
        { 'Content-Type': 'multipart/form-data; boundary=x', Origin: server.url },
      ],
      ['POST', '/api/studio/v2/Flows', { 'Content-Type': 'application/json', Origin: server.url }],
      ['DELETE', `/api/studio/v2/Flows/${FW}`, {}],
      [
        'POST',
        '/api/studio/v2/Flows',
        { ...FORM, Origin: 'http://evil.example', 'Sec-Fetch-Site': 'cross-site' },
      ],
    ];
    for (const [method, path, headers] of refused) {
      const r = await rawCall(server, path, {
        method,
        headers,
        body: method === 'POST' ? 'FriendlyName=x' : undefined,
      });
      const label = `${method} ${JSON.stringify(headers)}`;
      expect(r.status, label).toBe(403);
      expect(r.headers[SOURCE_HEADER], label).toBe('proxy');
      expect(Object.keys(JSON.parse(r.body) as object).sort(), label).toEqual([
        'code',
        'message',
        'more_info',
        'status',
      ]);
    }
    expect(upstream.received).toEqual([]);
  });

  it('words why: another server, another origin, no Origin on a change', async () => {
    const host = await rawCall(server, '/api/connection', { headers: { Host: 'evil.example' } });
    expect((JSON.parse(host.body) as { message: string }).message).toContain(
      'Host header names another server',
    );
    const origin = await rawCall(server, '/api/connection', { headers: { Origin: 'http://evil.example' } });
    expect((JSON.parse(origin.body) as { message: string }).message).toContain('another origin');
    const form = await rawCall(server, '/api/studio/v2/Flows', {
      method: 'POST',
      headers: FORM,
      body: 'a=1',
    });
    expect((JSON.parse(form.body) as { message: string }).message).toContain('carries no Origin');
  });

  it('serves the static page whatever the Host (it holds nothing private)', async () => {
    const r = await rawCall(server, '/', { headers: { Host: 'evil.example' } });
    expect(r.status).toBe(200);
  });

  it('bound to another address, answers to it too', async () => {
    const probe = createServer();
    const bindable = await new Promise<boolean>((resolve) => {
      probe.once('error', () => resolve(false));
      probe.listen(0, '127.0.0.2', () => probe.close(() => resolve(true)));
    });
    if (!bindable) return; // not every system routes all of 127/8 to loopback
    const other = await start({ host: '127.0.0.2' });
    expect(other.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
    const p = new URL(other.url).port;
    expect((await rawCall(other, '/api/connection')).status).toBe(200);
    expect((await rawCall(other, '/api/connection', { headers: { Host: `localhost:${p}` } })).status).toBe(
      200,
    );
    expect((await rawCall(other, '/api/connection', { headers: { Host: `127.0.0.3:${p}` } })).status).toBe(
      403,
    );
  });
});

describe('log', () => {
  it('writes one line per /api request: method, path with query names only, status, time', async () => {
    const before = logs.length;
    await call(server, '/api/studio/v2/Flows?PageSize=50&PageToken=PAsecretish');
    await call(server, '/api/connection');
    await call(server, '/assets/index-AbCd12_-.js');
    const lines = logs.slice(before);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^GET \/api\/studio\/v2\/Flows\?PageSize&PageToken 200 \d+ms$/);
    expect(lines[0]).not.toContain('PAsecretish');
    expect(lines[1]).toMatch(/^GET \/api\/connection 200 \d+ms$/);
  });
});

describe('credentials', () => {
  it('never appear in any answer, header or log line of this file', () => {
    // The scan means something: the credentials were used, and much was answered.
    expect(outputs.texts.length).toBeGreaterThan(300);
    expect(logs.length).toBeGreaterThan(20);
    expect(outputs.leaks()).toEqual([]);
  });
});

afterAll(() => {
  expect(outputs.leaks()).toEqual([]);
});
