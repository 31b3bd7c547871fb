/**
 * Small pure helpers of the inspector's React components (src/inspector/*.tsx): what they do to text and values,
 * kept here so that it is tested without a browser. The form model itself is formModel.ts, value coercion
 * coercion.ts and split-condition editing src/model/conditions.ts; this file only adds what the UI needs around it:
 *
 * - accepting a Liquid completion into a text (`applyCompletion`), closing the tag when a leaf is chosen;
 * - the Advanced section: the unknown properties as one JSON object, and applying an edited object back
 *   (`advancedValue`, `parseAdvancedText`, `applyAdvancedProperties`);
 * - list rows (`addListRow`, `removeListRow`, `listOrAbsent`) and reading nested values (`valueAtPath`);
 * - the problems of one widget out of the flow's (`widgetProblems`) and a stable key of the flow's widget names
 *   (`widgetNamesKey`), so the inspector re-renders on what it shows and nothing else.
 *
 * Pure TypeScript: no React, no DOM.
 */
import { parseJson } from '../io/json';
import { isObject } from '../model/object';
import type { FlowDefinition, Problem, Widget } from '../model/types';

// ---------------------------------------------------------------------------------------------------------------
// Liquid completions

/**
 * `text` with `from`…`cursor` replaced by `insertText`, and where the cursor goes. A leaf (an insert that does not
 * end with `.`, so nothing more can be completed below it) inside an output tag `{{` that is not closed right after
 * the cursor gets its `}}`, and the cursor goes after it: `Hi {{widgets.a.Bo|` + `Body` → `Hi {{widgets.a.Body}}|`.
 */
export function applyCompletion(
  text: string,
  cursor: number,
  from: number,
  insertText: string,
): { text: string; cursor: number } {
  const start = Math.max(0, Math.min(from, cursor));
  const before = text.slice(0, start) + insertText;
  const after = text.slice(cursor);
  if (insertText.endsWith('.') || !insideOutputTag(text.slice(0, start)) || /^\s*-?}}/.test(after))
    return { text: before + after, cursor: before.length };
  return { text: `${before}}}${after}`, cursor: before.length + 2 };
}

/** Whether the end of `text` is inside an unclosed `{{` (not a `{%` tag). */
function insideOutputTag(text: string): boolean {
  const out = text.lastIndexOf('{{');
  if (out < 0 || text.lastIndexOf('{%') > out) return false;
  return !text.slice(out + 2).includes('}}');
}

// ---------------------------------------------------------------------------------------------------------------
// Advanced (unknown properties as raw JSON)

/** The unknown properties `keys` of `properties` as one object, in the widget's key order. */
export function advancedValue(
  properties: Readonly<Record<string, unknown>>,
  keys: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (Object.hasOwn(properties, k)) out[k] = properties[k];
  return out;
}

/** The text the Advanced editor shows: `{}` when there is nothing, else 2-space JSON. */
export function advancedText(value: Readonly<Record<string, unknown>>): string {
  return Object.keys(value).length === 0 ? '{}' : JSON.stringify(value, null, 2);
}

export type AdvancedParse = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

/**
 * The Advanced editor's text as an object of properties. Empty text means no properties. Text that is not JSON
 * gives the parser's message (with line and column); JSON that is not an object is refused too.
 */
export function parseAdvancedText(text: string): AdvancedParse {
  if (text.trim() === '') return { ok: true, value: {} };
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, message: `Not valid JSON: ${parsed.error.message}` };
  if (!isObject(parsed.value))
    return { ok: false, message: 'Write a JSON object: { "property": value, … }.' };
  return { ok: true, value: parsed.value };
}

/**
 * `properties` with the unknown keys `keys` replaced by `next`: a key of `keys` that `next` lacks is removed, a key
 * both have is set in place, a key only `next` has is added last. Every other property stays as it is. Returns
 * `properties` itself when nothing changes (values compared as JSON).
 */
export function applyAdvancedProperties(
  properties: Readonly<Record<string, unknown>>,
  keys: readonly string[],
  next: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const replaced = new Set(keys);
  const out: Record<string, unknown> = {};
  let changed = false;
  for (const [k, v] of Object.entries(properties)) {
    if (replaced.has(k) && !Object.hasOwn(next, k)) {
      changed = true;
      continue;
    }
    if (Object.hasOwn(next, k)) {
      const nv = next[k];
      if (!sameJson(nv, v)) changed = true;
      out[k] = sameJson(nv, v) ? v : nv;
    } else {
      out[k] = v;
    }
  }
  for (const [k, v] of Object.entries(next)) {
    if (Object.hasOwn(properties, k)) continue;
    out[k] = v;
    changed = true;
  }
  return changed ? out : properties;
}

function sameJson(a: unknown, b: unknown): boolean {
  return Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b);
}

// ---------------------------------------------------------------------------------------------------------------
// Values and lists

/** The value at `path` below `root` (object keys, numeric segments index arrays), or undefined. */
export function valueAtPath(root: unknown, path: readonly (string | number)[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isObject(cur)) cur = Object.hasOwn(cur, String(seg)) ? cur[String(seg)] : undefined;
    else return undefined;
  }
  return cur;
}

/** The rows of a list property: its items when it is an array, else none. */
export function listItems(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A list with one new row `{ key: '', value: '' }` (the first two item keys) at the end. */
export function addListRow(value: unknown, itemKeys: readonly string[] = ['key', 'value']): unknown[] {
  const row: Record<string, string> = {};
  for (const k of itemKeys.slice(0, 2)) row[k] = '';
  return [...listItems(value), row];
}

/** The list without row `index`. */
export function removeListRow(value: unknown, index: number): unknown[] {
  return listItems(value).filter((_, i) => i !== index);
}

/** What to store for a list: an empty list of an optional property removes the property. */
export function listOrAbsent(list: readonly unknown[], required: boolean): unknown {
  return list.length === 0 && !required ? undefined : list;
}

// ---------------------------------------------------------------------------------------------------------------
// Store selections

/** The problems that belong to the widget at `index` (pointer `/states/<index>` or below), in order. */
export function widgetProblems(problems: readonly Problem[], index: number): Problem[] {
  if (index < 0) return [];
  const prefix = `/states/${index}`;
  return problems.filter(
    (p) =>
      p.pointer.startsWith(prefix) &&
      (p.pointer.length === prefix.length || p.pointer[prefix.length] === '/'),
  );
}

/** Problems of the flow itself (no widget). */
export function flowProblems(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => !p.pointer.startsWith('/states/'));
}

const namesKeys = new WeakMap<readonly Widget[], string>();

/**
 * The flow's widget names (and types) as one string, cached per `states` array: equal strings mean the same
 * widgets, so a component that selects it re-renders only when a widget is added, removed or renamed.
 */
export function widgetNamesKey(def: FlowDefinition | null): string {
  if (!def) return '';
  const states = def.states;
  let key = namesKeys.get(states);
  if (key === undefined) {
    key = states.map((w) => `${w.name}\u0000${w.type}`).join('\n');
    namesKeys.set(states, key);
  }
  return key;
}
