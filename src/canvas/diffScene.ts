/**
 * The compare canvas's nodes and edges as a far-canvas scene (farScene.ts), as widgetScene.ts does for the editor:
 * each card in its change colour (unchanged ones light, removed ones faded), each connection in its edge colour,
 * removed ones dashed. Pure.
 */
import { nodeBox } from '../model/geometry';
import { createScene, sceneLinks, type Scene, type SceneCard } from './farScene';
import { DIFF_COLOURS, EDGE_COLOURS, UNCHANGED_BLOCK } from './diffCards';
import type { DiffFlowEdge, DiffFlowNode } from './diffMapping';

export function diffScene(
  nodes: readonly DiffFlowNode[],
  edges: readonly DiffFlowEdge[],
  selectedId: string | null,
): Scene {
  const cards: SceneCard[] = nodes.map((node) => {
    const { kind } = node.data;
    return {
      id: node.id,
      ...nodeBox(node),
      fill: kind === 'unchanged' ? UNCHANGED_BLOCK : DIFF_COLOURS[kind],
      label: node.data.name,
      problem: null,
      selected: node.id === selectedId,
      faded: kind === 'removed',
    };
  });
  const links = sceneLinks(nodes, edges, (edge) => {
    const kind = edge.data?.kind ?? 'unchanged';
    return { colour: EDGE_COLOURS[kind], dashed: kind === 'removed' };
  });
  return createScene(cards, links);
}
