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
