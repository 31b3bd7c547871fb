/**
 * The whole flow as an image (SVG, and PNG rasterised from it in the browser).
 *
 * Drawn from the definition, not from the DOM: the canvas only renders what is in view, so a screenshot would be
 * partial. Cards, ports and edges are the canvas's (cards.ts: same labels and connections; cardGeometry.ts: same
 * sizes and port boxes), so the image matches the canvas, without React Flow (eslint.config.js keeps this file
 * and what it imports free of it). `flowToSvg` is pure (runs in Node); only `svgToPngBlob` needs a browser.
 */
import { CARD_TOP_BORDER, portAnchor, portBox } from '../layout/cardGeometry';
import { finiteBounds, nodeBox, type Box } from '../model/geometry';
import type { FlowDefinition } from '../model/types';
import { flowCards, type WidgetNodeData } from './cards';
import { cardColour, EDGE_COLOUR, themeColour } from './colours';

export interface FlowSvgOptions {
  /** White space around the flow's bounds, in px. Default 40. */
  margin?: number;
}

export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
/** The canvas's colours (theme.css) the image draws with. */
export const PAPER = themeColour('surface');
export const INK = themeColour('text');
const TYPE_TEXT = themeColour('text-muted');
const SUMMARY_TEXT = themeColour('card-summary');
const CARD_BORDER_COLOUR = themeColour('card-border');
const PORT_FILL = themeColour('port-bg');
const PORT_BORDER = themeColour('port-border');
export const PORT_TEXT = themeColour('port-text');

/** Text content or attribute value: user text is never markup. Drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- control characters are not allowed in XML 1.0
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/** Cuts text to roughly fit `width` px at `fontSize` (no text measurement in Node: an average glyph width). */
export function fit(text: string, width: number, fontSize: number): string {
  const max = Math.max(1, Math.floor(width / (fontSize * 0.58)));
  return text.length > max ? `${text.slice(0, Math.max(0, max - 1))}…` : text;
}

export function num(v: number): string {
  return String(Math.round(v * 10) / 10);
}

/** What the image needs of a card (cards.ts's, or diffCards.ts's). */
export interface CardNode {
  position: { x: number; y: number };
  width?: number;
  height?: number;
  data: WidgetNodeData;
}

/** How a card is drawn beyond the defaults (the diff image colours cards by change). */
export interface CardStyle {
  /** Border colour; default light grey. */
  stroke?: string;
  /** Border width; default 1. */
  strokeWidth?: number;
  /** A dashed border. */
  dashed?: boolean;
  /** Top bar colour; default the category's. */
  bar?: string;
  /** Body colour; default white. */
  fill?: string;
  /** Opacity of the whole card; default opaque. */
  opacity?: number;
  /** Room kept free at the right of the name, in px (for a badge). */
  nameReserve?: number;
  /** More SVG drawn over the card, in its coordinates (the caller escapes its text). */
  extra?: string;
}

/** One card as an SVG group at its position: the canvas card's look, from the canvas mapping's node. */
export function cardSvg(node: CardNode, style: CardStyle = {}): string {
  const { x, y } = node.position;
  const width = node.width ?? 0;
  const height = node.height ?? 0;
  const { data } = node;
  const colour = cardColour(data);
  const bar = style.bar ?? colour;
  const type = data.initial && !data.trigger ? `${data.typeTitle} · initial state` : data.typeTitle;
  const stroke = style.stroke ?? CARD_BORDER_COLOUR;
  const strokeExtra =
    (style.strokeWidth !== undefined ? ` stroke-width="${num(style.strokeWidth)}"` : '') +
    (style.dashed === true ? ' stroke-dasharray="6 4"' : '');
  const opacity = style.opacity !== undefined ? ` opacity="${String(style.opacity)}"` : '';
  const parts: string[] = [
    // The full name as the card's title: a tooltip in SVG viewers, and findable text when the visible one is cut.
    `<g class="card" transform="translate(${num(x)} ${num(y)})"${opacity}><title>${escapeXml(data.name)}</title>`,
    `<rect width="${num(width)}" height="${num(height)}" rx="6" fill="${style.fill ?? PAPER}" stroke="${stroke}"${strokeExtra}/>`,
    `<path d="M0 6a6 6 0 0 1 6-6h${num(width - 12)}a6 6 0 0 1 6 6v${CARD_TOP_BORDER - 6}h-${num(width)}z" fill="${bar}"/>`,
    `<rect x="10" y="12" width="12" height="12" rx="3" fill="${colour}"/>`,
    `<text x="28" y="23" font-size="13" font-weight="650" fill="${INK}">${escapeXml(fit(data.name, width - 38 - (style.nameReserve ?? 0), 13))}</text>`,
    `<text x="10" y="40" font-size="11" fill="${TYPE_TEXT}">${escapeXml(fit(type, width - 20, 11))}</text>`,
  ];
  if (data.summary !== '') {
    parts.push(
      `<text x="10" y="56" font-size="11.5" fill="${SUMMARY_TEXT}">${escapeXml(fit(data.summary, width - 20, 11.5))}</text>`,
    );
  }
  data.ports.forEach((port, i) => {
    const box = portBox(i, data.ports.length);
    parts.push(
      `<rect x="${num(box.x)}" y="${num(box.y)}" width="${num(box.width)}" height="${num(box.height)}" fill="${PORT_FILL}" stroke="${PORT_BORDER}"/>`,
      `<text x="${num(box.x + box.width / 2)}" y="${num(box.y + 15)}" font-size="11" fill="${PORT_TEXT}" text-anchor="middle">${escapeXml(fit(port.label, box.width - 8, 11))}</text>`,
    );
    if (port.connected) {
      parts.push(
        `<circle cx="${num(box.x + box.width / 2)}" cy="${num(box.y + box.height)}" r="3" fill="${colour}"/>`,
      );
    }
  });
  if (style.extra !== undefined) parts.push(style.extra);
  parts.push('</g>');
  return parts.join('');
}

/** An edge as the image draws it: a vertical bezier from a port's bottom middle to the target's input. */
export interface EdgeCurve {
  /** The path's `d`. */
  d: string;
  /** The curve's midpoint (where its label goes). */
  mx: number;
  my: number;
  /** Extreme points of the curve and its control points, for the image bounds. */
  points: [number, number][];
}

/** The curve of an edge leaving `source` from port `handle` to the top middle of `target`; null: no such port. */
export function edgeCurve(
  source: CardNode,
  handle: string | null | undefined,
  target: Box,
): EdgeCurve | null {
  const ports = source.data.ports;
  const index = ports.findIndex((p) => p.id === handle);
  if (index < 0) return null;
  const anchor = portAnchor(index, ports.length);
  const sx = source.position.x + anchor.x;
  const sy = source.position.y + anchor.y;
  const tx = target.x + target.width / 2;
  const ty = target.y;
  const bend = Math.max(40, Math.abs(ty - sy) / 2);
  const c1y = sy + bend;
  const c2y = ty - bend;
  return {
    d: `M${num(sx)} ${num(sy)}C${num(sx)} ${num(c1y)} ${num(tx)} ${num(c2y)} ${num(tx)} ${num(ty)}`,
    // The bezier's midpoint (t = 0.5).
    mx: (sx + tx) / 2,
    my: 0.125 * sy + 0.375 * c1y + 0.375 * c2y + 0.125 * ty,
    points: [
      [sx, c1y],
      [tx, c2y],
    ],
  };
}

/** An edge's label on a white box at `x`, `y`. */
export function edgeLabelSvg(x: number, y: number, label: string, colour = PORT_TEXT, extra = ''): string {
  const text = fit(label, 160, 10);
  const w = text.length * 10 * 0.58 + 8;
  return (
    `<g class="edge-label"><rect x="${num(x - w / 2)}" y="${num(y - 8)}" width="${num(w)}" height="14" rx="3" fill="${PAPER}" fill-opacity="0.9"/>` +
    `<text x="${num(x)}" y="${num(y + 2.5)}" font-size="10" fill="${colour}" text-anchor="middle"${extra}>${escapeXml(text)}</text></g>`
  );
}

/**
 * Bounds of boxes and points; all zero when there are none. Only finite coordinates count (`finiteBounds`): the
 * cards are placed within ±MAX_OFFSET, so this is a second line of defence, but one NaN or Infinity here would make
 * the whole image's viewBox and size `NaN`/`Infinity` (an SVG no viewer draws, a PNG no canvas can make).
 */
export function boundsOf(boxes: Iterable<Box>, points: Iterable<readonly [number, number]> = []): Box {
  return finiteBounds(boxes, points) ?? { x: 0, y: 0, width: 0, height: 0 };
}

/** An arrowhead for the end of connections, in `colour`, for `marker-end="url(#id)"`. */
export function arrowMarker(id: string, colour: string): string {
  return `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${colour}"/></marker>`;
}

/** A connection between two cards of an image (cards.ts's, or diffCards.ts's). */
interface ImageLink {
  source: string;
  port: string;
  target: string;
}

/** The connections of an image, drawn: their paths' and labels' SVG, and their curves' extremes (for the bounds). */
export interface DrawnLinks {
  edges: string;
  labels: string;
  points: [number, number][];
}

/**
 * Draws the links whose two cards are in `cards`, in link order: `draw` gives the SVG of a link's path and label
 * along its curve (from its port to the top middle of its target).
 */
export function drawLinks<L extends ImageLink>(
  cards: readonly (CardNode & { id: string })[],
  links: readonly L[],
  draw: (link: L, curve: EdgeCurve) => { edge: string; label: string },
): DrawnLinks {
  const byId = new Map(cards.map((c) => [c.id, c]));
  const points: [number, number][] = [];
  const edges: string[] = [];
  const labels: string[] = [];
  for (const link of links) {
    const source = byId.get(link.source);
    const target = byId.get(link.target);
    if (!source || !target) continue;
    const curve = edgeCurve(source, link.port, nodeBox(target));
    if (!curve) continue;
    points.push(...curve.points);
    const { edge, label } = draw(link, curve);
    edges.push(edge);
    labels.push(label);
  }
  return { edges: edges.join(''), labels: labels.join(''), points };
}

/**
 * The page an image is drawn on: `bounds` and `margin` around them, in whole px. `open` is the `<svg>` element's
 * start tag, `sheet` the white rectangle under the drawing.
 */
export function svgPage(bounds: Box, margin: number): { open: string; sheet: string } {
  const x = Math.floor(bounds.x - margin);
  const y = Math.floor(bounds.y - margin);
  const width = Math.ceil(bounds.width + 2 * margin);
  const height = Math.ceil(bounds.height + 2 * margin);
  return {
    open: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${x} ${y} ${width} ${height}" width="${width}" height="${height}" font-family="${escapeXml(FONT)}">`,
    sheet: `<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="${PAPER}"/>`,
  };
}

/**
 * The whole flow as a standalone SVG document: one card per widget at its offset, edges from each connected port
 * to its target's input as bezier curves with arrowheads and event labels, on white, viewBox = bounds + margin.
 */
export function flowToSvg(definition: FlowDefinition, options: FlowSvgOptions = {}): string {
  const margin = options.margin ?? 40;
  const { cards, links } = flowCards(definition);
  const drawn = drawLinks(cards, links, (link, curve) => ({
    edge: `<path class="edge" d="${curve.d}" fill="none" stroke="${EDGE_COLOUR}" stroke-width="1.5" marker-end="url(#arrow)"><title>${escapeXml(`${link.source}: ${link.label} to ${link.target}`)}</title></path>`,
    label: link.label === '' ? '' : edgeLabelSvg(curve.mx, curve.my, link.label),
  }));
  const page = svgPage(boundsOf(cards.map(nodeBox), drawn.points), margin);

  return [
    page.open,
    `<defs>${arrowMarker('arrow', EDGE_COLOUR)}</defs>`,
    page.sheet,
    `<g class="edges">${drawn.edges}</g>`,
    `<g class="cards">${cards.map((card) => cardSvg(card)).join('')}</g>`,
    `<g class="edge-labels">${drawn.labels}</g>`,
    '</svg>',
    '',
  ].join('\n');
}

/** Canvas limits: Chromium refuses larger canvases (and toBlob gives null). */
export const MAX_CANVAS_SIDE = 16_384;
export const MAX_CANVAS_PIXELS = (16_384 * 16_384) / 4;

/** The raster size for an SVG of `width` x `height` at `scale`, scaled down to the canvas limits. */
export function rasterSize(width: number, height: number, scale: number): { width: number; height: number } {
  // Never NaN or Infinity, whatever comes in: a canvas of that size throws or stays blank.
  const w = Number.isFinite(width) && width > 0 ? width : 1;
  const h = Number.isFinite(height) && height > 0 ? height : 1;
  let s = Number.isFinite(scale) && scale > 0 ? scale : 1;
  s = Math.min(s, MAX_CANVAS_SIDE / Math.max(1, w), MAX_CANVAS_SIDE / Math.max(1, h));
  s = Math.min(s, Math.sqrt(MAX_CANVAS_PIXELS / Math.max(1, w * h)));
  return {
    width: Math.max(1, Math.floor(w * s)),
    height: Math.max(1, Math.floor(h * s)),
  };
}

function svgSize(svg: string): { width: number; height: number } {
  const match = /viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"/.exec(svg);
  return match ? { width: Number(match[1]), height: Number(match[2]) } : { width: 300, height: 150 };
}

/** Browser only: rasterises an SVG document (from `flowToSvg`) to a PNG at `scale`, within the canvas limits. */
export async function svgToPngBlob(svg: string, scale = 2): Promise<Blob> {
  const natural = svgSize(svg);
  const { width, height } = rasterSize(natural.width, natural.height, scale);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The browser could not draw the SVG.'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No 2D canvas in this browser.');
    context.fillStyle = PAPER;
    context.fillRect(0, 0, width, height);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => {
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('The image is too large to make a PNG.'))),
        'image/png',
      );
    });
  } finally {
    URL.revokeObjectURL(url);
  }
}
