/**
 * The Twilio credentials of the `serve` process: read from the environment (or a .env file) once, held only here and
 * in the proxy, never sent to the page. Every problem is worded by the variable's name, never by its value, and
 * every text the server writes out passes through `scrub`.
 */
import { basicAuthorization } from '../studio/client';

export type CredentialKind = 'auth-token' | 'api-key';

export interface Credentials {
  readonly accountSid: string;
  readonly kind: CredentialKind;
  /** The `Authorization` header value (`Basic …`) the proxy adds upstream. */
  readonly authorization: string;
  /** Every secret string to keep out of logs, errors and answers (the secret and `user:secret`). */
  readonly secrets: readonly string[];
}

export interface LoadedCredentials {
  /** Null when none are set or they cannot be used: the editor then works offline. */
  readonly credentials: Credentials | null;
  /** What is wrong with the variables, each naming the variable (never its value). */
  readonly problems: string[];
}

/** The variables read, in the order problems are reported. */
export const CREDENTIAL_VARIABLES = [
  'TWILIO_ACCOUNT_SID',
  'TWILIO_AUTH_TOKEN',
  'TWILIO_API_KEY',
  'TWILIO_API_SECRET',
] as const;
type Variable = (typeof CREDENTIAL_VARIABLES)[number];

const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
const API_KEY_SID = /^SK[0-9a-fA-F]{32}$/;
// Secrets go into a Basic header: visible ASCII only (a stray space or quote from a copy-paste is caught here).
const SECRET = /^[\x21-\x7e]+$/;

const LINE =
  /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*('[^']*'|"(?:\\.|[^"\\])*"|`[^`]*`|[^\n#]*)[ \t]*(?:#[^\n]*)?$/gm;

/**
 * The variables of a .env text, with dotenv's rules: `KEY=value`, an optional `export ` prefix, `#` comments (whole
 * lines, or after an unquoted value), blank lines, single/double/backtick quotes (double quotes expand `\n`, `\r`,
 * `\t` and may span lines). A later assignment wins over an earlier one.
 */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of text.replace(/\r\n?/g, '\n').matchAll(LINE)) {
    const key = match[1] ?? '';
    const raw = (match[2] ?? '').trim();
    const quote = raw[0];
    let value: string;
    if (raw.length >= 2 && (quote === '"' || quote === "'" || quote === '`') && raw.endsWith(quote)) {
      value = raw.slice(1, -1);
      if (quote === '"')
        value = value.replace(/\\([nrt"\\])/g, (_, c: string) =>
          c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c,
        );
    } else value = raw;
    out[key] = value;
  }
  return out;
}

/**
 * The credentials of `env` (the process's environment, which wins) and `envFileText` (a .env file's text): an API
 * key (`TWILIO_API_KEY` + `TWILIO_API_SECRET` + `TWILIO_ACCOUNT_SID`) when set, else the auth token
 * (`TWILIO_ACCOUNT_SID` + `TWILIO_AUTH_TOKEN`). An empty variable counts as unset. None set: null and no problems.
 */
export function loadCredentials(
  env: Record<string, string | undefined>,
  envFileText?: string,
): LoadedCredentials {
  const file = envFileText === undefined ? {} : parseEnvFile(envFileText);
  const values = new Map<Variable, { value: string; where: string }>();
  for (const name of CREDENTIAL_VARIABLES) {
    const fromEnv = env[name]?.trim();
    const fromFile = file[name]?.trim();
    if (fromEnv !== undefined && fromEnv !== '') values.set(name, { value: fromEnv, where: 'environment' });
    else if (fromFile !== undefined && fromFile !== '') values.set(name, { value: fromFile, where: '.env' });
  }
  if (values.size === 0) return { credentials: null, problems: [] };

  const problems: string[] = [];
  const shaped = (name: Variable, pattern: RegExp, shape: string): string | null => {
    const entry = values.get(name);
    if (entry === undefined) return null;
    if (pattern.test(entry.value)) return entry.value;
    problems.push(`${name} (from the ${entry.where}) is not ${shape}.`);
    return null;
  };
  const accountSid = shaped(
    'TWILIO_ACCOUNT_SID',
    ACCOUNT_SID,
    'an account SID (AC followed by 32 hex digits)',
  );
  const authToken = shaped('TWILIO_AUTH_TOKEN', SECRET, 'a token (visible characters, no spaces or quotes)');
  const apiKey = shaped('TWILIO_API_KEY', API_KEY_SID, 'an API key SID (SK followed by 32 hex digits)');
  const apiSecret = shaped('TWILIO_API_SECRET', SECRET, 'a secret (visible characters, no spaces or quotes)');
  const missing = (name: Variable, needs: string) => {
    if (!values.has(name)) problems.push(`${name} is not set (${needs}).`);
  };

  const wantsKey = values.has('TWILIO_API_KEY') || values.has('TWILIO_API_SECRET');
  if (wantsKey) {
    missing('TWILIO_API_KEY', 'TWILIO_API_SECRET needs it');
    missing('TWILIO_API_SECRET', 'TWILIO_API_KEY needs it');
  }
  if (values.has('TWILIO_AUTH_TOKEN') || wantsKey)
    missing('TWILIO_ACCOUNT_SID', 'the account the token or key belongs to');
  if (!values.has('TWILIO_AUTH_TOKEN') && !wantsKey)
    problems.push('TWILIO_AUTH_TOKEN is not set (or TWILIO_API_KEY and TWILIO_API_SECRET).');

  let credentials: Credentials | null = null;
  if (accountSid !== null && apiKey !== null && apiSecret !== null)
    credentials = make(accountSid, 'api-key', apiKey, apiSecret);
  else if (accountSid !== null && authToken !== null)
    credentials = make(accountSid, 'auth-token', accountSid, authToken);
  return { credentials, problems };
}

function make(accountSid: string, kind: CredentialKind, user: string, secret: string): Credentials {
  return {
    accountSid,
    kind,
    authorization: basicAuthorization(user, secret),
    secrets: [secret, `${user}:${secret}`],
  };
}

/** `AC0123…cdef` → `AC…cdef`: enough to tell accounts apart, never the whole SID. */
export function maskSid(sid: string): string {
  return sid.length <= 6 ? `${sid.slice(0, 2)}…` : `${sid.slice(0, 2)}…${sid.slice(-4)}`;
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `text` with every secret, its base64 form (as in a Basic header: `base64(user:secret)` when `secrets` holds
 * `user:secret`, as Credentials.secrets does) and its base64url form replaced by `[redacted]`. The plain secret is
 * matched in any letter case (hex tokens read the same upper-cased); base64 forms are matched without padding.
 */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 8) continue; // never blank out common short strings
    const b64 = base64(secret).replace(/=+$/, '');
    const b64url = b64.replace(/\+/g, '-').replace(/\//g, '_');
    out = out.replace(new RegExp(escapeRegExp(secret), 'gi'), '[redacted]');
    for (const form of new Set([b64, b64url])) out = out.split(form).join('[redacted]');
  }
  return out;
}
