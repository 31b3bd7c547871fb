import { describe, expect, it } from 'vitest';
import { generateFlow } from '../../scripts/generate-flow';
import type { FlowDefinition, Widget } from '../model/types';
import { corpusFiles, LEGACY_FILE } from '../testing/corpus';
import { applyLayout } from './applyLayout';
import { missingOrOverlapping, needsLayout } from './needsLayout';
import { clampOffset, displayOffset, finiteOffset, MAX_OFFSET, readOffset } from './offsets';

/** The one corpus flow written without any offset (extracted from a Markdown skill file; see SOURCES.tsv). */
const NO_OFFSETS = 'real/twilio-ai__skill-studio-flows-1.json';

function parse(text: string): FlowDefinition {
  return JSON.parse(text) as FlowDefinition;
}

function withOffsets(def: FlowDefinition, offset: (w: Widget, i: number) => unknown): FlowDefinition {
  return {
    ...def,
    states: def.states.map((w, i) => ({
      ...w,
      properties: { ...w.properties, offset: offset(w, i) },
    })) as Widget[],
  };
}

describe('needsLayout over the corpus', () => {
  const files = corpusFiles();

  it('holds 141 flows, the legacy one included', () => {
    expect(files).toHaveLength(141);
    expect(files.some((f) => f.file === LEGACY_FILE)).toBe(true);
  });

  it.each(files.filter((f) => f.file !== NO_OFFSETS).map((f) => [f.file, f.text]))(
    '%s keeps its own layout',
    (_file, text) => {
      const def = parse(text);
      expect(missingOrOverlapping(def)).toEqual(new Set());
      expect(needsLayout(def)).toBe(false);
    },
  );

  it(`${NO_OFFSETS}, written without offsets, needs layout`, () => {
    const def = parse(files.find((f) => f.file === NO_OFFSETS)?.text ?? '');
    expect(needsLayout(def)).toBe(true);
    expect(missingOrOverlapping(def)).toEqual(new Set(['Trigger', 'reply']));
  });
});

describe('needsLayout rule', () => {
  const base = generateFlow(20);

  it('a flow with Studio offsets does not need layout, nor does a new flow (one Trigger at 0,0)', () => {
    expect(needsLayout(base)).toBe(false);
    const single: FlowDefinition = { ...base, states: [base.states[0] as Widget] };
    expect(needsLayout(single)).toBe(false);
  });

  it('widgets without an offset, or with a non-numeric x or y, need layout', () => {
    const def = withOffsets(base, (w, i) =>
      i === 3
        ? undefined
        : i === 4
          ? { x: '100', y: 20 }
          : i === 5
            ? { x: 10 }
            : i === 6
              ? null
              : w.properties.offset,
    );
    const names = base.states.slice(3, 7).map((w) => w.name);
    expect(missingOrOverlapping(def)).toEqual(new Set(names));
    expect(needsLayout(def)).toBe(true);
    const noProps = { ...base, states: base.states.map((w, i) => (i === 2 ? { ...w, properties: {} } : w)) };
    expect(missingOrOverlapping(noProps)).toEqual(new Set([base.states[2]?.name]));
    const nan = withOffsets(base, (w, i) => (i === 1 ? { x: Number.NaN, y: 0 } : w.properties.offset));
    expect(missingOrOverlapping(nan)).toEqual(new Set([base.states[1]?.name]));
  });

  it('every widget at 0,0 needs layout', () => {
    const def = withOffsets(base, () => ({ x: 0, y: 0 }));
    expect(needsLayout(def)).toBe(true);
    expect(missingOrOverlapping(def)).toEqual(new Set(base.states.map((w) => w.name)));
  });

  it('two widgets on one spot are tolerated (Studio exports have such pairs), three are a pile', () => {
    const at = (names: number[]) =>
      withOffsets(base, (w, i) => (names.includes(i) ? { x: 500, y: 500 } : w.properties.offset));
    expect(needsLayout(at([2, 7]))).toBe(false);
    const three = at([2, 7, 9]);
    expect(needsLayout(three)).toBe(true);
    expect(missingOrOverlapping(three)).toEqual(new Set([2, 7, 9].map((i) => base.states[i]?.name)));
  });

  it('a two-widget flow with both widgets on one spot needs layout', () => {
    const two: FlowDefinition = {
      ...base,
      states: base.states
        .slice(0, 2)
        .map((w) => ({ ...w, properties: { ...w.properties, offset: { x: 0, y: 0 } } })),
    };
    expect(needsLayout(two)).toBe(true);
    expect(missingOrOverlapping(two).size).toBe(2);
  });

  it('a flow needs no more layout once positions are applied', () => {
    const def = withOffsets(base, () => undefined);
    expect(needsLayout(def)).toBe(true);
    const laidOut = applyLayout(def, new Map(def.states.map((w, i) => [w.name, { x: i * 300, y: 0 }])));
    expect(needsLayout(laidOut)).toBe(false);
  });
});

describe('positions no canvas can draw (offsets.ts, and what needsLayout makes of them)', () => {
  const base = generateFlow(20);
  // As JSON.parse reads a hostile file: 1e400 is Infinity, "100" stays a string.
  const hostile = parse(
    JSON.stringify(
      withOffsets(base, (w, i) =>
        i === 1
          ? { x: 1e308, y: -1e308 }
          : i === 2
            ? { x: -1e308, y: 1e308 }
            : i === 3
              ? { x: 12_345_678, y: 0 }
              : w.properties.offset,
      ),
    ),
  );
  const infinite = parse(JSON.stringify(base).replace('"offset":{"x":', '"offset":{"x":1e400,"_x":'));
  // Any JSON value where Studio writes an offset: the widget is typed, the file is not.
  const widget = (offset: unknown): Widget =>
    ({ name: 'w', type: 't', transitions: [], properties: { offset } }) as unknown as Widget;

  it('reads a usable offset only within ±MAX_OFFSET, and draws every offset finite within it', () => {
    expect(readOffset(widget({ x: MAX_OFFSET, y: -MAX_OFFSET }))).toEqual({ x: MAX_OFFSET, y: -MAX_OFFSET });
    expect(readOffset(widget({ x: MAX_OFFSET + 1, y: 0 }))).toBeUndefined();
    expect(readOffset(widget({ x: 1e308, y: 0 }))).toBeUndefined();
    expect(finiteOffset(widget({ x: 1e308, y: -1e308 }))).toEqual({ x: 1e308, y: -1e308 });
    expect(finiteOffset(widget({ x: Infinity, y: 0 }))).toBeUndefined();
    expect(displayOffset(widget({ x: 1e308, y: -1e308 }))).toEqual({ x: MAX_OFFSET, y: -MAX_OFFSET });
    expect(displayOffset(widget({ x: Infinity, y: -Infinity }))).toEqual({ x: MAX_OFFSET, y: -MAX_OFFSET });
    expect(displayOffset(widget({ x: Number.NaN, y: 5 }))).toEqual({ x: 0, y: 5 });
    expect(displayOffset(widget({ x: '100', y: '100' }))).toEqual({ x: 0, y: 0 });
    expect(displayOffset(widget(undefined))).toEqual({ x: 0, y: 0 });
    expect(displayOffset(widget({ x: -20, y: 30 }))).toEqual({ x: -20, y: 30 });
    const inside = { x: 1, y: 2 };
    expect(clampOffset(inside)).toBe(inside);
  });

  it('offsets beyond ±MAX_OFFSET count as missing: the flow is drawn laid out (shown, never written on opening)', () => {
    expect(missingOrOverlapping(hostile)).toEqual(new Set(base.states.slice(1, 4).map((w) => w.name)));
  });

  it('an Infinity offset (1e400 in the file) is missing, so the flow is laid out', () => {
    const name = base.states[0]?.name ?? '';
    expect(missingOrOverlapping(infinite)).toEqual(new Set([name]));
  });

  it('three widgets at exactly the same in-range offset are a pile', () => {
    const pile = withOffsets(base, (w, i) =>
      i < 3 ? { x: MAX_OFFSET, y: MAX_OFFSET } : w.properties.offset,
    );
    expect(missingOrOverlapping(pile)).toEqual(new Set(base.states.slice(0, 3).map((w) => w.name)));
  });
});
