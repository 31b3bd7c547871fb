import { describe, expect, it } from 'vitest';
import { diffFlows } from '../diff';
import type { FlowDiff, WidgetDiff } from '../diff/types';
import type { FlowDefinition, Widget } from '../model/types';
import { changeDescription, displayKind, unionLayout } from './diffCards';
import { createDiffMapper, type DiffFlowNode, type DiffMapInput } from './diffMapping';
import { MAX_OFFSET } from '../layout/offsets';
import { cardSize } from '../layout/cardGeometry';
import { nodeHandles } from './mapping';
import { diffInput } from '../testing/canvas';

function w(
  name: string,
  type: string,
  transitions: Widget['transitions'],
  properties: Widget['properties'],
): Widget {
  return { name, type, transitions, properties };
}

function baseFlow(): FlowDefinition {
  return {
    description: 'Test',
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
    states: [
      w('Trigger', 'trigger', [{ event: 'incomingMessage', next: 'ask' }, { event: 'incomingCall' }], {
        offset: { x: 0, y: 0 },
      }),
      w(
        'ask',
        'send-and-wait-for-reply',
        [
          { event: 'incomingMessage', next: 'split' },
          { event: 'timeout', next: 'bye' },
          { event: 'deliveryFailure' },
        ],
        { body: 'Reply 1 or 2', offset: { x: 0, y: 200 } },
      ),
      w(
        'split',
        'split-based-on',
        [
          { event: 'noMatch', next: 'bye' },
          {
            event: 'match',
            next: 'one',
            conditions: [{ friendly_name: 'If 1', type: 'equal_to', value: '1', arguments: ['x'] }],
          },
          {
            event: 'match',
            next: 'bye',
            conditions: [{ friendly_name: 'If 2', type: 'equal_to', value: '2', arguments: ['x'] }],
          },
        ],
        { input: '{{widgets.ask.inbound.Body}}', offset: { x: 0, y: 400 } },
      ),
      w('one', 'send-message', [{ event: 'sent' }, { event: 'failed' }], {
        body: 'One',
        offset: { x: -300, y: 600 },
      }),
      w('bye', 'send-message', [{ event: 'sent' }, { event: 'failed' }], {
        body: 'Bye',
        offset: { x: 300, y: 600 },
      }),
      w('old_note', 'send-message', [{ event: 'sent' }, { event: 'failed' }], {
        body: 'Gone',
        offset: { x: 600, y: 600 },
      }),
      w('greet', 'send-message', [{ event: 'sent' }, { event: 'failed' }], {
        body: 'Hello there, welcome',
        to: '{{contact.channel.address}}',
        offset: { x: 900, y: 600 },
      }),
    ],
  };
}

/**
 * From the base: `ask` retargets timeout (bye -> one); `split` loses its "If 2" condition; `one` gets a new body and
 * moves; `bye` only moves; `old_note` is removed; `greet` is renamed `welcome`; `send_message_1` is added.
 */
function changedFlow(): FlowDefinition {
  const base = baseFlow();
  const [trigger, ask, split, one, bye, , greet] = base.states as [
    Widget,
    Widget,
    Widget,
    Widget,
    Widget,
    Widget,
    Widget,
  ];
  return {
    ...base,
    states: [
      trigger,
      {
        ...ask,
        transitions: [
          { event: 'incomingMessage', next: 'split' },
          { event: 'timeout', next: 'one' },
          { event: 'deliveryFailure' },
        ],
      },
      { ...split, transitions: split.transitions.slice(0, 2) },
      { ...one, properties: { body: 'One!', offset: { x: -300, y: 700 } } },
      { ...bye, properties: { body: 'Bye', offset: { x: 300, y: 700 } } },
      { ...greet, name: 'welcome' },
      w('send_message_1', 'send-message', [{ event: 'sent', next: 'bye' }, { event: 'failed' }], {
        body: 'New',
        offset: { x: 900, y: 900 },
      }),
    ],
  };
}

function setup(overrides: Partial<DiffMapInput> = {}) {
  const base = baseFlow();
  const changed = changedFlow();
  const input = diffInput(base, changed, overrides);
  return { base, changed, diff: input.diff, input, model: createDiffMapper()(input) };
}

function node(nodes: readonly DiffFlowNode[], id: string): DiffFlowNode {
  const found = nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
}

function attrs(n: DiffFlowNode): Record<string, unknown> {
  return n.domAttributes as Record<string, unknown>;
}

describe('diff mapping: nodes', () => {
  it('draws one node per widget of the union, in diff order, at the changed offset or else the base one', () => {
    const { diff, model } = setup();
    expect(model.nodes.map((n) => n.id)).toEqual(diff.widgets.map((x) => x.id));
    expect(model.nodes.map((n) => n.id).sort()).toEqual(
      ['Trigger', 'ask', 'bye', 'old_note', 'one', 'send_message_1', 'split', 'welcome'].sort(),
    );
    expect(node(model.nodes, 'one').position).toEqual({ x: -300, y: 700 });
    expect(node(model.nodes, 'old_note').position).toEqual({ x: 600, y: 600 });
    expect(node(model.nodes, 'send_message_1').position).toEqual({ x: 900, y: 900 });
  });

  it("classes, badges, data-change and aria-description say each widget's change", () => {
    const { model } = setup();
    const expected: Record<string, [string, string | null, string]> = {
      Trigger: ['unchanged', null, 'unchanged'],
      ask: ['rewired', 'Rewired', 'rewired'],
      split: ['rewired', 'Rewired', 'rewired'],
      one: ['changed', 'Changed', 'changed'],
      bye: ['unchanged', null, 'unchanged'],
      old_note: ['removed', 'Removed', 'removed'],
      welcome: ['renamed', 'Renamed', 'renamed from greet'],
      send_message_1: ['added', 'Added', 'added'],
    };
    for (const [id, [kind, badge, description]] of Object.entries(expected)) {
      const n = node(model.nodes, id);
      expect(n.data.kind, id).toBe(kind);
      expect(n.data.badge, id).toBe(badge);
      expect(n.className, id).toContain(`dn dn-${kind}`);
      expect(attrs(n)['data-change'], id).toBe(kind);
      expect(attrs(n)['aria-description'], id).toBe(description);
      expect('aria-describedby' in attrs(n)).toBe(true);
      expect(attrs(n)['aria-describedby']).toBeUndefined();
    }
    expect(node(model.nodes, 'welcome').data.was).toBe('greet');
    expect(node(model.nodes, 'welcome').ariaLabel).toBe('welcome');
    expect(node(model.nodes, 'old_note').ariaLabel).toBe('old_note');
    expect(node(model.nodes, 'one').data.was).toBeNull();
  });

  it('shows moves only with layout changes', () => {
    const { model } = setup({ includeLayout: true });
    expect(attrs(node(model.nodes, 'bye'))['data-change']).toBe('moved');
    expect(node(model.nodes, 'bye').data.badge).toBe('Moved');
    expect(attrs(node(model.nodes, 'one'))['aria-description']).toBe('changed, moved');
    expect(attrs(node(model.nodes, 'one'))['data-change']).toBe('changed');
  });

  it('is read-only: not draggable, connectable or deletable; sizes and handles known', () => {
    const { model } = setup();
    for (const n of model.nodes) {
      expect(n.draggable).toBe(false);
      expect(n.connectable).toBe(false);
      expect(n.deletable).toBe(false);
      expect(n.measured).toEqual({ width: n.width, height: n.height });
      expect(n.handles).toEqual(
        nodeHandles(
          n.data.ports.map((p) => p.id),
          !n.data.trigger,
        ),
      );
      expect({ width: n.width, height: n.height }).toEqual(cardSize(n.data.ports.length));
    }
  });

  it('keeps a deleted split condition as a struck-through port its removed connection leaves from', () => {
    const { model } = setup();
    const split = node(model.nodes, 'split');
    expect(split.data.ports.map((p) => [p.id, p.label, p.removed === true])).toEqual([
      ['noMatch', 'No Condition Matches', false],
      ['match:0', 'If 1', false],
      ['was:match:1', 'If 2', true],
    ]);
    const removed = model.edges.find((e) => e.source === 'split' && e.data?.kind === 'removed');
    expect(removed?.sourceHandle).toBe('was:match:1');
    expect(removed?.target).toBe('bye');
  });
});

describe('diff mapping: edges', () => {
  it('has one edge per EdgeDiff (ids kept), leaving from the port of its transition, changed ones last', () => {
    const { diff, model } = setup();
    expect(model.edges.map((e) => e.id).sort()).toEqual(diff.edges.map((e) => e.id).sort());
    const kinds = model.edges.map((e) => e.data?.kind);
    const firstChanged = kinds.findIndex((k) => k !== 'unchanged');
    expect(kinds.slice(firstChanged).every((k) => k !== 'unchanged')).toBe(true);
    for (const edge of model.edges) {
      expect(edge.type).toBe('diff');
      expect(edge.className).toBe(`de de-${edge.data?.kind ?? ''}`);
      expect(edge.targetHandle).toBeUndefined();
    }
    const byEnds = (source: string, target: string) =>
      model.edges.filter((e) => e.source === source && e.target === target);
    // The retargeted timeout: the old connection and the new one both leave from the `timeout` port.
    expect(byEnds('ask', 'bye').map((e) => [e.sourceHandle, e.data?.kind])).toEqual([['timeout', 'removed']]);
    expect(byEnds('ask', 'one').map((e) => [e.sourceHandle, e.data?.kind])).toEqual([['timeout', 'added']]);
    expect(byEnds('ask', 'split').map((e) => [e.sourceHandle, e.data?.kind])).toEqual([
      ['incomingMessage', 'unchanged'],
    ]);
    expect(byEnds('split', 'one').map((e) => e.sourceHandle)).toEqual(['match:0']);
    expect(byEnds('send_message_1', 'bye').map((e) => [e.sourceHandle, e.data?.kind])).toEqual([
      ['sent', 'added'],
    ]);
    expect(byEnds('ask', 'bye')[0]?.ariaLabel).toBe('ask: No Reply to bye (removed)');
  });

  it('follows renames: edges to a renamed widget go to its union id', () => {
    const base = baseFlow();
    const changed = changedFlow();
    const [trigger] = changed.states as [Widget];
    changed.states[0] = {
      ...trigger,
      transitions: [
        { event: 'incomingMessage', next: 'ask' },
        { event: 'incomingCall', next: 'welcome' },
      ],
    };
    const model = createDiffMapper()(diffInput(base, changed));
    const edge = model.edges.find((e) => e.source === 'Trigger' && e.target === 'welcome');
    expect(edge?.sourceHandle).toBe('incomingCall');
    expect(edge?.data?.kind).toBe('added');
  });
});

describe('diff mapping: caching', () => {
  it('returns the same model for the same input, and reuses untouched nodes when the selection changes', () => {
    const { input } = setup();
    const map = createDiffMapper();
    const first = map(input);
    expect(map({ ...input })).toBe(first);
    const selected = map({ ...input, selectedId: 'ask' });
    expect(node(selected.nodes, 'ask').selected).toBe(true);
    expect(node(selected.nodes, 'ask').data).toBe(node(first.nodes, 'ask').data);
    expect(selected.edges).toBe(first.edges);
    const changedNodes = selected.nodes.filter((n, i) => n !== first.nodes[i]).map((n) => n.id);
    expect(changedNodes).toEqual(['ask']);
    const again = map({ ...input, selectedId: 'one' });
    expect(
      again.nodes
        .filter((n, i) => n !== selected.nodes[i])
        .map((n) => n.id)
        .sort(),
    ).toEqual(['ask', 'one']);
  });

  it('rebuilds only moved widgets when layout changes are toggled, and uses layout positions when given', () => {
    const { input } = setup();
    const map = createDiffMapper();
    const first = map(input);
    const withLayout = map({ ...input, includeLayout: true });
    const rebuilt = withLayout.nodes
      .filter((n, i) => n !== first.nodes[i])
      .map((n) => n.id)
      .sort();
    expect(rebuilt).toEqual(['bye', 'one']);
    const positions = new Map([['ask', { x: 5, y: 7 }]]);
    const laidOut = map({ ...input, positions });
    expect(node(laidOut.nodes, 'ask').position).toEqual({ x: 5, y: 7 });
    expect(node(laidOut.nodes, 'one').position).toEqual({ x: -300, y: 700 });
  });
});

describe('diff mapping: helpers', () => {
  const wd = (kinds: WidgetDiff['kinds'], baseName?: string): WidgetDiff => ({
    id: 'x',
    kind: kinds[0] ?? 'unchanged',
    kinds,
    type: 'send-message',
    ...(baseName !== undefined ? { baseName } : {}),
    changedName: 'x',
    properties: [],
    transitions: [],
  });

  it('describes every kind, the old name of a rename, and hides moves without layout', () => {
    expect(changeDescription(wd(['renamed', 'changed', 'moved'], 'Old'), false)).toBe(
      'renamed from Old, changed',
    );
    expect(changeDescription(wd(['renamed', 'changed', 'moved'], 'Old'), true)).toBe(
      'renamed from Old, changed, moved',
    );
    expect(changeDescription(wd(['moved']), false)).toBe('unchanged');
    expect(displayKind(wd(['moved']), false)).toBe('unchanged');
    expect(displayKind(wd(['moved']), true)).toBe('moved');
    expect(displayKind(wd(['rewired', 'moved']), false)).toBe('rewired');
  });

  it('builds a union definition that needs layout only when offsets are missing or piled up', () => {
    const { base, changed, diff } = setup();
    const layout = unionLayout(diff, base, changed);
    expect(layout.needed).toBe(false);
    expect(layout.definition.states.map((s) => s.name)).toEqual(diff.widgets.map((x) => x.id));
    const ask = layout.definition.states.find((s) => s.name === 'ask');
    expect(ask?.transitions).toEqual([
      { event: 'incomingMessage', next: 'split' },
      { event: 'timeout', next: 'bye' },
      { event: 'timeout', next: 'one' },
    ]);
    expect(layout.nodeSize(ask as Widget)).toEqual(cardSize(3));
    expect(
      layout.nodeSize({ name: 'split', type: 'split-based-on', transitions: [], properties: {} }),
    ).toEqual(cardSize(3));

    const bare = (def: FlowDefinition): FlowDefinition => ({
      ...def,
      states: def.states.map((s) => ({ ...s, properties: { ...s.properties, offset: { x: 0, y: 0 } } })),
    });
    const b2 = bare(base);
    const c2 = bare(changed);
    const diff2: FlowDiff = diffFlows(b2, c2);
    expect(unionLayout(diff2, b2, c2).needed).toBe(true);
  });
});

describe('diff mapping: positions no canvas can draw', () => {
  /** `def` with offsets as JSON.parse reads them from a file (1e400 is Infinity, "100" a string). */
  function hostile(def: FlowDefinition, offsets: Record<string, string>): FlowDefinition {
    const text = JSON.stringify(def, (_key, value: unknown) =>
      typeof value === 'object' && value !== null && 'name' in value && (value as Widget).name in offsets
        ? { ...value, properties: { ...(value as Widget).properties, offset: `@${(value as Widget).name}@` } }
        : value,
    ).replace(/"@([^@"]+)@"/g, (_, name: string) => offsets[name] ?? 'null');
    return JSON.parse(text) as FlowDefinition;
  }
  const HUGE = {
    Trigger: '{"x":1e308,"y":-1e308}',
    ask: '{"x":-1e308,"y":1e308}',
    one: '{"x":12345678,"y":-12345678}',
  };

  it('draws every card at a finite position within ±MAX_OFFSET, and leaves both versions as they were', () => {
    const base = hostile(baseFlow(), { ...HUGE, split: '{"x":1e400,"y":"100"}' });
    const changed = hostile(changedFlow(), { ...HUGE, split: '{"x":"100","y":"100"}' });
    const before = structuredClone([base, changed]);
    const input = diffInput(base, changed, { includeLayout: true, selectedId: 'ask' });
    const { diff } = input;
    const { nodes } = createDiffMapper()(input);
    expect(nodes.map((n) => n.id)).toEqual(diff.widgets.map((x) => x.id));
    for (const n of nodes) {
      expect(Math.abs(n.position.x)).toBeLessThanOrEqual(MAX_OFFSET);
      expect(Math.abs(n.position.y)).toBeLessThanOrEqual(MAX_OFFSET);
    }
    expect(node(nodes, 'Trigger').position).toEqual({ x: MAX_OFFSET, y: -MAX_OFFSET });
    expect(node(nodes, 'ask').position).toEqual({ x: -MAX_OFFSET, y: MAX_OFFSET });
    expect(node(nodes, 'ask').selected).toBe(true);
    expect(node(nodes, 'one').position).toEqual({ x: MAX_OFFSET, y: -MAX_OFFSET });
    expect(node(nodes, 'split').position).toEqual({ x: 0, y: 0 }); // drawn from the changed version: strings
    expect([base, changed]).toEqual(before);
  });

  it('clamps layout positions too', () => {
    const { input } = setup();
    const { nodes } = createDiffMapper()({
      ...input,
      positions: new Map([['ask', { x: 5e6, y: -Infinity }]]),
    });
    expect(node(nodes, 'ask').position).toEqual({ x: MAX_OFFSET, y: -MAX_OFFSET });
  });

  it('lays out the union when offsets cannot be drawn where they say, as the editor does, from the offsets as written', () => {
    const base = hostile(baseFlow(), HUGE);
    const changed = hostile(changedFlow(), HUGE);
    const layout = unionLayout(diffFlows(base, changed), base, changed);
    expect(layout.needed).toBe(true);
    const trigger = layout.definition.states.find((x) => x.name === 'Trigger');
    expect(trigger?.properties.offset).toEqual({ x: 1e308, y: -1e308 });
    expect(unionLayout(diffFlows(baseFlow(), changedFlow()), baseFlow(), changedFlow()).needed).toBe(false);

    const infinite = hostile(changedFlow(), { ...HUGE, bye: '{"x":1e400,"y":0}' });
    expect(unionLayout(diffFlows(base, infinite), base, infinite).needed).toBe(true);
  });
});
