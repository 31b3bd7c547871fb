import { describe, expect, it } from 'vitest';
import {
  basicAuthorization,
  formBody,
  retryAfterMs,
  StudioClient,
  withRetry,
  type FetchLike,
} from './client';
import { CREDENTIAL_HEADER, SOURCE_HEADER, StudioError } from './errors';
import { matchOperation, operationPath, OPERATIONS } from './operations';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/** A fetch answering from a script, recording what it was asked. */
function scripted(answers: { status: number; body?: string; headers?: Record<string, string> }[]) {
  const sent: Sent[] = [];
  const fetch: FetchLike = (url, init) => {
    sent.push({
      url,
      method: init.method,
      headers: init.headers,
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    const a = answers.shift();
    if (!a) return Promise.reject(new TypeError('fetch failed'));
    const headers = new Map(Object.entries(a.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    return Promise.resolve({
      status: a.status,
      headers: { get: (n: string) => headers.get(n.toLowerCase()) ?? null },
      text: () => Promise.resolve(a.body ?? ''),
    });
  };
  return { fetch, sent };
}

const FLOW = 'FW0123456789abcdef0123456789abcdef';
const meta = (next: string | null) => ({
  page: 0,
  page_size: 2,
  first_page_url: 'https://studio.twilio.com/v2/Flows?PageSize=2&Page=0',
  previous_page_url: null,
  next_page_url: next,
  url: 'https://studio.twilio.com/v2/Flows?PageSize=2&Page=0',
  key: 'flows',
});

async function failure(promise: Promise<unknown>): Promise<StudioError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof StudioError) return e;
    throw e;
  }
  throw new Error('expected a StudioError');
}

describe('the Studio client', () => {
  it('sends form bodies as Twilio reads them: JSON fields as JSON text, lists as repeated keys', async () => {
    expect(
      formBody({ FriendlyName: 'a b', Status: 'draft', Definition: { states: [] }, Skip: undefined }),
    ).toBe('FriendlyName=a+b&Status=draft&Definition=%7B%22states%22%3A%5B%5D%7D');
    expect(formBody({ TestUsers: ['+1555', 'client:x'] })).toBe('TestUsers=%2B1555&TestUsers=client%3Ax');
    const { fetch, sent } = scripted([{ status: 200, body: '{"sid":"x"}' }]);
    const client = new StudioClient({ baseUrl: '/api/studio/', fetch });
    await client.updateFlow(FLOW, {
      friendlyName: 'IVR',
      status: 'published',
      definition: { a: 1 },
      commitMessage: 'm',
    });
    expect(sent[0]).toMatchObject({
      url: `/api/studio/v2/Flows/${FLOW}`,
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    });
    expect(new URLSearchParams(sent[0]?.body).get('Definition')).toBe('{"a":1}');
    // The page sends no credential: the server adds it.
    expect(sent[0]?.headers.Authorization).toBeUndefined();
  });

  it('adds the Authorization it is given (the CLI), as Basic base64 of user:password', async () => {
    expect(basicAuthorization('AC1', 'tök')).toBe(`Basic ${Buffer.from('AC1:tök').toString('base64')}`);
    const { fetch, sent } = scripted([{ status: 200, body: '{}' }]);
    await new StudioClient({
      baseUrl: 'https://studio.twilio.com',
      fetch,
      authorization: 'Basic x',
    }).fetchFlow(FLOW);
    expect(sent[0]?.headers.Authorization).toBe('Basic x');
  });

  it('follows next_page_url through its own base, and refuses a page URL of another list', async () => {
    const { fetch, sent } = scripted([
      {
        status: 200,
        body: JSON.stringify({
          flows: [{ sid: 'a' }, { sid: 'b' }],
          meta: meta('https://studio.twilio.com/v2/Flows?PageSize=2&Page=1&PageToken=PA1'),
        }),
      },
      { status: 200, body: JSON.stringify({ flows: [{ sid: 'c' }], meta: meta(null) }) },
    ]);
    const client = new StudioClient({ baseUrl: '/api/studio', fetch });
    const all = await client.all((o) => client.listFlows(o));
    expect(all.map((f) => f.sid)).toEqual(['a', 'b', 'c']);
    expect(sent.map((s) => s.url)).toEqual([
      '/api/studio/v2/Flows?PageSize=1000',
      '/api/studio/v2/Flows?PageSize=2&Page=1&PageToken=PA1',
    ]);
    await expect(
      client.listRevisions(FLOW, { pageUrl: 'https://studio.twilio.com/v2/Flows?Page=1' }),
    ).rejects.toThrow('another list');
  });

  it('words every failure by its status, the proxy’s own answers by their source, never with a stack', async () => {
    const cases: [number, Record<string, string>, string, RegExp][] = [
      [400, {}, 'bad-request', /Studio refused the request: Invalid Flow Definition/],
      [401, { [CREDENTIAL_HEADER]: 'api-key' }, 'auth', /TWILIO_API_KEY and TWILIO_API_SECRET/],
      [401, { [CREDENTIAL_HEADER]: 'auth-token' }, 'auth', /TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN/],
      [403, {}, 'forbidden', /refused this operation \(403\)/],
      [404, {}, 'not-found', /deleted meanwhile/],
      [429, {}, 'rate-limited', /limiting requests \(429\)/],
      [500, {}, 'server', /Studio answered 500/],
      [503, { [SOURCE_HEADER]: 'proxy' }, 'not-configured', /no credentials/],
      [502, { [SOURCE_HEADER]: 'proxy' }, 'unreachable', /no credentials/],
      [403, { [SOURCE_HEADER]: 'proxy' }, 'refused', /no credentials/],
    ];
    for (const [status, headers, kind, words] of cases) {
      const message = headers[SOURCE_HEADER] ? 'no credentials' : 'Invalid Flow Definition';
      const body = JSON.stringify({
        code: 20001,
        message,
        more_info: 'https://www.twilio.com/docs/errors/20001',
        status,
        details: { errors: [{ message: 'bad body', property_path: '#/states/1/properties/body' }] },
      });
      const { fetch } = scripted([{ status, body, headers }]);
      const e = await failure(new StudioClient({ baseUrl: '', fetch }).fetchFlow(FLOW));
      expect(e.kind, `${status}`).toBe(kind);
      expect(e.message, `${status}`).toMatch(words);
      if (kind === 'bad-request')
        expect(e.definitionErrors).toEqual([
          { message: 'bad body', property_path: '#/states/1/properties/body' },
        ]);
    }
    const cli = scripted([{ status: 401, body: '{}' }]);
    const e = await failure(
      new StudioClient({ baseUrl: '', fetch: cli.fetch, credentialKind: 'api-key' }).fetchFlow(FLOW),
    );
    expect(e.message).toMatch(/TWILIO_API_KEY/);
  });

  it('says when nothing answered, or the answer is not JSON', async () => {
    const none = scripted([]);
    const e = await failure(
      new StudioClient({
        baseUrl: '',
        fetch: none.fetch,
        unreachable: (c) => `server gone (${c})`,
      }).fetchFlow(FLOW),
    );
    expect(e).toMatchObject({ kind: 'unreachable', message: 'server gone (fetch failed)', retryable: true });
    const html = scripted([{ status: 200, body: '<html>' }]);
    expect(await failure(new StudioClient({ baseUrl: '', fetch: html.fetch }).fetchFlow(FLOW))).toMatchObject(
      {
        kind: 'protocol',
      },
    );
  });

  it('retries 429 with backoff or Retry-After, as often as asked, then gives the answer', async () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(Date.UTC(2026, 0, 1, 0, 0, 5)).toUTCString(), Date.UTC(2026, 0, 1))).toBe(
      5000,
    );
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
    const waits: number[] = [];
    const sleep = (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    };
    const { fetch, sent } = scripted([
      { status: 429, headers: { 'Retry-After': '1' } },
      { status: 429 },
      { status: 200, body: '{"sid":"ok"}' },
    ]);
    const flow = await new StudioClient({ baseUrl: '', fetch, retries: 3, sleep }).fetchFlow(FLOW);
    expect(flow.sid).toBe('ok');
    expect(sent).toHaveLength(3);
    expect(waits[0]).toBe(1000);
    expect(waits[1]).toBeGreaterThanOrEqual(1000);
    expect(waits[1]).toBeLessThanOrEqual(1250);
    let tries = 0;
    const answer = await withRetry(
      () => {
        tries++;
        return Promise.resolve({ status: 429, headers: { get: () => null } });
      },
      { retries: 2, sleep, random: () => 0 },
    );
    expect(answer.status).toBe(429);
    expect(tries).toBe(3);
  });
});

describe('the operations of the spec', () => {
  it('matches every operation by method and path, with the parameters the spec allows only', () => {
    for (const op of OPERATIONS) {
      const params = {
        Sid: op.path.includes('/Steps/{Sid}')
          ? 'FT'.padEnd(34, 'a')
          : op.path.includes('/Executions/{Sid}')
            ? 'FN'.padEnd(34, 'b')
            : FLOW,
        FlowSid: FLOW,
        ExecutionSid: 'FN'.padEnd(34, 'c'),
        StepSid: 'FT'.padEnd(34, 'd'),
        Revision: 'LatestPublished',
      };
      expect(matchOperation(op.method, operationPath(op.id, params))?.operation.id).toBe(op.id);
    }
    expect(matchOperation('POST', '/v2/Flows/Validate')?.operation.id).toBe('UpdateFlowValidate');
    expect(matchOperation('GET', '/v2/Flows/Validate')).toBeNull();
    expect(matchOperation('GET', `/v2/Flows/${FLOW}/../../2010-04-01/Accounts`)).toBeNull();
    expect(matchOperation('GET', '/v2/Flows/FWnothex')).toBeNull();
    expect(matchOperation('PUT', `/v2/Flows/${FLOW}`)).toBeNull();
    expect(matchOperation('GET', `/v2/Flows/${FLOW}/Revisions/1e3`)).toBeNull();
    expect(() => operationPath('FetchFlow')).toThrow('FetchFlow needs Sid');
  });
});
