/**
 * What many executions of a flow did: how often each widget was reached, each transition taken, which paths are
 * the most frequent, where executions failed and where those ended; and, given the flow definition, what the steps
 * did that the flow does not have.
 *
 * Counting rules:
 * - Every execution's steps are put in path order as {@link executionPath} does, so a widget, a transition or an
 *   ending means the same here as on one path.
 * - `reached`: executions that entered the widget at least once; `visits`: times it was entered (a loop counts
 *   each time); `ended`: executions whose path ended at it (the last widget entered, or left by the step to
 *   `Ended`) and that are not known to be active; `waiting`: active executions (status `active`) whose last step
 *   went to it. An execution without an Execution record has no known status and counts as ended.
 * - Failure: a step's event (`name`) is failure-like when it contains, case-insensitively, one of fail, timeout,
 *   noMatch / no-match, error, busy, noAnswer / no-answer, canceled / cancelled ({@link FAILURE_EVENT}): the
 *   events by which Studio widgets report a failed send, call or request, an unanswered prompt or an unmatched
 *   split. An execution failed at (widget, event) when one of its steps left that widget by that event; for each
 *   such pair the summary counts the steps and the executions, and where those executions ended.
 *
 * Linear in the number of steps (sorting aside: the steps of each execution, and the distinct paths).
 *
 * Pure TypeScript: no DOM, no Node built-ins.
 */

import type { FlowDefinition } from '../model/types';
import { buildPath, groupStepsByExecution, indexFlow, type FlowIndex } from './path';
import type { ExecutionRecord, StepRecord } from './types';

/** Failure-like events (see the module comment); matched against a step's event. */
export const FAILURE_EVENT =
  /fail|failed|timeout|noMatch|no-match|error|busy|noAnswer|no-answer|canceled|cancelled/i;

/** Whether an event is failure-like ({@link FAILURE_EVENT}). */
export function isFailureEvent(event: string): boolean {
  return FAILURE_EVENT.test(event);
}

export interface WidgetStats {
  widget: string;
  /** Executions that entered it at least once. */
  reached: number;
  /** Times it was entered. */
  visits: number;
  /** Executions that ended at it (not known to be active). */
  ended: number;
  /** Active executions waiting at it. */
  waiting: number;
}

export interface TransitionStats {
  from: string;
  event: string;
  to: string;
  /** Times taken. */
  count: number;
  /** Executions that took it at least once. */
  executions: number;
}

export interface PathStats {
  /** The widgets entered, in order (visits). */
  widgets: string[];
  /** Executions that took exactly this path. */
  count: number;
  /** The path's last step went to `Ended`. */
  reachedEnd: boolean;
  /** One execution that took it (the first in SID order), to look it up. */
  example: string;
}

export interface FailureEnding {
  /** Where the execution ended (or waits). */
  widget: string;
  executions: number;
}

export interface FailureStats {
  /** The widget left by a failure-like event. */
  widget: string;
  event: string;
  /** Steps that left it by that event. */
  count: number;
  /** Executions that did so at least once. */
  executions: number;
  /** Where those executions ended, most first. */
  endings: FailureEnding[];
}

export interface MissingWidgetStats {
  widget: string;
  /** Steps naming it (as `from` or `to`). */
  steps: number;
  executions: number;
}

export interface MissingTransitionStats {
  from: string;
  event: string;
  to: string;
  reason: 'no-event' | 'other-target';
  /** The flow's target for that event (`other-target`); null: the flow ends there. */
  expected?: string | null;
  count: number;
  executions: number;
}

export interface SummaryMismatch {
  missingWidgets: MissingWidgetStats[];
  missingTransitions: MissingTransitionStats[];
  /** Executions whose first step did not leave the flow's `initial_state`. */
  otherInitial: number;
  /** Executions with any mismatch. */
  executions: number;
  /** Some executions did what the definition does not have: most likely they ran on another revision. */
  likelyOtherRevision: boolean;
  /** Not one widget the executions entered (their initial ones aside) is in the flow: probably another flow. */
  likelyOtherFlow: boolean;
}

export interface SummaryTotals {
  /** Executions known from records or steps. */
  executions: number;
  /** Executions with at least one step. */
  withSteps: number;
  steps: number;
  /** By the Execution records' status; executions without a record count in neither. */
  active: number;
  ended: number;
  /** Executions with at least one failure-like event. */
  failed: number;
  /** Distinct paths among the executions with steps. */
  paths: number;
}

export interface ExecutionsSummary {
  totals: SummaryTotals;
  /** Most visited first, then by name. */
  widgets: WidgetStats[];
  /** Most taken first, then by from, event, to. */
  transitions: TransitionStats[];
  /** The `topPaths` most frequent paths, most frequent first. */
  paths: PathStats[];
  /** Most executions first. */
  failures: FailureStats[];
  /** Against the definition; null when none was given. */
  mismatch: SummaryMismatch | null;
}

export interface SummaryOptions {
  /** How many of the most frequent paths to list (default 10). */
  topPaths?: number;
}

/** Default for {@link SummaryOptions.topPaths}. */
export const TOP_PATHS = 10;

interface Counted {
  /** Executions counted, as the last execution index that touched it (so each execution counts once). */
  last: number;
}

/**
 * Summarises the steps of any number of executions (any order, several executions mixed), with their Execution
 * records (for status: `waiting`, `active`, `ended`) and the flow definition (for `mismatch`) when given.
 */
export function summarizeExecutions(
  steps: readonly StepRecord[],
  executions: readonly ExecutionRecord[] = [],
  definition?: FlowDefinition,
  options: SummaryOptions = {},
): ExecutionsSummary {
  const index: FlowIndex | null = definition ? indexFlow(definition) : null;
  const records = new Map(executions.map((e) => [e.sid, e]));
  const groups = groupStepsByExecution(steps);

  const widgets = new Map<string, WidgetStats & Counted>();
  const transitions = new Map<string, TransitionStats>();
  const paths = new Map<string, PathStats>();
  const failures = new Map<string, FailureStats & Counted & { ends: Map<string, number> }>();
  const missingWidgets = new Map<string, MissingWidgetStats & Counted>();
  const missingTransitions = new Map<string, MissingTransitionStats>();
  let failed = 0;
  let otherInitial = 0;
  let mismatched = 0;
  let enteredAny = false;
  let enteredKnown = false;

  const widgetOf = (name: string): WidgetStats & Counted => {
    let w = widgets.get(name);
    if (!w) widgets.set(name, (w = { widget: name, reached: 0, visits: 0, ended: 0, waiting: 0, last: -1 }));
    return w;
  };

  let n = 0;
  for (const [sid, group] of groups) {
    const execution = records.get(sid);
    const path = buildPath(group, index, execution);
    n++;
    for (const visit of path.visits) {
      const w = widgetOf(visit.widget);
      w.visits++;
      if (w.last !== n) {
        w.last = n;
        w.reached++;
      }
    }
    if (path.ended !== null) {
      const w = widgetOf(path.ended);
      if (path.waiting) w.waiting++;
      else w.ended++;
    }
    let failedHere = false;
    for (const t of path.transitions) {
      const key = `${t.from}\u0000${t.event}\u0000${t.to}`;
      let s = transitions.get(key);
      if (!s) {
        s = { from: t.from, event: t.event, to: t.to, count: 0, executions: 0 };
        transitions.set(key, s);
      }
      // A path lists each (from, event, to) once: one execution more.
      s.count += t.orders.length;
      s.executions++;
      if (isFailureEvent(t.event)) {
        failedHere = true;
        const fkey = `${t.from}\u0000${t.event}`;
        let f = failures.get(fkey);
        if (!f) {
          f = {
            widget: t.from,
            event: t.event,
            count: 0,
            executions: 0,
            endings: [],
            last: -1,
            ends: new Map(),
          };
          failures.set(fkey, f);
        }
        f.count += t.orders.length;
        if (f.last !== n) {
          f.last = n;
          f.executions++;
          if (path.ended !== null) f.ends.set(path.ended, (f.ends.get(path.ended) ?? 0) + 1);
        }
      }
    }
    if (failedHere) failed++;

    const pathKey = path.visits.map((v) => v.widget).join('\u0000') + (path.reachedEnd ? '\u0001' : '');
    const p = paths.get(pathKey);
    if (p) {
      p.count++;
      if (sid < p.example) p.example = sid;
    } else {
      paths.set(pathKey, {
        widgets: path.visits.map((v) => v.widget),
        count: 1,
        reachedEnd: path.reachedEnd,
        example: sid,
      });
    }

    const m = path.mismatch;
    if (m && index) {
      for (const v of path.visits.slice(1)) {
        enteredAny = true;
        if (index.widgets.has(v.widget)) enteredKnown = true;
      }
      if (m.likelyOtherRevision) mismatched++;
      if (m.initial) otherInitial++;
      if (m.missingWidgets.length > 0) {
        const missing = new Set(m.missingWidgets);
        for (const t of path.transitions) {
          for (const name of t.from === t.to ? [t.from] : [t.from, t.to]) {
            if (!missing.has(name)) continue;
            let s = missingWidgets.get(name);
            if (!s) missingWidgets.set(name, (s = { widget: name, steps: 0, executions: 0, last: -1 }));
            s.steps += t.orders.length;
            if (s.last !== n) {
              s.last = n;
              s.executions++;
            }
          }
        }
      }
      for (const t of m.missingTransitions) {
        const key = `${t.from}\u0000${t.event}\u0000${t.to}`;
        let s = missingTransitions.get(key);
        if (!s) {
          s = { from: t.from, event: t.event, to: t.to, reason: t.reason, count: 0, executions: 0 };
          if (t.expected !== undefined) s.expected = t.expected;
          missingTransitions.set(key, s);
        }
        s.count += t.orders.length;
        s.executions++;
      }
    }
  }

  const sids = new Set<string>([...records.keys(), ...groups.keys()]);
  let active = 0;
  let ended = 0;
  for (const e of records.values()) {
    if (e.status === 'active') active++;
    else if (e.status === 'ended') ended++;
  }

  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const top = Math.max(0, options.topPaths ?? TOP_PATHS);
  return {
    totals: {
      executions: sids.size,
      withSteps: groups.size,
      steps: steps.length,
      active,
      ended,
      failed,
      paths: paths.size,
    },
    widgets: [...widgets.values()]
      .map(({ last: _, ...w }) => w)
      .sort((a, b) => b.visits - a.visits || byName(a.widget, b.widget)),
    transitions: [...transitions.values()].sort(
      (a, b) => b.count - a.count || byName(a.from, b.from) || byName(a.event, b.event) || byName(a.to, b.to),
    ),
    paths: [...paths.values()]
      .sort((a, b) => b.count - a.count || byName(a.example, b.example))
      .slice(0, top),
    failures: [...failures.values()]
      .map(({ last: _, ends, ...f }) => ({
        ...f,
        endings: [...ends]
          .map(([widget, executions]) => ({ widget, executions }))
          .sort((a, b) => b.executions - a.executions || byName(a.widget, b.widget)),
      }))
      .sort(
        (a, b) =>
          b.executions - a.executions ||
          b.count - a.count ||
          byName(a.widget, b.widget) ||
          byName(a.event, b.event),
      ),
    mismatch: index
      ? {
          missingWidgets: [...missingWidgets.values()]
            .map(({ last: _, ...w }) => w)
            .sort((a, b) => b.steps - a.steps || byName(a.widget, b.widget)),
          missingTransitions: [...missingTransitions.values()].sort(
            (a, b) => b.count - a.count || byName(a.from, b.from) || byName(a.event, b.event),
          ),
          otherInitial,
          executions: mismatched,
          likelyOtherRevision: mismatched > 0,
          likelyOtherFlow: enteredAny && !enteredKnown,
        }
      : null,
  };
}
