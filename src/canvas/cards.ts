/**
 * What a widget's card shows, and the connections the canvas draws between cards: from the definition alone, with
 * no React Flow and no React. The editor canvas (mapping.ts) and the diff canvas (diffCards.ts) build their React
 * Flow nodes and edges on it; the images (exportImage.ts, diffImage.ts) draw from it directly, so they need
 * nothing of React Flow (eslint.config.js keeps it that way). Sizes and port boxes are the card geometry of
 * src/layout/cardGeometry.ts.
 */
import { cardSize } from '../layout/cardGeometry';
import { displayOffset } from '../layout/offsets';
import { TRIGGER_TYPE } from '../model/commands';
import type { PortId } from '../model/ports';
import type { FlowDefinition, Offset, Widget } from '../model/types';
import { labelledPorts, type LabelledPort } from '../schema/ports';
import { categorySlug, getWidgetType, type CategorySlug } from '../schema/registry';
import type { SeverityCounts } from '../store/problemSummary';

/** A category's slug (the CSS class suffix of its cards, `wn-cat-messaging`) is the schema layer's. */
export { categorySlug, type CategorySlug };

/** One output port as the card shows it. */
export interface PortView {
  id: PortId;
  label: string;
  connected: boolean;
}

/** What a card shows, and nothing else (the card re-renders when, and only when, this changes). */
export interface WidgetNodeData extends Record<string, unknown> {
  name: string;
  type: string;
  /** "Send Message"; the type itself for types the registry does not know. */
  typeTitle: string;
  category: CategorySlug;
  /** One line: the key property (message body, URL, variable tested...) as plain text; '' when there is none. */
  summary: string;
  ports: readonly PortView[];
  /** Problem counts, or null when the widget has none. */
  problems: Readonly<SeverityCounts> | null;
  /** The flow's initial state. */
  initial: boolean;
  /** The Trigger: no input port, cannot be deleted or copied. */
  trigger: boolean;
}

/** Edge id of a port: `send_message_1::sent`, `split_1::match:0`. One edge per port. */
export function edgeId(from: string, port: PortId): string {
  return `${from}::${port}`;
}

const SUMMARY_MAX = 140;

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SUMMARY_MAX ? `${flat.slice(0, SUMMARY_MAX - 1)}…` : flat;
}

/** The card's one-line summary of a property value: text only, never markup. */
export function summarize(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return oneLine(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    // set-variables: [{ key, value }, …] -> "name, zip, …"
    const keys = value
      .map((item: unknown) =>
        typeof item === 'object' && item !== null && typeof (item as { key?: unknown }).key === 'string'
          ? (item as { key: string }).key
          : null,
      )
      .filter((k): k is string => k !== null && k !== '');
    if (keys.length > 0) return oneLine(keys.join(', '));
    return value.length === 0 ? '' : `${value.length} ${value.length === 1 ? 'item' : 'items'}`;
  }
  return '';
}

interface TypeView {
  typeTitle: string;
  category: CategorySlug;
  summaryProperty: string | undefined;
}

const typeViews = new Map<string, TypeView>();

function typeView(type: string): TypeView {
  let view = typeViews.get(type);
  if (!view) {
    const info = getWidgetType(type);
    view = {
      typeTitle: info?.title ?? type,
      category: categorySlug(info?.category ?? 'Other'),
      summaryProperty: info?.summaryProperty,
    };
    typeViews.set(type, view);
  }
  return view;
}

/** One output port of a card, with what it stands for in the widget (the schema layer's `labelledPorts`). */
export type CardPort = LabelledPort;

/** What a widget's card shows, from the widget alone: title, category, summary and labelled ports. */
export interface CardContent {
  typeTitle: string;
  category: CategorySlug;
  summary: string;
  ports: CardPort[];
}

/** The card content of a widget (the editor's cards and the diff canvas's share it). */
export function cardContent(widget: Widget): CardContent {
  const view = typeView(widget.type);
  const ports = labelledPorts(widget);
  const properties = (widget as { properties?: unknown }).properties;
  const summary =
    view.summaryProperty !== undefined && typeof properties === 'object' && properties !== null
      ? summarize((properties as Record<string, unknown>)[view.summaryProperty])
      : '';
  return { typeTitle: view.typeTitle, category: view.category, summary, ports };
}

/** The ports as the card shows them: without what they stand for in the widget (cards compare them by value). */
export function portViews(content: CardContent): PortView[] {
  return content.ports.map((port) => ({ id: port.id, label: port.label, connected: port.connected }));
}

/** A connected port as the canvas draws it: an edge from the port to the input of the widget it leads to. */
export interface CardLink {
  /** {@link edgeId} of the port. */
  id: string;
  source: string;
  port: PortId;
  target: string;
  label: string;
}

/** The connections of a widget's card, one per connected port, in port order (targets not checked). */
export function cardLinks(source: string, content: CardContent): CardLink[] {
  const links: CardLink[] = [];
  for (const port of content.ports) {
    if (port.next === undefined) continue;
    links.push({ id: edgeId(source, port.id), source, port: port.id, target: port.next, label: port.label });
  }
  return links;
}

/**
 * The widgets the canvas draws, in state order: objects with a string name, one per name. Duplicate names (a
 * malformed flow, which validation reports): the first wins, as in every model command, and React Flow needs unique
 * ids.
 */
export function drawnWidgets(definition: FlowDefinition): Widget[] {
  const states = Array.isArray(definition.states) ? definition.states : [];
  const seen = new Set<string>();
  const drawn: Widget[] = [];
  for (const widget of states) {
    if (typeof widget !== 'object' || typeof widget.name !== 'string' || seen.has(widget.name)) continue;
    seen.add(widget.name);
    drawn.push(widget);
  }
  return drawn;
}

/**
 * The connections the canvas draws among `widgets` (from {@link drawnWidgets}), in widget and port order: those
 * whose target is one of them and can take a connection (the Trigger has no input). `linksOf(widget, i)` gives the
 * connections of `widgets[i]`.
 */
export function drawnLinks<L extends { target: string }>(
  widgets: readonly Widget[],
  linksOf: (widget: Widget, index: number) => readonly L[],
): L[] {
  const targets = new Set<string>();
  for (const widget of widgets) if (widget.type !== TRIGGER_TYPE) targets.add(widget.name);
  const out: L[] = [];
  widgets.forEach((widget, i) => {
    for (const link of linksOf(widget, i)) if (targets.has(link.target)) out.push(link);
  });
  return out;
}

/** A card as the images draw it: where, how large, and what it shows. */
export interface Card<D extends WidgetNodeData = WidgetNodeData> {
  id: string;
  position: Offset;
  width: number;
  height: number;
  data: D;
}

/** What the card of `widget` shows, given its content and ports, its problem counts and whether it is the start. */
export function cardData(
  widget: Widget,
  content: Pick<CardContent, 'typeTitle' | 'category' | 'summary'>,
  ports: readonly PortView[],
  problems: Readonly<SeverityCounts> | undefined,
  initial: boolean,
): WidgetNodeData {
  return {
    name: widget.name,
    type: widget.type,
    typeTitle: content.typeTitle,
    category: content.category,
    summary: content.summary,
    ports,
    problems: problems ? { error: problems.error, warning: problems.warning, info: problems.info } : null,
    initial,
    trigger: widget.type === TRIGGER_TYPE,
  };
}

/**
 * The flow's cards and connections as the editor canvas draws them, nothing selected and no problem shown: what
 * the flow's image draws. Every card is at a finite position within ±MAX_OFFSET (`displayOffset`), whatever the
 * offset in the document.
 */
export function flowCards(definition: FlowDefinition): { cards: Card[]; links: CardLink[] } {
  const widgets = drawnWidgets(definition);
  const contents = widgets.map(cardContent);
  const cards = widgets.map((widget, i): Card => {
    const content = contents[i] as CardContent;
    const ports = portViews(content);
    return {
      id: widget.name,
      position: displayOffset(widget),
      ...cardSize(ports.length),
      data: cardData(widget, content, ports, undefined, widget.name === definition.initial_state),
    };
  });
  const links = drawnLinks(widgets, (widget, i) => cardLinks(widget.name, contents[i] as CardContent));
  return { cards, links };
}
