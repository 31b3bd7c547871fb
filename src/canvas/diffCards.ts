/**
 * A FlowDiff as cards and connections: the union of both versions, one card per `WidgetDiff` and one connection per
 * `EdgeDiff`, each with how it changed. No React Flow and no React: the diff canvas (diffMapping.ts) builds its
 * React Flow nodes and edges on it, the diff image (diffImage.ts) draws from it directly.
 *
 * Cards are the editor's cards (same content, sizes and port boxes: cards.ts), drawn from the changed version
 * when the widget exists there and from the base otherwise. A removed connection leaves from the port it had in
 * the base: the same port of the changed card when that output still exists (a retargeted transition, an event
 * that is now unwired), else an extra port shown struck through (a split condition that was deleted).
 *
 * Everything that depends on the diff alone is built once per `FlowDiff` object (and its two definitions).
 */
import { effectiveKind, effectiveKinds } from '../diff';
import {
  WIDGET_CHANGE_LABELS,
  type EdgeDiff,
  type FlowDiff,
  type WidgetChangeKind,
  type WidgetDiff,
} from '../diff/types';
import { missingOrOverlapping, type NodeSize } from '../layout';
import { cardSize } from '../layout/cardGeometry';
import { clampOffset, displayOffset, finiteOffset } from '../layout/offsets';
import { TRIGGER_TYPE } from '../model/commands';
import { parsePortId } from '../model/ports';
import type { FlowDefinition, Offset, Transition, Widget } from '../model/types';
import {
  cardContent,
  type Card,
  type CardContent,
  type CardPort,
  type PortView,
  type WidgetNodeData,
} from './cards';
import { themeColour } from './colours';

/** A widget's change as the canvas shows it: its kind, where `moved` is shown only with layout changes. */
export type DiffDisplayKind = WidgetChangeKind;
export type EdgeChangeKind = EdgeDiff['kind'];

/** The change colours (the `--diff-*` tokens of theme.css, which diff.css draws with too). */
export const DIFF_COLOURS: Record<WidgetChangeKind, string> = {
  added: themeColour('diff-added'),
  removed: themeColour('diff-removed'),
  renamed: themeColour('diff-renamed'),
  changed: themeColour('diff-changed'),
  rewired: themeColour('diff-rewired'),
  moved: themeColour('diff-moved'),
  unchanged: themeColour('diff-unchanged'),
};

/** Light tints of the changed cards' bodies. */
export const DIFF_TINTS: Partial<Record<WidgetChangeKind, string>> = {
  added: themeColour('diff-added-tint'),
  removed: themeColour('diff-removed-tint'),
  renamed: themeColour('diff-renamed-tint'),
  changed: themeColour('diff-changed-tint'),
  rewired: themeColour('diff-rewired-tint'),
};

export const EDGE_COLOURS: Record<EdgeChangeKind, string> = {
  added: DIFF_COLOURS.added,
  removed: DIFF_COLOURS.removed,
  changed: DIFF_COLOURS.changed,
  unchanged: themeColour('diff-edge-unchanged'),
};

/** An unchanged card drawn as a block (zoomed out, in the minimap): light, so that the changes stand out. */
export const UNCHANGED_BLOCK = themeColour('diff-unchanged-block');

/** Badge and legend words. */
export const KIND_LABELS = WIDGET_CHANGE_LABELS;

/** The kinds a widget shows, most significant first: `moved` only with layout changes; never empty. */
export function displayKinds(w: WidgetDiff, includeLayout: boolean): WidgetChangeKind[] {
  return effectiveKinds(w, includeLayout);
}

/** The kind a card shows (its colour, badge and `data-change`): the diff's `effectiveKind`. */
export function displayKind(w: WidgetDiff, includeLayout: boolean): DiffDisplayKind {
  return effectiveKind(w, includeLayout);
}

/** "renamed from ask, changed", "added", "unchanged": the card's `aria-description`. */
export function changeDescription(w: WidgetDiff, includeLayout: boolean): string {
  return displayKinds(w, includeLayout)
    .map((k) => (k === 'renamed' && w.baseName !== undefined ? `renamed from ${w.baseName}` : k))
    .join(', ');
}

/** A port of a diff card: `removed` ports are outputs that exist only in the base (drawn struck through). */
export interface DiffPortView extends PortView {
  removed?: boolean;
}

export interface DiffNodeData extends WidgetNodeData {
  ports: readonly DiffPortView[];
  /** Union id (`WidgetDiff.id`). */
  id: string;
  kind: DiffDisplayKind;
  /** Badge word ("Renamed"), null when unchanged. */
  badge: string | null;
  /** The base name, when the widget was renamed (the card says "was OLD"). */
  was: string | null;
  /** "renamed from ask, changed". */
  description: string;
}

/** A connection of the union, from a port of its source card to its target's input. */
export interface DiffLink {
  /** The `EdgeDiff`'s id. */
  id: string;
  source: string;
  /** The port it leaves from (a `was:` port for an output only the base had). */
  port: string;
  target: string;
  label: string;
  /** "ask: Timeout to one (removed)". */
  ariaLabel: string;
  kind: EdgeChangeKind;
}

/** What is built once per diff for one widget. */
export interface DiffCardView {
  diff: WidgetDiff;
  name: string;
  type: string;
  trigger: boolean;
  initial: boolean;
  content: CardContent;
  ports: DiffPortView[];
  size: NodeSize;
  /**
   * The changed version's offset when the widget exists there, else the base's, as written when it is a pair of
   * finite numbers however large (undefined otherwise): what the union definition holds for `needsLayout`.
   */
  offset: Offset | undefined;
  /** Where the card is drawn without a layout: the same offset within ±MAX_OFFSET (`displayOffset`). */
  display: Offset;
}

/** The union of a diff as cards and connections (see {@link diffBuild}). */
export interface DiffBuild {
  base: FlowDefinition;
  changed: FlowDefinition;
  views: Map<string, DiffCardView>;
  order: DiffCardView[];
  /** Unchanged connections first, so the changed ones are drawn over them. */
  links: DiffLink[];
  /** Edges by source id, in diff order (for the union definition). */
  edgesFrom: Map<string, EdgeDiff[]>;
}

function statesOf(def: FlowDefinition): readonly Widget[] {
  return Array.isArray(def.states) ? def.states : [];
}

/** The widget at `index` when it has that name, else the first widget with the name. */
function pick(def: FlowDefinition, index: number | undefined, name: string | undefined): Widget | undefined {
  if (name === undefined) return undefined;
  const states = statesOf(def);
  const at = index === undefined ? undefined : states[index];
  if (at !== undefined && typeof at === 'object' && at.name === name) return at;
  return states.find((w) => typeof w === 'object' && w.name === name);
}

function sameConditions(a: Transition | undefined, b: Transition | undefined): boolean {
  if (!a || !b) return false;
  return JSON.stringify(a.conditions ?? null) === JSON.stringify(b.conditions ?? null);
}

const ORIGIN: Offset = { x: 0, y: 0 };

/** The transition key of an edge drawn from one version (`<source>→<key>→<side>`), or undefined. */
function edgeKey(edge: EdgeDiff, side: string): string | undefined {
  const prefix = `${edge.source}→`;
  const suffix = `→${side}`;
  if (!edge.id.startsWith(prefix) || !edge.id.endsWith(suffix)) return undefined;
  return edge.id.slice(prefix.length, edge.id.length - suffix.length);
}

function build(diff: FlowDiff, base: FlowDefinition, changed: FlowDefinition): DiffBuild {
  const edgesFrom = new Map<string, EdgeDiff[]>();
  const byId = new Map<string, EdgeDiff>();
  for (const edge of diff.edges) {
    byId.set(edge.id, edge);
    const list = edgesFrom.get(edge.source);
    if (list) list.push(edge);
    else edgesFrom.set(edge.source, [edge]);
  }

  const views = new Map<string, DiffCardView>();
  const order: DiffCardView[] = [];
  /** Source handle of each edge, by edge id. */
  const handleOf = new Map<string, string>();
  const labelOf = new Map<string, string>();

  for (const w of diff.widgets) {
    if (views.has(w.id)) continue;
    const baseWidget = pick(base, w.baseIndex, w.baseName);
    const changedWidget = pick(changed, w.changedIndex, w.changedName);
    const drawn = changedWidget ?? baseWidget;
    const content: CardContent = drawn
      ? cardContent(drawn)
      : { typeTitle: w.type, category: 'other', summary: '', ports: [] };
    const ports: DiffPortView[] = content.ports.map((p) => ({
      id: p.id,
      label: p.label,
      connected: p.connected,
    }));
    const baseContent = changedWidget && baseWidget ? cardContent(baseWidget) : content;
    const extra = new Map<string, DiffPortView>();

    const portAt = (list: readonly CardPort[], index: number) =>
      index < 0 ? undefined : list.find((p) => p.transitionIndex === index);

    for (const edge of edgesFrom.get(w.id) ?? []) {
      if (edge.kind !== 'removed' || !changedWidget || !baseWidget) {
        // Drawn from the version the card is drawn from.
        const port = portAt(content.ports, edge.transitionIndex);
        if (port) {
          handleOf.set(edge.id, port.id);
          labelOf.set(edge.id, port.label);
        }
        continue;
      }
      // A connection only the base had, from a widget that is in both versions.
      const basePort = portAt(baseContent.ports, edge.transitionIndex);
      if (!basePort) continue;
      labelOf.set(edge.id, basePort.label);
      // 1. The same output, retargeted: it leaves from the port the new connection leaves from.
      const key = edgeKey(edge, 'base');
      const sibling =
        key === undefined
          ? undefined
          : (byId.get(`${w.id}→${key}→changed`) ?? byId.get(`${w.id}→${key}→both`));
      let port = sibling ? portAt(content.ports, sibling.transitionIndex) : undefined;
      // 2. An ordinary event's port is on the card whether or not it is wired.
      if (!port && parsePortId(basePort.id).k === undefined) {
        port = content.ports.find((p) => p.id === basePort.id && p.event === basePort.event);
      }
      // 3. A split condition still there (same conditions), now unwired.
      if (!port) {
        const before = baseWidget.transitions[basePort.transitionIndex];
        port = content.ports.find(
          (p) =>
            p.event === basePort.event &&
            !p.connected &&
            sameConditions(before, changedWidget.transitions[p.transitionIndex]),
        );
      }
      if (port) {
        handleOf.set(edge.id, port.id);
        continue;
      }
      // 4. An output that no longer exists: an extra, struck-through port.
      const id = `was:${basePort.id}`;
      if (!extra.has(id)) extra.set(id, { id, label: basePort.label, connected: true, removed: true });
      handleOf.set(edge.id, id);
    }
    ports.push(...extra.values());

    const type = drawn?.type ?? w.type;
    const trigger = type === TRIGGER_TYPE;
    const name = w.changedName ?? w.baseName ?? w.id;
    const initial =
      w.changedName !== undefined
        ? changed.initial_state === w.changedName
        : base.initial_state === w.baseName;
    const view: DiffCardView = {
      diff: w,
      name,
      type,
      trigger,
      initial,
      content,
      ports,
      size: cardSize(ports.length),
      offset: drawn ? finiteOffset(drawn) : undefined,
      display: drawn ? displayOffset(drawn) : ORIGIN,
    };
    views.set(w.id, view);
    order.push(view);
  }

  // Unchanged connections first, so the changed ones are drawn over them.
  const links: DiffLink[] = [];
  const changedLinks: DiffLink[] = [];
  for (const edge of diff.edges) {
    const handle = handleOf.get(edge.id);
    const source = views.get(edge.source);
    const target = views.get(edge.target);
    if (handle === undefined || !source || !target || target.trigger) continue;
    const label = labelOf.get(edge.id) ?? edge.label ?? edge.event;
    const link: DiffLink = {
      id: edge.id,
      source: edge.source,
      port: handle,
      target: edge.target,
      label,
      ariaLabel: `${source.name}: ${label} to ${target.name}${edge.kind === 'unchanged' ? '' : ` (${edge.kind})`}`,
      kind: edge.kind,
    };
    (edge.kind === 'unchanged' ? links : changedLinks).push(link);
  }
  links.push(...changedLinks);

  return { base, changed, views, order, links, edgesFrom };
}

const builds = new WeakMap<FlowDiff, DiffBuild>();

/** The union of a diff as cards and connections, cached per diff object (and its two definitions). */
export function diffBuild(diff: FlowDiff, base: FlowDefinition, changed: FlowDefinition): DiffBuild {
  const cached = builds.get(diff);
  if (cached && cached.base === base && cached.changed === changed) return cached;
  const made = build(diff, base, changed);
  builds.set(diff, made);
  return made;
}

/** What the card of `view` shows when its change is shown as `kind`. */
export function diffCardData(view: DiffCardView, kind: DiffDisplayKind, description: string): DiffNodeData {
  const w = view.diff;
  return {
    id: w.id,
    name: view.name,
    type: view.type,
    typeTitle: view.content.typeTitle,
    category: view.content.category,
    summary: view.content.summary,
    ports: view.ports,
    problems: null,
    initial: view.initial,
    trigger: view.trigger,
    kind,
    badge: kind === 'unchanged' ? null : KIND_LABELS[kind],
    was: w.kinds.includes('renamed') && w.baseName !== undefined ? w.baseName : null,
    description,
  };
}

/** What the diff canvas shows of a diff. */
export interface DiffCardsInput {
  diff: FlowDiff;
  base: FlowDefinition;
  changed: FlowDefinition;
  /** Show moved-only widgets as moved. */
  includeLayout: boolean;
  /** Positions from an automatic layout of the union (see {@link unionLayout}), by union id; null: offsets. */
  positions: ReadonlyMap<string, Offset> | null;
}

/** Where the card of `view` is drawn: at its layout position or its offset, within ±MAX_OFFSET either way. */
export function diffCardPosition(view: DiffCardView, positions: ReadonlyMap<string, Offset> | null): Offset {
  // Layout positions are clamped too: a layout anchored near the edge may reach past it.
  return clampOffset(positions?.get(view.diff.id) ?? view.display);
}

/** The union as the diff canvas draws it, nothing selected: what the diff image draws. */
export function diffCards(input: DiffCardsInput): { cards: Card<DiffNodeData>[]; links: DiffLink[] } {
  const made = diffBuild(input.diff, input.base, input.changed);
  const cards = made.order.map((view): Card<DiffNodeData> => ({
    id: view.diff.id,
    position: diffCardPosition(view, input.positions),
    ...view.size,
    data: diffCardData(
      view,
      displayKind(view.diff, input.includeLayout),
      changeDescription(view.diff, input.includeLayout),
    ),
  }));
  return { cards, links: made.links };
}

/** What an automatic layout of the union needs (see {@link unionLayout}). */
export interface UnionLayout {
  /** A definition with one widget per union widget (named by union id) and the union's connections. */
  definition: FlowDefinition;
  /** The union has widgets without a usable offset, or piled up on one spot (`needsLayout`). */
  needed: boolean;
  /** Card sizes (the diff cards may have extra ports). */
  nodeSize: (widget: Widget) => NodeSize;
}

/**
 * The union of both versions as a definition, for `needsLayout` and `autoLayout`: each widget at its offset as
 * written (an offset no canvas can draw where it says counts as missing, the editor's rule; `autoLayout` anchors on
 * a Trigger only when its offset is usable), with one transition per edge of the union leaving it (so the layout
 * follows the connections of both versions).
 */
export function unionLayout(diff: FlowDiff, base: FlowDefinition, changed: FlowDefinition): UnionLayout {
  const made = diffBuild(diff, base, changed);
  let initial = '';
  const states: Widget[] = made.order.map((view) => {
    if (view.trigger && initial === '') initial = view.diff.id;
    const transitions: Transition[] = (made.edgesFrom.get(view.diff.id) ?? []).map((e) => ({
      event: e.event,
      next: e.target,
    }));
    return {
      name: view.diff.id,
      type: view.type,
      transitions,
      properties: view.offset ? { offset: { x: view.offset.x, y: view.offset.y } } : {},
    };
  });
  const definition: FlowDefinition = { initial_state: initial, states };
  return {
    definition,
    needed: missingOrOverlapping(definition).size > 0,
    nodeSize: (widget) => made.views.get(widget.name)?.size ?? cardSize(0),
  };
}
