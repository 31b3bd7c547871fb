/**
 * Bytes to text, saying what was done: the first step of reading a file (the editor's file chooser and drop, the
 * CLI). JSON is UTF-8 (RFC 8259), but files arrive in other encodings, and decoding them the lenient way loses the
 * user's text without a word: invalid UTF-8 becomes U+FFFD, and a UTF-16 file (what PowerShell's `>` writes) turns
 * into a stream of NULs that the JSON parser reports as "Unexpected character at line 1, column 1".
 *
 * - A byte-order mark decides: UTF-8, UTF-16 LE/BE and UTF-32 LE/BE are decoded, and the result says which.
 * - Without a BOM, the NUL pattern of the first bytes tells UTF-16/UTF-32 (JSON text starts with ASCII), as RFC 4627
 *   described; those are decoded too.
 * - Otherwise the bytes must be valid UTF-8: the first invalid byte is reported with its line and column, and nothing
 *   is replaced.
 *
 * Pure TypeScript (TextDecoder is in every browser and in Node).
 */
import type { ImportError } from './detect';
import { offsetToLineColumn } from './json';

export type TextEncodingName = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'UTF-32LE' | 'UTF-32BE';

export type DecodeResult =
  | {
      ok: true;
      text: string;
      encoding: TextEncodingName;
      /** The bytes started with a byte-order mark (not part of `text`). */
      bom: boolean;
      /** Said to the user when the file was not plain UTF-8 (it was read correctly, but exports are UTF-8). */
      note?: string;
    }
  | { ok: false; error: ImportError };

function hex(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1 (RFC 3629, no surrogates). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      // overlong (E0 80..9F) and surrogates (ED A0..BF) are invalid
      min = b === 0xe0 ? 0xa0 : 0x80;
      if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = b === 0xf0 ? 0x90 : 0x80;
      if (b === 0xf4) max = 0x8f;
    } else {
      return i;
    }
    if (i + need >= n) return i; // cut short at the end of the file
    const second = bytes[i + 1] as number;
    if (second < min || second > max) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k] as number;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

function utf8Error(bytes: Uint8Array, at: number): ImportError {
  // The text before the bad byte is valid: decode it to count lines and columns as the editor does.
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, at));
  const { line, column } = offsetToLineColumn(before, before.length);
  const byte = bytes[at] as number;
  const shown = Array.from(bytes.subarray(at, Math.min(bytes.length, at + 4)), hex).join(' ');
  return {
    code: 'encoding',
    message:
      `The file is not valid UTF-8: the byte ${hex(byte)} at line ${line}, column ${column} (byte offset ${at}: ${shown}) ` +
      'cannot be read as text. The file may be saved in another encoding (Windows-1252 or Latin-1, for example): ' +
      'save it as UTF-8 and open it again. Nothing was changed.',
    line,
    column,
  };
}

function decodeUtf16(bytes: Uint8Array, start: number, littleEndian: boolean): string | null {
  const length = bytes.length - start;
  if (length % 2 !== 0) return null;
  let body = bytes.subarray(start);
  if (!littleEndian) {
    // TextDecoder's utf-16be needs full ICU in Node; swapping the bytes works everywhere.
    const swapped = new Uint8Array(length);
    for (let i = 0; i < length; i += 2) {
      swapped[i] = body[i + 1] as number;
      swapped[i + 1] = body[i] as number;
    }
    body = swapped;
  }
  try {
    return new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return null;
  }
}

function decodeUtf32(bytes: Uint8Array, start: number, littleEndian: boolean): string | null {
  const length = bytes.length - start;
  if (length % 4 !== 0) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, length);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 0; i < length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    chunk.push(cp);
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}

function describeEncoding(encoding: TextEncodingName, bom: boolean): string {
  return `The file is ${encoding}${bom ? ' (with a byte-order mark)' : ''}, not UTF-8: it was read as ${encoding}. Exports are UTF-8.`;
}

/**
 * Decodes a file's bytes to text; never throws. Invalid UTF-8 is an error with line and column, never a U+FFFD.
 * A leading UTF-8 BOM is dropped (as browsers do), other encodings are decoded and say so in `note`.
 */
export function decodeBytes(bytes: Uint8Array): DecodeResult {
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  let encoding: TextEncodingName | null = null;
  let bomLength = 0;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    encoding = 'UTF-8';
    bomLength = 3;
  } else if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) {
    encoding = 'UTF-32LE';
    bomLength = 4;
  } else if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) {
    encoding = 'UTF-32BE';
    bomLength = 4;
  } else if (b0 === 0xff && b1 === 0xfe) {
    encoding = 'UTF-16LE';
    bomLength = 2;
  } else if (b0 === 0xfe && b1 === 0xff) {
    encoding = 'UTF-16BE';
    bomLength = 2;
  } else if (bytes.length >= 4 && b0 !== 0 && b1 === 0 && b2 === 0 && b3 === 0) {
    encoding = 'UTF-32LE';
  } else if (bytes.length >= 4 && b0 === 0 && b1 === 0 && b2 === 0 && b3 !== 0) {
    encoding = 'UTF-32BE';
  } else if (bytes.length >= 2 && b0 !== 0 && b1 === 0) {
    encoding = 'UTF-16LE';
  } else if (bytes.length >= 2 && b0 === 0 && b1 !== 0) {
    encoding = 'UTF-16BE';
  }
  const bom = bomLength > 0;

  if (encoding === null || encoding === 'UTF-8') {
    const body = bytes.subarray(bomLength);
    const bad = firstInvalidUtf8(body);
    if (bad >= 0) return { ok: false, error: utf8Error(body, bad) };
    return {
      ok: true,
      text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(body),
      encoding: 'UTF-8',
      bom,
    };
  }

  const text =
    encoding === 'UTF-16LE' || encoding === 'UTF-16BE'
      ? decodeUtf16(bytes, bomLength, encoding === 'UTF-16LE')
      : decodeUtf32(bytes, bomLength, encoding === 'UTF-32LE');
  if (text === null) {
    return {
      ok: false,
      error: {
        code: 'encoding',
        message:
          `The file looks like ${encoding}${bom ? ' (it starts with that byte-order mark)' : ''}, but it is not valid ${encoding}: ` +
          'it may be damaged or cut short. Save it as UTF-8 and open it again. Nothing was changed.',
      },
    };
  }
  return { ok: true, text, encoding, bom, note: describeEncoding(encoding, bom) };
}
