/**
 * Serves a Vite build (`dist`) to the browser: the hashed bundles in /assets for a year, index.html revalidated on
 * every load, and index.html for any other path (the editor is one page). A request can only ever read a regular
 * file inside the build directory.
 */
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { CSP_HEADER } from '../../csp.config.ts';

/** Headers on every answer of the server, static or /api. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** Content-Type by extension; anything else is served as bytes (and, with nosniff, never run). */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Vite's output names: `name-<8 characters of base64url hash>.ext` (maps: `.js.map`). */
const HASHED = /-[A-Za-z0-9_-]{8}\.[A-Za-z0-9.]+$/;

export interface StaticSite {
  /** The build directory, resolved (symbolic links too). */
  readonly root: string;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

/**
 * The static half of the server, for the build in `dist`. Rejects (with a message naming the fix) when `dist` has no
 * index.html, so a missing build is reported at start rather than as a blank page.
 */
export async function createStaticSite(dist: string): Promise<StaticSite> {
  let root: string;
  try {
    root = await realpath(resolve(dist));
    if (!(await stat(join(root, 'index.html'))).isFile()) throw new Error('not a file');
  } catch {
    throw new Error(`No build found in ${dist}: run \`npm run build\` first`);
  }
  return { root, handle: (req, res) => serveStatic(root, req, res) };
}

function plain(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

/**
 * The file a URL path names under `root`, or null when the path tries to leave it: any `..` or `.` segment (also
 * percent-encoded), a backslash, a NUL or a malformed escape. The result is checked to lie under `root` again.
 */
export function resolveUnder(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((s) => s === '..' || s === '.')) return null;
  const file = resolve(root, `.${decoded}`);
  return file === root || file.startsWith(root + sep) ? file : null;
}

async function regularFile(
  root: string,
  file: string,
): Promise<{ path: string; size: number; mtimeMs: number } | null> {
  try {
    // A symbolic link inside the build must not lead outside it either.
    const real = await realpath(file);
    if (!real.startsWith(root + sep)) return null;
    const s = await stat(real);
    return s.isFile() ? { path: real, size: s.size, mtimeMs: s.mtimeMs } : null;
  } catch {
    return null;
  }
}

/** The meta element that tells the page it is served by `studio-flow serve` (src/app/account/RemoteContext.tsx). */
export const SERVER_META = '<meta name="studio-flow-server" content="1">';

/** index.html with SERVER_META first in its head. */
export function markServed(html: string): string {
  const head = /<head[^>]*>/i.exec(html);
  return head
    ? html.slice(0, head.index + head[0].length) + SERVER_META + html.slice(head.index + head[0].length)
    : SERVER_META + html;
}

async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    plain(res, 405, 'Method not allowed.\n', { Allow: 'GET, HEAD' });
    return;
  }
  const target = req.url ?? '/';
  const pathname = target.split(/[?#]/, 1)[0] ?? '/';
  const file = resolveUnder(root, pathname);
  if (file === null) {
    plain(res, 400, 'Bad path.\n');
    return;
  }
  let found = await regularFile(root, file);
  let name = found?.path ?? file;
  if (found === null) {
    // The editor's own routes end in no file: index.html. A missing bundle or file (a stale tab asking for an old
    // hash) is a 404, never HTML served as script.
    const ext = extname(pathname).toLowerCase();
    if (pathname.startsWith('/assets/') || (ext !== '' && ext !== '.html' && ext in CONTENT_TYPES)) {
      plain(res, 404, 'Not found.\n');
      return;
    }
    name = join(root, 'index.html');
    found = await regularFile(root, name);
    if (found === null) {
      plain(res, 404, 'Not found.\n');
      return;
    }
  }
  const ext = extname(name).toLowerCase();
  const isIndex = ext === '.html';
  const cache = !isIndex && pathname.startsWith('/assets/') && HASHED.test(name) ? IMMUTABLE : 'no-cache';
  const etag = `W/"${found.size.toString(16)}-${Math.floor(found.mtimeMs).toString(16)}"`;
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
    'Cache-Control': cache,
    ETag: etag,
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  if (isIndex) {
    // The page learns it is served by `serve` (and so may ask /api/connection) from this mark; served any other
    // way it asks the network nothing.
    const body = Buffer.from(markServed(await readFile(found.path, 'utf8')));
    res.writeHead(200, { ...headers, 'Content-Length': String(body.length) });
    res.end(method === 'HEAD' ? undefined : body);
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': String(found.size) });
  if (method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(found.path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
