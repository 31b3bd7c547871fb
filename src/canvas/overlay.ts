/**
 * An execution overlay: what the app wants shown on top of the flow (one execution's path, or how often each
 * widget and transition was taken over many), and where it goes on the canvas. Pure (no React, no React Flow), so
 * it runs in Node tests; ExecutionOverlay.tsx draws the scene inside React Flow's viewport.
 *
 * Everything is placed in flow coordinates with the canvas's own geometry: each card's box is where mapping.ts puts
 * it (`displayOffset`, `cardSize` by its number of ports), and a transition is drawn along the very curve the canvas
 * draws for that port's connection: from the port's bottom middle to the top of the target's input knob, with React
 * Flow's bezier controls (`linkControls`, as the far canvas draws them), so the emphasised path lies on the edge it
 * emphasises, also where a connection loops back up.
 */
import { cardSize, INPUT_KNOB, portAnchor } from '../layout/cardGeometry';
import { displayOffset } from '../layout/offsets';
import { TRIGGER_TYPE } from '../model/commands';
import type { Box } from '../model/geometry';
import type { PortId } from '../model/ports';
import type { FlowDefinition, Widget } from '../model/types';
import { labelledPorts, type LabelledPort } from '../schema/ports';
import { drawnWidgets } from './cards';
import { num } from './exportImage';
import { linkControls } from './farScene';

/** How a widget is marked: passed through, reached (a heat overlay), where an execution ended or waits. */
export type OverlayMark = 'visited' | 'ended' | 'waiting' | 'reached';

/** A widget of the overlay. */
export interface OverlayWidget {
  /** Badges: visit numbers ("1", "4"), or a count ("128"). Shown grouped ("1, 4, 7"; "1…9 (5×)" past three). */
  badges: readonly string[];
  mark: OverlayMark;
  /** 0..1: how strongly it is drawn (a heat overlay). Default 1. In a heat overlay, 0 draws nothing. */
  weight?: number;
  /** A short caption drawn by the card; default "Ended" or "Waiting" for those marks, none for the others. */
  title?: string;
}

/** A transition taken: from a widget by an event (a port id, or an event name) to a widget. */
export interface OverlayEdge {
  from: string;
  /** The event (`match`, `incomingMessage`), or a port id (`match:2`). */
  event: string;
  to: string;
  /** Drawn on the curve: the event's name, or a count. */
  label: string;
  /** 0..1: the stroke's width (and, in a heat overlay, its strength; 0 draws nothing there). */
  weight: number;
  /** The transition into the step being looked at: drawn emphasised. */
  current?: boolean;
}

/** What the canvas shows over the flow while an execution (or a set of them) is being looked at. */
export interface CanvasOverlay {
  kind: 'path' | 'heat';
  /** Per widget name: badges, and how it is marked. */
  widgets: Readonly<Record<string, OverlayWidget>>;
  /** Per transition taken: source widget, event (the port), target; label (event name, or a count); weight 0..1. */
  edges: readonly OverlayEdge[];
  /** The widget of the step being looked at, emphasised more. */
  focus?: string;
}

/** Weights are drawn in this many steps above 0 (stroke widths and strengths), so shapes can share one path. */
export const OVERLAY_LEVELS = 4;

/**
 * At most this many texts (badges, captions, edge labels) are drawn: the overlay stays one SVG of at most a few
 * thousand elements on a 2,000-widget flow. Past it, the texts of the weakest widgets and transitions are left out
 * (their rings and curves are still drawn; the app lists everything in its table).
 */
export const MAX_OVERLAY_TEXTS = 1500;

/** Text sizes at scale 1, in flow px (times `overlayScale` zoomed out). */
export const OVERLAY_FONT_SIZE = 11;
const PILL_HEIGHT = 17;
const PILL_PADDING = 6;
/** Average glyph width as a share of the font size (no text measuring: an estimate, as the images make). */
const GLYPH = 0.62;
/** The ring's distance from the card and its corner radius at scale 1. */
const RING_GAP = 5;
export const RING_RADIUS = 8;

/** Longest badge or caption, in characters (longer ones are cut with "…"). */
const MAX_TEXT = 24;

export interface OverlaySceneWidget {
  name: string;
  /** The card's box, in flow coordinates. */
  box: Box;
  mark: OverlayMark;
  /** The weight in steps, 0..OVERLAY_LEVELS. */
  level: number;
  focus: boolean;
  /** The badges grouped into one text; '' when there are none. */
  badge: string;
  /** The caption ("Ended", "Waiting", or the widget's title); '' when there is none. */
  caption: string;
}

export interface OverlaySceneEdge {
  from: string;
  /** The event as given. */
  event: string;
  /** The port it was found at. */
  port: PortId;
  to: string;
  /** Labels of every entry for this same transition, distinct, joined with ", ". */
  label: string;
  /** The greatest weight given for it, within 0..1. */
  weight: number;
  level: number;
  current: boolean;
  /** Start (the port's bottom middle) and end (the top of the target's input), in flow coordinates. */
  sx: number;
  sy: number;
  tx: number;
  ty: number;
  /** The curve's path `d`. */
  d: string;
  /** The curve's midpoint, where its label goes. */
  mx: number;
  my: number;
}

/** A widget's texts (badge and caption) or an edge's label, by index in the scene's lists. */
export type OverlayTextOf = { widget: number; edge?: undefined } | { edge: number; widget?: undefined };

/** A transition of the overlay the flow cannot show: no such source or target widget, or no port for the event. */
export interface MissingTransition {
  edge: OverlayEdge;
  reason: 'source' | 'target' | 'event';
}

export interface OverlayScene {
  kind: CanvasOverlay['kind'];
  /** In the flow's widget order. */
  widgets: OverlaySceneWidget[];
  /** One per distinct transition (source, port, target), in the order first given. */
  edges: OverlaySceneEdge[];
  /** Transitions left out, as given. */
  missing: MissingTransition[];
  /** Widget names of the overlay that are not in the flow. */
  missingWidgets: string[];
  /**
   * Whose texts are drawn, most important first: the focus and the current transition, the end, then by weight.
   * At most MAX_OVERLAY_TEXTS texts; {@link overlayTexts} places them.
   */
  texts: OverlayTextOf[];
}

/** The largest {@link overlayScale}: a badge 16 times its size at zoom 1 (about 16 px high at zoom 1/16). */
export const MAX_OVERLAY_SCALE = 16;

/**
 * How much larger than at zoom 1 the overlay draws its marks, badges and labels at `zoom`, so that they stay
 * readable zoomed out (the far canvas's zooms included): 1 down to zoom 0.71, then in steps of √2, never more than
 * 1/zoom (so never larger on screen than at zoom 1), up to {@link MAX_OVERLAY_SCALE}. In steps, so that the overlay
 * is redrawn a few times over the whole zoom range, not at every frame of a zoom.
 */
export function overlayScale(zoom: number): number {
  if (!(zoom > 0)) return MAX_OVERLAY_SCALE;
  const steps = Math.floor(2 * Math.log2(1 / zoom));
  return Math.min(MAX_OVERLAY_SCALE, Math.max(1, 2 ** (steps / 2)));
}

/** Ports per widget object: widgets are never mutated, so an edit recomputes only the edited widget's. */
const PORTS = new WeakMap<Widget, readonly LabelledPort[]>();
function portsOf(widget: Widget): readonly LabelledPort[] {
  let ports = PORTS.get(widget);
  if (!ports) PORTS.set(widget, (ports = labelledPorts(widget)));
  return ports;
}

function boxOf(widget: Widget): Box {
  const { x, y } = displayOffset(widget);
  return { x, y, ...cardSize(portsOf(widget).length) };
}

/** A weight within 0..1 (anything not a finite number counts as 0). */
function clampWeight(weight: number): number {
  return Number.isFinite(weight) ? Math.min(1, Math.max(0, weight)) : 0;
}

function levelOf(weight: number): number {
  return Math.round(weight * OVERLAY_LEVELS);
}

function cut(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** Badges as one readable text: "4", "1, 4, 7", and past three "1…9 (5×)" (first…last, how many). */
export function groupBadges(badges: readonly string[]): string {
  if (badges.length === 0) return '';
  if (badges.length <= 3) return cut(badges.join(', '));
  return cut(`${badges[0] ?? ''}…${badges[badges.length - 1] ?? ''} (${badges.length}×)`);
}

/**
 * The port of `widget` a transition by `event` to `to` left from: the port named `event` if it leads to `to`,
 * else the port of that event leading to `to` (`match` finds the split condition `match:k` that did), else the
 * port named `event`, else the first of that event; null when the widget has no port for it.
 */
export function transitionPort(
  ports: readonly LabelledPort[],
  event: string,
  to: string,
): LabelledPort | null {
  const named = ports.find((p) => p.id === event);
  if (named?.next === to) return named;
  const leading = ports.find((p) => p.event === event && p.next === to);
  return leading ?? named ?? ports.find((p) => p.event === event) ?? null;
}

/** Which texts come first within the budget: the focus and the current transition, then the end, then the rest. */
function rank(emphasised: boolean, mark?: OverlayMark): number {
  if (emphasised) return 0;
  return mark === 'ended' || mark === 'waiting' ? 1 : 2;
}

/**
 * The overlay on `definition` (the flow as the canvas draws it): the cards' boxes of its widgets, and the curves of
 * its transitions. In a heat overlay, widgets and transitions of weight 0 are left out (nothing to show). Entries
 * for the same transition are drawn once. A transition the flow does not have is reported in `missing`.
 */
export function overlayScene(definition: FlowDefinition, overlay: CanvasOverlay): OverlayScene {
  const heat = overlay.kind === 'heat';
  const byName = new Map<string, Widget>();
  for (const widget of drawnWidgets(definition)) byName.set(widget.name, widget);
  const boxes = new Map<string, Box>();
  const box = (widget: Widget): Box => {
    let b = boxes.get(widget.name);
    if (!b) boxes.set(widget.name, (b = boxOf(widget)));
    return b;
  };

  const given = new Map(Object.entries(overlay.widgets));
  const missingWidgets = [...given.keys()].filter((name) => !byName.has(name));
  const widgets: OverlaySceneWidget[] = [];
  const widgetWeights: number[] = [];
  // In the flow's order, so that the drawing does not depend on the order the app listed them in.
  for (const [name, widget] of byName) {
    const entry = given.get(name);
    if (entry === undefined) continue;
    const weight = entry.weight === undefined ? 1 : clampWeight(entry.weight);
    if (heat && weight === 0) continue;
    widgetWeights.push(weight);
    const defaultCaption = entry.mark === 'ended' ? 'Ended' : entry.mark === 'waiting' ? 'Waiting' : '';
    widgets.push({
      name,
      box: box(widget),
      mark: entry.mark,
      level: levelOf(weight),
      focus: name === overlay.focus,
      badge: groupBadges(entry.badges),
      caption: cut(entry.title ?? defaultCaption),
    });
  }

  const edges: OverlaySceneEdge[] = [];
  const byKey = new Map<string, OverlaySceneEdge>();
  const missing: MissingTransition[] = [];
  for (const edge of overlay.edges) {
    const weight = clampWeight(edge.weight);
    if (heat && weight === 0) continue;
    const source = byName.get(edge.from);
    const target = byName.get(edge.to);
    if (!source) {
      missing.push({ edge, reason: 'source' });
      continue;
    }
    if (!target) {
      missing.push({ edge, reason: 'target' });
      continue;
    }
    const ports = portsOf(source);
    const port = transitionPort(ports, edge.event, edge.to);
    if (!port) {
      missing.push({ edge, reason: 'event' });
      continue;
    }
    const key = `${edge.from}\u0000${port.id}\u0000${edge.to}`;
    const seen = byKey.get(key);
    if (seen) {
      if (edge.label !== '' && !seen.label.split(', ').includes(edge.label)) {
        seen.label = seen.label === '' ? edge.label : `${seen.label}, ${edge.label}`;
      }
      seen.weight = Math.max(seen.weight, weight);
      seen.level = levelOf(seen.weight);
      seen.current ||= edge.current === true;
      continue;
    }
    const from = box(source);
    const to = box(target);
    const anchor = portAnchor(ports.indexOf(port), ports.length);
    const ends = {
      sx: from.x + anchor.x,
      sy: from.y + anchor.y,
      tx: to.x + to.width / 2,
      // The top of the input knob, where React Flow ends the connection (the Trigger has none: its top edge).
      ty: target.type === TRIGGER_TYPE ? to.y : to.y - INPUT_KNOB / 2,
    };
    const [c1x, c1y, c2x, c2y] = linkControls(ends);
    const scene: OverlaySceneEdge = {
      from: edge.from,
      event: edge.event,
      port: port.id,
      to: edge.to,
      label: edge.label,
      weight,
      level: levelOf(weight),
      current: edge.current === true,
      ...ends,
      d: `M${num(ends.sx)} ${num(ends.sy)}C${num(c1x)} ${num(c1y)} ${num(c2x)} ${num(c2y)} ${num(ends.tx)} ${num(ends.ty)}`,
      // The bezier's midpoint (t = 0.5), where React Flow puts an edge's label.
      mx: 0.125 * ends.sx + 0.375 * c1x + 0.375 * c2x + 0.125 * ends.tx,
      my: 0.125 * ends.sy + 0.375 * c1y + 0.375 * c2y + 0.125 * ends.ty,
    };
    byKey.set(key, scene);
    edges.push(scene);
  }

  // The text budget: the focus, the current transition and the end first, then the strongest.
  const candidates: { of: OverlayTextOf; count: number; rank: number; weight: number; order: number }[] = [];
  widgets.forEach((w, i) => {
    const count = (w.badge === '' ? 0 : 1) + (w.caption === '' ? 0 : 1);
    if (count > 0) {
      candidates.push({
        of: { widget: i },
        count,
        rank: rank(w.focus, w.mark),
        weight: widgetWeights[i] ?? 0,
        order: i,
      });
    }
  });
  edges.forEach((e, i) => {
    if (e.label !== '') {
      candidates.push({
        of: { edge: i },
        count: 1,
        rank: rank(e.current),
        weight: e.weight,
        order: widgets.length + i,
      });
    }
  });
  candidates.sort((a, b) => a.rank - b.rank || b.weight - a.weight || a.order - b.order);
  const texts: OverlayTextOf[] = [];
  let budget = MAX_OVERLAY_TEXTS;
  for (const candidate of candidates) {
    if (candidate.count > budget) continue;
    budget -= candidate.count;
    texts.push(candidate.of);
  }

  return { kind: overlay.kind, widgets, edges, missing, missingWidgets, texts };
}

/** A text of the overlay placed at a scale: a badge or caption on a pill, or an edge's label. */
export interface PlacedText {
  kind: 'badge' | 'caption' | 'label';
  text: string;
  /** Its centre, in flow coordinates. */
  x: number;
  y: number;
  /** A badge's or caption's pill (the box it is written on), in flow coordinates. */
  pill?: Box;
  /** The look of its widget's mark (a caption's pill colour), or of its edge. */
  look: 'mark' | 'ended' | 'waiting' | 'current';
}

/** The ring around a widget's card at `scale`: the card's box grown by the ring's gap. */
export function ringBox(box: Box, scale: number): Box {
  const gap = RING_GAP * scale;
  return { x: box.x - gap, y: box.y - gap, width: box.width + 2 * gap, height: box.height + 2 * gap };
}

function textWidth(text: string, scale: number): number {
  return text.length * GLYPH * OVERLAY_FONT_SIZE * scale;
}

/**
 * Finds texts overlapping boxes already placed: a grid of cells, each holding the boxes that overlap it, so that
 * placing n texts costs about n checks.
 */
function occupancy(cell: number) {
  const cells = new Map<string, Box[]>();
  const keys = (b: Box) => {
    const out: string[] = [];
    for (let cx = Math.floor(b.x / cell); cx <= Math.floor((b.x + b.width) / cell); cx++) {
      for (let cy = Math.floor(b.y / cell); cy <= Math.floor((b.y + b.height) / cell); cy++)
        out.push(`${cx},${cy}`);
    }
    return out;
  };
  const overlaps = (a: Box, b: Box) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  return {
    /** Takes `box` unless it overlaps one already taken. */
    take(box: Box): boolean {
      const at = keys(box);
      if (at.some((k) => cells.get(k)?.some((other) => overlaps(box, other)) === true)) return false;
      for (const k of at) {
        const list = cells.get(k);
        if (list) list.push(box);
        else cells.set(k, [box]);
      }
      return true;
    },
  };
}

/**
 * The scene's texts as drawn at `scale` (overlayScale of the zoom), in its order of importance, leaving out each
 * one that would overlap one placed before it (with a little room around each): zoomed out, where texts grow
 * beyond the cards, the most important stay readable instead of all piling up. A widget's badge sits across its
 * ring's top-right corner and its caption across the top-left one; an edge's label on its curve's midpoint.
 */
export function overlayTexts(scene: OverlayScene, scale: number): PlacedText[] {
  const pillHeight = PILL_HEIGHT * scale;
  const room = 2 * scale;
  const taken = occupancy(Math.max(1, 80 * scale));
  const free = (b: Box) =>
    taken.take({ x: b.x - room, y: b.y - room, width: b.width + 2 * room, height: b.height + 2 * room });
  const placed: PlacedText[] = [];
  for (const of of scene.texts) {
    if (of.widget !== undefined) {
      const w = scene.widgets[of.widget];
      if (!w) continue;
      const ring = ringBox(w.box, scale);
      const look = w.mark === 'ended' || w.mark === 'waiting' ? w.mark : 'mark';
      if (w.badge !== '') {
        const width = textWidth(w.badge, scale) + 2 * PILL_PADDING * scale;
        const pill = {
          x: ring.x + ring.width - width,
          y: ring.y - pillHeight / 2,
          width,
          height: pillHeight,
        };
        if (free(pill))
          placed.push({ kind: 'badge', text: w.badge, x: pill.x + width / 2, y: ring.y, pill, look: 'mark' });
      }
      if (w.caption !== '') {
        const width = textWidth(w.caption, scale) + 2 * PILL_PADDING * scale;
        const pill = { x: ring.x, y: ring.y - pillHeight / 2, width, height: pillHeight };
        if (free(pill))
          placed.push({ kind: 'caption', text: w.caption, x: pill.x + width / 2, y: ring.y, pill, look });
      }
    } else {
      const e = scene.edges[of.edge];
      if (!e) continue;
      const width = textWidth(e.label, scale);
      const height = OVERLAY_FONT_SIZE * 1.3 * scale;
      if (free({ x: e.mx - width / 2, y: e.my - height / 2, width, height })) {
        placed.push({ kind: 'label', text: e.label, x: e.mx, y: e.my, look: e.current ? 'current' : 'mark' });
      }
    }
  }
  return placed;
}
