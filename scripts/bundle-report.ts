/**
 * What the built app makes a browser download: every chunk of `dist/assets` with its raw and gzip size, and
 * whether it is first-load (linked from the built index.html: the entry script, modulepreload links, stylesheets)
 * or lazy (fetched later by a dynamic import, a worker, a font). Prints a Markdown table. Always exits 0: it reports,
 * it does not judge. `npm run bench:bundle` (after a build); `tsx scripts/bundle-report.ts dist-other` for another
 * build. Also used by the canvas benchmark for the first-load size of the editor and of the bare React Flow page.
 *
 * Gzip is zlib's default level (6), what `vite preview` serves with; source maps are not counted.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface AssetSize {
  /** Path inside the build, e.g. `assets/index-abc123.js`. */
  file: string;
  raw: number;
  gzip: number;
}

/** Raw and gzip size of one file of the build. */
export function assetSize(dist: string, file: string): AssetSize {
  const bytes = readFileSync(join(dist, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes).length };
}

/**
 * Files the built index.html makes the browser fetch before the app runs: `<script src>`, `<link rel="modulepreload">`
 * and `<link rel="stylesheet">` (local ones), in document order, as paths inside the build.
 */
export function firstLoadFiles(dist: string): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const isScript = /^<script/i.test(tag);
    const rel = /\brel=["']?([^"'\s>]+)/i.exec(tag)?.[1]?.toLowerCase();
    if (!isScript && rel !== 'modulepreload' && rel !== 'stylesheet') continue;
    const url = /\b(?:src|href)=["']?([^"'\s>]+)/i.exec(tag)?.[1];
    if (url === undefined || /^(?:[a-z]+:)?\/\//i.test(url)) continue;
    const file = url.replace(/^\.?\//, '');
    if (!files.includes(file)) files.push(file);
  }
  return files;
}

/** First-load JS and CSS of a build, summed. */
export function firstLoadSize(dist: string): { files: number; raw: number; gzip: number } {
  const sizes = firstLoadFiles(dist)
    .filter((f) => /\.(js|css)$/.test(f))
    .map((f) => assetSize(dist, f));
  return {
    files: sizes.length,
    raw: sizes.reduce((s, a) => s + a.raw, 0),
    gzip: sizes.reduce((s, a) => s + a.gzip, 0),
  };
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} KB`;
}

/** The Markdown report of one build. */
export function bundleReport(dist: string): string {
  const assetsDir = join(dist, 'assets');
  const first = new Set(firstLoadFiles(dist));
  const rows = readdirSync(assetsDir)
    .filter((f) => !f.endsWith('.map') && statSync(join(assetsDir, f)).isFile())
    .map((f) => {
      const size = assetSize(dist, `assets/${f}`);
      const kind = f.endsWith('.js') ? 'JS' : f.endsWith('.css') ? 'CSS' : 'other';
      return { ...size, kind, firstLoad: first.has(size.file) };
    })
    .sort((a, b) => Number(b.firstLoad) - Number(a.firstLoad) || b.gzip - a.gzip);
  const total = (list: typeof rows) =>
    `${kb(list.reduce((s, r) => s + r.raw, 0))} | ${kb(list.reduce((s, r) => s + r.gzip, 0))}`;
  const code = rows.filter((r) => r.kind !== 'other');
  return [
    `Bundle of ${dist} (gzip: zlib level 6; source maps left out)`,
    '',
    '| chunk | kind | loaded | raw | gzip |',
    '| ----- | ---- | ------ | --: | ---: |',
    ...rows.map((r) => `| ${r.file} | ${r.kind} | ${r.firstLoad ? 'first load' : 'lazy'} | ${kb(r.raw)} | ${kb(r.gzip)} |`),
    `| **first load, JS + CSS** | | | ${total(code.filter((r) => r.firstLoad))} |`,
    `| **lazy, JS + CSS** | | | ${total(code.filter((r) => !r.firstLoad))} |`,
    '',
  ].join('\n');
}

function main(args: string[]): void {
  const dist = args[0] ?? 'dist';
  try {
    if (!existsSync(join(dist, 'index.html'))) {
      console.log(`No build in ${dist}/ (run \`npm run build\` first, or give the build's folder).`);
      return;
    }
    console.log(bundleReport(dist));
  } catch (error) {
    console.log(`Could not report on ${dist}/: ${error instanceof Error ? error.message : String(error)}`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2));
  process.exitCode = 0;
}
