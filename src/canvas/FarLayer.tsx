/**
 * The far canvas: below the zoom where a card's text can be read (lod.ts), every card and connection is drawn on
 * one <canvas> under React Flow's viewport, instead of thousands of DOM elements (see farScene.ts). Only cards
 * that are being worked on (selected, renamed, dragged) stay DOM nodes, drawn by React Flow on top of this layer.
 *
 * The layer follows React Flow's viewport outside React: one store subscription marks it dirty, one
 * requestAnimationFrame redraws it, so a pan or zoom costs one redraw per frame (about 2 ms for 2,000 cards and
 * 3,000 connections with software rendering) and no React work. The paths are built once per scene, in flow
 * coordinates; a frame only sets the transform and fills and strokes them.
 */
import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useLayoutEffect, useRef } from 'react';
import { linkControls, sameDrawing, sceneBounds, scenePart, type Scene, type SceneCard } from './farScene';
import { SELECTED_COLOUR, themeColour } from './colours';
import { TINY_ZOOM } from './lod';

const PROBLEM_COLOURS = {
  error: themeColour('error'),
  warning: themeColour('warning-icon'),
  info: themeColour('info'),
} as const;
const LABEL_COLOUR = themeColour('text-on-colour');
/** Card names are drawn from this zoom up (below it they would be a few pixels high). */
const LABEL_ZOOM = TINY_ZOOM;
/** Font size of names in flow pixels (as the DOM far card, canvas.css `.wn-far`). */
const LABEL_SIZE = 24;

interface Paths {
  /** Card boxes, one path per fill colour. */
  fills: Map<string, Path2D>;
  faded: Map<string, Path2D>;
  /** Connections, one path per colour and dash. */
  links: Map<string, { path: Path2D; colour: string; dashed: boolean }>;
  selected: Path2D;
  outlines: Map<string, Path2D>;
  problems: Map<string, Path2D>;
}

function buildPaths(scene: Scene): Paths {
  const fills = new Map<string, Path2D>();
  const faded = new Map<string, Path2D>();
  const outlines = new Map<string, Path2D>();
  const problems = new Map<string, Path2D>();
  const selected = new Path2D();
  const get = (map: Map<string, Path2D>, k: string) => {
    let p = map.get(k);
    if (!p) map.set(k, (p = new Path2D()));
    return p;
  };
  for (const c of scene.cards) {
    get(c.faded === true ? faded : fills, c.fill).rect(c.x, c.y, c.width, c.height);
    if (c.outline !== undefined) get(outlines, c.outline).rect(c.x, c.y, c.width, c.height);
    if (c.selected) selected.rect(c.x, c.y, c.width, c.height);
    if (c.problem !== null) {
      // A triangle in the top-right corner, a fifth of the card wide.
      const s = c.width / 5;
      const p = get(problems, PROBLEM_COLOURS[c.problem]);
      p.moveTo(c.x + c.width - s, c.y);
      p.lineTo(c.x + c.width, c.y);
      p.lineTo(c.x + c.width, c.y + s);
      p.closePath();
    }
  }
  const links = new Map<string, { path: Path2D; colour: string; dashed: boolean }>();
  for (const l of scene.links) {
    const k = `${l.colour}|${l.dashed === true ? 1 : 0}`;
    let entry = links.get(k);
    if (!entry) links.set(k, (entry = { path: new Path2D(), colour: l.colour, dashed: l.dashed === true }));
    const [c1x, c1y, c2x, c2y] = linkControls(l);
    entry.path.moveTo(l.sx, l.sy);
    entry.path.bezierCurveTo(c1x, c1y, c2x, c2y, l.tx, l.ty);
  }
  return { fills, faded, links, selected, outlines, problems };
}

/** A name shortened to what fits `width` flow pixels at LABEL_SIZE (an estimate: no text measuring per frame). */
function fitted(label: string, width: number): string {
  const max = Math.max(1, Math.floor(width / (LABEL_SIZE * 0.58)));
  return label.length <= max ? label : `${label.slice(0, Math.max(1, max - 1))}…`;
}

/** The part of the pane a canvas covers, in CSS pixels from the pane's corner. */
interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

type View = Pick<ReactFlowState, 'transform' | 'width' | 'height'>;

function paneRegion(state: View): Region {
  return { left: 0, top: 0, width: state.width, height: state.height };
}

/** Whether `region` is the whole pane. */
function isPane(region: Region, state: View): boolean {
  return (
    region.left === 0 && region.top === 0 && region.width === state.width && region.height === state.height
  );
}

/** Places the canvas over `region` of the pane (the whole pane: its stylesheet's place). */
function place(canvas: HTMLCanvasElement, region: Region, state: View): void {
  const pane = isPane(region, state);
  const style = canvas.style;
  const set = (key: 'left' | 'top' | 'width' | 'height', value: number) => {
    const text = pane ? '' : `${String(value)}px`;
    if (style[key] !== text) style[key] = text;
  };
  set('left', region.left);
  set('top', region.top);
  set('width', region.width);
  set('height', region.height);
}

function draw(
  canvas: HTMLCanvasElement,
  scene: Scene,
  paths: Paths,
  state: View,
  region = paneRegion(state),
): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  place(canvas, region, state);
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(region.width * ratio));
  const height = Math.max(1, Math.round(region.height * ratio));
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const zoom = state.transform[2];
  const tx = state.transform[0] - region.left;
  const ty = state.transform[1] - region.top;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, width, height);
  context.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * tx, ratio * ty);

  // Connections under the cards, one CSS pixel wide whatever the zoom, as React Flow's edges are, in whole device
  // pixels: at one device pixel Skia draws a stroke as a hairline, about ten times faster than a wider one on a
  // software raster (2,000 connections in a standalone canvas: 2.5 against 26 ms at 1.25 px), and the whole drawing
  // is drawn again at each press that starts a drag.
  context.lineWidth = Math.max(1, Math.round(ratio)) / (ratio * zoom);
  for (const { path, colour, dashed } of paths.links.values()) {
    context.strokeStyle = colour;
    context.setLineDash(dashed && zoom > 0.1 ? [6 / zoom, 4 / zoom] : []);
    context.stroke(path);
  }
  context.setLineDash([]);
  context.globalAlpha = 0.35;
  for (const [fill, path] of paths.faded) {
    context.fillStyle = fill;
    context.fill(path);
  }
  context.globalAlpha = 1;
  for (const [fill, path] of paths.fills) {
    context.fillStyle = fill;
    context.fill(path);
  }
  for (const [colour, path] of paths.problems) {
    context.fillStyle = colour;
    context.fill(path);
  }
  context.lineWidth = 3 / zoom;
  for (const [colour, path] of paths.outlines) {
    context.strokeStyle = colour;
    context.stroke(path);
  }
  context.strokeStyle = SELECTED_COLOUR;
  context.stroke(paths.selected);

  if (zoom >= LABEL_ZOOM) {
    // Names of the cards in view only (a handful at this zoom): culled through the spatial index.
    const view = { x: -tx / zoom, y: -ty / zoom, width: region.width / zoom, height: region.height / zoom };
    context.fillStyle = LABEL_COLOUR;
    context.font = `700 ${LABEL_SIZE}px system-ui, sans-serif`;
    context.textAlign = 'center';
    context.textBaseline = 'top';
    for (const i of scene.index.within(view)) {
      const card = scene.cards[i] as SceneCard;
      context.fillText(
        fitted(card.label, card.width - 16),
        card.x + card.width / 2,
        card.y + 12,
        card.width - 12,
      );
    }
  }
}

/**
 * Empties the canvas. The transform is reset first: `clearRect` is drawn through the context's transform, which the
 * last draw left at the flow's pan and zoom, so it would clear only the part of the canvas where the flow's
 * (0, 0)-(width, height) was, and leave the rest of the cards drawn behind the DOM cards of the readable view.
 */
function clear(canvas: HTMLCanvasElement): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, canvas.width, canvas.height);
}

/** A moved drawing is drawn again once the view has not changed for this long. */
export const PAN_SETTLE_MS = 200;

/** Screen pixels kept between the flow's box and the canvas's edge for the drawing to count as holding it whole. */
const WHOLE_MARGIN = 4;

/** What the first canvas shows when nothing moves: which scene, at which view, and whether all of it. */
interface FullDrawn {
  scene: Scene;
  transform: readonly [number, number, number];
  width: number;
  height: number;
  /** The drawing holds the whole flow: a pan at the same zoom can move it. */
  whole: boolean;
}

/**
 * A drawing that holds the whole flow may be this many times the pane's area: at the farthest zoom, a flow of
 * Studio's 2,000 widgets is a little larger than the pane, one of 5,000 about 2.7 times (a 1,000 × 600 px pane).
 * It also keeps to MAX_SIDE CSS pixels a side and MAX_BITMAP device pixels in all (64 MB: a large pane on a
 * high-density screen draws the pane only).
 */
const WHOLE_AREA = 3;
const MAX_SIDE = 4096;
const MAX_BITMAP = 16_000_000;

/**
 * The region of the pane a drawing of the whole flow covers: the pane and the flow's box on screen together, when
 * that is not much larger than the pane; null when it is.
 */
function wholeRegion(scene: Scene, state: View): Region | null {
  const b = sceneBounds(scene);
  if (!b) return paneRegion(state);
  const [tx, ty, zoom] = state.transform;
  const left = Math.floor(Math.min(0, tx + b.x * zoom - WHOLE_MARGIN));
  const top = Math.floor(Math.min(0, ty + b.y * zoom - WHOLE_MARGIN));
  const right = Math.ceil(Math.max(state.width, tx + (b.x + b.width) * zoom + WHOLE_MARGIN));
  const bottom = Math.ceil(Math.max(state.height, ty + (b.y + b.height) * zoom + WHOLE_MARGIN));
  const width = right - left;
  const height = bottom - top;
  const ratio = window.devicePixelRatio || 1;
  if (
    width > MAX_SIDE ||
    height > MAX_SIDE ||
    width * height > WHOLE_AREA * state.width * state.height ||
    width * height * ratio * ratio > MAX_BITMAP
  )
    return null;
  return { left, top, width, height };
}

/** What the still canvas shows during a drag, so that it is drawn once per drag (and again if the view moves). */
interface StillDrawn {
  /** The moving cards' ids, joined. */
  moving: string;
  transform: readonly [number, number, number];
  width: number;
  height: number;
}

/** Whether the drawing on `canvas` (`last`) was drawn for the view as it is now, and not shifted since. */
function drawnInView(last: FullDrawn, state: View, canvas: HTMLCanvasElement): boolean {
  return (
    last.transform === state.transform &&
    last.width === state.width &&
    last.height === state.height &&
    canvas.style.transform === ''
  );
}

/** Whether the moving cards of `scene` are where `drawn` (a scene with no card moving) has them. */
function unmoved(scene: Scene, drawn: Scene): boolean {
  if (drawn.moving.size > 0) return false;
  const before = new Map<string, SceneCard>();
  for (const card of drawn.cards) if (scene.moving.has(card.id)) before.set(card.id, card);
  if (before.size !== scene.moving.size) return false;
  for (const card of scene.cards) {
    if (!scene.moving.has(card.id)) continue;
    const was = before.get(card.id);
    if (
      !was ||
      was.x !== card.x ||
      was.y !== card.y ||
      was.width !== card.width ||
      was.height !== card.height
    )
      return false;
  }
  return true;
}

function sameStill(a: StillDrawn | null, b: StillDrawn): boolean {
  return (
    a !== null &&
    a.moving === b.moving &&
    a.width === b.width &&
    a.height === b.height &&
    a.transform[0] === b.transform[0] &&
    a.transform[1] === b.transform[1] &&
    a.transform[2] === b.transform[2]
  );
}

/**
 * The far canvas for `scene`, drawn while `active` (else empty: the DOM cards are shown).
 *
 * Two canvases, one over the other. Most of the time the first draws everything and the second is empty. While
 * cards are dragged (`scene.moving`), the first draws what stays still, once for the whole drag, and the second,
 * at each frame, only the moving cards and the links that end at them. A frame of a drag then rasterises a few
 * shapes instead of the whole flow: with software rendering, 12 to 20 ms at 2,000 widgets.
 *
 * A pan that keeps the zoom, when the last drawing held the whole flow, moves that drawing instead of drawing it
 * again: the picture is the same, shifted. The drawing holds the whole flow when the flow lies in the pane (the
 * fitted view of most flows), or, once the view has rested for PAN_SETTLE_MS, when the flow is a little larger than
 * the pane (a large flow at the farthest zoom): the canvas then covers the pane and the flow together. A moved
 * drawing is drawn again, exactly, once the view rests.
 */
export function FarLayer({ scene, active }: { scene: Scene; active: boolean }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const movingRef = useRef<HTMLCanvasElement>(null);
  const store = useStoreApi();
  const paths = useRef<{ scene: Scene; paths: Paths } | null>(null);
  const still = useRef<StillDrawn | null>(null);
  const full = useRef<FullDrawn | null>(null);

  useLayoutEffect(() => {
    const canvas = ref.current;
    const movingCanvas = movingRef.current;
    if (!canvas || !movingCanvas) return;
    const clearMoving = () => {
      if (movingCanvas.dataset.drawn !== undefined) {
        clear(movingCanvas);
        delete movingCanvas.dataset.drawn;
      }
    };
    const unshift = () => {
      if (canvas.style.transform !== '') canvas.style.transform = '';
    };
    // `full` outlives a new scene: one that draws the same picture is not drawn again (see `render`).
    if (!active) {
      full.current = null;
      clear(canvas);
      unshift();
      place(canvas, paneRegion(store.getState()), store.getState());
      clearMoving();
      still.current = null;
      delete canvas.dataset.cardsPainted;
      return;
    }
    let frame = 0;
    let stillFrame = 0;
    let settle: ReturnType<typeof setTimeout> | undefined;
    /** The next render comes from the view having rested (see below). */
    let resting = false;
    const rest = () => {
      clearTimeout(settle);
      settle = setTimeout(() => {
        settle = undefined;
        resting = true;
        full.current = null;
        if (frame === 0) frame = requestAnimationFrame(render);
      }, PAN_SETTLE_MS);
    };
    const render = () => {
      frame = 0;
      const rested = resting;
      resting = false;
      const state = store.getState();
      if (scene.moving.size === 0) {
        still.current = null;
        const last = full.current;
        if (
          last !== null &&
          last.scene !== scene &&
          drawnInView(last, state, canvas) &&
          sameDrawing(last.scene, scene)
        ) {
          // A new scene with the same picture (a card selected: it is a DOM card now, on top of its drawing), in the
          // same view: nothing to draw.
          full.current = { ...last, scene };
          if (paths.current?.scene === last.scene) paths.current = { scene, paths: paths.current.paths };
          // A drawing of the pane only was to be drawn whole once the view rests: it still is.
          if (!last.whole && wholeRegion(scene, state) !== null) rest();
        } else if (
          last !== null &&
          last.whole &&
          last.scene === scene &&
          last.width === state.width &&
          last.height === state.height &&
          last.transform[2] === state.transform[2]
        ) {
          // Panned, same zoom, and the drawing holds the whole flow: move it (whole pixels, so it stays sharp),
          // and draw it again exactly once the view rests.
          const dx = Math.round(state.transform[0] - last.transform[0]);
          const dy = Math.round(state.transform[1] - last.transform[1]);
          canvas.style.transform = dx === 0 && dy === 0 ? '' : `translate(${String(dx)}px, ${String(dy)}px)`;
          rest();
        } else {
          if (paths.current?.scene !== scene) paths.current = { scene, paths: buildPaths(scene) };
          // The whole flow when it lies in the pane; when it is a little larger, once the view rests (at each
          // frame of a zoom, the pane only: a larger drawing costs more, and a zoom draws again anyway).
          const wide = wholeRegion(scene, state);
          const whole = wide !== null && (rested || isPane(wide, state));
          draw(canvas, scene, paths.current.paths, state, whole ? wide : paneRegion(state));
          unshift();
          full.current = {
            scene,
            transform: state.transform,
            width: state.width,
            height: state.height,
            whole,
          };
          if (!whole && wide !== null) rest();
        }
        clearMoving();
      } else {
        const drawn: StillDrawn = {
          moving: [...scene.moving].join('\u0000'),
          transform: state.transform,
          width: state.width,
          height: state.height,
        };
        const drawStill = () => {
          full.current = null;
          unshift();
          const stillPart = scenePart(scene, 'still');
          draw(canvas, stillPart, buildPaths(stillPart), state);
          still.current = drawn;
          paths.current = null;
        };
        const last = full.current;
        if (sameStill(still.current, drawn)) {
          // Drawn already for this drag.
        } else if (last !== null && drawnInView(last, state, canvas) && unmoved(scene, last.scene)) {
          // Just pressed: the whole flow's drawing, the pressed cards included, is still right (they have not
          // moved), so the still part is drawn at the next frame rather than in the press's (sooner if they move).
          cancelAnimationFrame(stillFrame);
          stillFrame = requestAnimationFrame(() => {
            stillFrame = 0;
            drawStill();
          });
        } else drawStill();
        const movingPart = scenePart(scene, 'moving');
        draw(movingCanvas, movingPart, buildPaths(movingPart), state);
        movingCanvas.dataset.drawn = '';
      }
      // Says the cards are on screen though no card is a DOM node (read by the canvas benchmark's probe).
      if (scene.cards.length > 0) canvas.dataset.cardsPainted = '';
    };
    // Drawn before this frame is painted, then once per frame while the viewport moves.
    render();
    const unsubscribe = store.subscribe((state, previous) => {
      if (
        (state.transform !== previous.transform ||
          state.width !== previous.width ||
          state.height !== previous.height) &&
        frame === 0
      ) {
        frame = requestAnimationFrame(render);
      }
    });
    return () => {
      unsubscribe();
      if (frame !== 0) cancelAnimationFrame(frame);
      if (stillFrame !== 0) cancelAnimationFrame(stillFrame);
      clearTimeout(settle);
    };
  }, [scene, active, store]);

  return (
    <>
      <canvas ref={ref} className="canvas-far" aria-hidden="true" />
      <canvas ref={movingRef} className="canvas-far-moving" aria-hidden="true" />
    </>
  );
}
