/**
 * Transitions as the diff sees them: each output of a widget gets a key that is stable across versions, and the
 * outputs are listed in the canvas's port order.
 *
 * Keys: an ordinary event is keyed by its name (`noMatch`), its k-th repeat (k ≥ 1, a malformed widget) by
 * `<event>:<k>`; a `match` transition (split-based-on condition) by the content of its conditions:
 * `match:<canonical JSON of the conditions without friendly_name>` (`:<k>` appended for the k-th identical one).
 * `friendly_name` is left out of the key because Studio writes it from the condition's type and value: it follows
 * the content, and a hand-edited label alone is reported as a change of the conditions, not as a new output.
 *
 * Pure TypeScript: no React, no DOM, no storage.
 */
import { widgetPorts } from '../model/ports';
import type { Transition, Widget } from '../model/types';
import { getWidgetType } from '../schema/registry';
import { canonicalJson, isPlainObject } from './values';

/** The event whose transitions are keyed by the content of their conditions. */
export const MATCH_EVENT = 'match';

export interface TransitionEntry {
  /** Unique within the widget (see the module comment); computed on the conditions as rewritten, if they were. */
  key: string;
  /** The key of the conditions as written (differs from `key` only when a rewrite changed them). */
  rawKey: string;
  event: string;
  /** Index in `widget.transitions`. */
  index: number;
  transition: Transition;
  /** The target when connected (an empty `next` is not connected). */
  next?: string;
  /** A `match` transition: compared by content, and a change even when not connected. */
  match: boolean;
  /** `match` transitions: the first condition's friendly name, when it has one. */
  label?: string;
}

/** Rewrites a value (the conditions of a base widget, under the detected renames). */
export type ValueRewrite = (value: unknown) => unknown;

function withoutFriendlyNames(conditions: unknown): unknown {
  if (!Array.isArray(conditions)) return conditions ?? null;
  return conditions.map((c: unknown) => {
    if (!isPlainObject(c) || !Object.hasOwn(c, 'friendly_name')) return c;
    const { friendly_name: _ignored, ...rest } = c;
    return rest;
  });
}

/** Keys of conditions arrays already seen (the base of a diff view is compared again after every edit). */
const keyCache = new WeakMap<object, string>();

export function conditionsKey(conditions: unknown): string {
  const cacheable = typeof conditions === 'object' && conditions !== null;
  if (cacheable) {
    const cached = keyCache.get(conditions);
    if (cached !== undefined) return cached;
  }
  const key = `${MATCH_EVENT}:${canonicalJson(withoutFriendlyNames(conditions))}`;
  if (cacheable) keyCache.set(conditions, key);
  return key;
}

function connectedNext(t: Transition): string | undefined {
  return typeof t.next === 'string' && t.next !== '' ? t.next : undefined;
}

function firstFriendlyName(t: Transition): string | undefined {
  const first: unknown = Array.isArray(t.conditions) ? t.conditions[0] : undefined;
  const name = isPlainObject(first) ? first.friendly_name : undefined;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** The outputs of `widget` with their keys, in `transitions` order. `rewrite` applies to match conditions. */
export function transitionEntries(widget: Widget, rewrite?: ValueRewrite): TransitionEntry[] {
  const transitions = Array.isArray(widget.transitions) ? widget.transitions : [];
  const seen = new Map<string, number>();
  const seenRaw = new Map<string, number>();
  const entries: TransitionEntry[] = [];
  for (let index = 0; index < transitions.length; index++) {
    const transition = transitions[index] as Transition;
    const event = typeof transition.event === 'string' ? transition.event : String(transition.event);
    const match = event === MATCH_EVENT;
    let base: string;
    let rawBase: string;
    if (match) {
      const conditions: unknown = transition.conditions;
      rawBase = conditionsKey(conditions);
      const rewritten = rewrite === undefined ? conditions : rewrite(conditions);
      base = rewritten === conditions ? rawBase : conditionsKey(rewritten);
    } else {
      base = event;
      rawBase = event;
    }
    const k = seen.get(base) ?? 0;
    seen.set(base, k + 1);
    const rawK = seenRaw.get(rawBase) ?? 0;
    seenRaw.set(rawBase, rawK + 1);
    const entry: TransitionEntry = {
      key: k === 0 ? base : `${base}:${k}`,
      rawKey: rawK === 0 ? rawBase : `${rawBase}:${rawK}`,
      event,
      index,
      transition,
      match,
    };
    const next = connectedNext(transition);
    if (next !== undefined) entry.next = next;
    if (match) {
      const label = firstFriendlyName(transition);
      if (label !== undefined) entry.label = label;
    }
    entries.push(entry);
  }
  return entries;
}

interface TypeEvents {
  events: readonly string[];
  repeating?: string;
}
const typeEvents = new Map<string, TypeEvents>();

function eventsOf(type: string): TypeEvents {
  let found = typeEvents.get(type);
  if (found === undefined) {
    const info = getWidgetType(type);
    found = { events: info?.events.map((e) => e.event) ?? [] };
    if (info?.repeatingEvent !== undefined) found.repeating = info.repeatingEvent;
    typeEvents.set(type, found);
  }
  return found;
}

/**
 * Indices into `widget.transitions` in the canvas's port order (the registry's event order for the widget's type,
 * split conditions in transition order, then events the registry does not list). Every transition appears once.
 */
export function portOrder(widget: Widget): number[] {
  const transitions = Array.isArray(widget.transitions) ? widget.transitions : [];
  if (transitions.length <= 1) return transitions.length === 0 ? [] : [0];
  const { events, repeating } = eventsOf(typeof widget.type === 'string' ? widget.type : '');
  const order: number[] = [];
  for (const port of widgetPorts(widget, events, repeating)) {
    if (port.transitionIndex >= 0) order.push(port.transitionIndex);
  }
  return order;
}
