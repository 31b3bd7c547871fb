/**
 * Test support for src/server: test credentials (random per run), a fake Studio upstream that records what it
 * receives, a throwaway build directory, raw HTTP requests (paths and Host headers fetch would normalise or refuse),
 * and a recorder of every byte the server sends, scanned for the credentials at the end of each test file.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import {
  createServer,
  request,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

export const ACCOUNT_SID = `AC${hex(16)}`;
export const AUTH_TOKEN = hex(16);
export const API_KEY = `SK${hex(16)}`;
// API secrets are 32 letters and digits: upper case here too, so a case-folding leak would show.
export const API_SECRET = randomBytes(24)
  .toString('base64')
  .replace(/[^A-Za-z0-9]/g, 'x')
  .slice(0, 32);

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** Every form in which a credential could leak: the secrets, their base64, the Basic tokens, upper-cased hex. */
export const LEAK_FORMS: readonly string[] = [
  AUTH_TOKEN,
  AUTH_TOKEN.toUpperCase(),
  API_SECRET,
  b64(AUTH_TOKEN).replace(/=+$/, ''),
  b64(API_SECRET).replace(/=+$/, ''),
  b64(`${ACCOUNT_SID}:${AUTH_TOKEN}`).replace(/=+$/, ''),
  b64(`${API_KEY}:${API_SECRET}`).replace(/=+$/, ''),
];

/** Collects everything the server sent (headers, bodies, log lines, error texts) for the leak scan. */
export class Outputs {
  readonly texts: string[] = [];
  add(text: string): void {
    this.texts.push(text);
  }
  addHeaders(headers: Iterable<[string, string]>): void {
    for (const [name, value] of headers) this.add(`${name}: ${value}`);
  }
  /** The secrets' forms found, each with a piece of the text it was found in (empty: nothing leaked). */
  leaks(): string[] {
    return this.texts.flatMap((t) =>
      LEAK_FORMS.filter((f) => t.includes(f)).map((f) => `${f.slice(0, 4)}… in ${t.slice(0, 80)}`),
    );
  }
}

export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export type Script = (req: ReceivedRequest, res: ServerResponse) => void;

export interface Upstream {
  readonly url: string;
  readonly received: ReceivedRequest[];
  /** Answers of the next requests, in order; once used up, 200 with `{ "ok": true }`. */
  readonly script: Script[];
  close(): Promise<void>;
}

/** A fake Studio: records each request, answers from the script. */
export async function startUpstream(): Promise<Upstream> {
  const received: ReceivedRequest[] = [];
  const script: Script[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(r);
      const next = script.shift();
      if (next !== undefined) next(r, res);
      else {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ ok: true, path: r.url }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    script,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Dist {
  readonly dist: string;
  /** A file beside the build, which no request may read. */
  readonly outsideText: string;
  cleanup(): Promise<void>;
}

export const INDEX_HTML =
  '<!doctype html><html><head><meta charset="UTF-8" /></head><body>editor</body></html>';

/** A build directory shaped like Vite's: index.html, hashed files in /assets of every type served, a symbolic link
 * leading out of it, and a secret file beside it. */
export async function makeDist(): Promise<Dist> {
  const base = await mkdtemp(join(tmpdir(), 'studio-serve-'));
  const dist = join(base, 'dist');
  const outsideText = `outside-${hex(8)}`;
  await mkdir(join(dist, 'assets'), { recursive: true });
  await writeFile(join(base, 'secret.txt'), outsideText);
  await writeFile(join(dist, 'index.html'), INDEX_HTML);
  await writeFile(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const assets: Record<string, string> = {
    'index-AbCd12_-.js': 'export const a = 1;',
    'worker-AbCd12_-.mjs': 'export {};',
    'index-Zy98xWv7.css': 'body{}',
    'index-AbCd12_-.js.map': '{"version":3}',
    'data-AbCd12_-.json': '{}',
    'codicon-DF1abBS2.ttf': 'ttf',
    'font-AbCd12_-.woff': 'woff',
    'font-AbCd12_-.woff2': 'woff2',
    'icon-AbCd12_-.svg': '<svg/>',
    'image-AbCd12_-.png': 'png',
    'module-AbCd12_-.wasm': 'wasm',
    'notes-AbCd12_-.txt': 'notes',
    'plain.js': 'export {};',
  };
  for (const [name, text] of Object.entries(assets)) await writeFile(join(dist, 'assets', name), text);
  await symlink(join(base, 'secret.txt'), join(dist, 'assets', 'link-AbCd12_-.txt'));
  return { dist, outsideText, cleanup: () => rm(base, { recursive: true, force: true }) };
}

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** One request with the path and headers exactly as given (fetch would resolve `..` and refuse a Host header). */
export function raw(
  base: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname, port, path, method: init.method ?? 'GET', headers: init.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}
