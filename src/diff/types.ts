/**
 * The result of comparing two flow definitions: what the diff view draws and what `studio-flow diff` prints.
 *
 * Vocabulary: the *base* is the older version, the *changed* one the newer. A widget is identified across the two
 * by its name, or by a detected rename. Everything here is plain data (JSON-serialisable, deterministic order), so
 * the CLI can print it as is.
 *
 * Pure TypeScript: no React, no DOM, no storage.
 */
import type { JsonPointer, JsonValue, Offset } from '../model/types';

/**
 * How a widget changed. A widget can have several kinds at once (renamed + changed + rewired + moved); its
 * `kind` is the most significant one, in this order: added, removed, renamed, changed, rewired, moved, unchanged.
 */
export type WidgetChangeKind =
  'added' | 'removed' | 'renamed' | 'changed' | 'rewired' | 'moved' | 'unchanged';

/** The order of significance (and of the counts in summaries). */
export const WIDGET_CHANGE_KINDS: readonly WidgetChangeKind[] = [
  'added',
  'removed',
  'renamed',
  'changed',
  'rewired',
  'moved',
  'unchanged',
];

/** Each kind as a word, for badges, legends, headings and lists. */
export const WIDGET_CHANGE_LABELS: Readonly<Record<WidgetChangeKind, string>> = {
  added: 'Added',
  removed: 'Removed',
  renamed: 'Renamed',
  changed: 'Changed',
  rewired: 'Rewired',
  moved: 'Moved',
  unchanged: 'Unchanged',
};

/**
 * One value that differs, by JSON pointer relative to the widget (`/properties/body`, `/type`) or, for flow-level
 * changes, to the definition (`/description`, `/flags/allow_concurrent_calls`, `/initial_state`). `before` is
 * absent when the value was added, `after` when it was removed. Pointers are as deep as the first difference
 * that is not an object-vs-object one: arrays that differ are reported whole at their own path unless they have the
 * same length (then element by element).
 */
export interface ValueChange {
  path: JsonPointer;
  before?: JsonValue;
  after?: JsonValue;
}

/**
 * One output of a widget compared across the versions. Transitions are keyed by event (`noMatch`), by event and
 * occurrence for repeated ordinary events (`failed:1`), and split-based-on `match` transitions by the content of
 * their conditions (so that reordering conditions is not a change and editing one is a change of that one).
 */
export interface TransitionChange {
  /**
   * Stable key of the output within its widget, e.g. `noMatch`, `failed:1`, or `match:<canonical JSON of the
   * conditions without friendly_name>` (see src/diff/transitions.ts): the changed version's key when the output
   * exists there, else the base's as written.
   */
  key: string;
  event: string;
  /**
   * added: the output exists (connected) only in the changed version; removed: only in the base; retargeted: it leads
   * elsewhere (after renames are taken into account); conditions: a `match` output whose conditions changed
   * content but that kept its position, hence paired (it may also be retargeted: then `kind` is `retargeted`).
   * An ordinary event unconnected on both sides (or absent on one, unconnected on the other) is no change; a `match`
   * output is a condition, so one present on one side only is added/removed even when not connected.
   */
  kind: 'added' | 'removed' | 'retargeted' | 'conditions';
  /** Target widget, as named in the base / the changed version (absent: not connected there). */
  beforeNext?: string;
  afterNext?: string;
  /** For `match` outputs: the first condition's friendly name, for display. */
  label?: string;
  /**
   * For paired `match` outputs whose conditions differ: what differs, by pointer relative to the transition
   * (`/conditions/0/value`), sorted by path. Absent when the conditions are the same.
   */
  conditions?: ValueChange[];
}

export interface WidgetDiff {
  /**
   * Stable id in the union of both versions: the changed name when the widget exists there, else the base name (a
   * name taken already, in a malformed flow with duplicated names, gets `#2`, `#3`…).
   */
  id: string;
  kind: WidgetChangeKind;
  /** Every kind that applies, in significance order; `['unchanged']` when nothing differs. */
  kinds: WidgetChangeKind[];
  type: string;
  /** Name in the base (absent when added) and in the changed version (absent when removed). */
  baseName?: string;
  changedName?: string;
  /** Index in `states` of each version. Widgets pair by name (the k-th of a name with the k-th), then renames. */
  baseIndex?: number;
  changedIndex?: number;
  /**
   * Property changes (never the offset), sorted by path: `/properties/…`, `/type`, other top-level keys of the state,
   * and keys of a paired transition other than `event`, `next` and `conditions` (`/transitions/<index in the changed
   * version>/uuid`). Empty for added/removed widgets.
   */
  properties: ValueChange[];
  /** Transition changes, in the changed version's port order then removed ones. Empty for added/removed widgets. */
  transitions: TransitionChange[];
  /** Present when `properties.offset` differs (or exists on one side only). */
  offset?: { before?: Offset; after?: Offset };
}

/**
 * An edge of the union canvas: one connected output of a widget in either version. An output that leads to the same
 * widget in both versions is one edge (`both`: `unchanged`, or `changed` when its split conditions changed); one that
 * was retargeted is two (the base's `removed`, the changed version's `added`). A `next` naming a widget that does not
 * exist in its version (dangling) draws no edge: validation reports it.
 */
export interface EdgeDiff {
  /**
   * Stable, unique: `<source id>→<transition key>→<base|changed|both>` (the key as in the version the edge is drawn
   * from; base edges use the base's key as written).
   */
  id: string;
  /** Union ids (see {@link WidgetDiff.id}) of both ends. */
  source: string;
  target: string;
  event: string;
  /** Index in `transitions` of the version it is drawn from (`both` and `added`: changed; `removed`: base). */
  transitionIndex: number;
  label?: string;
  kind: 'added' | 'removed' | 'changed' | 'unchanged';
}

export interface DiffSummary {
  /** Widgets per primary kind, every kind present (0 when none). */
  counts: Record<WidgetChangeKind, number>;
  /** Number of flow-level value changes. */
  flowChanges: number;
  /** True when nothing differs but possibly layout (offsets). */
  identicalButLayout: boolean;
  /** True when nothing at all differs. */
  identical: boolean;
}

export interface FlowDiff {
  /**
   * Every widget of the union, unchanged ones included. Order: the changed version's `states` order, each removed
   * widget placed right after the widget that preceded it in the base (deterministic).
   */
  widgets: WidgetDiff[];
  /**
   * Every edge of the union, in the order of `widgets`, then the changed version's port order, then outputs only the
   * base has (a retargeted output: its removed edge, then its added one).
   */
  edges: EdgeDiff[];
  /**
   * Top-level changes outside `states` (`/description`, `/flags/...`, `/initial_state`, unknown keys), sorted by
   * path. `initial_state` is compared after renames: a renamed initial widget is not a flow change.
   */
  flow: ValueChange[];
  /** Detected renames, base name → changed name, in `widgets` order. */
  renames: { from: string; to: string }[];
  summary: DiffSummary;
}

export interface DiffOptions {
  /** Detect renamed widgets (default true). When false, a rename is a removal plus an addition. */
  detectRenames?: boolean;
}
