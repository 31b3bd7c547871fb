/**
 * The diff canvas: both versions of a flow drawn as one, read-only. One card per widget of the union (a removed
 * widget where it was, ghosted), one edge per connection of either version, each coloured by how it changed
 * (diffCards.ts, diffMapping.ts; colours in theme.css and the legend).
 *
 * Mounted outside the editor (it has its own React Flow provider and needs no editor store): the caller owns the
 * selection and asks for a widget to be brought into view with `focusRequest`. When the union has widgets without
 * usable positions (or piled up), it is laid out first, as the editor lays out such flows, and shown once laid out.
 *
 * Performance at 2,000 widgets follows the editor canvas: nodes cached by the mapper (a selection change rebuilds
 * two), sizes and handles known up front, only visible elements rendered, levels of detail by zoom, the editor's
 * dot grid and minimap, the viewport composited while it moves.
 */
import {
  Controls,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
  type EdgeTypes,
  type NodeMouseHandler,
  type NodeTypes,
} from '@xyflow/react';
import '@xyflow/react/dist/base.css';
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import type { FlowDiff } from '../diff/types';
import { autoLayout } from '../layout';
import { nodeBox } from '../model/geometry';
import type { FlowDefinition, Offset } from '../model/types';
import '../styles/canvas.css';
import '../styles/diff.css';
import { CanvasMinimap } from './CanvasMinimap';
import { SELECTED_COLOUR } from './colours';
import { DetailContext } from './context';
import { takePress } from './dom';
import { DiffEdge } from './DiffEdge';
import { DIFF_COLOURS, UNCHANGED_BLOCK, unionLayout, type DiffNodeData } from './diffCards';
import { createDiffMapper, type DiffFlowEdge, type DiffFlowNode } from './diffMapping';
import { DiffNode } from './DiffNode';
import { DotGrid } from './DotGrid';
import { diffScene } from './diffScene';
import { FarLayer } from './FarLayer';
import { EMPTY_SCENE } from './farScene';
import { drawsFar, hiddenCopies } from './useFarCanvas';
import { useOpeningView } from './useOpeningView';
import { centreOnNode, FIT_VIEW_OPTIONS, MAX_ZOOM, MIN_ZOOM } from './view';
import { selectDetail } from './lod';

export interface DiffCanvasProps {
  diff: FlowDiff;
  base: FlowDefinition;
  changed: FlowDefinition;
  /** Show moved-only widgets as moved (grey outline); when false they look unchanged. */
  includeLayout: boolean;
  /** Union id (WidgetDiff.id) of the chosen widget, or null. */
  selectedId: string | null;
  /** Centre (and keep zoom reasonable on) this widget whenever `seq` changes. */
  focusRequest: { id: string; seq: number } | null;
  onSelect: (id: string | null) => void;
}

const nodeTypes = { diff: DiffNode } satisfies NodeTypes;
const edgeTypes = { diff: DiffEdge } satisfies EdgeTypes;

/** What React Flow is given for edges on the far canvas. */
const NO_EDGES: DiffFlowEdge[] = [];

/** Minimap colours: the change colours, unchanged cards light. */
const minimapColour = (data: DiffNodeData, selected: boolean): string =>
  selected ? SELECTED_COLOUR : data.kind === 'unchanged' ? UNCHANGED_BLOCK : DIFF_COLOURS[data.kind];

type LayoutState =
  | { status: 'ready'; positions: ReadonlyMap<string, Offset> | null }
  | { status: 'pending' }
  | { status: 'failed'; message: string };

/** Positions from an automatic layout of the union when it needs one (null: the widgets' own offsets). */
function useUnionPositions(diff: FlowDiff, base: FlowDefinition, changed: FlowDefinition): LayoutState {
  const layout = useMemo(() => unionLayout(diff, base, changed), [diff, base, changed]);
  const [result, setResult] = useState<{
    for: typeof layout;
    positions: ReadonlyMap<string, Offset> | null;
    error?: string;
  } | null>(null);

  useEffect(() => {
    if (!layout.needed) return;
    let cancelled = false;
    autoLayout(layout.definition, { nodeSize: layout.nodeSize }).then(
      (positions) => {
        if (!cancelled) setResult({ for: layout, positions });
      },
      (error: unknown) => {
        if (!cancelled) {
          setResult({
            for: layout,
            positions: null,
            error: error instanceof Error ? error.message : String(error),
          });
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [layout]);

  if (!layout.needed) return { status: 'ready', positions: null };
  if (result?.for !== layout) return { status: 'pending' };
  if (result.error !== undefined) return { status: 'failed', message: result.error };
  return { status: 'ready', positions: result.positions };
}

/** Centres the requested widget, each time the request's `seq` changes (once the canvas is ready). */
function useFocusRequest(request: DiffCanvasProps['focusRequest'], ready: boolean) {
  const { getInternalNode, getZoom, setCenter } = useReactFlow<DiffFlowNode, DiffFlowEdge>();
  const done = useRef<number | null>(null);
  useEffect(() => {
    if (!ready || !request || done.current === request.seq) return;
    if (centreOnNode({ getInternalNode, getZoom, setCenter }, request.id)) done.current = request.seq;
  }, [request, ready, getInternalNode, getZoom, setCenter]);
}

function DiffCanvasView({
  diff,
  base,
  changed,
  includeLayout,
  selectedId,
  focusRequest,
  onSelect,
}: DiffCanvasProps) {
  const layout = useUnionPositions(diff, base, changed);
  const ready = layout.status !== 'pending';
  const positions = layout.status === 'ready' ? layout.positions : null;
  const [mapper] = useState(createDiffMapper);
  const { nodes, edges } = useMemo(
    () => mapper({ diff, base, changed, includeLayout, selectedId, positions }),
    [mapper, diff, base, changed, includeLayout, selectedId, positions],
  );
  const detail = useStore(selectDetail);
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  const { screenToFlowPosition } = useReactFlow<DiffFlowNode, DiffFlowEdge>();

  // The view it opens with, before the first frame; a union too large for the smallest zoom opens on its Trigger.
  const initialViewport = useOpeningView({
    container,
    key: diff,
    waiting: !ready,
    minZoom: MIN_ZOOM,
    boxes: () => nodes.map(nodeBox),
    start: () => {
      const trigger = nodes.find((n) => n.data.trigger);
      return trigger && nodeBox(trigger);
    },
  });
  useFocusRequest(focusRequest, ready);

  // Zoomed out, a large union is drawn on the far canvas (FarLayer.tsx): React Flow mounts only the chosen card.
  const far = drawsFar(detail, nodes.length);
  const [hideNode] = useState(() => hiddenCopies<DiffFlowNode>());
  const shownNodes = useMemo(
    () => (far ? nodes.map((n) => (n.id === selectedId ? n : hideNode(n))) : nodes),
    [far, nodes, selectedId, hideNode],
  );
  // No edge for React Flow: the far canvas draws them (see useFarCanvas.ts on why not hidden ones).
  const shownEdges = far ? NO_EDGES : edges;
  const scene = useMemo(
    () => (far ? diffScene(nodes, edges, selectedId) : EMPTY_SCENE),
    [far, nodes, edges, selectedId],
  );

  // A press on a drawn card chooses it (the click that ends the press must not reach the pane, which clears it).
  const onPointerDownCapture = (event: PointerEvent<HTMLDivElement>) => {
    if (!far || event.button !== 0 || !(event.target as Element).classList.contains('react-flow__pane'))
      return;
    const point = screenToFlowPosition({ x: event.clientX, y: event.clientY }, { snapToGrid: false });
    const card = scene.cards[scene.index.at(point.x, point.y)];
    if (!card) return;
    takePress(event, event.currentTarget);
    onSelect(card.id);
  };

  const onNodeClick: NodeMouseHandler<DiffFlowNode> = useCallback(
    (_event, node) => onSelect(node.id),
    [onSelect],
  );
  const onPaneClick = useCallback(() => onSelect(null), [onSelect]);

  // Cards are focusable (React Flow's tabindex); Enter or Space chooses the focused one, Escape clears the choice.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target;
    if (!(target instanceof HTMLElement) || !target.classList.contains('react-flow__node')) return;
    if (event.key === 'Enter' || event.key === ' ') {
      const id = target.dataset.id;
      if (id === undefined) return;
      event.preventDefault();
      onSelect(id);
    } else if (event.key === 'Escape' && selectedId !== null) {
      event.preventDefault();
      onSelect(null);
    }
  };

  const onMoveStart = useCallback(() => container?.classList.add('is-moving'), [container]);
  const onMoveEnd = useCallback(() => container?.classList.remove('is-moving'), [container]);

  return (
    <div
      ref={setContainer}
      className="canvas-flow diff-canvas"
      onKeyDown={onKeyDown}
      onPointerDownCapture={onPointerDownCapture}
    >
      {layout.status === 'pending' && (
        <p className="diff-canvas-status" role="status">
          Laying out the flow…
        </p>
      )}
      {layout.status === 'failed' && (
        <p className="diff-canvas-status diff-canvas-status-error" role="status">
          Automatic layout failed: widgets are shown at their saved positions.
        </p>
      )}
      {ready && initialViewport && (
        <DetailContext value={detail}>
          <ReactFlow<DiffFlowNode, DiffFlowEdge>
            aria-label="Diff canvas"
            defaultViewport={initialViewport}
            nodes={shownNodes}
            edges={shownEdges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodeClick={onNodeClick}
            onPaneClick={onPaneClick}
            onMoveStart={onMoveStart}
            onMoveEnd={onMoveEnd}
            nodesDraggable={false}
            nodesConnectable={false}
            nodesFocusable
            edgesFocusable={false}
            edgesReconnectable={false}
            elementsSelectable={false}
            onlyRenderVisibleElements
            minZoom={MIN_ZOOM}
            maxZoom={MAX_ZOOM}
            deleteKeyCode={null}
            selectionKeyCode={null}
            multiSelectionKeyCode={null}
            zoomOnDoubleClick={false}
          >
            <DotGrid />
            <FarLayer scene={scene} active={far} />
            <Controls
              showInteractive={false}
              position="bottom-left"
              fitViewOptions={FIT_VIEW_OPTIONS}
              aria-label="Zoom"
            />
            <CanvasMinimap colour={minimapColour} />
          </ReactFlow>
        </DetailContext>
      )}
    </div>
  );
}

/**
 * The union of two versions of a flow, coloured by change (see the module comment). Needs a sized parent: it
 * fills it. Pair it with `<DiffLegend>`.
 */
export function DiffCanvas(props: DiffCanvasProps) {
  return (
    <ReactFlowProvider>
      <DiffCanvasView {...props} />
    </ReactFlowProvider>
  );
}
