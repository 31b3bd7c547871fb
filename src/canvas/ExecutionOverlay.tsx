/**
 * The execution overlay drawn on the editor's canvas (the scene of overlay.ts): one SVG inside React Flow's viewport
 * (`ViewportPortal`), so it pans and zooms with the cards at every zoom, above the far canvas too. It never takes
 * the pointer (`pointer-events: none`): cards stay selectable, draggable and connectable underneath.
 *
 * Cheap at 2,000 widgets: shapes of one look share one path (rings, pills, curves and arrowheads per style and
 * weight step), so the SVG holds a few dozen paths and at most MAX_OVERLAY_TEXTS texts. It is rendered again only
 * when its scene changes (the overlay or the flow) or the zoom crosses a step of `overlayScale`; cards never
 * re-render for it. Everything else on the canvas is dimmed by a class on the canvas container
 * (`flow-canvas-dimmed`, canvas.css).
 *
 * The drawing is aria-hidden: the app lists the same steps as text, and the canvas is described by a visually
 * hidden sentence the app passes in ("Showing execution FN…: 7 steps").
 */
import { useStore, ViewportPortal, type ReactFlowState } from '@xyflow/react';
import { memo, useEffect, useMemo } from 'react';
import { canvasDefinition } from '../store/editing';
import { useEditor } from '../store/react';
import { num } from './exportImage';
import {
  OVERLAY_LEVELS,
  overlayScale,
  overlayScene,
  type CanvasOverlay,
  type OverlayScene,
  type OverlaySceneWidget,
} from './overlay';

/** The canvas container's class while an overlay is shown: what is not in the overlay is dimmed (canvas.css). */
export const DIMMED_CLASS = 'flow-canvas-dimmed';

/** Sizes at scale 1, in flow px (times `overlayScale` zoomed out). */
const FONT_SIZE = 11;
const PILL_HEIGHT = 17;
const PILL_PADDING = 6;
/** Average glyph width as a share of the font size (no text measuring: an estimate, as the images do). */
const GLYPH = 0.62;
const RING_GAP = 5;
const RING_RADIUS = 8;

/** Shared by every shape of one look: its path's `d`, appended to. */
class Batch {
  private readonly parts = new Map<string, string[]>();
  add(key: string, d: string): void {
    let list = this.parts.get(key);
    if (!list) this.parts.set(key, (list = []));
    list.push(d);
  }
  entries(): [string, string][] {
    return [...this.parts].map(([key, list]) => [key, list.join('')]);
  }
}

function roundedRect(x: number, y: number, w: number, h: number, radius: number): string {
  const r = Math.min(radius, w / 2, h / 2);
  return (
    `M${num(x + r)} ${num(y)}H${num(x + w - r)}A${num(r)} ${num(r)} 0 0 1 ${num(x + w)} ${num(y + r)}` +
    `V${num(y + h - r)}A${num(r)} ${num(r)} 0 0 1 ${num(x + w - r)} ${num(y + h)}H${num(x + r)}` +
    `A${num(r)} ${num(r)} 0 0 1 ${num(x)} ${num(y + h - r)}V${num(y + r)}A${num(r)} ${num(r)} 0 0 1 ${num(x + r)} ${num(y)}Z`
  );
}

/** Edge stroke width at scale 1 for a weight step: 2 to 8 px. */
function edgeWidth(level: number): number {
  return 2 + 1.5 * level;
}

/** Strength of a heat overlay's shape for a weight step (a path overlay draws everything at full strength). */
function strength(scene: OverlayScene, level: number): number {
  return scene.kind === 'heat' ? 0.4 + (0.6 * level) / OVERLAY_LEVELS : 1;
}

interface Text {
  x: number;
  y: number;
  text: string;
  className: string;
}

/** The widgets' rings, badges and captions, as batched shapes and texts. */
function drawWidgets(widgets: readonly OverlaySceneWidget[], k: number) {
  const rings = new Batch();
  const pills = new Batch();
  let glow = '';
  const texts: Text[] = [];
  const pillHeight = PILL_HEIGHT * k;
  const pillWidth = (text: string) => (text.length * GLYPH * FONT_SIZE + 2 * PILL_PADDING) * k;
  for (const w of widgets) {
    const gap = RING_GAP * k;
    const x = w.box.x - gap;
    const y = w.box.y - gap;
    const width = w.box.width + 2 * gap;
    const height = w.box.height + 2 * gap;
    const ring = roundedRect(x, y, width, height, RING_RADIUS * k);
    const look = w.mark === 'ended' || w.mark === 'waiting' ? w.mark : 'mark';
    if (w.focus) glow += ring;
    rings.add(`${look} ${w.level}`, ring);
    if (!w.labelled) continue;
    // The badge on the ring's top-right corner, the caption on its top-left one, both across the ring's line.
    if (w.badge !== '') {
      const bw = pillWidth(w.badge);
      pills.add('mark', roundedRect(x + width - bw, y - pillHeight / 2, bw, pillHeight, pillHeight / 2));
      texts.push({ x: x + width - bw / 2, y, text: w.badge, className: 'ov-pill-text' });
    }
    if (w.caption !== '') {
      const cw = pillWidth(w.caption);
      pills.add(look, roundedRect(x, y - pillHeight / 2, cw, pillHeight, pillHeight / 2));
      texts.push({ x: x + cw / 2, y, text: w.caption, className: 'ov-pill-text' });
    }
  }
  return { glow, rings, pills, texts };
}

function ringProps(key: string, scene: OverlayScene, k: number) {
  const [look = 'mark', levelText = '0'] = key.split(' ');
  const level = Number(levelText);
  if (look === 'ended') return { className: 'ov-ring ov-ended', strokeWidth: 4 * k };
  if (look === 'waiting') {
    return {
      className: 'ov-ring ov-waiting',
      strokeWidth: 3 * k,
      strokeDasharray: `${num(7 * k)} ${num(4 * k)}`,
    };
  }
  return { className: 'ov-ring', strokeWidth: (2 + 0.5 * level) * k, opacity: strength(scene, level) };
}

/** The overlay's drawing at `scale` (overlayScale of the zoom): an SVG in flow coordinates. */
export const OverlaySvg = memo(function OverlaySvg({
  scene,
  scale: k,
}: {
  scene: OverlayScene;
  scale: number;
}) {
  const curves = new Batch();
  const arrows = new Batch();
  const labels: Text[] = [];
  for (const e of scene.edges) {
    const key = `${e.current ? 'current' : 'edge'} ${e.level}`;
    curves.add(key, e.d);
    // The arrowhead points down into the input (the curve arrives vertically), its middle on the curve's end.
    const half = (4 + e.level) * k;
    const length = (9 + 1.5 * e.level) * k;
    arrows.add(
      key,
      `M${num(e.tx - half)} ${num(e.ty - length / 2)}L${num(e.tx)} ${num(e.ty + length / 2)}L${num(e.tx + half)} ${num(e.ty - length / 2)}Z`,
    );
    if (e.labelled) {
      labels.push({
        x: e.mx,
        y: e.my,
        text: e.label,
        className: e.current ? 'ov-label ov-current' : 'ov-label',
      });
    }
  }
  const { glow, rings, pills, texts } = drawWidgets(scene.widgets, k);
  const levelOf = (key: string) => Number(key.split(' ')[1] ?? '0');
  const widthOf = (key: string) => {
    const level = levelOf(key);
    return (key.startsWith('current') ? Math.max(edgeWidth(level), 5) : edgeWidth(level)) * k;
  };
  const curveEntries = curves.entries();
  return (
    <svg
      className={`canvas-overlay ov-${scene.kind}`}
      aria-hidden="true"
      focusable="false"
      data-edges={scene.edges.length}
      data-widgets={scene.widgets.length}
    >
      {/* Under the curves, a halo of the canvas's colour parts them from the dimmed connections they cross. */}
      {curveEntries.map(([key, d]) => (
        <path key={`h${key}`} className="ov-halo" d={d} strokeWidth={widthOf(key) + 4 * k} />
      ))}
      {curveEntries.map(([key, d]) => {
        const current = key.startsWith('current');
        return (
          <path
            key={key}
            className={current ? 'ov-edge ov-current' : 'ov-edge'}
            d={d}
            strokeWidth={widthOf(key)}
            opacity={current ? 1 : strength(scene, levelOf(key))}
          />
        );
      })}
      {arrows.entries().map(([key, d]) => (
        <path
          key={key}
          className="ov-arrow"
          d={d}
          opacity={key.startsWith('current') ? 1 : strength(scene, levelOf(key))}
        />
      ))}
      {glow !== '' && <path className="ov-glow" d={glow} strokeWidth={14 * k} />}
      {rings.entries().map(([key, d]) => (
        <path key={key} d={d} {...ringProps(key, scene, k)} />
      ))}
      {pills.entries().map(([key, d]) => (
        <path key={key} className={`ov-pill ov-pill-${key}`} d={d} />
      ))}
      <g fontSize={FONT_SIZE * k} strokeWidth={3 * k}>
        {labels.map((t, i) => (
          <text key={`l${i}`} className={t.className} x={num(t.x)} y={num(t.y)}>
            {t.text}
          </text>
        ))}
        {texts.map((t, i) => (
          <text key={`t${i}`} className={t.className} x={num(t.x)} y={num(t.y)}>
            {t.text}
          </text>
        ))}
      </g>
    </svg>
  );
});

const selectScale = (s: ReactFlowState) => overlayScale(s.transform[2]);

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
  const scene = useMemo(
    () => (overlay && definition ? overlayScene(definition, overlay) : null),
    [definition, overlay],
  );
  const scale = useStore(selectScale);
  const shown = scene !== null;
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
        <OverlaySvg scene={scene} scale={scale} />
      </ViewportPortal>
    </>
  );
}
