/**
 * What the canvas draws for the executions being looked at (src/canvas/overlay.ts): one execution's path (each
 * visit numbered, the transitions taken with their events, the current step emphasised, where it ended or waits),
 * or the heat map of many (executions reaching each widget, times each transition was taken). Pure.
 */
import type { CanvasOverlay, OverlayEdge, OverlayWidget } from '../../canvas/overlay';
import { END_OF_FLOW, type ExecutionPath, type ExecutionsSummary } from '../../executions';

/** The overlay of one execution's path, at step `step` (an index into `path.steps`). */
export function pathOverlay(path: ExecutionPath, step: number): CanvasOverlay {
  const widgets: Record<string, OverlayWidget> = {};
  for (const visit of path.visits) {
    const w = widgets[visit.widget];
    if (w) widgets[visit.widget] = { ...w, badges: [...w.badges, String(visit.order)] };
    else widgets[visit.widget] = { badges: [String(visit.order)], mark: 'visited' };
  }
  if (path.ended !== null) {
    const w = widgets[path.ended] ?? { badges: [], mark: 'visited' as const };
    widgets[path.ended] = { ...w, mark: path.waiting ? 'waiting' : 'ended' };
  }
  const current = path.steps[Math.min(step, path.steps.length - 1)]?.step;
  const edges: OverlayEdge[] = path.transitions
    .filter((t) => t.to !== END_OF_FLOW)
    .map((t) => ({
      from: t.from,
      event: t.event,
      to: t.to,
      label: t.orders.length > 1 ? `${t.event} ×${t.orders.length}` : t.event,
      weight: 1,
      current:
        current !== undefined && current.from === t.from && current.event === t.event && current.to === t.to,
    }));
  const focus = current === undefined ? undefined : current.to === END_OF_FLOW ? current.from : current.to;
  return { kind: 'path', widgets, edges, ...(focus === undefined ? {} : { focus }) };
}

/** The overlay of a heat map: badges count executions reaching each widget, edges how often each was taken. */
export function heatOverlay(summary: ExecutionsSummary): CanvasOverlay {
  const maxReached = Math.max(1, ...summary.widgets.map((w) => w.reached));
  const maxCount = Math.max(1, ...summary.transitions.map((t) => t.count));
  const widgets: Record<string, OverlayWidget> = {};
  for (const w of summary.widgets) {
    if (w.reached === 0) continue;
    const ended = w.ended + w.waiting;
    widgets[w.widget] = {
      badges: [String(w.reached)],
      mark: ended > 0 ? 'ended' : 'reached',
      weight: w.reached / maxReached,
      ...(ended > 0
        ? { title: w.waiting > 0 ? `${w.ended} ended, ${w.waiting} waiting` : `${w.ended} ended` }
        : {}),
    };
  }
  const edges: OverlayEdge[] = summary.transitions
    .filter((t) => t.to !== END_OF_FLOW && t.count > 0)
    .map((t) => ({
      from: t.from,
      event: t.event,
      to: t.to,
      label: String(t.count),
      weight: t.count / maxCount,
    }));
  return { kind: 'heat', widgets, edges };
}
