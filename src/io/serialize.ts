/**
 * Export of a definition as text.
 *
 * The default export is faithful: `JSON.stringify(def, null, 2)` plus one trailing newline. Key order is whatever the
 * objects hold (import keeps the order of the file), strings stay strings and numbers stay numbers, so a flow that was
 * opened and saved without edits comes back as the same JSON value with the same key order — byte-identical for any
 * file that was already 2-space pretty-printed with a final newline, which is how Studio console exports, Terraform
 * `jsonencode` dumps and editors' "format document" leave them. The trailing newline is there because text files end
 * with one (POSIX, git's "\ No newline at end of file").
 *
 * The canonical export sorts keys into one documented order so that two exports of the same flow diff cleanly in git
 * regardless of which tool wrote the keys last (the corpus has four different top-level orders and six state orders):
 *
 * - definition: `description, states, initial_state, flags`, then any other keys sorted;
 * - widget (state): `name, type, transitions, properties`, then others sorted;
 * - transition: `event, next, conditions`, then others sorted;
 * - split condition: `friendly_name, arguments, type, value`, then others sorted;
 * - widget properties: all keys sorted, except `offset`, which goes last: the configuration a reviewer reads comes
 *   first and the canvas position, which changes on every drag, sits at the end of the widget;
 * - every other object (property values, flags, unknown keys, `offset` itself): keys sorted; arrays keep their order.
 *
 * Sorting is by UTF-16 code units (`Array.prototype.sort`). JavaScript objects always list integer-like keys
 * ("0", "12") first in ascending order whatever the insertion order; that cannot be changed and does not matter for
 * Studio definitions, and canonical output stays idempotent.
 *
 * New objects are built with `Object.fromEntries`, which defines own data properties, so a key named `__proto__`
 * stays an ordinary key and never replaces a prototype.
 */

import { isObject, type UnknownObject as Obj } from '../model/object';
import type { FlowDefinition } from '../model/types';

export interface SerializeOptions {
  /** Sort keys into the canonical order documented in this module. */
  canonical?: boolean;
  /** Round every `properties.offset` x/y to a multiple of this grid (e.g. 10). Ignored unless a positive finite number. */
  snapOffsets?: number;
}

export interface CanonicalizeOptions {
  snapOffsets?: number;
}

/**
 * The text of a definition for saving or downloading: 2-space JSON and a trailing newline.
 *
 * Without options this is exactly `JSON.stringify(def, null, 2) + '\n'`, so importing a file and exporting it gives the
 * same JSON value with the same key order. Linear in the size of the definition (a few ms for 2,000 widgets).
 *
 * @throws TypeError if the definition contains a cycle or a BigInt (never the case for imported definitions).
 */
export function serializeDefinition(def: FlowDefinition, opts: SerializeOptions = {}): string {
  let out: FlowDefinition = def;
  if (opts.canonical === true) out = canonicalizeDefinition(def, { snapOffsets: opts.snapOffsets });
  else if (validGrid(opts.snapOffsets)) out = snapDefinitionOffsets(def, opts.snapOffsets);
  return `${JSON.stringify(out, null, 2)}\n`;
}

/**
 * The same definition with keys in canonical order (see the module comment) and offsets optionally snapped.
 *
 * Does not mutate. Objects that are already canonical are returned as they are (same identity), so canonicalizing a
 * canonical definition returns the very same object and unchanged widgets keep their identity.
 */
export function canonicalizeDefinition(def: FlowDefinition, opts: CanonicalizeOptions = {}): FlowDefinition {
  const grid = validGrid(opts.snapOffsets) ? opts.snapOffsets : undefined;
  return reorder(def, DEFINITION_FIRST, [], (key, value) => {
    if (key === 'states' && Array.isArray(value))
      return mapArray(value, (state) => canonicalState(state, grid));
    return sortDeep(value);
  }) as FlowDefinition;
}

/**
 * Round every widget's `properties.offset` x and y to the nearest multiple of `grid`, keeping key order and sharing
 * every widget whose offset does not change. Non-numeric offsets are left alone. Returns `def` itself when nothing
 * moves or when `grid` is not a positive finite number.
 */
export function snapDefinitionOffsets(def: FlowDefinition, grid: number): FlowDefinition {
  if (!validGrid(grid) || !Array.isArray(def.states)) return def;
  const states = mapArray(def.states, (state) => {
    if (!isObject(state) || !isObject(state.properties)) return state;
    const properties = state.properties;
    const offset = snapOffset(properties.offset, grid);
    if (offset === properties.offset) return state;
    return { ...state, properties: { ...properties, offset } };
  });
  return states === def.states ? def : { ...def, states: states as FlowDefinition['states'] };
}

// ---------------------------------------------------------------------------------------------------------------

const DEFINITION_FIRST = ['description', 'states', 'initial_state', 'flags'];
const STATE_FIRST = ['name', 'type', 'transitions', 'properties'];
const TRANSITION_FIRST = ['event', 'next', 'conditions'];
const CONDITION_FIRST = ['friendly_name', 'arguments', 'type', 'value'];
const PROPERTIES_LAST = ['offset'];

function validGrid(grid: number | undefined): grid is number {
  return typeof grid === 'number' && Number.isFinite(grid) && grid > 0;
}

function snapNumber(v: number, grid: number): number {
  const snapped = Math.round(v / grid) * grid;
  // Math.round(-0.4) is -0; JSON prints it as 0 anyway, but -0 would make the value compare as "changed" elsewhere.
  return snapped === 0 ? 0 : snapped;
}

/** The snapped offset, or the same object when it is already on the grid (or is not an {x, y} of numbers). */
function snapOffset(offset: unknown, grid: number): unknown {
  if (!isObject(offset)) return offset;
  const { x, y } = offset;
  const sx = typeof x === 'number' && Number.isFinite(x) ? snapNumber(x, grid) : x;
  const sy = typeof y === 'number' && Number.isFinite(y) ? snapNumber(y, grid) : y;
  if (Object.is(sx, x) && Object.is(sy, y)) return offset;
  return { ...offset, x: sx, y: sy };
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Rebuild `obj` with `first` keys (those present) in that order, then the remaining keys sorted, then `last` keys,
 * each value passed through `map`. Returns `obj` itself when neither the order nor any value changes.
 */
function reorder(
  obj: Obj,
  first: readonly string[],
  last: readonly string[],
  map: (key: string, value: unknown) => unknown,
): Obj {
  const keys = Object.keys(obj);
  const fixed = new Set([...first, ...last]);
  const order = [
    ...first.filter((k) => Object.hasOwn(obj, k)),
    ...keys.filter((k) => !fixed.has(k)).sort(byCodeUnit),
    ...last.filter((k) => Object.hasOwn(obj, k)),
  ];
  let same = true;
  const entries: [string, unknown][] = [];
  for (let i = 0; i < order.length; i++) {
    const key = order[i] as string;
    const value = obj[key];
    const mapped = map(key, value);
    if (key !== keys[i] || mapped !== value) same = false;
    entries.push([key, mapped]);
  }
  return same ? obj : Object.fromEntries(entries);
}

/** `arr.map(fn)`, but the same array when no element changes. */
function mapArray(arr: readonly unknown[], fn: (value: unknown) => unknown): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < arr.length; i++) {
    const value = arr[i];
    const mapped = fn(value);
    if (mapped !== value && !out) out = arr.slice(0, i);
    if (out) out.push(mapped);
  }
  return out ?? (arr as unknown[]);
}

/** Every object's keys sorted, arrays in order. Recursion depth is bounded by the import depth limit. */
function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return mapArray(value, sortDeep);
  if (!isObject(value)) return value;
  return reorder(value, [], [], (_key, v) => sortDeep(v));
}

function canonicalState(state: unknown, grid: number | undefined): unknown {
  if (!isObject(state)) return sortDeep(state);
  return reorder(state, STATE_FIRST, [], (key, value) => {
    if (key === 'transitions' && Array.isArray(value)) return mapArray(value, canonicalTransition);
    if (key === 'properties' && isObject(value)) {
      return reorder(value, [], PROPERTIES_LAST, (k, v) => {
        const sorted = sortDeep(v);
        return k === 'offset' && grid !== undefined ? snapOffset(sorted, grid) : sorted;
      });
    }
    return sortDeep(value);
  });
}

function canonicalTransition(transition: unknown): unknown {
  if (!isObject(transition)) return sortDeep(transition);
  return reorder(transition, TRANSITION_FIRST, [], (key, value) => {
    if (key === 'conditions' && Array.isArray(value)) {
      return mapArray(value, (c) =>
        isObject(c) ? reorder(c, CONDITION_FIRST, [], (_k, v) => sortDeep(v)) : sortDeep(c),
      );
    }
    return sortDeep(value);
  });
}
