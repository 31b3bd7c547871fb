/**
 * Two-dimensional flows for the canvas benchmark (e2e/perf/canvas.bench.ts). Pure and deterministic.
 *
 * `generateFlow` (generate-flow.ts) places each widget at (column in its layer × 400, depth × 300): a 2,000-widget
 * flow becomes a strip about 352,000 × 2,700 px, so at the opening zoom only a sliver of it is on screen. Real flows
 * are two-dimensional: the largest corpus flows span 2,500 – 7,100 px by 3,800 – 7,700 px (aspect 0.33 – 1.44), and
 * a flow of 500 – 2,000 widgets drawn by hand fills a roughly square area. This module keeps generateFlow's widgets
 * and transitions exactly and only moves them:
 *
 * - {@link denseFlow}: every widget on a roughly square grid at {@link PITCH}, in the order of a depth-first walk
 *   from the Trigger (transitions in order), laid along the rows back and forth (boustrophedon), so a widget's
 *   first branch sits next to it and its subtree stays near it;
 * - {@link autoLaidOutFlow}: the editor's own auto-layout (src/layout, ELK), as "Auto-layout" would draw it.
 *
 * Why depth-first and not breadth-first. Measured with {@link edgeLengths} at 400 × 300 pitch, median / 90th
 * percentile of the centre-to-centre length of the connections:
 *
 * | order                    |  129 widgets |   2,000 widgets |
 * | ------------------------ | -----------: | --------------: |
 * | breadth-first, row-major | 1,800 / 3,046 | 7,376 / 12,034 |
 * | depth-first, boustrophedon |  500 / 1,600 |    800 / 2,800 |
 * | real flows (the 8 corpus flows of 40+ widgets) | 240 – 680 / 660 – 2,030 | — |
 *
 * generateFlow's flows are trees filled layer by layer, so a layer is 2 – 3 times the one before: in breadth-first
 * order a widget's children are about as far down the list as the whole layer is long, and on a square grid half
 * the connections cross half the flow. Depth-first along a boustrophedon gives connections as local as real
 * flows' (a little longer at 2,000, the harder case for a canvas, not the easier).
 *
 * Note on the auto-layout: ELK's layered layout of these trees is as wide as the widest layer, not square (about
 * 360,000 × 2,000 px at 2,000 widgets): that is what the editor's Auto-layout draws for such a flow, and it is
 * benchmarked as such. Real flows, with their merges and loops back to menus, lay out much squarer.
 */
import { autoLayout } from '../src/layout';
import { applyLayout } from '../src/layout/applyLayout';
import type { FlowDefinition, Offset } from '../src/model/types';
import { generateFlow } from './generate-flow';

/**
 * Grid pitch, px from card to card. Studio's cards are about 240 px wide; hand-made Studio layouts in the corpus
 * have a median nearest-neighbour pitch of about 415 px across and 270 px down (src/layout/README.md), and
 * generateFlow uses 400 × 300 too, so the dense flows differ from the strip only in arrangement, not in spacing. A
 * filled grid is denser than a real flow (real flows leave gaps: 200,000 – 440,000 px² per widget against 120,000
 * here), so more cards are on screen at any zoom: the harder case for a canvas.
 */
export const PITCH = { x: 400, y: 300 } as const;

/**
 * Widget names in the order of a depth-first walk from the initial widget (pre-order, transitions in their order),
 * then every widget the walk did not reach, in definition order. Transitions to names no widget has are skipped.
 */
export function walkOrder(def: FlowDefinition): string[] {
  const byName = new Map(def.states.map((w) => [w.name, w]));
  const seen = new Set<string>();
  const order: string[] = [];
  const visit = (root: string): void => {
    const stack = [root];
    while (stack.length > 0) {
      const name = stack.pop() as string;
      const widget = byName.get(name);
      if (!widget || seen.has(name)) continue;
      seen.add(name);
      order.push(name);
      // Pushed last-first so the first transition's branch is walked first.
      for (let i = widget.transitions.length - 1; i >= 0; i--) {
        const next = widget.transitions[i]?.next;
        if (next !== undefined && !seen.has(next)) stack.push(next);
      }
    }
  };
  visit(def.initial_state);
  for (const w of def.states) visit(w.name);
  return order;
}

/** Columns of a grid of `count` cells at `pitch` that is about as wide as it is tall. */
export function squareColumns(count: number, pitch: { x: number; y: number } = PITCH): number {
  return Math.max(1, Math.ceil(Math.sqrt((count * pitch.y) / pitch.x)));
}

/**
 * Positions on a square grid at `pitch` for `names` in order: left to right along the first row, right to left
 * along the second, and so on (boustrophedon), so consecutive names are always neighbours.
 */
export function gridPositions(
  names: readonly string[],
  pitch: { x: number; y: number } = PITCH,
): Map<string, Offset> {
  const columns = squareColumns(names.length, pitch);
  const positions = new Map<string, Offset>();
  names.forEach((name, i) => {
    const row = Math.floor(i / columns);
    const along = i % columns;
    const column = row % 2 === 0 ? along : columns - 1 - along;
    positions.set(name, { x: column * pitch.x, y: row * pitch.y });
  });
  return positions;
}

/** `def` with every widget on a square grid in walk order (see the module's comment). Widgets keep their keys. */
export function placeDense(def: FlowDefinition, pitch: { x: number; y: number } = PITCH): FlowDefinition {
  return applyLayout(def, gridPositions(walkOrder(def), pitch));
}

/** `generateFlow(size)` on a square grid. */
export function denseFlow(size: number): FlowDefinition {
  return placeDense(generateFlow(size));
}

/** `generateFlow(size)` after the editor's own auto-layout (ELK; seconds at 2,000 widgets and more). */
export async function autoLaidOutFlow(size: number): Promise<FlowDefinition> {
  const def = generateFlow(size);
  return applyLayout(def, await autoLayout(def));
}

/** Width and height spanned by the widgets' offsets (their top-left corners), px. */
export function extent(def: FlowDefinition): { width: number; height: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const w of def.states) {
    const at = w.properties.offset;
    if (typeof at?.x !== 'number' || typeof at.y !== 'number') continue;
    minX = Math.min(minX, at.x);
    minY = Math.min(minY, at.y);
    maxX = Math.max(maxX, at.x);
    maxY = Math.max(maxY, at.y);
  }
  return minX === Infinity ? { width: 0, height: 0 } : { width: maxX - minX, height: maxY - minY };
}

/** Centre-to-centre (offset-to-offset) length of every connection between placed widgets, ascending, px. */
export function edgeLengths(def: FlowDefinition): number[] {
  const at = new Map<string, Offset>();
  for (const w of def.states) {
    const o = w.properties.offset;
    if (typeof o?.x === 'number' && typeof o.y === 'number') at.set(w.name, o);
  }
  const lengths: number[] = [];
  for (const w of def.states) {
    const from = at.get(w.name);
    if (!from) continue;
    for (const t of w.transitions) {
      const to = t.next === undefined ? undefined : at.get(t.next);
      if (to) lengths.push(Math.hypot(to.x - from.x, to.y - from.y));
    }
  }
  return lengths.sort((a, b) => a - b);
}
