/**
 * The JSON form of a diff for machines (`studio-flow diff --format json`): one entry per changed widget with its
 * kinds, its name in each version and what differs.
 *
 * Pure TypeScript: no React, no DOM, no storage.
 */
import type { Offset } from '../model/types';
import {
  WIDGET_CHANGE_KINDS,
  type DiffSummary,
  type FlowDiff,
  type TransitionChange,
  type ValueChange,
  type WidgetChangeKind,
} from './types';
import { effectiveKinds } from './visibility';

export interface DiffReportChange {
  /** The most significant kind (layout hidden: a widget that only moved is not listed, or is `unchanged`). */
  kind: WidgetChangeKind;
  kinds: WidgetChangeKind[];
  /** The widget's name in the base (absent when added) and in the changed version (absent when removed). */
  widget: { base?: string; changed?: string };
  type: string;
  /** Property changes, by pointer relative to the widget, sorted by path. */
  paths: ValueChange[];
  transitions: TransitionChange[];
  /** Only with layout included. */
  offset?: { before?: Offset; after?: Offset };
}

export interface DiffReport {
  /** As in the diff, but `counts` by the kinds listed here (layout hidden: widgets that only moved are unchanged). */
  summary: DiffSummary;
  /** Flow-level changes, by pointer relative to the definition. */
  flow: ValueChange[];
  renames: { from: string; to: string }[];
  /** Changed widgets (and unchanged ones with `includeUnchanged`), in the diff's widget order. */
  changes: DiffReportChange[];
}

export interface DiffReportOptions {
  /** List moves and offsets (default false: a widget that only moved is unchanged). */
  includeLayout?: boolean;
  /** List unchanged widgets too (default false). */
  includeUnchanged?: boolean;
}

export function diffToReport(diff: FlowDiff, options: DiffReportOptions = {}): DiffReport {
  const includeLayout = options.includeLayout === true;
  const counts = Object.fromEntries(WIDGET_CHANGE_KINDS.map((k) => [k, 0])) as Record<
    WidgetChangeKind,
    number
  >;
  const changes: DiffReportChange[] = [];
  for (const w of diff.widgets) {
    const kinds = effectiveKinds(w, includeLayout);
    const kind = kinds[0] ?? w.kind;
    counts[kind]++;
    if (kind === 'unchanged' && options.includeUnchanged !== true) continue;
    const widget: DiffReportChange['widget'] = {};
    if (w.baseName !== undefined) widget.base = w.baseName;
    if (w.changedName !== undefined) widget.changed = w.changedName;
    const change: DiffReportChange = {
      kind,
      kinds,
      widget,
      type: w.type,
      paths: w.properties,
      transitions: w.transitions,
    };
    if (includeLayout && w.offset !== undefined) change.offset = w.offset;
    changes.push(change);
  }
  return {
    summary: { ...diff.summary, counts },
    flow: diff.flow,
    renames: diff.renames,
    changes,
  };
}
