import { describe, expect, it } from 'vitest';
import { diffFlows } from '../diff';
import type { FlowDefinition } from '../model/types';
import { cardOfNode } from '../testing/canvas';
import { corpusFiles } from '../testing/corpus';
import { diffCards } from './diffCards';
import { createDiffMapper } from './diffMapping';

/** The corpus flow with its second half of widgets moved, one removed and one renamed. */
function edited(def: FlowDefinition): FlowDefinition {
  const states = def.states.map((w, i) => {
    if (i === 1) return { ...w, name: `${w.name}_renamed` };
    if (i % 2 === 0) return w;
    const offset = (w.properties as { offset?: { x: number; y: number } }).offset;
    return offset ? { ...w, properties: { ...w.properties, offset: { x: offset.x + 50, y: offset.y } } } : w;
  });
  return { ...def, states: states.filter((_, i) => i !== 2) };
}

describe('diffCards', () => {
  it('are the diff canvas’s nodes and edges, on corpus flows', () => {
    for (const { file, text } of corpusFiles().slice(0, 30)) {
      const base = JSON.parse(text) as FlowDefinition;
      const changed = edited(base);
      const diff = diffFlows(base, changed);
      for (const includeLayout of [false, true]) {
        const input = { diff, base, changed, includeLayout, positions: null };
        const { cards, links } = diffCards(input);
        const { nodes, edges } = createDiffMapper()({ ...input, selectedId: null });
        expect(cards.map(cardOfNode), file).toEqual(nodes.map(cardOfNode));
        expect(
          links.map((l) => [l.id, l.source, l.port, l.target, l.label, l.ariaLabel, l.kind]),
          file,
        ).toEqual(
          edges.map((e) => [e.id, e.source, e.sourceHandle, e.target, e.label, e.ariaLabel, e.data?.kind]),
        );
      }
    }
  });

  it('places cards at layout positions when given, within ±MAX_OFFSET', () => {
    const { text } = corpusFiles()[0] as { text: string };
    const base = JSON.parse(text) as FlowDefinition;
    const diff = diffFlows(base, base);
    const first = diff.widgets[0]?.id as string;
    const positions = new Map([[first, { x: 5e9, y: -20 }]]);
    const { cards } = diffCards({ diff, base, changed: base, includeLayout: false, positions });
    expect(cards.find((c) => c.id === first)?.position).toEqual({ x: 1_000_000, y: -20 });
  });
});
