/**
 * `studio-flow serve`: one local HTTP server (node:http) for the built editor and its /api proxy to Studio, so the
 * Twilio credentials stay in this process and the page talks to its own origin only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { scrub, type Credentials } from './credentials';
import { createApiHandler, logPath } from './proxy';
import { createStaticSite, SECURITY_HEADERS } from './static';

export const DEFAULT_PORT = 4173;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_STUDIO_URL = 'https://studio.twilio.com';

export interface ServeOptions {
  /** Default 4173; 0 picks a free port (the answer's `url` names it). */
  readonly port?: number;
  /** Default 127.0.0.1 (this machine only). */
  readonly host?: string;
  /** The Vite build directory; must hold index.html. */
  readonly dist: string;
  /** Default https://studio.twilio.com; an emulator's origin in tests. */
  readonly studioUrl?: string;
  /** Null: the editor works offline and /api/studio answers 503. */
  readonly credentials: Credentials | null;
  /** loadCredentials' problems, shown by /api/connection. */
  readonly problems?: readonly string[];
  /** One line per /api request, already scrubbed of the credentials. */
  readonly log?: (line: string) => void;
  readonly fetch?: typeof fetch;
  /** Per upstream request (default 30 s). */
  readonly timeoutMs?: number;
  /** Total wait between tries of a 429 (default 30 s). */
  readonly retryBudgetMs?: number;
}

export interface RunningServer {
  /** `http://127.0.0.1:4173`: where the editor is, with the real port. */
  readonly url: string;
  /** Stops accepting, aborts pending upstream requests and closes every connection (again: the same promise). */
  close(): Promise<void>;
}

/** `[::1]` for IPv6 literals, as in a URL or a Host header. */
function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** The Host values the server answers to: the loopback names, the --host given and, bound to every interface,
 * this machine's addresses (IP literals cannot be rebound, unlike a name). */
function allowedHosts(host: string, port: number): string[] {
  const names = new Set(['localhost', '127.0.0.1', '[::1]', hostForUrl(host.toLowerCase())]);
  if (host === '0.0.0.0' || host === '::') {
    for (const addresses of Object.values(networkInterfaces()))
      for (const a of addresses ?? []) names.add(hostForUrl(a.address.toLowerCase()));
  }
  return [...names].flatMap((n) => (port === 80 ? [`${n}:80`, n] : [`${n}:${port}`]));
}

/**
 * Starts the server: static files of `dist` and the /api proxy. Rejects with a message fit for the terminal when
 * there is no build (`No build found in dist: run \`npm run build\` first`) or the port is taken
 * (`Port 4173 is in use; pass --port …`).
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const credentials = options.credentials;
  const secrets = credentials?.secrets ?? [];
  const log = options.log;
  const site = await createStaticSite(options.dist);
  const closing = new AbortController();
  let hosts: string[] = [];
  const api = createApiHandler({
    studioUrl: options.studioUrl ?? DEFAULT_STUDIO_URL,
    credentials,
    problems: options.problems ?? [],
    fetch: options.fetch ?? globalThis.fetch,
    hosts: () => hosts,
    closing: closing.signal,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.retryBudgetMs === undefined ? {} : { retryBudgetMs: options.retryBudgetMs }),
  });

  const failed = (res: ServerResponse) => {
    if (res.headersSent) res.destroy();
    else {
      res.writeHead(500, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal error.\n');
    }
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const target = req.url ?? '/';
    const isApi = target === '/api' || target.startsWith('/api/') || target.startsWith('/api?');
    if (!isApi) {
      site.handle(req, res).catch(() => failed(res));
      return;
    }
    const started = performance.now();
    res.on('close', () => {
      if (log === undefined) return;
      const ms = Math.round(performance.now() - started);
      const status = res.writableFinished ? String(res.statusCode) : 'aborted';
      log(scrub(`${req.method ?? '?'} ${logPath(target)} ${status} ${ms}ms`, secrets));
    });
    api(req, res).catch(() => failed(res));
  });

  const port = options.port ?? DEFAULT_PORT;
  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE')
        reject(
          new Error(`Port ${port} is in use; pass --port to choose another (--port 0 picks a free one).`),
        );
      else if (e.code === 'EACCES')
        reject(new Error(`Port ${port} on ${host} is not allowed to this user; pass --port.`));
      else if (e.code === 'EADDRNOTAVAIL')
        reject(new Error(`${host} is not an address of this machine; pass --host.`));
      else reject(e);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, actual);
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : hostForUrl(host);

  // Once: the CLI's signal handler and its own shutdown may both ask.
  let closed: Promise<void> | null = null;
  return {
    url: `http://${shown}:${actual}`,
    close: () =>
      (closed ??= new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((e) => (e === undefined ? resolve() : reject(e)));
        server.closeAllConnections();
      })),
  };
}
