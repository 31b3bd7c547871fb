import { describe, expect, it } from 'vitest';
import { drawsFar, FAR_CANVAS_FROM, hiddenCopies } from './useFarCanvas';

describe('drawsFar: which flows are drawn on the far canvas, by level of detail', () => {
  it('never when the cards are readable', () => {
    expect(drawsFar('near', 10)).toBe(false);
    expect(drawsFar('near', 10_000)).toBe(false);
  });

  it('below it, from FAR_CANVAS_FROM widgets, names legible or not; smaller flows keep their DOM blocks', () => {
    for (const detail of ['far', 'tiny'] as const) {
      expect(drawsFar(detail, FAR_CANVAS_FROM - 1)).toBe(false);
      expect(drawsFar(detail, FAR_CANVAS_FROM)).toBe(true);
      expect(drawsFar(detail, 10_000)).toBe(true);
    }
  });
});

describe('hiddenCopies', () => {
  it('gives the same hidden copy for the same object, and leaves the original alone', () => {
    const hide = hiddenCopies<{ id: string; hidden?: boolean }>();
    const a: { id: string; hidden?: boolean } = { id: 'a' };
    const copy = hide(a);
    expect(copy).toEqual({ id: 'a', hidden: true });
    expect(hide(a)).toBe(copy);
    expect(a.hidden).toBeUndefined();
    expect(hide({ id: 'a' })).not.toBe(copy);
  });
});
