import { describe, expect, it } from 'vitest';
import { groupDigits } from './digits';

describe('groupDigits', () => {
  it('writes safe integers as toLocaleString("en-US") does', () => {
    const values = [
      0,
      1,
      -1,
      12,
      999,
      1000,
      -1000,
      12_345,
      999_999,
      1_000_000,
      67_108_864,
      Number.MAX_SAFE_INTEGER,
    ];
    for (let n = 1; n < 1e15; n *= 7) values.push(n, -n);
    for (const n of values) expect(groupDigits(n)).toBe(n.toLocaleString('en-US'));
  });

  it('hands everything else to toLocaleString', () => {
    for (const n of [1.5, -0.25, 1e21, Infinity, NaN]) expect(groupDigits(n)).toBe(n.toLocaleString('en-US'));
  });
});
