import type { Edge, Node } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { reconcileEdges, reconcileNodes } from './reconcile';

const node = (id: string, x = 0): Node => ({ id, position: { x, y: 0 }, data: {} });
const edge = (id: string, target = 'b'): Edge => ({ id, source: 'a', target });

describe('reconcileNodes', () => {
  it('keeps the local object of every node mapping did not change, in the new order', () => {
    const a = node('a');
    const b = node('b');
    const mapped = [a, b];
    const dragged = { ...a, position: { x: 50, y: 0 } };
    const local = [dragged, b];
    expect(reconcileNodes(mapped, mapped, local)).toBe(local);
    const b2 = node('b', 10);
    const c = node('c');
    const next = reconcileNodes([b2, a, c], mapped, local);
    expect(next).toEqual([b2, dragged, c]);
    expect(next[1]).toBe(dragged);
    expect(next[0]).toBe(b2);
  });

  it('returns the local list itself when nothing it holds changed', () => {
    const a = node('a');
    const mapped = [a];
    const local = [{ ...a, position: { x: 5, y: 0 } }];
    expect(reconcileNodes([a], mapped, local)).toBe(local);
    expect(reconcileNodes(mapped.slice(), mapped, local)).toBe(local);
    // A node mapped anew replaces the local one; a node gone shortens the list.
    const a2 = node('a', 1);
    expect(reconcileNodes([a2], mapped, local)).toEqual([a2]);
    expect(reconcileNodes([], mapped, local)).toEqual([]);
  });
});

describe('reconcileEdges', () => {
  it('keeps the local object of unchanged edges, and the selection of changed ones', () => {
    const e1 = edge('e1');
    const e2 = edge('e2');
    const mapped = [e1, e2];
    const local = [{ ...e1, selected: true }, e2];
    const retargeted = edge('e1', 'c');
    const next = reconcileEdges([retargeted, e2], mapped, local);
    expect(next[0]).toEqual({ ...retargeted, selected: true });
    expect(next[1]).toBe(e2);
    const unselected = reconcileEdges([edge('e2', 'd')], mapped, local);
    expect(unselected[0]?.selected).toBeUndefined();
  });
});
