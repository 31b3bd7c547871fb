/**
 * The editor canvas's nodes and edges as a far-canvas scene (farScene.ts): every card at the position React Flow
 * has for it (a card being dragged included, and marked `moving`), every connection from its port to its target's
 * input, as the DOM edges draw them. Pure.
 */
import { nodeBox } from '../model/geometry';
import { cardColour, EDGE_COLOUR, SELECTED_COLOUR } from './colours';
import { createScene, sceneLinks, type Scene, type SceneCard } from './farScene';
import type { PortFlowEdge, WidgetFlowNode } from './mapping';

export function widgetScene(nodes: readonly WidgetFlowNode[], edges: readonly PortFlowEdge[]): Scene {
  const cards: SceneCard[] = nodes.map((node) => {
    const { problems } = node.data;
    return {
      id: node.id,
      ...nodeBox(node),
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
  const links = sceneLinks(nodes, edges, (edge) => ({
    colour: edge.selected === true ? SELECTED_COLOUR : EDGE_COLOUR,
  }));
  const moving = new Set(nodes.filter((n) => n.dragging === true).map((n) => n.id));
  return createScene(cards, links, moving);
}
