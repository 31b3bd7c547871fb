import { describe, expect, it } from 'vitest';
import { clampCoordinate, finiteBounds, MAX_OFFSET, nodeBox } from './geometry';

describe('clampCoordinate', () => {
  it('keeps a coordinate within ±MAX_OFFSET, NaN and non-numbers at 0', () => {
    expect(clampCoordinate(12.5)).toBe(12.5);
    expect(clampCoordinate(Infinity)).toBe(MAX_OFFSET);
    expect(clampCoordinate(-1e308)).toBe(-MAX_OFFSET);
    expect(clampCoordinate(Number.NaN)).toBe(0);
    expect(clampCoordinate('5')).toBe(0);
  });
});

describe('nodeBox', () => {
  it("is a node's position and size, unsized as 0 × 0", () => {
    expect(nodeBox({ position: { x: 1, y: 2 }, width: 3, height: 4 })).toEqual({
      x: 1,
      y: 2,
      width: 3,
      height: 4,
    });
    expect(nodeBox({ position: { x: 1, y: 2 } })).toEqual({ x: 1, y: 2, width: 0, height: 0 });
  });
});

describe('finiteBounds', () => {
  it('holds every box and point', () => {
    const a = { x: 0, y: 0, width: 240, height: 86 };
    const b = { x: 300, y: -50, width: 240, height: 108 };
    expect(finiteBounds([a, b])).toEqual({ x: 0, y: -50, width: 540, height: 136 });
    expect(finiteBounds([a], [[-10, 500]])).toEqual({ x: -10, y: 0, width: 250, height: 500 });
    expect(finiteBounds([], [[5, 6]])).toEqual({ x: 5, y: 6, width: 0, height: 0 });
  });

  it('is null when there is nothing finite, or too much to measure', () => {
    expect(finiteBounds([])).toBeNull();
    expect(finiteBounds([{ x: Number.NaN, y: 0, width: Infinity, height: 0 }])).toBeNull();
    expect(finiteBounds([], [[-Infinity, 0]])).toBeNull();
    expect(
      finiteBounds(
        [],
        [
          [1e308, 1e308],
          [-1e308, -1e308],
        ],
      ),
    ).toBeNull();
  });

  it('skips what is not finite and keeps the rest', () => {
    const box = { x: 10, y: 20, width: 100, height: 50 };
    expect(finiteBounds([box, { x: Infinity, y: 0, width: 10, height: 10 }], [[Number.NaN, 5]])).toEqual(box);
  });
});
