/**
 * Reading widget positions defensively: a definition is whatever JSON the user gave, so `properties` or `offset`
 * may be missing or hold anything, including numbers no canvas can draw (`1e308`, or `1e400`, which `JSON.parse`
 * turns into `Infinity`).
 *
 * Three readings, for three purposes:
 * - {@link finiteOffset}: what the document says, when it is a position at all (finite numbers, any magnitude).
 *   Whether a flow needs a layout is decided on this.
 * - {@link readOffset}: a *usable* position, also within ±{@link MAX_OFFSET}. Layout and editing code place things
 *   relative to it; beyond that range arithmetic on positions loses all precision (`1e308 + 240 === 1e308`) or
 *   overflows (`1e308 - -1e308 === Infinity`), so such a position is treated like a missing one.
 * - {@link displayOffset}: where the canvas and the images draw the widget: always finite and within
 *   ±{@link MAX_OFFSET}, out-of-range numbers clamped to the edge, anything else at the origin. Display only:
 *   nothing writes it back, so the document (and its export) stays exactly as the user gave it.
 */
import { clampCoordinate, MAX_OFFSET } from '../model/geometry';
import type { Offset, Widget } from '../model/types';

/** Studio's canvas grid: offsets Studio writes are multiples of 10 px. */
export const GRID = 10;

export { MAX_OFFSET };

/** `properties.offset` when it is an object with numeric `x` and `y` (any number, non-finite included). */
function numericOffset(widget: Widget): { x: number; y: number } | undefined {
  const properties: unknown = (widget as { properties?: unknown }).properties;
  if (typeof properties !== 'object' || properties === null) return undefined;
  const offset: unknown = (properties as { offset?: unknown }).offset;
  if (typeof offset !== 'object' || offset === null) return undefined;
  const { x, y } = offset as { x?: unknown; y?: unknown };
  if (typeof x !== 'number' || typeof y !== 'number') return undefined;
  return { x, y };
}

/** The widget's `properties.offset` when it has finite numeric `x` and `y`, however large; undefined otherwise. */
export function finiteOffset(widget: Widget): Offset | undefined {
  const offset = numericOffset(widget);
  if (offset === undefined || !Number.isFinite(offset.x) || !Number.isFinite(offset.y)) return undefined;
  return { x: offset.x, y: offset.y };
}

/** True when `v` is a finite number within ±{@link MAX_OFFSET}. */
export function inOffsetRange(v: number): boolean {
  return Number.isFinite(v) && Math.abs(v) <= MAX_OFFSET;
}

/**
 * The widget's usable `properties.offset`: finite numeric `x` and `y` within ±{@link MAX_OFFSET}; undefined
 * otherwise (then it is drawn at {@link displayOffset}, and laid out like a widget without an offset).
 */
export function readOffset(widget: Widget): Offset | undefined {
  const offset = numericOffset(widget);
  if (offset === undefined || !inOffsetRange(offset.x) || !inOffsetRange(offset.y)) return undefined;
  return { x: offset.x, y: offset.y };
}

export { clampCoordinate };

/** A position brought within ±{@link MAX_OFFSET} on both axes (the same object when it already is). */
export function clampOffset(offset: Offset): Offset {
  const x = clampCoordinate(offset.x);
  const y = clampCoordinate(offset.y);
  return x === offset.x && y === offset.y ? offset : { x, y };
}

/**
 * Where the widget is drawn: its offset clamped within ±{@link MAX_OFFSET} (`1e308` and `Infinity` at the edge),
 * or 0,0 when it has no numeric offset. Never written back to the document.
 */
export function displayOffset(widget: Widget): Offset {
  const offset = numericOffset(widget);
  return offset === undefined ? { x: 0, y: 0 } : clampOffset(offset);
}

/** Nearest multiple of the grid (never -0). */
export function snap(v: number, grid = GRID): number {
  const s = Math.round(v / grid) * grid;
  return s === 0 ? 0 : s;
}
