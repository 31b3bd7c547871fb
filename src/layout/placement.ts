/**
 * Where the canvas puts widgets: a new one added in the middle of the view (a palette click or Enter), one dropped
 * from the palette, a paste at the pointer, and the offsets a drag writes back. The arithmetic behind FlowCanvas,
 * in flow coordinates (px), free of React Flow and the DOM: the canvas measures the view and the pointer, and
 * passes them in.
 *
 * Pure TypeScript.
 */
import type { Box } from '../model/geometry';
import { findWidget } from '../model/graph';
import type { FlowDefinition, Offset, Widget } from '../model/types';
import { CARD_WIDTH, cardSize, PORTS_PER_ROW, type NodeSize } from './cardGeometry';
import { readOffset, snap } from './offsets';

/** Space kept free beside a new card: this much across, twice as much down (where the edges and labels go). */
export const PLACEMENT_GAP = 30;

/** How far from the view's centre, in card steps, a new card may go (a ring of 9 × 9 spots). */
const PLACEMENT_RINGS = 4;

/**
 * Offsets (in card steps, `[dx, dy]`) tried around the centre of the view for a new widget, nearest first. A step
 * down counts double (cards are further apart vertically); at equal distance right comes before left and below
 * before above (reading order).
 */
export const PLACEMENT_STEPS: readonly (readonly [number, number])[] = (() => {
  const steps: [number, number][] = [];
  for (let r = 0; r <= PLACEMENT_RINGS; r++) {
    // From `0 - r`, not `-r`: the centre is [0, 0], not [-0, -0].
    for (let dy = 0 - r; dy <= r; dy++) {
      for (let dx = 0 - r; dx <= r; dx++)
        if (Math.max(Math.abs(dx), Math.abs(dy)) === r) steps.push([dx, dy]);
    }
  }
  return steps.sort(
    (a, b) => Math.hypot(a[0], a[1] * 2) - Math.hypot(b[0], b[1] * 2) || b[0] - a[0] || b[1] - a[1],
  );
})();

/** The size a new card is placed for: one row of ports, as most widget types have. */
export const NEW_CARD_SIZE: NodeSize = cardSize(PORTS_PER_ROW);

/** Where a new card goes, and whether that spot is inside the view (when not, the canvas pans to it). */
export interface Placement {
  at: Offset;
  inView: boolean;
}

/** The centre of a box. */
export function boxCentre(box: Box): Offset {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * Where a widget added "in the middle of the view" goes: the first free spot around the centre of `view` (in
 * {@link PLACEMENT_STEPS} order, on the grid) that lies wholly inside the view; when none does, the first free one
 * of the whole ring; when none is free at all, the centre itself. A spot is free when no widget of `widgets` with a
 * usable offset has its top-left corner within a card and a gap of it (the cards of a flow are about one size).
 */
export function placeInView(
  widgets: readonly Widget[],
  view: Box,
  size: NodeSize = NEW_CARD_SIZE,
): Placement {
  const { width, height } = size;
  const centre = boxCentre(view);
  const taken = widgets.map(readOffset).filter((o): o is Offset => o !== undefined);
  const free = (p: Offset) =>
    !taken.some(
      (o) => Math.abs(o.x - p.x) < width + PLACEMENT_GAP && Math.abs(o.y - p.y) < height + PLACEMENT_GAP * 2,
    );
  const inView = (p: Offset) =>
    p.x >= view.x &&
    p.y >= view.y &&
    p.x + width <= view.x + view.width &&
    p.y + height <= view.y + view.height;
  const candidates = PLACEMENT_STEPS.map(([dx, dy]) => ({
    x: snap(centre.x - width / 2 + dx * (width + PLACEMENT_GAP)),
    y: snap(centre.y - height / 2 + dy * (height + PLACEMENT_GAP * 2)),
  }));
  const at = candidates.find((p) => free(p) && inView(p)) ??
    candidates.find(free) ?? { x: snap(centre.x - width / 2), y: snap(centre.y - height / 2) };
  return { at, inView: inView(at) };
}

/** How far below a dropped card's top edge the pointer holds it: in the middle of its header. */
export const DROP_GRIP = 20;

/** Where a widget dropped from the palette at `point` goes: centred under the pointer by its header, on the grid. */
export function dropPosition(point: Offset): Offset {
  return { x: snap(point.x - CARD_WIDTH / 2), y: snap(point.y - DROP_GRIP) };
}

/** A point on the grid: where a paste at the pointer puts the pasted widgets. */
export function snapToGrid(point: Offset): Offset {
  return { x: snap(point.x), y: snap(point.y) };
}

/** A card where a drag left it (a React Flow node's id and position). */
export interface DraggedCard {
  id: string;
  position: Offset;
}

/**
 * The offsets a drag writes: each dragged card's position rounded to whole px, for the widgets of `definition`
 * whose usable offset is not already that (a card dropped where it was, or the card of a widget since deleted,
 * writes nothing). `definition` is the one the canvas drew: with an opening layout shown, the laid-out one.
 */
export function draggedOffsets(
  definition: FlowDefinition,
  dragged: Iterable<DraggedCard>,
): Map<string, Offset> {
  const moves = new Map<string, Offset>();
  for (const card of dragged) {
    const x = Math.round(card.position.x);
    const y = Math.round(card.position.y);
    const widget = findWidget(definition, card.id);
    const offset = widget ? readOffset(widget) : undefined;
    if (widget && (offset?.x !== x || offset.y !== y)) moves.set(card.id, { x, y });
  }
  return moves;
}
