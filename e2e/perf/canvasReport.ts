/**
 * The canvas benchmark's output: medians per flow and page, Markdown tables (one per layout, editor / bare and
 * their ratio in every cell), and the same figures as JSON in .cache/bench/canvas.json for a later run to compare
 * with (the run before is kept as canvas.previous.json).
 */
import { cpus, loadavg } from 'node:os';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './support';
import { GESTURES, type GestureName, type RunResult } from './canvasRun';
import { CACHE_DIR, LAYOUT_TITLES, type BenchFlow, type Layout } from './flows';

export interface FlowResult {
  flow: Omit<BenchFlow, 'text' | 'positions'>;
  runs: RunResult[];
}

export interface Environment {
  date: string;
  cores: number;
  cpu: string;
  chromium: string;
  /** 1-minute load average when the benchmark began and ended (other work on the machine skews every figure). */
  loadStart: number;
  loadEnd?: number;
  rounds: number;
  canvas: { width: number; height: number };
  /** The browser window's viewport, px. */
  window: { width: number; height: number };
  pages: Record<
    'editor' | 'bare',
    { url: string; dist: string; firstLoad: { files: number; raw: number; gzip: number } }
  >;
}

export function machine(
  chromium: string,
): Pick<Environment, 'cores' | 'cpu' | 'chromium' | 'loadStart' | 'date'> {
  return {
    date: new Date().toISOString(),
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    chromium,
    loadStart: loadavg()[0] ?? NaN,
  };
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '–';

/** Median of the finite values, NaN when there are none. */
function med(values: readonly (number | null)[]): number {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return finite.length > 0 ? median(finite) : NaN;
}

function ratio(r: number): string {
  return Number.isFinite(r) ? `${r.toFixed(2)}×` : '–';
}

/** "412 / 1,203 ms (2.92×)": editor / bare, and the ratio that is > 1 when the editor is ahead. */
function cell(e: number, b: number, unit: string, better: 'lower' | 'higher', digits = 0): string {
  const r = better === 'lower' ? b / e : e / b;
  return `${fmt(e, digits)} / ${fmt(b, digits)}${unit} (${ratio(r)})`;
}

interface Summary {
  fittedMs: number;
  fittedMissing: number;
  firstCardsMs: number;
  flashRuns: number;
  flashZoom: number;
  flashMs: number;
  openingZoom: number;
  importLongestTaskMs: number;
  heapMb: number;
  /** Heap after the import minus the page's heap before it. */
  flowHeapMb: number;
  domFit: number;
  dom100: number;
  zoom100: number;
  gestures: Record<
    GestureName,
    { fps: number; worstFrameMs: number; valid: number; longCount: number; longMax: number }
  >;
  runs: number;
}

function summarise(runs: RunResult[]): Summary {
  const gestures = Object.fromEntries(
    GESTURES.map((g) => {
      const valid = runs.filter((r) => r.gestures[g].valid);
      const all = runs.flatMap((r) => r.gestures[g].longTasks);
      return [
        g,
        {
          fps: med(valid.map((r) => r.gestures[g].fps)),
          worstFrameMs: med(valid.map((r) => r.gestures[g].worstFrameMs)),
          valid: valid.length,
          longCount: med(runs.map((r) => r.gestures[g].longTasks.length)),
          longMax: all.length > 0 ? Math.max(...all) : 0,
        },
      ];
    }),
  ) as Summary['gestures'];
  const flashes = runs.filter((r) => r.flash !== null);
  return {
    fittedMs: med(runs.map((r) => r.fittedMs)),
    fittedMissing: runs.filter((r) => r.fittedMs === null).length,
    firstCardsMs: med(runs.map((r) => r.firstCardsMs)),
    flashRuns: flashes.length,
    flashZoom: med(flashes.map((r) => r.flash?.zoom ?? NaN)),
    flashMs: med(flashes.map((r) => r.flash?.ms ?? NaN)),
    openingZoom: med(runs.map((r) => r.openingZoom)),
    importLongestTaskMs: med(runs.map((r) => r.importLongestTaskMs)),
    heapMb: med(runs.map((r) => r.heapMb)),
    flowHeapMb: med(runs.map((r) => r.heapMb - r.heapEmptyMb)),
    domFit: med(runs.map((r) => r.domFit)),
    dom100: med(runs.map((r) => r.dom100)),
    zoom100: med(runs.map((r) => r.zoom100)),
    gestures,
    runs: runs.length,
  };
}

function flashCell(s: Summary): string {
  if (s.flashRuns === 0) return 'no';
  return `yes ${s.flashRuns}/${s.runs} (${fmt(s.flashZoom * 100)} % for ${fmt(s.flashMs)} ms)`;
}

function gestureCell(e: Summary, b: Summary, g: GestureName): string {
  const ge = e.gestures[g];
  const gb = b.gestures[g];
  const mark = (x: { valid: number }, s: Summary) => (x.valid < s.runs ? `*${x.valid}/${s.runs}` : '');
  return `${fmt(ge.fps)}${mark(ge, e)} / ${fmt(gb.fps)}${mark(gb, b)} (${ratio(ge.fps / gb.fps)})`;
}

/** Long tasks over all six gestures: median count summed over the gestures, and the longest of any round. */
function longCell(s: Summary): string {
  const count = GESTURES.reduce((n, g) => n + s.gestures[g].longCount, 0);
  const max = Math.max(...GESTURES.map((g) => s.gestures[g].longMax));
  return count === 0 && max === 0 ? '0' : `${fmt(count)} (max ${fmt(max)} ms)`;
}

function layoutTable(results: FlowResult[]): string[] {
  const head = [
    'flow',
    'extent (px)',
    'opening zoom',
    'import → fitted view',
    '100 % flash',
    'JS heap',
    'JS heap added by the flow',
    'DOM elements, fitted',
    'DOM elements, 100 %',
    'drag fps, fitted',
    'pan fps, fitted',
    'zoom fps, fitted',
    'drag fps, 100 %',
    'pan fps, 100 %',
    'zoom fps, 100 %',
    'long tasks while dragging, panning, zooming',
  ];
  const lines = [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i === 0 || i === 4 || i === 15 ? '---' : '---:')).join('|')}|`,
  ];
  for (const r of results) {
    const e = summarise(r.runs.filter((x) => x.page === 'editor'));
    const b = summarise(r.runs.filter((x) => x.page === 'bare'));
    const fitted = (s: Summary) => (s.fittedMissing > 0 ? `${fmt(s.fittedMs)}†` : fmt(s.fittedMs));
    lines.push(
      `| ${[
        r.flow.layout === 'corpus' ? `${r.flow.label} (${r.flow.widgets})` : r.flow.label,
        `${fmt(r.flow.extent.width)} × ${fmt(r.flow.extent.height)}`,
        `${fmt(e.openingZoom * 100, 1)} / ${fmt(b.openingZoom * 100, 1)} %`,
        `${fitted(e)} / ${fitted(b)} ms (${ratio(b.fittedMs / e.fittedMs)})`,
        `${flashCell(e)} / ${flashCell(b)}`,
        cell(e.heapMb, b.heapMb, ' MB', 'lower', 1),
        cell(e.flowHeapMb, b.flowHeapMb, ' MB', 'lower', 1),
        cell(e.domFit, b.domFit, '', 'lower'),
        cell(e.dom100, b.dom100, '', 'lower'),
        ...GESTURES.map((g) => gestureCell(e, b, g)),
        `${longCell(e)} / ${longCell(b)}`,
      ].join(' | ')} |`,
    );
  }
  return lines;
}

/** Every gesture's long tasks, per page: "count (max)" per gesture, for the flows that had any. */
function longTaskTable(results: FlowResult[]): string[] {
  const lines = [
    `| flow | page | ${GESTURES.join(' | ')} |`,
    `|---|---|${GESTURES.map(() => '---:').join('|')}|`,
  ];
  let any = false;
  for (const r of results) {
    for (const page of ['editor', 'bare'] as const) {
      const s = summarise(r.runs.filter((x) => x.page === page));
      if (GESTURES.every((g) => s.gestures[g].longMax === 0)) continue;
      any = true;
      lines.push(
        `| ${r.flow.label} | ${page} | ${GESTURES.map((g) => (s.gestures[g].longMax === 0 ? '0' : `${fmt(s.gestures[g].longCount)} (max ${fmt(s.gestures[g].longMax)} ms)`)).join(' | ')} |`,
      );
    }
  }
  return any ? lines : [];
}

export function report(env: Environment, results: FlowResult[]): string {
  const all = results.flatMap((r) => r.runs);
  const fcp = (page: 'editor' | 'bare') => med(all.filter((r) => r.page === page).map((r) => r.fcpMs));
  const ready = (page: 'editor' | 'bare') => med(all.filter((r) => r.page === page).map((r) => r.readyMs));
  const heapEmpty = (page: 'editor' | 'bare') =>
    med(all.filter((r) => r.page === page).map((r) => r.heapEmptyMb));
  const e = env.pages.editor;
  const b = env.pages.bare;
  const out: string[] = [
    '',
    `Canvas benchmark: the editor side by side with bare React Flow (${env.date.slice(0, 10)})`,
    '',
    `Machine: ${env.cores} cores (${env.cpu}), load average ${fmt(env.loadStart, 2)} at the start and ${fmt(env.loadEnd ?? NaN, 2)} at the end; ` +
      `Chromium ${env.chromium}, headless, software compositing, window ${env.window.width} × ${env.window.height} px. Canvas ${env.canvas.width} × ${env.canvas.height} px on both pages. ` +
      `Medians of ${env.rounds} rounds, editor and bare page interleaved, each run in a fresh browser context.`,
    `Every cell is editor / bare (ratio); the ratio is bare/editor for times, heap and DOM, editor/bare for fps: above 1.00 the editor is ahead.`,
    `† = in some rounds no frame had the final view with cards painted. *k/n = the gesture did what it should in only k of n rounds (median of those).`,
    '',
    '| page | first contentful paint (cold, no flow) | ready to open a flow (file input rendered) | JS heap, no flow open | first-load JS + CSS, gzip (linked from index.html) | JS + CSS fetched before a flow is opened, gzip |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const page of ['editor', 'bare'] as const) {
    const p = page === 'editor' ? e : b;
    const fetched = all.find((r) => r.page === page)?.fetched ?? [];
    const gz = fetched.reduce((s, f) => s + (f.gzip ?? NaN), 0);
    out.push(
      `| ${page === 'editor' ? 'editor' : 'bare React Flow'} | ${fmt(fcp(page))} ms | ${fmt(ready(page))} ms | ${fmt(heapEmpty(page), 1)} MB | ${fmt(p.firstLoad.gzip / 1024, 1)} KB (${p.firstLoad.files} files) | ${fmt(gz / 1024, 1)} KB (${fetched.length} files) |`,
    );
  }
  out.push(
    `| ratio (bare/editor) | ${ratio(fcp('bare') / fcp('editor'))} | ${ratio(ready('bare') / ready('editor'))} | ${ratio(heapEmpty('bare') / heapEmpty('editor'))} | ${ratio(b.firstLoad.gzip / e.firstLoad.gzip)} | |`,
    '',
  );
  const layouts = [...new Set(results.map((r) => r.flow.layout))] as Layout[];
  for (const layout of layouts) {
    const rows = results.filter((r) => r.flow.layout === layout);
    out.push(`### ${LAYOUT_TITLES[layout]}`, '', ...layoutTable(rows), '');
  }
  const long = longTaskTable(results);
  if (long.length > 0)
    out.push('Long tasks (> 50 ms) by gesture: median count, longest in any round', '', ...long, '');
  return out.join('\n');
}

/** Writes the figures (every run, and the environment) as JSON; the previous file becomes canvas.previous.json. */
export function writeJson(env: Environment, results: FlowResult[]): string {
  mkdirSync(CACHE_DIR, { recursive: true });
  const file = join(CACHE_DIR, 'canvas.json');
  if (existsSync(file)) renameSync(file, join(CACHE_DIR, 'canvas.previous.json'));
  const summaries = results.map((r) => ({
    flow: r.flow,
    editor: summarise(r.runs.filter((x) => x.page === 'editor')),
    bare: summarise(r.runs.filter((x) => x.page === 'bare')),
  }));
  writeFileSync(file, JSON.stringify({ environment: env, summaries, results }, null, 2));
  return file;
}
