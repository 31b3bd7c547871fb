import { describe, expect, it } from 'vitest';
import { decodeBytes, firstInvalidUtf8 } from './text';

const encoder = new TextEncoder();
const JSON_TEXT = '{\n  "states": [],\n  "description": "Olá — ☎ 𝄞"\n}\n';

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  let at = 0;
  if (bom) {
    view.setUint16(0, 0xfeff, littleEndian);
    at = 2;
  }
  for (let i = 0; i < text.length; i++, at += 2) view.setUint16(at, text.charCodeAt(i), littleEndian);
  return out;
}

function utf32(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const points = [...(bom ? [0xfeff] : []), ...Array.from(text, (c) => c.codePointAt(0) ?? 0)];
  const out = new Uint8Array(points.length * 4);
  const view = new DataView(out.buffer);
  points.forEach((cp, i) => view.setUint32(i * 4, cp, littleEndian));
  return out;
}

function decoded(bytes: Uint8Array) {
  const result = decodeBytes(bytes);
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

describe('decodeBytes', () => {
  it('reads UTF-8 as it is, and drops a UTF-8 byte-order mark without a note', () => {
    expect(decoded(encoder.encode(JSON_TEXT))).toMatchObject({
      text: JSON_TEXT,
      encoding: 'UTF-8',
      bom: false,
    });
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode(JSON_TEXT)]);
    const result = decoded(withBom);
    expect(result).toMatchObject({ text: JSON_TEXT, encoding: 'UTF-8', bom: true });
    expect(result.note).toBeUndefined();
  });

  it.each([
    ['UTF-16LE', true, true],
    ['UTF-16LE', true, false],
    ['UTF-16BE', false, true],
    ['UTF-16BE', false, false],
  ] as const)('decodes %s (byte-order mark: %s/%s) and says so', (encoding, little, bom) => {
    const result = decoded(utf16(JSON_TEXT, little, bom));
    expect(result.text).toBe(JSON_TEXT);
    expect(result.encoding).toBe(encoding);
    expect(result.bom).toBe(bom);
    expect(result.note).toContain(`The file is ${encoding}`);
  });

  it.each([
    ['UTF-32LE', true, true],
    ['UTF-32LE', true, false],
    ['UTF-32BE', false, true],
    ['UTF-32BE', false, false],
  ] as const)('decodes %s (byte-order mark: %s/%s) and says so', (encoding, little, bom) => {
    const result = decoded(utf32(JSON_TEXT, little, bom));
    expect(result.text).toBe(JSON_TEXT);
    expect(result.encoding).toBe(encoding);
    expect(result.note).toContain('Exports are UTF-8');
  });

  it('refuses invalid UTF-8 with the line and column of the first bad byte, replacing nothing', () => {
    // "é" in Windows-1252 is the single byte 0xE9
    const bytes = new Uint8Array([
      ...encoder.encode('{\n  "description": "caf'),
      0xe9,
      ...encoder.encode('"\n}'),
    ]);
    const result = decodeBytes(bytes);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'encoding', line: 2, column: 22 });
    expect(result.error.message).toContain('not valid UTF-8');
    expect(result.error.message).toContain('0xE9 at line 2, column 22');
  });

  it('refuses a UTF-16 file cut in the middle of a character', () => {
    const bytes = utf16(JSON_TEXT, true, true).subarray(0, 11);
    const result = decodeBytes(bytes);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('not valid UTF-16LE');
  });
});

describe('firstInvalidUtf8', () => {
  it('accepts every well-formed sequence and finds the malformed ones', () => {
    expect(firstInvalidUtf8(encoder.encode('aé☎𝄞'))).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0x80]))).toBe(1); // lone continuation byte
    expect(firstInvalidUtf8(new Uint8Array([0xc0, 0xaf]))).toBe(0); // overlong "/"
    expect(firstInvalidUtf8(new Uint8Array([0xe0, 0x80, 0xaf]))).toBe(0); // overlong
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0); // a surrogate
    expect(firstInvalidUtf8(new Uint8Array([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // past U+10FFFF
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xe2, 0x98]))).toBe(1); // cut short
    expect(firstInvalidUtf8(new Uint8Array([0xff]))).toBe(0);
  });
});
