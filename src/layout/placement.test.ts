import { describe, expect, it } from 'vitest';
import type { FlowDefinition, Offset, Widget } from '../model/types';
import { CARD_WIDTH } from './cardGeometry';
import {
  boxCentre,
  draggedOffsets,
  DROP_GRIP,
  dropPosition,
  NEW_CARD_SIZE,
  PLACEMENT_GAP,
  PLACEMENT_STEPS,
  placeInView,
  snapToGrid,
} from './placement';

function widget(name: string, offset?: unknown): Widget {
  return {
    name,
    type: 'send-message',
    transitions: [],
    properties: offset === undefined ? {} : { offset },
  } as Widget;
}

function flow(...states: Widget[]): FlowDefinition {
  return { description: '', initial_state: 'Trigger', flags: { allow_concurrent_calls: true }, states };
}

/** A view of `width` × `height` flow px centred on `centre`. */
function viewAround(centre: Offset, width = 1600, height = 1000) {
  return { x: centre.x - width / 2, y: centre.y - height / 2, width, height };
}

const { width: W, height: H } = NEW_CARD_SIZE;
/** One step of the search: a card and a gap across, a card and two gaps down. */
const STEP_X = W + PLACEMENT_GAP;
const STEP_Y = H + 2 * PLACEMENT_GAP;
/** A view whose centre puts a new card at -120, 0 (240 × 86: no rounding at the centre). */
const VIEW = viewAround({ x: 0, y: H / 2 });
const CENTRE = { x: -W / 2, y: 0 };

describe('PLACEMENT_STEPS', () => {
  it('covers a 9 × 9 ring of spots once each, the centre first', () => {
    expect(PLACEMENT_STEPS).toHaveLength(81);
    expect(new Set(PLACEMENT_STEPS.map(([dx, dy]) => `${dx},${dy}`)).size).toBe(81);
    expect(PLACEMENT_STEPS[0]).toEqual([0, 0]);
    for (const [dx, dy] of PLACEMENT_STEPS) {
      expect(Math.abs(dx)).toBeLessThanOrEqual(4);
      expect(Math.abs(dy)).toBeLessThanOrEqual(4);
    }
  });

  it('goes nearest first, a step down counting double, right before left and below before above', () => {
    expect(PLACEMENT_STEPS.slice(0, 7)).toEqual([
      [0, 0],
      [1, 0],
      [-1, 0],
      [2, 0],
      [0, 1],
      [0, -1],
      [-2, 0],
    ]);
    const distance = ([dx, dy]: readonly [number, number]) => Math.hypot(dx, dy * 2);
    for (let i = 1; i < PLACEMENT_STEPS.length; i++) {
      expect(distance(PLACEMENT_STEPS[i - 1] as [number, number])).toBeLessThanOrEqual(
        distance(PLACEMENT_STEPS[i] as [number, number]),
      );
    }
  });
});

describe('placeInView', () => {
  it('puts the first widget of an empty view in its middle, on the grid', () => {
    expect(W).toBe(240);
    expect(H).toBe(86);
    expect(placeInView([], VIEW)).toEqual({ at: CENTRE, inView: true });
    // The card's centre on the view's centre (1000, 500), its corner snapped to 10 px: 880, 457 -> 460.
    expect(placeInView([], viewAround({ x: 1000, y: 500 })).at).toEqual({ x: 880, y: 460 });
  });

  it('uses the size it is given', () => {
    const placed = placeInView([], viewAround({ x: 0, y: 0 }), { width: 100, height: 40 });
    expect(placed.at).toEqual({ x: -50, y: -20 });
  });

  it('never lands on a card: the next free spot, right of the centre first, then left, then further', () => {
    const taken = [widget('a', CENTRE)];
    expect(placeInView(taken, VIEW).at).toEqual({ x: -120 + STEP_X, y: 0 });
    taken.push(widget('b', { x: -120 + STEP_X, y: 0 }));
    expect(placeInView(taken, VIEW).at).toEqual({ x: -120 - STEP_X, y: 0 });
    taken.push(widget('c', { x: -120 - STEP_X, y: 0 }));
    expect(placeInView(taken, VIEW).at).toEqual({ x: -120 + 2 * STEP_X, y: 0 });
    taken.push(widget('d', { x: -120 + 2 * STEP_X, y: 0 }));
    // One step down: 146 px, on the grid 150.
    expect(STEP_Y).toBe(146);
    expect(placeInView(taken, VIEW)).toEqual({ at: { x: -120, y: 150 }, inView: true });
  });

  it('counts a card as in the way when its corner is closer than a card and a gap, across and down', () => {
    // Just close enough to be in the way, on each axis.
    const near = widget('near', { x: -120 + STEP_X - 1, y: STEP_Y - 1 });
    expect(placeInView([near], VIEW).at).not.toEqual(CENTRE);
    // A card and a gap away across (any height), or down (any x): the centre is free.
    expect(placeInView([widget('right', { x: -120 + STEP_X, y: 0 })], VIEW).at).toEqual(CENTRE);
    expect(placeInView([widget('below', { x: -120, y: STEP_Y })], VIEW).at).toEqual(CENTRE);
    expect(placeInView([widget('above', { x: 0, y: -STEP_Y })], VIEW).at).toEqual(CENTRE);
  });

  it('ignores widgets that have no usable position', () => {
    const view = VIEW;
    const centre = CENTRE;
    const unplaced = [
      widget('none'),
      widget('far', { x: 1e308, y: 0 }),
      widget('text', { x: '0', y: '0' }),
      widget('nan', { x: Number.NaN, y: 0 }),
    ];
    expect(placeInView(unplaced, view).at).toEqual(centre);
  });

  it('prefers a free spot in view to a nearer one outside it', () => {
    // A view one card wide and five high: beside the taken centre is out of view, below it is in.
    const view = viewAround({ x: 0, y: H / 2 }, W + 20, 5 * H);
    expect(placeInView([], view).at).toEqual(CENTRE);
    expect(placeInView([widget('a', CENTRE)], view)).toEqual({ at: { x: -120, y: 150 }, inView: true });
  });

  it('goes outside the view when nothing in it is free, and says so', () => {
    const view = { x: 0, y: 0, width: W, height: H };
    const centre = placeInView([], view).at;
    expect(centre).toEqual({ x: 0, y: 0 });
    const placed = placeInView([widget('a', centre)], view);
    expect(placed.inView).toBe(false);
    expect(placed.at).toEqual({ x: STEP_X, y: 0 });
  });

  it('falls back to the centre when every spot of the ring is taken', () => {
    const all = PLACEMENT_STEPS.map(([dx, dy], i) =>
      widget(`w${i}`, { x: -120 + dx * STEP_X, y: dy * STEP_Y }),
    );
    expect(placeInView(all, VIEW)).toEqual({ at: CENTRE, inView: true });
  });

  it('snaps every candidate to the grid, wherever the view is', () => {
    const view = { x: 13.7, y: -27.2, width: 987.3, height: 611.9 };
    const taken = [widget('a', placeInView([], view).at)];
    for (const widgets of [[], taken]) {
      const { at } = placeInView(widgets, view);
      expect(Math.abs(at.x % 10)).toBe(0);
      expect(Math.abs(at.y % 10)).toBe(0);
    }
  });
});

describe('boxCentre', () => {
  it('is the middle of the box', () => {
    expect(boxCentre({ x: 10, y: 20, width: 100, height: 50 })).toEqual({ x: 60, y: 45 });
  });
});

describe('dropPosition', () => {
  it('centres the card under the pointer by its header, on the grid', () => {
    expect(dropPosition({ x: 500, y: 300 })).toEqual({ x: 500 - CARD_WIDTH / 2, y: 300 - DROP_GRIP });
    expect(dropPosition({ x: 504, y: 306 })).toEqual({ x: 380, y: 290 });
    expect(dropPosition({ x: 0, y: 0 })).toEqual({ x: -120, y: -20 });
  });
});

describe('snapToGrid', () => {
  it('rounds to the nearest 10 px, never to -0', () => {
    expect(snapToGrid({ x: 14.9, y: 15 })).toEqual({ x: 10, y: 20 });
    expect(snapToGrid({ x: -15, y: -16 })).toEqual({ x: -10, y: -20 });
    const zero = snapToGrid({ x: -4, y: -0 });
    expect(Object.is(zero.x, 0)).toBe(true);
    expect(Object.is(zero.y, 0)).toBe(true);
  });
});

describe('draggedOffsets', () => {
  const def = flow(
    widget('a', { x: 100, y: 200 }),
    widget('b', { x: 0, y: 0 }),
    widget('unplaced'),
    widget('far', { x: 1e308, y: 0 }),
  );

  it('writes the rounded position of each card that moved', () => {
    const moves = draggedOffsets(def, [
      { id: 'a', position: { x: 150.4, y: 249.6 } },
      { id: 'b', position: { x: -20, y: 30 } },
    ]);
    expect([...moves]).toEqual([
      ['a', { x: 150, y: 250 }],
      ['b', { x: -20, y: 30 }],
    ]);
  });

  it('writes nothing for a card dropped where it was (after rounding)', () => {
    expect(draggedOffsets(def, [{ id: 'a', position: { x: 100.3, y: 199.7 } }]).size).toBe(0);
  });

  it('writes a position for widgets that had none, or none usable', () => {
    const moves = draggedOffsets(def, [
      { id: 'unplaced', position: { x: 0, y: 0 } },
      { id: 'far', position: { x: 1_000_000, y: 0 } },
    ]);
    expect(moves.get('unplaced')).toEqual({ x: 0, y: 0 });
    expect(moves.get('far')).toEqual({ x: 1_000_000, y: 0 });
  });

  it('ignores cards of widgets the flow no longer has', () => {
    expect(draggedOffsets(def, [{ id: 'gone', position: { x: 5, y: 5 } }]).size).toBe(0);
  });
});
