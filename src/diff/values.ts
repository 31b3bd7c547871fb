/**
 * Comparing JSON values: by value (object key order never matters), reporting what differs as JSON pointers.
 *
 * Pure TypeScript: no React, no DOM, no storage.
 */
import { isObject, type UnknownObject as Obj } from '../model/object';
import type { JsonPointer, JsonValue } from '../model/types';
import type { ValueChange } from './types';

/** Says whether two differing strings still count as equal (the diff passes "equal once renames are applied"). */
export type StringEquivalence = (before: string, after: string) => boolean;

/** A JSON object (the model's one definition; this name reads better beside arrays in a diff). */
export const isPlainObject = isObject;

/** One RFC 6901 reference token: `~` as `~0`, `/` as `~1`. */
export function escapePointerToken(token: string): string {
  return token.includes('~') || token.includes('/') ? token.replace(/~/g, '~0').replace(/\//g, '~1') : token;
}

export function pointerChild(parent: JsonPointer, token: string | number): JsonPointer {
  return `${parent}/${typeof token === 'number' ? String(token) : escapePointerToken(token)}`;
}

const INDEX = /^(0|[1-9][0-9]*)$/;

/**
 * Orders pointers token by token: array indices numerically (`/2` before `/10`), other tokens by UTF-16 code units,
 * a parent before its children. Total and deterministic.
 */
export function comparePointers(a: JsonPointer, b: JsonPointer): number {
  if (a === b) return 0;
  const ta = a.split('/');
  const tb = b.split('/');
  const n = Math.min(ta.length, tb.length);
  for (let i = 0; i < n; i++) {
    const x = ta[i] as string;
    const y = tb[i] as string;
    if (x === y) continue;
    if (INDEX.test(x) && INDEX.test(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return ta.length - tb.length;
}

/**
 * JSON with object keys sorted (by UTF-16 code units), so that two values equal by value give the same text.
 * `undefined` members are left out, as `JSON.stringify` does.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const keys = Object.keys(value).sort();
  let out = '';
  for (const k of keys) {
    const v = (value as Obj)[k];
    if (v === undefined) continue;
    out += `${out === '' ? '' : ','}${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `{${out}}`;
}

/** Deep equality by value: key order ignored, arrays element by element. */
export function deepEqual(a: unknown, b: unknown, strings?: StringEquivalence): boolean {
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') return strings !== undefined && strings(a, b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i], strings)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  // for…in avoids allocating key arrays (JSON objects have no inherited enumerable keys; hasOwn guards anyway)
  let count = 0;
  for (const k in a) {
    if (!Object.hasOwn(a, k)) continue;
    if (!Object.hasOwn(b, k) || !deepEqual((a as Obj)[k], (b as Obj)[k], strings)) return false;
    count++;
  }
  for (const k in b) if (Object.hasOwn(b, k)) count--;
  return count === 0;
}

/**
 * Appends to `out` what differs between `before` and `after` at `path`: objects are compared key by key (recursing),
 * arrays of the same length element by element, everything else (and arrays of different lengths) as a whole.
 * A member present on one side only gives a change with only `before` or only `after`. `skip` leaves out members of
 * the object at `path` itself (e.g. `offset` in `/properties`). The caller sorts.
 */
export function diffValues(
  before: unknown,
  after: unknown,
  path: JsonPointer,
  out: ValueChange[],
  strings?: StringEquivalence,
  skip?: ReadonlySet<string>,
): void {
  if (before === after) return;
  if (isPlainObject(before) && isPlainObject(after)) {
    for (const k of Object.keys(before)) {
      if (skip?.has(k) === true) continue;
      const child = pointerChild(path, k);
      if (!Object.hasOwn(after, k)) out.push({ path: child, before: before[k] as JsonValue });
      else diffValues(before[k], after[k], child, out, strings);
    }
    for (const k of Object.keys(after)) {
      if (skip?.has(k) === true || Object.hasOwn(before, k)) continue;
      out.push({ path: pointerChild(path, k), after: after[k] as JsonValue });
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    for (let i = 0; i < before.length; i++)
      diffValues(before[i], after[i], pointerChild(path, i), out, strings);
    return;
  }
  if (deepEqual(before, after, strings)) return;
  out.push({ path, before: before as JsonValue, after: after as JsonValue });
}

/** Sorts changes by path ({@link comparePointers}), in place; returns the array. */
export function sortChanges(changes: ValueChange[]): ValueChange[] {
  return changes.sort((a, b) => comparePointers(a.path, b.path));
}
