/**
 * A widget's output ports as people read them: each port of `widgetPorts` (src/model/ports.ts) with its label from
 * the widget's type (`eventLabel`: "Incoming message", "No condition matches", "Condition 2"). The canvas cards, the
 * inspector's Transitions section and the diff name ports with these words, so they agree everywhere.
 */
import { widgetPorts, type PortId } from '../model/ports';
import type { Widget } from '../model/types';
import { eventLabel, getWidgetType, type WidgetTypeInfo } from './registry';

/** One output port of a widget, labelled. */
export interface LabelledPort {
  id: PortId;
  label: string;
  connected: boolean;
  event: string;
  /** Index of the port's transition in `widget.transitions`, or -1 when the widget has none for this event. */
  transitionIndex: number;
  /** The widget the port leads to, when connected. */
  next?: string;
}

function portLabel(widget: Widget, event: string, label: string | undefined, k: number | undefined): string {
  if (label !== undefined) return label;
  const base = eventLabel(widget.type, event);
  return k === undefined ? base : `${base} ${k + 1}`;
}

/** The event names of a type, once per registry entry (the canvas asks for every widget of a 2,000-widget flow). */
const EVENTS = new WeakMap<WidgetTypeInfo, readonly string[]>();
function eventsOf(info: WidgetTypeInfo): readonly string[] {
  let events = EVENTS.get(info);
  if (!events) EVENTS.set(info, (events = info.events.map((e) => e.event)));
  return events;
}

/**
 * Every output port of a widget with its label, in the card's order. Tolerates a widget whose `transitions` is not
 * an array (imported flows are checked, not trusted): it then has the ports of its type, none connected.
 */
export function labelledPorts(widget: Widget): LabelledPort[] {
  const info = getWidgetType(widget.type);
  const events = info ? eventsOf(info) : [];
  const repeatingEvent = info?.repeatingEvent;
  const transitions = Array.isArray(widget.transitions) ? widget.transitions : [];
  const safe = transitions === widget.transitions ? widget : { ...widget, transitions };
  const ports: LabelledPort[] = [];
  let repeatK = 0;
  for (const port of widgetPorts(safe, events, repeatingEvent)) {
    const k = port.event === repeatingEvent ? repeatK++ : undefined;
    const labelled: LabelledPort = {
      id: port.id,
      label: portLabel(widget, port.event, port.label, k),
      connected: port.next !== undefined,
      event: port.event,
      transitionIndex: port.transitionIndex,
    };
    if (port.next !== undefined) labelled.next = port.next;
    ports.push(labelled);
  }
  return ports;
}
