import { describe, expect, it } from 'vitest';
import type { FlowDefinition, Problem } from '../model/types';
import {
  addListRow,
  advancedText,
  advancedValue,
  applyAdvancedProperties,
  applyCompletion,
  flowProblems,
  listOrAbsent,
  parseAdvancedText,
  removeListRow,
  valueAtPath,
  widgetNamesKey,
  widgetProblems,
} from './formEditing';

describe('applyCompletion', () => {
  it('replaces the segment being typed and keeps the caret after a namespace, ready for the next segment', () => {
    expect(applyCompletion('Hi {{wid', 8, 5, 'widgets.')).toEqual({ text: 'Hi {{widgets.', cursor: 13 });
  });

  it('closes the output tag after a leaf, and puts the caret after the braces', () => {
    const text = 'Hi {{widgets.a.Bo';
    expect(applyCompletion(text, text.length, 15, 'Body')).toEqual({
      text: 'Hi {{widgets.a.Body}}',
      cursor: 21,
    });
  });

  it('keeps the text after the caret, and does not close a tag that is closed already', () => {
    const text = 'A {{flow.va}} B';
    expect(applyCompletion(text, 11, 9, 'variables.')).toEqual({
      text: 'A {{flow.variables.}} B',
      cursor: 19,
    });
    const leaf = 'A {{widgets.x.Bo }} B';
    expect(applyCompletion(leaf, 16, 14, 'Body')).toEqual({ text: 'A {{widgets.x.Body }} B', cursor: 18 });
    const trimmed = 'A {{ widgets.x.Bo -}}';
    expect(applyCompletion(trimmed, 17, 15, 'Body').text).toBe('A {{ widgets.x.Body -}}');
  });

  it('does not add braces inside a {% tag', () => {
    const text = '{% if widgets.a.Bo';
    expect(applyCompletion(text, text.length, 16, 'Body')).toEqual({
      text: '{% if widgets.a.Body',
      cursor: 20,
    });
  });

  it('closes the innermost tag only: an earlier closed tag does not count', () => {
    const text = '{{a}} and {{widgets.x.Bo';
    expect(applyCompletion(text, text.length, 22, 'Body').text).toBe('{{a}} and {{widgets.x.Body}}');
  });
});

describe('Advanced properties', () => {
  const properties = { offset: { x: 1, y: 2 }, body: 'hi', x_a: 1, x_b: { c: [1] } };

  it('shows the unknown keys as one object, in the widget’s order', () => {
    expect(advancedValue(properties, ['x_b', 'x_a', 'missing'])).toEqual({ x_b: { c: [1] }, x_a: 1 });
    expect(Object.keys(advancedValue(properties, ['x_b', 'x_a']))).toEqual(['x_b', 'x_a']);
    expect(advancedText({})).toBe('{}');
    expect(advancedText({ a: 1 })).toBe('{\n  "a": 1\n}');
  });

  it('parses an object; says where text is not JSON; refuses JSON that is not an object', () => {
    expect(parseAdvancedText(' {"a": [1, 2]} ')).toEqual({ ok: true, value: { a: [1, 2] } });
    expect(parseAdvancedText('   ')).toEqual({ ok: true, value: {} });
    const bad = parseAdvancedText('{\n  "a": 1,\n}');
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.message).toBe("Not valid JSON: Trailing comma is not allowed before '}' (line 2, column 9)");
    const array = parseAdvancedText('[1]');
    expect(array.ok).toBe(false);
    if (!array.ok) expect(array.message).toMatch(/JSON object/);
  });

  it('replaces just those keys: in place, removed, or added last; the others stay untouched', () => {
    const next = applyAdvancedProperties(properties, ['x_a', 'x_b'], { x_b: { c: [2] }, x_new: 'n' });
    expect(next).toEqual({ offset: { x: 1, y: 2 }, body: 'hi', x_b: { c: [2] }, x_new: 'n' });
    expect(Object.keys(next)).toEqual(['offset', 'body', 'x_b', 'x_new']);
    expect(next.offset).toBe(properties.offset);
  });

  it('returns the very properties when nothing changes, and keeps equal values’ identity', () => {
    expect(applyAdvancedProperties(properties, ['x_a', 'x_b'], { x_a: 1, x_b: { c: [1] } })).toBe(properties);
    const changed = applyAdvancedProperties(properties, ['x_a', 'x_b'], { x_a: 2, x_b: { c: [1] } });
    expect(changed.x_b).toBe(properties.x_b);
  });
});

describe('values and list rows', () => {
  it('reads nested values through objects and arrays', () => {
    const v = { parameters: [{ key: 'a', value: 'b' }], o: { p: null } };
    expect(valueAtPath(v, ['parameters', 0, 'value'])).toBe('b');
    expect(valueAtPath(v, ['parameters', '0', 'key'])).toBe('a');
    expect(valueAtPath(v, ['o', 'p', 'q'])).toBeUndefined();
    expect(valueAtPath(v, ['missing'])).toBeUndefined();
    expect(valueAtPath('text', [])).toBe('text');
  });

  it('adds an empty row of the first two item keys, and removes a row', () => {
    const list = [{ value: 'v', key: 'k', index: 0 }];
    expect(addListRow(list)).toEqual([list[0], { key: '', value: '' }]);
    expect(addListRow(undefined, ['key', 'value', 'type'])).toEqual([{ key: '', value: '' }]);
    expect(removeListRow([1, 2, 3], 1)).toEqual([1, 3]);
    expect(removeListRow('not a list', 0)).toEqual([]);
  });

  it('an empty list of an optional property removes it; a required one keeps []', () => {
    expect(listOrAbsent([], false)).toBeUndefined();
    expect(listOrAbsent([], true)).toEqual([]);
    expect(listOrAbsent([1], false)).toEqual([1]);
  });
});

describe('store selections', () => {
  const p = (pointer: string): Problem => ({ severity: 'error', code: 'x', message: pointer, pointer });
  const problems = [
    p('/states/1'),
    p('/states/1/properties/body'),
    p('/states/10/name'),
    p('/initial_state'),
    p(''),
  ];

  it('picks the problems of one widget, not of a widget whose index starts the same', () => {
    expect(widgetProblems(problems, 1).map((x) => x.pointer)).toEqual([
      '/states/1',
      '/states/1/properties/body',
    ]);
    expect(widgetProblems(problems, -1)).toEqual([]);
    expect(flowProblems(problems).map((x) => x.pointer)).toEqual(['/initial_state', '']);
  });

  it('gives equal name keys for the same widgets, and a new key when a name changes', () => {
    const w = (name: string) => ({ name, type: 'send-message', transitions: [], properties: {} });
    const def: FlowDefinition = { initial_state: 'Trigger', states: [w('a'), w('b')] };
    const moved: FlowDefinition = { ...def, states: def.states.map((s) => ({ ...s })) };
    const renamed: FlowDefinition = { ...def, states: [w('a'), w('c')] };
    expect(widgetNamesKey(def)).toBe(widgetNamesKey(moved));
    expect(widgetNamesKey(def)).not.toBe(widgetNamesKey(renamed));
    expect(widgetNamesKey(null)).toBe('');
  });
});
