/**
 * The canvas keeps its own copy of the nodes and edges (React Flow's controlled state): what mapping produced,
 * plus what only React Flow knows (measured sizes, positions in the middle of a drag, which edge is selected).
 * When mapping produces a new model, the local copy is brought up to date here, keeping the local objects of
 * everything mapping did not change, so React Flow sees the same objects and re-renders nothing for them.
 *
 * Pure: no React, no DOM.
 */
import type { Edge, Node } from '@xyflow/react';

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) map.set(item.id, item);
  return map;
}

/**
 * The local copies for a new mapped list: an item mapping did not change keeps its local object; a changed one is
 * `changedItem(mapped, local)`. Returns `previousLocal` itself when nothing changed.
 */
function reconcile<T extends { id: string }>(
  next: T[],
  previousMapped: readonly T[],
  previousLocal: T[],
  changedItem: (item: T, mine: T | undefined) => T,
): T[] {
  if (next === previousMapped) return previousLocal;
  const mapped = byId(previousMapped);
  const local = byId(previousLocal);
  let changed = next.length !== previousLocal.length;
  const out = next.map((item, i) => {
    const mine = local.get(item.id);
    const result = mine && mapped.get(item.id) === item ? mine : changedItem(item, mine);
    if (result !== previousLocal[i]) changed = true;
    return result;
  });
  return changed ? out : previousLocal;
}

/**
 * The local nodes for a new mapped model. A node mapping did not change keeps its local object (with any
 * position React Flow is dragging it through); a changed node takes the mapped object (which carries its size
 * and handles, so React Flow measures nothing). Returns `previousLocal` itself when nothing changed.
 */
export function reconcileNodes<N extends Node>(
  next: N[],
  previousMapped: readonly N[],
  previousLocal: N[],
): N[] {
  return reconcile(next, previousMapped, previousLocal, (node) => node);
}

/**
 * The local edges for a new mapped model: an unchanged edge keeps its local object (and so its selection); a
 * changed edge keeps whether it was selected.
 */
export function reconcileEdges<E extends Edge>(
  next: E[],
  previousMapped: readonly E[],
  previousLocal: E[],
): E[] {
  return reconcile(next, previousMapped, previousLocal, (edge, mine) =>
    mine?.selected ? { ...edge, selected: true } : edge,
  );
}
