/**
 * A Studio v2 API emulator: a real HTTP server answering every operation of the seed spec
 * (src/studio/openapi.json, src/studio/operations.ts) with Twilio's conventions (Basic auth, form bodies, error
 * bodies, paging), holding flows, revisions, test users, executions and steps in memory and, given a `dataDir`,
 * on disk. For tests, demos and `studio-flow emulate`: the editor and the CLI talk to it as they talk to Studio.
 *
 * ```ts
 * const emulator = await startEmulator({ credentials: { accountSid: 'AC…', authToken: 'secret' } });
 * const client = new StudioClient({ baseUrl: emulator.url, fetch, authorization: basicAuthorization('AC…', 'secret') });
 * await client.createFlow({ friendlyName: 'Hello', status: 'draft', definition });
 * await emulator.close();
 * ```
 *
 * What it does not do: run flows (an execution stays as made or seeded), send webhooks, or check anything of a
 * definition but what the project's validator checks (`/__emulator/validation` adds disagreements on purpose).
 * Control endpoints: see ./emulator/control.ts and {@link startEmulator}.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { matchOperation } from '../studio/operations';
import { handleOperation, type ApiContext } from './emulator/api';
import { publishBehind, seed, setFailure, setValidation } from './emulator/control';
import {
  DataWriter,
  emptyState,
  loadData,
  MAX_LOGGED_REQUESTS,
  newSid,
  now,
  type EmulatorState,
  type RequestLogEntry,
} from './emulator/state';
import { ApiFailure, Form, notFound, twilioError, UNAUTHORIZED, type ApiResponse } from './emulator/twilio';

export type {
  EmulatorData,
  EmulatorState,
  FailurePlan,
  RequestLogEntry,
  StoredExecution,
  StoredFlow,
  StoredRevision,
  StoredStep,
} from './emulator/state';
export type {
  EmulatorSeed,
  FailRequest,
  PublishBehindRequest,
  SeedExecution,
  SeedFlow,
  SeedRevision,
  SeedStep,
  ValidationRequest,
} from './emulator/control';

export interface EmulatorCredentials {
  /** `AC…`: the account every resource belongs to; with `authToken`, one accepted Basic credential. */
  readonly accountSid: string;
  readonly authToken: string;
  /** API keys accepted besides: key SID (`SK…`) → its secret. */
  readonly apiKeys?: Readonly<Record<string, string>>;
}

export interface EmulatorOptions {
  /** Default 0: any free port (read it from `url`). */
  readonly port?: number;
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /** When given, the state is loaded from and saved to `<dataDir>/emulator.json` after every change. */
  readonly dataDir?: string;
  readonly credentials: EmulatorCredentials;
  /** One line per request answered (method, path, status, operation); never a header or a credential. */
  readonly log?: (line: string) => void;
}

export interface EmulatorHandle {
  /** The origin, e.g. `http://127.0.0.1:41234`: the client's `baseUrl`, and the origin of every URL it answers. */
  readonly url: string;
  /** Stops listening, ends open connections and waits for the last save. */
  close(): Promise<void>;
  /** The live state (tests may read it; changes made here are not saved until the next change through HTTP). */
  readonly state: EmulatorState;
}

/** The largest request body read (a Studio flow of 2,000 widgets is about 1.5 MB). */
const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** Loopback peers only may use the control endpoints, whatever `host` the emulator listens on. */
function isLoopback(address: string | undefined): boolean {
  return address !== undefined && (/^(::ffff:)?127\./.test(address) || address === '::1');
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Compares in constant time (over digests, so the lengths do not tell either). */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

function authorized(header: string | undefined, credentials: EmulatorCredentials): boolean {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header?.trim() ?? '');
  if (match === null) return false;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  if (user === credentials.accountSid) return sameSecret(password, credentials.authToken);
  const keys = credentials.apiKeys ?? {};
  const secret = Object.hasOwn(keys, user) ? keys[user] : undefined;
  return secret !== undefined && sameSecret(password, secret);
}

class BodyTooLarge extends Error {}

/** Answered without reading the rest of the body, so the connection cannot serve another request. */
const TOO_LARGE: ApiResponse = {
  ...twilioError(413, 20001, 'The request body is too large (at most 20 MB)'),
  headers: { Connection: 'close' },
};

/** The body as text; past MAX_BODY_BYTES it stops reading and rejects with BodyTooLarge. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.pause();
      reject(new BodyTooLarge());
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const STATUS_WORDS: Readonly<Record<number, string>> = {
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * Starts the emulator. `/v2/…` answers the operations of the seed spec (Basic auth: the account SID with its auth
 * token, or an API key SID with its secret). On loopback connections, without auth, `/__emulator/…`:
 * - `POST /__emulator/reset`: empty state (flows, executions, failure plan, extra errors, request log).
 * - `POST /__emulator/seed` with an {@link EmulatorSeed}: adds flows (with revisions, test users, executions and
 *   steps with contexts); answers `201 {flows, executions}` as the API shows them.
 * - `POST /__emulator/fail` with a {@link FailRequest} `{count, status, retryAfter?}`: the next `count` /v2
 *   requests answer `status` (Twilio's error body; Retry-After when given) or, for `"drop"`, lose their
 *   connection unanswered.
 * - `POST /__emulator/validation` with `{extraErrors: [{message, property_path}]}`: Studio's verdict on every
 *   definition adds these errors (Create, Update, Validate) until replaced or reset.
 * - `POST /__emulator/flows/{sid}/publish-behind` with `{definition?, commitMessage?}`: a new published revision,
 *   as if published in the console; answers the flow.
 * - `GET /__emulator/requests`: `{requests: RequestLogEntry[]}` (method, path, query, operation, status, date).
 *
 * Rejects when `dataDir` holds a file that is not the emulator's, or the port is taken.
 */
export async function startEmulator(options: EmulatorOptions): Promise<EmulatorHandle> {
  const { credentials, log } = options;
  const host = options.host ?? '127.0.0.1';
  const state = emptyState();
  const writer = options.dataDir === undefined ? null : new DataWriter(options.dataDir);
  if (options.dataDir !== undefined) state.data = await loadData(options.dataDir);
  const secrets = [credentials.authToken, ...Object.values(credentials.apiKeys ?? {})].filter(
    (s) => s !== '',
  );
  /** What a client sent is echoed in some messages (the path of a 404): never a secret in it. */
  const redact = (text: string): string => secrets.reduce((t, s) => t.split(s).join('[redacted]'), text);

  const persist = async (): Promise<void> => {
    if (writer !== null) await writer.save(state.data);
  };

  const send = (res: ServerResponse, response: ApiResponse): void => {
    const headers: Record<string, string> = {
      'Twilio-Request-Id': newSid('RQ'),
      ...response.headers,
    };
    if (response.status === 204 || response.body === undefined) {
      res.writeHead(response.status, headers).end();
      return;
    }
    let text = JSON.stringify(response.body);
    // Only answers made of our own words may quote what the client sent; resources are the client's data.
    if (response.status >= 400) text = redact(text);
    res
      .writeHead(response.status, { ...headers, 'Content-Type': 'application/json; charset=utf-8' })
      .end(text);
  };

  const record = (entry: Omit<RequestLogEntry, 'date'>): void => {
    const line = { ...entry, path: redact(entry.path), query: redact(entry.query), date: now() };
    state.requests.push(line);
    if (state.requests.length > MAX_LOGGED_REQUESTS)
      state.requests.splice(0, state.requests.length - MAX_LOGGED_REQUESTS);
    log?.(
      `${line.method} ${line.path}${line.query === '' ? '' : `?${line.query}`} ${line.status}${line.operation === null ? '' : ` ${line.operation}`}`,
    );
  };

  const control = async (
    c: ApiContext,
    req: IncomingMessage,
    path: string,
    method: string,
  ): Promise<ApiResponse> => {
    if (!isLoopback(req.socket.remoteAddress)) {
      return twilioError(403, 20403, 'The emulator control endpoints answer loopback connections only');
    }
    let body: unknown = {};
    if (method === 'POST') {
      const text = await readBody(req);
      try {
        body = text.trim() === '' ? {} : JSON.parse(text);
      } catch {
        return twilioError(400, 20001, 'The body must be JSON');
      }
    }
    const publish = /^\/__emulator\/flows\/([^/]+)\/publish-behind$/.exec(path);
    let response: ApiResponse;
    if (method === 'POST' && path === '/__emulator/reset') {
      Object.assign(state, emptyState());
      response = { status: 200, body: { reset: true } };
    } else if (method === 'POST' && path === '/__emulator/seed') response = seed(c, body);
    else if (method === 'POST' && path === '/__emulator/fail') return setFailure(c, body);
    else if (method === 'POST' && path === '/__emulator/validation') return setValidation(c, body);
    else if (method === 'POST' && publish !== null) response = publishBehind(c, publish[1] ?? '', path, body);
    else if (method === 'GET' && path === '/__emulator/requests')
      return { status: 200, body: { requests: state.requests } };
    else return notFound(path);
    await persist();
    return response;
  };

  const api = async (
    c: ApiContext,
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    method: string,
  ): Promise<void> => {
    const path = url.pathname;
    const isApi = path === '/v2' || path.startsWith('/v2/');
    const query = url.search.replace(/^\?/, '');
    const match = matchOperation(method, path);
    const operation = match?.operation.id ?? null;
    const answer = (response: ApiResponse): void => {
      send(res, response);
      record({ method, path, query, operation, status: response.status });
    };
    const failure = isApi ? state.failure : null;
    if (failure !== null && failure.remaining > 0) {
      failure.remaining -= 1;
      if (failure.remaining === 0) state.failure = null;
      if (failure.status === 'drop') {
        record({ method, path, query, operation, status: 'drop' });
        req.socket.destroy();
        return;
      }
      const code = failure.status === 429 ? 20429 : failure.status >= 500 ? 20500 : 20001;
      const error = twilioError(
        failure.status,
        code,
        STATUS_WORDS[failure.status] ?? `Injected failure ${failure.status}`,
      );
      answer({
        ...error,
        headers: failure.retryAfter === undefined ? {} : { 'Retry-After': String(failure.retryAfter) },
      });
      return;
    }
    if (isApi && !authorized(req.headers.authorization, credentials)) {
      answer(UNAUTHORIZED);
      return;
    }
    if (match === null) {
      answer(notFound(redact(path)));
      return;
    }
    let text = '';
    if (method === 'POST') {
      try {
        text = await readBody(req);
      } catch (e) {
        if (!(e instanceof BodyTooLarge)) throw e;
        answer(TOO_LARGE);
        return;
      }
    }
    const form = new Form(
      /application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '')
        ? new URLSearchParams(text)
        : new URLSearchParams(),
    );
    const response = handleOperation(c, { match, path, query: url.searchParams, form });
    if (method !== 'GET' && response.status < 400) await persist();
    answer(response);
  };

  // Listening first, so that the origin every answer's URLs are on is known before the first request.
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${port}`;
  const ctx: ApiContext = { state, accountSid: credentials.accountSid, origin: url };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const requestUrl = new URL(req.url ?? '/', url);
    const handled = requestUrl.pathname.startsWith('/__emulator/')
      ? control(ctx, req, requestUrl.pathname, method).then((response) => send(res, response))
      : api(ctx, req, res, requestUrl, method);
    handled.catch((e: unknown) => {
      if (res.headersSent) return;
      if (e instanceof BodyTooLarge) send(res, TOO_LARGE);
      else if (e instanceof ApiFailure) send(res, e.response);
      else {
        const why = e instanceof Error ? e.message : String(e);
        log?.(redact(`emulator: internal error on ${method} ${requestUrl.pathname}: ${why}`));
        send(res, twilioError(500, 20500, 'Internal Server Error'));
      }
    });
  });

  return {
    url,
    state,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await writer?.idle();
    },
  };
}
