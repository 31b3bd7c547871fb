/**
 * Output ports of a widget: one per output event as Studio's canvas shows it.
 *
 * A port is named by a `PortId`: the event name for ordinary events (`incomingMessage`, `noMatch`), and
 * `<event>:<k>` for the k-th (0-based) transition of the repeating event, i.e. `match:<k>` for the k-th condition
 * transition of a split-based-on (each condition is its own port). Event names never contain `:`. The same
 * `<event>:<k>` form names the second, third… transition of a duplicated ordinary event (`failed:1`).
 *
 * Which events a widget type has, and in which order, is a registry fact (src/schema): callers pass it in, the model
 * imports nothing from the app.
 *
 * Pure TypeScript: no DOM, no Node built-ins.
 */
import type { Transition, Widget } from './types';

/** `noMatch`, `incomingCall`, or `match:0`, `match:1`… for split conditions. */
export type PortId = string;

export interface Port {
  id: PortId;
  event: string;
  /** Index of the port's transition in `widget.transitions`, or -1 when the widget has none for this event yet. */
  transitionIndex: number;
  /** The widget the port leads to, when connected (an empty `next` counts as not connected). */
  next?: string;
  /** Split conditions: the first condition's `friendly_name`, when it has one. */
  label?: string;
}

/** The port id of the k-th (0-based) transition of a repeating event: `match:2`. */
export function repeatingPortId(event: string, k: number): PortId {
  return `${event}:${k}`;
}

/** What a port id names: an ordinary event, or the k-th transition of a repeating event (`match:<k>`). */
export type ParsedPortId = { event: string; k?: undefined } | { event: string; k: number };

const REPEATING_PORT = /^(.+):(0|[1-9][0-9]*)$/;

export function parsePortId(portId: PortId): ParsedPortId {
  const m = REPEATING_PORT.exec(portId);
  if (m?.[1] !== undefined && m[2] !== undefined) return { event: m[1], k: Number(m[2]) };
  return { event: portId };
}

/**
 * Index in `widget.transitions` of the transition a port stands for, or -1 when the widget has none (for `<event>:<k>`:
 * when it has fewer than k+1 transitions of that event). An ordinary event is its first transition of that event.
 */
export function portTransitionIndex(widget: Widget, portId: PortId): number {
  const { event, k } = parsePortId(portId);
  const transitions = widget.transitions;
  let seen = 0;
  for (let i = 0; i < transitions.length; i++) {
    if (transitions[i]?.event !== event) continue;
    if (k === undefined || seen === k) return i;
    seen++;
  }
  return -1;
}

function connected(t: Transition): string | undefined {
  return typeof t.next === 'string' && t.next !== '' ? t.next : undefined;
}

function portOf(id: PortId, event: string, t: Transition | undefined, i: number): Port {
  const port: Port = { id, event, transitionIndex: t === undefined ? -1 : i };
  if (t !== undefined) {
    const next = connected(t);
    if (next !== undefined) port.next = next;
  }
  return port;
}

/**
 * The output ports of `widget`, in canvas order:
 * - the events of `eventsInOrder` (the registry's order for the widget's type), each once; an event the widget has
 *   no transition for gets `transitionIndex: -1`;
 * - `repeatingEvent` (`match` for split-based-on) expands, where the registry lists it, to one port per existing
 *   transition of that event, in transition order (none while the split has no condition);
 * - then the events the widget has transitions for but the registry does not list, in transition order, so that
 *   nothing is hidden.
 *
 * A second transition of an ordinary event (a malformed widget, which validation reports; one real flow has it) is
 * not hidden either: it follows the first as port `<event>:1` (then `<event>:2`…), the same id scheme as split
 * conditions, so `connect`/`disconnect` address it too.
 */
export function widgetPorts(
  widget: Widget,
  eventsInOrder: readonly string[],
  repeatingEvent?: string,
): Port[] {
  const transitions = widget.transitions;
  const ports: Port[] = [];
  const listed = new Set<string>();

  /** Every transition of `event`, or one unwired port when it has none and is not repeating. */
  const add = (event: string): void => {
    const repeating = event === repeatingEvent;
    let k = 0;
    for (let i = 0; i < transitions.length; i++) {
      const t = transitions[i];
      if (t?.event !== event) continue;
      const port = portOf(repeating || k > 0 ? repeatingPortId(event, k) : event, event, t, i);
      if (repeating) {
        const label = t.conditions?.[0]?.friendly_name;
        if (typeof label === 'string' && label !== '') port.label = label;
      }
      ports.push(port);
      k++;
    }
    if (k === 0 && !repeating) ports.push(portOf(event, event, undefined, -1));
  };

  for (const event of eventsInOrder) {
    if (listed.has(event)) continue;
    listed.add(event);
    add(event);
  }
  for (const t of transitions) {
    if (listed.has(t.event)) continue;
    listed.add(t.event);
    add(t.event);
  }
  return ports;
}
