/**
 * The compare canvas's nodes and edges as a far-canvas scene (farScene.ts), as widgetScene.ts does for the editor:
 * each card in its change colour (unchanged ones light, removed ones faded), each connection in its edge colour,
 * removed ones dashed. Pure.
 */
import type { NodeHandle } from '@xyflow/react';
import { createScene, type Scene, type SceneCard, type SceneLink } from './farScene';
import { DIFF_COLOURS, EDGE_COLOURS, type DiffFlowEdge, type DiffFlowNode } from './diffMapping';

function handleOf(
  node: DiffFlowNode,
  id: string | null | undefined,
  type: 'source' | 'target',
): NodeHandle | undefined {
  return node.handles?.find((h) => h.type === type && (type === 'target' || h.id === id));
}

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
      fill: kind === 'unchanged' ? '#d3d8df' : DIFF_COLOURS[kind],
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
    const out = handleOf(source, edge.sourceHandle, 'source');
    const into = handleOf(target, null, 'target');
    const kind = edge.data?.kind ?? 'unchanged';
    links.push({
      sx: source.position.x + (out ? out.x + (out.width ?? 0) / 2 : (source.width ?? 0) / 2),
      sy: source.position.y + (out ? out.y + (out.height ?? 0) : (source.height ?? 0)),
      tx: target.position.x + (into ? into.x + (into.width ?? 0) / 2 : (target.width ?? 0) / 2),
      ty: target.position.y + (into ? into.y : 0),
      colour: EDGE_COLOURS[kind],
      dashed: kind === 'removed',
    });
  }
  return createScene(cards, links);
}
