/**
 * The conditions of a Split Based On… widget, edited as Studio's inspector edits them. A split's conditions live in
 * its transitions, not its properties: each `match` transition is one condition port on the canvas, tested in
 * order, and holds its conditions (`conditions`, plural, as Studio exports them; normally exactly one).
 *
 * Pure Widget → Widget commands that never mutate and return the widget itself when nothing changes; the store
 * applies them with `updateWidget`, and the canvas ports follow the transitions.
 *
 * Pure TypeScript: no React, no DOM.
 */
import { isObject } from './object';
import type { SplitCondition, Transition, Widget } from './types';

/** The event of a split's condition ports (it repeats: one transition per condition). */
export const MATCH_EVENT = 'match';

/**
 * The condition types that compare with nothing, and the text Studio stores as their `value` anyway (its label).
 * The one list of them: the editor offers no value field for these, lint does not ask for one, and choosing one
 * stores this text.
 */
export const VALUELESS_CONDITIONS: Readonly<Record<string, string>> = Object.freeze({
  is_blank: 'Is Blank',
  is_not_blank: 'Is Not Blank',
});

/** Whether a condition type compares with nothing (Is Blank, Is Not Blank). */
export function isValuelessCondition(type: unknown): boolean {
  return typeof type === 'string' && Object.hasOwn(VALUELESS_CONDITIONS, type);
}

/** One condition port of a split: a `match` transition. */
export interface SplitConditionRow {
  /** Index in `widget.transitions`. */
  transitionIndex: number;
  /** The canvas port, `match:<k>`. */
  portId: string;
  /** Its conditions (Studio writes exactly one; more mean all must hold). */
  conditions: SplitCondition[];
  next?: string;
}

/** The match transitions of a split, in order (one row, one port each). */
export function splitConditionRows(widget: Widget): SplitConditionRow[] {
  const rows: SplitConditionRow[] = [];
  const transitions = Array.isArray(widget.transitions) ? widget.transitions : [];
  transitions.forEach((t, i) => {
    if (!isObject(t) || t.event !== MATCH_EVENT) return;
    const conditions = Array.isArray(t.conditions) ? t.conditions.filter(isObject) : [];
    const row: SplitConditionRow = {
      transitionIndex: i,
      portId: `${MATCH_EVENT}:${rows.length}`,
      conditions,
    };
    if (typeof t.next === 'string' && t.next !== '') row.next = t.next;
    rows.push(row);
  });
  return rows;
}

/** The name Studio pre-fills for a condition: "If value equal_to 5". */
export function autoConditionName(type: string, value: string): string {
  return `If value ${type} ${value}`;
}

function valuelessValue(type: string | undefined): string | undefined {
  return type !== undefined && Object.hasOwn(VALUELESS_CONDITIONS, type)
    ? VALUELESS_CONDITIONS[type]
    : undefined;
}

function splitInput(widget: Widget): string {
  const input = widget.properties.input;
  return typeof input === 'string' ? input : '';
}

function withTransitions(widget: Widget, transitions: Transition[]): Widget {
  return { ...widget, transitions };
}

/**
 * Adds a condition port: a new unconnected `match` transition after the others (Studio writes `noMatch` first),
 * `{ event, conditions: [{ friendly_name, arguments: [input], type, value }] }` with Studio's pre-filled name.
 */
export function addSplitCondition(widget: Widget, type = 'equal_to', value = ''): Widget {
  const v = valuelessValue(type) ?? value;
  const condition: SplitCondition = {
    friendly_name: autoConditionName(type, v),
    arguments: [splitInput(widget)],
    type,
    value: v,
  };
  return withTransitions(widget, [...widget.transitions, { event: MATCH_EVENT, conditions: [condition] }]);
}

/** Removes the match transition at `transitionIndex` (its port and link go with it). */
export function removeSplitCondition(widget: Widget, transitionIndex: number): Widget {
  if (widget.transitions[transitionIndex]?.event !== MATCH_EVENT) return widget;
  return withTransitions(
    widget,
    widget.transitions.filter((_, i) => i !== transitionIndex),
  );
}

/**
 * Moves the match transition at `transitionIndex` to row `toRow` among the match transitions (conditions are tested
 * in order); other transitions keep their places.
 */
export function moveSplitCondition(widget: Widget, transitionIndex: number, toRow: number): Widget {
  const rows = splitConditionRows(widget);
  const from = rows.findIndex((r) => r.transitionIndex === transitionIndex);
  if (from < 0) return widget;
  const to = Math.max(0, Math.min(rows.length - 1, toRow));
  if (to === from) return widget;
  const slots = rows.map((r) => r.transitionIndex);
  const order = slots.slice();
  const [moved] = order.splice(from, 1);
  if (moved === undefined) return widget;
  order.splice(to, 0, moved);
  const transitions = widget.transitions.slice();
  slots.forEach((slot, k) => {
    const source = widget.transitions[order[k] ?? slot];
    if (source) transitions[slot] = source;
  });
  return withTransitions(widget, transitions);
}

/**
 * Changes condition `conditionIndex` of the match transition at `transitionIndex`. A name that still is the
 * pre-filled one follows the new type and value, as in Studio; choosing a valueless type (Is Blank, Is Not Blank)
 * stores its label text as value (what Studio exports), and leaving one clears that text; `arguments` are
 * rewritten from the widget's input (Studio tests the input).
 */
export function updateSplitCondition(
  widget: Widget,
  transitionIndex: number,
  conditionIndex: number,
  patch: Partial<SplitCondition>,
): Widget {
  const t = widget.transitions[transitionIndex];
  if (t?.event !== MATCH_EVENT) return widget;
  const conditions = Array.isArray(t.conditions) ? t.conditions.slice() : [];
  const old: SplitCondition = conditions[conditionIndex] ?? {};
  const next: SplitCondition = { ...old, ...patch };
  if (patch.type !== undefined && patch.type !== old.type) {
    const blank = valuelessValue(patch.type);
    if (blank !== undefined && patch.value === undefined) next.value = blank;
    else if (valuelessValue(old.type) !== undefined && patch.value === undefined) next.value = '';
  }
  const oldAuto = autoConditionName(old.type ?? '', old.value ?? '');
  if (patch.friendly_name === undefined && (old.friendly_name === undefined || old.friendly_name === oldAuto))
    next.friendly_name = autoConditionName(next.type ?? '', next.value ?? '');
  if (patch.arguments === undefined) next.arguments = [splitInput(widget)];
  conditions[conditionIndex] = next;
  const transitions = widget.transitions.slice();
  transitions[transitionIndex] = { ...t, conditions };
  return withTransitions(widget, transitions);
}

/**
 * Sets the split's `input` and rewrites every condition's `arguments` to it (Studio tests the input and rewrites
 * the copies on save; this also clears `lint.split-stale-argument`).
 */
export function setSplitInput(widget: Widget, input: string): Widget {
  const properties = { ...widget.properties, input };
  const transitions = widget.transitions.map((t) => {
    if (t.event !== MATCH_EVENT || !Array.isArray(t.conditions)) return t;
    const stale = t.conditions.some(
      (c) =>
        !isObject(c) || !Array.isArray(c.arguments) || c.arguments.length !== 1 || c.arguments[0] !== input,
    );
    if (!stale) return t;
    return {
      ...t,
      conditions: t.conditions.map((c) => (isObject(c) ? { ...c, arguments: [input] } : c)),
    };
  });
  return { ...widget, properties, transitions };
}
