/**
 * What a view of the diff shows when layout (offsets) is hidden, which is the default everywhere: a widget that only
 * moved counts as unchanged.
 *
 * Pure TypeScript: no React, no DOM, no storage.
 */
import type { WidgetChangeKind, WidgetDiff } from './types';

/** The widget's kinds without `moved` when layout is hidden (`['unchanged']` when nothing else is left). */
export function effectiveKinds(w: WidgetDiff, includeLayout: boolean): WidgetChangeKind[] {
  if (includeLayout || !w.kinds.includes('moved')) return w.kinds;
  const kinds = w.kinds.filter((k) => k !== 'moved');
  return kinds.length === 0 ? ['unchanged'] : kinds;
}

/** `w.kind`, except that a widget that only moved is `unchanged` when layout is hidden. */
export function effectiveKind(w: WidgetDiff, includeLayout: boolean): WidgetChangeKind {
  return effectiveKinds(w, includeLayout)[0] ?? w.kind;
}

/** Whether the widget has anything to show: a change other than layout, or a move when layout is included. */
export function isVisibleChange(w: WidgetDiff, includeLayout: boolean): boolean {
  return effectiveKind(w, includeLayout) !== 'unchanged';
}
