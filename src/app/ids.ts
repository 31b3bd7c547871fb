/**
 * Element ids that parts of the app focus across components. Here rather than in the component that renders them,
 * so that naming one does not import that component: Workspace.tsx (and the canvas, React Flow and forms behind it)
 * is loaded on demand (App.tsx), and a static import of it from anywhere would put it back into the page's script.
 */

/** id of the widgets grid: where focus goes when nothing better is left (e.g. the empty state it replaced). */
export const WIDGETS_GRID_ID = 'widgets-grid';
