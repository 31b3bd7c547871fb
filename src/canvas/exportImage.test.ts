import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../model/types';
import { corpusFlow, flowOf, sendMessage, trigger } from '../testing/flows';
import type { SeverityCounts } from '../store/problemSummary';
import { MAX_OFFSET } from '../layout/offsets';
import {
  boundsOf,
  escapeXml,
  flowToSvg,
  MAX_CANVAS_PIXELS,
  MAX_CANVAS_SIDE,
  rasterSize,
} from './exportImage';
import { createCanvasMapper } from './mapping';
import { assertWellFormed } from '../testing/canvas';

const NONE = new Map<string, SeverityCounts>();

describe('flowToSvg', () => {
  it('draws every widget and one path per connected transition of a corpus flow', () => {
    const definition = corpusFlow('real/tm__ca_988camh.json');
    const svg = flowToSvg(definition);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="-?\d+ -?\d+ \d+ \d+"/);
    for (const state of definition.states) expect(svg).toContain(`>${escapeXml(state.name)}<`);
    const { edges } = createCanvasMapper()({ definition, problemsByWidget: NONE, selection: [] });
    expect(edges.length).toBeGreaterThan(0);
    expect(svg.match(/<path class="edge"/g)?.length).toBe(edges.length);
    expect(svg.match(/<g class="card"/g)?.length).toBe(definition.states.length);
    assertWellFormed(svg);
  });

  it('escapes user text, never interpreting it as markup', () => {
    const evil = '<script>alert("x")</script> & \'co\'';
    const definition = flowOf('x', [
      trigger('a&b'),
      sendMessage('a&b', { offset: { x: 0, y: 300 }, body: evil }),
    ]);
    const svg = flowToSvg(definition);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('>a&amp;b<');
    expect(svg).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
    assertWellFormed(svg);
    // The viewBox covers both cards plus the margin.
    const [, , , , h] = /viewBox="(-?\d+) (-?\d+) (\d+) (\d+)"/.exec(svg) ?? [];
    expect(Number(h)).toBeGreaterThanOrEqual(300 + 86 + 80);
  });

  it('draws an empty flow as an empty white image', () => {
    const svg = flowToSvg({ description: '', initial_state: '', flags: {}, states: [] });
    assertWellFormed(svg);
    expect(svg).toContain('viewBox="-40 -40 80 80"');
  });
});

/** The four numbers of the SVG's viewBox (any notation, so that NaN, Infinity or 1e+308 would show). */
function viewBoxOf(svg: string): number[] {
  const match = /^<svg [^>]*viewBox="([^"]*)" width="([^"]*)" height="([^"]*)"/.exec(svg);
  if (!match) throw new Error('no viewBox');
  const box = (match[1] ?? '').split(' ').map(Number);
  expect(box).toHaveLength(4);
  expect([Number(match[2]), Number(match[3])]).toEqual([box[2], box[3]]);
  return box;
}

describe('flowToSvg with positions no canvas can draw', () => {
  // As JSON.parse reads the file: 1e400 becomes Infinity, "100" stays a string.
  const hostile = JSON.parse(`{
    "description": "hostile", "initial_state": "Trigger", "flags": { "allow_concurrent_calls": true },
    "states": [
      { "name": "Trigger", "type": "trigger", "transitions": [{ "event": "incomingMessage", "next": "far" },
        { "event": "incomingCall", "next": "infinite" }, { "event": "incomingRequest", "next": "stringly" }],
        "properties": { "offset": { "x": 1e308, "y": -1e308 } } },
      { "name": "far", "type": "send-message", "transitions": [{ "event": "sent", "next": "infinite" }],
        "properties": { "offset": { "x": -1e308, "y": 1e308 } } },
      { "name": "infinite", "type": "send-message", "transitions": [{ "event": "sent", "next": "far" }],
        "properties": { "offset": { "x": 1e400, "y": -1e400 } } },
      { "name": "stringly", "type": "send-message", "transitions": [{ "event": "sent", "next": "far" }],
        "properties": { "offset": { "x": "100", "y": "100" } } }
    ]
  }`) as FlowDefinition;

  it('has a finite viewBox and size, every card within ±MAX_OFFSET and every widget named', () => {
    const svg = flowToSvg(hostile);
    const [x, y, width, height] = viewBoxOf(svg);
    for (const v of [x, y, width, height]) expect(Number.isFinite(v)).toBe(true);
    // The clamped corners, the cards' size and the margin: ±1e6 each way is 2e6 wide, which is fine.
    expect(x).toBe(-MAX_OFFSET - 40);
    expect(width).toBeGreaterThan(2 * MAX_OFFSET);
    expect(width).toBeLessThan(2 * MAX_OFFSET + 1000);
    expect(height).toBeGreaterThan(2 * MAX_OFFSET);
    expect(svg).not.toMatch(/NaN|Infinity|e\+|e-\d/);
    for (const [, tx, ty] of svg.matchAll(/translate\((\S+) (\S+)\)/g)) {
      expect(Math.abs(Number(tx))).toBeLessThanOrEqual(MAX_OFFSET);
      expect(Math.abs(Number(ty))).toBeLessThanOrEqual(MAX_OFFSET);
    }
    for (const state of hostile.states) expect(svg).toContain(`>${escapeXml(state.name)}<`);
    expect(svg.match(/<path class="edge"/g)?.length).toBe(6);
    assertWellFormed(svg);
    const png = rasterSize(width ?? 0, height ?? 0, 2);
    expect(png.width).toBeLessThanOrEqual(MAX_CANVAS_SIDE);
    expect(png.width * png.height).toBeLessThanOrEqual(MAX_CANVAS_PIXELS);
    expect(png.width).toBeGreaterThan(0);
  });

  it('leaves the definition as it was', () => {
    const before = structuredClone(hostile);
    flowToSvg(hostile);
    expect(hostile).toEqual(before);
  });
});

describe('boundsOf', () => {
  it('counts finite coordinates only, and never returns NaN or Infinity', () => {
    const box = { x: 10, y: 20, width: 100, height: 50 };
    expect(boundsOf([box])).toEqual(box);
    expect(boundsOf([box, { x: Infinity, y: 0, width: 10, height: 10 }], [[Number.NaN, 5]])).toEqual(box);
    expect(boundsOf([{ x: -Infinity, y: Infinity, width: 0, height: 0 }])).toEqual({
      x: 0,
      y: 0,
      width: 0,
      height: 0,
    });
    // Finite but too far apart for their difference to be finite.
    const spread = boundsOf(
      [],
      [
        [1e308, 1e308],
        [-1e308, -1e308],
      ],
    );
    expect(Object.values(spread).every(Number.isFinite)).toBe(true);
  });
});

describe('rasterSize', () => {
  it('scales, and scales huge flows down to the canvas limits', () => {
    expect(rasterSize(1000, 500, 2)).toEqual({ width: 2000, height: 1000 });
    const wide = rasterSize(100_000, 1_000, 2);
    expect(wide.width).toBeLessThanOrEqual(MAX_CANVAS_SIDE);
    const huge = rasterSize(20_000, 20_000, 2);
    expect(huge.width * huge.height).toBeLessThanOrEqual(MAX_CANVAS_PIXELS);
  });

  it('is a finite size of at least 1 x 1 whatever it is given', () => {
    for (const [w, h, scale] of [
      [Infinity, 100, 2],
      [Number.NaN, Number.NaN, 2],
      [100, -5, 2],
      [100, 100, Infinity],
      [2_000_080, 2_000_080, 2],
    ] as const) {
      const size = rasterSize(w, h, scale);
      expect(Number.isInteger(size.width) && Number.isInteger(size.height)).toBe(true);
      expect(size.width).toBeGreaterThanOrEqual(1);
      expect(size.height).toBeGreaterThanOrEqual(1);
      expect(size.width).toBeLessThanOrEqual(MAX_CANVAS_SIDE);
      expect(size.width * size.height).toBeLessThanOrEqual(MAX_CANVAS_PIXELS);
    }
  });
});
