import type { Problem, Severity } from '../model/types';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export type SeverityCounts = Record<Severity, number>;

/** Problem counts and a per-widget index, derived from one `problems` array. */
export interface ProblemSummary {
  total: SeverityCounts;
  /** Widget name -> its counts. Widgets without problems are absent. */
  byWidget: ReadonlyMap<string, SeverityCounts>;
  /** Problems that belong to no widget (flow-level). */
  flowLevel: number;
}

export function emptyCounts(): SeverityCounts {
  return { error: 0, warning: 0, info: 0 };
}

const cache = new WeakMap<readonly Problem[], ProblemSummary>();

/**
 * Summarises problems. Memoised on the array's identity, so components can call it in a selector on every
 * render and get the same object back until the store recomputes `problems`.
 */
export function summarizeProblems(problems: readonly Problem[]): ProblemSummary {
  const cached = cache.get(problems);
  if (cached) return cached;
  const total = emptyCounts();
  const byWidget = new Map<string, SeverityCounts>();
  let flowLevel = 0;
  for (const problem of problems) {
    total[problem.severity] += 1;
    if (problem.widget === undefined) {
      flowLevel += 1;
      continue;
    }
    let counts = byWidget.get(problem.widget);
    if (!counts) {
      counts = emptyCounts();
      byWidget.set(problem.widget, counts);
    }
    counts[problem.severity] += 1;
  }
  const summary: ProblemSummary = { total, byWidget, flowLevel };
  cache.set(problems, summary);
  return summary;
}

const NOUNS: Record<Severity, [singular: string, plural: string]> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  info: ['info', 'info'],
};

/** "1 error", "3 warnings": one severity's count as words. */
export function formatCount(severity: Severity, count: number): string {
  const [singular, plural] = NOUNS[severity];
  return `${count} ${count === 1 ? singular : plural}`;
}

/** "1 error, 3 warnings" (zero counts left out), or `none` when every count is zero. */
export function formatCounts(counts: SeverityCounts, none = 'none'): string {
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => formatCount(s, counts[s]));
  return parts.length > 0 ? parts.join(', ') : none;
}
