/**
 * Definition -> React Flow view model: one node per widget, one edge per connected port.
 *
 * Pure (no React, no DOM: only types and the `Position` constants come from @xyflow/react), and incremental. Results are cached per widget
 * object, and definitions are never mutated, so a widget that did not change yields the very same node and edge
 * objects as before. React Flow compares nodes and edges by identity: after a one-widget edit only that widget's
 * card re-renders, and nothing rebuilds the graph. Problem counts are compared by value (the validator recomputes
 * the counts objects on every edit), selection by membership.
 *
 * Every node is at a finite position within ±MAX_OFFSET (`displayOffset`), whatever the offset in the document.
 *
 * A card's size is fixed by its number of ports (see `cardSize`), the same formula auto-layout uses, so React
 * Flow knows every node's size before it is measured (fit view, culling) and the level-of-detail switch never
 * resizes a card.
 */
import { Position, type Edge, type Node, type NodeHandle } from '@xyflow/react';
import { CARD_BASE_HEIGHT, CARD_WIDTH, PORT_ROW_HEIGHT, PORTS_PER_ROW } from '../layout';
import { displayOffset } from '../layout/offsets';
import { TRIGGER_TYPE } from '../model/commands';
import { widgetPorts, type PortId } from '../model/ports';
import type { FlowDefinition, Widget } from '../model/types';
import { categorySlug, eventLabel, getWidgetType, type CategorySlug } from '../schema/registry';
import type { SeverityCounts } from '../store/problemSummary';

/** A category's slug (the CSS class suffix of its cards, `wn-cat-messaging`) is the schema layer's. */
export { categorySlug, type CategorySlug };

/** One output port as the card shows it. */
export interface PortView {
  id: PortId;
  label: string;
  connected: boolean;
}

/** What a card shows, and nothing else (the card re-renders when, and only when, this changes). */
export interface WidgetNodeData extends Record<string, unknown> {
  name: string;
  type: string;
  /** "Send Message"; the type itself for types the registry does not know. */
  typeTitle: string;
  category: CategorySlug;
  /** One line: the key property (message body, URL, variable tested...) as plain text; '' when there is none. */
  summary: string;
  ports: readonly PortView[];
  /** Problem counts, or null when the widget has none. */
  problems: Readonly<SeverityCounts> | null;
  /** The flow's initial state. */
  initial: boolean;
  /** The Trigger: no input port, cannot be deleted or copied. */
  trigger: boolean;
}

export type WidgetFlowNode = Node<WidgetNodeData, 'widget'>;

export interface PortEdgeData extends Record<string, unknown> {
  /** The port the edge leaves from (the edge's `sourceHandle`). */
  port: PortId;
}

export type PortFlowEdge = Edge<PortEdgeData, 'port'>;

export interface CanvasInput {
  definition: FlowDefinition;
  /** Problem counts per widget name (widgets without problems absent). */
  problemsByWidget: ReadonlyMap<string, SeverityCounts>;
  /** Selected widget names. */
  selection: readonly string[];
}

/** Nodes and edges for React Flow. Treat them as read-only: they are shared with the mapper's cache. */
export interface CanvasModel {
  nodes: WidgetFlowNode[];
  edges: PortFlowEdge[];
}

/** The model's: the Trigger has no input port and cannot be deleted or copied. */
export { TRIGGER_TYPE };

/** Card size for a widget with `portCount` output ports: the formula of the layout's `defaultNodeSize`. */
export function cardSize(portCount: number): { width: number; height: number } {
  return {
    width: CARD_WIDTH,
    height: CARD_BASE_HEIGHT + PORT_ROW_HEIGHT * Math.ceil(portCount / PORTS_PER_ROW),
  };
}

/*
 * Card geometry (canvas.css draws exactly this): a 3 px category bar on top and 1 px borders elsewhere; inside
 * them 60 px of header, type and summary, then the ports in rows of three, 22 px high, each row's ports sharing
 * its width.
 */
const BORDER = 1;
const TOP_BORDER = 3;
const BODY_HEIGHT = CARD_BASE_HEIGHT - TOP_BORDER - BORDER;
const INPUT_KNOB = 10;

/** A port's box inside the card, relative to the card's padding box (CSS `left`/`top` of an absolute child). */
export interface PortRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export function portRect(index: number, count: number): PortRect {
  const columns = Math.min(PORTS_PER_ROW, count);
  const width = (CARD_WIDTH - 2 * BORDER) / columns;
  return {
    left: (index % PORTS_PER_ROW) * width,
    top: BODY_HEIGHT + Math.floor(index / PORTS_PER_ROW) * PORT_ROW_HEIGHT,
    width,
    height: PORT_ROW_HEIGHT,
  };
}

/**
 * The card's handles as React Flow measures them in the DOM (relative to the card's border box): each port's box
 * (edges leave from its bottom middle) and the input knob in the middle of the top edge. Given to React Flow as
 * the node's `handles`, so edges to cards that are not rendered (culled off-screen) attach where they will be.
 */
export function nodeHandles(portIds: readonly PortId[], withInput: boolean): NodeHandle[] {
  const handles: NodeHandle[] = portIds.map((id, i) => {
    const rect = portRect(i, portIds.length);
    return {
      id,
      type: 'source',
      position: Position.Bottom,
      x: rect.left + BORDER,
      y: rect.top + TOP_BORDER,
      width: rect.width,
      height: rect.height,
    };
  });
  if (withInput) {
    handles.push({
      id: null,
      type: 'target',
      position: Position.Top,
      x: CARD_WIDTH / 2 - INPUT_KNOB / 2,
      y: -INPUT_KNOB / 2,
      width: INPUT_KNOB,
      height: INPUT_KNOB,
    });
  }
  return handles;
}

/** Edge id of a port: `send_message_1::sent`, `split_1::match:0`. One edge per port. */
export function edgeId(from: string, port: PortId): string {
  return `${from}::${port}`;
}

const SUMMARY_MAX = 140;

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SUMMARY_MAX ? `${flat.slice(0, SUMMARY_MAX - 1)}…` : flat;
}

/** The card's one-line summary of a property value: text only, never markup. */
export function summarize(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return oneLine(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    // set-variables: [{ key, value }, …] -> "name, zip, …"
    const keys = value
      .map((item: unknown) =>
        typeof item === 'object' && item !== null && typeof (item as { key?: unknown }).key === 'string'
          ? (item as { key: string }).key
          : null,
      )
      .filter((k): k is string => k !== null && k !== '');
    if (keys.length > 0) return oneLine(keys.join(', '));
    return value.length === 0 ? '' : `${value.length} ${value.length === 1 ? 'item' : 'items'}`;
  }
  return '';
}

interface TypeView {
  typeTitle: string;
  category: CategorySlug;
  events: readonly string[];
  repeatingEvent: string | undefined;
  summaryProperty: string | undefined;
}

const typeViews = new Map<string, TypeView>();

function typeView(type: string): TypeView {
  let view = typeViews.get(type);
  if (!view) {
    const info = getWidgetType(type);
    view = {
      typeTitle: info?.title ?? type,
      category: categorySlug(info?.category ?? 'Other'),
      events: info ? info.events.map((e) => e.event) : [],
      repeatingEvent: info?.repeatingEvent,
      summaryProperty: info?.summaryProperty,
    };
    typeViews.set(type, view);
  }
  return view;
}

/** One output port of a card, with what it stands for in the widget (see `widgetPorts`). */
export interface CardPort extends PortView {
  event: string;
  /** Index of the port's transition in `widget.transitions`, or -1 when the widget has none for this event. */
  transitionIndex: number;
  /** The widget the port leads to, when connected. */
  next?: string;
}

/** What a widget's card shows, from the widget alone: title, category, summary and labelled ports. */
export interface CardContent {
  typeTitle: string;
  category: CategorySlug;
  summary: string;
  ports: CardPort[];
}

/** The card content of a widget (the editor's cards and the diff canvas's share it). */
export function cardContent(widget: Widget): CardContent {
  const view = typeView(widget.type);
  const ports: CardPort[] = [];
  const transitions = Array.isArray(widget.transitions) ? widget.transitions : [];
  const safe = transitions === widget.transitions ? widget : { ...widget, transitions };
  let repeatK = 0;
  for (const port of widgetPorts(safe, view.events, view.repeatingEvent)) {
    const k = port.event === view.repeatingEvent ? repeatK++ : undefined;
    const label = portLabel(widget, port.event, port.label, k);
    const card: CardPort = {
      id: port.id,
      label,
      connected: port.next !== undefined,
      event: port.event,
      transitionIndex: port.transitionIndex,
    };
    if (port.next !== undefined) card.next = port.next;
    ports.push(card);
  }
  const properties = (widget as { properties?: unknown }).properties;
  const summary =
    view.summaryProperty !== undefined && typeof properties === 'object' && properties !== null
      ? summarize((properties as Record<string, unknown>)[view.summaryProperty])
      : '';
  return { typeTitle: view.typeTitle, category: view.category, summary, ports };
}

/** What mapping caches per widget object: the parts that depend on the widget alone. */
interface WidgetView {
  ports: readonly PortView[];
  summary: string;
  typeTitle: string;
  category: CategorySlug;
  /** Every connected port's edge (the target may not exist: filtered when the edges are assembled). */
  edges: readonly PortFlowEdge[];
  handles: NodeHandle[];
}

function portLabel(widget: Widget, event: string, label: string | undefined, k: number | undefined): string {
  if (label !== undefined) return label;
  const base = eventLabel(widget.type, event);
  return k === undefined ? base : `${base} ${k + 1}`;
}

function buildWidgetView(widget: Widget): WidgetView {
  const content = cardContent(widget);
  const ports: PortView[] = [];
  const edges: PortFlowEdge[] = [];
  for (const port of content.ports) {
    ports.push({ id: port.id, label: port.label, connected: port.connected });
    if (port.next !== undefined) {
      edges.push({
        id: edgeId(widget.name, port.id),
        type: 'port',
        source: widget.name,
        sourceHandle: port.id,
        target: port.next,
        label: port.label,
        ariaLabel: `${widget.name}: ${port.label} to ${port.next}`,
        data: { port: port.id },
      });
    }
  }
  const handles = nodeHandles(
    ports.map((p) => p.id),
    widget.type !== TRIGGER_TYPE,
  );
  return {
    ports,
    summary: content.summary,
    typeTitle: content.typeTitle,
    category: content.category,
    edges,
    handles,
  };
}

interface NodeEntry {
  node: WidgetFlowNode;
  problems: SeverityCounts | undefined;
  selected: boolean;
  initial: boolean;
}

function sameCounts(a: SeverityCounts | undefined, b: SeverityCounts | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.error === b.error && a.warning === b.warning && a.info === b.info;
}

function buildNode(
  widget: Widget,
  view: WidgetView,
  problems: SeverityCounts | undefined,
  selected: boolean,
  initial: boolean,
): WidgetFlowNode {
  // Clamped within ±MAX_OFFSET for display only: a card at 1e308 would be off every canvas (React Flow's bounds,
  // the minimap and fit view would all become Infinity or NaN); the document keeps its offset.
  const offset = displayOffset(widget);
  const trigger = widget.type === TRIGGER_TYPE;
  const { width, height } = cardSize(view.ports.length);
  return {
    id: widget.name,
    type: 'widget',
    position: { x: offset.x, y: offset.y },
    // Known sizes and handles: React Flow needs no DOM measurement to place, cull, fit or connect the card.
    width,
    height,
    measured: { width, height },
    handles: view.handles,
    selected,
    deletable: !trigger,
    ariaLabel: widget.name,
    className: `wn wn-cat-${view.category}${trigger ? ' wn-trigger' : ''}`,
    data: {
      name: widget.name,
      type: widget.type,
      typeTitle: view.typeTitle,
      category: view.category,
      summary: view.summary,
      ports: view.ports,
      problems: problems ? { error: problems.error, warning: problems.warning, info: problems.info } : null,
      initial,
      trigger,
    },
  };
}

/**
 * Makes a mapper: a function from the editor's state to nodes and edges that remembers what it built. Use one per
 * canvas. Calling it again with the same inputs returns the same model object.
 */
export function createCanvasMapper(): (input: CanvasInput) => CanvasModel {
  const views = new WeakMap<Widget, WidgetView>();
  const nodes = new WeakMap<Widget, NodeEntry>();
  let last: { input: CanvasInput; selection: ReadonlySet<string>; model: CanvasModel } | null = null;

  return (input) => {
    if (
      last !== null &&
      last.input.definition === input.definition &&
      last.input.problemsByWidget === input.problemsByWidget &&
      last.input.selection === input.selection
    ) {
      return last.model;
    }
    const { definition, problemsByWidget } = input;
    const selection =
      last !== null && last.input.selection === input.selection ? last.selection : new Set(input.selection);
    const states = Array.isArray(definition.states) ? definition.states : [];

    const outNodes: WidgetFlowNode[] = [];
    // Names that can take an incoming edge (the Trigger has no input port). Duplicate names: the first wins,
    // as in every model command, and React Flow needs unique ids.
    const seen = new Set<string>();
    const targets = new Set<string>();
    const viewsInOrder: WidgetView[] = [];
    for (const widget of states) {
      if (typeof widget !== 'object' || typeof widget.name !== 'string' || seen.has(widget.name)) continue;
      seen.add(widget.name);
      let view = views.get(widget);
      if (!view) {
        view = buildWidgetView(widget);
        views.set(widget, view);
      }
      viewsInOrder.push(view);
      if (widget.type !== TRIGGER_TYPE) targets.add(widget.name);

      const problems = problemsByWidget.get(widget.name);
      const isSelected = selection.has(widget.name);
      const isInitial = widget.name === definition.initial_state;
      const entry = nodes.get(widget);
      if (
        entry &&
        entry.selected === isSelected &&
        entry.initial === isInitial &&
        sameCounts(entry.problems, problems)
      ) {
        outNodes.push(entry.node);
        continue;
      }
      const node =
        entry && entry.initial === isInitial && sameCounts(entry.problems, problems)
          ? { ...entry.node, selected: isSelected }
          : buildNode(widget, view, problems, isSelected, isInitial);
      nodes.set(widget, { node, problems, selected: isSelected, initial: isInitial });
      outNodes.push(node);
    }

    const outEdges: PortFlowEdge[] = [];
    for (const view of viewsInOrder) {
      for (const edge of view.edges) if (targets.has(edge.target)) outEdges.push(edge);
    }

    const model: CanvasModel = { nodes: outNodes, edges: outEdges };
    last = { input, selection, model };
    return model;
  };
}
