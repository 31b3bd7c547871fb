/**
 * Problems on the fields they belong to: maps the validator's problems of one widget to keys of its form.
 *
 * A key is a path of segments joined by `.` (numeric segments are list indexes), read from the problem's JSON
 * pointer relative to the widget (`/states/<i>/…`):
 * - `/properties/<key>/…` → the path inside `properties`: `body`, `parameters.0.value`,
 *   `connector_details.name`, `variables.2.key`. That is `fieldKey(field.path)` for a top-level or object field,
 *   and `fieldKey([field.key, row, column.key])` for a row's cell.
 * - A missing property (pointer `/properties`, or the object that lacks the key) → the missing key, from the
 *   problem's `field`: `body`, `connector_details.sid`. One-of problems (`say|play`) go under each alternative.
 * - `/transitions/<j>/…` → `transitions.<j>…`: `transitions.3.conditions.0.value`,
 *   `transitions.3.conditions.0.arguments.0` (a stale argument), `transitions.2.next`. `j` is the index in
 *   `widget.transitions`, which is how `splitConditionRows` names a condition row (`transitionIndex`); the
 *   `split-conditions` and `readonly-events` pseudo-fields have the key `transitions`, so
 *   `problemsUnder(map, 'transitions')` is everything they show and `problemsUnder(map, 'transitions.3')` one row.
 * - Anything else about the widget (the widget itself: unreachable, not an object; its `name`, `type`, a missing
 *   `transitions`) → `''` (`WIDGET_LEVEL`), shown at the top of the form.
 *
 * Problems of other widgets and flow-level problems are left out.
 *
 * Pure TypeScript: no React, no DOM.
 */
import type { Problem, Widget } from '../model/types';
import { formFields, unknownProperties, type FormModel } from './formModel';

/** The key of problems about the widget as a whole. */
export const WIDGET_LEVEL = '';

/** `['parameters', 0, 'value']` → `parameters.0.value`. */
export function fieldKey(path: readonly (string | number)[]): string {
  return path.join('.');
}

function unescapeSegment(s: string): string {
  return s.includes('~') ? s.replace(/~1/g, '/').replace(/~0/g, '~') : s;
}

/** `parameters[0].value` → `parameters.0.value`. */
function fieldToKey(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
}

function add(map: Map<string, Problem[]>, key: string, p: Problem): void {
  const list = map.get(key);
  if (list) list.push(p);
  else map.set(key, [p]);
}

/** Keys of one problem, relative to its widget (`segments` follow `/states/<i>`). */
function keysOf(p: Problem, segments: readonly string[]): string[] {
  const [head, ...rest] = segments;
  if (head === 'properties') {
    const pointerKey = fieldKey(rest);
    const field = p.field;
    if (field !== undefined && field !== '' && field !== 'properties' && !field.startsWith('transitions')) {
      // The field names the missing key below the pointer (schema.required, schema.one-of).
      const alternatives = field.split('|').map(fieldToKey);
      const below = alternatives.filter(
        (k) => pointerKey === '' || k === pointerKey || k.startsWith(`${pointerKey}.`),
      );
      if (below.length > 0) return below;
    }
    return [pointerKey];
  }
  if (head === 'transitions') return [fieldKey(['transitions', ...rest])];
  return [WIDGET_LEVEL];
}

/**
 * The problems of the widget at `widgetIndex`, by field key (see the module comment), each list in the order of
 * `problems`. Cheap enough to run on every validation (one pass, no widget needed).
 */
export function problemsByField(problems: readonly Problem[], widgetIndex: number): Map<string, Problem[]> {
  const map = new Map<string, Problem[]>();
  const prefix = `/states/${widgetIndex}`;
  for (const p of problems) {
    const ptr = p.pointer;
    if (!ptr.startsWith(prefix)) continue;
    if (ptr.length > prefix.length && ptr[prefix.length] !== '/') continue;
    const segments =
      ptr.length === prefix.length
        ? []
        : ptr
            .slice(prefix.length + 1)
            .split('/')
            .map(unescapeSegment);
    for (const key of keysOf(p, segments)) add(map, key, p);
  }
  return map;
}

/** Problems at `key` and below it (`parameters` → also `parameters.0.value`); `''` gives every problem. */
export function problemsUnder(map: ReadonlyMap<string, readonly Problem[]>, key: string): Problem[] {
  const out: Problem[] = [];
  for (const [k, list] of map)
    if (key === '' || k === key || k.startsWith(`${key}.`))
      for (const p of list) if (!out.includes(p)) out.push(p);
  return out;
}

/**
 * Problems no field of the form shows, for the top of the form: widget-level ones, and those under keys that are
 * neither a field of `model` nor an Advanced (unknown) property of `widget`, e.g. a dangling `next` of a widget
 * whose transitions the form does not edit (they are edited on the canvas).
 */
export function unclaimedProblems(
  map: ReadonlyMap<string, readonly Problem[]>,
  model: FormModel,
  widget: Widget,
): Problem[] {
  const claimed = new Set<string>(formFields(model).map((f) => f.key));
  for (const k of unknownProperties(widget, model)) claimed.add(k);
  const out: Problem[] = [];
  for (const [k, list] of map) {
    const head = k.split('.')[0] ?? '';
    if (k !== WIDGET_LEVEL && claimed.has(head)) continue;
    for (const p of list) if (!out.includes(p)) out.push(p);
  }
  return out;
}
