/**
 * A diff as an image: the union of both versions, as the diff canvas draws it (same cards, colours, badges and
 * connections: diffCards.ts), with a title and a legend, as a standalone SVG document. No React Flow.
 *
 * Pure (runs in Node). Cards, edges and text are drawn with exportImage's helpers, so the image matches the
 * editor's flow image. Widgets are placed at their offsets, or at `positions` when given (see `diffPositions`,
 * which lays out a union that needs it, as the diff canvas does).
 */
import { WIDGET_CHANGE_KINDS, type FlowDiff } from '../diff/types';
import { autoLayout } from '../layout';
import { CARD_TOP_BORDER, portRect } from '../layout/cardGeometry';
import { nodeBox, type Box } from '../model/geometry';
import type { FlowDefinition, Offset } from '../model/types';
import type { Card } from './cards';
import {
  DIFF_COLOURS,
  DIFF_TINTS,
  diffCards,
  EDGE_COLOURS,
  KIND_LABELS,
  unionLayout,
  type DiffNodeData,
  type EdgeChangeKind,
} from './diffCards';
import { themeColour } from './colours';
import {
  arrowMarker,
  boundsOf,
  cardSvg,
  drawLinks,
  edgeLabelSvg,
  escapeXml,
  fit,
  INK,
  num,
  PAPER,
  PORT_TEXT,
  svgPage,
  type CardStyle,
} from './exportImage';

export interface DiffSvgOptions {
  /** Show moved-only widgets as moved (as the canvas does with the same option). */
  includeLayout: boolean;
  /** A title above the flow, e.g. "Revision 3 → Revision 4". */
  title?: string;
  /** Positions by union id (from {@link diffPositions}); default: the widgets' offsets. */
  positions?: ReadonlyMap<string, Offset> | null;
  /** White space around the drawing, in px. Default 40. */
  margin?: number;
}

const UNCHANGED_BORDER = themeColour('border');
const CHANGED_BADGE = { fill: themeColour('diff-changed-badge'), text: themeColour('diff-changed-text') };
const BADGE_TEXT = themeColour('text-on-colour');
const CHANGED_LABEL = themeColour('diff-changed-label');
const BADGE_FONT = 10.5;
const TITLE_SIZE = 18;
const LEGEND_SIZE = 12;
const LEGEND_ROW = 22;

const LEGEND_KINDS = WIDGET_CHANGE_KINDS;

/** Rough text width (no text measurement in Node). */
function textWidth(text: string, size: number): number {
  return text.length * size * 0.58;
}

function badgeSvg(node: Card<DiffNodeData>, badge: string): { svg: string; width: number } {
  const { width } = node;
  const colour = node.data.kind === 'changed' ? CHANGED_BADGE.fill : DIFF_COLOURS[node.data.kind];
  const text = node.data.kind === 'changed' ? CHANGED_BADGE.text : BADGE_TEXT;
  const w = Math.ceil(badge.length * BADGE_FONT * 0.66 + 12);
  const x = width - 8 - w;
  return {
    width: w,
    svg:
      `<g class="badge"><rect x="${num(x)}" y="9" width="${w}" height="17" rx="8.5" fill="${colour}"/>` +
      `<text x="${num(x + w / 2)}" y="21.5" font-size="${BADGE_FONT}" font-weight="700" fill="${text}" text-anchor="middle">${escapeXml(badge)}</text></g>`,
  };
}

function diffCardSvg(node: Card<DiffNodeData>): string {
  const { data } = node;
  const kind = data.kind;
  const extra: string[] = [];
  const style: CardStyle = {};
  if (kind === 'unchanged') {
    style.stroke = UNCHANGED_BORDER;
    style.bar = DIFF_COLOURS.unchanged;
  } else {
    style.stroke = DIFF_COLOURS[kind];
    style.strokeWidth = 2;
    style.bar = DIFF_COLOURS[kind];
    style.fill = DIFF_TINTS[kind] ?? PAPER;
  }
  if (kind === 'removed') {
    style.dashed = true;
    style.opacity = 0.62;
  }
  if (data.badge !== null) {
    const badge = badgeSvg(node, data.badge);
    style.nameReserve = badge.width + 6;
    extra.push(badge.svg);
  }
  const { width } = node;
  if (data.was !== null) {
    extra.push(
      `<text x="10" y="56" font-size="11.5" font-style="italic" fill="${DIFF_COLOURS.renamed}">${escapeXml(fit(`was ${data.was}`, width - 20, 11.5))}</text>`,
    );
  }
  data.ports.forEach((port, i) => {
    if (port.removed !== true) return;
    const rect = portRect(i, data.ports.length);
    const y = rect.top + CARD_TOP_BORDER + 11;
    extra.push(
      `<line x1="${num(rect.left + 8)}" y1="${num(y)}" x2="${num(rect.left + rect.width - 6)}" y2="${num(y)}" stroke="${DIFF_COLOURS.removed}" stroke-width="1.2"/>`,
    );
  });
  style.extra = extra.join('');
  // The renamed card's old name takes the summary's place, as on the canvas.
  const drawn = data.was !== null ? { ...node, data: { ...data, summary: '' } } : node;
  return cardSvg(drawn, style);
}

function legendSvg(x: number, y: number, includeLayout: boolean): { svg: string; width: number } {
  const kinds = includeLayout ? LEGEND_KINDS : LEGEND_KINDS.filter((k) => k !== 'moved');
  const parts: string[] = ['<g class="legend">'];
  let cx = x;
  const cy = y + LEGEND_ROW / 2;
  for (const kind of kinds) {
    const colour = kind === 'unchanged' ? UNCHANGED_BORDER : DIFF_COLOURS[kind];
    const bar = DIFF_COLOURS[kind];
    const fill = DIFF_TINTS[kind] ?? PAPER;
    const dash = kind === 'removed' ? ' stroke-dasharray="3 2"' : '';
    parts.push(
      `<rect x="${num(cx)}" y="${num(cy - 6)}" width="18" height="12" rx="2" fill="${fill}" stroke="${colour}" stroke-width="1.5"${dash}/>`,
      `<rect x="${num(cx)}" y="${num(cy - 6)}" width="18" height="3" fill="${bar}"/>`,
      `<text x="${num(cx + 24)}" y="${num(cy + 4)}" font-size="${LEGEND_SIZE}" fill="${INK}">${KIND_LABELS[kind]}</text>`,
    );
    cx += 24 + textWidth(KIND_LABELS[kind], LEGEND_SIZE) + 16;
  }
  const removed = 'Removed connection';
  parts.push(
    `<path d="M${num(cx)} ${num(cy)}h22" stroke="${EDGE_COLOURS.removed}" stroke-width="2" stroke-dasharray="6 4"/>`,
    `<text x="${num(cx + 28)}" y="${num(cy + 4)}" font-size="${LEGEND_SIZE}" fill="${INK}">${removed}</text>`,
  );
  cx += 28 + textWidth(removed, LEGEND_SIZE);
  parts.push('</g>');
  return { svg: parts.join(''), width: cx - x };
}

const EDGE_KINDS: readonly EdgeChangeKind[] = ['added', 'removed', 'changed', 'unchanged'];

/**
 * The union of both versions as a standalone SVG document: every card of the diff canvas at its place, coloured and
 * badged by change, every connection of either version coloured by change (removed ones dashed), the title and the
 * legend above, on white. User text (names, labels, title) is escaped.
 */
export function diffToSvg(
  diff: FlowDiff,
  base: FlowDefinition,
  changed: FlowDefinition,
  options: DiffSvgOptions,
): string {
  const margin = options.margin ?? 40;
  const { cards, links } = diffCards({
    diff,
    base,
    changed,
    includeLayout: options.includeLayout,
    positions: options.positions ?? null,
  });
  const drawn = drawLinks(cards, links, ({ kind, label, ariaLabel }, curve) => {
    const colour = EDGE_COLOURS[kind];
    const width = kind === 'unchanged' ? 1.5 : 2.2;
    const dash = kind === 'removed' ? ' stroke-dasharray="6 4"' : '';
    const text = kind === 'unchanged' ? PORT_TEXT : kind === 'changed' ? CHANGED_LABEL : colour;
    const strike = kind === 'removed' ? ' text-decoration="line-through"' : '';
    return {
      edge: `<path class="edge edge-${kind}" d="${curve.d}" fill="none" stroke="${colour}" stroke-width="${width}"${dash} marker-end="url(#arrow-${kind})"><title>${escapeXml(ariaLabel)}</title></path>`,
      label: label === '' ? '' : edgeLabelSvg(curve.mx, curve.my, label, text, strike),
    };
  });

  const flow = boundsOf(cards.map(nodeBox), drawn.points);
  const title = options.title ?? '';
  const titleHeight = title === '' ? 0 : TITLE_SIZE + 12;
  const headerHeight = titleHeight + LEGEND_ROW + 20;
  const left = flow.x;
  const top = flow.y - headerHeight;
  const legend = legendSvg(left, top + titleHeight, options.includeLayout);
  const header: Box = {
    x: left,
    y: top,
    width: Math.max(legend.width, textWidth(title, TITLE_SIZE)),
    height: headerHeight,
  };
  const page = svgPage(boundsOf([flow, header]), margin);
  const markers = EDGE_KINDS.map((kind) => arrowMarker(`arrow-${kind}`, EDGE_COLOURS[kind]));

  return [
    page.open,
    title === '' ? '' : `<title>${escapeXml(title)}</title>`,
    `<defs>${markers.join('')}</defs>`,
    page.sheet,
    title === ''
      ? ''
      : `<text class="title" x="${num(left)}" y="${num(top + TITLE_SIZE)}" font-size="${TITLE_SIZE}" font-weight="700" fill="${INK}">${escapeXml(title)}</text>`,
    legend.svg,
    `<g class="edges">${drawn.edges}</g>`,
    `<g class="cards">${cards.map(diffCardSvg).join('')}</g>`,
    `<g class="edge-labels">${drawn.labels}</g>`,
    '</svg>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}

/**
 * Where the diff canvas places the union's widgets: null when their offsets can be used as they are, else the
 * positions of an automatic layout of the union (the canvas runs the same layout). Pass the result to
 * {@link diffToSvg} so the image matches the canvas.
 */
export async function diffPositions(
  diff: FlowDiff,
  base: FlowDefinition,
  changed: FlowDefinition,
): Promise<ReadonlyMap<string, Offset> | null> {
  const layout = unionLayout(diff, base, changed);
  if (!layout.needed) return null;
  return autoLayout(layout.definition, { nodeSize: layout.nodeSize });
}
