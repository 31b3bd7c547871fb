import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../src/model/types';
import { denseFlow, edgeLengths, extent, gridPositions, PITCH, placeDense, walkOrder } from './dense-flow';
import { generateFlow } from './generate-flow';

function withoutOffsets(def: FlowDefinition): unknown {
  return def.states.map((w) => {
    const { offset: _offset, ...properties } = w.properties;
    return { ...w, properties };
  });
}

describe('dense benchmark flows', () => {
  it('keeps generateFlow’s widgets, transitions and key order; only offsets change', () => {
    const base = generateFlow(300);
    const dense = denseFlow(300);
    expect(withoutOffsets(dense)).toEqual(withoutOffsets(base));
    expect(dense.states.map((w) => Object.keys(w.properties))).toEqual(
      base.states.map((w) => Object.keys(w.properties)),
    );
    expect(JSON.stringify(denseFlow(300))).toBe(JSON.stringify(dense));
  });

  it('puts every widget on its own grid cell, in a roughly square area', () => {
    for (const size of [100, 500, 2000, 5000]) {
      const dense = denseFlow(size);
      const cells = new Set(dense.states.map((w) => `${w.properties.offset?.x},${w.properties.offset?.y}`));
      expect(cells.size).toBe(size);
      for (const w of dense.states) {
        expect((w.properties.offset?.x ?? -1) % PITCH.x).toBe(0);
        expect((w.properties.offset?.y ?? -1) % PITCH.y).toBe(0);
      }
      const { width, height } = extent(dense);
      expect(width / height).toBeGreaterThan(0.8);
      expect(width / height).toBeLessThan(1.25);
    }
  });

  it('walks depth-first from the Trigger, first transition first, then what the walk did not reach', () => {
    const def: FlowDefinition = {
      description: 'walk',
      initial_state: 'Trigger',
      flags: { allow_concurrent_calls: true },
      states: [
        { name: 'island', type: 'set-variables', transitions: [{ event: 'next' }], properties: {} },
        {
          name: 'Trigger',
          type: 'trigger',
          transitions: [{ event: 'incomingMessage', next: 'a' }, { event: 'incomingCall', next: 'b' }],
          properties: {},
        },
        { name: 'b', type: 'set-variables', transitions: [{ event: 'next', next: 'missing' }], properties: {} },
        { name: 'a', type: 'set-variables', transitions: [{ event: 'next', next: 'c' }], properties: {} },
        { name: 'c', type: 'set-variables', transitions: [{ event: 'next', next: 'Trigger' }], properties: {} },
      ],
    };
    expect(walkOrder(def)).toEqual(['Trigger', 'a', 'c', 'b', 'island']);
    const placed = placeDense(def);
    expect(placed.states.every((w) => w.properties.offset !== undefined)).toBe(true);
  });

  it('lays the rows back and forth, so consecutive widgets are neighbours', () => {
    const names = Array.from({ length: 10 }, (_, i) => `w${i}`);
    const at = gridPositions(names, { x: 10, y: 10 });
    for (let i = 1; i < names.length; i++) {
      const a = at.get(`w${i - 1}`);
      const b = at.get(`w${i}`);
      expect(Math.abs((a?.x ?? 0) - (b?.x ?? 0)) + Math.abs((a?.y ?? 0) - (b?.y ?? 0))).toBe(10);
    }
  });

  it('keeps connections local, as in real flows (median within two cards, 90 % within ten)', () => {
    for (const size of [129, 500, 2000, 5000]) {
      const lengths = edgeLengths(denseFlow(size));
      const at = (q: number) => lengths[Math.floor(lengths.length * q)] ?? Infinity;
      expect(at(0.5)).toBeLessThanOrEqual(2 * PITCH.x);
      expect(at(0.9)).toBeLessThanOrEqual(10 * PITCH.x);
    }
  });
});
