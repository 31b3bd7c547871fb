/**
 * The editor canvas's nodes and edges as a far-canvas scene (farScene.ts): every card at the position React Flow
 * has for it (a card being dragged included), every connection from its port to its target's input, as the DOM
 * edges draw them. Pure.
 */
import { cardColour, EDGE_COLOUR, SELECTED_COLOUR } from './colours';
import { createScene, linkEnds, type Scene, type SceneCard, type SceneLink } from './farScene';
import type { PortFlowEdge, WidgetFlowNode } from './mapping';

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
    links.push({
      ...linkEnds(source, edge.sourceHandle, target),
      colour: edge.selected === true ? SELECTED_COLOUR : EDGE_COLOUR,
    });
  }
  return createScene(cards, links);
}
