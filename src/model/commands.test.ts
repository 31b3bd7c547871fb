import { describe, expect, it } from 'vitest';
import { corpusFlow as flow, deepFreeze, widgetNamed as widget } from '../testing/flows';
import { widgetNameClash, widgetNameError } from './names';
import { corpusFiles, LEGACY_FILE } from '../testing/corpus';
import {
  addWidget,
  connect,
  disconnect,
  moveWidgets,
  removeWidgets,
  renameWidget,
  renameWidgetInValue,
  replaceWidget,
  setDefinitionFields,
  setWidgetProperty,
  type NameCheck,
} from './commands';
import { incomingLinks } from './graph';
import { referencedWidgets } from './liquid';
import type { FlowDefinition, Widget } from './types';

// ---------------------------------------------------------------------------------------------------------------
// Helpers

/** A frozen corpus flow and a JSON snapshot of it, to check nothing changed. */
function frozen(file: string): { def: FlowDefinition; json: string } {
  const def = deepFreeze(flow(file));
  return { def, json: JSON.stringify(def) };
}

/** Names of the states of `after` that are the very objects of `before` (by position). */
function shared(before: FlowDefinition, after: FlowDefinition): string[] {
  return after.states.filter((w) => before.states.includes(w)).map((w) => w.name);
}

/** Every string in `value`, deep. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value as unknown[]) strings(v, out);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) strings(v, out);
  return out;
}

/** How many Liquid references to widget `name` the states' properties and conditions make. */
function liquidRefCount(def: FlowDefinition, name: string): number {
  let n = 0;
  for (const w of def.states) {
    for (const s of strings([w.properties, w.transitions.map((t) => t.conditions ?? [])])) {
      if (referencedWidgets(s).includes(name)) n++;
    }
  }
  return n;
}

const studioNames: NameCheck = (name, others) => widgetNameError(name) ?? widgetNameClash(name, others);

const CAMH = 'real/tm__ca_988camh.json';
const VACCINE = 'real/ft__vaccine-standby-list__sms-studio-flow.json';
const FOODNOW = 'real/accfb-foodnow__bot_flow.json';
const SIMPLE = 'real/twilio-docs__simple-flow-definition.json'; // writes {event, next} and offsets {y, x}

// ---------------------------------------------------------------------------------------------------------------

describe('addWidget', () => {
  it('appends a state with every event unwired and the offset last', () => {
    const { def, json } = frozen(CAMH);
    const properties = { body: '', to: '{{contact.channel.address}}', offset: { x: 1, y: 1 } };
    const after = addWidget(def, {
      type: 'send-message',
      name: 'send_message_1',
      properties,
      events: ['sent', 'delivered', 'failed'],
      offset: { x: 10.4, y: -20.6 },
    });
    expect(JSON.stringify(def)).toBe(json);
    expect(after.states).toHaveLength(def.states.length + 1);
    expect(shared(def, after)).toEqual(def.states.map((w) => w.name));
    const added = after.states.at(-1);
    expect(JSON.stringify(added)).toBe(
      JSON.stringify({
        name: 'send_message_1',
        type: 'send-message',
        transitions: [{ event: 'sent' }, { event: 'delivered' }, { event: 'failed' }],
        properties: { body: '', to: '{{contact.channel.address}}', offset: { x: 10, y: -21 } },
      }),
    );
    // the registry's defaults are copied, not shared
    expect(properties.offset).toEqual({ x: 1, y: 1 });
    const nested = { variables: [] as unknown[] };
    const withVars = addWidget(def, {
      type: 'set-variables',
      name: 'v',
      properties: nested,
      events: ['next'],
      offset: { x: 0, y: 0 },
    });
    expect(widget(withVars, 'v').properties.variables).not.toBe(nested.variables);
  });

  it('leaves out the repeating event (a new split has no condition) and refuses a taken name', () => {
    const { def } = frozen(CAMH);
    const after = addWidget(def, {
      type: 'split-based-on',
      name: 'split_1',
      properties: { input: '' },
      events: ['noMatch', 'match'],
      repeatingEvent: 'match',
      offset: { x: 0, y: 0 },
    });
    expect(widget(after, 'split_1').transitions).toEqual([{ event: 'noMatch' }]);
    expect(() =>
      addWidget(def, { type: 'x', name: 'split_keys_lang', events: [], offset: { x: 0, y: 0 } }),
    ).toThrow(/already exists/);
  });
});

describe('removeWidgets', () => {
  it('removes widgets and every next that led to them, keeping the transitions', () => {
    const { def, json } = frozen(CAMH);
    const { def: after, removed, refused } = removeWidgets(def, ['send_to_Q988En']);
    expect(JSON.stringify(def)).toBe(json);
    expect(removed).toEqual(['send_to_Q988En']);
    expect(refused).toEqual([]);
    expect(after.states.map((w) => w.name)).not.toContain('send_to_Q988En');
    expect(incomingLinks(after, 'send_to_Q988En')).toEqual([]);
    // the four widgets that linked to it are copied, everything else is shared
    expect(shared(def, after).sort()).toEqual(
      [
        'Trigger',
        'send_to_Q988Fr',
        'run_subflow_system_down',
        'forward_call_camh',
        'f_check_counsellors_fr',
        'split_available_counsellors_fr',
      ].sort(),
    );
    const split = widget(after, 'split_keys_lang');
    const before = widget(def, 'split_keys_lang');
    expect(Object.keys(split.transitions[1] ?? {})).toEqual(['event', 'conditions']);
    expect(split.transitions[1]?.conditions).toBe(before.transitions[1]?.conditions);
    expect(split.transitions[2]).toBe(before.transitions[2]);
    expect(split.properties).toBe(before.properties);
    expect(widget(after, 'f_check_counsellors').transitions).toEqual([
      { next: 'split_available_counsellors', event: 'success' },
      { event: 'fail' },
    ]);
  });

  it('refuses the Trigger, the initial state and unknown names', () => {
    const { def } = frozen(CAMH);
    const result = removeWidgets(def, ['Trigger', 'forward_call_camh', 'nope', 'forward_call_camh']);
    expect(result.removed).toEqual(['forward_call_camh']);
    expect(result.refused).toEqual([
      { name: 'Trigger', reason: 'The Trigger cannot be deleted.' },
      { name: 'nope', reason: 'There is no widget named “nope”.' },
    ]);
    const startsElsewhere: FlowDefinition = { ...def, initial_state: 'split_keys_lang' };
    const r2 = removeWidgets(startsElsewhere, ['split_keys_lang']);
    expect(r2.removed).toEqual([]);
    expect(r2.refused[0]?.reason).toMatch(/initial_state/);
    expect(r2.def).toBe(startsElsewhere);
  });
});

describe('connect and disconnect', () => {
  it('connects an unwired port, putting next where this flow puts it ({next, event})', () => {
    const { def, json } = frozen(CAMH);
    const after = connect(def, 'forward_call_camh', 'hangup', 'send_to_Q988En');
    expect(JSON.stringify(def)).toBe(json);
    const w = widget(after, 'forward_call_camh');
    expect(JSON.stringify(w.transitions)).toBe(
      JSON.stringify([{ event: 'callCompleted' }, { next: 'send_to_Q988En', event: 'hangup' }]),
    );
    expect(w.transitions[0]).toBe(widget(def, 'forward_call_camh').transitions[0]);
    expect(w.properties).toBe(widget(def, 'forward_call_camh').properties);
    expect(shared(def, after)).toHaveLength(def.states.length - 1);
  });

  it('puts next after event in a flow that writes {event, next}, and in a flow with no connection', () => {
    const simple = deepFreeze(flow(SIMPLE));
    const after = connect(simple, 'send_message_1', 'failed', 'say_play_1');
    expect(Object.keys(widget(after, 'send_message_1').transitions[1] ?? {})).toEqual(['event', 'next']);
    const bare = deepFreeze({
      initial_state: 'Trigger',
      states: [
        { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingMessage' }], properties: {} },
        { name: 'a', type: 'send-message', transitions: [{ event: 'sent' }], properties: {} },
      ],
    } satisfies FlowDefinition);
    const wired = connect(bare, 'Trigger', 'incomingMessage', 'a');
    expect(JSON.stringify(wired.states[0]?.transitions)).toBe('[{"event":"incomingMessage","next":"a"}]');
  });

  it('copies the position of next from the closest sibling (a split that writes {event, conditions, next, uuid})', () => {
    const def = deepFreeze({
      initial_state: 'Trigger',
      states: [
        {
          name: 'Trigger',
          type: 'trigger',
          transitions: [{ next: 's', event: 'incomingMessage' }],
          properties: {},
        },
        {
          name: 's',
          type: 'split-based-on',
          transitions: [
            { event: 'noMatch' },
            { event: 'match', conditions: [], next: 'a', uuid: 'u1' },
            { event: 'match', conditions: [], uuid: 'u2' },
          ],
          properties: {},
        },
        { name: 'a', type: 'send-message', transitions: [{ event: 'sent' }], properties: {} },
      ],
    } satisfies FlowDefinition);
    const after = connect(def, 's', 'match:1', 'a');
    expect(Object.keys(widget(after, 's').transitions[2] ?? {})).toEqual([
      'event',
      'conditions',
      'next',
      'uuid',
    ]);
    // the split's own template has no key before next that noMatch has: next goes after event
    const noMatch = connect(def, 's', 'noMatch', 'a');
    expect(Object.keys(widget(noMatch, 's').transitions[0] ?? {})).toEqual(['event', 'next']);
  });

  it('reconnects in place, and a connection that is already there changes nothing', () => {
    const { def } = frozen(CAMH);
    const after = connect(def, 'run_subflow_system_down', 'failed', 'forward_call_camh');
    const t = widget(after, 'run_subflow_system_down').transitions;
    expect(JSON.stringify(t)).toBe(
      JSON.stringify([
        { next: 'split_keys_lang', event: 'completed' },
        { next: 'forward_call_camh', event: 'failed' },
      ]),
    );
    expect(connect(def, 'run_subflow_system_down', 'completed', 'split_keys_lang')).toBe(def);
  });

  it('connects and disconnects split condition ports match:<k>', () => {
    const { def } = frozen(CAMH);
    const after = connect(def, 'split_keys_lang', 'match:2', 'forward_call_camh');
    const before = widget(def, 'split_keys_lang').transitions;
    const t = widget(after, 'split_keys_lang').transitions;
    expect(t[3]?.next).toBe('forward_call_camh');
    expect(Object.keys(t[3] ?? {})).toEqual(Object.keys(before[3] ?? {}));
    expect(t[3]?.conditions).toBe(before[3]?.conditions);
    expect([t[0], t[1], t[2]]).toEqual([before[0], before[1], before[2]]);
    expect(t[1]).toBe(before[1]);

    const cut = disconnect(def, 'split_keys_lang', 'match:0');
    const c = widget(cut, 'split_keys_lang').transitions[1];
    expect(c).not.toHaveProperty('next');
    expect(Object.keys(c ?? {})).toEqual(['event', 'conditions']);
    expect(() => connect(def, 'split_keys_lang', 'match:3', 'forward_call_camh')).toThrow(/no port match:3/);
    expect(() => disconnect(def, 'split_keys_lang', 'match:3')).toThrow(/no port match:3/);
  });

  it('disconnects an ordinary port, and an unwired port changes nothing', () => {
    const { def } = frozen(CAMH);
    const after = disconnect(def, 'Trigger', 'incomingCall');
    expect(JSON.stringify(widget(after, 'Trigger').transitions[1])).toBe('{"event":"incomingCall"}');
    expect(disconnect(def, 'Trigger', 'incomingMessage')).toBe(def);
    expect(disconnect(def, 'forward_call_camh', 'noSuchEvent')).toBe(def);
  });

  it('throws for a missing widget, and for connecting to the Trigger', () => {
    const { def } = frozen(CAMH);
    expect(() => connect(def, 'nope', 'x', 'Trigger')).toThrow(/no widget named “nope”/);
    expect(() => connect(def, 'forward_call_camh', 'hangup', 'ghost')).toThrow(/no widget named “ghost”/);
    expect(() => connect(def, 'forward_call_camh', 'hangup', 'Trigger')).toThrow(/Trigger/);
    expect(() => disconnect(def, 'ghost', 'x')).toThrow(/ghost/);
  });

  it('creates the transition of an event the widget lacks', () => {
    const { def } = frozen(CAMH);
    const after = connect(def, 'forward_call_camh', 'failed', 'send_to_Q988Fr');
    expect(widget(after, 'forward_call_camh').transitions.at(-1)).toEqual({
      next: 'send_to_Q988Fr',
      event: 'failed',
    });
  });
});

describe('renameWidget', () => {
  it('renames a widget, every next, and its Liquid references in properties and split conditions', () => {
    const { def, json } = frozen(VACCINE);
    const result = renameWidget(def, 'Welcome', 'Greeting', { checkName: studioNames });
    expect(JSON.stringify(def)).toBe(json);
    if (!result.ok) throw new Error(result.reason);
    const after = result.def;
    expect(after.states.map((w) => w.name)).toEqual(
      def.states.map((w) => (w.name === 'Welcome' ? 'Greeting' : w.name)),
    );
    expect(widget(after, 'Trigger').transitions[0]?.next).toBe('Greeting');
    const optIn = widget(after, 'OptIn');
    expect(optIn.transitions[0]?.next).toBe('Greeting');
    expect(optIn.transitions[1]?.conditions?.[0]?.arguments).toEqual(['{{widgets.Greeting.inbound.Body}}']);
    expect(optIn.properties.input).toBe('{{widgets.Greeting.inbound.Body}}');
    expect(optIn.properties.offset).toBe(widget(def, 'OptIn').properties.offset);
    // the text changes exactly there, and nothing else
    expect(JSON.stringify(after)).toBe(
      json
        .replaceAll('"name":"Welcome"', '"name":"Greeting"')
        .replaceAll('"next":"Welcome"', '"next":"Greeting"')
        .replaceAll('widgets.Welcome.', 'widgets.Greeting.'),
    );
    expect(shared(def, after)).toEqual(
      def.states.filter((w) => !['Trigger', 'Welcome', 'OptIn'].includes(w.name)).map((w) => w.name),
    );
    expect(after.initial_state).toBe('Trigger');
  });

  it('renames only the exact widget, not one whose name it prefixes', () => {
    const { def, json } = frozen(CAMH);
    const result = renameWidget(def, 'f_check_counsellors', 'check_en');
    if (!result.ok) throw new Error(result.reason);
    expect(JSON.stringify(result.def)).toBe(
      json
        .replaceAll('"name":"f_check_counsellors"', '"name":"check_en"')
        .replaceAll('widgets.f_check_counsellors.', 'widgets.check_en.'),
    );
    expect(widget(result.def, 'split_available_counsellors_fr')).toBe(
      widget(def, 'split_available_counsellors_fr'),
    );
  });

  it('renames a widget linked from several others', () => {
    const { def } = frozen(CAMH);
    const result = renameWidget(def, 'send_to_Q988En', 'flex_en');
    if (!result.ok) throw new Error(result.reason);
    expect(incomingLinks(result.def, 'flex_en')).toEqual(
      incomingLinks(def, 'send_to_Q988En').map((l) => ({ ...l })),
    );
    expect(incomingLinks(result.def, 'send_to_Q988En')).toEqual([]);
  });

  it('renames deep references (set-variables values, HTTP parameters)', () => {
    const { def } = frozen(FOODNOW);
    const before = liquidRefCount(def, 'http_find_pantry');
    expect(before).toBeGreaterThan(10);
    const result = renameWidget(def, 'http_find_pantry', 'pantry_lookup', { checkName: studioNames });
    if (!result.ok) throw new Error(result.reason);
    expect(liquidRefCount(result.def, 'http_find_pantry')).toBe(0);
    expect(liquidRefCount(result.def, 'pantry_lookup')).toBe(before);
    // Studio writes a condition's friendly_name from its value: it follows too
    const labels = result.def.states.flatMap((w) =>
      w.transitions.flatMap((t) => t.conditions?.map((c) => c.friendly_name) ?? []),
    );
    expect(labels).toContain('If value less_than {{widgets.pantry_lookup.parsed.sites.size}}');
    expect(liquidRefCount(result.def, 'http_find_pantry_spanish')).toBe(
      liquidRefCount(def, 'http_find_pantry_spanish'),
    );
    const changed = result.def.states.filter((w) => !def.states.includes(w)).map((w) => w.name);
    expect(changed.length).toBeLessThan(20);
    for (const w of def.states) {
      const mentions = JSON.stringify(w).includes('http_find_pantry');
      if (!mentions) expect(result.def.states).toContain(w);
    }
  });

  it('renames the Trigger, and initial_state follows', () => {
    const { def } = frozen(CAMH);
    const result = renameWidget(def, 'Trigger', 'Start');
    if (!result.ok) throw new Error(result.reason);
    expect(result.def.initial_state).toBe('Start');
    expect(result.def.states[0]?.name).toBe('Start');
    expect(Object.keys(result.def)).toEqual(Object.keys(def));
    expect(shared(def, result.def)).toHaveLength(def.states.length - 1);
  });

  it('refuses clashing, empty and invalid names with a reason', () => {
    const { def } = frozen(CAMH);
    expect(renameWidget(def, 'send_to_Q988En', 'send_to_Q988Fr')).toEqual({
      ok: false,
      reason: 'Another widget is already named “send_to_Q988Fr”.',
    });
    expect(renameWidget(def, 'send_to_Q988En', '')).toEqual({
      ok: false,
      reason: 'A widget name cannot be empty.',
    });
    expect(renameWidget(def, 'ghost', 'x')).toEqual({
      ok: false,
      reason: 'There is no widget named “ghost”.',
    });
    const spaced = renameWidget(def, 'send_to_Q988En', 'send to', { checkName: studioNames });
    expect(spaced.ok).toBe(false);
    if (!spaced.ok) expect(spaced.reason).toMatch(/not spaces/);
    const cased = renameWidget(def, 'send_to_Q988En', 'SEND_TO_Q988FR', { checkName: studioNames });
    if (cased.ok) throw new Error('accepted a case clash');
    expect(cased.reason).toMatch(/differ by more than case/);
    // the widget's own name does not clash: changing its case is fine
    expect(renameWidget(def, 'send_to_Q988En', 'SEND_TO_Q988EN', { checkName: studioNames }).ok).toBe(true);
  });

  it('is an ok no-op when the name does not change', () => {
    const { def } = frozen(CAMH);
    expect(renameWidget(def, 'split_keys_lang', 'split_keys_lang')).toEqual({ ok: true, def });
  });

  it('moves every reference of every corpus flow to the new name and touches nothing else', () => {
    for (const { file, text } of corpusFiles()) {
      if (file === LEGACY_FILE) continue;
      const def = JSON.parse(text) as FlowDefinition;
      // the widget with the most incoming links
      const counts = new Map<string, number>();
      for (const w of def.states)
        for (const t of w.transitions) if (t.next) counts.set(t.next, (counts.get(t.next) ?? 0) + 1);
      const target = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
      if (target === undefined || !def.states.some((w) => w.name === target)) continue;
      const newName = `${target}_renamed`;
      const refs = liquidRefCount(def, target);
      const links = incomingLinks(def, target).length;
      const result = renameWidget(def, target, newName);
      if (!result.ok) throw new Error(`${file}: ${result.reason}`);
      expect(liquidRefCount(result.def, target), file).toBe(0);
      expect(liquidRefCount(result.def, newName), file).toBe(refs);
      expect(incomingLinks(result.def, newName).length, file).toBe(links);
      expect(
        result.def.states.map((w) => w.name),
        file,
      ).toEqual(def.states.map((w) => (w.name === target ? newName : w.name)));
      for (const w of def.states) {
        if (w.name !== target && !JSON.stringify(w).includes(target))
          expect(result.def.states, file).toContain(w);
      }
    }
  });
});

describe('renameWidgetInValue', () => {
  it('copies only the containers on the path to a change', () => {
    const value = deepFreeze({ a: { b: ['x', '{{widgets.old.y}}'] }, c: { d: 'widgets.old' } });
    const out = renameWidgetInValue(value, 'old', 'new') as typeof value;
    expect(out).toEqual({ a: { b: ['x', '{{widgets.new.y}}'] }, c: { d: 'widgets.old' } });
    expect(out.c).toBe(value.c);
    expect(renameWidgetInValue(value, 'other', 'new')).toBe(value);
  });

  it('keeps an own __proto__ key as data', () => {
    const value = JSON.parse('{"__proto__": "{{widgets.old.x}}", "k": 1}') as Record<string, unknown>;
    const out = renameWidgetInValue(value, 'old', 'new') as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['__proto__', 'k']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toBe('{{widgets.new.x}}');
  });
});

describe('moveWidgets', () => {
  it('sets offsets rounded, in place, sharing unmoved widgets', () => {
    const { def, json } = frozen(CAMH);
    const after = moveWidgets(
      def,
      new Map([
        ['send_to_Q988En', { x: 10.5, y: -3.5 }],
        ['ghost', { x: 1, y: 1 }],
      ]),
    );
    expect(JSON.stringify(def)).toBe(json);
    const w = widget(after, 'send_to_Q988En');
    expect(w.properties.offset).toEqual({ x: 11, y: -3 });
    expect(Object.keys(w.properties)).toEqual(Object.keys(widget(def, 'send_to_Q988En').properties));
    expect(w.transitions).toBe(widget(def, 'send_to_Q988En').transitions);
    expect(shared(def, after)).toHaveLength(def.states.length - 1);
  });

  it('keeps the key order of the offset itself ({y, x})', () => {
    const def = deepFreeze(flow(SIMPLE));
    const after = moveWidgets(def, new Map([['say_play_1', { x: 1, y: 2 }]]));
    expect(JSON.stringify(widget(after, 'say_play_1').properties)).toBe(
      '{"say":"Hello world!","loop":1,"offset":{"y":2,"x":1}}',
    );
  });

  it('adds a missing offset last, changes nothing for the same position, and refuses NaN', () => {
    const def = deepFreeze({
      initial_state: 'a',
      states: [{ name: 'a', type: 't', transitions: [], properties: { body: 'x' } }],
    } satisfies FlowDefinition);
    const after = moveWidgets(def, new Map([['a', { x: 5, y: 6 }]]));
    expect(JSON.stringify(after.states[0]?.properties)).toBe('{"body":"x","offset":{"x":5,"y":6}}');
    expect(moveWidgets(after, new Map([['a', { x: 5.2, y: 5.8 }]]))).toBe(after);
    expect(moveWidgets(def, new Map())).toBe(def);
    expect(() => moveWidgets(def, new Map([['a', { x: Number.NaN, y: 0 }]]))).toThrow(/finite/);
  });
});

describe('setWidgetProperty and replaceWidget', () => {
  it('sets in place, adds last, deletes, and changes nothing for the same value', () => {
    const { def } = frozen(CAMH);
    const keys = Object.keys(widget(def, 'send_to_Q988En').properties);
    const set = setWidgetProperty(def, 'send_to_Q988En', 'channel', 'TCxxx');
    expect(Object.keys(widget(set, 'send_to_Q988En').properties)).toEqual(keys);
    expect(widget(set, 'send_to_Q988En').properties.channel).toBe('TCxxx');
    const added = setWidgetProperty(def, 'send_to_Q988En', 'priority', '5');
    expect(Object.keys(widget(added, 'send_to_Q988En').properties)).toEqual([...keys, 'priority']);
    const removed = setWidgetProperty(def, 'send_to_Q988En', 'waitUrl', undefined);
    expect(Object.keys(widget(removed, 'send_to_Q988En').properties)).toEqual(
      keys.filter((k) => k !== 'waitUrl'),
    );
    expect(setWidgetProperty(def, 'send_to_Q988En', 'waitUrlMethod', 'GET')).toBe(def);
    expect(setWidgetProperty(def, 'send_to_Q988En', 'nothing', undefined)).toBe(def);
    expect(shared(def, set)).toHaveLength(def.states.length - 1);
    expect(() => setWidgetProperty(def, 'ghost', 'a', 1)).toThrow(/ghost/);
  });

  it('replaces a widget at its position, keeping its name', () => {
    const { def } = frozen(CAMH);
    const w = widget(def, 'forward_call_camh');
    const edited: Widget = { ...w, properties: { ...w.properties, to: '+15550100' } };
    const after = replaceWidget(def, 'forward_call_camh', edited);
    expect(after.states[5]).toBe(edited);
    expect(shared(def, after)).toHaveLength(def.states.length - 1);
    expect(replaceWidget(def, 'forward_call_camh', w)).toBe(def);
    expect(() => replaceWidget(def, 'forward_call_camh', { ...w, name: 'other' })).toThrow(/renameWidget/);
    expect(() => replaceWidget(def, 'ghost', w)).toThrow(/ghost/);
  });
});

describe('setDefinitionFields', () => {
  it('sets, adds and removes the description and merges flags', () => {
    const { def } = frozen(CAMH);
    const described = setDefinitionFields(def, { description: 'New' });
    expect(Object.keys(described)).toEqual(Object.keys(def));
    expect(described.description).toBe('New');
    expect(described.states).toBe(def.states);
    expect(setDefinitionFields(def, { description: def.description })).toBe(def);
    expect(setDefinitionFields(def, {})).toBe(def);

    const noDescription = setDefinitionFields(def, { description: undefined });
    expect(Object.keys(noDescription)).toEqual(['states', 'initial_state', 'flags']);
    expect(Object.keys(setDefinitionFields(noDescription, { description: 'Back' }))).toEqual(
      Object.keys(def),
    );

    const flagged = setDefinitionFields(def, { flags: { allow_concurrent_calls: false, other: 1 } });
    expect(flagged.flags).toEqual({ allow_concurrent_calls: false, other: 1 });
    expect(setDefinitionFields(def, { flags: { ...def.flags } })).toBe(def);
    expect(setDefinitionFields(flagged, { flags: { other: undefined } }).flags).toEqual({
      allow_concurrent_calls: false,
    });
    const noFlags = setDefinitionFields(def, { flags: undefined });
    expect(noFlags).not.toHaveProperty('flags');
    expect(Object.keys(setDefinitionFields(noFlags, { flags: { allow_concurrent_calls: true } }))).toEqual(
      Object.keys(def),
    );
  });
});

describe('immutability', () => {
  it('never mutates a deep-frozen input', () => {
    for (const file of [CAMH, VACCINE, FOODNOW, SIMPLE]) {
      const { def, json } = frozen(file);
      const names = def.states.map((w) => w.name);
      const [first, second, third] = names.slice(1);
      if (first === undefined || second === undefined || third === undefined) throw new Error('too small');
      addWidget(def, {
        type: 'x',
        name: 'brand_new',
        events: ['a'],
        properties: { p: [1] },
        offset: { x: 0, y: 0 },
      });
      removeWidgets(def, names);
      removeWidgets(def, [first, second]);
      connect(def, first, widget(def, first).transitions[0]?.event ?? 'e', second);
      connect(def, first, 'someNewEvent', third);
      disconnect(def, first, widget(def, first).transitions[0]?.event ?? 'e');
      for (const name of names) renameWidget(def, name, `${name}_2`, { checkName: studioNames });
      moveWidgets(def, new Map(names.map((n, i) => [n, { x: i + 0.5, y: -i }])));
      setWidgetProperty(def, first, 'offset', { x: 1, y: 1 });
      setWidgetProperty(def, first, 'offset', undefined);
      replaceWidget(def, first, { ...widget(def, first) });
      setDefinitionFields(def, { description: 'x', flags: { allow_concurrent_calls: false, z: 1 } });
      setDefinitionFields(def, { description: undefined, flags: undefined });
      expect(JSON.stringify(def), file).toBe(json);
    }
  });
});
