import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { describeUpstreamFailure, logPath, originProblem } from './proxy';

/** The parts of a request originProblem reads. */
function req(method: string, headers: Record<string, string>): IncomingMessage {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method, headers: lower } as unknown as IncomingMessage;
}

const HOSTS = ['localhost:4173', '127.0.0.1:4173', '[::1]:4173'];

describe('originProblem', () => {
  it('lets the page through: its Host, its Origin, same-origin fetches, forms with an Origin', () => {
    expect(originProblem(req('GET', { Host: 'localhost:4173' }), HOSTS)).toBeNull();
    expect(
      originProblem(req('GET', { Host: '[::1]:4173', 'Sec-Fetch-Site': 'same-origin' }), HOSTS),
    ).toBeNull();
    expect(originProblem(req('GET', { Host: 'localhost:4173', 'Sec-Fetch-Site': 'none' }), HOSTS)).toBeNull();
    expect(
      originProblem(
        req('POST', {
          Host: '127.0.0.1:4173',
          Origin: 'http://127.0.0.1:4173',
          'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8',
        }),
        HOSTS,
      ),
    ).toBeNull();
    expect(
      originProblem(req('DELETE', { Host: '127.0.0.1:4173', 'Sec-Fetch-Site': 'same-origin' }), HOSTS),
    ).toBeNull();
  });

  it('refuses what does not come from the page', () => {
    const refused: [string, Record<string, string>][] = [
      ['GET', {}],
      ['GET', { Host: 'attacker.example:4173' }],
      ['GET', { Host: 'localhost:4174' }],
      ['GET', { Host: 'localhost:4173', Origin: 'http://localhost:4174' }],
      ['GET', { Host: 'localhost:4173', Origin: 'http://127.0.0.1:4173.evil.example' }],
      ['GET', { Host: 'localhost:4173', 'Sec-Fetch-Site': 'cross-site' }],
      ['POST', { Host: 'localhost:4173' }],
      ['POST', { Host: 'localhost:4173', Origin: 'http://localhost:4173', 'Content-Type': 'text/plain' }],
      ['DELETE', { Host: 'localhost:4173', 'Sec-Fetch-Site': 'same-site' }],
    ];
    for (const [method, headers] of refused)
      expect(originProblem(req(method, headers), HOSTS), JSON.stringify(headers)).not.toBeNull();
  });
});

describe('describeUpstreamFailure', () => {
  const failure = (code: string) =>
    new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
  it('says what failed against which host', () => {
    const host = 'studio.twilio.com';
    expect(describeUpstreamFailure(failure('ECONNREFUSED'), host)).toBe(
      "Studio could not be reached from the editor's server (connection refused to studio.twilio.com).",
    );
    expect(describeUpstreamFailure(failure('ENOTFOUND'), host)).toContain(
      'the name studio.twilio.com could not be resolved',
    );
    expect(describeUpstreamFailure(failure('UND_ERR_SOCKET'), host)).toContain(
      'was closed before Studio answered',
    );
    expect(describeUpstreamFailure(failure('UND_ERR_CONNECT_TIMEOUT'), host)).toContain('timed out');
    expect(describeUpstreamFailure(failure('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), host)).toContain(
      'TLS certificate of studio.twilio.com was not accepted: UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    );
    expect(describeUpstreamFailure(new Error('odd'), host)).toContain('(studio.twilio.com: odd)');
  });
});

describe('logPath', () => {
  it('keeps the names of query parameters, never their values, and bounds the length', () => {
    expect(logPath('/api/studio/v2/Flows?PageSize=50&PageToken=PAxyz')).toBe(
      '/api/studio/v2/Flows?PageSize&PageToken',
    );
    expect(logPath('/api/connection')).toBe('/api/connection');
    expect(logPath(`/api/${'x'.repeat(500)}`)).toHaveLength(201);
  });
});
