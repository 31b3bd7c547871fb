import { describe, expect, it } from 'vitest';
import type { FlowDefinition, Widget } from '../model/types';
import type { SeverityCounts } from '../store/problemSummary';
import { cardOfNode } from '../testing/canvas';
import { corpusFiles } from '../testing/corpus';
import { cardContent, cardLinks, drawnLinks, drawnWidgets, flowCards } from './cards';
import { createCanvasMapper } from './mapping';

const NONE = new Map<string, SeverityCounts>();

function widget(name: string, type: string, transitions: Widget['transitions'] = []): Widget {
  return { name, type, transitions, properties: { offset: { x: 0, y: 0 } } };
}

function flow(states: unknown[]): FlowDefinition {
  return {
    description: '',
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
    states,
  } as FlowDefinition;
}

describe('drawnWidgets', () => {
  it('keeps objects with a string name, the first of each name, in state order', () => {
    const a = widget('a', 'send-message');
    const again = widget('a', 'say-play');
    const b = widget('b', 'say-play');
    const drawn = drawnWidgets(flow([a, 'text', 7, { type: 'send-message' }, again, b, { name: 3 }]));
    expect(drawn).toEqual([a, b]);
    expect(drawn[0]).toBe(a);
    expect(drawnWidgets({ ...flow([]), states: undefined } as unknown as FlowDefinition)).toEqual([]);
  });
});

describe('cardLinks and drawnLinks', () => {
  it('draw one link per connected port, only to a drawn widget with an input', () => {
    const trigger = widget('Trigger', 'trigger', [{ event: 'incomingMessage', next: 'ask' }]);
    const ask = widget('ask', 'send-message', [
      { event: 'sent', next: 'Trigger' },
      { event: 'failed', next: 'nobody' },
    ]);
    const widgets = drawnWidgets(flow([trigger, ask]));
    expect(cardLinks('ask', cardContent(ask)).map((l) => l.target)).toEqual(['Trigger', 'nobody']);
    const links = drawnLinks(widgets, (w) => cardLinks(w.name, cardContent(w)));
    expect(links.map(({ id, source, port, target }) => ({ id, source, port, target }))).toEqual([
      { id: 'Trigger::incomingMessage', source: 'Trigger', port: 'incomingMessage', target: 'ask' },
    ]);
    expect(links[0]?.label).toBe(cardContent(trigger).ports[0]?.label);
  });
});

describe('flowCards', () => {
  it('are the editor canvas’s nodes and edges, on every corpus flow', () => {
    for (const { file, text } of corpusFiles()) {
      const definition = JSON.parse(text) as FlowDefinition;
      const { cards, links } = flowCards(definition);
      const { nodes, edges } = createCanvasMapper()({ definition, problemsByWidget: NONE, selection: [] });
      expect(cards.map(cardOfNode), file).toEqual(nodes.map(cardOfNode));
      expect(
        links.map((l) => [l.id, l.source, l.port, l.target, l.label]),
        file,
      ).toEqual(edges.map((e) => [e.id, e.source, e.sourceHandle, e.target, e.label]));
    }
  });
});
