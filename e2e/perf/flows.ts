/**
 * The flows the canvas benchmark opens (Node side), by layout:
 *  - `dense`: generateFlow(n) on a roughly square grid, depth-first from the Trigger (scripts/dense-flow.ts);
 *  - `auto`: generateFlow(n) after the editor's own auto-layout (ELK), cached on disk (see {@link autoFlowText});
 *  - `corpus`: the largest real flows of the corpus (../shared/corpus), as they are, with their own layout;
 *  - `strip`: generateFlow(n) as it is, the long strip the old canvas benchmark used (one size, for reference).
 * BENCH_LAYOUTS (default `dense,auto,corpus,strip`), BENCH_SIZES (default `100,500,1000,2000,5000`),
 * BENCH_STRIP_SIZE (default 2000) and BENCH_CORPUS (default 3, the number of corpus flows) choose what runs.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { autoLaidOutFlow, denseFlow, extent } from '../../scripts/dense-flow';
import { generateFlow } from '../../scripts/generate-flow';
import type { FlowDefinition } from '../../src/model/types';
import { corpusFiles, LEGACY_FILE } from '../../src/testing/corpus';

export type Layout = 'dense' | 'auto' | 'corpus' | 'strip';

export const LAYOUT_TITLES: Record<Layout, string> = {
  dense: 'Dense: generated flows on a square grid (400 × 300 px pitch, depth-first from the Trigger)',
  auto: "Auto-layout: the same generated flows after the editor's own auto-layout (ELK)",
  corpus: 'Corpus: the largest real flows, with their own layout',
  strip: 'Strip: the generated flow as generate-flow.ts lays it out (the old canvas benchmark)',
};

export interface BenchFlow {
  layout: Layout;
  /** What the row is called: the widget count, or the corpus file's name. */
  label: string;
  widgets: number;
  /** The file the editor and the bare page are given (a bare definition, or the corpus file as it is). */
  text: string;
  /** Width × height spanned by the widgets' offsets, px. */
  extent: { width: number; height: number };
  /** Widget positions by name, to find a card or an empty spot on screen without asking the page. */
  positions: Map<string, { x: number; y: number }>;
}

export const CACHE_DIR = join(process.cwd(), '.cache', 'bench');

function list(name: string, fallback: string): string[] {
  return (process.env[name] ?? fallback)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export const LAYOUTS = list('BENCH_LAYOUTS', 'dense,auto,corpus,strip') as Layout[];
export const SIZES = list('BENCH_SIZES', '100,500,1000,2000,5000').map(Number);
const STRIP_SIZE = Number(process.env.BENCH_STRIP_SIZE ?? 2000);
const CORPUS_COUNT = Number(process.env.BENCH_CORPUS ?? 3);

/** What each benchmark test opens: layout and size (or corpus file), without building the flow yet. */
export interface FlowSpec {
  layout: Layout;
  size: number;
  file?: string;
}

export function flowSpecs(): FlowSpec[] {
  const specs: FlowSpec[] = [];
  for (const layout of LAYOUTS) {
    if (layout === 'dense' || layout === 'auto') for (const size of SIZES) specs.push({ layout, size });
    else if (layout === 'strip') specs.push({ layout, size: STRIP_SIZE });
    else
      for (const c of largestCorpusFlows(CORPUS_COUNT)) specs.push({ layout, size: c.widgets, file: c.file });
  }
  return specs;
}

function definitionOf(value: unknown): FlowDefinition | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { states?: unknown; definition?: unknown };
  if (Array.isArray(v.states)) return value as FlowDefinition;
  return definitionOf(v.definition);
}

/**
 * The `count` corpus flows with the most widgets (the legacy pre-2019 flow left out: the v2 API no longer accepts
 * it, so it says nothing about flows people open today). Ties broken by file name, so the choice is stable.
 */
export function largestCorpusFlows(count: number): { file: string; widgets: number }[] {
  return corpusFiles()
    .filter((c) => c.file !== LEGACY_FILE)
    .flatMap((c) => {
      try {
        const def = definitionOf(JSON.parse(c.text));
        return def ? [{ file: c.file, widgets: def.states.length }] : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.widgets - a.widgets || a.file.localeCompare(b.file))
    .slice(0, count);
}

/**
 * generateFlow(size) auto-laid out, as JSON text. ELK takes seconds from 2,000 widgets up, so the result is kept in
 * .cache/bench/ under a key made of the size and a hash of the input flow and of src/layout's sources: a change to
 * the generator or the layout code makes a new entry rather than a stale figure.
 */
async function autoFlowText(size: number): Promise<string> {
  const layoutDir = join(process.cwd(), 'src', 'layout');
  const hash = createHash('sha256').update(JSON.stringify(generateFlow(size)));
  for (const f of readdirSync(layoutDir).sort()) {
    if (f.endsWith('.ts') && !f.endsWith('.test.ts')) hash.update(readFileSync(join(layoutDir, f)));
  }
  const file = join(CACHE_DIR, `auto-layout-${size}-${hash.digest('hex').slice(0, 12)}.json`);
  if (existsSync(file)) return readFileSync(file, 'utf8');
  const text = JSON.stringify(await autoLaidOutFlow(size), null, 2);
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(file, text);
  return text;
}

function positionsOf(def: FlowDefinition): Map<string, { x: number; y: number }> {
  const positions = new Map<string, { x: number; y: number }>();
  for (const w of def.states) {
    const o = w.properties.offset;
    positions.set(w.name, { x: typeof o?.x === 'number' ? o.x : 0, y: typeof o?.y === 'number' ? o.y : 0 });
  }
  return positions;
}

export async function buildFlow(spec: FlowSpec): Promise<BenchFlow> {
  let text: string;
  if (spec.layout === 'dense') text = JSON.stringify(denseFlow(spec.size), null, 2);
  else if (spec.layout === 'strip') text = JSON.stringify(generateFlow(spec.size), null, 2);
  else if (spec.layout === 'auto') text = await autoFlowText(spec.size);
  else {
    const found = corpusFiles().find((c) => c.file === spec.file);
    if (!found) throw new Error(`No corpus file ${spec.file ?? '(none)'}`);
    // The file as it is when it is a bare definition (the bare page reads nothing else); else its definition.
    const parsed: unknown = JSON.parse(found.text);
    const def = definitionOf(parsed);
    text = def === parsed || def === undefined ? found.text : JSON.stringify(def, null, 2);
  }
  const def = definitionOf(JSON.parse(text));
  if (!def) throw new Error(`Not a flow definition: ${spec.file ?? spec.layout}`);
  const name = spec.file?.replace(/^.*\//, '').replace(/\.json$/, '');
  return {
    layout: spec.layout,
    label: name ?? spec.size.toLocaleString('en-US'),
    widgets: def.states.length,
    text,
    extent: extent(def),
    positions: positionsOf(def),
  };
}
