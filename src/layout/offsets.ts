/**
 * Reading widget positions defensively: a definition is whatever JSON the user gave, so `properties` or `offset`
 * may be missing or hold anything.
 */
import type { Offset, Widget } from '../model/types';

/** Studio's canvas grid: offsets Studio writes are multiples of 10 px. */
export const GRID = 10;

/** The widget's `properties.offset` when it is an object with finite numeric `x` and `y`; undefined otherwise. */
export function readOffset(widget: Widget): Offset | undefined {
  const properties: unknown = (widget as { properties?: unknown }).properties;
  if (typeof properties !== 'object' || properties === null) return undefined;
  const offset: unknown = (properties as { offset?: unknown }).offset;
  if (typeof offset !== 'object' || offset === null) return undefined;
  const { x, y } = offset as { x?: unknown; y?: unknown };
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
    return undefined;
  }
  return { x, y };
}

/** Nearest multiple of the grid (never -0). */
export function snap(v: number, grid = GRID): number {
  const s = Math.round(v / grid) * grid;
  return s === 0 ? 0 : s;
}
