/**
 * JSON parsing that says exactly where and why a text is not JSON.
 *
 * `JSON.parse` is fast but its errors are engine-specific ("Unexpected token } in JSON at position 812" in V8,
 * something else in Safari) and give no line or column. So the fast path is `JSON.parse`, and only when it fails
 * (or when the document nests too deeply) a small hand-written scanner walks the text to find the first error and
 * to say what was expected there. The scanner is iterative (an explicit stack, no recursion), so hostile nesting
 * cannot overflow the call stack, and it is linear in the length of the text.
 */

import type { JsonValue } from '../model/types';

/** Deepest nesting of arrays/objects accepted. Real flows nest about 8 levels; 512 leaves plenty of room. */
export const MAX_JSON_DEPTH = 512;

/** Where and why a text is not valid JSON. */
export interface JsonSyntaxError {
  /** A sentence that ends with "(line L, column C)". */
  message: string;
  /** 1-based line; `\n`, `\r\n` and a lone `\r` each end a line. */
  line: number;
  /** 1-based column in UTF-16 code units (as editors such as Monaco count); a leading BOM is not counted. */
  column: number;
  /** 0-based UTF-16 offset into the text exactly as given (a leading BOM counts here). */
  offset: number;
}

export type ParseJsonResult = { ok: true; value: JsonValue } | { ok: false; error: JsonSyntaxError };

const BOM = 0xfeff;

/** How every depth error message starts, so that callers can tell it from a syntax error. */
export const NESTING_TOO_DEEP = 'Nesting is deeper than';

/**
 * Parse JSON text, reporting the first error with its line and column and what was expected there.
 *
 * Accepts a leading byte-order mark. Rejects nesting deeper than {@link MAX_JSON_DEPTH}. Never throws.
 * `__proto__` keys come out as plain own data properties (that is what `JSON.parse` does).
 */
export function parseJson(text: string): ParseJsonResult {
  const start = text.charCodeAt(0) === BOM ? 1 : 0;
  let value: unknown;
  try {
    value = JSON.parse(start === 0 ? text : text.slice(start));
  } catch (cause) {
    // Some engines parse recursively and overflow on deep input; the scanner reports that as a depth error too.
    return { ok: false, error: locateError(text, start, cause) };
  }
  if (exceedsDepth(value, MAX_JSON_DEPTH)) {
    // The value does not know where its brackets were; the scanner stops at the first bracket over the limit.
    return { ok: false, error: locateError(text, start, undefined) };
  }
  return { ok: true, value: value as JsonValue };
}

/**
 * 1-based line and column of a UTF-16 offset in `text`, counting lines the way {@link JsonSyntaxError} does.
 * Offsets past the end are clamped to the end.
 */
export function offsetToLineColumn(text: string, offset: number): { line: number; column: number } {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
    } else if (c === 13) {
      // `\r\n` is one line break: let the `\n` end the line.
      if (text.charCodeAt(i + 1) === 10 && i + 1 < end) continue;
      line++;
      lineStart = i + 1;
    }
  }
  let column = end - lineStart + 1;
  if (lineStart === 0 && end > 0 && text.charCodeAt(0) === BOM) column--;
  return { line, column };
}

/**
 * The UTF-16 offset of a 1-based line and column in `text`: the inverse of {@link offsetToLineColumn} (same line
 * breaks, same BOM rule), e.g. to put a caret where a syntax error was reported. Clamped to the end of the text.
 */
export function lineColumnToOffset(text: string, line: number, column = 1): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    let i = offset;
    while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    if (i >= text.length) return text.length;
    offset = text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  if (line <= 1 && text.charCodeAt(0) === BOM) offset++;
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

/**
 * Whether a value nests arrays/objects deeper than `limit` levels (a scalar is depth 0, `[]` is depth 1).
 *
 * Iterative, so a hostile value cannot overflow the stack. With `shared: true` it also copes with values that did not
 * come from `JSON.parse` (shared sub-objects are walked once per depth they occur at, so a "billion laughs" DAG
 * stays cheap, and a cycle counts as infinitely deep).
 */
export function exceedsDepth(value: unknown, limit: number, shared = false): boolean {
  if (value === null || typeof value !== 'object') return false;
  const seen = shared ? new Map<object, number>() : undefined;
  const values: object[] = [value];
  const depths: number[] = [1];
  while (values.length > 0) {
    const node = values.pop() as object;
    const depth = depths.pop() as number;
    if (depth > limit) return true;
    if (seen) {
      const before = seen.get(node);
      if (before !== undefined && before >= depth) continue;
      seen.set(node, depth);
    }
    const children: unknown[] = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) {
      if (child !== null && typeof child === 'object') {
        values.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// The error scanner. Only runs when JSON.parse has already failed, so clarity matters more than speed, but it must
// stay linear: 10 MB documents with one bad byte at the end are realistic (a truncated download).

interface Container {
  kind: 'object' | 'array';
  offset: number;
}

/** What the scanner expects next. */
type Mode = 'value' | 'key' | 'colon' | 'after';

interface Located {
  offset: number;
  reason: string;
  /** Appended after the position, e.g. a hint about a missing comma. */
  hint?: string;
}

function locateError(text: string, start: number, cause: unknown): JsonSyntaxError {
  let found: Located | undefined;
  try {
    found = scan(text, start);
  } catch {
    found = undefined;
  }
  // Only reachable if the scanner and the engine disagree; fall back to whatever the engine said.
  found ??= engineError(text, start, cause);
  const { line, column } = offsetToLineColumn(text, found.offset);
  const message = `${found.reason} (line ${line}, column ${column})${found.hint ? `. ${found.hint}` : ''}`;
  return { message, line, column, offset: found.offset };
}

function engineError(text: string, start: number, cause: unknown): Located {
  const raw = cause instanceof Error ? cause.message : 'the text is not valid JSON';
  const match = /position (\d+)/.exec(raw);
  const offset = match?.[1] !== undefined ? Math.min(text.length, start + Number(match[1])) : start;
  return { offset, reason: `Invalid JSON: ${raw}` };
}

const isWs = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const isWordChar = (c: number): boolean =>
  (c >= 65 && c <= 90) ||
  (c >= 97 && c <= 122) ||
  isDigit(c) ||
  c === 95 ||
  c === 36 ||
  c === 45 ||
  c === 43 ||
  c === 46;

function describeChar(text: string, offset: number): string {
  const c = text.codePointAt(offset) ?? 0;
  if (c < 0x20 || c === 0x7f || c === BOM || (c >= 0x80 && c < 0xa0)) {
    return `character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `'${String.fromCodePoint(c)}'`;
}

function readWord(text: string, offset: number): string {
  let end = offset;
  while (end < text.length && end - offset < 40 && isWordChar(text.charCodeAt(end))) end++;
  return text.slice(offset, end);
}

/** Scan for the first syntax error; `undefined` means the scanner thinks the text is valid JSON. */
function scan(text: string, start: number): Located | undefined {
  const n = text.length;
  const stack: Container[] = [];
  let mode = 'value' as Mode;
  /** Right after `[` or `{`: the closing bracket is allowed instead of a value/key. */
  let justOpened = false;
  /** Offset of the comma we just passed, to report trailing commas at the comma itself. */
  let commaAt = -1;
  /** End of the last complete value, to hint at a missing comma when the next token is on a later line. */
  let lastValueEnd = start;
  let i = start;

  const isCommentAt = (at: number): boolean => {
    if (text.charCodeAt(at) !== 47 /* / */) return false;
    const d = text.charCodeAt(at + 1);
    return d === 47 || d === 42;
  };
  const top = (): Container | undefined => stack[stack.length - 1];
  const openedAt = (c: Container): string => {
    const { line, column } = offsetToLineColumn(text, c.offset);
    return `the ${c.kind} opened at line ${line}, column ${column}`;
  };

  /** A token that is not allowed here: comments, single quotes, bare words and end of input get their own words. */
  const unexpected = (at: number, expected: string): Located => {
    if (at >= n) {
      const open = top();
      if (mode === 'after' && open) {
        const closer = open.kind === 'object' ? '}' : ']';
        return {
          offset: n,
          reason: `Unexpected end of input, expected '${closer}' to close ${openedAt(open)}`,
        };
      }
      if (stack.length === 0) return { offset: n, reason: 'The text is empty, expected a JSON value' };
      return {
        offset: n,
        reason: `Unexpected end of input, expected ${expected}${open ? ` inside ${openedAt(open)}` : ''}`,
      };
    }
    if (isCommentAt(at)) return { offset: at, reason: 'Comments are not allowed in JSON' };
    const c = text.charCodeAt(at);
    if (c === 39 /* ' */) {
      return { offset: at, reason: 'Strings and property names must use double quotes, not single quotes' };
    }
    if (mode === 'key' && isWordChar(c)) {
      return { offset: at, reason: `Property names must be in double quotes, found '${readWord(text, at)}'` };
    }
    const word = isWordChar(c) ? readWord(text, at) : '';
    const found = word.length > 1 ? `'${word}'` : describeChar(text, at);
    return { offset: at, reason: `Unexpected ${found}, expected ${expected}` };
  };

  /** A hint when a value is followed, on a later line, by something that could start the next item. */
  const missingCommaHint = (at: number): string | undefined => {
    const c = text.charCodeAt(at);
    const startsItem =
      c === 34 || c === 123 || c === 91 || isDigit(c) || c === 45 || c === 116 || c === 102 || c === 110;
    if (!startsItem) return undefined;
    const before = offsetToLineColumn(text, lastValueEnd);
    const here = offsetToLineColumn(text, at);
    if (here.line > before.line) return `Is a comma missing at the end of line ${before.line}?`;
    return 'Is a comma missing?';
  };

  /** Scan a string starting at the opening quote; returns the offset after the closing quote or an error. */
  const scanString = (open: number): number | Located => {
    let j = open + 1;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 34) return j + 1;
      if (c === 92 /* \ */) {
        const e = text.charCodeAt(j + 1);
        if (j + 1 >= n) break;
        if (e === 117 /* u */) {
          for (let k = 2; k < 6; k++) {
            if (!isHex(text.charCodeAt(j + k))) {
              return { offset: j, reason: 'Invalid \\u escape in string: expected 4 hexadecimal digits' };
            }
          }
          j += 6;
          continue;
        }
        // " \ / b f n r t
        if (
          e === 34 ||
          e === 92 ||
          e === 47 ||
          e === 98 ||
          e === 102 ||
          e === 110 ||
          e === 114 ||
          e === 116
        ) {
          j += 2;
          continue;
        }
        return { offset: j, reason: `Invalid escape sequence '\\${String.fromCharCode(e)}' in string` };
      }
      if (c === 10 || c === 13) {
        return {
          offset: open,
          reason:
            "Unterminated string: a string cannot contain a line break (close it with '\"', or write \\n)",
        };
      }
      if (c < 0x20) {
        return {
          offset: j,
          reason: `Unescaped control ${describeChar(text, j)} in string; write it as an escape`,
        };
      }
      j++;
    }
    return { offset: open, reason: "Unterminated string: no closing '\"' before the end of input" };
  };

  /** Scan a number; returns the offset after it or an error. */
  const scanNumber = (from: number): number | Located => {
    let j = from;
    if (text.charCodeAt(j) === 45) j++;
    const first = text.charCodeAt(j);
    if (first === 48) {
      j++;
      if (isDigit(text.charCodeAt(j)))
        return { offset: from, reason: 'Invalid number: leading zeros are not allowed' };
    } else if (isDigit(first)) {
      while (isDigit(text.charCodeAt(j))) j++;
    } else {
      return { offset: from, reason: "Invalid number: expected a digit after '-'" };
    }
    if (text.charCodeAt(j) === 46) {
      j++;
      if (!isDigit(text.charCodeAt(j)))
        return { offset: from, reason: "Invalid number: expected a digit after '.'" };
      while (isDigit(text.charCodeAt(j))) j++;
    }
    const e = text.charCodeAt(j);
    if (e === 101 || e === 69) {
      j++;
      const sign = text.charCodeAt(j);
      if (sign === 43 || sign === 45) j++;
      if (!isDigit(text.charCodeAt(j)))
        return { offset: from, reason: 'Invalid number: expected a digit in the exponent' };
      while (isDigit(text.charCodeAt(j))) j++;
    }
    return j;
  };

  const valueDone = (end: number): void => {
    i = end;
    lastValueEnd = end;
    mode = 'after';
    justOpened = false;
    commaAt = -1;
  };

  for (;;) {
    while (i < n && isWs(text.charCodeAt(i))) i++;
    const c = i < n ? text.charCodeAt(i) : -1;

    switch (mode) {
      case 'value': {
        if (c === 93 /* ] */ && top()?.kind === 'array') {
          if (justOpened) {
            stack.pop();
            valueDone(i + 1);
            break;
          }
          if (commaAt >= 0) return { offset: commaAt, reason: "Trailing comma is not allowed before ']'" };
        }
        if (c === 123 /* { */ || c === 91 /* [ */) {
          if (stack.length >= MAX_JSON_DEPTH) {
            return {
              offset: i,
              reason: `${NESTING_TOO_DEEP} ${MAX_JSON_DEPTH} levels, which is not supported`,
            };
          }
          stack.push({ kind: c === 123 ? 'object' : 'array', offset: i });
          mode = c === 123 ? 'key' : 'value';
          justOpened = true;
          commaAt = -1;
          i++;
          break;
        }
        if (c === 34) {
          const end = scanString(i);
          if (typeof end !== 'number') return end;
          valueDone(end);
          break;
        }
        if (c === 45 || isDigit(c)) {
          const end = scanNumber(i);
          if (typeof end !== 'number') return end;
          valueDone(end);
          break;
        }
        if (c === 116 || c === 102 || c === 110) {
          const literal = c === 116 ? 'true' : c === 102 ? 'false' : 'null';
          if (text.startsWith(literal, i) && !isWordChar(text.charCodeAt(i + literal.length))) {
            valueDone(i + literal.length);
            break;
          }
        }
        const open = top();
        return unexpected(i, open?.kind === 'array' && justOpened ? "a value or ']'" : 'a value');
      }
      case 'key': {
        if (c === 125 /* } */) {
          if (justOpened) {
            stack.pop();
            valueDone(i + 1);
            break;
          }
          if (commaAt >= 0) return { offset: commaAt, reason: "Trailing comma is not allowed before '}'" };
        }
        if (c === 34) {
          const end = scanString(i);
          if (typeof end !== 'number') return end;
          i = end;
          lastValueEnd = end;
          mode = 'colon';
          justOpened = false;
          commaAt = -1;
          break;
        }
        return unexpected(
          i,
          justOpened ? "a property name in double quotes or '}'" : 'a property name in double quotes',
        );
      }
      case 'colon': {
        if (c === 58 /* : */) {
          mode = 'value';
          i++;
          break;
        }
        return unexpected(i, "':' after the property name");
      }
      case 'after': {
        const open = top();
        if (!open) {
          if (i >= n) return undefined;
          return { offset: i, reason: `Unexpected ${describeChar(text, i)} after the end of the JSON value` };
        }
        if (c === 44 /* , */) {
          commaAt = i;
          mode = open.kind === 'object' ? 'key' : 'value';
          justOpened = false;
          i++;
          break;
        }
        const closer = open.kind === 'object' ? 125 : 93;
        if (c === closer) {
          stack.pop();
          valueDone(i + 1);
          break;
        }
        if (i >= n || isCommentAt(i)) return unexpected(i, '');
        const expected =
          open.kind === 'object' ? "',' or '}' after property value" : "',' or ']' after array element";
        const hint = missingCommaHint(i);
        return {
          offset: i,
          reason: `Expected ${expected}, found ${describeToken(text, i)}`,
          ...(hint ? { hint } : {}),
        };
      }
    }
  }
}

function describeToken(text: string, at: number): string {
  const c = text.charCodeAt(at);
  if (isWordChar(c)) {
    const word = readWord(text, at);
    if (word.length > 1) return `'${word}'`;
  }
  return describeChar(text, at);
}
