/**
 * The canvas: the only importer of @xyflow/react. The app puts `<CanvasProvider>` around the workspace and
 * `<FlowCanvas>` in it; the palette drags with `WIDGET_DRAG_MIME` and adds with `useAddWidgetAtCentre`.
 */
export { CanvasProvider } from './context';
export {
  FlowCanvas,
  useAddWidgetAtCentre,
  WIDGET_DRAG_MIME,
  type CanvasCommands,
  type FlowCanvasProps,
} from './FlowCanvas';
export {
  overlayScene,
  type CanvasOverlay,
  type MissingTransition,
  type OverlayEdge,
  type OverlayMark,
  type OverlayScene,
  type OverlayWidget,
} from './overlay';
export { cardContent, categorySlug, type CardContent, type CategorySlug } from './cards';
export { DiffCanvas, type DiffCanvasProps } from './DiffCanvas';
export { DiffLegend, type DiffLegendProps } from './DiffLegend';
export { diffPositions, diffToSvg, type DiffSvgOptions } from './diffImage';
