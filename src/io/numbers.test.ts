import { describe, expect, it } from 'vitest';
import { findLossyNumbers, lossOf } from './numbers';

describe('lossOf', () => {
  it('lets every number a double holds exactly through, however it is written', () => {
    for (const token of [
      '0',
      '-0',
      '0.0',
      '1',
      '1.0',
      '1.50',
      '-12.5',
      '1e3',
      '1E+3',
      '2.5e-3',
      '123456789012345',
      '9007199254740991',
      '0.1',
      '1e21',
      '5e-324',
      '1.7976931348623157e308',
    ]) {
      expect(lossOf(token), token).toBeNull();
    }
  });

  it('says what a number becomes when it does not fit', () => {
    expect(lossOf('1e400')).toEqual({ kind: 'overflow', becomes: 'null' });
    expect(lossOf('-1e400')).toEqual({ kind: 'overflow', becomes: 'null' });
    expect(lossOf('1e-400')).toEqual({ kind: 'underflow', becomes: '0' });
    expect(lossOf('12345678901234567890')).toEqual({ kind: 'precision', becomes: '12345678901234567000' });
    expect(lossOf('9007199254740993')).toEqual({ kind: 'precision', becomes: '9007199254740992' });
    expect(lossOf('0.10000000000000000001')).toEqual({ kind: 'precision', becomes: '0.1' });
  });
});

describe('findLossyNumbers', () => {
  it('finds each one with its pointer, line and column, and nothing in strings or keys', () => {
    const text = [
      '{',
      '  "states": [',
      '    { "name": "a", "properties": { "id": 12345678901234567890, "note": "1e400 12345678901234567890" } },',
      '    { "name": "b/c", "properties": { "t~x": [1, 2, 1e400], "ok": 1.5e3 } }',
      '  ],',
      '  "12345678901234567890": 1e-400',
      '}',
    ].join('\n');
    const found = findLossyNumbers(text);
    expect(found.map((n) => [n.pointer, n.kind, n.line, n.column, n.text])).toEqual([
      ['/states/0/properties/id', 'precision', 3, 42, '12345678901234567890'],
      ['/states/1/properties/t~0x/2', 'overflow', 4, 52, '1e400'],
      ['/12345678901234567890', 'underflow', 6, 27, '1e-400'],
    ]);
  });

  it('handles escaped quotes in strings and keys, empty containers and a bare number', () => {
    expect(findLossyNumbers('{"a\\"b": {"c": [], "d": {}, "e": ["x\\\\", 1e999]}}')).toMatchObject([
      { pointer: '/a"b/e/1', kind: 'overflow' },
    ]);
    expect(findLossyNumbers('1e999')).toMatchObject([{ pointer: '', kind: 'overflow' }]);
    expect(findLossyNumbers('[1, 2, 3]')).toEqual([]);
  });

  it('stops at the limit', () => {
    const text = `[${Array.from({ length: 100 }, () => '1e400').join(',')}]`;
    expect(findLossyNumbers(text, 5)).toHaveLength(5);
  });
});
