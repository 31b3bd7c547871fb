/**
 * The flow as the far canvas draws it (FarLayer.tsx): cards as coloured boxes and connections as curves, in flow
 * coordinates, with a spatial index for hit-testing and culling.
 *
 * Zoomed out below the level where a card's text can be read (lod.ts), the canvas no longer mounts one DOM element
 * tree per card and one SVG path per edge: at 2,000 widgets that is thousands of elements, and every frame of a pan
 * restyles and repaints them. One <canvas> draws the same picture in a couple of milliseconds; what the user
 * points at is found here, by position. The editor's canvas and the compare canvas both build a scene.
 *
 * Pure: no DOM (the drawing is FarLayer's), so it is tested in Node.
 */

/** One card: a box of the card's size at its position. */
export interface SceneCard {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Fill colour (the category's). */
  fill: string;
  /** The name, drawn when the zoom makes it legible. */
  label: string;
  /** Worst problem of the widget, drawn as a corner mark. */
  problem: 'error' | 'warning' | 'info' | null;
  selected: boolean;
  /** Drawn faded (a removed widget in the compare canvas). */
  faded?: boolean;
  /** Outline colour (the compare canvas's change colours), if any. */
  outline?: string;
}

/** One connection: from a port (bottom of the source card) to the input (top of the target card). */
export interface SceneLink {
  sx: number;
  sy: number;
  tx: number;
  ty: number;
  colour: string;
  dashed?: boolean;
  /** The ids of the cards it joins (what a drag of either card moves). */
  from?: string;
  to?: string;
}

/** A handle of a node, relative to its corner (React Flow's `NodeHandle`). */
interface Handle {
  id?: string | null;
  type: 'source' | 'target';
  x: number;
  y: number;
  width?: number;
  height?: number;
}

/** What a connection needs of a canvas node: its box and its handles. */
export interface LinkedNode {
  position: { x: number; y: number };
  width?: number;
  height?: number;
  handles?: readonly Handle[];
}

/**
 * Where a connection from `port` of `source` to the input of `target` is drawn, as React Flow draws its edges:
 * from the middle of the port's bottom edge to the middle of the input's top edge (a card without that handle:
 * the middle of its bottom edge, the middle of its top edge).
 */
export function linkEnds(
  source: LinkedNode,
  port: string | null | undefined,
  target: LinkedNode,
): Pick<SceneLink, 'sx' | 'sy' | 'tx' | 'ty'> {
  const out = source.handles?.find((h) => h.type === 'source' && h.id === port);
  const into = target.handles?.find((h) => h.type === 'target');
  return {
    sx: source.position.x + (out ? out.x + (out.width ?? 0) / 2 : (source.width ?? 0) / 2),
    sy: source.position.y + (out ? out.y + (out.height ?? 0) : (source.height ?? 0)),
    tx: target.position.x + (into ? into.x + (into.width ?? 0) / 2 : (target.width ?? 0) / 2),
    ty: target.position.y + (into ? into.y : 0),
  };
}

/** How a connection is drawn (colour, dashes), chosen per edge. */
export type LinkStyle<E> = (edge: E) => Pick<SceneLink, 'colour' | 'dashed'>;

/** The connection of one edge between its two nodes, from its port to the target's input ({@link linkEnds}). */
export function sceneLink<E extends SceneEdge>(
  edge: E,
  source: LinkedNode,
  target: LinkedNode,
  style: LinkStyle<E>,
): SceneLink {
  return {
    ...linkEnds(source, edge.sourceHandle, target),
    ...style(edge),
    from: edge.source,
    to: edge.target,
  };
}

/**
 * The connections of a scene: one per edge whose two nodes are both there, in edge order, drawn as `style` says.
 * `make` makes each one (by default afresh; widgetScene.ts keeps those whose edge and nodes did not change).
 */
export function sceneLinks<N extends LinkedNode & { id: string }, E extends SceneEdge>(
  nodes: readonly N[],
  edges: readonly E[],
  style: LinkStyle<E>,
  make: (edge: E, source: N, target: N, style: LinkStyle<E>) => SceneLink = sceneLink,
): SceneLink[] {
  const byId = new Map<string, N>();
  for (const node of nodes) byId.set(node.id, node);
  const links: SceneLink[] = [];
  for (const edge of edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (source && target) links.push(make(edge, source, target, style));
  }
  return links;
}

/** What a connection needs of a canvas edge. */
export interface SceneEdge {
  source: string;
  target: string;
  sourceHandle?: string | null;
}

export interface Scene {
  cards: readonly SceneCard[];
  links: readonly SceneLink[];
  /** Built on first use: a scene drawn at each frame of a drag is rarely asked where a card is. */
  readonly index: SpatialIndex;
  /** Ids of the cards being dragged (none: empty). */
  moving: ReadonlySet<string>;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Finds cards by position: the grid of cells each card overlaps. */
export interface SpatialIndex {
  /** The card at a flow point (the one drawn on top, i.e. the last in order), or -1. */
  at(x: number, y: number): number;
  /** The cards overlapping a rectangle, in drawing order. */
  within(rect: Rect): number[];
  /** The cards entirely inside a rectangle, in drawing order (what a selection box selects). */
  inside(rect: Rect): number[];
}

/** Cell size in flow pixels: about a card and a half, so a card overlaps at most four cells. */
export const CELL = 512;

const key = (cx: number, cy: number): string => `${cx},${cy}`;

export function createSpatialIndex(cards: readonly Rect[], cell = CELL): SpatialIndex {
  const cells = new Map<string, number[]>();
  cards.forEach((card, i) => {
    const x0 = Math.floor(card.x / cell);
    const y0 = Math.floor(card.y / cell);
    const x1 = Math.floor((card.x + card.width) / cell);
    const y1 = Math.floor((card.y + card.height) / cell);
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const k = key(cx, cy);
        const list = cells.get(k);
        if (list) list.push(i);
        else cells.set(k, [i]);
      }
    }
  });

  const candidates = (rect: Rect): number[] => {
    const x0 = Math.floor(rect.x / cell);
    const y0 = Math.floor(rect.y / cell);
    const x1 = Math.floor((rect.x + rect.width) / cell);
    const y1 = Math.floor((rect.y + rect.height) / cell);
    // A huge rectangle (the whole flow in view) is cheaper to answer by scanning every card once.
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > cards.length) return cards.map((_, i) => i);
    const seen = new Set<number>();
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) for (const i of cells.get(key(cx, cy)) ?? []) seen.add(i);
    }
    return [...seen].sort((a, b) => a - b);
  };

  return {
    at(x, y) {
      const list = cells.get(key(Math.floor(x / cell), Math.floor(y / cell))) ?? [];
      for (let j = list.length - 1; j >= 0; j--) {
        const i = list[j] as number;
        const c = cards[i] as Rect;
        if (x >= c.x && x <= c.x + c.width && y >= c.y && y <= c.y + c.height) return i;
      }
      return -1;
    },
    within(rect) {
      return candidates(rect).filter((i) => {
        const c = cards[i] as Rect;
        return (
          c.x <= rect.x + rect.width &&
          c.x + c.width >= rect.x &&
          c.y <= rect.y + rect.height &&
          c.y + c.height >= rect.y
        );
      });
    },
    inside(rect) {
      return candidates(rect).filter((i) => {
        const c = cards[i] as Rect;
        return (
          c.x >= rect.x &&
          c.x + c.width <= rect.x + rect.width &&
          c.y >= rect.y &&
          c.y + c.height <= rect.y + rect.height
        );
      });
    },
  };
}

/**
 * The control points of a connection, as React Flow's bezier edge from a bottom handle to a top handle draws it
 * (`getBezierPath`, curvature 0.25): both controls straight below/above their end, further apart the longer the
 * vertical distance, and a loop-like bend when the target is above the source.
 */
export function linkControls(
  link: Pick<SceneLink, 'sx' | 'sy' | 'tx' | 'ty'>,
): [number, number, number, number] {
  const distance = link.ty - link.sy;
  const offset = distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance);
  return [link.sx, link.sy + offset, link.tx, link.ty - offset];
}

const NONE: ReadonlySet<string> = new Set();

const BOUNDS = new WeakMap<Scene, Rect | null>();

/**
 * The box everything a scene draws lies in, in flow coordinates: its cards and its links, control points included
 * (a curve stays inside the box of its ends and controls); null for an empty scene. Computed once per scene.
 */
export function sceneBounds(scene: Scene): Rect | null {
  const known = BOUNDS.get(scene);
  if (known !== undefined) return known;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  const add = (x: number, y: number) => {
    if (x < left) left = x;
    if (x > right) right = x;
    if (y < top) top = y;
    if (y > bottom) bottom = y;
  };
  for (const c of scene.cards) {
    add(c.x, c.y);
    add(c.x + c.width, c.y + c.height);
  }
  for (const l of scene.links) {
    const [c1x, c1y, c2x, c2y] = linkControls(l);
    add(l.sx, l.sy);
    add(l.tx, l.ty);
    add(c1x, c1y);
    add(c2x, c2y);
  }
  const bounds = Number.isFinite(left)
    ? { x: left, y: top, width: right - left, height: bottom - top }
    : null;
  BOUNDS.set(scene, bounds);
  return bounds;
}

function sameCard(a: SceneCard, b: SceneCard): boolean {
  return (
    a === b ||
    (a.id === b.id &&
      a.x === b.x &&
      a.y === b.y &&
      a.width === b.width &&
      a.height === b.height &&
      a.fill === b.fill &&
      a.label === b.label &&
      a.problem === b.problem &&
      a.selected === b.selected &&
      a.faded === b.faded &&
      a.outline === b.outline)
  );
}

function sameLink(a: SceneLink, b: SceneLink): boolean {
  return (
    a === b ||
    (a.sx === b.sx &&
      a.sy === b.sy &&
      a.tx === b.tx &&
      a.ty === b.ty &&
      a.colour === b.colour &&
      a.dashed === b.dashed &&
      a.from === b.from &&
      a.to === b.to)
  );
}

/**
 * Whether two scenes draw the same picture: the same cards and links, in the same order, with the same look (the
 * objects may differ: a scene is made again whenever any node object changes, e.g. when a card is selected). Linear;
 * a fraction of a millisecond for 2,000 cards, against the 10 – 15 ms of drawing them again.
 */
export function sameDrawing(a: Scene, b: Scene): boolean {
  if (a === b) return true;
  if (a.cards.length !== b.cards.length || a.links.length !== b.links.length) return false;
  if (a.moving.size !== b.moving.size) return false;
  for (const id of a.moving) if (!b.moving.has(id)) return false;
  for (let i = 0; i < a.cards.length; i++)
    if (!sameCard(a.cards[i] as SceneCard, b.cards[i] as SceneCard)) return false;
  for (let i = 0; i < a.links.length; i++)
    if (!sameLink(a.links[i] as SceneLink, b.links[i] as SceneLink)) return false;
  return true;
}

/** A scene from cards and links; its index is built when first wanted, once per scene. */
export function createScene(
  cards: readonly SceneCard[],
  links: readonly SceneLink[],
  moving: ReadonlySet<string> = NONE,
): Scene {
  let index: SpatialIndex | undefined;
  return {
    cards,
    links,
    moving,
    get index() {
      return (index ??= createSpatialIndex(cards));
    },
  };
}

/**
 * A scene being dragged, in two: what stays still (the cards not moving, the links between them) and what moves
 * (the moving cards and every link that ends at one). The far canvas draws the still part once per drag and the
 * moving part at each frame, so each is made on its own: `scenePart(scene, 'moving')` at every frame walks the cards and
 * links once and builds only the few that move.
 */
export function scenePart(scene: Scene, part: 'still' | 'moving'): Scene {
  const wanted = part === 'moving';
  const moves = (id: string | undefined) => id !== undefined && scene.moving.has(id);
  return createScene(
    scene.cards.filter((card) => scene.moving.has(card.id) === wanted),
    scene.links.filter((link) => (moves(link.from) || moves(link.to)) === wanted),
  );
}

export const EMPTY_SCENE: Scene = createScene([], []);
