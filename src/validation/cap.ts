/**
 * The cap on problems of one kind: at most `MAX_PROBLEMS_PER_CODE` problems with the same `code` on one widget (and
 * on the flow itself), then one summary problem, `lint.more`, saying how many more there are.
 *
 * A flow with 100,000 copies of the same mistake has one thing to fix, not 100,000; listing every copy made the
 * Problems panel, the JSON view's markers and the CLI output unusable (31 MB of text) and the problem objects
 * themselves cost more than the flow. The cap is applied while problems are collected, so the dropped ones are
 * counted, never kept: a capped list costs memory in proportion to what it shows.
 *
 * Deterministic: the first problems of each code in the order they are found are kept, and the summary takes the
 * place of the first one dropped. Its severity is the highest among the dropped problems (so an error never hides
 * behind a warning, and the CLI's exit code stays what it was).
 */
import type { Severity } from '../model/types';
import { groupDigits } from '../model/digits';

/** How many problems with the same code one widget (or the flow) lists before the rest are summed up. */
export const MAX_PROBLEMS_PER_CODE = 20;

/** The code of the summary problem that stands for the problems past the cap. */
export const MORE_CODE = 'lint.more';

const RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

interface Overflow {
  /** Index of the summary's place in the list. */
  at: number;
  count: number;
  severity: Severity;
}

/** Makes the summary problem of `count` dropped problems with `code`, `listed` of them being listed. */
export type Summarize<P> = (code: string, severity: Severity, count: number, listed: number) => P;

/** Collects problems under the cap; `finish()` returns the list with the summaries in place. */
export class ProblemCap<P extends { code: string; severity: Severity }> {
  private readonly list: P[] = [];
  // Made on first use: most widgets have no problem at all, and each one gets a cap.
  private counts: Map<string, number> | undefined;
  private overflows: Map<string, Overflow> | undefined;
  private readonly summarize: Summarize<P>;

  constructor(summarize: Summarize<P>) {
    this.summarize = summarize;
  }

  /** Whether a problem with `code` would still be listed (callers producing many may stop building them). */
  room(code: string): boolean {
    return (this.counts?.get(code) ?? 0) < MAX_PROBLEMS_PER_CODE;
  }

  add(problem: P): void {
    this.counts ??= new Map();
    const n = this.counts.get(problem.code) ?? 0;
    if (n < MAX_PROBLEMS_PER_CODE) {
      this.counts.set(problem.code, n + 1);
      this.list.push(problem);
    } else this.drop(problem.code, problem.severity, 1);
  }

  /** Counts `count` problems with `code` that are not listed (found but never built). */
  drop(code: string, severity: Severity, count: number): void {
    if (count <= 0) return;
    this.overflows ??= new Map();
    const o = this.overflows.get(code);
    if (o) {
      o.count += count;
      if (RANK[severity] > RANK[o.severity]) o.severity = severity;
      return;
    }
    // The summary's place: filled in by finish(), when the count is known.
    this.overflows.set(code, { at: this.list.length, count, severity });
    this.list.push(undefined as unknown as P);
  }

  /** The listed problems, each code's summary where its first dropped problem was. Call once. */
  finish(): P[] {
    if (this.overflows)
      for (const [code, o] of this.overflows)
        this.list[o.at] = this.summarize(code, o.severity, o.count, this.counts?.get(code) ?? 0);
    return this.list;
  }
}

/** "…and 99,979 more “lint.duplicate-event” problems on Trigger “Trigger”; only the first 20 are listed". */
export function moreMessage(code: string, count: number, listed: number, where: string): string {
  const more = groupDigits(count);
  const shown =
    listed === 0
      ? 'none is listed'
      : listed === 1
        ? 'only the first is listed'
        : `only the first ${listed} are listed`;
  return `…and ${more} more “${code}” problem${count === 1 ? '' : 's'} on ${where}; ${shown}`;
}

/** How a summary names a widget: its label, lower-cased when it is a phrase ("a Say/Play widget without a name"). */
export function onWidget(label: string): string {
  return label.startsWith('A ') ? `a ${label.slice(2)}` : label;
}
