import { afterAll, describe, expect, it } from 'vitest';
import { ACCOUNT_SID, API_KEY, API_SECRET, AUTH_TOKEN, Outputs } from '../testing/serve';
import { loadCredentials, maskSid, parseEnvFile, scrub } from './credentials';

const outputs = new Outputs();
/** loadCredentials, with every problem text kept for the leak scan. */
function load(env: Record<string, string | undefined>, file?: string) {
  const result = loadCredentials(env, file);
  for (const p of result.problems) outputs.add(p);
  return result;
}

const decodeBasic = (authorization: string) =>
  Buffer.from(authorization.replace(/^Basic /, ''), 'base64').toString('utf8');

describe('parseEnvFile', () => {
  it('reads dotenv syntax: export, quotes, comments, blank lines, CRLF, last assignment wins', () => {
    const text = [
      '# a comment',
      '',
      'PLAIN=value',
      'export EXPORTED=yes',
      'SPACED = around  ',
      'INLINE=abc # a comment after the value',
      "SINGLE='keeps # and \\n as is'",
      'DOUBLE="line\\nbreak # not a comment"',
      'BACKTICK=`tick`',
      'EMPTY=',
      'EMPTY_NEXT=',
      'NOT_A_VALUE_LINE',
      'MULTI="first',
      'second"',
      'DUP=1',
      'DUP=2',
      'WINDOWS=crlf\r',
    ].join('\n');
    expect(parseEnvFile(text)).toEqual({
      PLAIN: 'value',
      EXPORTED: 'yes',
      SPACED: 'around',
      INLINE: 'abc',
      SINGLE: 'keeps # and \\n as is',
      DOUBLE: 'line\nbreak # not a comment',
      BACKTICK: 'tick',
      EMPTY: '',
      EMPTY_NEXT: '',
      MULTI: 'first\nsecond',
      DUP: '2',
      WINDOWS: 'crlf',
    });
  });
});

describe('loadCredentials', () => {
  it('uses the auth token with the account SID', () => {
    const { credentials, problems } = load({
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    });
    expect(problems).toEqual([]);
    expect(credentials?.kind).toBe('auth-token');
    expect(credentials?.accountSid).toBe(ACCOUNT_SID);
    expect(decodeBasic(credentials?.authorization ?? '')).toBe(`${ACCOUNT_SID}:${AUTH_TOKEN}`);
    expect(credentials?.secrets).toEqual([AUTH_TOKEN, `${ACCOUNT_SID}:${AUTH_TOKEN}`]);
  });

  it('prefers the API key when both are set', () => {
    const { credentials, problems } = load({
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_API_KEY: API_KEY,
      TWILIO_API_SECRET: API_SECRET,
    });
    expect(problems).toEqual([]);
    expect(credentials?.kind).toBe('api-key');
    expect(credentials?.accountSid).toBe(ACCOUNT_SID);
    expect(decodeBasic(credentials?.authorization ?? '')).toBe(`${API_KEY}:${API_SECRET}`);
    expect(credentials?.secrets).toContain(API_SECRET);
  });

  it('reads a .env file, and the process environment wins over it (an empty variable counts as unset)', () => {
    const file = `export TWILIO_ACCOUNT_SID="${ACCOUNT_SID}"\nTWILIO_AUTH_TOKEN='${'0'.repeat(32)}' # from file\n`;
    expect(load({}, file).credentials?.authorization).toBe(
      `Basic ${Buffer.from(`${ACCOUNT_SID}:${'0'.repeat(32)}`).toString('base64')}`,
    );
    const both = load({ TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_ACCOUNT_SID: '' }, file);
    expect(both.problems).toEqual([]);
    expect(both.credentials?.accountSid).toBe(ACCOUNT_SID);
    expect(decodeBasic(both.credentials?.authorization ?? '')).toBe(`${ACCOUNT_SID}:${AUTH_TOKEN}`);
  });

  it('returns null without problems when nothing is set: the editor works offline', () => {
    expect(load({ PATH: '/usr/bin' }, '# nothing here\nOTHER=1\n')).toEqual({
      credentials: null,
      problems: [],
    });
  });

  it('names the variable of each problem, and where it came from, never its value', () => {
    const badSid = `AX${AUTH_TOKEN}`;
    const r1 = load({ TWILIO_ACCOUNT_SID: badSid, TWILIO_AUTH_TOKEN: AUTH_TOKEN });
    expect(r1.credentials).toBeNull();
    expect(r1.problems).toEqual([
      'TWILIO_ACCOUNT_SID (from the environment) is not an account SID (AC followed by 32 hex digits).',
    ]);
    expect(r1.problems.join(' ')).not.toContain(badSid);

    const r2 = load(
      {},
      `TWILIO_ACCOUNT_SID=${ACCOUNT_SID}\nTWILIO_API_KEY=${ACCOUNT_SID}\nTWILIO_API_SECRET=${API_SECRET}`,
    );
    expect(r2.credentials).toBeNull();
    expect(r2.problems).toEqual([
      'TWILIO_API_KEY (from the .env) is not an API key SID (SK followed by 32 hex digits).',
    ]);

    const r3 = load({ TWILIO_AUTH_TOKEN: AUTH_TOKEN });
    expect(r3.credentials).toBeNull();
    expect(r3.problems).toEqual(['TWILIO_ACCOUNT_SID is not set (the account the token or key belongs to).']);

    const r4 = load({ TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_API_KEY: API_KEY });
    expect(r4.credentials).toBeNull();
    expect(r4.problems).toEqual(['TWILIO_API_SECRET is not set (TWILIO_API_KEY needs it).']);

    const r5 = load({ TWILIO_ACCOUNT_SID: ACCOUNT_SID });
    expect(r5.credentials).toBeNull();
    expect(r5.problems).toEqual(['TWILIO_AUTH_TOKEN is not set (or TWILIO_API_KEY and TWILIO_API_SECRET).']);

    const spaced = load({ TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: `${AUTH_TOKEN} x` });
    expect(spaced.credentials).toBeNull();
    expect(spaced.problems).toEqual([
      'TWILIO_AUTH_TOKEN (from the environment) is not a token (visible characters, no spaces or quotes).',
    ]);
  });

  it('falls back to the auth token when the API key is unusable, and says why', () => {
    const { credentials, problems } = load({
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_API_KEY: API_KEY,
    });
    expect(credentials?.kind).toBe('auth-token');
    expect(problems).toEqual(['TWILIO_API_SECRET is not set (TWILIO_API_KEY needs it).']);
  });
});

describe('maskSid', () => {
  it('keeps the prefix and the last four characters', () => {
    expect(maskSid('AC0123456789abcdef0123456789abcdef')).toBe('AC…cdef');
    expect(maskSid(ACCOUNT_SID)).toBe(`AC…${ACCOUNT_SID.slice(-4)}`);
    expect(maskSid('AC12')).toBe('AC…');
  });
});

describe('scrub', () => {
  const loaded = loadCredentials({
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_API_KEY: API_KEY,
    TWILIO_API_SECRET: API_SECRET,
  }).credentials;
  const token = loadCredentials({
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
  }).credentials;
  const secrets = [...(loaded?.secrets ?? []), ...(token?.secrets ?? [])];

  it('redacts the secrets, upper-cased hex, base64, base64url and the Basic header forms', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const samples = [
      `token=${AUTH_TOKEN}.`,
      `TOKEN=${AUTH_TOKEN.toUpperCase()}`,
      `secret ${API_SECRET} end`,
      `Authorization: ${token?.authorization ?? ''}`,
      `Authorization: ${loaded?.authorization ?? ''}`,
      `b64 ${b64(AUTH_TOKEN)}`,
      `b64 ${b64(API_SECRET)}`,
      `url ${b64(`${API_KEY}:${API_SECRET}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`,
      `pair ${ACCOUNT_SID}:${AUTH_TOKEN}`,
    ];
    for (const sample of samples) {
      const out = scrub(sample, secrets);
      outputs.add(out);
      expect(out).toContain('[redacted]');
    }
    expect(scrub(`Basic ${b64(`${ACCOUNT_SID}:${AUTH_TOKEN}`)}`, secrets)).toMatch(/^Basic \[redacted\]=*$/);
  });

  it('leaves other text alone, including the account SID on its own', () => {
    expect(scrub(`GET /api/connection 200 3ms ${ACCOUNT_SID}`, secrets)).toBe(
      `GET /api/connection 200 3ms ${ACCOUNT_SID}`,
    );
    expect(scrub('short', ['abc'])).toBe('short');
  });
});

afterAll(() => {
  expect(outputs.texts.length).toBeGreaterThan(10);
  expect(outputs.leaks()).toEqual([]);
});
