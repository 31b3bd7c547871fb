import { describe, expect, it } from 'vitest';
import {
  createScene,
  createSpatialIndex,
  linkControls,
  sceneBounds,
  sameDrawing,
  scenePart,
  sceneLinks,
  type SceneCard,
} from './farScene';
import { EDGE_COLOUR } from './colours';
import { widgetScene } from './widgetScene';
import { createCanvasMapper } from './mapping';
import { denseFlow } from '../../scripts/dense-flow';

const card = (x: number, y: number, width = 240, height = 120) => ({ x, y, width, height });

describe('spatial index', () => {
  const cards = [card(0, 0), card(400, 0), card(0, 300), card(100, 50)];
  const index = createSpatialIndex(cards, 256);

  it('finds the card at a point, the one drawn last when cards overlap, and none on empty canvas', () => {
    expect(index.at(10, 10)).toBe(0);
    expect(index.at(150, 100)).toBe(3);
    expect(index.at(500, 60)).toBe(1);
    expect(index.at(300, 250)).toBe(-1);
    expect(index.at(-5, 0)).toBe(-1);
  });

  it('lists the cards overlapping or inside a rectangle, in drawing order', () => {
    expect(index.within({ x: 200, y: 0, width: 250, height: 10 })).toEqual([0, 1]);
    expect(index.within({ x: 200, y: 0, width: 250, height: 60 })).toEqual([0, 1, 3]);
    expect(index.inside({ x: -10, y: -10, width: 700, height: 200 })).toEqual([0, 1, 3]);
    expect(index.inside({ x: -10, y: -10, width: 260, height: 200 })).toEqual([0]);
  });

  it('answers a rectangle larger than the grid by scanning once', () => {
    expect(index.within({ x: -1e6, y: -1e6, width: 2e6, height: 2e6 })).toEqual([0, 1, 2, 3]);
  });
});

describe('links', () => {
  it('bend like React Flow’s bezier edges: down from the port, up into the input', () => {
    expect(linkControls({ sx: 0, sy: 100, tx: 50, ty: 300 })).toEqual([0, 200, 50, 200]);
    const [, c1y, , c2y] = linkControls({ sx: 0, sy: 300, tx: 0, ty: 100 });
    expect(c1y).toBeGreaterThan(300);
    expect(c2y).toBeLessThan(100);
  });
});

describe('widgetScene', () => {
  it('has a card per widget at its node position and a link per edge, from the port to the input', () => {
    const definition = denseFlow(50);
    const { nodes, edges } = createCanvasMapper()({
      definition,
      problemsByWidget: new Map(),
      selection: ['widget_1'],
    });
    const scene = widgetScene(nodes, edges);
    expect(scene.cards).toHaveLength(nodes.length);
    expect(scene.links).toHaveLength(edges.length);
    const node = nodes.find((n) => n.id === 'widget_1');
    const card1 = scene.cards.find((c) => c.id === 'widget_1');
    // Drawn as any other card: a selected card is a DOM card on top of its drawing.
    expect(node?.selected).toBe(true);
    expect(card1).toMatchObject({ x: node?.position.x, y: node?.position.y, selected: false });
    // Every link starts at the bottom of its port, in the source card's port rows, and ends on top of the target.
    for (const [i, edge] of edges.entries()) {
      const link = scene.links[i];
      const source = nodes.find((n) => n.id === edge.source);
      const target = nodes.find((n) => n.id === edge.target);
      const top = source?.position.y ?? 0;
      expect(link?.sy).toBeGreaterThan(top + 60);
      expect(link?.sy).toBeLessThanOrEqual(top + (source?.height ?? 0));
      // (the input knob sits across the top edge)
      expect(Math.abs((link?.ty ?? 0) - (target?.position.y ?? 0))).toBeLessThanOrEqual(5);
    }
    // Every card can be found where it is drawn.
    for (const [i, c] of scene.cards.entries()) expect(scene.index.at(c.x + c.width / 2, c.y + 5)).toBe(i);
  });
});

describe('a scene being dragged', () => {
  const mapped = () =>
    createCanvasMapper()({ definition: denseFlow(50), problemsByWidget: new Map(), selection: ['widget_7'] });

  it('marks the cards being dragged as moving, and none otherwise', () => {
    const { nodes, edges } = mapped();
    expect(widgetScene(nodes, edges).moving.size).toBe(0);
    const dragged = nodes.map((n) => (n.id === 'widget_7' ? { ...n, dragging: true } : n));
    expect([...widgetScene(dragged, edges).moving]).toEqual(['widget_7']);
  });

  it('splits into what stays still and what moves: the moving cards and every link that ends at one', () => {
    const { nodes, edges } = mapped();
    const dragged = nodes.map((n) => (n.id === 'widget_7' ? { ...n, dragging: true } : n));
    const scene = widgetScene(dragged, edges);
    const still = scenePart(scene, 'still');
    const moving = scenePart(scene, 'moving');
    expect(moving.cards.map((c) => c.id)).toEqual(['widget_7']);
    expect(still.cards.map((c) => c.id)).not.toContain('widget_7');
    expect(still.cards.length + moving.cards.length).toBe(scene.cards.length);
    const touching = edges.filter((e) => e.source === 'widget_7' || e.target === 'widget_7');
    expect(touching.length).toBeGreaterThan(1);
    expect(moving.links).toHaveLength(touching.length);
    for (const link of moving.links) expect([link.from, link.to]).toContain('widget_7');
    for (const link of still.links) expect([link.from, link.to]).not.toContain('widget_7');
    expect(still.links.length + moving.links.length).toBe(scene.links.length);
    // Each part finds its own cards.
    const card = moving.cards[0] as SceneCard;
    expect(moving.index.at(card.x + 5, card.y + 5)).toBe(0);
    expect(still.index.at(card.x + 5, card.y + 5)).toBe(-1);
  });

  it('keeps the cards and links of what did not change, and makes again those of what moved', () => {
    const { nodes, edges } = mapped();
    const before = widgetScene(nodes, edges);
    const dragged = nodes.map((n) =>
      n.id === 'widget_7'
        ? { ...n, position: { x: n.position.x + 40, y: n.position.y - 20 }, dragging: true }
        : n,
    );
    const after = widgetScene(dragged, edges);
    for (const [i, c] of after.cards.entries()) {
      if (c.id === 'widget_7') {
        expect(c).not.toBe(before.cards[i]);
        expect(c.x).toBe((before.cards[i]?.x ?? 0) + 40);
        expect(c.y).toBe((before.cards[i]?.y ?? 0) - 20);
      } else expect(c).toBe(before.cards[i]);
    }
    let remade = 0;
    for (const [i, link] of after.links.entries()) {
      const touches = link.from === 'widget_7' || link.to === 'widget_7';
      if (touches) remade++;
      if (touches) expect(link).not.toBe(before.links[i]);
      else expect(link).toBe(before.links[i]);
    }
    expect(remade).toBeGreaterThan(1);
    // The same scene as one made from scratch (links as `sceneLinks` makes them).
    const fresh = sceneLinks(dragged, edges, () => ({ colour: EDGE_COLOUR }));
    expect(after.links).toEqual(fresh);
    // Back where it was, the card is made again at its old place.
    const back = widgetScene(nodes, edges);
    expect(back.cards.find((c) => c.id === 'widget_7')).toEqual(
      before.cards.find((c) => c.id === 'widget_7'),
    );
  });

  it('draws the same picture when a card is selected or the selection cleared, and not when one moves', () => {
    const { nodes, edges } = mapped();
    const before = widgetScene(nodes, edges);
    const selected = nodes.map((n) => (n.id === 'widget_7' ? { ...n, selected: true } : n));
    const after = widgetScene(selected, edges);
    expect(after).not.toBe(before);
    expect(sameDrawing(before, after)).toBe(true);
    expect(sameDrawing(after, widgetScene(nodes, edges))).toBe(true);

    const moved = nodes.map((n) =>
      n.id === 'widget_7' ? { ...n, position: { x: n.position.x + 10, y: n.position.y } } : n,
    );
    expect(sameDrawing(before, widgetScene(moved, edges))).toBe(false);
    const dragging = nodes.map((n) => (n.id === 'widget_7' ? { ...n, dragging: true } : n));
    expect(sameDrawing(before, widgetScene(dragging, edges))).toBe(false);
    // Pressed or dragged, a selected card is drawn selected (it is drawn, not a DOM card, meanwhile).
    const pressed = nodes.map((n) => (n.id === 'widget_7' ? { ...n, dragging: true, selected: true } : n));
    expect(widgetScene(pressed, edges).cards.find((c) => c.id === 'widget_7')?.selected).toBe(true);
    expect(sameDrawing(before, widgetScene(nodes.slice(1), edges))).toBe(false);
  });

  it('builds its spatial index only when asked, once', () => {
    const card: SceneCard = {
      id: 'a',
      x: 0,
      y: 0,
      width: 10,
      height: 10,
      fill: '#000',
      label: 'a',
      problem: null,
      selected: false,
    };
    const scene = createScene([card], []);
    const index = scene.index;
    expect(scene.index).toBe(index);
    expect(index.at(5, 5)).toBe(0);
  });
});

describe('sceneBounds', () => {
  const card = (id: string, x: number, y: number): SceneCard => ({
    id,
    x,
    y,
    width: 200,
    height: 80,
    fill: '#000',
    label: id,
    problem: null,
    selected: false,
  });

  it('holds every card, and every link with its bend (a link back up loops below its source)', () => {
    const a = card('a', 0, 500);
    const b = card('b', 400, 0);
    // From the bottom of a up into the top of b: the curve dips below a and rises above b.
    const link = { sx: 100, sy: 580, tx: 500, ty: 0, colour: '#000' };
    const bounds = sceneBounds(createScene([a, b], [link]));
    const [, c1y, , c2y] = linkControls(link);
    expect(c1y).toBeGreaterThan(580);
    expect(c2y).toBeLessThan(0);
    expect(bounds).toEqual({ x: 0, y: c2y, width: 600, height: c1y - c2y });
  });

  it('is null for an empty scene, and computed once per scene', () => {
    expect(sceneBounds(createScene([], []))).toBeNull();
    const scene = createScene([card('a', 10, 20)], []);
    expect(sceneBounds(scene)).toBe(sceneBounds(scene));
    expect(sceneBounds(scene)).toEqual({ x: 10, y: 20, width: 200, height: 80 });
  });
});

describe('sameDrawing', () => {
  const base: SceneCard = {
    id: 'a',
    x: 0,
    y: 0,
    width: 240,
    height: 120,
    fill: '#fff',
    label: 'a',
    problem: null,
    selected: false,
  };
  const link = { sx: 1, sy: 2, tx: 3, ty: 4, colour: '#000', from: 'a', to: 'b' };

  it('compares what is drawn, not the objects', () => {
    const a = createScene([base, { ...base, id: 'b', x: 400 }], [link]);
    const b = createScene([{ ...base }, { ...base, id: 'b', x: 400 }], [{ ...link }]);
    expect(sameDrawing(a, b)).toBe(true);
    for (const change of [
      { label: 'renamed' },
      { fill: '#f00' },
      { problem: 'error' as const },
      { width: 250 },
      { outline: '#0f0' },
      { faded: true },
    ]) {
      expect(
        sameDrawing(
          a,
          createScene(
            [
              { ...base, ...change },
              { ...base, id: 'b', x: 400 },
            ],
            [link],
          ),
        ),
      ).toBe(false);
    }
    expect(sameDrawing(a, createScene(a.cards, [{ ...link, colour: '#123' }]))).toBe(false);
    expect(sameDrawing(a, createScene(a.cards, [{ ...link, dashed: true }]))).toBe(false);
    expect(sameDrawing(a, createScene(a.cards, []))).toBe(false);
    expect(sameDrawing(a, createScene(a.cards, a.links, new Set(['a'])))).toBe(false);
  });
});
