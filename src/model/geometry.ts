/**
 * The range of canvas positions (`properties.offset`), one definition for the canvas, the layout and the validator.
 * Studio stores any number, but a widget a billion pixels away cannot be reached by panning, makes "fit view" zoom
 * out to nothing and breaks the layout's arithmetic (`1e308 + 240 === 1e308`, `1e308 - -1e308 === Infinity`); and
 * Infinity is not even JSON. A million px is far beyond any real flow (the widest of the corpus spans under
 * 8,000 px) and well within what browsers lay out. Positions outside it are never used as they are: the canvas
 * lays such a flow out for display or draws the widget at the edge (src/layout/offsets.ts), and the validator
 * reports the offset on its widget.
 *
 * Pure TypeScript.
 */

/** The largest |x| or |y| of a widget's position that is used as it is. */
export const MAX_OFFSET = 1_000_000;

/**
 * A coordinate brought within ±MAX_OFFSET: ±Infinity to the edge of its side, NaN (and anything that is not a
 * number) to 0.
 */
export function clampCoordinate(value: unknown): number {
  if (typeof value !== 'number' || Number.isNaN(value)) return 0;
  return Math.max(-MAX_OFFSET, Math.min(MAX_OFFSET, value));
}

/** A rectangle on the canvas, in flow coordinates (px). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The box of a canvas node: its position and size (unsized counts as 0 × 0). */
export function nodeBox(node: { position: { x: number; y: number }; width?: number; height?: number }): Box {
  return { x: node.position.x, y: node.position.y, width: node.width ?? 0, height: node.height ?? 0 };
}

/**
 * The smallest box holding `boxes` and `points`, or null when there is nothing finite to hold. Only finite
 * coordinates count: one NaN or Infinity would make the fitted view or an image's size NaN or Infinity. Null too
 * when finite coordinates lie too far apart for their difference to be finite (±1e308 each way).
 */
export function finiteBounds(
  boxes: Iterable<Box>,
  points: Iterable<readonly [number, number]> = [],
): Box | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const grow = (x: number, y: number) => {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  };
  for (const box of boxes) {
    grow(box.x, box.y);
    grow(box.x + box.width, box.y + box.height);
  }
  for (const [x, y] of points) grow(x, y);
  const width = maxX - minX;
  const height = maxY - minY;
  if (!Number.isFinite(width) || !Number.isFinite(height)) return null;
  return { x: minX, y: minY, width, height };
}
