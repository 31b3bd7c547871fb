/**
 * How the editor canvas and the diff canvas show a flow, the same way: the zoom range, "fit view" clear of the zoom
 * controls and the minimap (the padding of the opening view, fit.ts), and a card brought into view.
 */
import type { FitViewOptions, InternalNode, ReactFlowInstance } from '@xyflow/react';
import { cardSize } from '../layout/cardGeometry';
import { motionDuration } from './dom';
import { FIT_PADDING } from './fit';

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 2;
/** Below this zoom a card's text cannot be read. */
const READABLE_ZOOM = 0.6;
/** Zoom a card is brought into view at when the current zoom is too small to read it. */
const FOCUS_ZOOM = 1;

/** Fit view keeps the flow clear of the zoom controls (bottom left) and the minimap (bottom right). */
export const FIT_VIEW_OPTIONS = {
  padding: {
    top: `${FIT_PADDING.top}px`,
    bottom: `${FIT_PADDING.bottom}px`,
    left: `${FIT_PADDING.left}px`,
    right: `${FIT_PADDING.right}px`,
  },
  maxZoom: 1,
  duration: 0,
  // Zoomed out, cards are drawn on the far canvas and hidden from React Flow (useFarCanvas.ts): they still count.
  includeHiddenNodes: true,
} satisfies FitViewOptions;

/** What bringing a card into view needs of React Flow (`useReactFlow()`). */
export interface CentringFlow {
  getInternalNode: (id: string) => InternalNode | undefined;
  getZoom: ReactFlowInstance['getZoom'];
  setCenter: ReactFlowInstance['setCenter'];
}

/**
 * Centres the view on the card `id`, zoomed in to a readable size when it is too small to read; false when React
 * Flow has no such node.
 */
export function centreOnNode(flow: CentringFlow, id: string): boolean {
  const node = flow.getInternalNode(id);
  if (!node) return false;
  const { width, height } = cardSize(0);
  const w = node.measured.width ?? width;
  const h = node.measured.height ?? height;
  const zoom = flow.getZoom();
  void flow.setCenter(node.internals.positionAbsolute.x + w / 2, node.internals.positionAbsolute.y + h / 2, {
    zoom: zoom < READABLE_ZOOM ? FOCUS_ZOOM : zoom,
    duration: motionDuration(250),
  });
  return true;
}
