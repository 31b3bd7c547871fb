import { describe, expect, it } from 'vitest';
import { FIT_PADDING, fittedViewport } from './fit';

const card = (x: number, y: number) => ({ x, y, width: 240, height: 120 });
const OPTIONS = { minZoom: 0.05, maxZoom: 1 };

describe('fittedViewport', () => {
  it('centres a small flow at 100 % at most', () => {
    const vp = fittedViewport([card(0, 0)], 1000, 600, OPTIONS);
    expect(vp.zoom).toBe(1);
    // The card's centre is the centre of the room left by the padding.
    const roomX = FIT_PADDING.left + (1000 - FIT_PADDING.left - FIT_PADDING.right) / 2;
    expect(vp.x + 120 * vp.zoom).toBeCloseTo(roomX);
  });

  it('fits a large flow whole, every card inside the room', () => {
    const boxes = Array.from({ length: 400 }, (_, i) => card((i % 20) * 360, Math.floor(i / 20) * 260));
    const vp = fittedViewport(boxes, 1000, 600, OPTIONS);
    expect(vp.zoom).toBeLessThan(1);
    for (const b of boxes) {
      expect(vp.x + b.x * vp.zoom).toBeGreaterThanOrEqual(FIT_PADDING.left - 1e-6);
      expect(vp.x + (b.x + b.width) * vp.zoom).toBeLessThanOrEqual(1000 - FIT_PADDING.right + 1e-6);
      expect(vp.y + b.y * vp.zoom).toBeGreaterThanOrEqual(FIT_PADDING.top - 1e-6);
      expect(vp.y + (b.y + b.height) * vp.zoom).toBeLessThanOrEqual(600 - FIT_PADDING.bottom + 1e-6);
    }
  });

  it('opens a flow too large to fit on its start, at the smallest zoom', () => {
    const boxes = [card(0, 0), card(1_000_000, 0)];
    const start = card(500, 300);
    const vp = fittedViewport(boxes, 1000, 600, { ...OPTIONS, start });
    expect(vp.zoom).toBe(0.05);
    expect(vp.x + (start.x + start.width / 2) * vp.zoom).toBeCloseTo(500);
    expect(vp.y + start.y * vp.zoom).toBeCloseTo(40);
  });

  it('has a view for no cards and for an unmeasured canvas', () => {
    expect(fittedViewport([], 1000, 600, OPTIONS)).toEqual({ x: 0, y: 0, zoom: 1 });
    expect(fittedViewport([card(0, 0)], 0, 0, OPTIONS)).toEqual({ x: 0, y: 0, zoom: 1 });
  });
});
