/**
 * The editor canvas's nodes and edges as a far-canvas scene (farScene.ts): every card at the position React Flow
 * has for it (a card being dragged included), every connection from its port to its target's input, as the DOM
 * edges draw them. Pure.
 */
import type { NodeHandle } from '@xyflow/react';
import { cardColour } from './colours';
import { createScene, type Scene, type SceneCard, type SceneLink } from './farScene';
import type { PortFlowEdge, WidgetFlowNode } from './mapping';

/** The colour of connections (the DOM edges' stroke, canvas.css). */
export const LINK_COLOUR = '#8c96a5';
const SELECTED_LINK_COLOUR = '#1f4fc1';

function handleOf(
  node: WidgetFlowNode,
  id: string | null | undefined,
  type: 'source' | 'target',
): NodeHandle | undefined {
  return node.handles?.find((h) => h.type === type && (type === 'target' || h.id === id));
}

export function widgetScene(nodes: readonly WidgetFlowNode[], edges: readonly PortFlowEdge[]): Scene {
  const byId = new Map<string, WidgetFlowNode>();
  const cards: SceneCard[] = nodes.map((node) => {
    byId.set(node.id, node);
    const { problems } = node.data;
    return {
      id: node.id,
      x: node.position.x,
      y: node.position.y,
      width: node.width ?? 0,
      height: node.height ?? 0,
      fill: cardColour(node.data),
      label: node.data.name,
      problem:
        problems === null
          ? null
          : problems.error > 0
            ? 'error'
            : problems.warning > 0
              ? 'warning'
              : problems.info > 0
                ? 'info'
                : null,
      selected: node.selected === true,
    };
  });
  const links: SceneLink[] = [];
  for (const edge of edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) continue;
    const out = handleOf(source, edge.sourceHandle, 'source');
    const into = handleOf(target, null, 'target');
    links.push({
      sx: source.position.x + (out ? out.x + (out.width ?? 0) / 2 : (source.width ?? 0) / 2),
      sy: source.position.y + (out ? out.y + (out.height ?? 0) : (source.height ?? 0)),
      tx: target.position.x + (into ? into.x + (into.width ?? 0) / 2 : (target.width ?? 0) / 2),
      ty: target.position.y + (into ? into.y : 0),
      colour: edge.selected === true ? SELECTED_LINK_COLOUR : LINK_COLOUR,
    });
  }
  return createScene(cards, links);
}
