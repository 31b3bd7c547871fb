/**
 * Definition -> React Flow view model: one node per widget, one edge per connected port (what the cards show and
 * which connections are drawn: cards.ts).
 *
 * Pure (no React, no DOM: only types and the `Position` constants come from @xyflow/react), and incremental. Results are cached per widget
 * object, and definitions are never mutated, so a widget that did not change yields the very same node and edge
 * objects as before. React Flow compares nodes and edges by identity: after a one-widget edit only that widget's
 * card re-renders, and nothing rebuilds the graph. Problem counts are compared by value (the validator recomputes
 * the counts objects on every edit), selection by membership.
 *
 * Every node is at a finite position within ±MAX_OFFSET (`displayOffset`), whatever the offset in the document.
 *
 * A card's size is fixed by its number of ports (`cardSize`, src/layout/cardGeometry.ts), the same formula
 * auto-layout uses, so React Flow knows every node's size before it is measured (fit view, culling) and the
 * level-of-detail switch never resizes a card.
 */
import { Position, type Edge, type Node, type NodeHandle } from '@xyflow/react';
import { CARD_WIDTH, cardSize, INPUT_KNOB, portBox } from '../layout/cardGeometry';
import { displayOffset } from '../layout/offsets';
import { TRIGGER_TYPE } from '../model/commands';
import type { PortId } from '../model/ports';
import type { FlowDefinition, Widget } from '../model/types';
import type { SeverityCounts } from '../store/problemSummary';
import {
  cardContent,
  cardData,
  cardLinks,
  drawnLinks,
  drawnWidgets,
  portViews,
  type CategorySlug,
  type PortView,
  type WidgetNodeData,
} from './cards';

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

/**
 * The card's handles as React Flow measures them in the DOM (relative to the card's border box): each port's box
 * (edges leave from its bottom middle) and the input knob in the middle of the top edge. Given to React Flow as
 * the node's `handles`, so edges to cards that are not rendered (culled off-screen) attach where they will be.
 */
export function nodeHandles(portIds: readonly PortId[], withInput: boolean): NodeHandle[] {
  const handles: NodeHandle[] = portIds.map((id, i) => ({
    id,
    type: 'source',
    position: Position.Bottom,
    ...portBox(i, portIds.length),
  }));
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

function buildWidgetView(widget: Widget): WidgetView {
  const content = cardContent(widget);
  const ports = portViews(content);
  const edges = cardLinks(widget.name, content).map((link): PortFlowEdge => ({
    id: link.id,
    type: 'port',
    source: link.source,
    sourceHandle: link.port,
    target: link.target,
    label: link.label,
    ariaLabel: `${link.source}: ${link.label} to ${link.target}`,
    data: { port: link.port },
  }));
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
    data: cardData(widget, view, view.ports, problems, initial),
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
    const widgets = drawnWidgets(definition);

    const outNodes: WidgetFlowNode[] = [];
    const viewsInOrder: WidgetView[] = [];
    for (const widget of widgets) {
      let view = views.get(widget);
      if (!view) {
        view = buildWidgetView(widget);
        views.set(widget, view);
      }
      viewsInOrder.push(view);

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

    const outEdges = drawnLinks(widgets, (_widget, i) => (viewsInOrder[i] as WidgetView).edges);

    const model: CanvasModel = { nodes: outNodes, edges: outEdges };
    last = { input, selection, model };
    return model;
  };
}
