import { getBezierPath, Position } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { denseFlow } from '../../scripts/dense-flow';
import { nodeBox, type Box } from '../model/geometry';
import type { FlowDefinition } from '../model/types';
import { createCanvasMapper, type WidgetFlowNode } from './mapping';
import {
  groupBadges,
  MAX_OVERLAY_SCALE,
  MAX_OVERLAY_TEXTS,
  overlayScale,
  overlayScene,
  overlayTexts,
  OVERLAY_FONT_SIZE,
  ringBox,
  type CanvasOverlay,
  type OverlayEdge,
  type OverlaySceneEdge,
} from './overlay';

/** A small flow: a menu split with two conditions, one looping back up to the question. */
const FLOW = {
  initial_state: 'Trigger',
  states: [
    {
      name: 'Trigger',
      type: 'trigger',
      transitions: [
        { event: 'incomingMessage', next: 'ask' },
        { event: 'incomingCall' },
        { event: 'incomingRequest' },
      ],
      properties: { offset: { x: 0, y: 0 } },
    },
    {
      name: 'ask',
      type: 'send-and-wait-for-reply',
      transitions: [
        { event: 'incomingMessage', next: 'menu' },
        { event: 'timeout', next: 'bye' },
        { event: 'deliveryFailure' },
      ],
      properties: { offset: { x: 0, y: 250 }, body: 'Yes or no?', timeout: '3600' },
    },
    {
      name: 'menu',
      type: 'split-based-on',
      transitions: [
        { event: 'noMatch', next: 'ask' },
        {
          event: 'match',
          next: 'ask',
          conditions: [{ friendly_name: 'If no', arguments: ['{{x}}'], type: 'equal_to', value: 'no' }],
        },
        {
          event: 'match',
          next: 'bye',
          conditions: [{ friendly_name: 'If yes', arguments: ['{{x}}'], type: 'equal_to', value: 'yes' }],
        },
      ],
      properties: { input: '{{x}}', offset: { x: 40, y: 520 } },
    },
    {
      name: 'bye',
      type: 'send-message',
      transitions: [{ event: 'sent' }, { event: 'failed' }],
      properties: { offset: { x: 420, y: 820 }, body: 'Bye' },
    },
  ],
} as unknown as FlowDefinition;

const PATH: CanvasOverlay = {
  kind: 'path',
  widgets: {
    Trigger: { badges: ['1'], mark: 'visited' },
    ask: { badges: ['2', '4'], mark: 'visited' },
    menu: { badges: ['3', '5'], mark: 'visited' },
    bye: { badges: ['6'], mark: 'ended' },
  },
  edges: [
    { from: 'Trigger', event: 'incomingMessage', to: 'ask', label: 'incomingMessage', weight: 1 },
    { from: 'ask', event: 'incomingMessage', to: 'menu', label: 'incomingMessage', weight: 1 },
    { from: 'menu', event: 'match', to: 'ask', label: 'match', weight: 1 },
    { from: 'ask', event: 'incomingMessage', to: 'menu', label: 'incomingMessage', weight: 1 },
    { from: 'menu', event: 'match', to: 'bye', label: 'match', weight: 1, current: true },
  ],
  focus: 'bye',
};

function canvasNodes(definition: FlowDefinition): Map<string, WidgetFlowNode> {
  const model = createCanvasMapper()({ definition, problemsByWidget: new Map(), selection: [] });
  return new Map(model.nodes.map((n) => [n.id, n]));
}

/** The numbers of a path's `d`. */
function numbers(d: string): number[] {
  return (d.match(/-?\d+(\.\d+)?(e-?\d+)?/g) ?? []).map(Number);
}

function edge(edges: readonly OverlaySceneEdge[], from: string, to: string): OverlaySceneEdge {
  const found = edges.find((e) => e.from === from && e.to === to);
  if (!found) throw new Error(`no edge ${from} -> ${to}`);
  return found;
}

describe('overlayScene', () => {
  const scene = overlayScene(FLOW, PATH);

  it('places every widget on its card as the canvas maps it', () => {
    const nodes = canvasNodes(FLOW);
    expect(scene.widgets.map((w) => w.name)).toEqual(['Trigger', 'ask', 'menu', 'bye']);
    for (const w of scene.widgets) {
      const node = nodes.get(w.name);
      if (!node) throw new Error(w.name);
      expect(w.box).toEqual(nodeBox(node));
    }
    expect(scene.widgets.find((w) => w.name === 'bye')).toMatchObject({
      mark: 'ended',
      focus: true,
      badge: '6',
      caption: 'Ended',
    });
    expect(scene.widgets.find((w) => w.name === 'ask')).toMatchObject({
      badge: '2, 4',
      caption: '',
      focus: false,
    });
  });

  it('draws each transition along the curve React Flow draws for that port’s connection', () => {
    const nodes = canvasNodes(FLOW);
    for (const e of scene.edges) {
      const source = nodes.get(e.from);
      const target = nodes.get(e.to);
      const out = source?.handles?.find((h) => h.type === 'source' && h.id === e.port);
      const into = target?.handles?.find((h) => h.type === 'target');
      if (!source || !target || !out || !into) throw new Error(`${e.from} -> ${e.to}`);
      const sourceX = source.position.x + out.x + (out.width ?? 0) / 2;
      const sourceY = source.position.y + out.y + (out.height ?? 0);
      const targetX = target.position.x + into.x + (into.width ?? 0) / 2;
      const targetY = target.position.y + into.y;
      const [path, labelX, labelY] = getBezierPath({
        sourceX,
        sourceY,
        sourcePosition: Position.Bottom,
        targetX,
        targetY,
        targetPosition: Position.Top,
      });
      const ours = numbers(e.d);
      const theirs = numbers(path);
      expect(ours).toHaveLength(theirs.length);
      ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i] ?? NaN, 1));
      expect([e.sx, e.sy, e.tx, e.ty]).toEqual([sourceX, sourceY, targetX, targetY]);
      expect(e.mx).toBeCloseTo(labelX, 6);
      expect(e.my).toBeCloseTo(labelY, 6);
    }
    // The loop back up bends below its port and above its target, as the canvas's edge does.
    const back = edge(scene.edges, 'menu', 'ask');
    const [, , c1x, c1y, c2x, c2y] = numbers(back.d);
    expect(c1y).toBeGreaterThan(back.sy);
    expect(c2y).toBeLessThan(back.ty);
    expect([c1x, c2x]).toEqual([back.sx, back.tx]);
  });

  it('finds the port of an event by where the transition went (a split condition), or by its id', () => {
    expect(edge(scene.edges, 'menu', 'ask').port).toBe('match:0');
    expect(edge(scene.edges, 'menu', 'bye').port).toBe('match:1');
    const byId = overlayScene(FLOW, {
      kind: 'path',
      widgets: {},
      edges: [{ from: 'menu', event: 'match:1', to: 'bye', label: 'If yes', weight: 1 }],
    });
    expect(byId.edges.map((e) => [e.port, e.label])).toEqual([['match:1', 'If yes']]);
    // A transition to where the port no longer leads (the flow was edited since): drawn from that event's port.
    const moved = overlayScene(FLOW, {
      kind: 'path',
      widgets: {},
      edges: [{ from: 'ask', event: 'timeout', to: 'menu', label: 'timeout', weight: 1 }],
    });
    expect(moved.edges.map((e) => e.port)).toEqual(['timeout']);
    expect(moved.missing).toEqual([]);
  });

  it('draws a transition taken several times once, keeping its strongest weight and every label', () => {
    const twice = scene.edges.filter((e) => e.from === 'ask' && e.to === 'menu');
    expect(twice).toHaveLength(1);
    expect(scene.edges).toHaveLength(4);
    const merged = overlayScene(FLOW, {
      kind: 'heat',
      widgets: {},
      edges: [
        { from: 'ask', event: 'incomingMessage', to: 'menu', label: '12', weight: 0.25 },
        { from: 'ask', event: 'incomingMessage', to: 'menu', label: '3', weight: 0.9, current: true },
        { from: 'ask', event: 'incomingMessage', to: 'menu', label: '12', weight: 0.1 },
      ],
    });
    expect(merged.edges).toHaveLength(1);
    expect(merged.edges[0]).toMatchObject({ label: '12, 3', weight: 0.9, level: 4, current: true });
  });

  it('reports the transitions and widgets the flow does not have, and draws the rest', () => {
    const partial = overlayScene(FLOW, {
      kind: 'path',
      widgets: { ask: { badges: ['1'], mark: 'visited' }, gone: { badges: ['2'], mark: 'visited' } },
      edges: [
        { from: 'gone', event: 'sent', to: 'ask', label: 'sent', weight: 1 },
        { from: 'ask', event: 'incomingMessage', to: 'gone', label: 'incomingMessage', weight: 1 },
        { from: 'ask', event: 'noSuchEvent', to: 'menu', label: 'noSuchEvent', weight: 1 },
        { from: 'ask', event: 'incomingMessage', to: 'menu', label: 'incomingMessage', weight: 1 },
      ],
    });
    expect(partial.missing.map((m) => [m.edge.from, m.edge.to, m.reason])).toEqual([
      ['gone', 'ask', 'source'],
      ['ask', 'gone', 'target'],
      ['ask', 'menu', 'event'],
    ]);
    expect(partial.missingWidgets).toEqual(['gone']);
    expect(partial.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['ask>menu']);
    expect(partial.widgets.map((w) => w.name)).toEqual(['ask']);
  });

  it('leaves out what a heat overlay weighs at 0, and steps the weights', () => {
    const heat = overlayScene(FLOW, {
      kind: 'heat',
      widgets: {
        ask: { badges: ['128'], mark: 'reached', weight: 1 },
        menu: { badges: ['40'], mark: 'reached', weight: 0.3 },
        bye: { badges: ['0'], mark: 'reached', weight: 0 },
      },
      edges: [
        { from: 'ask', event: 'incomingMessage', to: 'menu', label: '40', weight: 0.3 },
        { from: 'menu', event: 'match', to: 'bye', label: '0', weight: 0 },
        { from: 'ask', event: 'timeout', to: 'bye', label: 'NaN', weight: Number.NaN },
      ],
    });
    expect(heat.widgets.map((w) => [w.name, w.level])).toEqual([
      ['ask', 4],
      ['menu', 1],
    ]);
    expect(heat.edges.map((e) => [e.label, e.level])).toEqual([['40', 1]]);
    expect(heat.missing).toEqual([]);
  });

  it('draws a widget far off as the canvas does, within the canvas’s range', () => {
    const far = {
      ...FLOW,
      states: FLOW.states.map((s) =>
        s.name === 'bye' ? { ...s, properties: { ...s.properties, offset: { x: 1e308, y: -Infinity } } } : s,
      ),
    } as FlowDefinition;
    const bye = overlayScene(far, PATH).widgets.find((w) => w.name === 'bye');
    expect(bye?.box).toEqual(nodeBox(canvasNodes(far).get('bye') as WidgetFlowNode));
    expect(Number.isFinite(bye?.box.x)).toBe(true);
  });

  it('computes a 2,000-widget heat overlay quickly, within the text budget, the focus and the current first', () => {
    const big = denseFlow(2000);
    const names = big.states.map((s) => s.name);
    const widgets: CanvasOverlay['widgets'] = Object.fromEntries(
      names.map((name, i) => [
        name,
        { badges: [String(i)], mark: 'reached' as const, weight: (i % 10) / 10 },
      ]),
    );
    const edges: OverlayEdge[] = big.states.flatMap((s) =>
      s.transitions.flatMap((t, i) =>
        typeof t.next === 'string' && t.next !== ''
          ? [{ from: s.name, event: t.event, to: t.next, label: String(i), weight: 0.5 }]
          : [],
      ),
    );
    const lastEdge = edges[edges.length - 1];
    if (lastEdge) lastEdge.current = true;
    const focus = names.find((_, i) => i % 10 === 1) as string;
    const started = performance.now();
    const heat = overlayScene(big, { kind: 'heat', widgets, edges, focus });
    expect(performance.now() - started).toBeLessThan(1000);

    expect(heat.widgets.length).toBe(names.filter((_, i) => i % 10 !== 0).length);
    expect(heat.missing).toEqual([]);
    // Each widget has one text (its badge), each edge one (its label): more than the budget, which keeps the first.
    expect(heat.widgets.length + heat.edges.length).toBeGreaterThan(MAX_OVERLAY_TEXTS);
    expect(heat.texts).toHaveLength(MAX_OVERLAY_TEXTS);
    const focusIndex = heat.widgets.findIndex((w) => w.name === focus);
    const currentIndex = heat.edges.findIndex((e) => e.current);
    expect(heat.texts.slice(0, 2)).toEqual(
      expect.arrayContaining([{ widget: focusIndex }, { edge: currentIndex }]),
    );
    // Then by weight: every strongest widget is in, no weakest one.
    const labelled = new Set(heat.texts.flatMap((t) => (t.widget === undefined ? [] : [t.widget])));
    const levels = heat.widgets.flatMap((w, i) => (w.focus ? [] : [[w.level, labelled.has(i)] as const]));
    expect(levels.filter(([level]) => level === 4).every(([, has]) => has)).toBe(true);
    expect(levels.filter(([level]) => level === 0).some(([, has]) => has)).toBe(false);
  });
});

describe('overlayTexts', () => {
  const scene = overlayScene(FLOW, PATH);

  it('puts a badge across the ring’s top-right corner, a caption across its top-left, a label on its curve', () => {
    const texts = overlayTexts(scene, 1);
    const bye = scene.widgets.find((w) => w.name === 'bye');
    if (!bye) throw new Error('bye');
    const ring = ringBox(bye.box, 1);
    const badge = texts.find((t) => t.kind === 'badge' && t.text === '6');
    const caption = texts.find((t) => t.kind === 'caption');
    expect(caption).toMatchObject({ text: 'Ended', look: 'ended', y: ring.y });
    expect(caption?.pill?.x).toBe(ring.x);
    expect(badge?.y).toBe(ring.y);
    expect((badge?.pill?.x ?? 0) + (badge?.pill?.width ?? 0)).toBeCloseTo(ring.x + ring.width, 6);
    const current = edge(scene.edges, 'menu', 'bye');
    expect(texts.find((t) => t.kind === 'label' && t.look === 'current')).toMatchObject({
      text: 'match',
      x: current.mx,
      y: current.my,
    });
    // At zoom 1 every text has room but one: the loop back up from the menu has its label where the question's
    // transition into the menu has its own (React Flow's midpoints coincide), and the less important gives way.
    expect(texts.map((t) => t.text).sort()).toEqual(
      ['1', '2, 4', '3, 5', '6', 'Ended', 'incomingMessage', 'incomingMessage', 'match'].sort(),
    );
    const back = edge(scene.edges, 'menu', 'ask');
    const into = edge(scene.edges, 'ask', 'menu');
    expect(Math.abs(back.my - into.my)).toBeLessThan(OVERLAY_FONT_SIZE);
  });

  it('leaves out, zoomed out, the texts that would overlap more important ones', () => {
    const texts = overlayTexts(scene, MAX_OVERLAY_SCALE);
    expect(texts.length).toBeLessThan(overlayTexts(scene, 1).length);
    // The focus's badge comes first and is kept.
    expect(texts[0]).toMatchObject({ kind: 'badge', text: '6' });
    const pills = texts.flatMap((t) => (t.pill ? [t.pill] : []));
    const inside = (p: Box, x: number, y: number) =>
      x >= p.x && x <= p.x + p.width && y >= p.y && y <= p.y + p.height;
    pills.forEach((a, i) =>
      pills.slice(i + 1).forEach((b) => {
        const apart =
          a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart).toBe(true);
      }),
    );
    for (const label of texts.filter((t) => t.kind === 'label')) {
      expect(pills.some((p) => inside(p, label.x, label.y))).toBe(false);
    }
  });

  it('places a 2,000-widget heat overlay’s texts without overlaps, quickly', () => {
    const big = denseFlow(2000);
    const overlay: CanvasOverlay = {
      kind: 'heat',
      widgets: Object.fromEntries(
        big.states.map((s, i) => [s.name, { badges: [String(i)], mark: 'reached' as const }]),
      ),
      edges: [],
    };
    const heat = overlayScene(big, overlay);
    const near = overlayTexts(heat, 1);
    // At zoom 1 every card's badge has room: all those of the budget are drawn.
    expect(near).toHaveLength(MAX_OVERLAY_TEXTS);
    const started = performance.now();
    const far = overlayTexts(heat, MAX_OVERLAY_SCALE);
    expect(performance.now() - started).toBeLessThan(200);
    expect(far.length).toBeGreaterThan(50);
    expect(far.length).toBeLessThan(near.length);
  });
});

describe('groupBadges', () => {
  it('keeps a few badges as a list, and says first…last and how many past three', () => {
    expect(groupBadges([])).toBe('');
    expect(groupBadges(['128'])).toBe('128');
    expect(groupBadges(['1', '4', '7'])).toBe('1, 4, 7');
    expect(groupBadges(['1', '3', '5', '7', '9'])).toBe('1…9 (5×)');
    expect(groupBadges(['a very long badge text that goes on'])).toBe('a very long badge text …');
  });
});

describe('overlayScale', () => {
  it('grows the marks in √2 steps as the view zooms out, never beyond 1/zoom nor the maximum', () => {
    expect(overlayScale(2)).toBe(1);
    expect(overlayScale(1)).toBe(1);
    expect(overlayScale(0.75)).toBe(1);
    expect(overlayScale(0.7)).toBeCloseTo(Math.SQRT2, 10);
    expect(overlayScale(0.5)).toBe(2);
    expect(overlayScale(0.2)).toBe(4);
    expect(overlayScale(1 / 16)).toBe(16);
    expect(overlayScale(0.05)).toBe(MAX_OVERLAY_SCALE);
    expect(overlayScale(0)).toBe(MAX_OVERLAY_SCALE);
    for (const zoom of [1.5, 0.9, 0.6, 0.33, 0.1, 0.07]) {
      expect(overlayScale(zoom) * zoom).toBeLessThanOrEqual(Math.max(1, zoom) + 1e-9);
    }
    // Few steps over the whole zoom range: few redraws.
    const steps = new Set<number>();
    for (let zoom = 2; zoom >= 0.05; zoom *= 0.98) steps.add(overlayScale(zoom));
    expect(steps.size).toBeLessThanOrEqual(10);
  });
});
