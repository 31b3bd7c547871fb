import { describe, expect, it } from 'vitest';
import { corpusFlow as flow } from '../testing/flows';
import {
  addWidget,
  connect,
  disconnect,
  moveWidgets,
  removeWidgets,
  renameWidget,
  replaceWidget,
  setDefinitionFields,
  setWidgetProperty,
} from '../model/commands';
import { incomingLinks } from '../model/graph';
import type { FlowDefinition, Transition, Widget } from '../model/types';
import { importFlowText } from '../io';
import { corpusFiles, LEGACY_FILE } from '../testing/corpus';
import { generateFlow } from '../../scripts/generate-flow';
import {
  comparePointers,
  diffFlows,
  effectiveKind,
  isVisibleChange,
  WIDGET_CHANGE_KINDS,
  type FlowDiff,
  type WidgetDiff,
} from './index';
import { LiquidRenamer } from './renames';

// ---------------------------------------------------------------------------------------------------------------
// Helpers

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function renamed(def: FlowDefinition, from: string, to: string): FlowDefinition {
  const r = renameWidget(def, from, to);
  if (!r.ok) throw new Error(r.reason);
  return r.def;
}

function widget(diff: FlowDiff, id: string): WidgetDiff {
  const w = diff.widgets.find((x) => x.id === id);
  if (w === undefined) throw new Error(`no widget ${id} in the diff`);
  return w;
}

/** The widgets that differ, as `id: kinds`. */
function changes(diff: FlowDiff): string[] {
  return diff.widgets.filter((w) => w.kind !== 'unchanged').map((w) => `${w.id}: ${w.kinds.join('+')}`);
}

function stateOf(def: FlowDefinition, name: string): Widget {
  const w = def.states.find((x) => x.name === name);
  if (w === undefined) throw new Error(`no widget ${name}`);
  return w;
}

const APALEO = 'real/apaleo__studio_flow.json';
const CAMH = 'real/tm__ca_988camh.json';
const apaleo = flow(APALEO);

// ---------------------------------------------------------------------------------------------------------------

describe('diffFlows: nothing changed', () => {
  it('reports a flow against itself as identical, every widget and edge unchanged', () => {
    const d = diffFlows(apaleo, apaleo);
    expect(d.summary.identical).toBe(true);
    expect(d.summary.identicalButLayout).toBe(true);
    expect(d.summary.counts).toEqual({ ...zeroCounts(), unchanged: apaleo.states.length });
    expect(d.widgets.map((w) => w.id)).toEqual(apaleo.states.map((w) => w.name));
    expect(d.widgets.every((w) => w.kinds.length === 1 && w.kinds[0] === 'unchanged')).toBe(true);
    expect(d.flow).toEqual([]);
    expect(d.renames).toEqual([]);
    const connected = apaleo.states.flatMap((w) => w.transitions.filter((t) => t.next));
    expect(d.edges).toHaveLength(connected.length);
    expect(d.edges.every((e) => e.kind === 'unchanged' && e.id.endsWith('→both'))).toBe(true);
  });

  it('compares by value: a deep copy, and a copy with keys in another order, are identical', () => {
    expect(diffFlows(apaleo, copy(apaleo)).summary.identical).toBe(true);
    const reordered = copy(apaleo);
    reordered.states = reordered.states.map((w) => {
      const props = Object.fromEntries(Object.entries(w.properties).reverse());
      const transitions = w.transitions.map(
        (t) => Object.fromEntries(Object.entries(t).reverse()) as Transition,
      );
      return { properties: props, transitions, type: w.type, name: w.name };
    });
    const d = diffFlows(apaleo, reordered);
    expect(d.summary.identical).toBe(true);
    expect(JSON.stringify(d.edges)).toBe(JSON.stringify(diffFlows(apaleo, apaleo).edges));
  });

  it('lists every kind in the counts, in significance order', () => {
    expect(Object.keys(diffFlows(apaleo, apaleo).summary.counts)).toEqual([...WIDGET_CHANGE_KINDS]);
  });
});

function zeroCounts(): Record<string, number> {
  return Object.fromEntries(WIDGET_CHANGE_KINDS.map((k) => [k, 0]));
}

describe('diffFlows: added and removed widgets', () => {
  it('reports an added widget, the rewired widget leading to it and the new edges', () => {
    let def = addWidget(apaleo, {
      type: 'send-message',
      name: 'say_bye',
      properties: { body: 'Bye' },
      events: ['sent', 'failed'],
      offset: { x: 0, y: 4000 },
    });
    def = connect(def, 'split_comment', 'noMatch', 'say_bye');
    def = connect(def, 'say_bye', 'sent', 'send_to_flex');
    const d = diffFlows(apaleo, copy(def));
    expect(changes(d)).toEqual(['split_comment: rewired', 'say_bye: added']);
    const added = widget(d, 'say_bye');
    expect(added).toMatchObject({ kind: 'added', kinds: ['added'], type: 'send-message', changedIndex: 27 });
    expect(added.baseName).toBeUndefined();
    expect(added.properties).toEqual([]);
    expect(widget(d, 'split_comment').transitions).toEqual([
      { key: 'noMatch', event: 'noMatch', kind: 'added', afterNext: 'say_bye' },
    ]);
    expect(d.edges.filter((e) => e.kind !== 'unchanged')).toEqual([
      {
        id: 'split_comment→noMatch→changed',
        source: 'split_comment',
        target: 'say_bye',
        event: 'noMatch',
        transitionIndex: 0,
        kind: 'added',
      },
      {
        id: 'say_bye→sent→changed',
        source: 'say_bye',
        target: 'send_to_flex',
        event: 'sent',
        transitionIndex: 0,
        kind: 'added',
      },
    ]);
    expect(d.summary.counts).toMatchObject({ added: 1, rewired: 1, unchanged: 26 });
  });

  it('reports a removed widget right after its base predecessor, its links removed', () => {
    const { def } = removeWidgets(apaleo, ['connect_with_agent']);
    const d = diffFlows(apaleo, def);
    const ids = d.widgets.map((w) => w.id);
    expect(ids.indexOf('connect_with_agent')).toBe(ids.indexOf('split_booking_1') + 1);
    expect(ids).toHaveLength(apaleo.states.length);
    const removed = widget(d, 'connect_with_agent');
    expect(removed).toMatchObject({ kind: 'removed', kinds: ['removed'], baseIndex: 10 });
    expect(removed.changedIndex).toBeUndefined();
    // the six widgets that led to it lost that link
    const sources = incomingLinks(apaleo, 'connect_with_agent').map((l) => l.from);
    expect(sources).toHaveLength(6);
    for (const s of sources) expect(widget(d, s).kinds).toEqual(['rewired']);
    expect(widget(d, 'apaleo_conn_fail').transitions).toEqual([
      { key: 'sent', event: 'sent', kind: 'removed', beforeNext: 'connect_with_agent' },
    ]);
    const removedEdges = d.edges.filter((e) => e.kind === 'removed');
    expect(removedEdges.map((e) => `${e.source}>${e.target}`).sort()).toEqual(
      [...sources.map((s) => `${s}>connect_with_agent`), 'connect_with_agent>send_to_flex'].sort(),
    );
    expect(removedEdges.every((e) => e.id.endsWith('→base'))).toBe(true);
  });

  it('puts a widget removed first at the start, and chains of removed widgets in base order', () => {
    const def = copy(apaleo);
    def.states = def.states.filter((w) => !['Trigger', 'init_variables', 'greeting'].includes(w.name));
    const ids = diffFlows(apaleo, def, { detectRenames: false }).widgets.map((w) => w.id);
    expect(ids.slice(0, 4)).toEqual(['Trigger', 'init_variables', 'split_greeting', 'greeting']);
    expect(ids).toHaveLength(apaleo.states.length);
  });
});

describe('diffFlows: renames', () => {
  it('reports a renamed widget with six incoming links as renamed only', () => {
    expect(incomingLinks(apaleo, 'connect_with_agent')).toHaveLength(6);
    for (const changed of [
      renamed(apaleo, 'connect_with_agent', 'agent_handoff'),
      copy(renamed(apaleo, 'connect_with_agent', 'agent_handoff')),
    ]) {
      const d = diffFlows(apaleo, changed);
      expect(changes(d)).toEqual(['agent_handoff: renamed']);
      expect(d.renames).toEqual([{ from: 'connect_with_agent', to: 'agent_handoff' }]);
      const w = widget(d, 'agent_handoff');
      expect(w).toMatchObject({
        baseName: 'connect_with_agent',
        changedName: 'agent_handoff',
        kind: 'renamed',
      });
      expect(w.properties).toEqual([]);
      expect(w.transitions).toEqual([]);
      expect(d.edges.every((e) => e.kind === 'unchanged')).toBe(true);
      expect(d.edges.filter((e) => e.target === 'agent_handoff')).toHaveLength(6);
      expect(d.summary).toMatchObject({ flowChanges: 0, identical: false, identicalButLayout: false });
    }
  });

  it('follows Liquid references the rename rewrote (properties and split conditions)', () => {
    // greeting is referenced in split_greeting's input and in both of its conditions
    const changed = copy(renamed(apaleo, 'greeting', 'welcome'));
    expect(JSON.stringify(stateOf(changed, 'split_greeting'))).toContain('widgets.welcome.inbound.Body');
    const d = diffFlows(apaleo, changed);
    expect(changes(d)).toEqual(['welcome: renamed']);
    expect(d.edges.every((e) => e.kind === 'unchanged')).toBe(true);
  });

  it('reports a rename that is also an edit as renamed and changed', () => {
    let def = renamed(apaleo, 'connect_with_agent', 'agent_handoff');
    def = setWidgetProperty(def, 'agent_handoff', 'body', 'An agent will be with you shortly.');
    const d = diffFlows(apaleo, copy(def));
    expect(changes(d)).toEqual(['agent_handoff: renamed+changed']);
    const w = widget(d, 'agent_handoff');
    expect(w.kind).toBe('renamed');
    expect(w.properties).toEqual([
      {
        path: '/properties/body',
        before: 'We will now connect you with an available agent.',
        after: 'An agent will be with you shortly.',
      },
    ]);
  });

  it('detects a widget of identical content under another name, even with no link to it', () => {
    const def = copy(apaleo);
    const w = stateOf(def, 'split_cancel');
    w.name = 'confirm_cancel_split';
    for (const s of def.states)
      for (const t of s.transitions) if (t.next === 'split_cancel') t.next = 'confirm_cancel_split';
    const d = diffFlows(apaleo, def);
    expect(d.renames).toEqual([{ from: 'split_cancel', to: 'confirm_cancel_split' }]);
    expect(changes(d)).toEqual(['confirm_cancel_split: renamed']);
  });

  it('handles chains of renames (a renamed widget leading to another renamed one) and the Trigger', () => {
    let def = renamed(apaleo, 'get_reservation', 'lookup');
    def = renamed(def, 'split_num_of_tickets', 'split_count');
    def = renamed(def, 'Trigger', 'Start');
    const d = diffFlows(apaleo, copy(def));
    expect(d.renames).toEqual([
      { from: 'Trigger', to: 'Start' },
      { from: 'get_reservation', to: 'lookup' },
      { from: 'split_num_of_tickets', to: 'split_count' },
    ]);
    expect(changes(d)).toEqual(['Start: renamed', 'lookup: renamed', 'split_count: renamed']);
    // a renamed initial state is not a flow change
    expect(d.flow).toEqual([]);
  });

  it('lets name matching win over renames: a new widget under a removed widget’s name is that widget, changed', () => {
    // ask_booking_id -> ask_booking_ref, then greeting takes the name ask_booking_id
    let def = renamed(apaleo, 'ask_booking_id', 'ask_booking_ref');
    def = renamed(def, 'greeting', 'ask_booking_id');
    const d = diffFlows(apaleo, copy(def));
    expect(widget(d, 'ask_booking_id').kinds).toEqual(['changed', 'rewired', 'moved']);
    // two messages of the same type with other bodies and other links are not taken for a rename
    expect(d.renames).toEqual([]);
    expect(changes(d)).toContain('greeting: removed');
    expect(changes(d)).toContain('ask_booking_ref: added');
  });

  it('rewrites references under several renames at once, chains and swaps included', () => {
    const swap = new LiquidRenamer(
      new Map([
        ['a', 'b'],
        ['b', 'a'],
        ['c', 'd'],
      ]),
    );
    const text = '{{widgets.a.x}} {{widgets.b.y}} {{widgets["c"].z}} {{widgets.d.w}} {{flow.a}}';
    expect(swap.string(text)).toBe(
      '{{widgets.b.x}} {{widgets.a.y}} {{widgets["d"].z}} {{widgets.d.w}} {{flow.a}}',
    );
    expect(swap.equivalent('{{widgets.a.x}}', '{{widgets.b.x}}')).toBe(true);
    expect(swap.equivalent('{{widgets.a.x}}', '{{widgets.a.x}}')).toBe(false);
    const untouched = { body: 'no references', list: ['{{widgets.e.f}}'] };
    expect(swap.value(untouched)).toBe(untouched);
    expect(swap.value({ arguments: ['{{widgets.c.inbound.Body}}'] })).toEqual({
      arguments: ['{{widgets.d.inbound.Body}}'],
    });
  });

  it('treats a rename as a removal and an addition when detection is off', () => {
    const d = diffFlows(apaleo, renamed(apaleo, 'connect_with_agent', 'agent_handoff'), {
      detectRenames: false,
    });
    expect(d.renames).toEqual([]);
    expect(d.summary.counts).toMatchObject({ added: 1, removed: 1, rewired: 6 });
  });

  it('does not pair unrelated widgets of the same type', () => {
    // remove one message and add a different one elsewhere
    let def = removeWidgets(apaleo, ['reservation_no_match']).def;
    def = addWidget(def, {
      type: 'send-message',
      name: 'goodbye',
      properties: { body: 'Goodbye!', to: '{{contact.channel.address}}' },
      events: ['sent', 'failed'],
      offset: { x: 0, y: 0 },
    });
    const d = diffFlows(apaleo, copy(def));
    expect(d.renames).toEqual([]);
    expect(d.summary.counts).toMatchObject({ added: 1, removed: 1 });
  });

  it('finds hundreds of renames in a large flow, including cycles of renamed widgets', () => {
    const base = generateFlow(400);
    let def = base;
    for (const w of base.states.filter((_, i) => i % 3 === 1)) def = renamed(def, w.name, `${w.name}_r`);
    const d = diffFlows(base, copy(def));
    expect(d.renames).toHaveLength(133);
    expect(d.renames.every((r) => r.to === `${r.from}_r`)).toBe(true);
    expect(d.summary.counts).toMatchObject({ renamed: 133, unchanged: 267 });
  });
});

describe('diffFlows: property changes', () => {
  it('gives exact pointers, before and after, sorted by path', () => {
    const w = stateOf(apaleo, 'set_booking_variables');
    const edited: Widget = copy(w);
    const vars = edited.properties.variables as { key: string; value: string }[];
    (vars[0] as { value: string }).value = '0';
    edited.properties.note = 'a/b~c';
    edited.properties['a/b~c'] = { nested: { x: 1 } };
    edited.extra = true;
    const d = diffFlows(apaleo, replaceWidget(apaleo, w.name, edited));
    const diff = widget(d, 'set_booking_variables');
    expect(diff.kinds).toEqual(['changed']);
    expect(diff.properties).toEqual([
      { path: '/extra', after: true },
      { path: '/properties/a~1b~0c', after: { nested: { x: 1 } } },
      { path: '/properties/note', after: 'a/b~c' },
      {
        path: '/properties/variables/0/value',
        before: (w.properties.variables as { value: string }[])[0]?.value,
        after: '0',
      },
    ]);
  });

  it('reports an array of another length whole, and a removed property with before only', () => {
    const w = stateOf(apaleo, 'set_booking_variables');
    const vars = w.properties.variables as unknown[];
    let def = setWidgetProperty(apaleo, w.name, 'variables', vars.slice(0, 2));
    def = setWidgetProperty(def, 'connect_with_agent', 'to', undefined);
    const d = diffFlows(apaleo, def);
    expect(widget(d, 'set_booking_variables').properties).toEqual([
      { path: '/properties/variables', before: vars, after: vars.slice(0, 2) },
    ]);
    expect(widget(d, 'connect_with_agent').properties).toEqual([
      { path: '/properties/to', before: '{{contact.channel.address}}' },
    ]);
  });

  it('reports a type change at /type', () => {
    const w = stateOf(apaleo, 'connect_with_agent');
    const d = diffFlows(apaleo, replaceWidget(apaleo, w.name, { ...w, type: 'send-and-wait-for-reply' }));
    const diff = widget(d, 'connect_with_agent');
    expect(diff).toMatchObject({ kind: 'changed', type: 'send-and-wait-for-reply' });
    expect(diff.properties).toEqual([
      { path: '/type', before: 'send-message', after: 'send-and-wait-for-reply' },
    ]);
  });

  it('orders pointers token by token, indices numerically', () => {
    const paths = ['/properties/b', '/properties/a/10', '/properties/a/2', '/properties/a', '/extra'];
    expect(paths.sort(comparePointers)).toEqual([
      '/extra',
      '/properties/a',
      '/properties/a/2',
      '/properties/a/10',
      '/properties/b',
    ]);
  });
});

describe('diffFlows: transitions', () => {
  it('reports a retargeted output, drawn as a removed and an added edge', () => {
    const def = connect(apaleo, 'apaleo_conn_fail', 'sent', 'send_to_flex');
    const d = diffFlows(apaleo, def);
    expect(changes(d)).toEqual(['apaleo_conn_fail: rewired']);
    expect(widget(d, 'apaleo_conn_fail').transitions).toEqual([
      {
        key: 'sent',
        event: 'sent',
        kind: 'retargeted',
        beforeNext: 'connect_with_agent',
        afterNext: 'send_to_flex',
      },
    ]);
    const edges = d.edges.filter((e) => e.source === 'apaleo_conn_fail');
    expect(edges.map((e) => [e.id, e.kind, e.target])).toEqual([
      ['apaleo_conn_fail→sent→base', 'removed', 'connect_with_agent'],
      ['apaleo_conn_fail→sent→changed', 'added', 'send_to_flex'],
    ]);
  });

  it('reports a disconnected output as removed, and an unconnected event present on one side only as nothing', () => {
    let def = disconnect(apaleo, 'apaleo_conn_fail', 'sent');
    const w = stateOf(def, 'connect_with_agent');
    // drop the unconnected `failed` transition entirely: no change
    def = replaceWidget(def, w.name, {
      ...w,
      transitions: w.transitions.filter((t) => t.event !== 'failed'),
    });
    const d = diffFlows(apaleo, def);
    expect(changes(d)).toEqual(['apaleo_conn_fail: rewired']);
    expect(widget(d, 'apaleo_conn_fail').transitions).toEqual([
      { key: 'sent', event: 'sent', kind: 'removed', beforeNext: 'connect_with_agent' },
    ]);
  });

  it('keys split conditions by content: reordering them is no change', () => {
    const w = stateOf(apaleo, 'split_reservation_1');
    const [noMatch, ...matches] = w.transitions;
    const reordered = { ...w, transitions: [noMatch as Transition, ...matches.reverse()] };
    const d = diffFlows(apaleo, replaceWidget(apaleo, w.name, reordered));
    expect(d.summary.identical).toBe(true);
    // the edges follow the changed version's port order
    const targets = d.edges.filter((e) => e.source === w.name).map((e) => e.target);
    expect(targets).toEqual([
      'reservation_no_match',
      'connect_with_agent',
      'cancel_reservation_confirm',
      'add_comment_1',
    ]);
  });

  it('pairs an edited condition with the one in its place: kind conditions, a changed edge', () => {
    const w = copy(stateOf(apaleo, 'split_reservation_1'));
    const t = w.transitions[2] as Transition;
    const c = t.conditions?.[0] as { value: string; friendly_name: string };
    c.value = 'cancellation';
    c.friendly_name = 'If value equal_to cancellation';
    const d = diffFlows(apaleo, replaceWidget(apaleo, w.name, w));
    const diff = widget(d, w.name);
    expect(diff.kinds).toEqual(['rewired']);
    expect(diff.properties).toEqual([]);
    expect(diff.transitions).toHaveLength(1);
    expect(diff.transitions[0]).toMatchObject({
      event: 'match',
      kind: 'conditions',
      beforeNext: 'cancel_reservation_confirm',
      afterNext: 'cancel_reservation_confirm',
      label: 'If value equal_to cancellation',
      conditions: [
        {
          path: '/conditions/0/friendly_name',
          before: 'If value equal_to cancel',
          after: 'If value equal_to cancellation',
        },
        { path: '/conditions/0/value', before: 'cancel', after: 'cancellation' },
      ],
    });
    expect(diff.transitions[0]?.key).toMatch(/^match:\[.*"value":"cancellation"/);
    const edge = d.edges.find((e) => e.source === w.name && e.target === 'cancel_reservation_confirm');
    expect(edge).toMatchObject({
      kind: 'changed',
      transitionIndex: 2,
      label: 'If value equal_to cancellation',
    });
    expect(edge?.id.endsWith('→both')).toBe(true);
  });

  it('reports an edited and retargeted condition as retargeted; a hand-edited label alone as conditions', () => {
    const w = copy(stateOf(apaleo, 'split_reservation_1'));
    const t = w.transitions[1] as Transition;
    (t.conditions?.[0] as { value: string }).value = 'note';
    t.next = 'connect_to_agent';
    const label = w.transitions[3] as Transition;
    (label.conditions?.[0] as { friendly_name: string }).friendly_name = 'Agent please';
    const d = diffFlows(apaleo, replaceWidget(apaleo, w.name, w));
    const kinds = widget(d, w.name).transitions.map((x) => [x.kind, x.beforeNext, x.afterNext]);
    expect(kinds).toEqual([
      ['retargeted', 'add_comment_1', 'connect_to_agent'],
      ['conditions', 'connect_with_agent', 'connect_with_agent'],
    ]);
  });

  it('reports an added and a removed condition when their number changes', () => {
    const w = copy(stateOf(apaleo, 'split_reservation_1'));
    w.transitions.splice(1, 1); // drop "comment"
    w.transitions.push({
      event: 'match',
      conditions: [
        { friendly_name: 'If value equal_to help', arguments: ['x'], type: 'equal_to', value: 'help' },
      ],
    });
    const d = diffFlows(apaleo, replaceWidget(apaleo, w.name, w));
    const list = widget(d, w.name).transitions.map((x) => [x.kind, x.label, x.beforeNext, x.afterNext]);
    expect(list).toEqual([
      ['added', 'If value equal_to help', undefined, undefined],
      ['removed', 'If value equal_to comment', 'add_comment_1', undefined],
    ]);
  });

  it('keys a repeated ordinary event by occurrence', () => {
    const w = stateOf(apaleo, 'apaleo_conn_fail');
    const twice = { ...w, transitions: [...w.transitions, { event: 'sent', next: 'send_to_flex' }] };
    const base = replaceWidget(apaleo, w.name, twice);
    const changed = replaceWidget(base, w.name, {
      ...twice,
      transitions: [...w.transitions, { event: 'sent', next: 'greeting' }],
    });
    const d = diffFlows(base, changed);
    expect(widget(d, w.name).transitions).toEqual([
      { key: 'sent:1', event: 'sent', kind: 'retargeted', beforeNext: 'send_to_flex', afterNext: 'greeting' },
    ]);
  });

  it('draws no edge to a widget that does not exist (dangling next)', () => {
    const dangling = flow('real/ft__vaccine-standby-list__sms-studio-flow.json');
    const d = diffFlows(dangling, dangling);
    const connected = dangling.states.flatMap((w) => w.transitions.filter((t) => t.next));
    expect(d.edges).toHaveLength(connected.length - 1);
    expect(d.edges.some((e) => e.target === 'SaveToAirtable')).toBe(false);
    expect(d.summary.identical).toBe(true);
  });
});

describe('diffFlows: layout and flow-level changes', () => {
  it('reports a move as kind moved, with both offsets; hidden without layout', () => {
    const def = moveWidgets(apaleo, new Map([['greeting', { x: 1, y: 2 }]]));
    const d = diffFlows(apaleo, def);
    const w = widget(d, 'greeting');
    expect(w.kinds).toEqual(['moved']);
    expect(w.offset).toEqual({
      before: stateOf(apaleo, 'greeting').properties.offset,
      after: { x: 1, y: 2 },
    });
    expect(w.properties).toEqual([]);
    expect(d.summary).toMatchObject({ identical: false, identicalButLayout: true });
    expect(effectiveKind(w, false)).toBe('unchanged');
    expect(effectiveKind(w, true)).toBe('moved');
    expect(isVisibleChange(w, false)).toBe(false);
    expect(isVisibleChange(w, true)).toBe(true);
  });

  it('keeps the other kinds of a moved widget visible without layout', () => {
    let def = moveWidgets(apaleo, new Map([['greeting', { x: 1, y: 2 }]]));
    def = setWidgetProperty(def, 'greeting', 'timeout', '60');
    const w = widget(diffFlows(apaleo, def), 'greeting');
    expect(w.kinds).toEqual(['changed', 'moved']);
    expect(effectiveKind(w, false)).toBe('changed');
    expect(isVisibleChange(w, false)).toBe(true);
  });

  it('reports description and flags (deep), not states', () => {
    const def = setDefinitionFields(apaleo, {
      description: 'Hotel bot',
      flags: { allow_concurrent_calls: false },
    });
    const d = diffFlows(apaleo, { ...def, extra: { a: 1 } });
    expect(d.flow).toEqual([
      { path: '/description', before: 'A New Flow', after: 'Hotel bot' },
      { path: '/extra', after: { a: 1 } },
      { path: '/flags/allow_concurrent_calls', before: true, after: false },
    ]);
    expect(d.summary).toMatchObject({ flowChanges: 3, identical: false, identicalButLayout: false });
    expect(d.summary.counts.unchanged).toBe(apaleo.states.length);
  });

  it('reports a new initial_state', () => {
    const d = diffFlows(apaleo, { ...apaleo, initial_state: 'greeting' });
    expect(d.flow).toEqual([{ path: '/initial_state', before: 'Trigger', after: 'greeting' }]);
  });
});

describe('diffFlows: determinism', () => {
  function edited(): FlowDefinition {
    let def = renamed(apaleo, 'connect_with_agent', 'agent_handoff');
    def = setWidgetProperty(def, 'greeting', 'body', 'Hi | there');
    def = connect(def, 'apaleo_conn_fail', 'failed', 'send_to_flex');
    def = removeWidgets(def, ['split_cancel']).def;
    def = moveWidgets(def, new Map([['send_to_flex', { x: 0, y: 0 }]]));
    return addWidget(def, {
      type: 'say-play',
      name: 'hold_music',
      properties: { play: 'https://x/music.mp3' },
      events: ['audioComplete'],
      offset: { x: 5, y: 5 },
    });
  }

  it('gives byte-identical output for the same inputs, shared or copied', () => {
    const changed = edited();
    const a = JSON.stringify(diffFlows(apaleo, changed));
    expect(JSON.stringify(diffFlows(apaleo, changed))).toBe(a);
    expect(JSON.stringify(diffFlows(copy(apaleo), copy(changed)))).toBe(a);
  });

  it('gives the mirror image when the arguments are swapped', () => {
    const changed = edited();
    const forward = diffFlows(apaleo, changed);
    const backward = diffFlows(changed, apaleo);
    const c = forward.summary.counts;
    expect(backward.summary.counts).toEqual({ ...c, added: c.removed, removed: c.added });
    expect(backward.renames).toEqual(forward.renames.map((r) => ({ from: r.to, to: r.from })));
    const byBase = new Map(forward.widgets.map((w) => [w.baseName ?? `+${w.changedName ?? ''}`, w]));
    for (const w of backward.widgets) {
      const f = byBase.get(w.changedName ?? `+${w.baseName ?? ''}`);
      expect(f, w.id).toBeDefined();
      if (f === undefined) continue;
      expect(w.kinds.map((k) => (k === 'added' ? 'removed' : k === 'removed' ? 'added' : k))).toEqual(
        f.kinds,
      );
      expect(w.properties).toEqual(
        f.properties.map((p) => ({ path: p.path, before: p.after, after: p.before })).map(dropUndefined),
      );
      expect(w.offset).toEqual(f.offset && dropUndefined({ before: f.offset.after, after: f.offset.before }));
    }
    const edgeKinds = (d: FlowDiff) => d.edges.map((e) => e.kind).sort();
    expect(edgeKinds(backward)).toEqual(
      edgeKinds(forward)
        .map((k) => (k === 'added' ? 'removed' : k === 'removed' ? 'added' : k))
        .sort(),
    );
  });

  it('gives unique edge ids', () => {
    const d = diffFlows(apaleo, edited());
    expect(new Set(d.edges.map((e) => e.id)).size).toBe(d.edges.length);
    expect(new Set(d.widgets.map((w) => w.id)).size).toBe(d.widgets.length);
  });
});

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

describe('diffFlows: malformed flows', () => {
  it('pairs duplicated names by occurrence and gives the union ids a #k suffix', () => {
    const def: FlowDefinition = {
      initial_state: 'Trigger',
      states: [
        {
          name: 'Trigger',
          type: 'trigger',
          transitions: [{ event: 'incomingMessage', next: 'x' }],
          properties: {},
        },
        { name: 'x', type: 'send-message', transitions: [], properties: { body: 'one' } },
        { name: 'x', type: 'send-message', transitions: [], properties: { body: 'two' } },
      ],
    };
    const changed = copy(def);
    (changed.states[2] as Widget).properties.body = 'three';
    const d = diffFlows(def, changed);
    expect(d.widgets.map((w) => `${w.id}:${w.kind}`)).toEqual([
      'Trigger:unchanged',
      'x:unchanged',
      'x#2:changed',
    ]);
    expect(d.edges.map((e) => e.target)).toEqual(['x']);
  });
});

describe('diffFlows over the corpus', () => {
  const flows = corpusFiles()
    .filter((f) => f.file !== LEGACY_FILE)
    .map((f) => {
      const r = importFlowText(f.text);
      if (!r.ok) throw new Error(`${f.file}: ${r.error.message}`);
      return { file: f.file, def: (r.flows[0] as { definition: FlowDefinition }).definition };
    });

  it('finds every flow identical to itself and to a deep copy of itself', () => {
    expect(flows.length).toBeGreaterThan(130);
    for (const { file, def } of flows) {
      expect(diffFlows(def, def).summary.identical, file).toBe(true);
      const d = diffFlows(def, copy(def));
      expect(d.summary.identical, file).toBe(true);
      expect(
        d.edges.every((e) => e.kind === 'unchanged'),
        file,
      ).toBe(true);
    }
  });

  it('finds exactly one rename, and nothing else, when one widget (picked at random) is renamed', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (const { file, def } of flows) {
      if (def.states.length === 0) continue;
      const w = def.states[random(def.states.length)] as Widget;
      const to = `${w.name}_v2`;
      const d = diffFlows(def, copy(renamed(def, w.name, to)));
      expect(d.renames, file).toEqual([{ from: w.name, to }]);
      expect(changes(d), file).toEqual([`${to}: renamed`]);
      expect(d.flow, file).toEqual([]);
      expect(
        d.edges.every((e) => e.kind === 'unchanged'),
        file,
      ).toBe(true);
    }
  });

  it('reports a property edit in a real flow at its exact path', () => {
    const camh = flow(CAMH);
    const w = camh.states[3] as Widget;
    const d = diffFlows(camh, setWidgetProperty(camh, w.name, 'input', '{{trigger.call.Digits}}'));
    expect(widget(d, w.name).properties).toEqual([
      { path: '/properties/input', before: w.properties.input, after: '{{trigger.call.Digits}}' },
    ]);
  });
});
