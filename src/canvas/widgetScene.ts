/**
 * The editor canvas's nodes and edges as a far-canvas scene (farScene.ts): every card at the position React Flow
 * has for it (a card being dragged included, and marked `moving`), every connection from its port to its target's
 * input, as the DOM edges draw them. Pure.
 *
 * A card is drawn the same whether its widget is selected or not (a selected card is a DOM card on top of it),
 * except while it is pressed or dragged, when it is drawn selected, on the moving layer.
 *
 * Cards and links are kept per node and edge object: a node object that has not changed gives the same card, and
 * an edge whose object and two nodes have not changed gives the same link. At each frame of a far drag only the
 * dragged nodes are new objects, so a 1,000-widget scene costs its few moving cards and their links, not 1,000 cards
 * and 2,000 links made again.
 */
import { nodeBox } from '../model/geometry';
import { cardColour, EDGE_COLOUR, SELECTED_COLOUR } from './colours';
import {
  createScene,
  sceneLink,
  sceneLinks,
  type LinkStyle,
  type Scene,
  type SceneCard,
  type SceneLink,
} from './farScene';
import type { PortFlowEdge, WidgetFlowNode } from './mapping';

/** Cards already made, by node object (a node object's fields do not change: React Flow's nodes are replaced). */
const cards = new WeakMap<WidgetFlowNode, SceneCard>();

/** Links already made, by edge object, with the two node objects they were made from. */
const links = new WeakMap<
  PortFlowEdge,
  { source: WidgetFlowNode; target: WidgetFlowNode; link: SceneLink }
>();

function cardOf(node: WidgetFlowNode): SceneCard {
  let card = cards.get(node);
  if (!card) {
    const { problems } = node.data;
    card = {
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
      // Drawn as selected only while it is pressed or dragged (then it is drawn, moving). Otherwise a selected card
      // is a DOM card on top of its drawing on the editor's far canvas, so it is drawn the same selected or not:
      // selecting or deselecting a card leaves the picture as it was (FarLayer does not draw it again).
      selected: node.selected === true && node.dragging === true,
    };
    cards.set(node, card);
  }
  return card;
}

function linkOf(
  edge: PortFlowEdge,
  source: WidgetFlowNode,
  target: WidgetFlowNode,
  style: LinkStyle<PortFlowEdge>,
): SceneLink {
  const known = links.get(edge);
  if (known && known.source === source && known.target === target) return known.link;
  const link = sceneLink(edge, source, target, style);
  links.set(edge, { source, target, link });
  return link;
}

const linkStyle: LinkStyle<PortFlowEdge> = (edge) => ({
  colour: edge.selected === true ? SELECTED_COLOUR : EDGE_COLOUR,
});

export function widgetScene(nodes: readonly WidgetFlowNode[], edges: readonly PortFlowEdge[]): Scene {
  const moving = new Set<string>();
  for (const node of nodes) if (node.dragging === true) moving.add(node.id);
  return createScene(nodes.map(cardOf), sceneLinks(nodes, edges, linkStyle, linkOf), moving);
}
