import { describe, expect, it } from 'vitest';
import { moveWidgets, setWidgetProperty } from '../model/commands';
import type { FlowDefinition } from '../model/types';
import type { SeverityCounts } from '../store/problemSummary';
import { MAX_OFFSET } from '../layout/offsets';
import { cardSize } from '../layout/cardGeometry';
import { edgeId, summarize } from './cards';
import { createCanvasMapper, nodeHandles } from './mapping';
import { reconcileEdges, reconcileNodes } from './reconcile';

const NONE = new Map<string, SeverityCounts>();

function flow(): FlowDefinition {
  return {
    description: 'Test',
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
    states: [
      {
        name: 'Trigger',
        type: 'trigger',
        transitions: [
          { event: 'incomingMessage', next: 'ask' },
          { event: 'incomingCall' },
          { event: 'incomingRequest' },
        ],
        properties: { offset: { x: 0, y: 0 } },
      },
      {
        name: 'ask',
        type: 'send-and-wait-for-reply',
        transitions: [
          { event: 'incomingMessage', next: 'split_1' },
          { event: 'timeout' },
          { event: 'deliveryFailure' },
        ],
        properties: { body: 'Reply 1 or 2\n  please', offset: { x: 0, y: 200 } },
      },
      {
        name: 'split_1',
        type: 'split-based-on',
        transitions: [
          { event: 'noMatch', next: 'bye' },
          {
            event: 'match',
            next: 'one',
            conditions: [
              { friendly_name: 'If value equal_to 1', type: 'equal_to', value: '1', arguments: ['x'] },
            ],
          },
          {
            event: 'match',
            next: 'missing',
            conditions: [{ type: 'equal_to', value: '2', arguments: ['x'] }],
          },
        ],
        properties: { input: '{{widgets.ask.inbound.Body}}', offset: { x: 0, y: 400 } },
      },
      {
        name: 'one',
        type: 'set-variables',
        transitions: [{ event: 'next', next: 'bye' }],
        properties: {
          variables: [
            { key: 'choice', value: '1' },
            { key: 'when', value: 'now' },
          ],
          offset: { x: -300, y: 600 },
        },
      },
      {
        name: 'bye',
        type: 'send-message',
        transitions: [{ event: 'sent' }, { event: 'failed' }],
        properties: { body: 'Bye', offset: { x: 200, y: 800 } },
      },
    ],
  };
}

describe('createCanvasMapper', () => {
  it('maps every widget to a card at its offset, named for assistive technology', () => {
    const model = createCanvasMapper()({ definition: flow(), problemsByWidget: NONE, selection: [] });
    expect(model.nodes.map((n) => n.id)).toEqual(['Trigger', 'ask', 'split_1', 'one', 'bye']);
    const ask = model.nodes[1];
    expect(ask?.position).toEqual({ x: 0, y: 200 });
    expect(ask?.ariaLabel).toBe('ask');
    expect(ask?.data).toMatchObject({
      name: 'ask',
      typeTitle: 'Send & Wait For Reply',
      category: 'messaging',
      summary: 'Reply 1 or 2 please',
      initial: false,
      trigger: false,
    });
    expect(model.nodes[0]?.deletable).toBe(false);
    expect(model.nodes[0]?.data.initial).toBe(true);
    expect(model.nodes[3]?.data.summary).toBe('choice, when');
  });

  it('gives each port in registry order, one per split condition plus No Condition Matches', () => {
    const model = createCanvasMapper()({ definition: flow(), problemsByWidget: NONE, selection: [] });
    const split = model.nodes.find((n) => n.id === 'split_1');
    expect(split?.data.ports).toEqual([
      { id: 'noMatch', label: 'No Condition Matches', connected: true },
      { id: 'match:0', label: 'If value equal_to 1', connected: true },
      { id: 'match:1', label: 'Condition 2', connected: true },
    ]);
    const trigger = model.nodes[0];
    expect(trigger?.data.ports.map((p) => p.id)).toEqual([
      'incomingMessage',
      'incomingCall',
      'incomingConversationMessage',
      'incomingRequest',
      'incomingParent',
    ]);
    // Known size and handles: nothing to measure.
    expect(trigger?.width).toBe(cardSize(5).width);
    expect(trigger?.height).toBe(cardSize(5).height);
    expect(trigger?.handles?.filter((h) => h.type === 'target')).toEqual([]);
    expect(split?.handles?.map((h) => h.id)).toEqual(['noMatch', 'match:0', 'match:1', null]);
  });

  it('labels one edge per connected port and leaves out edges to missing widgets', () => {
    const model = createCanvasMapper()({ definition: flow(), problemsByWidget: NONE, selection: [] });
    expect(model.edges.map((e) => [e.id, e.source, e.sourceHandle, e.target, e.label])).toEqual([
      ['Trigger::incomingMessage', 'Trigger', 'incomingMessage', 'ask', 'Incoming Message'],
      ['ask::incomingMessage', 'ask', 'incomingMessage', 'split_1', 'Reply'],
      ['split_1::noMatch', 'split_1', 'noMatch', 'bye', 'No Condition Matches'],
      ['split_1::match:0', 'split_1', 'match:0', 'one', 'If value equal_to 1'],
      ['one::next', 'one', 'next', 'bye', 'Next'],
    ]);
    expect(edgeId('split_1', 'match:0')).toBe('split_1::match:0');
  });

  it('returns the same node and edge objects for every widget a one-widget edit did not touch', () => {
    const map = createCanvasMapper();
    const before = flow();
    const a = map({ definition: before, problemsByWidget: NONE, selection: [] });
    const after = setWidgetProperty(before, 'bye', 'body', 'Goodbye!');
    const b = map({ definition: after, problemsByWidget: NONE, selection: [] });
    expect(b.nodes).toHaveLength(a.nodes.length);
    for (let i = 0; i < a.nodes.length; i++) {
      if (a.nodes[i]?.id === 'bye') expect(b.nodes[i]).not.toBe(a.nodes[i]);
      else expect(b.nodes[i]).toBe(a.nodes[i]);
    }
    for (let i = 0; i < a.edges.length; i++) expect(b.edges[i]).toBe(a.edges[i]);
    expect(b.nodes.find((n) => n.id === 'bye')?.data.summary).toBe('Goodbye!');

    // Same inputs again: the same model.
    const sel: string[] = [];
    const c = map({ definition: after, problemsByWidget: NONE, selection: sel });
    expect(map({ definition: after, problemsByWidget: NONE, selection: sel })).toBe(c);
  });

  it('changes only the moved card on a move, and only the affected cards on selection and problems', () => {
    const map = createCanvasMapper();
    const def = flow();
    const a = map({ definition: def, problemsByWidget: NONE, selection: [] });
    const moved = moveWidgets(def, new Map([['one', { x: 10, y: 20 }]]));
    const b = map({ definition: moved, problemsByWidget: NONE, selection: [] });
    expect(b.nodes.filter((n, i) => n !== a.nodes[i]).map((n) => n.id)).toEqual(['one']);
    expect(b.nodes[3]?.position).toEqual({ x: 10, y: 20 });

    const c = map({ definition: moved, problemsByWidget: NONE, selection: ['ask'] });
    expect(c.nodes.filter((n, i) => n !== b.nodes[i]).map((n) => n.id)).toEqual(['ask']);
    expect(c.nodes[1]?.selected).toBe(true);
    expect(c.nodes[1]?.data).toBe(b.nodes[1]?.data);

    // Problems compared by value: fresh counts objects with the same numbers change nothing.
    const problems = new Map([['bye', { error: 1, warning: 0, info: 0 }]]);
    const d = map({ definition: moved, problemsByWidget: problems, selection: ['ask'] });
    expect(d.nodes.filter((n, i) => n !== c.nodes[i]).map((n) => n.id)).toEqual(['bye']);
    expect(d.nodes[4]?.data.problems).toEqual({ error: 1, warning: 0, info: 0 });
    const e = map({
      definition: moved,
      problemsByWidget: new Map([['bye', { error: 1, warning: 0, info: 0 }]]),
      selection: ['ask'],
    });
    expect(e.nodes.every((n, i) => n === d.nodes[i])).toBe(true);
  });

  it('skips a second widget with the same name (React Flow ids must be unique)', () => {
    const def = flow();
    const bye = def.states[4];
    if (!bye) throw new Error('fixture');
    const dup = { ...def, states: [...def.states, { ...bye, properties: { offset: { x: 9, y: 9 } } }] };
    const model = createCanvasMapper()({ definition: dup, problemsByWidget: NONE, selection: [] });
    expect(model.nodes.filter((n) => n.id === 'bye')).toHaveLength(1);
  });
});

/**
 * `flow()` with offsets no canvas can draw, as JSON.parse reads them from a file: 1e308 stays a (finite) number,
 * 1e400 becomes Infinity, "100" stays a string.
 */
function hostileFlow(): FlowDefinition {
  const text = JSON.stringify(flow())
    .replace('"offset":{"x":0,"y":0}', '"offset":{"x":1e308,"y":-1e308}')
    .replace('"offset":{"x":0,"y":200}', '"offset":{"x":-1e308,"y":1e308}')
    .replace('"offset":{"x":0,"y":400}', '"offset":{"x":1e400,"y":-1e400}')
    .replace('"offset":{"x":-300,"y":600}', '"offset":{"x":"100","y":"100"}');
  return JSON.parse(text) as FlowDefinition;
}

describe('createCanvasMapper with positions no canvas can draw', () => {
  it('puts every card at a finite position within ±MAX_OFFSET, clamped to the edge, without touching the flow', () => {
    const definition = hostileFlow();
    const before = structuredClone(definition);
    const model = createCanvasMapper()({ definition, problemsByWidget: NONE, selection: ['ask'] });
    expect(model.nodes.map((n) => n.id)).toEqual(['Trigger', 'ask', 'split_1', 'one', 'bye']);
    for (const node of model.nodes) {
      expect(Number.isFinite(node.position.x) && Number.isFinite(node.position.y)).toBe(true);
      expect(Math.abs(node.position.x)).toBeLessThanOrEqual(MAX_OFFSET);
      expect(Math.abs(node.position.y)).toBeLessThanOrEqual(MAX_OFFSET);
    }
    expect(model.nodes.map((n) => n.position)).toEqual([
      { x: MAX_OFFSET, y: -MAX_OFFSET },
      { x: -MAX_OFFSET, y: MAX_OFFSET },
      { x: MAX_OFFSET, y: -MAX_OFFSET }, // Infinity, -Infinity
      { x: 0, y: 0 }, // strings: no position
      { x: 200, y: 800 },
    ]);
    // still selectable, and every connection drawn
    expect(model.nodes[1]?.selected).toBe(true);
    const plain = createCanvasMapper()({ definition: flow(), problemsByWidget: NONE, selection: [] });
    expect(model.edges.map((e) => e.id)).toEqual(plain.edges.map((e) => e.id));
    // display only: the definition is exactly as it was (Infinity included)
    expect(definition).toEqual(before);
    const split = definition.states[2]?.properties.offset as { x: number };
    expect(split.x).toBe(Infinity);
  });
});

describe('nodeHandles', () => {
  it('puts the ports in rows of three along the bottom and the input in the top middle', () => {
    const [a, b, input] = nodeHandles(['sent', 'failed'], true);
    const { width, height } = cardSize(2);
    // A port's edge leaves from the middle of its box's bottom, the card's bottom edge for a single row.
    expect(a).toMatchObject({ id: 'sent', type: 'source', x: 1, y: height - 1 - 22, width: 119, height: 22 });
    expect(b).toMatchObject({ id: 'failed', x: 120 });
    expect((input?.x ?? 0) + (input?.width ?? 0) / 2).toBe(width / 2);
    expect(input).toMatchObject({ id: null, type: 'target', y: -5 });
    const five = nodeHandles(['a', 'b', 'c', 'd', 'e'], false);
    expect(five.map((h) => [Math.round(h.x), h.y])).toEqual([
      [1, 63],
      [80, 63],
      [160, 63],
      [1, 85],
      [80, 85],
    ]);
    expect((five[4]?.y ?? 0) + 22).toBe(cardSize(5).height - 1);
  });
});

describe('summarize', () => {
  it('gives one line of plain text', () => {
    expect(summarize('Hello\n\n<b>there</b>')).toBe('Hello <b>there</b>');
    expect(summarize('x'.repeat(300))).toHaveLength(140);
    expect(summarize(3)).toBe('3');
    expect(summarize(undefined)).toBe('');
    expect(summarize([])).toBe('');
    expect(summarize([1, 2])).toBe('2 items');
    expect(summarize({ a: 1 })).toBe('');
  });
});

describe('reconcile', () => {
  it('keeps local objects (measured, mid-drag) for unchanged nodes and takes changed ones', () => {
    const map = createCanvasMapper();
    const def = flow();
    const a = map({ definition: def, problemsByWidget: NONE, selection: [] });
    const local = a.nodes.map((n) => (n.id === 'ask' ? { ...n, position: { x: 5, y: 5 } } : n));
    const b = map({
      definition: moveWidgets(def, new Map([['bye', { x: 1, y: 1 }]])),
      problemsByWidget: NONE,
      selection: [],
    });
    const next = reconcileNodes(b.nodes, a.nodes, local);
    expect(next[1]).toBe(local[1]);
    expect(next[4]).toBe(b.nodes[4]);
    expect(reconcileNodes(b.nodes, b.nodes, next)).toBe(next);
  });

  it('keeps edge selection across a change of the edge', () => {
    const map = createCanvasMapper();
    const def = flow();
    const a = map({ definition: def, problemsByWidget: NONE, selection: [] });
    const local = a.edges.map((e) => (e.id === 'ask::incomingMessage' ? { ...e, selected: true } : e));
    const b = map({
      definition: moveWidgets(def, new Map([['bye', { x: 1, y: 1 }]])),
      problemsByWidget: NONE,
      selection: [],
    });
    const next = reconcileEdges(b.edges, a.edges, local);
    expect(next.find((e) => e.id === 'ask::incomingMessage')?.selected).toBe(true);
    // nothing changed in the edges: the very same local array
    expect(next).toBe(local);
  });
});
