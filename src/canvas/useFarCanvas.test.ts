import { describe, expect, it } from 'vitest';
import { drawsFar, FAR_CANVAS_FROM, hiddenCopies } from './useFarCanvas';

describe('drawsFar: which flows are drawn on the far canvas, by level of detail', () => {
  it('never when the cards are readable', () => {
    expect(drawsFar('near', 10)).toBe(false);
    expect(drawsFar('near', 10_000)).toBe(false);
  });

  it('at the `far` level (names legible), from FAR_CANVAS_FROM widgets; smaller flows keep their DOM blocks', () => {
    expect(drawsFar('far', 1)).toBe(false);
    expect(drawsFar('far', FAR_CANVAS_FROM - 1)).toBe(false);
    expect(drawsFar('far', FAR_CANVAS_FROM)).toBe(true);
    expect(drawsFar('far', 10_000)).toBe(true);
  });

  it('at the `tiny` level (names unreadable), every flow, however small', () => {
    expect(drawsFar('tiny', 1)).toBe(true);
    expect(drawsFar('tiny', FAR_CANVAS_FROM - 1)).toBe(true);
    expect(drawsFar('tiny', 10_000)).toBe(true);
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
