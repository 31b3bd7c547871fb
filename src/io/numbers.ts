/**
 * Numbers that JSON text can write but a JavaScript number cannot hold. `JSON.parse` reads them without a word:
 * `1e400` becomes Infinity (and `JSON.stringify` then writes `null`), `1e-400` becomes 0, and
 * `12345678901234567890` becomes 12345678901234567000. Opening and exporting such a flow would change the user's
 * values silently, so the import finds each one, with its place, and says what it became.
 *
 * The scan only runs over text that `JSON.parse` has accepted, so it can be a simple linear state machine; it walks
 * the text once, keeps the path (object keys as text ranges, array indices) and builds a JSON pointer only for a
 * number that lost something. A quick regular-expression check skips the scan for the common text that has no
 * long digit run and no exponent at all.
 *
 * Pure TypeScript.
 */
import { offsetToLineColumn } from './json';

export interface LossyNumber {
  /** The number as written. */
  text: string;
  /** What it is read as, in JSON: `null` for an infinity, else the shortest text of the double. */
  becomes: string;
  kind: 'overflow' | 'underflow' | 'precision';
  /** RFC 6901 pointer into the parsed value. */
  pointer: string;
  line: number;
  column: number;
}

/** At most this many are reported per text (a generated file may have thousands; the first ones tell the story). */
export const MAX_LOSSY_NUMBERS = 50;

/** A number token that may not survive: more than 15 digits in a row (with a dot) or an exponent. */
const CANDIDATE = /[0-9.]{16}|[0-9][eE]/;

/** Significant digits and the exponent of the first one: `0.0120` -> { digits: '12', exponent: -2 }. */
function decimal(token: string): { digits: string; exponent: number } {
  let s = token;
  if (s.startsWith('-') || s.startsWith('+')) s = s.slice(1);
  let exp = 0;
  const e = s.search(/[eE]/);
  if (e >= 0) {
    exp = Number(s.slice(e + 1));
    s = s.slice(0, e);
  }
  const dot = s.indexOf('.');
  const intPart = dot >= 0 ? s.slice(0, dot) : s;
  const fracPart = dot >= 0 ? s.slice(dot + 1) : '';
  let digits = intPart + fracPart;
  // position of the decimal point relative to the start of `digits`
  let point = intPart.length + exp;
  const lead = digits.search(/[1-9]/);
  if (lead < 0) return { digits: '', exponent: 0 };
  digits = digits.slice(lead);
  point -= lead;
  digits = digits.replace(/0+$/, '');
  return { digits, exponent: point };
}

/** Why `token` does not survive a round trip through a double, or null when it does. */
export function lossOf(token: string): Pick<LossyNumber, 'kind' | 'becomes'> | null {
  const value = Number(token);
  if (!Number.isFinite(value)) return { kind: 'overflow', becomes: 'null' };
  const written = decimal(token);
  if (written.digits === '') return null; // a zero of any spelling stays zero
  if (value === 0) return { kind: 'underflow', becomes: '0' };
  const read = decimal(String(value));
  if (read.digits === written.digits && read.exponent === written.exponent) return null;
  return { kind: 'precision', becomes: JSON.stringify(value) };
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

interface Frame {
  array: boolean;
  index: number;
  keyStart: number;
  keyEnd: number;
}

/**
 * Every number in `text` (valid JSON) that a double cannot hold exactly, in text order, at most `max`.
 * Linear in the length of the text.
 */
export function findLossyNumbers(text: string, max = MAX_LOSSY_NUMBERS): LossyNumber[] {
  const found: LossyNumber[] = [];
  if (!CANDIDATE.test(text)) return found;
  const stack: Frame[] = [];
  const n = text.length;
  let i = 0;
  // In an object, the next string is a key until its ':' has been seen.
  let expectKey = false;
  while (i < n && found.length < max) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const start = i;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i += 2;
        else if (d === 34) break;
        else i++;
      }
      i++;
      if (expectKey) {
        const top = stack[stack.length - 1];
        if (top) {
          top.keyStart = start;
          top.keyEnd = i;
        }
        expectKey = false;
      }
      continue;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      stack.push({ array: c === 91, index: 0, keyStart: -1, keyEnd: -1 });
      expectKey = c === 123;
      i++;
      continue;
    }
    if (c === 125 /* } */ || c === 93 /* ] */) {
      stack.pop();
      i++;
      continue;
    }
    if (c === 44 /* , */) {
      const top = stack[stack.length - 1];
      if (top) {
        if (top.array) top.index++;
        else expectKey = true;
      }
      i++;
      continue;
    }
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      const start = i;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if ((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45) i++;
        else break;
      }
      // Up to 15 significant digits and no exponent always round-trip: most numbers stop here.
      if (i - start <= 15 && !/[eE]/.test(text.slice(start, i))) continue;
      const token = text.slice(start, i);
      const loss = lossOf(token);
      if (loss) {
        const pointer = stack
          .map((frame) =>
            frame.array
              ? `/${frame.index}`
              : `/${escapeToken(JSON.parse(text.slice(frame.keyStart, frame.keyEnd)) as string)}`,
          )
          .join('');
        const { line, column } = offsetToLineColumn(text, start);
        found.push({ text: token, ...loss, pointer, line, column });
      }
      continue;
    }
    i++;
  }
  return found;
}

/** One sentence about a lossy number, e.g. for the Problems panel or the CLI. */
export function describeLossyNumber(n: LossyNumber): string {
  const shown = n.text.length > 40 ? `${n.text.slice(0, 39)}…` : n.text;
  switch (n.kind) {
    case 'overflow':
      return `The number ${shown} (line ${n.line}, column ${n.column}) is too large for a JSON number in Studio or in this editor: it is read as Infinity and would be exported as null. Write a smaller number, or a string.`;
    case 'underflow':
      return `The number ${shown} (line ${n.line}, column ${n.column}) is too small to hold: it is read as 0 and would be exported as 0. Write 0 or a string.`;
    default:
      return `The number ${shown} (line ${n.line}, column ${n.column}) has more digits than a JSON number keeps: it is read as ${n.becomes} and would be exported so. If it is an identifier or a phone number, write it as a string.`;
  }
}
