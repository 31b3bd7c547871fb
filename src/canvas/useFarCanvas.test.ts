import { describe, expect, it } from 'vitest';
import { drawsFar, FAR_CANVAS_FROM, hiddenCopies, TINY_CANVAS_FROM } from './useFarCanvas';

describe('drawsFar: which flows are drawn on the far canvas, by level of detail', () => {
  it('never when the cards are readable', () => {
    expect(drawsFar('near', 10)).toBe(false);
    expect(drawsFar('near', 10_000)).toBe(false);
  });

  it('with names legible in large type, from FAR_CANVAS_FROM widgets', () => {
    expect(drawsFar('far', FAR_CANVAS_FROM - 1)).toBe(false);
    expect(drawsFar('far', FAR_CANVAS_FROM)).toBe(true);
  });

  it('with nothing legible, from TINY_CANVAS_FROM widgets; smaller flows keep their DOM blocks', () => {
    expect(TINY_CANVAS_FROM).toBeLessThan(FAR_CANVAS_FROM);
    expect(drawsFar('tiny', TINY_CANVAS_FROM - 1)).toBe(false);
    expect(drawsFar('tiny', TINY_CANVAS_FROM)).toBe(true);
  });
});

describe('hiddenCopies', () => {
  it('gives the same hidden copy for the same object, and leaves the original alone', () => {
    const hide = hiddenCopies<{ id: string; hidden?: boolean }>();
    const a = { id: 'a' };
    const copy = hide(a);
    expect(copy).toEqual({ id: 'a', hidden: true });
    expect(hide(a)).toBe(copy);
    expect(a.hidden).toBeUndefined();
    expect(hide({ id: 'a' })).not.toBe(copy);
  });
});
