import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../model/types';
import { corpusFile } from '../testing/corpus';
import type { SeverityCounts } from '../store/problemSummary';
import { escapeXml, flowToSvg, MAX_CANVAS_PIXELS, MAX_CANVAS_SIDE, rasterSize } from './exportImage';
import { createCanvasMapper } from './mapping';

const NONE = new Map<string, SeverityCounts>();

/** A rough well-formedness check: every tag closes in order, and no raw `<`/`&` is left in text. */
function assertWellFormed(xml: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  let match: RegExpExecArray | null;
  while ((match = tag.exec(xml)) !== null) {
    const between = xml.slice(last, match.index);
    expect(between).not.toMatch(/[<>]/);
    expect(between).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
    last = match.index + match[0].length;
    const [, closing, name, , selfClosing] = match;
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) stack.push(name ?? '');
  }
  expect(xml.slice(last).trim()).toBe('');
  expect(stack).toEqual([]);
}

function definitionOf(file: string): FlowDefinition {
  return JSON.parse(corpusFile(file).text) as FlowDefinition;
}

describe('flowToSvg', () => {
  it('draws every widget and one path per connected transition of a corpus flow', () => {
    const definition = definitionOf('real/tm__ca_988camh.json');
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
    const definition: FlowDefinition = {
      description: 'x',
      initial_state: 'Trigger',
      flags: { allow_concurrent_calls: true },
      states: [
        {
          name: 'Trigger',
          type: 'trigger',
          transitions: [{ event: 'incomingMessage', next: 'a&b' }],
          properties: { offset: { x: 0, y: 0 } },
        },
        {
          name: 'a&b',
          type: 'send-message',
          transitions: [{ event: 'sent' }, { event: 'failed' }],
          properties: { offset: { x: 0, y: 300 }, body: evil },
        },
      ],
    };
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

describe('rasterSize', () => {
  it('scales, and scales huge flows down to the canvas limits', () => {
    expect(rasterSize(1000, 500, 2)).toEqual({ width: 2000, height: 1000 });
    const wide = rasterSize(100_000, 1_000, 2);
    expect(wide.width).toBeLessThanOrEqual(MAX_CANVAS_SIDE);
    const huge = rasterSize(20_000, 20_000, 2);
    expect(huge.width * huge.height).toBeLessThanOrEqual(MAX_CANVAS_PIXELS);
  });
});
