/**
 * Test support: small flows written in tests (a Trigger and a Send Message widget), corpus flows, and the checks
 * that a command left its input alone.
 */
import type { FlowDefinition, Transition, Widget, WidgetProperties } from '../model/types';
import { corpusFile } from './corpus';

/** A corpus flow, parsed afresh on every call (tests may change it). */
export function corpusFlow(file: string): FlowDefinition {
  return JSON.parse(corpusFile(file).text) as FlowDefinition;
}

/** Freezes `value` and everything in it, so that any mutation throws (test files are ES modules: strict mode). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The widget of `def` named `name`; throws when there is none. */
export function widgetNamed(def: FlowDefinition, name: string): Widget {
  const w = def.states.find((s) => s.name === name);
  if (!w) throw new Error(`no widget ${name}`);
  return w;
}

/** The Trigger at the origin, its incoming messages going to `next`, followed by the `more` transitions. */
export function trigger(next: string, ...more: Transition[]): Widget {
  return {
    name: 'Trigger',
    type: 'trigger',
    transitions: [{ event: 'incomingMessage', next }, ...more],
    properties: { offset: { x: 0, y: 0 } },
  };
}

/** A Send Message widget with these properties (in this order) and one unconnected transition per event. */
export function sendMessage(name: string, properties: WidgetProperties, events = ['sent', 'failed']): Widget {
  return { name, type: 'send-message', transitions: events.map((event) => ({ event })), properties };
}

/** A flow of these states starting at the Trigger, its keys in the order Studio exports them. */
export function flowOf(description: string, states: Widget[]): FlowDefinition {
  return { description, states, initial_state: 'Trigger', flags: { allow_concurrent_calls: true } };
}
