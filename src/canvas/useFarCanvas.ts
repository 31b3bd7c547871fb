/**
 * Working with the flow below the readable zoom, where cards are drawn on the far canvas (FarLayer.tsx) instead of
 * mounted as DOM nodes: what React Flow is given, and the gestures the far canvas answers by hit-testing its scene.
 *
 * - React Flow keeps every node (fit view, the minimap, focus requests and keyboard commands use them), but the
 *   ones nobody is working on are `hidden`: React Flow neither mounts nor culls them, so the DOM holds only the
 *   selected cards (and the one being renamed), which stay real cards with their ports. React Flow gets no edge:
 *   the far canvas draws them all. (Hidden edges would not do: with `onlyRenderVisibleElements` React Flow mounts
 *   an edge wrapper for every edge on screen, hidden or not, and each one computes its ends again at every change
 *   of its store, every frame of a drag included: 2,000 of them at the fitted view of a 2,000-widget flow.)
 * - Pressing on a drawn card selects it (Shift/Ctrl/Cmd add or remove it) and dragging moves it, with the rest of
 *   the selection, as React Flow would. Until the release the pressed cards are drawn, selected, on the far
 *   canvas's moving layer, and React Flow keeps the nodes it had: the press mounts no DOM card and the drag changes
 *   no node, so a frame of the drag costs the moving layer's drawing only. At the release the canvas's local state
 *   takes the new positions, the store gets one `moveWidgets` (one undo step), and the selected cards become DOM
 *   cards at their new places. A double press brings the card into readable view.
 * - A connection dragged from a selected card's port and dropped on a drawn card connects to it.
 * - A selection box (Shift+drag) selects the drawn cards inside it (React Flow's own box skips hidden nodes).
 * The pointer is taken from React Flow only when it presses a drawn card: elsewhere the pane pans as usual.
 */
import { useReactFlow, useStoreApi, type FinalConnectionState } from '@xyflow/react';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type PointerEvent as ReactPointerEvent,
} from 'react';
import { GRID } from '../layout';
import { setPressActive } from '../ui/gesture';
import { takePress } from './dom';
import type { Detail } from './lod';
import { EMPTY_SCENE, type SceneCard } from './farScene';
import type { PortFlowEdge, WidgetFlowNode } from './mapping';
import { widgetScene } from './widgetScene';

/** Movement (screen pixels) before a press on a card becomes a drag. */
const DRAG_THRESHOLD = 3;

function snapped(v: number): number {
  return Math.round(v / GRID) * GRID || 0;
}

/**
 * Flows with at least this many widgets are drawn on the far canvas as soon as the zoom is below the readable one.
 * Below the readable zoom DOM cards are blocks (with their names in large type, then without), which show nothing
 * the canvas does not, and cost: several elements per card while panning, and every card mounted again at each
 * level change while zooming (measured at 100 widgets: long tasks up to 88 ms and 50 fps zooming from the fitted
 * view, 60 fps on the canvas).
 */
export const FAR_CANVAS_FROM = 100;

/**
 * Whether the canvas draws its cards on the far canvas at this level of detail:
 * - at `tiny` (names too small to read, the blocks say nothing but their colour and place), every flow, whatever
 *   its size: mounting a DOM block per card there only costs (a 64-widget corpus flow opened at 8 % took 40 ms more
 *   to show as DOM blocks than the bare React Flow page, and its fibers stay in the heap);
 * - at `far` (names in large type), flows of FAR_CANVAS_FROM widgets and more. Smaller flows keep DOM blocks there:
 *   a few hundred elements cost little, and each card stays a named element a screen reader can reach on the
 *   canvas itself.
 * Drawn or not, every card stays findable by name in the widgets grid and the search, and can be selected, dragged
 * and connected on the canvas.
 */
export function drawsFar(detail: Detail, widgets: number): boolean {
  return detail === 'tiny' || (detail === 'far' && widgets >= FAR_CANVAS_FROM);
}

/** Identity-stable hidden copies: the same node object in gives the same hidden object out. */
export function hiddenCopies<T extends { hidden?: boolean }>(): (item: T) => T {
  const cache = new WeakMap<T, T>();
  return (item) => {
    let copy = cache.get(item);
    if (!copy) cache.set(item, (copy = { ...item, hidden: true }));
    return copy;
  };
}

/** Cards pressed on the far canvas: their ids, and where the drag has taken them (null before it starts). */
interface FarPress {
  ids: ReadonlySet<string>;
  positions: ReadonlyMap<string, { x: number; y: number }> | null;
}

/** What React Flow is given for edges on the far canvas (one array, so it never sees a change). */
const NO_EDGES: PortFlowEdge[] = [];

export interface FarCanvasOptions {
  far: boolean;
  nodes: WidgetFlowNode[];
  edges: PortFlowEdge[];
  /** The widget whose name is being edited (its card stays a DOM node). */
  renaming: string | null;
  selection: readonly string[];
  setSelection: (names: readonly string[]) => void;
  /** Moves nodes in the canvas's local state (at the release of a drag, until the store has the move). */
  moveLocally: (positions: ReadonlyMap<string, { x: number; y: number }>) => void;
  /** Commits the moved nodes to the store (one undo step). */
  commitMoves: (moved: readonly WidgetFlowNode[]) => void;
  connect: (source: string, port: string, target: string) => void;
  /** Brings a card into readable view. */
  focus: (name: string) => void;
}

export function useFarCanvas(options: FarCanvasOptions) {
  const { far, nodes, edges, renaming } = options;
  const flow = useStoreApi();
  const { screenToFlowPosition } = useReactFlow();
  const hideNode = useMemo(() => hiddenCopies<WidgetFlowNode>(), []);

  // The cards pressed on the far canvas, and where the drag has taken them (null until it starts): drawn, moving,
  // until released (see `onPointerDownCapture`).
  const [pressed, setPress] = useState<FarPress | null>(null);
  // Zoomed in mid-press, the cards are DOM cards again (the release still ends the press).
  const press = far ? pressed : null;

  const live = useMemo(
    () =>
      far
        ? nodes.map((n) =>
            n.selected === true || n.dragging === true || n.id === renaming ? n : hideNode(n),
          )
        : nodes,
    [far, nodes, renaming, hideNode],
  );
  // While a card is pressed React Flow keeps the nodes it had: the pressed cards are drawn (on the far canvas's
  // moving layer), so selecting them mounts no DOM card, and moving them changes none of React Flow's nodes, until
  // the release (then the selected cards become DOM cards, at their new places).
  const [held, setHeld] = useState(live);
  if (press === null && held !== live) setHeld(live);
  const shownNodes = press === null ? live : held;
  const shownEdges = far ? NO_EDGES : edges;
  const scene = useMemo(() => {
    if (!far) return EMPTY_SCENE;
    if (press === null) return widgetScene(nodes, edges);
    const drawn = nodes.map((n) => {
      if (!press.ids.has(n.id)) return n;
      return { ...n, position: press.positions?.get(n.id) ?? n.position, selected: true, dragging: true };
    });
    return widgetScene(drawn, edges);
  }, [far, nodes, edges, press]);

  // Read by gestures that outlive a render (a drag spans many): brought up to date after each commit.
  const latest = useRef({ options, scene });
  useLayoutEffect(() => {
    latest.current = { options, scene };
  });

  const cardAt = useCallback(
    (clientX: number, clientY: number): SceneCard | null => {
      const point = screenToFlowPosition({ x: clientX, y: clientY }, { snapToGrid: false });
      const { scene: current } = latest.current;
      const i = current.index.at(point.x, point.y);
      return i < 0 ? null : (current.cards[i] ?? null);
    },
    [screenToFlowPosition],
  );

  /** Pointer down anywhere in the canvas (capture phase): takes it when it presses a drawn card. */
  const onPointerDownCapture = useCallback(
    (event: ReactPointerEvent<HTMLElement>) => {
      if (!latest.current.options.far || event.button !== 0) return;
      const target = event.target as Element;
      if (!target.classList.contains('react-flow__pane')) return;
      const card = cardAt(event.clientX, event.clientY);
      if (!card) return;
      // The card is ours, and so is the press.
      takePress(event, event.currentTarget);
      const opts = latest.current.options;
      if (event.detail >= 2) {
        opts.focus(card.id);
        return;
      }
      const additive = event.shiftKey || event.ctrlKey || event.metaKey;
      if (additive) {
        const has = opts.selection.includes(card.id);
        opts.setSelection(has ? opts.selection.filter((n) => n !== card.id) : [...opts.selection, card.id]);
        return;
      }
      const moving = opts.selection.includes(card.id) ? [...opts.selection] : [card.id];
      // Until the card is released, panels that follow the selection wait (the inspector, src/ui/gesture.ts).
      setPressActive(true);
      if (!opts.selection.includes(card.id)) opts.setSelection([card.id]);
      setPress({ ids: new Set(moving), positions: null });

      const startX = event.clientX;
      const startY = event.clientY;
      const zoom = flow.getState().transform[2];
      const origins = new Map<string, { x: number; y: number }>();
      for (const n of opts.nodes) if (moving.includes(n.id)) origins.set(n.id, { ...n.position });
      let dragging = false;
      const element = event.currentTarget;
      element.setPointerCapture(event.pointerId);

      const positions = (clientX: number, clientY: number) => {
        const dx = (clientX - startX) / zoom;
        const dy = (clientY - startY) / zoom;
        const next = new Map<string, { x: number; y: number }>();
        for (const [id, o] of origins) next.set(id, { x: snapped(o.x + dx), y: snapped(o.y + dy) });
        return next;
      };
      const onMove = (move: PointerEvent) => {
        if (move.pointerId !== event.pointerId) return;
        if (!dragging && Math.hypot(move.clientX - startX, move.clientY - startY) < DRAG_THRESHOLD) return;
        dragging = true;
        // Only the drawing moves: React Flow's nodes are left as they are until the release.
        setPress({ ids: new Set(moving), positions: positions(move.clientX, move.clientY) });
      };
      const onUp = (up: PointerEvent) => {
        if (up.pointerId !== event.pointerId) return;
        element.removeEventListener('pointermove', onMove);
        element.removeEventListener('pointerup', onUp);
        element.removeEventListener('pointercancel', onUp);
        if (element.hasPointerCapture(up.pointerId)) element.releasePointerCapture(up.pointerId);
        setPress(null);
        if (!dragging) {
          setPressActive(false);
          return;
        }
        // In the same render as the release: the cards are DOM cards again, at their new places.
        const final = positions(up.clientX, up.clientY);
        const current = latest.current.options;
        current.moveLocally(final);
        const moved = current.nodes
          .filter((n) => final.has(n.id))
          .map((n) => ({ ...n, position: final.get(n.id) ?? n.position }));
        current.commitMoves(moved);
        setPressActive(false);
      };
      element.addEventListener('pointermove', onMove);
      element.addEventListener('pointerup', onUp);
      element.addEventListener('pointercancel', onUp);
    },
    [cardAt, flow],
  );

  // A press cut short by the canvas going away (its flow closed mid-press) ends too.
  useEffect(() => () => setPressActive(false), []);

  /** A connection dropped on a drawn card (not a DOM node, so React Flow found no target): connect to it. */
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      // Dropped on a DOM card, React Flow connected it (onConnect); dropped on the pane, it may be a drawn card.
      if (!latest.current.options.far || state.toNode || !state.fromNode) return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!point) return;
      const card = cardAt(point.clientX, point.clientY);
      if (!card || card.id === state.fromNode.id) return;
      if (state.fromHandle.id)
        latest.current.options.connect(state.fromNode.id, state.fromHandle.id, card.id);
    },
    [cardAt],
  );

  // A selection box over drawn cards: React Flow's own selection skips hidden nodes, so the box is read from its
  // store while it is drawn and the cards inside it are selected when it ends.
  useEffect(() => {
    let last: { x: number; y: number; width: number; height: number } | null = null;
    return flow.subscribe((state, previous) => {
      if (state.userSelectionRect) last = state.userSelectionRect;
      if (previous.userSelectionActive && !state.userSelectionActive && last && latest.current.options.far) {
        const [tx, ty, zoom] = state.transform;
        const rect = {
          x: (last.x - tx) / zoom,
          y: (last.y - ty) / zoom,
          width: last.width / zoom,
          height: last.height / zoom,
        };
        const { scene: current, options: opts } = latest.current;
        const inside = current.index.inside(rect).map((i) => current.cards[i]?.id ?? '');
        if (inside.length > 0) opts.setSelection(inside);
      }
      if (!state.userSelectionActive && !state.userSelectionRect) last = null;
    });
  }, [flow]);

  return { shownNodes, shownEdges, scene, onPointerDownCapture, onConnectEnd };
}
