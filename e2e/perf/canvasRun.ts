/**
 * One measured run of the canvas benchmark (e2e/perf/canvas.bench.ts) on one page, the editor or the bare React
 * Flow page, in a browser context of its own (a cold page: empty cache and storage, as a user opening a tab).
 *
 * Both pages are driven the same way and measured by the same in-page probe, which relies only on React Flow's own
 * DOM (`.react-flow`, `.react-flow__viewport`'s transform, `.react-flow__node`), never on the editor's code:
 *  1. load the page cold; its first contentful paint and the JS/CSS it fetched until the network is idle;
 *  2. open the flow as a file in the page's file input (the clock starts at the input's `change` event); every
 *     frame (requestAnimationFrame) records the viewport's transform and whether cards are painted, until the
 *     transform has not changed for {@link SETTLE_MS}: the view it settled on is the fitted view;
 *  3. JS heap after a forced GC, DOM elements in the canvas;
 *  4. at the opening view, then at 100 % zoom: drag a card, pan the empty canvas, zoom with the wheel, 2 s each,
 *     counting frames and long tasks.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { BenchFlow } from './flows';

export type PageKind = 'editor' | 'bare';

/** The view has settled when its transform has not changed for this long after the cards appeared. */
export const SETTLE_MS = 1500;
/** Length of each measured gesture. */
export const GESTURE_MS = 2000;
/** Long tasks that start up to this long after a gesture's last input count for it (a drop's commit, a zoom's end). */
const TAIL_MS = 300;
/** Pause between gestures, so one's aftermath does not land in the next. */
const PAUSE_MS = 700;
/**
 * When cards are not DOM nodes: the part of a card that lies inside the card on both pages, in flow px from its
 * offset (the editor's cards are 240 px wide and 86 px or taller, React Flow's default node 150 × 36).
 */
const CARD_AREA = { left: 8, top: 11, right: 68, bottom: 25 };
/**
 * Amplitude of the drag loop, px: small enough that on the editor's 720 × 449 px canvas some card of a
 * 400 × 300 px grid at 100 % always has its safe area far enough inside (see findCard).
 */
const DRAG = { dx: 120, dy: 70 };
/** Amplitude of the pan loop, px. */
const PAN = { dx: 200, dy: 120 };
/** Flow px around a widget's offset that may be covered by its card on either page (plus a margin). */
const CARD_BOX = { left: -10, top: -10, right: 250, bottom: 150 };

export interface GestureResult {
  fps: number;
  /** Longest gap between two frames during the gesture, ms. */
  worstFrameMs: number;
  longTasks: number[];
  /** Whether the gesture did what it says: a drag moved a card (not the view), a pan or zoom moved the view. */
  valid: boolean;
  /** Why not, when it did not. */
  note?: string;
}

export interface RunResult {
  page: PageKind;
  /** First contentful paint of the cold page (no flow yet), ms from navigation start. */
  fcpMs: number;
  /**
   * When the page could open a flow: its file input was in the DOM (the app's first render), ms from navigation
   * start. Told apart from the first paint, which a page may make earlier with static HTML.
   */
  readyMs: number;
  /**
   * JS heap of the page with no flow open (after a forced GC, before the import): what the page costs by itself,
   * told apart from what a flow adds (`heapMb` minus this). NaN in an import-only run.
   */
  heapEmptyMb: number;
  /** JS and CSS the cold page fetched before the flow was opened: path, bytes received, gzip size (filled in later). */
  fetched: { path: string; bytes: number; gzip?: number }[];
  /** From the file input's change event to the first frame with the final transform and cards painted. */
  fittedMs: number | null;
  /** From the change event to the first frame with cards painted, whatever the transform. */
  firstCardsMs: number | null;
  /**
   * Frames with cards painted at another transform before the final one (the "100 % flash"): how many, the zoom of
   * the first, and how long from it to the fitted view (ms: how long the wrong view stayed on screen).
   */
  flash: { frames: number; zoom: number; ms: number } | null;
  openingZoom: number;
  /** Longest task between the change event and the fitted view, ms. */
  importLongestTaskMs: number;
  /** What the frames showed after the change event, one entry per change (ms from the event; at most 40). */
  timeline: { ms: number; zoom: number; x: number; y: number; painted: boolean }[];
  heapMb: number;
  domFit: number;
  dom100: number;
  zoom100: number;
  gestures: Record<GestureName, GestureResult>;
  /** With `executions.steps`: what loading them and drawing their overlay cost. */
  overlay?: OverlayLoad | null;
}

export const GESTURES = ['dragFit', 'panFit', 'zoomFit', 'drag100', 'pan100', 'zoom100'] as const;
export type GestureName = (typeof GESTURES)[number];

interface Viewport {
  x: number;
  y: number;
  zoom: number;
  /** The `.react-flow` element's box in the page, px. */
  left: number;
  top: number;
  width: number;
  height: number;
}

/** In-page state of the probe (window.__probe). */
interface Probe {
  frames: number[];
  long: { start: number; duration: number }[];
  start: number | null;
  watching: boolean;
  samples: { t: number; tf: string; painted: boolean }[];
  lastTf: string;
  lastChange: number;
  firstPainted: number | null;
}

/** Installs the probe: frame times, long tasks, the change event's time, and (while watching) viewport samples. */
async function installProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe: Probe = {
      frames: [],
      long: [],
      start: null,
      watching: false,
      samples: [],
      lastTf: '',
      lastChange: 0,
      firstPainted: null,
    };
    (window as unknown as { __probe: Probe }).__probe = probe;
    window.addEventListener(
      'change',
      () => {
        probe.start = performance.now();
        probe.watching = true;
      },
      { capture: true, once: true },
    );
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.long.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: false });
    const tick = () => {
      const t = performance.now();
      probe.frames.push(t);
      if (probe.watching) {
        // What this frame will paint: React commits in tasks between frames, so the DOM read in a frame's
        // requestAnimationFrame callback is the DOM that frame paints. Inline styles only: no style recalculation.
        const root = document.querySelector('.react-flow');
        const viewport = root?.querySelector<HTMLElement>('.react-flow__viewport');
        const tf = viewport?.style.transform ?? '';
        const node = root?.querySelector<HTMLElement>('.react-flow__node');
        // Cards are painted when a node is shown (React Flow hides nodes it has not measured yet), or when the page
        // says it drew them some other way (a canvas layer marks itself with data-cards-painted).
        const painted =
          (node !== null && node !== undefined && node.style.visibility !== 'hidden') ||
          (root?.querySelector('[data-cards-painted]') ?? null) !== null;
        probe.samples.push({ t, tf, painted });
        if (tf !== probe.lastTf || (painted && probe.firstPainted === null)) probe.lastChange = t;
        if (painted && probe.firstPainted === null) probe.firstPainted = t;
        probe.lastTf = tf;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

function parseTransform(tf: string): { x: number; y: number; zoom: number } {
  const m = /translate\(\s*(-?[\d.e+-]+)px\s*,\s*(-?[\d.e+-]+)px\s*\)\s*scale\(\s*([\d.e+-]+)\s*\)/.exec(tf);
  return m ? { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]) } : { x: 0, y: 0, zoom: 1 };
}

async function readViewport(page: Page): Promise<Viewport> {
  const v = await page.evaluate(() => {
    const root = document.querySelector('.react-flow');
    const viewport = root?.querySelector<HTMLElement>('.react-flow__viewport');
    if (!root || !viewport) throw new Error('no React Flow canvas on the page');
    const r = root.getBoundingClientRect();
    return { tf: viewport.style.transform, left: r.left, top: r.top, width: r.width, height: r.height };
  });
  return { ...parseTransform(v.tf), left: v.left, top: v.top, width: v.width, height: v.height };
}

/** Waits until cards are painted and the transform has been still for SETTLE_MS; then reads what happened. */
async function waitForFittedView(
  page: Page,
): Promise<
  Pick<RunResult, 'fittedMs' | 'firstCardsMs' | 'flash' | 'openingZoom' | 'importLongestTaskMs' | 'timeline'>
> {
  const deadline = Date.now() + 240_000;
  for (;;) {
    const state = await page.evaluate(() => {
      const p = (window as unknown as { __probe: Probe }).__probe;
      return { firstPainted: p.firstPainted, lastChange: p.lastChange, now: performance.now() };
    });
    if (state.firstPainted !== null && state.now - state.lastChange >= SETTLE_MS) break;
    if (Date.now() > deadline) throw new Error('the canvas did not settle within 240 s of opening the flow');
    await page.waitForTimeout(200);
  }
  const result = await page.evaluate(() => {
    const p = (window as unknown as { __probe: Probe }).__probe;
    p.watching = false;
    const start = p.start ?? 0;
    const final = p.lastTf;
    const fitted = p.samples.find((s) => s.painted && s.tf === final);
    const first = p.samples.find((s) => s.painted);
    const early = p.samples.filter((s) => s.painted && s.tf !== final && (!fitted || s.t < fitted.t));
    const end = fitted?.t ?? performance.now();
    const importLong = p.long.filter((l) => l.start >= start && l.start < end).map((l) => l.duration);
    return {
      fittedMs: fitted ? fitted.t - start : null,
      firstCardsMs: first ? first.t - start : null,
      final,
      early: early.length,
      earlyTf: early[0]?.tf ?? '',
      earlyMs: early[0] ? end - early[0].t : 0,
      importLongestTaskMs: Math.max(0, ...importLong),
      changes: p.samples
        .filter((s, i, all) => i === 0 || s.tf !== all[i - 1]?.tf || s.painted !== all[i - 1]?.painted)
        .slice(0, 40)
        .map((s) => ({ ms: s.t - start, tf: s.tf, painted: s.painted })),
    };
  });
  return {
    fittedMs: result.fittedMs,
    firstCardsMs: result.firstCardsMs,
    flash:
      result.early > 0
        ? { frames: result.early, zoom: parseTransform(result.earlyTf).zoom, ms: result.earlyMs }
        : null,
    openingZoom: parseTransform(result.final).zoom,
    importLongestTaskMs: result.importLongestTaskMs,
    timeline: result.changes.map((c) => ({
      ms: Math.round(c.ms),
      ...parseTransform(c.tf),
      painted: c.painted,
    })),
  };
}

/** What is at each screen point: a card, an edge, the empty pane, or something else (a panel, a control). */
async function hitTest(
  page: Page,
  points: { x: number; y: number }[],
): Promise<{ kind: string; what: string }[]> {
  return page.evaluate((pts) => {
    return pts.map(({ x, y }) => {
      const el = document.elementFromPoint(x, y);
      const what = el
        ? `${el.tagName.toLowerCase()}.${(el.getAttribute('class') ?? '').split(/\s+/).join('.')}`
        : '';
      if (!el?.closest('.react-flow')) return { kind: 'outside', what };
      if (el.closest('.react-flow__handle')) return { kind: 'handle', what };
      if (el.closest('.react-flow__node')) return { kind: 'node', what };
      if (el.closest('.react-flow__edge, .react-flow__edgelabel-renderer')) return { kind: 'edge', what };
      if (el.closest('.react-flow__panel, .react-flow__controls, .react-flow__minimap'))
        return { kind: 'panel', what };
      return { kind: 'pane', what };
    });
  }, points);
}

/**
 * A point on a card near the middle of the canvas, from which a drag (±{@link DRAG} px) keeps the pointer more than
 * React Flow's auto-pan distance (40 px) from the canvas's edges, so the view stays where it is. Cards are the DOM
 * nodes on screen (a drag moves a card, and a card does not come back exactly where it was: React Flow's drag begins
 * at the first move); the flow's own positions are used only when no card is a DOM node (a page that draws cards on
 * a canvas layer). Of each card, the point of a safe area (clear of the handles) nearest the middle, hit-tested.
 */
async function findCard(page: Page, flow: BenchFlow): Promise<{ x: number; y: number; hit: string }> {
  const v = await readViewport(page);
  const margin = 42;
  const box = {
    left: v.left + margin + DRAG.dx,
    right: v.left + v.width - margin - DRAG.dx,
    top: v.top + margin + DRAG.dy / 2,
    bottom: v.top + v.height - margin - DRAG.dy / 2,
  };
  const cx = v.left + v.width / 2;
  const cy = v.top + v.height / 2;
  const clamp = (value: number, lo: number, hi: number) => Math.min(Math.max(value, lo), hi);
  let areas = await page.evaluate(
    ({ b, zoom }) => {
      // The left part of the card's head: clear of React Flow's default handles (top and bottom centre), of the
      // editor's input (top centre) and of its ports (rows along the bottom, from 64 px down). The head is the top
      // 36 px of a default node, the top 60 px of an editor card.
      return [...document.querySelectorAll('.react-flow .react-flow__node')].flatMap((n) => {
        const r = n.getBoundingClientRect();
        if (r.right < b.left || r.left > b.right || r.bottom < b.top || r.top > b.bottom) return [];
        const head = Math.min(r.height, 60 * zoom);
        return [
          {
            left: r.left + r.width * 0.05,
            right: r.left + r.width * 0.45,
            top: r.top + head * 0.3,
            bottom: r.top + head * 0.7,
          },
        ];
      });
    },
    { b: box, zoom: v.zoom },
  );
  // Cards drawn some other way (a canvas layer) are found from the flow's positions; a page that draws most cards
  // that way may still have a few DOM cards (e.g. the selected one), too small at this zoom to press.
  if (areas.length < 20) {
    areas = areas.concat(
      [...flow.positions.values()].map((p) => ({
        left: v.left + v.x + (p.x + CARD_AREA.left) * v.zoom,
        right: v.left + v.x + (p.x + CARD_AREA.right) * v.zoom,
        top: v.top + v.y + (p.y + CARD_AREA.top) * v.zoom,
        bottom: v.top + v.y + (p.y + CARD_AREA.bottom) * v.zoom,
      })),
    );
  }
  const candidates = areas
    .map((a) => ({ x: clamp(cx, a.left, a.right), y: clamp(cy, a.top, a.bottom) }))
    .filter((p) => p.x >= box.left && p.x <= box.right && p.y >= box.top && p.y <= box.bottom)
    .sort((a, b) => Math.hypot(a.x - cx, a.y - cy) - Math.hypot(b.x - cx, b.y - cy))
    .slice(0, 60);
  const hits = await hitTest(page, candidates);
  const i = hits.findIndex((h) => h.kind === 'node');
  const k = i >= 0 ? i : hits.findIndex((h) => h.kind === 'pane');
  const found = candidates[k];
  if (!found) {
    throw new Error(
      `no card near the middle of the canvas (view ${JSON.stringify(v)}; ${areas.length} cards, ` +
        `${candidates.length} in reach: ${hits.map((h) => h.what).join(', ')})`,
    );
  }
  return { ...found, hit: `${hits[k]?.kind ?? ''}: ${hits[k]?.what ?? ''}` };
}

/**
 * A point of the empty canvas, the nearest to its middle: outside every card's box (from the flow's positions), and
 * hit-tested to be the pane itself (else, in a view crowded with connections, a connection), never a card, a handle
 * or a panel.
 */
async function findEmpty(page: Page, flow: BenchFlow): Promise<{ x: number; y: number }> {
  const v = await readViewport(page);
  const bucket = 500;
  const grid = new Map<string, { x: number; y: number }[]>();
  for (const p of flow.positions.values()) {
    for (
      let bx = Math.floor((p.x + CARD_BOX.left) / bucket);
      bx <= Math.floor((p.x + CARD_BOX.right) / bucket);
      bx++
    ) {
      for (
        let by = Math.floor((p.y + CARD_BOX.top) / bucket);
        by <= Math.floor((p.y + CARD_BOX.bottom) / bucket);
        by++
      ) {
        const key = `${bx},${by}`;
        const list = grid.get(key) ?? [];
        list.push(p);
        grid.set(key, list);
      }
    }
  }
  const covered = (fx: number, fy: number) =>
    (grid.get(`${Math.floor(fx / bucket)},${Math.floor(fy / bucket)}`) ?? []).some(
      (p) =>
        fx >= p.x + CARD_BOX.left &&
        fx <= p.x + CARD_BOX.right &&
        fy >= p.y + CARD_BOX.top &&
        fy <= p.y + CARD_BOX.bottom,
    );
  const cx = v.left + v.width / 2;
  const cy = v.top + v.height / 2;
  const candidates: { x: number; y: number }[] = [];
  for (let r = 0; r < Math.hypot(v.width, v.height) / 2 && candidates.length < 3000; r += 3) {
    const steps = Math.max(1, Math.round((2 * Math.PI * r) / 3));
    for (let k = 0; k < steps; k++) {
      const x = Math.round(cx + r * Math.cos((2 * Math.PI * k) / steps));
      const y = Math.round(cy + r * Math.sin((2 * Math.PI * k) / steps));
      const inside =
        x > v.left + 10 && x < v.left + v.width - 10 && y > v.top + 10 && y < v.top + v.height - 10;
      if (inside && !covered((x - v.left - v.x) / v.zoom, (y - v.top - v.y) / v.zoom))
        candidates.push({ x, y });
    }
  }
  const hits = await hitTest(page, candidates);
  // The pane itself; else a connection (React Flow pans from one too), as a crowded view leaves no bare pane.
  const pane = hits.findIndex((h) => h.kind === 'pane');
  const found = candidates[pane >= 0 ? pane : hits.findIndex((h) => h.kind === 'edge')];
  if (!found) {
    const kinds = new Map<string, number>();
    for (const h of hits) kinds.set(h.what, (kinds.get(h.what) ?? 0) + 1);
    throw new Error(
      `no empty spot on the canvas (view ${JSON.stringify(v)}; ${candidates.length} points off the cards: ` +
        `${JSON.stringify([...kinds])})`,
    );
  }
  return found;
}

async function phaseStart(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

async function phaseEnd(page: Page, t0: number, t1: number, problem: string): Promise<GestureResult> {
  await page.waitForTimeout(TAIL_MS);
  const r = await page.evaluate(
    ({ from, to, tail }) => {
      const p = (window as unknown as { __probe: Probe }).__probe;
      const frames = p.frames.filter((t) => t >= from && t <= to);
      let worst = 0;
      let prev = from;
      for (const t of [...frames, to]) {
        worst = Math.max(worst, t - prev);
        prev = t;
      }
      const long = p.long.filter((l) => l.start >= from && l.start <= to + tail).map((l) => l.duration);
      return { fps: (frames.length * 1000) / (to - from), worst, long };
    },
    { from: t0, to: t1, tail: TAIL_MS },
  );
  await page.waitForTimeout(PAUSE_MS);
  return {
    fps: r.fps,
    worstFrameMs: r.worst,
    longTasks: r.long,
    valid: problem === '',
    ...(problem === '' ? {} : { note: problem }),
  };
}

/**
 * What the page shows during a gesture: is a card being dragged, and where is the view. A card is dragged as a DOM
 * node (React Flow's class `dragging`, both pages) or, in the editor zoomed out, drawn on the far canvas's moving
 * layer (src/canvas/FarLayer.tsx: drawn only while a card is pressed or dragged).
 */
async function duringGesture(page: Page): Promise<{ dragging: boolean; tf: string }> {
  return page.evaluate(() => ({
    dragging:
      document.querySelector('.react-flow__node.dragging, canvas.canvas-far-moving[data-drawn]') !== null,
    tf: document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '',
  }));
}

/** What was seen during a gesture, looked at every {@link LOOK_MS} (one evaluate each: no cost to the page's frames). */
interface Seen {
  /** A card was being dragged at some look. */
  dragging: boolean;
  /** Every transform seen. */
  transforms: Set<string>;
}
const LOOK_MS = 250;

/**
 * Button held at `from`, moved along a figure of eight (±dx across, ±dy/2 down) for GESTURE_MS, as fast as the page
 * takes the moves (each is dispatched when the page has handled the one before, as a real mouse's events queue
 * up), back to `from`, released.
 */
async function sweep(
  page: Page,
  from: { x: number; y: number },
  dx: number,
  dy: number,
): Promise<{ t0: number; t1: number; seen: Seen }> {
  await page.mouse.move(from.x, from.y);
  const t0 = await phaseStart(page);
  await page.mouse.down();
  const began = Date.now();
  const seen: Seen = { dragging: false, transforms: new Set() };
  let lookAt = began + LOOK_MS;
  while (Date.now() - began < GESTURE_MS) {
    const p = ((Date.now() - began) / GESTURE_MS) * Math.PI * 2;
    await page.mouse.move(from.x + Math.sin(p) * dx, from.y + Math.sin(2 * p) * dy * 0.5);
    if (Date.now() >= lookAt) {
      const now = await duringGesture(page);
      seen.dragging ||= now.dragging;
      seen.transforms.add(now.tf);
      lookAt = Date.now() + LOOK_MS;
    }
  }
  await page.mouse.move(from.x, from.y);
  await page.mouse.up();
  const t1 = await phaseStart(page);
  return { t0, t1, seen };
}

async function transformNow(page: Page): Promise<string> {
  return page.evaluate(
    () => document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '',
  );
}

async function drag(page: Page, flow: BenchFlow): Promise<GestureResult> {
  const at = await findCard(page, flow);
  const before = await transformNow(page);
  const { t0, t1, seen } = await sweep(page, at, DRAG.dx, DRAG.dy);
  const moved = [...seen.transforms].some((tf) => tf !== before);
  return phaseEnd(
    page,
    t0,
    t1,
    !seen.dragging ? `no card was being dragged (${at.hit})` : moved ? 'the view moved while dragging' : '',
  );
}

async function pan(page: Page, flow: BenchFlow): Promise<GestureResult> {
  const at = await findEmpty(page, flow);
  const before = await transformNow(page);
  const { t0, t1, seen } = await sweep(page, at, PAN.dx, PAN.dy);
  const moved = [...seen.transforms].some((tf) => tf !== before);
  return phaseEnd(
    page,
    t0,
    t1,
    seen.dragging ? 'a card was dragged instead' : !moved ? 'the view did not move' : '',
  );
}

/** React Flow's wheel zoom: each pixel of deltaY scales the view by 2^-0.002 (d3-zoom's default, kept by React Flow). */
const WHEEL_ZOOM_PER_PX = 0.002;

/** Wheel in (8 notches) and out (8 notches) over an empty spot, again and again for GESTURE_MS: back where it began. */
async function zoom(page: Page, flow: BenchFlow): Promise<GestureResult> {
  const at = await findEmpty(page, flow);
  await page.mouse.move(at.x, at.y);
  const before = await readViewport(page);
  const t0 = await phaseStart(page);
  const began = Date.now();
  let zoomedIn: number | null = null;
  do {
    for (let i = 0; i < 8; i++) await page.mouse.wheel(0, -60);
    zoomedIn ??= (await readViewport(page)).zoom;
    for (let i = 0; i < 8; i++) await page.mouse.wheel(0, 60);
  } while (Date.now() - began < GESTURE_MS);
  const t1 = await phaseStart(page);
  return phaseEnd(page, t0, t1, zoomedIn > before.zoom ? '' : 'the view did not zoom in');
}

/**
 * Zooms to `target` with the wheel as a user would (a few big notches), around a card near the middle: the card
 * stays under the pointer, so there is a card to drag at the new zoom too (in a sparse flow, the middle of the view
 * at 100 % may well be empty).
 */
async function zoomTo(page: Page, flow: BenchFlow, target: number): Promise<number> {
  const at = await findCard(page, flow);
  await page.mouse.move(at.x, at.y);
  let current = (await readViewport(page)).zoom;
  for (let i = 0; i < 6 && Math.abs(current / target - 1) > 0.005; i++) {
    const delta = Math.log2(current / target) / WHEEL_ZOOM_PER_PX;
    // In notches of at most 500 px, as a fast flick of the wheel comes.
    for (let left = delta; Math.abs(left) > 0.5; left -= Math.sign(left) * Math.min(500, Math.abs(left))) {
      await page.mouse.wheel(0, Math.sign(left) * Math.min(500, Math.abs(left)));
    }
    await page.waitForTimeout(400);
    current = (await readViewport(page)).zoom;
  }
  await page.waitForTimeout(PAUSE_MS);
  return current;
}

async function canvasElements(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelector('.react-flow')?.getElementsByTagName('*').length ?? 0);
}

async function heapAfterGc(page: Page): Promise<number> {
  return page.evaluate(() => {
    const gc = (window as unknown as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const mem = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    return (mem?.usedJSHeapSize ?? 0) / 1024 / 1024;
  });
}

export interface RunOptions {
  browser: Browser;
  contextOptions: Parameters<Browser['newContext']>[0];
  /** The page to open: the editor's or the bare page's URL. */
  url: string;
  kind: PageKind;
  flow: BenchFlow;
  /** Only the import (for the warm-up): no heap, no gestures. */
  importOnly?: boolean;
  /** Whether to measure the gestures (default true); without them a run measures opening, heap and DOM only. */
  gestures?: boolean;
  /**
   * The editor with its Executions tab open, and (when `steps` is given) these executions loaded there: their overlay
   * is on the canvas for every gesture (e2e/perf/executions.bench.ts).
   */
  executions?: { steps?: string };
}

/** What loading the executions cost, from the file input's change event to the overlay's first frame. */
export interface OverlayLoad {
  ms: number;
  /** Longest task from the change event to the overlay's first frame. */
  longestTaskMs: number;
  /** Longest task that began in the second after that frame (work the page left for later: effects, deferred renders). */
  afterTaskMs: number;
  /** Elements of the overlay's SVG. */
  elements: number;
}

/** How long after the overlay's first frame long tasks still count as the load's aftermath. */
const AFTER_MS = 1000;

/**
 * Opens the Executions tab and, given steps, loads them from its file input; measures until the overlay is drawn.
 * The steps are given as a file on disk, as a user picks one: given as a buffer, Playwright would build the File in
 * the page, decoding megabytes of base64 in the very task that dispatches the change event (300 ms and more, which
 * the longest task then would count as the page's).
 */
async function loadExecutions(page: Page, steps: string | undefined): Promise<OverlayLoad | null> {
  await page.getByRole('tab', { name: 'Executions' }).click();
  const input = page.getByRole('region', { name: 'Executions' }).locator('input[type=file]').first();
  await input.waitFor({ state: 'attached' });
  await page.waitForTimeout(PAUSE_MS);
  if (steps === undefined) return null;
  const dir = mkdtempSync(join(tmpdir(), 'bench-steps-'));
  const file = join(dir, 'steps.json');
  writeFileSync(file, steps);
  try {
    await page.evaluate(() => {
      const w = window as unknown as { __overlayStart?: number };
      window.addEventListener('change', () => (w.__overlayStart = performance.now()), {
        capture: true,
        once: true,
      });
    });
    await input.setInputFiles(file);
    await page.locator('svg.canvas-overlay').waitFor({ state: 'attached', timeout: 60_000 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const load = await page.evaluate(
    () =>
      new Promise<Omit<OverlayLoad, 'afterTaskMs'>>((resolve) => {
        // The frame after the overlay's commit is the one that paints it.
        requestAnimationFrame(() => {
          const end = performance.now();
          const w = window as unknown as { __overlayStart?: number; __probe: Probe };
          const start = w.__overlayStart ?? end;
          const longest = w.__probe.long
            .filter((t) => t.start + t.duration >= start && t.start <= end)
            .reduce((m, t) => Math.max(m, t.duration), 0);
          (w as unknown as { __overlayEnd: number }).__overlayEnd = end;
          resolve({
            ms: end - start,
            longestTaskMs: longest,
            elements: document.querySelector('svg.canvas-overlay')?.getElementsByTagName('*').length ?? 0,
          });
        });
      }),
  );
  await page.waitForTimeout(Math.max(PAUSE_MS, AFTER_MS + 100));
  const afterTaskMs = await page.evaluate((after) => {
    const w = window as unknown as { __overlayEnd: number; __probe: Probe };
    return w.__probe.long
      .filter((t) => t.start > w.__overlayEnd && t.start <= w.__overlayEnd + after)
      .reduce((m, t) => Math.max(m, t.duration), 0);
  }, AFTER_MS);
  return { ...load, afterTaskMs };
}

/** Fails the run on any uncaught error or console.error of the page, as e2e/test.ts does for fixture pages. */
function watchErrors(context: BrowserContext): string[] {
  const errors: string[] = [];
  context.on('page', (page) => {
    page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
  });
  return errors;
}

export async function measureRun(options: RunOptions): Promise<RunResult> {
  const { browser, url, kind, flow } = options;
  const context = await browser.newContext(options.contextOptions);
  const errors = watchErrors(context);
  try {
    const page = await context.newPage();
    // Records when the file input first appears (before any of the page's own scripts run).
    await page.addInitScript(() => {
      const w = window as unknown as { __ready?: number };
      const look = () => {
        if (w.__ready === undefined && document.querySelector('input[type=file]'))
          w.__ready = performance.now();
      };
      new MutationObserver(look).observe(document, { childList: true, subtree: true });
    });
    await page.goto(url);
    const input = page.locator('input[type=file]').first();
    await input.waitFor({ state: 'attached' });
    // Cold start over: what the page fetches on its own at start (e.g. lazily loaded chunks) is done.
    await page.waitForLoadState('networkidle');
    const cold = await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      ready: (window as unknown as { __ready?: number }).__ready ?? NaN,
      fetched: performance
        .getEntriesByType('resource')
        .map((e) => e as PerformanceResourceTiming)
        .filter((e) => /\.(js|css)$/.test(new URL(e.name).pathname))
        .map((e) => ({ path: new URL(e.name).pathname, bytes: e.encodedBodySize })),
    }));
    const heapEmptyMb = options.importOnly === true ? NaN : await heapAfterGc(page);
    await installProbe(page);
    await page.waitForTimeout(300);
    await input.setInputFiles({
      name: 'flow.json',
      mimeType: 'application/json',
      buffer: Buffer.from(flow.text),
    });
    const opened = await waitForFittedView(page);
    const empty: GestureResult = { fps: NaN, worstFrameMs: NaN, longTasks: [], valid: false };
    const result: RunResult = {
      page: kind,
      fcpMs: cold.fcp,
      readyMs: cold.ready,
      heapEmptyMb,
      fetched: cold.fetched,
      ...opened,
      heapMb: NaN,
      domFit: NaN,
      dom100: NaN,
      zoom100: NaN,
      gestures: {
        dragFit: empty,
        panFit: empty,
        zoomFit: empty,
        drag100: empty,
        pan100: empty,
        zoom100: empty,
      },
    };
    if (options.executions) result.overlay = await loadExecutions(page, options.executions.steps);
    if (options.importOnly !== true) {
      result.heapMb = await heapAfterGc(page);
      result.domFit = await canvasElements(page);
    }
    if (options.importOnly !== true && options.gestures !== false) {
      result.gestures.dragFit = await traced(browser, page, 'dragFit', () => drag(page, flow));
      result.gestures.panFit = await traced(browser, page, 'panFit', () => pan(page, flow));
      result.gestures.zoomFit = await traced(browser, page, 'zoomFit', () => zoom(page, flow));
      result.zoom100 = await zoomTo(page, flow, 1);
      result.dom100 = await canvasElements(page);
      result.gestures.drag100 = await traced(browser, page, 'drag100', () => drag(page, flow));
      result.gestures.pan100 = await traced(browser, page, 'pan100', () => pan(page, flow));
      result.gestures.zoom100 = await traced(browser, page, 'zoom100', () => zoom(page, flow));
    }
    if (errors.length > 0) {
      throw new Error(`${errors.length} page error(s) on the ${kind} page:\n  ${errors.join('\n  ')}`);
    }
    return result;
  } finally {
    await context.close();
  }
}

let traces = 0;

/**
 * Runs a gesture, recording a Chrome performance trace of it when BENCH_TRACE names it (BENCH_TRACE=zoom100): the
 * trace is written to BENCH_TRACE_DIR (default the system's temporary directory), one file per run, for profiling.
 */
async function traced<T>(browser: Browser, page: Page, name: GestureName, run: () => Promise<T>): Promise<T> {
  if (process.env.BENCH_TRACE !== name) return run();
  const path = join(process.env.BENCH_TRACE_DIR ?? tmpdir(), `${name}-${++traces}.json`);
  await browser.startTracing(page, {
    path,
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      'disabled-by-default-devtools.timeline.frame',
      'cc',
      'gpu',
      'blink',
      'v8.execute',
    ],
  });
  try {
    return await run();
  } finally {
    await browser.stopTracing();
    console.log(`trace of ${name}: ${path}`);
  }
}

/** The size of the editor's canvas (its `.react-flow` element) with a flow open, px. */
export async function editorCanvasSize(
  browser: Browser,
  contextOptions: Parameters<Browser['newContext']>[0],
  url: string,
  flow: BenchFlow,
): Promise<{ width: number; height: number }> {
  const context = await browser.newContext(contextOptions);
  try {
    const page = await context.newPage();
    // Records when the file input first appears (before any of the page's own scripts run).
    await page.addInitScript(() => {
      const w = window as unknown as { __ready?: number };
      const look = () => {
        if (w.__ready === undefined && document.querySelector('input[type=file]'))
          w.__ready = performance.now();
      };
      new MutationObserver(look).observe(document, { childList: true, subtree: true });
    });
    await page.goto(url);
    await page
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name: 'flow.json', mimeType: 'application/json', buffer: Buffer.from(flow.text) });
    await page.locator('.react-flow__viewport').waitFor({ state: 'attached' });
    const v = await readViewport(page);
    return { width: Math.round(v.width), height: Math.round(v.height) };
  } finally {
    await context.close();
  }
}
