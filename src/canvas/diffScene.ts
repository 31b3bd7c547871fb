/**
 * The compare canvas's nodes and edges as a far-canvas scene (farScene.ts), as widgetScene.ts does for the editor:
 * each card in its change colour (unchanged ones light, removed ones faded), each connection in its edge colour,
 * removed ones dashed. Pure.
 */
import { createScene, linkEnds, type Scene, type SceneCard, type SceneLink } from './farScene';
import { DIFF_COLOURS, EDGE_COLOURS, UNCHANGED_BLOCK } from './diffCards';
import type { DiffFlowEdge, DiffFlowNode } from './diffMapping';

export function diffScene(
  nodes: readonly DiffFlowNode[],
  edges: readonly DiffFlowEdge[],
  selectedId: string | null,
): Scene {
  const byId = new Map<string, DiffFlowNode>();
  const cards: SceneCard[] = nodes.map((node) => {
    byId.set(node.id, node);
    const { kind } = node.data;
    return {
      id: node.id,
      x: node.position.x,
      y: node.position.y,
      width: node.width ?? 0,
      height: node.height ?? 0,
      fill: kind === 'unchanged' ? UNCHANGED_BLOCK : DIFF_COLOURS[kind],
      label: node.data.name,
      problem: null,
      selected: node.id === selectedId,
      faded: kind === 'removed',
    };
  });
  const links: SceneLink[] = [];
  for (const edge of edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) continue;
    const kind = edge.data?.kind ?? 'unchanged';
    links.push({
      ...linkEnds(source, edge.sourceHandle, target),
      colour: EDGE_COLOURS[kind],
      dashed: kind === 'removed',
    });
  }
  return createScene(cards, links);
}
