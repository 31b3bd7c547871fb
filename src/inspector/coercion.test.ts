import { describe, expect, it } from 'vitest';
import { coerceInput, displayValue, fitsField, inputError } from './coercion';
import type { FieldModel } from './formModel';

/** A field of `kind`, on its own: coercion depends on the field model only, not on any schema. */
function f(kind: FieldModel['kind'], extra: Partial<FieldModel> = {}): FieldModel {
  return {
    key: 'k',
    path: ['k'],
    scope: 'properties',
    kind,
    label: 'K',
    required: false,
    liquid: false,
    valueType: 'string',
    ...extra,
  };
}

describe('coerceInput: numbers', () => {
  it('reads decimals and exponents in number fields, whole numbers only in integer fields', () => {
    expect(coerceInput(f('number', { valueType: 'number' }), '1.5', undefined)).toBe(1.5);
    expect(coerceInput(f('number', { valueType: 'number' }), '2e3', undefined)).toBe(2000);
    expect(coerceInput(f('number', { valueType: 'number' }), '.5', undefined)).toBe(0.5);
    expect(coerceInput(f('integer', { valueType: 'number' }), '1.5', undefined)).toBe('1.5');
    expect(coerceInput(f('integer', { valueType: 'number' }), '-3', undefined)).toBe(-3);
  });

  it('keeps an integer too large to be exact as the digits typed', () => {
    const big = '123456789012345678901';
    expect(coerceInput(f('integer', { valueType: 'number' }), big, 1)).toBe(big);
    expect(coerceInput(f('integer', { valueType: 'number' }), big, undefined)).toBe(big);
  });

  it('stores a new number as a string where the field says so', () => {
    expect(coerceInput(f('integer', { valueType: 'any', numberAs: 'string' }), ' 30 ', undefined)).toBe('30');
  });

  it('removes a number when emptied, required or not (there is no empty number)', () => {
    expect(coerceInput(f('integer', { required: true }), '  ', 5)).toBeUndefined();
  });
});

describe('coerceInput: empty input', () => {
  it('gives required checkboxes, lists and JSON what stands for nothing in their kind', () => {
    expect(coerceInput(f('boolean', { required: true, valueType: 'boolean' }), '', true)).toBe(false);
    expect(coerceInput(f('boolean', { required: true }), '', 'true')).toBe('false');
    expect(coerceInput(f('string-list', { required: true, valueType: 'array' }), '\n \n', ['a'])).toEqual([]);
    const previous = { a: 1 };
    expect(coerceInput(f('object', { required: true, valueType: 'object' }), ' ', previous)).toBe(previous);
    expect(coerceInput(f('object', { valueType: 'object' }), ' ', previous)).toBeUndefined();
  });

  it('keeps an empty string Studio wrote in an optional text field', () => {
    expect(coerceInput(f('text'), '', '')).toBe('');
    expect(coerceInput(f('text'), '', 'x')).toBeUndefined();
    expect(coerceInput(f('enum', { keepEmpty: true }), '', 'x')).toBe('');
  });
});

describe('coerceInput: identity', () => {
  it('returns the stored value itself when the input means the same', () => {
    const stored = { a: [1, 2] };
    expect(coerceInput(f('json', { valueType: 'any' }), '{"a":[1,2]}', stored)).toBe(stored);
    const list = ['a', 'b'];
    expect(coerceInput(f('string-list', { valueType: 'array' }), 'a\nb', list)).toBe(list);
    expect(coerceInput(f('integer', { valueType: 'number' }), '07', 7)).toBe(7);
  });
});

describe('inputError', () => {
  it('only speaks for JSON kinds with text in them', () => {
    expect(inputError(f('text'), '{')).toBeNull();
    expect(inputError(f('key-value', { valueType: 'array' }), '  ')).toBeNull();
    expect(inputError(f('set-variables', { valueType: 'array' }), '[{')).toMatch(/^Not valid JSON: /);
  });
});

describe('displayValue', () => {
  it('shows null as nothing and a list with a non-string item as JSON', () => {
    expect(displayValue(f('text'), null)).toBe('');
    expect(displayValue(f('string-list', { valueType: 'array' }), ['a', 1])).toBe('[\n  "a",\n  1\n]');
    expect(displayValue(f('boolean', { valueType: 'boolean' }), true)).toBe('true');
  });
});

describe('fitsField', () => {
  it('sends values its editor would lose to the raw JSON editor', () => {
    expect(fitsField(f('string-list', { valueType: 'array' }), ['one\ntwo'])).toBe(false);
    expect(fitsField(f('string-list', { valueType: 'array' }), ['one', 'two'])).toBe(true);
    expect(fitsField(f('object', { valueType: 'object' }), [])).toBe(false);
    expect(fitsField(f('object', { valueType: 'object' }), { a: 1 })).toBe(true);
    expect(fitsField(f('set-variables', { valueType: 'array' }), [{ key: 'a' }, null])).toBe(false);
    expect(fitsField(f('integer', { valueType: 'any' }), '{{x}}')).toBe(true);
    expect(fitsField(f('json', { valueType: 'any' }), 42)).toBe(true);
    expect(fitsField(f('text'), undefined)).toBe(true);
  });
});
