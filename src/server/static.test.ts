import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP_HEADER } from '../../csp.config.ts';
import { INDEX_HTML, makeDist, raw, type Dist, type RawResponse } from '../testing/serve';
import { startServer, type RunningServer } from './serve';
import { markServed, resolveUnder } from './static';

let dist: Dist;
let server: RunningServer;
const responses: RawResponse[] = [];

beforeAll(async () => {
  dist = await makeDist();
  server = await startServer({ port: 0, dist: dist.dist, credentials: null });
});
afterAll(async () => {
  await server.close();
  await dist.cleanup();
});

async function get(path: string, init: Parameters<typeof raw>[2] = {}): Promise<RawResponse> {
  const r = await raw(server.url, path, init);
  responses.push(r);
  return r;
}

describe('static files', () => {
  it('serves each type with its Content-Type, hashed assets immutable, the rest revalidated', async () => {
    const cases: [string, string, string][] = [
      ['/assets/index-AbCd12_-.js', 'text/javascript; charset=utf-8', 'export const a = 1;'],
      ['/assets/worker-AbCd12_-.mjs', 'text/javascript; charset=utf-8', 'export {};'],
      ['/assets/index-Zy98xWv7.css', 'text/css; charset=utf-8', 'body{}'],
      ['/assets/index-AbCd12_-.js.map', 'application/json; charset=utf-8', '{"version":3}'],
      ['/assets/data-AbCd12_-.json', 'application/json; charset=utf-8', '{}'],
      ['/assets/codicon-DF1abBS2.ttf', 'font/ttf', 'ttf'],
      ['/assets/font-AbCd12_-.woff', 'font/woff', 'woff'],
      ['/assets/font-AbCd12_-.woff2', 'font/woff2', 'woff2'],
      ['/assets/icon-AbCd12_-.svg', 'image/svg+xml', '<svg/>'],
      ['/assets/image-AbCd12_-.png', 'image/png', 'png'],
      ['/assets/module-AbCd12_-.wasm', 'application/wasm', 'wasm'],
      ['/assets/notes-AbCd12_-.txt', 'text/plain; charset=utf-8', 'notes'],
    ];
    for (const [path, type, body] of cases) {
      const r = await get(path);
      expect(r.status, path).toBe(200);
      expect(r.headers['content-type'], path).toBe(type);
      expect(r.headers['cache-control'], path).toBe('public, max-age=31536000, immutable');
      expect(r.body, path).toBe(body);
    }
    const unhashed = await get('/assets/plain.js');
    expect(unhashed.headers['cache-control']).toBe('no-cache');
    const favicon = await get('/favicon.svg');
    expect([favicon.status, favicon.headers['content-type'], favicon.headers['cache-control']]).toEqual([
      200,
      'image/svg+xml',
      'no-cache',
    ]);
  });

  it('answers index.html for / and for the editor routes, revalidated; 404 for a missing asset', async () => {
    for (const path of ['/', '/index.html', '/flows/FW123', '/some/route?x=1', '/apix']) {
      const r = await get(path);
      expect(r.status, path).toBe(200);
      expect(r.headers['content-type'], path).toBe('text/html; charset=utf-8');
      expect(r.headers['cache-control'], path).toBe('no-cache');
      // Marked as served by `serve` (the page asks /api/connection only then), the rest as built.
      expect(r.body, path).toBe(markServed(INDEX_HTML));
      expect(r.body, path).toContain('<meta name="studio-flow-server" content="1">');
      expect(r.headers['content-length'], path).toBe(String(Buffer.byteLength(r.body)));
    }
    for (const path of ['/assets/gone-AbCd12_-.js', '/assets/anything', '/missing.js', '/missing.css']) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.body, path).not.toContain('editor');
    }
  });

  it('supports HEAD, conditional requests, and refuses other methods', async () => {
    const head = await get('/assets/index-AbCd12_-.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String('export const a = 1;'.length));
    expect(head.body).toBe('');
    const etag = head.headers.etag ?? '';
    expect(etag).not.toBe('');
    const again = await get('/assets/index-AbCd12_-.js', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    const post = await get('/', { method: 'POST', body: 'x=1' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('never reads outside the build: .., encoded dots and slashes, backslashes, NUL, symbolic links', async () => {
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/..%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/..%5csecret.txt',
      '/index.html%00.js',
      '/%00',
      '/%zz',
      '/assets/link-AbCd12_-.txt',
      '/./index.html',
      '//etc/passwd',
      `/${'..%2f'.repeat(12)}etc/passwd`,
    ];
    for (const path of attempts) {
      const r = await get(path);
      expect(r.body, path).not.toContain(dist.outsideText);
      expect(r.body, path).not.toContain('root:');
      // Refused outright, or (a plain route inside the build) the editor's page.
      if (r.status === 200) expect(r.body, path).toBe(markServed(INDEX_HTML));
      else expect([400, 404], path).toContain(r.status);
    }
    expect((await get('/%2e%2e/secret.txt')).status).toBe(400);
    expect((await get('/index.html%00.js')).status).toBe(400);
    expect((await get('/assets/link-AbCd12_-.txt')).status).toBe(404);
  });

  it('puts the CSP and the other security headers on every answer, errors included', () => {
    expect(responses.length).toBeGreaterThan(30);
    for (const r of responses) {
      expect(r.headers['content-security-policy']).toBe(CSP_HEADER);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
    }
    expect(CSP_HEADER).toContain("frame-ancestors 'none'");
  });
});

describe('resolveUnder', () => {
  it('keeps paths under the root and refuses the rest', () => {
    expect(resolveUnder('/srv/dist', '/assets/a.js')).toBe('/srv/dist/assets/a.js');
    expect(resolveUnder('/srv/dist', '/')).toBe('/srv/dist');
    expect(resolveUnder('/srv/dist', '/a%20b.txt')).toBe('/srv/dist/a b.txt');
    for (const bad of [
      '/../x',
      '/a/%2E%2E/%2e%2e/x',
      '/%2e%2e%2fx',
      '/a\\..\\x',
      '/a%00',
      '/%E0%A4%A',
      'x',
      '/a/./b',
    ])
      expect(resolveUnder('/srv/dist', bad), bad).toBeNull();
  });
});

describe('startServer without a build', () => {
  it('says how to make one', async () => {
    await expect(startServer({ port: 0, dist: '/nonexistent/dist', credentials: null })).rejects.toThrow(
      'No build found in /nonexistent/dist: run `npm run build` first',
    );
  });
});
