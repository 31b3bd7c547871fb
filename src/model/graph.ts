/**
 * Pure queries over the widget graph of a definition (widgets linked by their transitions' `next`).
 *
 * Definitions are never mutated, so the name index is cached per `states` array (a WeakMap: it goes away with the
 * array). An empty `next` counts as not connected.
 *
 * Pure TypeScript: no DOM, no Node built-ins.
 */
import type { FlowDefinition, Widget } from './types';

/** A transition of `from` that leads to a given widget. */
export interface IncomingLink {
  from: string;
  transitionIndex: number;
  event: string;
}

const indexCache = new WeakMap<readonly Widget[], ReadonlyMap<string, number>>();

/**
 * Name → index in `def.states`. When two states share a name (a malformed flow, which validation reports), the
 * first one wins, as for every command. Cached per `states` array: treat the map as read-only.
 */
export function widgetIndex(def: FlowDefinition): ReadonlyMap<string, number> {
  const states = def.states;
  let index = indexCache.get(states);
  if (index === undefined) {
    const map = new Map<string, number>();
    for (let i = 0; i < states.length; i++) {
      const name = states[i]?.name;
      if (name !== undefined && !map.has(name)) map.set(name, i);
    }
    index = map;
    indexCache.set(states, index);
  }
  return index;
}

/** The state named `name`, or undefined. */
export function findWidget(def: FlowDefinition, name: string): Widget | undefined {
  const i = widgetIndex(def).get(name);
  return i === undefined ? undefined : def.states[i];
}

/** The widget names, in state order. */
export function widgetNames(def: FlowDefinition): string[] {
  return def.states.map((w) => w.name);
}

/** Every transition (of every widget, in state and transition order) whose `next` is `name`. */
export function incomingLinks(def: FlowDefinition, name: string): IncomingLink[] {
  const links: IncomingLink[] = [];
  if (name === '') return links;
  for (const w of def.states) {
    const transitions = w.transitions;
    for (let i = 0; i < transitions.length; i++) {
      const t = transitions[i];
      if (t?.next === name) links.push({ from: w.name, transitionIndex: i, event: t.event });
    }
  }
  return links;
}

/**
 * The widgets reachable from `start` by following `next` links, `start` included (an empty set when there is no
 * such widget). Links to missing widgets are not followed and their names are not included.
 */
export function reachableFrom(def: FlowDefinition, start: string): Set<string> {
  const index = widgetIndex(def);
  const seen = new Set<string>();
  if (!index.has(start)) return seen;
  seen.add(start);
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const i = index.get(queue[q] ?? '');
    const w = i === undefined ? undefined : def.states[i];
    if (w === undefined) continue;
    for (const t of w.transitions) {
      const next = t.next;
      if (typeof next === 'string' && !seen.has(next) && index.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}
