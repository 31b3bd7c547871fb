/**
 * The canvas: the open flow as cards and edges, authored with the mouse and the keyboard.
 *
 * Data flow. The store's definition, problems and selection are mapped (mapping.ts, cached per widget) to nodes
 * and edges; the canvas keeps them as React Flow's controlled state, plus what only React Flow knows while it
 * happens (positions during a drag, edge selection). Every document change goes to the store as one intent-named
 * action, so each is one undo step: a drag calls `moveWidgets` once, when it ends.
 *
 * Performance at 2,000 widgets: stable node and edge objects (nothing rebuilds the graph after an edit); card
 * sizes and handle boxes known from mapping's geometry (React Flow can place, cull and connect cards it has not
 * measured, and its one measurement on mount agrees); only visible elements rendered; three levels of detail by
 * zoom (lod.ts) read from one subscription; no animation; a canvas minimap and a composited grid and viewport
 * while panning, so a pan repaints almost nothing.
 */
import {
  ConnectionLineType,
  Controls,
  ReactFlow,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  useStore,
  type Connection,
  type DefaultEdgeOptions,
  type EdgeChange,
  type EdgeTypes,
  type FinalConnectionState,
  type NodeChange,
  type NodeTypes,
} from '@xyflow/react';
import '@xyflow/react/dist/base.css';
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type DragEvent,
  type PointerEvent,
} from 'react';
import {
  commandLabel,
  getCommand,
  withKeys,
  type CanvasHooks,
  type CommandId,
  type CommandInput,
  type Platform,
} from '../commands';
import { MAX_OFFSET } from '../layout';
import { draggedOffsets, dropPosition, NEW_CARD_SIZE, placeInView, snapToGrid } from '../layout/placement';
import { nodeBox } from '../model/geometry';
import { summarizeProblems } from '../store/problemSummary';
import { awaitingOpenLayout, canvasDefinition } from '../store/editing';
import '../styles/canvas.css';
import { useEditor, useEditorApi } from '../store/react';
import { DetailContext, useCanvasUi, useCanvasUiApi } from './context';
import { CanvasMinimap } from './CanvasMinimap';
import { EDGE_COLOUR } from './colours';
import { focusNodeSoon, motionDuration, nodeElement } from './dom';
import { DotGrid } from './DotGrid';
import { ExecutionOverlay } from './ExecutionOverlay';
import { FarLayer } from './FarLayer';
import { useOpeningView } from './useOpeningView';
import { drawsFar, useFarCanvas } from './useFarCanvas';
import { selectDetail, type Detail } from './lod';
import { createCanvasMapper, type CanvasModel, type PortFlowEdge, type WidgetFlowNode } from './mapping';
import type { CanvasOverlay } from './overlay';
import { PortEdge } from './PortEdge';
import { centreOnNode, FIT_VIEW_OPTIONS, MAX_ZOOM, MIN_ZOOM } from './view';
import { reconcileEdges, reconcileNodes } from './reconcile';
import { WidgetNode } from './WidgetNode';

/** The MIME type a palette item is dragged with: its value is the widget type. */
export const WIDGET_DRAG_MIME = 'application/x-studio-widget-type';

/**
 * How the canvas takes part in the app's commands (src/commands): it lends them what only it can do (its hooks,
 * while mounted) and runs them for its toolbar and for clipboard events. Its keys are not its own: the app's one
 * key handler finds them in the registry and runs them while the canvas has focus.
 */
export interface CanvasCommands {
  platform: Platform;
  /** Lends the canvas's hooks to the commands; returns how to take them back. */
  attach: (canvas: CanvasHooks) => () => void;
  run: (id: CommandId, input?: CommandInput) => Promise<boolean>;
  /** Whether the target is a text field, where clipboard events keep their native meaning. */
  isEditable: (target: EventTarget | null) => boolean;
}

const nodeTypes = { widget: WidgetNode } satisfies NodeTypes;
const edgeTypes = { port: PortEdge } satisfies EdgeTypes;

const MARKER = { type: 'arrowclosed', width: 14, height: 14, color: EDGE_COLOUR } as const;
/** Edge options by level of detail: zoomed out, no reconnect anchors (one element less per edge), then no arrows. */
const EDGE_OPTIONS: Record<Detail, DefaultEdgeOptions> = {
  near: { markerEnd: MARKER, reconnectable: 'target', interactionWidth: 16 },
  far: { markerEnd: MARKER, reconnectable: false },
  tiny: { reconnectable: false },
};

const SNAP_GRID: [number, number] = [10, 10];
/** Cards cannot be dragged where no position is usable (see MAX_OFFSET in src/layout/offsets.ts). */
const NODE_EXTENT: [[number, number], [number, number]] = [
  [-MAX_OFFSET, -MAX_OFFSET],
  [MAX_OFFSET, MAX_OFFSET],
];

const EMPTY_MODEL: CanvasModel = { nodes: [], edges: [] };

function useCanvasModel(): CanvasModel {
  // A flow opened without usable positions is drawn with its computed layout (not written until an edit).
  const definition = useEditor(canvasDefinition);
  const problems = useEditor((s) => s.problems);
  const selection = useEditor((s) => s.selection);
  const [mapper] = useState(createCanvasMapper);
  return useMemo(
    () =>
      definition
        ? mapper({ definition, problemsByWidget: summarizeProblems(problems).byWidget, selection })
        : EMPTY_MODEL,
    [mapper, definition, problems, selection],
  );
}

/** Nodes and edges as React Flow's controlled state, brought up to date with each new model. */
function useLocalGraph(model: CanvasModel) {
  const [local, setLocal] = useState({ model, nodes: model.nodes, edges: model.edges });
  let current = local;
  if (local.model !== model) {
    // Adjusting state while rendering (React's documented pattern for deriving from changed props).
    current = {
      model,
      nodes: reconcileNodes(model.nodes, local.model.nodes, local.nodes),
      edges: reconcileEdges(model.edges, local.model.edges, local.edges),
    };
    setLocal(current);
  }
  return [current, setLocal] as const;
}

/** The selection after React Flow's select changes, in selection order (the last one is the primary). */
function nextSelection(current: readonly string[], changes: readonly NodeChange<WidgetFlowNode>[]): string[] {
  const deselected = new Set<string>();
  const added: string[] = [];
  for (const change of changes) {
    if (change.type !== 'select') continue;
    if (change.selected) added.push(change.id);
    else deselected.add(change.id);
  }
  const next = current.filter((name) => !deselected.has(name));
  const present = new Set(next);
  for (const name of added) if (!present.has(name)) next.push(name);
  return next;
}

/** While a connection is being dragged, every card's input covers the card, so a drop anywhere on it connects. */
function ConnectingClass({ element }: { element: HTMLElement | null }) {
  const inProgress = useStore((s) => s.connection.inProgress);
  useEffect(() => {
    element?.classList.toggle('is-connecting', inProgress);
  }, [element, inProgress]);
  return null;
}

/** Nodes by id, once per nodes array (arrow keys look up every selected widget's position). */
const NODES_BY_ID = new WeakMap<readonly WidgetFlowNode[], ReadonlyMap<string, WidgetFlowNode>>();
function nodesById(nodes: readonly WidgetFlowNode[]): ReadonlyMap<string, WidgetFlowNode> {
  let byId = NODES_BY_ID.get(nodes);
  if (!byId) NODES_BY_ID.set(nodes, (byId = new Map(nodes.map((n) => [n.id, n]))));
  return byId;
}

/** Centres and selects the widget someone asked for (problems panel, widgets list, search). */
function useFocusRequests(container: HTMLElement | null) {
  const request = useEditor((s) => s.focusRequest);
  const editor = useEditorApi();
  const { getInternalNode, getZoom, setCenter } = useReactFlow();
  useEffect(() => {
    if (!request) return;
    const centre = () => centreOnNode({ getInternalNode, getZoom, setCenter }, request.widget);
    if (!centre()) return;
    const state = editor.getState();
    if (state.selection.length !== 1 || state.selection[0] !== request.widget) {
      state.setSelection([request.widget]);
    }
    // A frame later, once a closing dialog has handed focus back to where it was: if that is a card of the canvas,
    // React Flow has scrolled that card back into view. Centre again, and focus goes to the chosen card instead.
    if (request.moveFocus === true && container) {
      requestAnimationFrame(() => {
        if (!container.contains(document.activeElement)) return;
        centre();
        focusNodeSoon(container, request.widget);
      });
    }
    // The request's seq is what changes: a second request for the same widget centres it again.
  }, [request, editor, getInternalNode, getZoom, setCenter, container]);
}

/**
 * The app's status line: what the last action had to say ("Copied 2 widgets.", "The Trigger cannot be deleted."),
 * from the store's `announce`, the one way commands, store actions and views give feedback. A polite live region,
 * always there so that a message appearing in it is read out.
 */
function CanvasMessage() {
  const message = useEditor((s) => s.status);
  // Cleared a while after it was said, so an old message does not linger on screen.
  const [expired, setExpired] = useState<number | null>(null);
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setExpired(message.seq), 6000);
    return () => clearTimeout(timer);
  }, [message]);
  const shown = message && message.seq !== expired ? message : null;
  return (
    <p className="canvas-message" role="status" aria-label="Canvas messages">
      {shown?.text}
    </p>
  );
}

function ZoomLevel() {
  const zoom = useStore((s) => Math.round(s.transform[2] * 100));
  return (
    <span className="canvas-zoom" title="Zoom level">
      {zoom}%
    </span>
  );
}

/**
 * Adds a widget in the middle of the visible canvas (palette click or Enter): on the first free spot around the
 * centre that is in view, so it never lands on another card; the view pans to it only when no spot in view is free
 * (`placeInView`, src/layout/placement.ts).
 */
export function useAddWidgetAtCentre(): (type: string) => void {
  const editor = useEditorApi();
  const { screenToFlowPosition, getViewport, setCenter } = useReactFlow();
  return useCallback(
    (type: string) => {
      const pane = document.querySelector('.canvas-flow');
      const state = editor.getState();
      const def = canvasDefinition(state);
      if (!pane || !def) return;
      const rect = pane.getBoundingClientRect();
      const topLeft = screenToFlowPosition({ x: rect.left, y: rect.top });
      const bottomRight = screenToFlowPosition({ x: rect.right, y: rect.bottom });
      const view = {
        x: topLeft.x,
        y: topLeft.y,
        width: bottomRight.x - topLeft.x,
        height: bottomRight.y - topLeft.y,
      };
      const { at, inView } = placeInView(def.states, view);
      const name = state.addWidget(type, at);
      if (name && !inView) {
        void setCenter(at.x + NEW_CARD_SIZE.width / 2, at.y + NEW_CARD_SIZE.height / 2, {
          zoom: getViewport().zoom,
          duration: motionDuration(200),
        });
      }
    },
    [editor, screenToFlowPosition, getViewport, setCenter],
  );
}

const LAYOUT = getCommand('layout');
const KEEP_LAYOUT = getCommand('keep-layout');

/** The bar above the canvas: auto-layout, the canvas's messages, the zoom level. (Undo and Redo are the header's.) */
function CanvasToolbar({ commands }: { commands: CanvasCommands }) {
  const layoutSelection = useEditor((s) => s.selection.length > 1);
  // The label as the registry makes it for this selection ("Auto-layout selection").
  const label = useEditor((s) => commandLabel(LAYOUT, { editor: s, compare: null, canvas: null }));
  const [layingOut, setLayingOut] = useState(false);

  const runLayout = () => {
    setLayingOut(true);
    void commands.run('layout').finally(() => setLayingOut(false));
  };

  return (
    <div className="canvas-toolbar" role="toolbar" aria-label="Canvas">
      <button
        type="button"
        className="button button-small"
        disabled={layingOut}
        aria-busy={layingOut}
        onClick={runLayout}
        title={withKeys(
          layoutSelection ? 'Lay out the selected widgets' : 'Lay out the whole flow',
          LAYOUT.keys,
          commands.platform,
        )}
      >
        {label}
      </button>
      <OpenLayoutNotice commands={commands} />
      <CanvasMessage />
      <ZoomLevel />
    </div>
  );
}

/**
 * Said while a flow without usable positions is drawn with its computed layout: the layout is not in the flow (its
 * export is exactly what was opened) until the user keeps it or changes anything.
 */
function OpenLayoutNotice({ commands }: { commands: CanvasCommands }) {
  const shown = useEditor((s) => s.openLayout !== null && s.openLayout.for === s.definition);
  if (!shown) return null;
  return (
    <p className="canvas-open-layout" role="note" aria-label="Automatic layout">
      <span>
        Laid out automatically: this flow has no usable positions. The layout is written into the flow with
        your first change.
      </span>{' '}
      <button type="button" className="button button-small" onClick={() => void commands.run('keep-layout')}>
        {KEEP_LAYOUT.label}
      </button>
    </p>
  );
}

/** What the app gives the canvas: its commands, and an execution overlay while one is looked at. */
export interface FlowCanvasProps {
  commands: CanvasCommands;
  /**
   * Drawn over the flow (ExecutionOverlay.tsx), everything else dimmed, while given; null or absent: nothing. Give
   * the same object while it does not change: the drawing is computed once per overlay object and flow.
   */
  overlay?: CanvasOverlay | null;
  /** Describes the overlay to assistive technology (the canvas's `aria-describedby`): "Showing execution FN…: 7 steps". */
  overlayDescription?: string;
}

function CanvasView({ commands, overlay, overlayDescription }: FlowCanvasProps) {
  const editor = useEditorApi();
  const ui = useCanvasUiApi();
  const { screenToFlowPosition, fitView, zoomIn, zoomOut } = useReactFlow();
  const model = useCanvasModel();
  const [{ nodes, edges }, setLocal] = useLocalGraph(model);
  const detail = useStore(selectDetail);
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  const pointer = useRef<{ x: number; y: number } | null>(null);
  const reconnected = useRef(false);
  const renaming = useCanvasUi((s) => s.renaming);
  const selection = useEditor((s) => s.selection);
  const overlayDescriptionId = useId();
  const described = overlay != null && overlayDescription !== undefined && overlayDescription !== '';

  const documentId = useEditor((s) => s.documentId);
  const initialState = useEditor((s) => s.definition?.initial_state);
  const waiting = useEditor(awaitingOpenLayout);
  const initialViewport = useOpeningView({
    container,
    key: documentId,
    waiting,
    minZoom: MIN_ZOOM,
    boxes: () => nodes.map(nodeBox),
    start: () => {
      const start = nodes.find((n) => n.id === initialState);
      return start && nodeBox(start);
    },
  });
  useFocusRequests(container);

  // ----- changes from React Flow -----

  const onNodesChange = useCallback(
    (changes: NodeChange<WidgetFlowNode>[]) => {
      // Positions (mid-drag) and sizes are React Flow's own; selection goes to the store, which sends it back
      // through mapping; removals never happen here (the canvas deletes through the store).
      const local = changes.filter((c) => c.type === 'position' || c.type === 'dimensions');
      if (local.length > 0) setLocal((s) => ({ ...s, nodes: applyNodeChanges(local, s.nodes) }));
      if (changes.some((c) => c.type === 'select')) {
        const state = editor.getState();
        state.setSelection(nextSelection(state.selection, changes));
      }
    },
    [editor, setLocal],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<PortFlowEdge>[]) => {
      const local = changes.filter((c) => c.type === 'select');
      if (local.length > 0) setLocal((s) => ({ ...s, edges: applyEdgeChanges(local, s.edges) }));
    },
    [setLocal],
  );

  const commitMoves = useCallback(
    (moved: readonly WidgetFlowNode[]) => {
      const state = editor.getState();
      // Compared with where the cards were drawn (the opening layout, when one is shown).
      const def = canvasDefinition(state);
      if (!def) return;
      // One call for the whole drag, however many widgets moved: one undo step.
      state.moveWidgets(draggedOffsets(def, moved));
    },
    [editor],
  );

  // The far canvas's drag, released: the new positions until the store's `moveWidgets` comes back as nodes.
  const moveLocally = useCallback(
    (positions: ReadonlyMap<string, { x: number; y: number }>) =>
      setLocal((s) => ({
        ...s,
        nodes: s.nodes.map((n) => {
          const p = positions.get(n.id);
          return p ? { ...n, position: p } : n;
        }),
      })),
    [setLocal],
  );
  const far = drawsFar(detail, nodes.length);
  const farCanvas = useFarCanvas({
    far,
    nodes,
    edges,
    renaming,
    selection,
    setSelection: (names) => editor.getState().setSelection(names),
    moveLocally,
    commitMoves,
    connect: (source, port, target) => editor.getState().connectPort(source, port, target),
    focus: (name) => editor.getState().focusWidget(name),
  });

  const onNodeDragStop = useCallback(
    (_event: unknown, _node: WidgetFlowNode, dragged: WidgetFlowNode[]) => commitMoves(dragged),
    [commitMoves],
  );
  const onSelectionDragStop = useCallback(
    (_event: unknown, dragged: WidgetFlowNode[]) => commitMoves(dragged),
    [commitMoves],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      if (connection.sourceHandle) {
        editor.getState().connectPort(connection.source, connection.sourceHandle, connection.target);
      }
    },
    [editor],
  );

  const isValidConnection = useCallback(
    (connection: Connection | PortFlowEdge) => connection.source !== connection.target,
    [],
  );

  const onReconnectStart = useCallback(() => {
    reconnected.current = false;
  }, []);

  const onReconnect = useCallback(
    (edge: PortFlowEdge, connection: Connection) => {
      reconnected.current = true;
      const port = edge.sourceHandle;
      if (port && connection.target !== edge.target) {
        editor.getState().connectPort(edge.source, port, connection.target);
      }
    },
    [editor],
  );

  const onReconnectEnd = useCallback(
    (_event: unknown, edge: PortFlowEdge, _handleType: unknown, state: FinalConnectionState) => {
      // Dropped on empty canvas: the user pulled the connection off.
      if (!reconnected.current && state.toNode === null && edge.sourceHandle) {
        editor.getState().disconnectPort(edge.source, edge.sourceHandle);
      }
    },
    [editor],
  );

  // ----- commands: what the app's commands (src/commands) need of the canvas, lent while it is mounted -----

  // Read when a command runs: brought up to date after each commit.
  const latest = useRef({ nodes, edges, far, container });
  useLayoutEffect(() => {
    latest.current = { nodes, edges, far, container };
  });

  // Zoomed out, a double press brings a card into readable view. The far layer sees the first press of a drawn
  // card, which selects it and so mounts it as a DOM card on top of the drawing: the second press lands on that
  // card, so the rule is kept here too, for any card the far view shows.
  const onNodeDoubleClick = useCallback(
    (_event: unknown, node: WidgetFlowNode) => {
      if (latest.current.far) editor.getState().focusWidget(node.id);
    },
    [editor],
  );
  useEffect(
    () =>
      commands.attach({
        contains: (target) => target instanceof Node && latest.current.container?.contains(target) === true,
        fitView: () => fitView({ ...FIT_VIEW_OPTIONS, duration: motionDuration(200) }),
        zoomIn: () => void zoomIn({ duration: motionDuration(120) }),
        zoomOut: () => void zoomOut({ duration: motionDuration(120) }),
        rename: (name) => {
          const { far: isFar, container: element } = latest.current;
          // The name field is on the card: bring the card into view, readable, first.
          if (isFar || !element || !nodeElement(element, name)) editor.getState().focusWidget(name);
          ui.getState().startRename(name);
        },
        selectedConnections: () =>
          latest.current.edges.flatMap((e) =>
            e.selected && e.sourceHandle ? [{ from: e.source, port: e.sourceHandle, to: e.target }] : [],
          ),
        position: (name) => nodesById(latest.current.nodes).get(name)?.position,
        pasteAt: () => {
          const flowAt = pointer.current ? screenToFlowPosition(pointer.current) : undefined;
          return flowAt && snapToGrid(flowAt);
        },
      }),
    [commands, editor, ui, fitView, zoomIn, zoomOut, screenToFlowPosition],
  );

  // ----- clipboard: real clipboard events, so copy and paste work between tabs and with other apps -----

  const onCopyOrCut = (event: ClipboardEvent<HTMLDivElement>, cut: boolean) => {
    if (commands.isEditable(event.target)) return;
    const data = event.clipboardData;
    // The command starts at once, so it writes into the event while the event lasts. Nothing written (nothing
    // selected, or only the Trigger): the browser copies as it would.
    void commands.run(cut ? 'cut' : 'copy', {
      clipboard: {
        readText: () => data.getData('text/plain'),
        writeText: (text) => {
          event.preventDefault();
          data.setData('text/plain', text);
        },
      },
    });
  };

  const onPaste = (event: ClipboardEvent<HTMLDivElement>) => {
    if (commands.isEditable(event.target)) return;
    const data = event.clipboardData;
    const text = data.getData('text/plain');
    if (text === '') return;
    event.preventDefault();
    void commands.run('paste', {
      clipboard: { readText: () => text, writeText: (next) => data.setData('text/plain', next) },
    });
  };

  // ----- palette drops -----

  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (!event.dataTransfer.types.includes(WIDGET_DRAG_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    const type = event.dataTransfer.getData(WIDGET_DRAG_MIME);
    if (!type) return;
    event.preventDefault();
    const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    const name = editor.getState().addWidget(type, dropPosition(point));
    if (name && container) focusNodeSoon(container, name);
  };

  // While the view moves, the viewport is its own compositor layer: a pan then moves pixels already drawn instead
  // of repainting every card and edge each frame (at 2,000 widgets, long edges made that the cost of a pan). It is
  // only while moving: a layer kept promoted would stay rasterised at the zoom it was promoted at, and blur.
  const onMoveStart = useCallback(() => container?.classList.add('is-moving'), [container]);
  const onMoveEnd = useCallback(() => container?.classList.remove('is-moving'), [container]);

  // Clicking the empty canvas gives it keyboard focus (React Flow's pane prevents the browser from doing so), so
  // Delete, Ctrl+V and the other canvas keys work after a click anywhere on it.
  const onPointerDownCapture = (event: PointerEvent<HTMLDivElement>) => {
    if (!container || commands.isEditable(event.target)) return;
    if (!container.contains(document.activeElement)) container.focus({ preventScroll: true });
    // Zoomed out: a press on a drawn card selects or drags it (useFarCanvas.ts).
    farCanvas.onPointerDownCapture(event);
  };

  return (
    <div
      ref={setContainer}
      className="canvas-flow"
      tabIndex={-1}
      onCopy={(event) => onCopyOrCut(event, false)}
      onCut={(event) => onCopyOrCut(event, true)}
      onPaste={onPaste}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onPointerDownCapture={onPointerDownCapture}
      onPointerMove={(event) => {
        pointer.current = { x: event.clientX, y: event.clientY };
      }}
      onPointerLeave={() => {
        pointer.current = null;
      }}
    >
      <ConnectingClass element={container} />
      {waiting && (
        <p className="canvas-waiting" role="status">
          Laying out the flow…
        </p>
      )}
      {/* Mounted once the view it opens with is known, so that its first frame is that view. */}
      {initialViewport && (
        <DetailContext value={detail}>
          <ReactFlow<WidgetFlowNode, PortFlowEdge>
            defaultViewport={initialViewport}
            aria-label="Flow canvas"
            aria-describedby={described ? overlayDescriptionId : undefined}
            nodes={farCanvas.shownNodes}
            edges={farCanvas.shownEdges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            defaultEdgeOptions={EDGE_OPTIONS[detail]}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onNodeDragStop={onNodeDragStop}
            onNodeDoubleClick={onNodeDoubleClick}
            onSelectionDragStop={onSelectionDragStop}
            onMoveStart={onMoveStart}
            onMoveEnd={onMoveEnd}
            onConnect={onConnect}
            onConnectEnd={farCanvas.onConnectEnd}
            isValidConnection={isValidConnection}
            onReconnectStart={onReconnectStart}
            onReconnect={onReconnect}
            onReconnectEnd={onReconnectEnd}
            connectionLineType={ConnectionLineType.Bezier}
            onlyRenderVisibleElements
            minZoom={MIN_ZOOM}
            maxZoom={MAX_ZOOM}
            snapToGrid
            snapGrid={SNAP_GRID}
            nodeExtent={NODE_EXTENT}
            deleteKeyCode={null}
            selectionKeyCode="Shift"
            multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
            zoomOnDoubleClick={false}
          >
            <DotGrid />
            <FarLayer scene={farCanvas.scene} active={far} />
            <ExecutionOverlay
              overlay={overlay}
              description={overlayDescription}
              descriptionId={overlayDescriptionId}
              container={container}
            />
            <Controls showInteractive={false} position="bottom-left" fitViewOptions={FIT_VIEW_OPTIONS} />
            <CanvasMinimap />
          </ReactFlow>
        </DetailContext>
      )}
    </div>
  );
}

/**
 * The canvas region: toolbar and the flow, with an execution overlay while `overlay` is given. Must be inside
 * `<CanvasProvider>`.
 */
export function FlowCanvas({ commands, overlay, overlayDescription }: FlowCanvasProps) {
  return (
    <section className="canvas" aria-label="Canvas">
      <CanvasToolbar commands={commands} />
      <CanvasView commands={commands} overlay={overlay} overlayDescription={overlayDescription} />
    </section>
  );
}
