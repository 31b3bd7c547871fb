/**
 * Bare React Flow 12: the canvas benchmark's point of comparison (e2e/perf/canvas.bench.ts). What a team gets by
 * dropping a Studio flow into React Flow as its documentation shows, and nothing more: default nodes labelled with
 * the widget's name at the widget's `properties.offset`, one default edge per transition to a widget that exists,
 * controlled state as in the docs' first example (useNodesState / useEdgesState, so cards can be dragged), the
 * library's default stylesheet, `fitView`.
 *
 * Two settings beyond that, both so the two pages show the same scene:
 * - `minZoom` is the editor's minimum, 5 % (React Flow's default, 50 %, cannot fit a flow wider than twice the
 *   screen: at 500 widgets and more the opening view would be a fragment of the flow, not the whole of it);
 * - `?w=&h=` (px) size the canvas like the editor's canvas (the benchmark passes the size it measured there), so
 *   the same zoom shows the same part of a flow on both pages. Without them the canvas fills the window.
 *
 * A flow is loaded as the user opens one in the editor: a file chosen in a file input (the benchmark sets the file
 * on it; the clock starts at its `change` event on both pages). The page then reads the text, parses it and renders
 * it; the editor also detects the input's kind, validates and maps. Only a bare definition is understood
 * (`{ states: [...] }`), which is what the benchmark gives both pages.
 */
import { ReactFlow, useEdgesState, useNodesState, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

/** The editor's minimum zoom (src/canvas/FlowCanvas.tsx, MIN_ZOOM). */
const MIN_ZOOM = 0.05;

interface Definition {
  states: {
    name: string;
    transitions?: { next?: string }[];
    properties?: { offset?: { x?: unknown; y?: unknown } };
  }[];
}

interface Graph {
  nodes: Node[];
  edges: Edge[];
}

function coordinate(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function toGraph(text: string): Graph {
  const def = JSON.parse(text) as Definition;
  const names = new Set(def.states.map((w) => w.name));
  const nodes: Node[] = def.states.map((w) => ({
    id: w.name,
    position: { x: coordinate(w.properties?.offset?.x), y: coordinate(w.properties?.offset?.y) },
    data: { label: w.name },
  }));
  const edges: Edge[] = def.states.flatMap((w) =>
    (w.transitions ?? []).flatMap((t, i) =>
      t.next !== undefined && names.has(t.next)
        ? [{ id: `${w.name}:${i}`, source: w.name, target: t.next }]
        : [],
    ),
  );
  return { nodes, edges };
}

const params = new URLSearchParams(location.search);
const size = {
  width: params.has('w') ? `${Number(params.get('w'))}px` : '100vw',
  height: params.has('h') ? `${Number(params.get('h'))}px` : '100vh',
};

function Canvas({ graph }: { graph: Graph }) {
  const [nodes, , onNodesChange] = useNodesState(graph.nodes);
  const [edges, , onEdgesChange] = useEdgesState(graph.edges);
  return (
    <div style={size}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        fitView
        minZoom={MIN_ZOOM}
      />
    </div>
  );
}

function App() {
  const [graph, setGraph] = useState<Graph | null>(null);
  if (graph) return <Canvas graph={graph} />;
  return (
    <label>
      Open a flow definition{' '}
      <input
        type="file"
        accept=".json,application/json"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          if (file) void file.text().then((text) => setGraph(toGraph(text)));
        }}
      />
    </label>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
document.body.style.margin = '0';
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
