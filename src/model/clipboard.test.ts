import { describe, expect, it } from 'vitest';
import { corpusFlow as flow, deepFreeze, widgetNamed as widget } from '../testing/flows';
import { widgetNameClash, widgetNameError } from './names';
import { restoreWidgetsText } from '../io/restore';
import { copyWidgets, duplicateWidgets, pasteWidgets } from './clipboard';
import type { NameCheck } from './commands';
import { referencedWidgets } from './liquid';
import type { FlowDefinition, Widget } from './types';

function parsed(text: string): Widget[] {
  const result = restoreWidgetsText(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.states;
}

function state(name: string, extra: Partial<Widget> = {}): Widget {
  return { name, type: 'send-message', transitions: [{ event: 'sent' }], properties: {}, ...extra };
}

const studioNames: NameCheck = (name, others) => widgetNameError(name) ?? widgetNameClash(name, others);

const VACCINE = 'real/ft__vaccine-standby-list__sms-studio-flow.json';
const CAMH = 'real/tm__ca_988camh.json';

describe('copyWidgets', () => {
  it('writes the selected states as they are, in flow order, without the Trigger', () => {
    const def = deepFreeze(flow(VACCINE));
    const text = copyWidgets(def, ['OptIn', 'Trigger', 'Welcome', 'ghost']);
    expect(text).toBe(JSON.stringify({ states: [widget(def, 'Welcome'), widget(def, 'OptIn')] }, null, 2));
    expect(text.startsWith('{\n  "states": [\n    {\n      "name": "Welcome",')).toBe(true);
    expect(copyWidgets(def, ['Trigger'])).toBe('{\n  "states": []\n}');
  });
});

describe('pasteWidgets', () => {
  it('pastes into the same flow: new names, internal links and Liquid follow, external links dropped', () => {
    const def = deepFreeze(flow(VACCINE));
    const json = JSON.stringify(def);
    const { def: after, pasted } = pasteWidgets(def, parsed(copyWidgets(def, ['Welcome', 'OptIn'])));
    expect(JSON.stringify(def)).toBe(json);
    expect(pasted).toEqual(['Copy_of_Welcome', 'Copy_of_OptIn']);
    expect(after.states.slice(0, def.states.length)).toEqual(def.states);
    after.states.slice(0, def.states.length).forEach((w, i) => expect(w).toBe(def.states[i]));

    const welcome = widget(after, 'Copy_of_Welcome');
    const optIn = widget(after, 'Copy_of_OptIn');
    const origWelcome = widget(def, 'Welcome');
    const origOptIn = widget(def, 'OptIn');
    // Welcome -> OptIn stays inside the group
    expect(welcome.transitions).toEqual([
      { next: 'Copy_of_OptIn', event: 'incomingMessage' },
      { event: 'timeout' },
      { event: 'deliveryFailure' },
    ]);
    // OptIn: noMatch -> Welcome follows, match -> Name (outside) is dropped, keys in order
    expect(JSON.stringify(optIn.transitions)).toBe(
      JSON.stringify([
        { next: 'Copy_of_Welcome', event: 'noMatch' },
        {
          event: 'match',
          conditions: [
            {
              friendly_name: 'If value equal_to yes',
              arguments: ['{{widgets.Copy_of_Welcome.inbound.Body}}'],
              type: 'equal_to',
              value: 'yes',
            },
          ],
        },
      ]),
    );
    expect(optIn.properties.input).toBe('{{widgets.Copy_of_Welcome.inbound.Body}}');
    // moved by 40, 40, key order kept
    expect(Object.keys(welcome.properties)).toEqual(Object.keys(origWelcome.properties));
    expect(welcome.properties.offset).toEqual({ x: -20 + 40, y: 200 + 40 });
    expect(optIn.properties.offset).toEqual({ x: -20 + 40, y: 440 + 40 });
    // new objects, not shared with the source
    expect(welcome.properties).not.toBe(origWelcome.properties);
    expect(optIn.transitions[1]?.conditions).not.toBe(origOptIn.transitions[1]?.conditions);
    expect(Object.isFrozen(welcome)).toBe(false);
  });

  it('keeps Liquid references to widgets outside the group as they are', () => {
    const def = deepFreeze(flow(VACCINE));
    const { def: after, pasted } = pasteWidgets(def, parsed(copyWidgets(def, ['OptIn'])));
    expect(pasted).toEqual(['Copy_of_OptIn']);
    const optIn = widget(after, 'Copy_of_OptIn');
    expect(optIn.properties.input).toBe('{{widgets.Welcome.inbound.Body}}');
    expect(optIn.transitions.map((t) => t.next)).toEqual([undefined, undefined]);
  });

  it('dedupes names against the flow and each other: Copy_of_x, Copy_of_x_2…', () => {
    const def = deepFreeze(flow(CAMH));
    const states = parsed(copyWidgets(def, ['forward_call_camh']));
    const once = pasteWidgets(def, states);
    const twice = pasteWidgets(once.def, states);
    const thrice = pasteWidgets(twice.def, [...states, ...states]);
    expect(once.pasted).toEqual(['Copy_of_forward_call_camh']);
    expect(twice.pasted).toEqual(['Copy_of_forward_call_camh_2']);
    expect(thrice.pasted).toEqual(['Copy_of_forward_call_camh_3', 'Copy_of_forward_call_camh_4']);
    // case-insensitive, as Studio's names are
    const lower = pasteWidgets(def, [state('FORWARD_CALL_CAMH')]);
    expect(lower.pasted).toEqual(['Copy_of_FORWARD_CALL_CAMH']);
  });

  it('keeps free names (pasting into another flow), and keeps links and references among them', () => {
    const source = flow(VACCINE);
    const target = deepFreeze(flow(CAMH));
    const { def: after, pasted } = pasteWidgets(
      target,
      parsed(copyWidgets(source, ['Welcome', 'OptIn', 'Name'])),
      {
        at: { x: 1000, y: 2000 },
      },
    );
    expect(pasted).toEqual(['Welcome', 'Name', 'OptIn']); // flow order
    const optIn = widget(after, 'OptIn');
    expect(optIn.transitions.map((t) => t.next)).toEqual(['Welcome', 'Name']);
    expect(optIn.properties.input).toBe('{{widgets.Welcome.inbound.Body}}');
    // the group's top-left goes to `at`, its shape is kept
    const offsets = pasted.map((n) => widget(after, n).properties.offset);
    const orig = pasted.map((n) => widget(source, n).properties.offset);
    const minX = Math.min(...orig.map((o) => o?.x ?? 0));
    const minY = Math.min(...orig.map((o) => o?.y ?? 0));
    expect(offsets).toEqual(
      orig.map((o) => ({ x: (o?.x ?? 0) - minX + 1000, y: (o?.y ?? 0) - minY + 2000 })),
    );
    expect(Math.min(...offsets.map((o) => o?.x ?? 0))).toBe(1000);
  });

  it('never lets a new name take the old name of another pasted widget (no chained renames)', () => {
    const def = deepFreeze({
      initial_state: 'Trigger',
      states: [{ name: 'Trigger', type: 'trigger', transitions: [], properties: {} }, state('x')],
    } satisfies FlowDefinition);
    const a = state('x', {
      transitions: [{ event: 'sent', next: 'Copy_of_x' }],
      properties: { body: '{{widgets.Copy_of_x.body}} {{widgets.x.body}}', offset: { x: 0, y: 0 } },
    });
    const b = state('Copy_of_x', {
      transitions: [{ event: 'sent', next: 'x' }],
      properties: { body: '{{widgets.x.body}}', offset: { x: 100, y: 0 } },
    });
    const { def: after, pasted } = pasteWidgets(def, [a, b]);
    // Copy_of_x is free in the flow: it keeps its name; x clashes and must avoid Copy_of_x
    expect(pasted).toEqual(['Copy_of_x_2', 'Copy_of_x']);
    const newA = widget(after, 'Copy_of_x_2');
    const newB = widget(after, 'Copy_of_x');
    expect(newA.transitions[0]?.next).toBe('Copy_of_x');
    expect(newB.transitions[0]?.next).toBe('Copy_of_x_2');
    expect(newA.properties.body).toBe('{{widgets.Copy_of_x.body}} {{widgets.Copy_of_x_2.body}}');
    expect(newB.properties.body).toBe('{{widgets.Copy_of_x_2.body}}');
  });

  it('does not give a pasted widget the name of an outside widget its group mentions', () => {
    const def = deepFreeze({ initial_state: 'a', states: [state('a')] } satisfies FlowDefinition);
    const states = [
      state('a', { properties: { body: '{{widgets.Copy_of_a.body}}' } }), // Copy_of_a: a widget of the source flow
    ];
    const { def: after, pasted } = pasteWidgets(def, states);
    expect(pasted).toEqual(['Copy_of_a_2']);
    expect(widget(after, 'Copy_of_a_2').properties.body).toBe('{{widgets.Copy_of_a.body}}');
  });

  it('skips Trigger states, and makes invalid names valid', () => {
    const def = deepFreeze(flow(CAMH));
    const trigger = widget(def, 'Trigger');
    const { def: after, pasted } = pasteWidgets(def, [
      trigger,
      state('my widget'),
      state('1st'),
      state('ok-name'),
    ]);
    expect(pasted).toEqual(['my_widget', '_1st', 'ok-name']);
    expect(after.states.filter((w) => w.type === 'trigger')).toHaveLength(1);
    expect(pasteWidgets(def, [trigger])).toEqual({ def, pasted: [] });
    expect(pasteWidgets(def, [])).toEqual({ def, pasted: [] });
    // a name the flow has, made valid, still clashes and gets the copy pattern
    expect(pasteWidgets(def, [state('split keys lang'), state('split_keys_lang')]).pasted).toEqual([
      'Copy_of_split_keys_lang',
      'Copy_of_split_keys_lang_2',
    ]);
  });

  it('keeps names within Studio’s length limit and applies checkName', () => {
    const def = deepFreeze({ initial_state: 'a', states: [state('a'.repeat(128))] } satisfies FlowDefinition);
    const { pasted } = pasteWidgets(def, [state('a'.repeat(128))], { checkName: studioNames });
    expect(pasted[0]?.length).toBe(128);
    expect(pasted[0]?.startsWith('Copy_of_')).toBe(true);
    const noUnderscoreStart: NameCheck = (name, others) =>
      name.startsWith('_') ? 'no leading underscore' : studioNames(name, others);
    expect(pasteWidgets(def, [state('_x')], { checkName: noUnderscoreStart }).pasted).toEqual(['Copy_of__x']);
  });

  it('places widgets without a position at the group’s top-left and uses a custom nudge', () => {
    const def = deepFreeze({ initial_state: 'a', states: [state('a')] } satisfies FlowDefinition);
    const states = [
      state('p', { properties: { offset: { x: 10, y: 50 } } }),
      state('q', { properties: { body: 'no offset' } }),
      state('r', { properties: { offset: { x: 30.6, y: 20 } } }),
    ];
    const { def: after } = pasteWidgets(def, states, { nudge: { x: 5, y: -5 } });
    expect(['p', 'q', 'r'].map((n) => widget(after, n).properties.offset)).toEqual([
      { x: 15, y: 45 },
      { x: 15, y: 15 },
      { x: 36, y: 15 },
    ]);
    expect(Object.keys(widget(after, 'q').properties)).toEqual(['body', 'offset']);
    const at = pasteWidgets(def, [state('q')], { at: { x: 7, y: 8 } });
    expect(widget(at.def, 'q').properties.offset).toEqual({ x: 7, y: 8 });
  });
});

describe('duplicateWidgets', () => {
  it('duplicates widgets beside themselves, with links among them', () => {
    const def = deepFreeze(flow(CAMH));
    const json = JSON.stringify(def);
    const { def: after, pasted } = duplicateWidgets(def, [
      'f_check_counsellors',
      'split_available_counsellors',
      'Trigger',
    ]);
    expect(JSON.stringify(def)).toBe(json);
    expect(pasted).toEqual(['Copy_of_f_check_counsellors', 'Copy_of_split_available_counsellors']);
    const f = widget(after, 'Copy_of_f_check_counsellors');
    expect(f.transitions).toEqual([
      { next: 'Copy_of_split_available_counsellors', event: 'success' },
      { event: 'fail' },
    ]);
    const split = widget(after, 'Copy_of_split_available_counsellors');
    expect(split.properties.input).toBe('{{widgets.Copy_of_f_check_counsellors.parsed.totalCounsellors}}');
    expect(split.transitions[1]?.conditions?.[0]?.arguments).toEqual([
      '{{widgets.Copy_of_f_check_counsellors.parsed.totalCounsellors}}',
    ]);
    expect(split.transitions.map((t) => t.next)).toEqual([undefined, undefined]);
    const o = widget(def, 'f_check_counsellors').properties.offset;
    expect(f.properties.offset).toEqual({ x: (o?.x ?? 0) + 40, y: (o?.y ?? 0) + 40 });
    // nothing in the original flow refers to the copies
    for (const w of def.states) {
      for (const t of w.transitions) expect(t.next?.startsWith('Copy_of_') ?? false).toBe(false);
    }
    expect(referencedWidgets(JSON.stringify(after.states.slice(0, def.states.length)))).not.toContain(
      'Copy_of_f_check_counsellors',
    );
  });
});
