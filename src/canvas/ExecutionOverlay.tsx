/**
 * The execution overlay drawn on the editor's canvas (the scene of overlay.ts): one SVG inside React Flow's viewport
 * (`ViewportPortal`), so it pans and zooms with the cards at every zoom, above the far canvas too. It never takes
 * the pointer (`pointer-events: none`): cards stay selectable, draggable and connectable underneath.
 *
 * Cheap at 2,000 widgets: shapes of one look share one path per cell of a coarse grid (rings, pills, curves and
 * arrowheads per style and weight step: see Batch), so the SVG holds a few hundred paths at most and at most
 * MAX_OVERLAY_TEXTS texts. It is rendered again only
 * when its scene changes (the overlay or the flow), and when a zoom starts and settles (meanwhile it keeps its scale
 * and leaves its texts out: see useZoom); cards never re-render for it. Everything else on the canvas
 * is dimmed by a class on the canvas container (`flow-canvas-dimmed`, canvas.css).
 *
 * The drawing is aria-hidden: the app lists the same steps as text, and the canvas is described by a visually
 * hidden sentence the app passes in ("Showing execution FN…: 7 steps").
 */
import { useStoreApi, ViewportPortal } from '@xyflow/react';
import { memo, useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { Box } from '../model/geometry';
import { canvasDefinition } from '../store/editing';
import { useEditor } from '../store/react';
import { num } from './exportImage';
import {
  OVERLAY_FONT_SIZE,
  OVERLAY_LEVELS,
  overlayScale,
  overlayScene,
  overlayTexts,
  RING_RADIUS,
  ringBox,
  type CanvasOverlay,
  type OverlayScene,
  type OverlaySceneWidget,
  type PlacedText,
} from './overlay';

/** The canvas container's class while an overlay is shown: what is not in the overlay is dimmed (canvas.css). */
export const DIMMED_CLASS = 'flow-canvas-dimmed';

/**
 * Shapes of one look, batched into few paths: one path `d` per look and cell of a coarse grid over the flow
 * (`cells`, at most CELLS × CELLS). The compositor rasterises the overlay in tiles, and only draws into a tile the
 * paths whose bounds meet it: one path per look over the whole flow would be walked in full for every tile (at 500
 * widgets and 100 %, the overlay's raster was 3 times the whole canvas's during a wheel zoom, and the commits waited
 * on it). Entries come look by look, in the order the looks were first added (so looks keep their stacking order),
 * then cell by cell.
 */
class Batch {
  private readonly parts = new Map<string, Map<number, string[]>>();
  constructor(private readonly cells: Cells) {}
  add(key: string, d: string, x: number, y: number): void {
    let byCell = this.parts.get(key);
    if (!byCell) this.parts.set(key, (byCell = new Map<number, string[]>()));
    const cell = this.cells.of(x, y);
    let list = byCell.get(cell);
    if (!list) byCell.set(cell, (list = []));
    list.push(d);
  }
  /** [look, React key, d] */
  entries(): [string, string, string][] {
    const out: [string, string, string][] = [];
    for (const [key, byCell] of this.parts) {
      for (const [cell, list] of byCell) out.push([key, `${key}@${String(cell)}`, list.join('')]);
    }
    return out;
  }
}

/**
 * Cells of a grid over the flow's widgets: at most CELLS across and down, none smaller than MIN_CELL screen px (so
 * MIN_CELL flow px at zoom 1, and `scale` times that zoomed out, where the whole flow fits a few tiles: every path
 * costs the page's paint and layerisation at each frame of a pan, and more of them would buy no raster there).
 */
const CELLS = 8;
const MIN_CELL = 1024;

class Cells {
  private readonly left: number;
  private readonly top: number;
  private readonly size: number;
  constructor(boxes: readonly Box[], scale: number) {
    let left = Infinity;
    let top = Infinity;
    let right = -Infinity;
    let bottom = -Infinity;
    for (const b of boxes) {
      left = Math.min(left, b.x);
      top = Math.min(top, b.y);
      right = Math.max(right, b.x + b.width);
      bottom = Math.max(bottom, b.y + b.height);
    }
    const finite = Number.isFinite(left);
    this.left = finite ? left : 0;
    this.top = finite ? top : 0;
    const least = MIN_CELL * scale;
    this.size = finite ? Math.max(least, Math.max(right - left, bottom - top) / CELLS) : least;
  }
  /** The cell of a point (points outside the widgets' bounds go to the nearest cell). */
  of(x: number, y: number): number {
    const clamp = (v: number) => Math.min(CELLS - 1, Math.max(0, Math.floor(v / this.size)));
    return clamp(y - this.top) * CELLS + clamp(x - this.left);
  }
}

function roundedRect({ x, y, width: w, height: h }: Box, radius: number): string {
  const r = Math.min(radius, w / 2, h / 2);
  return (
    `M${num(x + r)} ${num(y)}H${num(x + w - r)}A${num(r)} ${num(r)} 0 0 1 ${num(x + w)} ${num(y + r)}` +
    `V${num(y + h - r)}A${num(r)} ${num(r)} 0 0 1 ${num(x + w - r)} ${num(y + h)}H${num(x + r)}` +
    `A${num(r)} ${num(r)} 0 0 1 ${num(x)} ${num(y + h - r)}V${num(y + r)}A${num(r)} ${num(r)} 0 0 1 ${num(x + r)} ${num(y)}Z`
  );
}

/** Edge stroke width at scale 1 for a weight step: 1.5 to 5.5 px. */
function edgeWidth(level: number): number {
  return 1.5 + level;
}

/** Strength of a heat overlay's shape for a weight step (a path overlay draws everything at full strength). */
function strength(scene: OverlayScene, level: number): number {
  return scene.kind === 'heat' ? 0.4 + (0.6 * level) / OVERLAY_LEVELS : 1;
}

/** The look of a widget's ring: its mark's, by weight step for the others (`mark 3`). */
function ringLook(w: OverlaySceneWidget): string {
  return w.mark === 'ended' || w.mark === 'waiting' ? w.mark : `mark ${w.level}`;
}

function ringProps(look: string, scene: OverlayScene, k: number) {
  if (look === 'ended') return { className: 'ov-ring ov-ended', strokeWidth: 4 * k };
  if (look === 'waiting') {
    return {
      className: 'ov-ring ov-waiting',
      strokeWidth: 3 * k,
      strokeDasharray: `${num(7 * k)} ${num(4 * k)}`,
    };
  }
  const level = Number(look.split(' ')[1] ?? '0');
  return { className: 'ov-ring', strokeWidth: (2 + 0.5 * level) * k, strokeOpacity: strength(scene, level) };
}

const TEXT_CLASS: Record<PlacedText['kind'], string> = {
  badge: 'ov-pill-text',
  caption: 'ov-pill-text',
  label: 'ov-label',
};

export interface OverlaySvgProps {
  scene: OverlayScene;
  /** overlayScale of the zoom. */
  scale: number;
  /** Whether to draw the texts (badges, captions, labels): not while the view zooms. Default true. */
  texts?: boolean;
}

/** The overlay's drawing at `scale`: an SVG in flow coordinates. */
export const OverlaySvg = memo(function OverlaySvg({
  scene,
  scale: k,
  texts: withTexts = true,
}: OverlaySvgProps) {
  const cells = new Cells(
    scene.widgets.map((w) => w.box),
    k,
  );
  const curves = new Batch(cells);
  const arrows = new Batch(cells);
  for (const e of scene.edges) {
    const key = `${e.current ? 'current' : 'edge'} ${e.level}`;
    // A curve goes with its middle's cell, its arrowhead with its end's.
    curves.add(key, e.d, (e.sx + e.tx) / 2, (e.sy + e.ty) / 2);
    // The arrowhead points down into the input (the curve arrives vertically), its middle on the curve's end.
    const half = (3.5 + e.level) * k;
    const length = (8 + 1.5 * e.level) * k;
    arrows.add(
      key,
      `M${num(e.tx - half)} ${num(e.ty - length / 2)}L${num(e.tx)} ${num(e.ty + length / 2)}L${num(e.tx + half)} ${num(e.ty - length / 2)}Z`,
      e.tx,
      e.ty,
    );
  }
  const rings = new Batch(cells);
  let glow = '';
  for (const w of scene.widgets) {
    const ring = roundedRect(ringBox(w.box, k), RING_RADIUS * k);
    if (w.focus) glow += ring;
    rings.add(ringLook(w), ring, w.box.x, w.box.y);
  }
  const texts = withTexts ? overlayTexts(scene, k) : [];
  const pills = new Batch(cells);
  for (const t of texts)
    if (t.pill) pills.add(t.look, roundedRect(t.pill, t.pill.height / 2), t.pill.x, t.pill.y);

  const levelOf = (key: string) => Number(key.split(' ')[1] ?? '0');
  const widthOf = (key: string) => {
    const level = levelOf(key);
    return (key.startsWith('current') ? Math.max(edgeWidth(level), 4) : edgeWidth(level)) * k;
  };
  const curveEntries = curves.entries();
  return (
    <svg
      className={`canvas-overlay ov-${scene.kind}`}
      aria-hidden="true"
      focusable="false"
      data-edges={scene.edges.length}
      data-widgets={scene.widgets.length}
      data-texts={texts.length}
    >
      {/* Under a path's curves, a halo of the canvas's colour parts them from the dimmed connections they cross. */}
      {scene.kind === 'path' &&
        curveEntries.map(([look, key, d]) => (
          <path key={`h${key}`} className="ov-halo" d={d} strokeWidth={widthOf(look) + 4 * k} />
        ))}
      {curveEntries.map(([look, key, d]) => {
        const current = look.startsWith('current');
        return (
          <path
            key={key}
            className={current ? 'ov-edge ov-current' : 'ov-edge'}
            d={d}
            strokeWidth={widthOf(look)}
            strokeOpacity={current ? 1 : strength(scene, levelOf(look))}
          />
        );
      })}
      {arrows.entries().map(([look, key, d]) => (
        <path
          key={key}
          className="ov-arrow"
          d={d}
          fillOpacity={look.startsWith('current') ? 1 : strength(scene, levelOf(look))}
        />
      ))}
      {glow !== '' && <path className="ov-glow" d={glow} strokeWidth={14 * k} />}
      {rings.entries().map(([look, key, d]) => (
        <path key={key} d={d} {...ringProps(look, scene, k)} />
      ))}
      {pills.entries().map(([look, key, d]) => (
        <path key={key} className={`ov-pill ov-pill-${look}`} d={d} />
      ))}
      <g fontSize={OVERLAY_FONT_SIZE * k} strokeWidth={3 * k}>
        {texts.map((t, i) => (
          <text
            key={i}
            className={t.look === 'current' ? `${TEXT_CLASS[t.kind]} ov-current` : TEXT_CLASS[t.kind]}
            x={num(t.x)}
            y={num(t.y)}
          >
            {t.text}
          </text>
        ))}
      </g>
    </svg>
  );
});

/** The zoom has settled this long after its last change: the overlay is drawn again for it, with its texts. */
export const ZOOM_SETTLE_MS = 200;

interface ZoomView {
  /** overlayScale of the zoom, as of the last time it settled. */
  scale: number;
  zooming: boolean;
}

/**
 * The overlay's scale (`overlayScale` of the zoom) and whether the view is zooming. While it zooms, the overlay is
 * not drawn again: it keeps the scale it had when the zoom began (it grows and shrinks with the view meanwhile) and
 * leaves its texts out. A redraw repaints and rasterises the whole SVG again (at 2,000 widgets with software
 * rendering: 50 to 100 ms of raster, on the cores the page also needs); once the zoom has not changed for
 * ZOOM_SETTLE_MS, it is drawn once for the new scale, texts placed again. So a zoom costs two renders (its start and
 * its end), whatever steps of the scale it crosses. Nothing is watched while no overlay is `shown`.
 */
function useZoom(shown: boolean): ZoomView {
  const store = useStoreApi();
  const [view, setView] = useState<ZoomView>(() => ({
    scale: overlayScale(store.getState().transform[2]),
    zooming: false,
  }));
  useEffect(() => {
    if (!shown) return;
    const settle = () => {
      const scale = overlayScale(store.getState().transform[2]);
      setView((v) => (v.scale === scale && !v.zooming ? v : { scale, zooming: false }));
    };
    // The zoom may have changed while nothing was shown.
    settle();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.transform[2] === previous.transform[2]) return;
      if (timer === undefined) setView((v) => (v.zooming ? v : { ...v, zooming: true }));
      else clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        settle();
      }, ZOOM_SETTLE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
      setView((v) => (v.zooming ? { ...v, zooming: false } : v));
    };
  }, [store, shown]);
  return view;
}

export interface ExecutionOverlayProps {
  /** What to show; null or absent: nothing (and nothing dimmed). */
  overlay: CanvasOverlay | null | undefined;
  /** A sentence describing it to assistive technology ("Showing execution FN…: 7 steps"). */
  description: string | undefined;
  /** The id the canvas's `aria-describedby` points at. */
  descriptionId: string;
  /** The canvas container, dimmed while the overlay is shown. */
  container: HTMLElement | null;
}

/**
 * The overlay on the editor's canvas: a child of `<ReactFlow>`. Its scene is computed once per flow and overlay
 * (memoised), on the flow as the canvas draws it (`canvasDefinition`: the opening layout when one is shown).
 */
export function ExecutionOverlay({ overlay, description, descriptionId, container }: ExecutionOverlayProps) {
  const definition = useEditor(canvasDefinition);
  // A new overlay is drawn in a background render of its own: its scene and SVG (tens of ms at 2,000 widgets) are
  // no part of the render that shows what brought it (the Executions tab's tables after a file is read).
  const drawn = useDeferredValue(overlay);
  const scene = useMemo(
    () => (drawn && definition ? overlayScene(definition, drawn) : null),
    [definition, drawn],
  );
  const shown = scene !== null;
  const { scale, zooming } = useZoom(shown);
  useEffect(() => {
    if (!container || !shown) return;
    // Toggled on the element, as the canvas's other state classes are (is-moving, is-connecting): a className
    // rendered by React would overwrite those.
    container.classList.add(DIMMED_CLASS);
    return () => container.classList.remove(DIMMED_CLASS);
  }, [container, shown]);
  if (!scene) return null;
  return (
    <>
      {description !== undefined && description !== '' && (
        <p id={descriptionId} className="visually-hidden">
          {description}
        </p>
      )}
      <ViewportPortal>
        <OverlaySvg scene={scene} scale={scale} texts={!zooming} />
      </ViewportPortal>
    </>
  );
}
