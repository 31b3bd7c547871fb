import { describe, expect, it } from 'vitest';
import {
  MAX_OPEN_WIDGETS,
  MAX_TEXT_LENGTH,
  STUDIO_MAX_WIDGETS,
  importFlowBytes,
  importFlowText,
  importFlowValue,
  isLegacyDefinition,
  restoreWidgetsText,
  serializeDefinition,
  tooManyWidgetsMessage,
  type ImportResult,
} from './index';
import type { FlowDefinition } from '../model/types';
import { sendMessage, trigger } from '../testing/flows';

const TRIGGER = trigger('reply', { event: 'incomingCall' });
const REPLY = sendMessage('reply', { body: 'Hi', offset: { x: 0, y: 200 } }, ['sent']);
const DEF = {
  description: 'Demo',
  states: [TRIGGER, REPLY],
  initial_state: 'Trigger',
  flags: { allow_concurrent_calls: true },
};

function error(result: ImportResult): Extract<ImportResult, { ok: false }>['error'] {
  if (result.ok) throw new Error(`expected an error, got ${result.label}`);
  return result.error;
}

describe('importFlowText: definitions', () => {
  it('returns the parsed objects as they are', () => {
    const result = importFlowText(JSON.stringify(DEF));
    expect(result).toMatchObject({ ok: true, kind: 'definition', label: 'Flow definition' });
    if (!result.ok) return;
    expect(result.flows).toEqual([
      { definition: DEF, source: { kind: 'definition', label: 'Flow definition' } },
    ]);
  });

  it('does not require initial_state, description or flags (validation reports them)', () => {
    expect(importFlowText('{"states": []}').ok).toBe(true);
    expect(importFlowText(JSON.stringify({ states: [TRIGGER] })).ok).toBe(true);
  });

  it('keeps unknown keys and mixed value types untouched', () => {
    const def = {
      ...DEF,
      extra: { nested: [1, '2'] },
      states: [{ ...REPLY, sid: 'x', properties: { timeout: '3600', offset: { x: 1, y: 2 } } }],
    };
    const text = JSON.stringify(def, null, 2);
    const result = importFlowText(text);
    expect(result.ok && serializeDefinition(result.flows[0]?.definition as FlowDefinition)).toBe(`${text}\n`);
  });

  it('accepts a BOM and a double-encoded definition', () => {
    expect(importFlowText(`\uFEFF${JSON.stringify(DEF)}`).ok).toBe(true);
    const result = importFlowText(JSON.stringify(JSON.stringify(DEF)));
    expect(result.ok && result.flows[0]?.source.definitionWasString).toBe(true);
  });
});

describe('importFlowText: errors', () => {
  it('empty text', () => {
    expect(error(importFlowText(''))).toMatchObject({ code: 'empty' });
    expect(error(importFlowText(' \n\t'))).toMatchObject({ code: 'empty' });
  });

  it('JSON syntax errors carry line and column', () => {
    const e = error(importFlowText('{\n  "states": [\n  ],\n}'));
    expect(e).toMatchObject({ code: 'json-syntax', line: 3, column: 4 });
    expect(e.message).toContain('Trailing comma');
  });

  it('non-objects and unrelated JSON', () => {
    expect(error(importFlowText('42')).code).toBe('not-an-object');
    expect(error(importFlowText('"hello"')).message).toContain('a string');
    expect(error(importFlowText('null')).message).toContain('null');
    expect(error(importFlowText('{"foo": 1}'))).toMatchObject({ code: 'not-a-flow' });
    expect(error(importFlowText('{"foo": 1}')).message).toContain('"foo"');
    expect(error(importFlowText('[]')).code).toBe('empty-list');
    expect(error(importFlowText('[1, 2]'))).toMatchObject({ code: 'not-a-flow', pointer: '/0' });
    expect(error(importFlowText(`[${JSON.stringify(DEF)}]`)).message).toContain('bare flow definition');
    expect(error(importFlowText('{"flows": []}')).code).toBe('empty-list');
  });

  it('a Flow resource without a definition says how to fetch it', () => {
    const e = error(
      importFlowText(
        '{"sid": "FW3d6f4b83c4c60a13829d92fde6ddba80", "friendly_name": "X", "status": "draft", "definition": null}',
      ),
    );
    expect(e.code).toBe('no-definition');
    expect(e.message).toContain('twilio api:studio:v2:flows:fetch --sid FW3d6f4b83c4c60a13829d92fde6ddba80');
  });

  it('list entries without a definition are skipped and counted in the label', () => {
    const rev = (n: number, definition: unknown) => ({
      sid: 'FW3d6f4b83c4c60a13829d92fde6ddba80',
      friendly_name: 'X',
      revision: n,
      status: 'draft',
      definition,
    });
    const result = importFlowText(JSON.stringify({ revisions: [rev(1, null), rev(2, DEF)] }));
    expect(result).toMatchObject({
      ok: true,
      kind: 'revision-list',
      label: '1 revision of “X”; 1 without a definition skipped',
    });
  });
});

describe('shape errors name the pointer', () => {
  const withState = (state: unknown) =>
    JSON.stringify({ states: [TRIGGER, REPLY, { ...REPLY, name: 'c' }, state] });

  it('missing name', () => {
    const { name: _n, ...nameless } = REPLY;
    const e = error(importFlowText(withState(nameless)));
    expect(e).toMatchObject({ code: 'shape', pointer: '/states/3' });
    expect(e.message).toBe('states[3] (pointer /states/3) has no "name"');
  });

  it('wrong types, with the widget name when there is one', () => {
    expect(error(importFlowText(withState({ ...REPLY, type: 7 })))).toMatchObject({
      pointer: '/states/3/type',
      message: 'states[3].type (widget "reply", pointer /states/3/type) must be a string, found a number',
    });
    expect(error(importFlowText(withState({ ...REPLY, properties: [] }))).pointer).toBe(
      '/states/3/properties',
    );
    expect(error(importFlowText(withState({ ...REPLY, transitions: {} }))).pointer).toBe(
      '/states/3/transitions',
    );
    expect(error(importFlowText(withState({ ...REPLY, transitions: undefined }))).message).toContain(
      'has no "transitions" array',
    );
    expect(error(importFlowText(withState('x'))).message).toContain('must be an object, found a string');
  });

  it('transitions: event required, next must be a string', () => {
    const e = error(importFlowText(withState({ ...REPLY, transitions: [{ event: 'sent', next: null }] })));
    expect(e.pointer).toBe('/states/3/transitions/0/next');
    expect(e.message).toContain('must be a widget name (a string), found null');
    expect(error(importFlowText(withState({ ...REPLY, transitions: [{ next: 'a' }] }))).message).toContain(
      'states[3].transitions[0] (widget "reply", pointer /states/3/transitions/0) has no "event"',
    );
  });

  it('states missing or not an array; several problems are counted', () => {
    expect(error(importFlowText('{"initial_state": "Trigger"}'))).toMatchObject({
      code: 'shape',
      pointer: '',
      message: 'The flow definition has no "states" array',
    });
    expect(error(importFlowText('{"states": {}}'))).toMatchObject({ pointer: '/states' });
    expect(error(importFlowText('{"states": [1, 2, 3]}')).message).toContain('(and 2 more shape problems)');
  });

  it('pointers inside wrappers start at the wrapper', () => {
    const { name: _n, ...nameless } = REPLY;
    const page = {
      revisions: [
        {
          sid: 'FW3d6f4b83c4c60a13829d92fde6ddba80',
          revision: 2,
          definition: { states: [TRIGGER, nameless] },
        },
      ],
    };
    const e = error(importFlowText(JSON.stringify(page)));
    expect(e.pointer).toBe('/revisions/0/definition/states/1');
    expect(e.message).toContain('Revision 2 of flow FW3d6f4b83…: states[1]');
    const wrongDef = error(importFlowText('{"sid": "FW3d6f4b83c4c60a13829d92fde6ddba80", "definition": 5}'));
    expect(wrongDef).toMatchObject({ code: 'shape', pointer: '/definition' });
  });
});

describe('legacy pre-2019 format', () => {
  const legacy = {
    description: 'A New Flow',
    states: [
      {
        name: 'Trigger',
        type: 'InitialState',
        properties: {
          offset: { x: 0, y: 0 },
          flow_url: 'https://webhooks.twilio.com/v1/Accounts/AC1/Flows/FW1',
        },
        transitions: [
          {
            event: 'incomingMessage',
            conditions: [],
            next: 'FF57bc8075409a1467faa439894cb16a39',
            uuid: 'caea1431-df47-4eb1-8d93-8faf714adb3b',
          },
          {
            event: 'incomingRequest',
            conditions: [],
            next: null,
            uuid: '491a147d-65c0-49fe-a0ae-d613254552c8',
          },
        ],
        sid: 'FF7c3e4af8c39e6a2ee25c6479db09c0ce',
      },
      {
        name: 'say',
        type: 'SayPlay',
        properties: {},
        transitions: [],
        sid: 'FF57bc8075409a1467faa439894cb16a39',
      },
    ],
  };

  it('is recognised and explained in one sentence', () => {
    const e = error(importFlowText(JSON.stringify(legacy)));
    expect(e.code).toBe('legacy-format');
    expect(e.message).toMatch(
      /^This is the legacy pre-2019 Studio flow format .* no longer accepts: .*export its JSON again.*\.$/,
    );
    expect(e.message.split('. ')).toHaveLength(1);
  });

  it('is recognised inside a wrapper too', () => {
    expect(
      error(importFlowText(JSON.stringify({ sid: 'FW3d6f4b83c4c60a13829d92fde6ddba80', definition: legacy })))
        .code,
    ).toBe('legacy-format');
  });

  it('a modern flow is not legacy', () => {
    expect(isLegacyDefinition(DEF)).toBe(false);
    expect(isLegacyDefinition({ states: [TRIGGER] })).toBe(false);
    expect(isLegacyDefinition(legacy)).toBe(true);
  });
});

describe('hostile input', () => {
  it('100,000-deep nesting is rejected without throwing', () => {
    const text = `{"states": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    let result: ImportResult | undefined;
    expect(() => (result = importFlowText(text))).not.toThrow();
    expect(result && error(result)).toMatchObject({ code: 'too-deep', line: 1 });

    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { states: [deep] };
    expect(error(importFlowValue(deep)).code).toBe('too-deep');
  });

  it('__proto__ keys do not pollute Object.prototype and survive export', () => {
    const text = '{"__proto__": {"polluted": true}, "states": []}';
    const result = importFlowText(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const def = result.flows[0]?.definition as FlowDefinition;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(def)).toBe(Object.prototype);
    expect(Object.hasOwn(def, '__proto__')).toBe(true);
    expect(JSON.parse(serializeDefinition(def))).toEqual(JSON.parse(text));
    expect(serializeDefinition(def)).toContain('"__proto__": {\n    "polluted": true\n  }');
    const canonical = serializeDefinition(def, { canonical: true });
    expect(canonical).toContain('"__proto__"');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a 10 MB string value imports', () => {
    const body = 'x'.repeat(10 * 1024 * 1024);
    const text = JSON.stringify({ ...DEF, states: [TRIGGER, { ...REPLY, properties: { body } }] });
    const result = importFlowText(text);
    expect(result.ok && (result.flows[0]?.definition.states[1]?.properties.body as string).length).toBe(
      body.length,
    );
  });

  it('never throws, even for values that throw when touched', () => {
    const trap = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap');
        },
        has() {
          throw new Error('trap');
        },
        getOwnPropertyDescriptor() {
          throw new Error('trap');
        },
      },
    );
    expect(error(importFlowValue(trap)).code).toBe('internal');
    const cyclic: Record<string, unknown> = { states: [] };
    cyclic.self = cyclic;
    expect(error(importFlowValue(cyclic)).code).toBe('too-deep');
    expect(error(importFlowValue(undefined)).code).toBe('not-an-object');
  });

  it('inherited keys do not count: a constructor or toString is not a definition', () => {
    expect(error(importFlowText('{"sid": "x"}')).code).toBe('not-a-flow');
    expect(
      error(importFlowText('{"states": [{"name": "a", "type": "t", "properties": {}}]}')).message,
    ).toContain('has no "transitions"');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The boundary's newer doors: bytes, limits, notes, widgets

describe('importFlowBytes', () => {
  const text = `${JSON.stringify(DEF, null, 2)}\n`;

  it('opens UTF-8 exactly as the text, and UTF-16 with a note saying so', () => {
    const utf8 = importFlowBytes(new TextEncoder().encode(text));
    expect(utf8.ok && utf8.flows[0]?.notes).toBeUndefined();
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) le[2 + i * 2] = text.charCodeAt(i);
    const result = importFlowBytes(le);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(serializeDefinition(result.flows[0]?.definition as FlowDefinition)).toBe(text);
    expect(result.flows[0]?.notes).toEqual([
      expect.objectContaining({ severity: 'info', code: 'input.encoding', pointer: '' }),
    ]);
  });

  it('refuses invalid UTF-8 with line and column instead of reading U+FFFD', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{"states": [], "description": "'),
      0xe9,
      0x22,
      0x7d,
    ]);
    expect(error(importFlowBytes(bytes))).toMatchObject({ code: 'encoding', line: 1, column: 32 });
  });
});

describe('limits', () => {
  it('refuses a definition with more widgets than the editor opens, before checking any of them', () => {
    const states = Array.from({ length: MAX_OPEN_WIDGETS + 1 }, () => 42);
    const e = error(importFlowValue({ states }));
    expect(e.code).toBe('too-large');
    expect(e.message).toBe(tooManyWidgetsMessage(MAX_OPEN_WIDGETS + 1));
    expect(e.message).toContain('The flow has 10,001 widgets; at most 2,000 are allowed');
  });

  it('opens flows past Studio’s limit up to the editor’s (validation reports the excess)', () => {
    const states = Array.from({ length: STUDIO_MAX_WIDGETS + 1 }, (_, i) => ({ ...REPLY, name: `w${i}` }));
    expect(importFlowValue({ ...DEF, states }).ok).toBe(true);
  });

  it('refuses text longer than the limit without parsing it', () => {
    const e = error(importFlowText(' '.repeat(MAX_TEXT_LENGTH + 1)));
    expect(e.code).toBe('too-large');
    expect(e.message).toMatch(/^The text is 64\.0 MB: too large to open \(at most 64\.0 MB\)/);
  });
});

describe('numbers a double cannot hold', () => {
  it('are notes on their flow, pointing into the definition, with line and column in the text', () => {
    const text =
      '{\n"sid": "FW1", "friendly_name": "x", "status": "draft",\n"definition": {"states": [{"name": "a", "type": "t", "transitions": [], "properties": {"id": 12345678901234567890, "tiny": 1e-400, "big": 1e400}}]}}';
    const result = importFlowText(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const notes = result.flows[0]?.notes ?? [];
    expect(notes.map((n) => [n.code, n.pointer, n.line])).toEqual([
      ['input.number-precision', '/states/0/properties/id', 3],
      ['input.number-underflow', '/states/0/properties/tiny', 3],
    ]);
    expect(notes[0]?.message).toContain('12345678901234567890');
    expect(notes[0]?.message).toContain('12345678901234567000');
    // Infinity is validation's to report (value.non-finite), for as long as the value is there.
    expect(notes.some((n) => n.pointer.endsWith('/big'))).toBe(false);
  });

  it('in a definition given as a string, count lines within that string', () => {
    const inner = JSON.stringify({ states: [{ ...REPLY, properties: { n: 1 } }] }).replace(
      '"n":1',
      '"n":12345678901234567890',
    );
    const result = importFlowText(
      JSON.stringify({ sid: 'FW1', friendly_name: 'x', status: 'draft', definition: inner }),
    );
    expect(result.ok && result.flows[0]?.notes?.map((n) => n.pointer)).toEqual(['/states/0/properties/n']);
    expect(result.ok && result.flows[0]?.notes?.[0]?.message).toContain('within the definition string');
  });
});

function widgetsError(text: string) {
  const r = restoreWidgetsText(text);
  if (r.ok) throw new Error(`accepted ${text}`);
  return r.error;
}

describe('restoreWidgetsText (canvas paste)', () => {
  it('accepts {states}, a whole definition or Flow resource (definition as object or string), an array and one state', () => {
    const states = (text: string) => {
      const r = restoreWidgetsText(text);
      if (!r.ok) throw new Error(r.error.message);
      return r.states;
    };
    expect(states(JSON.stringify({ states: [REPLY] }))).toEqual([REPLY]);
    expect(states(JSON.stringify(DEF))).toEqual(DEF.states);
    expect(states(JSON.stringify({ sid: 'FW1', definition: DEF }))).toEqual(DEF.states);
    expect(states(JSON.stringify({ sid: 'FW1', definition: JSON.stringify(DEF) }))).toEqual(DEF.states);
    expect(states(JSON.stringify([REPLY]))).toEqual([REPLY]);
    expect(states(JSON.stringify(REPLY))).toEqual([REPLY]);
  });

  it('refuses what is not widgets in the same words as a flow import, with line/column or pointer', () => {
    expect(widgetsError('hello')).toMatchObject({ code: 'json-syntax', line: 1, column: 1 });
    expect(widgetsError('42').message).toMatch(/is a number, not Studio widgets/);
    expect(widgetsError('{"a": 1}').message).toMatch(/no Studio widgets/);
    expect(widgetsError('{"states": {}}')).toMatchObject({ code: 'shape', pointer: '/states' });
    expect(widgetsError('[]').message).toMatch(/no widgets/);
    expect(widgetsError('[1]')).toMatchObject({
      message: 'states[0] (pointer /0) must be an object, found a number',
      pointer: '/0',
    });
    const noNext =
      '[{"name": "a", "type": "t", "properties": {}, "transitions": [{"event": "e", "next": 3}]}]';
    const flowText = `{"states": ${noNext}}`;
    // The very message a flow import gives for the same widget (pointers differ only by where the states are).
    expect(widgetsError(flowText)).toEqual(error(importFlowText(flowText)));
    expect(widgetsError(noNext).message).toBe(
      'states[0].transitions[0].next (widget "a", pointer /0/transitions/0/next) must be a widget name (a string), found a number',
    );
    expect(widgetsError('['.repeat(600)).code).toBe('too-deep');
  });
});
