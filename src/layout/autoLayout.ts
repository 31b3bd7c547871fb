/**
 * Automatic layout of a flow with ELK's `layered` algorithm (elkjs), the way Studio's canvas reads: the Trigger on
 * top, transitions flowing down from the ports along the bottom of each card.
 *
 * Pure and async: Flow (+ card sizes) -> positions. ELK (`elkjs/lib/elk.bundled.js`, pure JS) is loaded with a
 * dynamic import on the first layout and one instance is kept, so the bundler puts it (1.5 MB, 450 KB gzipped) in a
 * chunk of its own that only loads when a flow is laid out. It runs in Node and in the browser's main thread.
 *
 * How the graph is given to ELK (README.md in this folder has the measurements behind each choice):
 * - one node per widget, sized by `nodeSize` (default {@link defaultNodeSize});
 * - one output port per canvas port (`widgetPorts`, registry order; a split's conditions each get one) on the
 *   bottom side, at the very place the canvas draws its handle (spread evenly: (p + 0.5) / k of the card's width),
 *   with `portConstraints: FIXED_POS`: ELK keeps Studio's port order when it minimises crossings and lines each
 *   target up under its port, so many edges come out straight; one input port in the middle of the top side;
 * - one edge per connected transition whose target is laid out too (self-loops are left out: they do not change
 *   where anything goes);
 * - nodes in reverse DFS post-order from the Trigger (the first port's branch first) and cycle breaking by that
 *   model order: an edge is reversed exactly when it leads back to an ancestor on a path from the Trigger, i.e.
 *   the "back to the menu" loops, never a forward edge that happens to close a cycle elsewhere;
 * - the Trigger is pinned to the first layer.
 */
import type { ELK, ElkExtendedEdge, ElkNode, ElkPort, LayoutOptions } from 'elkjs/lib/elk-api';
import { TRIGGER_TYPE } from '../model/commands';
import { widgetPorts, type Port } from '../model/ports';
import type { FlowDefinition, Offset, Widget } from '../model/types';
import { getWidgetType } from '../schema/registry';
import { cardSize, type NodeSize } from './cardGeometry';
import { readOffset, snap } from './offsets';

export type { NodeSize };
export type LayoutDirection = 'DOWN' | 'RIGHT';

export interface AutoLayoutOptions {
  /**
   * Lay out only these widgets (by name), as a graph of the transitions among them; the result holds only them and
   * is placed where they were (see {@link autoLayout}). Names no widget has are ignored.
   */
  only?: ReadonlySet<string>;
  /** Size of a widget's card on the canvas, in px; default {@link defaultNodeSize}. */
  nodeSize?: (widget: Widget) => NodeSize;
  /** `DOWN` (default, as Studio's canvas: ports along the bottom) or `RIGHT` (ports along the right side). */
  direction?: LayoutDirection;
}

/** The widget's output ports in canvas order (registry events; one per split condition). */
export function outputPorts(widget: Widget): Port[] {
  const info = getWidgetType(widget.type);
  return widgetPorts(widget, info ? info.events.map((e) => e.event) : [], info?.repeatingEvent);
}

/** Card size used when the caller gives none: the canvas's card for the widget's ports (cardGeometry.ts). */
export function defaultNodeSize(widget: Widget): NodeSize {
  return cardSize(outputPorts(widget).length);
}

/** Free space kept between cards and around edges, px. Generous: Studio cards carry port labels and edges. */
export const SPACING = {
  /** Between cards of one layer (side by side). */
  nodeNode: 80,
  /** Between layers (the vertical gap between a card and the cards it leads to). */
  betweenLayers: 120,
  edgeNode: 30,
  edgeEdge: 20,
  /** Between the bounding boxes of disconnected parts (unreachable widgets). */
  components: 120,
} as const;

/**
 * Above this many widgets, ELK is told to try less hard (README.md in this folder has the timings): one
 * crossing-minimisation pass instead of seven (`thoroughness` 1) and no model-order tie-breaking
 * (`considerModelOrder` NONE), whose cost grows faster than the flow: on a 1,000-widget flow with loops it took 80%
 * of the time.
 */
export const LARGE_FLOW = 400;

/** ELK options of the root graph. */
export function elkLayoutOptions(direction: LayoutDirection, nodeCount: number): LayoutOptions {
  const large = nodeCount > LARGE_FLOW;
  return {
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    'elk.randomSeed': '1',
    'elk.padding': '[top=0,left=0,bottom=0,right=0]',
    'elk.spacing.nodeNode': String(SPACING.nodeNode),
    'elk.layered.spacing.nodeNodeBetweenLayers': String(SPACING.betweenLayers),
    'elk.spacing.edgeNode': String(SPACING.edgeNode),
    'elk.spacing.edgeEdge': String(SPACING.edgeEdge),
    'elk.layered.spacing.edgeNodeBetweenLayers': String(SPACING.edgeNode),
    'elk.layered.spacing.edgeEdgeBetweenLayers': String(SPACING.edgeEdge / 2),
    'elk.spacing.componentComponent': String(SPACING.components),
    'elk.separateConnectedComponents': 'true',
    'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
    'elk.layered.layering.strategy': 'NETWORK_SIMPLEX',
    'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
    'elk.layered.considerModelOrder.strategy': large ? 'NONE' : 'PREFER_EDGES',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
    'elk.layered.thoroughness': large ? '1' : '7',
    'elk.edgeRouting': 'ORTHOGONAL',
  };
}

/** @internal Knobs for measuring alternatives (scripts and tests); not part of the API. */
export interface LayoutTuning {
  elk?: LayoutOptions;
  /** `fixed-pos` (default): ports where the canvas draws them; `fixed-order`: ELK spaces them; `none`: no ports. */
  ports?: 'fixed-pos' | 'fixed-order' | 'fixed-side' | 'free' | 'none';
  /** `dfs` (default): reverse DFS post-order from the Trigger; `definition`: the order of `states`. */
  order?: 'dfs' | 'definition';
  /** `keep` (default): back edges go to ELK, which reverses them; `drop`: they are left out. */
  backEdges?: 'keep' | 'drop';
}

/**
 * Positions for the widgets of `def` (all of them, or `opts.only`), as a map from widget name to an offset of
 * integers on Studio's 10 px grid. Deterministic: the same definition and options give the same positions.
 *
 * Where the result goes:
 * - when the Trigger is laid out, it stays where it is (snapped to the grid), or goes to 0,0 when it has no usable
 *   offset, and everything else is placed relative to it;
 * - otherwise the layout's top-left corner goes to the top-left corner of the laid-out widgets' former bounding box
 *   (of those with a usable offset); when none has one, just below the other widgets (left-aligned with them), or
 *   at 0,0 when there are no others.
 *
 * Disconnected parts (unreachable widgets) are laid out side by side without overlapping. With `only`, the
 * widgets that are not laid out are not looked at: the result may overlap them.
 *
 * Rejects with an `Error` saying "Automatic layout failed" when ELK cannot be loaded or fails, or when `nodeSize`
 * returns something that is not a positive size.
 */
export async function autoLayout(
  def: FlowDefinition,
  opts: AutoLayoutOptions = {},
): Promise<Map<string, Offset>> {
  return layoutWithTuning(def, opts, {});
}

/** @internal {@link autoLayout} with measurement knobs. */
export async function layoutWithTuning(
  def: FlowDefinition,
  opts: AutoLayoutOptions,
  tuning: LayoutTuning,
): Promise<Map<string, Offset>> {
  const direction = opts.direction ?? 'DOWN';
  const sizeOf = opts.nodeSize ?? defaultNodeSize;
  const widgets = selectWidgets(def, opts.only);
  if (widgets.length === 0) return new Map();

  const sizes = widgets.map((w) => checkedSize(w, sizeOf));
  const graph = buildGraph(widgets, sizes, triggerIndex(def, widgets), direction, tuning);

  let laidOut: ElkNode;
  try {
    const elk = await getElk();
    laidOut = await elk.layout(graph);
  } catch (cause) {
    throw new Error(`Automatic layout failed (${widgets.length} widgets): ${describe(cause)}`, { cause });
  }

  const raw = new Map<number, Offset>();
  for (const child of laidOut.children ?? []) {
    const i = Number(child.id.slice(1));
    if (child.x === undefined || child.y === undefined || !Number.isFinite(child.x + child.y)) {
      throw new Error(
        `Automatic layout failed: ELK returned no position for "${widgets[i]?.name ?? child.id}"`,
      );
    }
    raw.set(i, { x: child.x, y: child.y });
  }
  if (raw.size !== widgets.length) {
    throw new Error(`Automatic layout failed: ELK placed ${raw.size} of ${widgets.length} widgets`);
  }

  const { from, to } = anchor(def, widgets, raw, sizeOf, opts.only !== undefined);
  const out = new Map<string, Offset>();
  widgets.forEach((w, i) => {
    const p = raw.get(i) as Offset;
    out.set(w.name, { x: to.x + snap(p.x - from.x), y: to.y + snap(p.y - from.y) });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

let elkInstance: Promise<ELK> | undefined;

/** The one ELK instance, created on first use (a failed load is retried on the next call). */
function getElk(): Promise<ELK> {
  elkInstance ??= import('elkjs/lib/elk.bundled.js').then(
    (module) => new module.default(),
    (error: unknown) => {
      elkInstance = undefined;
      throw error;
    },
  );
  return elkInstance;
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  if (typeof cause === 'string') return cause;
  try {
    return JSON.stringify(cause);
  } catch {
    return String(cause);
  }
}

/** The widgets to lay out, in definition order, first of each name only. */
function selectWidgets(def: FlowDefinition, only: ReadonlySet<string> | undefined): Widget[] {
  const seen = new Set<string>();
  const out: Widget[] = [];
  for (const w of def.states) {
    if (seen.has(w.name) || (only !== undefined && !only.has(w.name))) continue;
    seen.add(w.name);
    out.push(w);
  }
  return out;
}

/** Index (in `widgets`) of the Trigger: the `trigger` widget, else the `initial_state` one; -1 if not laid out. */
function triggerIndex(def: FlowDefinition, widgets: readonly Widget[]): number {
  const byType = widgets.findIndex((w) => w.type === TRIGGER_TYPE);
  return byType >= 0 ? byType : widgets.findIndex((w) => w.name === def.initial_state);
}

function checkedSize(widget: Widget, sizeOf: (w: Widget) => NodeSize): NodeSize {
  const { width, height } = sizeOf(widget);
  if (!(Number.isFinite(width) && Number.isFinite(height) && width > 0 && height > 0)) {
    throw new Error(`Automatic layout failed: nodeSize gave ${width}×${height} for "${widget.name}"`);
  }
  return { width, height };
}

interface Link {
  from: number;
  port: number;
  to: number;
}

function buildGraph(
  widgets: readonly Widget[],
  sizes: readonly NodeSize[],
  trigger: number,
  direction: LayoutDirection,
  tuning: LayoutTuning,
): ElkNode {
  const index = new Map(widgets.map((w, i) => [w.name, i]));
  const ports = widgets.map(outputPorts);
  const links: Link[] = [];
  const children: number[][] = widgets.map(() => []);
  const hasIncoming = new Uint8Array(widgets.length);
  ports.forEach((list, from) => {
    list.forEach((port, p) => {
      const to = port.next === undefined ? undefined : index.get(port.next);
      if (to === undefined || to === from) return;
      links.push({ from, port: p, to });
      (children[from] as number[]).push(to);
      hasIncoming[to] = 1;
    });
  });

  const order =
    tuning.order === 'definition' ? widgets.map((_, i) => i) : dfsOrder(children, hasIncoming, trigger);
  const portMode = tuning.ports ?? 'fixed-pos';
  const down = direction === 'DOWN';
  const id = (i: number): string => `n${i}`;
  const outId = (i: number, p: number): string => `n${i}.${p}`;
  const inId = (i: number): string => `n${i}.in`;

  const nodes: ElkNode[] = order.map((i) => {
    const size = sizes[i] as NodeSize;
    const node: ElkNode = { id: id(i), width: size.width, height: size.height };
    const layoutOptions: LayoutOptions = {};
    if (i === trigger && hasIncoming[i] === 0)
      layoutOptions['elk.layered.layering.layerConstraint'] = 'FIRST';
    if (portMode !== 'none') {
      const k = (ports[i] as Port[]).length;
      const fixedPos = portMode === 'fixed-pos';
      const elkPorts: ElkPort[] = [];
      // Where the canvas draws them: outputs spread evenly along the bottom ((p + 0.5) / k of the width), the input
      // in the middle of the top. `port.index` (for FIXED_ORDER) runs clockwise from the top-left corner: top, right
      // (downwards), bottom (right to left), left.
      if (hasIncoming[i] === 1) {
        elkPorts.push({
          id: inId(i),
          width: 0,
          height: 0,
          ...(fixedPos ? (down ? { x: size.width / 2, y: 0 } : { x: 0, y: size.height / 2 }) : {}),
          layoutOptions: {
            'elk.port.side': down ? 'NORTH' : 'WEST',
            'elk.port.index': down ? '0' : String(k),
          },
        });
      }
      for (let p = 0; p < k; p++) {
        const along = ((p + 0.5) / k) * (down ? size.width : size.height);
        elkPorts.push({
          id: outId(i, p),
          width: 0,
          height: 0,
          ...(fixedPos ? (down ? { x: along, y: size.height } : { x: size.width, y: along }) : {}),
          layoutOptions: {
            'elk.port.side': down ? 'SOUTH' : 'EAST',
            'elk.port.index': String(down ? k - p : p),
          },
        });
      }
      node.ports = elkPorts;
      layoutOptions['elk.portConstraints'] = {
        'fixed-pos': 'FIXED_POS',
        'fixed-order': 'FIXED_ORDER',
        'fixed-side': 'FIXED_SIDE',
        free: 'FREE',
      }[portMode];
    }
    node.layoutOptions = layoutOptions;
    return node;
  });

  const rank = new Int32Array(widgets.length);
  order.forEach((i, r) => (rank[i] = r));
  const kept =
    tuning.backEdges === 'drop'
      ? links.filter((l) => (rank[l.to] as number) > (rank[l.from] as number))
      : links;
  const edges: ElkExtendedEdge[] = kept.map((l, e) => ({
    id: `e${e}`,
    sources: [portMode === 'none' ? id(l.from) : outId(l.from, l.port)],
    targets: [portMode === 'none' ? id(l.to) : inId(l.to)],
  }));

  return {
    id: 'root',
    layoutOptions: { ...elkLayoutOptions(direction, widgets.length), ...tuning.elk },
    children: nodes,
    edges,
  };
}

/**
 * Reverse post-order of a depth-first search from the Trigger, then from the widgets nothing leads to, then from
 * whatever is left (cycles unreachable from both), in definition order; children are visited last port first, so
 * that in the result the first port's branch comes before the later ones. In this order every edge points forward
 * except those that lead back to an ancestor on the search path: the loops.
 */
function dfsOrder(children: readonly number[][], hasIncoming: Uint8Array, trigger: number): number[] {
  const n = children.length;
  const seen = new Uint8Array(n);
  const post: number[] = [];
  const visit = (root: number): void => {
    if (seen[root] === 1) return;
    seen[root] = 1;
    const stack: { node: number; next: number }[] = [{ node: root, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { node: number; next: number };
      const kids = children[top.node] as number[];
      if (top.next < kids.length) {
        const child = kids[kids.length - 1 - top.next] as number;
        top.next++;
        if (seen[child] === 0) {
          seen[child] = 1;
          stack.push({ node: child, next: 0 });
        }
      } else {
        post.push(top.node);
        stack.pop();
      }
    }
  };
  if (trigger >= 0) visit(trigger);
  for (let i = 0; i < n; i++) if (hasIncoming[i] === 0) visit(i);
  for (let i = 0; i < n; i++) visit(i);
  return post.reverse();
}

/** Which layout point (`from`, in ELK coordinates) goes to which canvas point (`to`, on the grid). */
function anchor(
  def: FlowDefinition,
  widgets: readonly Widget[],
  raw: ReadonlyMap<number, Offset>,
  sizeOf: (w: Widget) => NodeSize,
  partial: boolean,
): { from: Offset; to: Offset } {
  const trigger = triggerIndex(def, widgets);
  if (trigger >= 0) {
    const at = readOffset(widgets[trigger] as Widget) ?? { x: 0, y: 0 };
    return { from: raw.get(trigger) as Offset, to: { x: snap(at.x), y: snap(at.y) } };
  }
  let minX = Infinity;
  let minY = Infinity;
  for (const p of raw.values()) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
  }
  const from = { x: minX, y: minY };

  const before = boundingBox(widgets, () => ({ width: 0, height: 0 }));
  if (before) return { from, to: { x: snap(before.left), y: snap(before.top) } };
  if (partial) {
    const names = new Set(widgets.map((w) => w.name));
    const others = boundingBox(
      def.states.filter((w) => !names.has(w.name)),
      sizeOf,
    );
    if (others) {
      return { from, to: { x: snap(others.left), y: snap(others.bottom + SPACING.betweenLayers) } };
    }
  }
  return { from, to: { x: 0, y: 0 } };
}

function boundingBox(
  widgets: readonly Widget[],
  sizeOf: (w: Widget) => NodeSize,
): { left: number; top: number; bottom: number } | undefined {
  let left = Infinity;
  let top = Infinity;
  let bottom = -Infinity;
  for (const w of widgets) {
    const at = readOffset(w);
    if (!at) continue;
    left = Math.min(left, at.x);
    top = Math.min(top, at.y);
    bottom = Math.max(bottom, at.y + sizeOf(w).height);
  }
  return left === Infinity ? undefined : { left, top, bottom };
}
