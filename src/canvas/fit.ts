/**
 * The view a flow opens with, computed from its cards and the canvas's size, so that it can be set before the first
 * frame is painted (no frame at 100 % first, then a jump): the whole flow fitted with room for the controls and
 * the minimap, at most 100 %; a flow too large to fit even at the smallest zoom opens at that zoom on its start
 * (the initial state near the top, centred), rather than somewhere in its middle. Pure.
 */
import { finiteBounds, type Box } from '../model/geometry';

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** Room kept around the flow, in screen pixels: the zoom controls on the left, the minimap on the right. */
export const FIT_PADDING = { top: 28, bottom: 28, left: 64, right: 176 } as const;

export interface FitOptions {
  minZoom: number;
  maxZoom: number;
  /** The card to open on when the flow is too large to fit (the initial state). */
  start?: Box;
}

/** The viewport showing `boxes` in a canvas of `width` × `height` screen pixels. */
export function fittedViewport(
  boxes: Iterable<Box>,
  width: number,
  height: number,
  options: FitOptions,
): Viewport {
  const bounds = finiteBounds(boxes);
  if (!bounds || width <= 0 || height <= 0) return { x: 0, y: 0, zoom: 1 };
  const room = {
    width: Math.max(1, width - FIT_PADDING.left - FIT_PADDING.right),
    height: Math.max(1, height - FIT_PADDING.top - FIT_PADDING.bottom),
  };
  const fit = Math.min(room.width / Math.max(1, bounds.width), room.height / Math.max(1, bounds.height));
  const zoom = Math.min(options.maxZoom, Math.max(options.minZoom, fit));
  if (fit < options.minZoom && options.start) {
    const s = options.start;
    return { x: width / 2 - (s.x + s.width / 2) * zoom, y: 40 - s.y * zoom, zoom };
  }
  return {
    x: FIT_PADDING.left + (room.width - bounds.width * zoom) / 2 - bounds.x * zoom,
    y: FIT_PADDING.top + (room.height - bounds.height * zoom) / 2 - bounds.y * zoom,
    zoom,
  };
}
