/**
 * FlowDiff -> React Flow view model of the diff canvas: one node per card and one edge per connection of the
 * union (diffCards.ts), coloured by how each changed.
 *
 * Pure (no React, no DOM: only types come from @xyflow/react, and the handles from mapping.ts), and cached: what depends
 * on the diff alone (cards, ports, handles, edges) is built once per `FlowDiff` object; a node is rebuilt only when
 * its kind as shown (moved-only widgets depend on `includeLayout`), position or selection changes, so switching
 * the selection re-renders two cards, not 2,000.
 */
import type { Edge, Node, NodeHandle } from '@xyflow/react';
import type { WidgetDiff } from '../diff/types';
import type { Offset } from '../model/types';
import {
  changeDescription,
  diffBuild,
  diffCardData,
  diffCardPosition,
  displayKind,
  EDGE_COLOURS,
  type DiffBuild,
  type DiffCardsInput,
  type DiffCardView,
  type DiffDisplayKind,
  type DiffNodeData,
  type EdgeChangeKind,
} from './diffCards';
import { nodeHandles } from './mapping';

export type DiffFlowNode = Node<DiffNodeData, 'diff'>;

export interface DiffEdgeData extends Record<string, unknown> {
  kind: EdgeChangeKind;
}

export type DiffFlowEdge = Edge<DiffEdgeData, 'diff'>;

export interface DiffModel {
  nodes: DiffFlowNode[];
  edges: DiffFlowEdge[];
}

export interface DiffMapInput extends DiffCardsInput {
  selectedId: string | null;
}

const ARROW = { type: 'arrowclosed', width: 14, height: 14 } as const;

const handlesOf = new WeakMap<DiffCardView, NodeHandle[]>();

function handles(view: DiffCardView): NodeHandle[] {
  let made = handlesOf.get(view);
  if (!made) {
    made = nodeHandles(
      view.ports.map((p) => p.id),
      !view.trigger,
    );
    handlesOf.set(view, made);
  }
  return made;
}

const edgesOf = new WeakMap<DiffBuild, DiffFlowEdge[]>();

/** The union's connections as React Flow edges, once per build. */
function edges(made: DiffBuild): DiffFlowEdge[] {
  let out = edgesOf.get(made);
  if (!out) {
    out = made.links.map((link): DiffFlowEdge => ({
      id: link.id,
      type: 'diff',
      source: link.source,
      sourceHandle: link.port,
      target: link.target,
      label: link.label,
      className: `de de-${link.kind}`,
      ariaLabel: link.ariaLabel,
      markerEnd: { ...ARROW, color: EDGE_COLOURS[link.kind] },
      data: { kind: link.kind },
    }));
    edgesOf.set(made, out);
  }
  return out;
}

function buildNode(
  view: DiffCardView,
  kind: DiffDisplayKind,
  description: string,
  position: Offset,
  selected: boolean,
): DiffFlowNode {
  const { width, height } = view.size;
  // Attributes on React Flow's node element itself (the element with role="group" and the widget's name).
  const domAttributes: Record<string, string | undefined> = {
    'data-change': kind,
    'aria-description': description,
    // React Flow's own keyboard help ("press enter to select, arrows to move") does not apply here: the change is
    // the node's description.
    'aria-describedby': undefined,
  };
  return {
    id: view.diff.id,
    type: 'diff',
    position: { x: position.x, y: position.y },
    width,
    height,
    measured: { width, height },
    handles: handles(view),
    selected,
    draggable: false,
    connectable: false,
    deletable: false,
    ariaLabel: view.name,
    className: `wn dn dn-${kind} wn-cat-${view.content.category}${view.trigger ? ' wn-trigger' : ''}`,
    domAttributes,
    data: diffCardData(view, kind, description),
  };
}

interface NodeEntry {
  node: DiffFlowNode;
  description: string;
  x: number;
  y: number;
  selected: boolean;
}

/**
 * Makes a mapper from a diff (and what the canvas shows of it) to nodes and edges, remembering what it built. Use
 * one per canvas. Calling it again with the same inputs returns the same model object.
 */
export function createDiffMapper(): (input: DiffMapInput) => DiffModel {
  const entries = new WeakMap<WidgetDiff, NodeEntry>();
  let last: { input: DiffMapInput; model: DiffModel } | null = null;

  return (input) => {
    if (
      last !== null &&
      last.input.diff === input.diff &&
      last.input.base === input.base &&
      last.input.changed === input.changed &&
      last.input.includeLayout === input.includeLayout &&
      last.input.selectedId === input.selectedId &&
      last.input.positions === input.positions
    ) {
      return last.model;
    }
    const made = diffBuild(input.diff, input.base, input.changed);
    const nodes: DiffFlowNode[] = [];
    for (const view of made.order) {
      const w = view.diff;
      const description = changeDescription(w, input.includeLayout);
      const at = diffCardPosition(view, input.positions);
      const selected = input.selectedId === w.id;
      const entry = entries.get(w);
      if (
        entry &&
        entry.description === description &&
        entry.x === at.x &&
        entry.y === at.y &&
        entry.selected === selected
      ) {
        nodes.push(entry.node);
        continue;
      }
      const node =
        entry && entry.description === description && entry.x === at.x && entry.y === at.y
          ? { ...entry.node, selected }
          : buildNode(view, displayKind(w, input.includeLayout), description, at, selected);
      entries.set(w, { node, description, x: at.x, y: at.y, selected });
      nodes.push(node);
    }
    const model: DiffModel = { nodes, edges: edges(made) };
    last = { input, model };
    return model;
  };
}
