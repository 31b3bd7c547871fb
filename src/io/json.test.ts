import { describe, expect, it } from 'vitest';
import {
  MAX_JSON_DEPTH,
  exceedsDepth,
  lineColumnToOffset,
  offsetToLineColumn,
  parseJson,
  type JsonSyntaxError,
} from './json';

function syntaxError(text: string): JsonSyntaxError {
  const result = parseJson(text);
  if (result.ok) throw new Error('expected a syntax error');
  return result.error;
}

describe('parseJson: valid input', () => {
  it('parses like JSON.parse', () => {
    const text = '{"a": [1, 2.5e3, -0.5, "x\\n\\u00e9", true, false, null], "b": {}}';
    expect(parseJson(text)).toEqual({ ok: true, value: JSON.parse(text) as unknown });
  });

  it('accepts a leading BOM', () => {
    expect(parseJson('\uFEFF{"states": []}')).toEqual({ ok: true, value: { states: [] } });
  });

  it('keeps key order', () => {
    const result = parseJson('{"z": 1, "a": 2, "m": 3}');
    expect(result.ok && Object.keys(result.value as object)).toEqual(['z', 'a', 'm']);
  });
});

describe('parseJson: error positions', () => {
  it('missing comma on line 5 points at the next property and suggests the comma', () => {
    const text = [
      '{',
      '  "description": "x",',
      '  "states": [],',
      '  "flags": {}',
      '  "initial_state": "Trigger"',
      '}',
    ].join('\n');
    const error = syntaxError(text);
    expect(error).toMatchObject({ line: 5, column: 3, offset: text.indexOf('"initial_state"') });
    expect(error.message).toContain("Expected ',' or '}' after property value");
    expect(error.message).toContain('line 5, column 3');
    expect(error.message).toContain('Is a comma missing at the end of line 4?');
  });

  it('missing comma between array elements', () => {
    const error = syntaxError('[\n  {"a": 1}\n  {"b": 2}\n]');
    expect(error).toMatchObject({ line: 3, column: 3 });
    expect(error.message).toContain("Expected ',' or ']' after array element");
  });

  it('trailing comma points at the comma', () => {
    const text = '{\n  "states": [\n    1,\n    2,\n  ]\n}';
    const error = syntaxError(text);
    expect(error).toMatchObject({ line: 4, column: 6, offset: text.indexOf('2,') + 1 });
    expect(error.message).toMatch(/^Trailing comma is not allowed/);

    const inObject = syntaxError('{"a": 1, "b": 2,}');
    expect(inObject).toMatchObject({ line: 1, column: 16 });
    expect(inObject.message).toContain("Trailing comma is not allowed before '}'");
  });

  it('unterminated string (end of input) points at the opening quote', () => {
    const error = syntaxError('{\n  "name": "Trigger\n');
    expect(error).toMatchObject({ line: 2, column: 11 });
    expect(error.message).toMatch(/^Unterminated string/);
  });

  it('unterminated string at end of input', () => {
    const error = syntaxError('{"name": "Trig');
    expect(error).toMatchObject({ line: 1, column: 10 });
    expect(error.message).toContain('Unterminated string');
  });

  it('truncated input says what was expected and which bracket is open', () => {
    const error = syntaxError('{\n  "states": [\n    {"name": "a"}');
    expect(error.message).toContain("Unexpected end of input, expected ']'");
    expect(error.message).toContain('the array opened at line 2, column 13');
    expect(error).toMatchObject({ line: 3, column: 18 });

    const afterColon = syntaxError('{"a":');
    expect(afterColon.message).toContain('Unexpected end of input, expected a value');
    expect(syntaxError('{"a": 1').message).toContain("Unexpected end of input, expected '}'");
  });

  it('comments', () => {
    const line = syntaxError('{\n  // the flow\n  "states": []\n}');
    expect(line).toMatchObject({ line: 2, column: 3 });
    expect(line.message).toContain('Comments are not allowed in JSON');
    const block = syntaxError('{"states": [] /* x */}');
    expect(block).toMatchObject({ line: 1, column: 15 });
    expect(block.message).toContain('Comments are not allowed in JSON');
  });

  it('single quotes, unquoted keys, bad literals, bad numbers, bad escapes, control characters', () => {
    const cases: [text: string, message: string][] = [
      ["{'a': 1}", 'double quotes'],
      ['{a: 1}', "Property names must be in double quotes, found 'a'"],
      ['{"a" 1}', "expected ':'"],
      ['{"a": undefined}', "Unexpected 'undefined', expected a value"],
      ['[NaN]', "Unexpected 'NaN'"],
      ['[01]', 'leading zeros'],
      ['[1.]', "digit after '.'"],
      ['["\\x"]', "Invalid escape sequence '\\x'"],
      ['["\\u12"]', '\\u escape'],
      ['["a\tb"]', 'U+0009'],
      ['{} {}', 'after the end of the JSON value'],
      ['', 'empty'],
    ];
    for (const [text, message] of cases) expect(syntaxError(text).message, text).toContain(message);
  });

  it('counts CRLF as one line break and ignores the BOM for columns, not for offsets', () => {
    const error = syntaxError('\uFEFF{\r\n  "a": 1\r\n  "b": 2\r\n}');
    expect(error).toMatchObject({ line: 3, column: 3 });
    expect(syntaxError('\uFEFF{"a":}')).toMatchObject({ line: 1, column: 6, offset: 6 });
  });

  it('locates the error in a large truncated document', () => {
    const big = JSON.stringify({
      states: Array.from({ length: 20_000 }, (_, i) => ({ name: `w${i}`, body: 'x'.repeat(200) })),
    });
    const error = syntaxError(big.slice(0, -2));
    expect(error.message).toContain('Unexpected end of input');
  });
});

describe('parseJson: hostile input', () => {
  it('rejects 100,000-deep nesting without throwing, balanced or not', () => {
    for (const text of [
      '['.repeat(100_000) + ']'.repeat(100_000),
      '['.repeat(100_000),
      '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000),
    ]) {
      let result: ReturnType<typeof parseJson> | undefined;
      expect(() => (result = parseJson(text))).not.toThrow();
      expect(result?.ok).toBe(false);
      if (result && !result.ok) {
        expect(result.error.message).toContain(`deeper than ${MAX_JSON_DEPTH} levels`);
        expect(result.error.line).toBe(1);
      }
    }
  });

  it('accepts exactly the depth limit', () => {
    const text = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    expect(parseJson(text).ok).toBe(true);
    expect(parseJson(`[${text}]`).ok).toBe(false);
  });

  it('keeps __proto__ as an own data property', () => {
    const result = parseJson('{"__proto__": {"polluted": true}}');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const value = result.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('parses a 10 MB string value', () => {
    const body = 'a'.repeat(10 * 1024 * 1024);
    const result = parseJson(`{"body": "${body}"}`);
    expect(result.ok && (result.value as { body: string }).body.length).toBe(body.length);
  });
});

describe('offsetToLineColumn', () => {
  it('handles \\n, \\r\\n and lone \\r', () => {
    const text = 'ab\ncd\r\nef\rgh';
    expect(offsetToLineColumn(text, 0)).toEqual({ line: 1, column: 1 });
    expect(offsetToLineColumn(text, 4)).toEqual({ line: 2, column: 2 });
    expect(offsetToLineColumn(text, 7)).toEqual({ line: 3, column: 1 });
    expect(offsetToLineColumn(text, 10)).toEqual({ line: 4, column: 1 });
    expect(offsetToLineColumn(text, 999)).toEqual({ line: 4, column: 3 });
  });
});

describe('lineColumnToOffset', () => {
  it('is the inverse of offsetToLineColumn (\n, \r\n, lone \r, BOM)', () => {
    for (const text of ['ab\ncd\r\nef\rgh', '\ufeff{\n  "a": 1\n}', '', 'one line']) {
      for (let offset = 0; offset <= text.length; offset++) {
        // Inside a \r\n pair and before a BOM there is no line/column of their own.
        if (text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10) continue;
        if (offset === 0 && text.charCodeAt(0) === 0xfeff) continue;
        const { line, column } = offsetToLineColumn(text, offset);
        expect(lineColumnToOffset(text, line, column)).toBe(offset);
      }
    }
  });

  it('clamps positions past the end', () => {
    expect(lineColumnToOffset('ab\ncd', 9, 1)).toBe(5);
    expect(lineColumnToOffset('ab\ncd', 2, 99)).toBe(5);
  });
});

describe('exceedsDepth', () => {
  it('measures depth iteratively and survives cycles and shared sub-trees', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(exceedsDepth(deep, 512)).toBe(true);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(exceedsDepth(cyclic, 512, true)).toBe(true);
    // 2^60 paths, 60 objects: must not be walked path by path.
    let bomb: unknown = [];
    for (let i = 0; i < 60; i++) bomb = [bomb, bomb];
    expect(exceedsDepth(bomb, 512, true)).toBe(false);
  });
});
