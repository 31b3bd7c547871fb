/**
 * The /api half of the server: the page's only way to Studio. It forwards exactly the operations of the Studio v2
 * spec (src/studio/operations.ts) to Studio with the credentials it holds, and refuses everything else, including
 * any request that does not come from the editor's own page (foreign Host: DNS rebinding; foreign Origin or
 * Sec-Fetch-Site: another site's script or form).
 *
 * Its own answers use Twilio's error shape with `x-studio-flow-source: proxy`, so the page words them
 * (src/studio/errors.ts); Studio's answers pass through with their status, body and Content-Type only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { retryAfterMs, withRetry } from '../studio/client';
import { CREDENTIAL_HEADER, SOURCE_HEADER } from '../studio/errors';
import { matchOperation, operationPath, type HttpMethod, type Operation } from '../studio/operations';
import { maskSid, scrub, type Credentials } from './credentials';
import { SECURITY_HEADERS } from './static';

/** Largest request body forwarded (a flow definition is far smaller; the editor refuses files over 5 MB). */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** How long one upstream request may take, answer body included. */
export const UPSTREAM_TIMEOUT_MS = 30_000;
/** How long the proxy waits in total between tries of a 429 before handing the 429 to the page. */
export const RETRY_BUDGET_MS = 30_000;
/** Tries after the first one when Studio answers 429. */
export const RETRIES = 3;

const PAGING = ['PageSize', 'Page', 'PageToken'];
/** Query parameters per operation: the spec's (PageSize, and the dates of ListExecution) and the paging tokens of
 * Twilio's own `next_page_url`s, which the page follows as given. Other operations take none. */
function queryParameters(operation: Operation): readonly string[] {
  if (operation.list === undefined) return [];
  return operation.id === 'ListExecution' ? [...PAGING, 'DateCreatedFrom', 'DateCreatedTo'] : PAGING;
}

const STUDIO_API_DOCS = 'https://www.twilio.com/docs/studio/rest-api/v2';

export interface ApiOptions {
  /** Studio's origin, e.g. `https://studio.twilio.com` (or an emulator's). */
  readonly studioUrl: string;
  readonly credentials: Credentials | null;
  /** What loadCredentials found wrong, shown by /api/connection. */
  readonly problems: readonly string[];
  readonly fetch: typeof fetch;
  /** The `host[:port]` values a request's Host may carry (lower case); their `http://` origins are the only Origins. */
  readonly hosts: () => readonly string[];
  /** Aborted when the server closes: pending upstream requests and waits stop. */
  readonly closing: AbortSignal;
  readonly timeoutMs?: number;
  readonly retryBudgetMs?: number;
}

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Uint8Array;
}

/** Twilio's error body, from the proxy itself. */
function refuse(
  res: ServerResponse,
  status: number,
  message: string,
  secrets: readonly string[],
  extra: Record<string, string> = {},
  moreInfo = STUDIO_API_DOCS,
): void {
  const body = JSON.stringify({ code: null, message: scrub(message, secrets), more_info: moreInfo, status });
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    [SOURCE_HEADER]: 'proxy',
    ...extra,
  });
  res.end(body);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Why the request may not reach the API (null when it may): the Host must be the server's own; an Origin must be
 * the server's own origin; Sec-Fetch-Site must not be cross-site or same-site (another port of localhost is
 * another application); and a POST or DELETE must carry a form body or none, and show it comes from the page
 * (an Origin, or Sec-Fetch-Site: same-origin), so a plain form or a script elsewhere cannot change flows.
 */
export function originProblem(req: IncomingMessage, hosts: readonly string[]): string | null {
  const host = header(req, 'host')?.toLowerCase();
  if (host === undefined || !hosts.includes(host))
    return "The editor's server only answers requests addressed to itself (the Host header names another server; open the editor at the address `studio-flow serve` printed).";
  const origin = header(req, 'origin')?.toLowerCase();
  if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`))
    return "The editor's server only answers its own page (the request comes from another origin).";
  const site = header(req, 'sec-fetch-site')?.toLowerCase();
  if (site === 'cross-site' || site === 'same-site')
    return "The editor's server only answers its own page (the browser reports a request from another site).";
  const method = (req.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') {
    const type = header(req, 'content-type');
    if (
      type !== undefined &&
      type.split(';')[0]?.trim().toLowerCase() !== 'application/x-www-form-urlencoded'
    )
      return `The editor's server only forwards form-encoded bodies (application/x-www-form-urlencoded), not ${type.split(';')[0] ?? ''}.`;
    if (origin === undefined && site !== 'same-origin')
      return "The editor's server only accepts changes from its own page (the request carries no Origin).";
  }
  return null;
}

/** A network failure worded for a person: what failed, and against which host. Never the request's headers. */
export function describeUpstreamFailure(error: unknown, host: string): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code =
    typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string'
      ? cause.code
      : undefined;
  let why: string;
  if (code === 'ECONNREFUSED') why = `connection refused to ${host}`;
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') why = `the name ${host} could not be resolved`;
  else if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET')
    why = `the connection to ${host} was closed before Studio answered`;
  else if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT')
    why = `connecting to ${host} timed out`;
  else if (code !== undefined && /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO/.test(code))
    why = `the TLS certificate of ${host} was not accepted: ${code}`;
  else why = `${host}: ${code ?? (cause instanceof Error ? cause.message : String(cause))}`;
  return `Studio could not be reached from the editor's server (${why}).`;
}

/** `/v2/Flows?PageSize&PageToken`: a path for the log, with the names of its query parameters but not their values. */
export function logPath(target: string): string {
  const [path = '', query] = target.split(/\?(.*)/s, 2);
  const names = query === undefined ? [] : [...new URLSearchParams(query).keys()];
  const shown = names.length === 0 ? path : `${path}?${names.join('&')}`;
  return shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
}

async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const declared = Number(header(req, 'content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) return 'too-large';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return 'too-large';
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Handles every request under /api: `GET /api/connection` and `/api/studio/v2/…`. */
export function createApiHandler(
  options: ApiOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { credentials, studioUrl } = options;
  const secrets = credentials?.secrets ?? [];
  const upstream = new URL(studioUrl);
  const timeoutMs = options.timeoutMs ?? UPSTREAM_TIMEOUT_MS;
  const budgetMs = options.retryBudgetMs ?? RETRY_BUDGET_MS;

  function connection(res: ServerResponse): void {
    const body = {
      connected: credentials !== null,
      ...(credentials === null
        ? {}
        : { accountSid: maskSid(credentials.accountSid), credential: credentials.kind }),
      studioUrl: upstream.origin,
      problems: options.problems.map((p) => scrub(p, secrets)),
    };
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(JSON.stringify(body));
  }

  /** One upstream request, answer body read, bounded by the timeout and the server's closing. */
  async function once(url: string, init: RequestInit): Promise<Answer> {
    const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), options.closing]);
    const response = await options.fetch(url, { ...init, signal, redirect: 'manual' });
    return {
      status: response.status,
      headers: response.headers,
      body: new Uint8Array(await response.arrayBuffer()),
    };
  }

  /**
   * Runs the tries of one request: a 429 again (withRetry, which honours Retry-After), as long as the waits fit in
   * the budget. A wait that would not fit (Retry-After: 120, or backoff past the budget) is not started: the page
   * gets Studio's 429, with its Retry-After, at once.
   */
  async function withBudget(url: string, init: RequestInit): Promise<Answer> {
    // Written by the tries, read once withRetry is stopped.
    const tried: { last: Answer | null } = { last: null };
    let waited = 0;
    const giveUp = new Error('retry budget spent');
    try {
      return await withRetry(
        async () => {
          const answer = (tried.last = await once(url, init));
          // withRetry caps one wait at 30 s; a longer Retry-After is Studio asking for more than the budget.
          const hinted = answer.status === 429 ? retryAfterMs(answer.headers.get('retry-after')) : null;
          if (hinted !== null && waited + hinted > budgetMs) throw giveUp;
          return answer;
        },
        {
          retries: RETRIES,
          sleep: async (ms) => {
            if (waited + ms > budgetMs) throw giveUp;
            waited += ms;
            await delay(ms, undefined, { signal: options.closing });
          },
        },
      );
    } catch (e) {
      if (e === giveUp && tried.last !== null) return tried.last;
      throw e;
    }
  }

  async function proxy(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    target: string,
  ): Promise<void> {
    const [rawPath = '', rawQuery] = target.split(/\?(.*)/s, 2);
    const path = rawPath.slice('/api/studio'.length);
    const matched = matchOperation(method, path);
    if (matched === null) {
      const allowed = (['GET', 'POST', 'DELETE'] as const satisfies readonly HttpMethod[]).filter(
        (m) => matchOperation(m, path) !== null,
      );
      if (allowed.length > 0)
        refuse(
          res,
          405,
          `${method} is not an operation of the Studio v2 API on this path (it allows ${allowed.join(', ')}).`,
          secrets,
          {
            Allow: allowed.join(', '),
          },
        );
      else
        refuse(
          res,
          403,
          "The editor's server only forwards the operations of the Studio v2 API (Flows, Revisions, Executions, Steps, Test users); this request is not one of them.",
          secrets,
        );
      return;
    }
    const { operation, params } = matched;

    const accepted = queryParameters(operation);
    const query = new URLSearchParams(rawQuery ?? '');
    const names = [...query.keys()];
    const unknown = [...new Set(names.filter((n) => !accepted.includes(n)))];
    if (unknown.length > 0) {
      const takes = accepted.length === 0 ? 'it takes none' : `it takes ${accepted.join(', ')}`;
      refuse(
        res,
        400,
        `${operation.id} does not take the query parameter${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (${takes}).`,
        secrets,
      );
      return;
    }
    const repeated = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
    if (repeated.length > 0) {
      refuse(res, 400, `The query parameter ${repeated.join(', ')} is given more than once.`, secrets);
      return;
    }

    if (credentials === null) {
      refuse(
        res,
        503,
        "The editor's server has no Twilio credentials, so the editor works offline. Set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET with TWILIO_ACCOUNT_SID) in the environment or in a .env file, then restart `studio-flow serve`.",
        secrets,
        {},
        'https://www.twilio.com/docs/iam/api-keys',
      );
      return;
    }

    let body: Uint8Array<ArrayBuffer> | undefined;
    if (method === 'POST') {
      const read = await readBody(req);
      if (read === 'too-large') {
        refuse(res, 413, `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`, secrets, {
          Connection: 'close',
        });
        return;
      }
      if (read.length > 0) body = new Uint8Array(read);
    }

    const headers: Record<string, string> = {
      Authorization: credentials.authorization,
      Accept: header(req, 'accept') ?? 'application/json',
      'User-Agent': 'studio-flow-editor-serve',
    };
    if (body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const qs = query.toString();
    const url = `${upstream.origin}${operationPath(operation.id, params)}${qs === '' ? '' : `?${qs}`}`;

    let answer: Answer;
    try {
      answer = await withBudget(url, { method, headers, ...(body === undefined ? {} : { body }) });
    } catch (e) {
      if (options.closing.aborted) {
        res.destroy();
        return;
      }
      if (e instanceof Error && e.name === 'TimeoutError')
        refuse(
          res,
          504,
          `Studio did not answer the editor's server within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`} (${upstream.host}).`,
          secrets,
        );
      else refuse(res, 502, describeUpstreamFailure(e, upstream.host), secrets);
      return;
    }
    if (answer.status >= 300 && answer.status < 400) {
      refuse(
        res,
        502,
        `Studio answered with a redirect (${answer.status}), which the editor's server does not follow.`,
        secrets,
      );
      return;
    }
    // An allow-list: Studio's Set-Cookie, WWW-Authenticate (a browser login prompt), auth-like and hop-by-hop
    // headers stay here.
    const out: Record<string, string> = {
      ...SECURITY_HEADERS,
      'Cache-Control': 'no-store',
      [SOURCE_HEADER]: 'studio',
      [CREDENTIAL_HEADER]: credentials.kind,
    };
    const type = answer.headers.get('content-type');
    if (type !== null) out['Content-Type'] = type;
    const retryAfter = answer.headers.get('retry-after');
    if (answer.status === 429 && retryAfter !== null) out['Retry-After'] = retryAfter;
    res.writeHead(answer.status, out);
    res.end(answer.status === 204 || answer.status === 304 ? undefined : answer.body);
  }

  return async (req, res) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const target = req.url ?? '/';
    const problem = originProblem(req, options.hosts());
    if (problem !== null) {
      refuse(res, 403, problem, secrets);
      return;
    }
    const pathname = target.split('?', 1)[0] ?? '';
    if (pathname === '/api/connection') {
      if (method === 'GET') connection(res);
      else refuse(res, 405, '/api/connection only answers GET.', secrets, { Allow: 'GET' });
      return;
    }
    if (pathname.startsWith('/api/studio/')) {
      await proxy(req, res, method, target);
      return;
    }
    refuse(res, 404, `The editor's server has no ${logPath(pathname)}.`, secrets);
  };
}
