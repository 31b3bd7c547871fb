/**
 * The diff canvas: both versions of a flow drawn as one, read-only. One card per widget of the union (a removed
 * widget where it was, ghosted), one edge per connection of either version, each coloured by how it changed
 * (diffMapping.ts; colours in diff.css and the legend).
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
  useStoreApi,
  type EdgeTypes,
  type FitViewOptions,
  type NodeMouseHandler,
  type NodeTypes,
} from '@xyflow/react';
import '@xyflow/react/dist/base.css';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { FlowDiff } from '../diff/types';
import { autoLayout } from '../layout';
import type { FlowDefinition, Offset } from '../model/types';
import '../styles/canvas.css';
import '../styles/diff.css';
import { CanvasMinimap } from './CanvasMinimap';
import { SELECTED_COLOUR } from './colours';
import { DetailContext } from './context';
import { DiffEdge } from './DiffEdge';
import { motionDuration } from './dom';
import {
  createDiffMapper,
  DIFF_COLOURS,
  unionLayout,
  type DiffFlowEdge,
  type DiffFlowNode,
  type DiffNodeData,
} from './diffMapping';
import { DiffNode } from './DiffNode';
import { DotGrid } from './DotGrid';
import { selectDetail } from './lod';
import { cardSize } from './mapping';

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

/** As the editor's: clear of the zoom controls (bottom left) and the minimap (bottom right). */
const FIT_VIEW_OPTIONS: FitViewOptions<DiffFlowNode> = {
  padding: { top: '28px', bottom: '28px', left: '64px', right: '176px' },
  maxZoom: 1,
  duration: 0,
};
const MIN_ZOOM = 0.05;
const MAX_ZOOM = 2;
/** Zoom a widget is brought into view at when the current zoom is too small to read it. */
const FOCUS_ZOOM = 1;
const READABLE_ZOOM = 0.6;

/** Minimap colours: the change colours, unchanged cards light. */
const minimapColour = (data: DiffNodeData, selected: boolean): string =>
  selected ? SELECTED_COLOUR : data.kind === 'unchanged' ? '#d3d8df' : DIFF_COLOURS[data.kind];

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

/** Fits the flow in view when a diff is shown; a flow too large for the smallest zoom opens on its Trigger. */
function useFitOnOpen(diff: FlowDiff, ready: boolean) {
  const flowStore = useStoreApi<DiffFlowNode, DiffFlowEdge>();
  const { fitView, getZoom, setViewport } = useReactFlow<DiffFlowNode, DiffFlowEdge>();
  const fitted = useRef<FlowDiff | null>(null);
  useEffect(() => {
    if (!ready || fitted.current === diff) return;
    fitted.current = diff;
    void (async () => {
      await fitView(FIT_VIEW_OPTIONS);
      if (getZoom() > MIN_ZOOM * 1.01) return;
      const { nodeLookup, width } = flowStore.getState();
      let start = null;
      for (const node of nodeLookup.values()) {
        if (node.internals.userNode.data.trigger) {
          start = node;
          break;
        }
      }
      if (!start) return;
      const { x, y } = start.internals.positionAbsolute;
      const w = start.measured.width ?? cardSize(0).width;
      await setViewport({ x: width / 2 - (x + w / 2) * MIN_ZOOM, y: 40 - y * MIN_ZOOM, zoom: MIN_ZOOM });
    })();
  }, [diff, ready, fitView, getZoom, setViewport, flowStore]);
}

/** Centres the requested widget, each time the request's `seq` changes (once the canvas is ready). */
function useFocusRequest(request: DiffCanvasProps['focusRequest'], ready: boolean) {
  const { getInternalNode, getZoom, setCenter } = useReactFlow<DiffFlowNode, DiffFlowEdge>();
  const done = useRef<number | null>(null);
  useEffect(() => {
    if (!ready || !request || done.current === request.seq) return;
    const node = getInternalNode(request.id);
    if (!node) return;
    done.current = request.seq;
    const { width, height } = cardSize(0);
    const w = node.measured.width ?? width;
    const h = node.measured.height ?? height;
    const zoom = getZoom();
    void setCenter(node.internals.positionAbsolute.x + w / 2, node.internals.positionAbsolute.y + h / 2, {
      zoom: zoom < READABLE_ZOOM ? FOCUS_ZOOM : zoom,
      duration: motionDuration(250),
    });
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

  useFitOnOpen(diff, ready);
  useFocusRequest(focusRequest, ready);

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
    <div ref={setContainer} className="canvas-flow diff-canvas" onKeyDown={onKeyDown}>
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
      {ready && (
        <DetailContext value={detail}>
          <ReactFlow<DiffFlowNode, DiffFlowEdge>
            aria-label="Diff canvas"
            nodes={nodes}
            edges={edges}
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
