import type { ReactFlowState } from '@xyflow/react';

/**
 * Level of detail, by zoom:
 * - `near`: full cards (name, type, summary, labelled ports), labelled edges;
 * - `far` (below {@link LOD_ZOOM}): a card is a block of its category colour with its name in large type; edges
 *   lose their labels and reconnect anchors: text at that size cannot be read, and it is what costs most to draw;
 * - `tiny` (below {@link TINY_ZOOM}): the blocks lose their names too (a few pixels high, unreadable) and edges their
 *   arrowheads: the shape of the flow is all there is to see, and a 2,000-widget flow stays cheap to pan and drag.
 */
export type Detail = 'near' | 'far' | 'tiny';

export const LOD_ZOOM = 0.45;
export const TINY_ZOOM = 0.2;

/**
 * React Flow store selector: the level of detail for the current zoom. A string that changes only when the zoom
 * crosses a threshold, so the canvas re-renders then and never while panning or zooming; it hands the level to
 * cards and edges through `DetailContext`.
 */
export const selectDetail = (s: ReactFlowState): Detail =>
  s.transform[2] < TINY_ZOOM ? 'tiny' : s.transform[2] < LOD_ZOOM ? 'far' : 'near';
