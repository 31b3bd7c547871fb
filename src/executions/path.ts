/**
 * The path of one execution through its flow: the widgets it entered, in order, the transitions it took, where it
 * ended (or waits), how long each step took, and what of it the flow definition does not have.
 *
 * Ordering. Steps are sorted by `date_created`, ties by SID (so the order never depends on the order the input
 * listed them in: the API lists steps newest first). Studio dates have whole seconds, and several steps often
 * share one; within such a tie the steps are then chained, each one leaving the widget the previous one entered
 * (the first leaving the flow's initial widget when a definition is given), the SID order deciding only where the
 * chain is ambiguous or broken. Steps are assumed to be one execution's: the steps of any other execution are left
 * out and counted in `ignoredSteps` (`groupStepsByExecution` splits a mixed list).
 *
 * The end of a flow. The step that ends an execution goes to {@link END_OF_FLOW} (`Ended`), which is no widget
 * (unless the flow has a widget of that name): it is a transition (shown as such) but not a visit, and the
 * execution ended at the widget it left.
 *
 * Pure TypeScript: no DOM, no Node built-ins.
 */

import type { FlowDefinition } from '../model/types';
import { END_OF_FLOW, type ExecutionRecord, type StepRecord } from './types';

/** One step in path order, with its timing. */
export interface PathStep {
  /** 1-based position in the path. */
  order: number;
  step: StepRecord;
  /** Milliseconds since the previous step; null for the first step or when a date cannot be read. */
  sincePreviousMs: number | null;
  /** Milliseconds since the first step; null when a date cannot be read. */
  sinceStartMs: number | null;
}

/** A widget entered. The same widget entered again (a loop) is another visit. */
export interface PathVisit {
  /** 1-based: visit 1 is the flow's initial widget (the trigger), the `from` of the first step. */
  order: number;
  widget: string;
  /**
   * The step that entered the widget; null for visit 1 and for a widget the steps left without any step having
   * entered it (see `ExecutionPath.gaps`).
   */
  step: StepRecord | null;
  /** When it was entered: the entering step's date (the first step's date for visit 1), as the input wrote it. */
  date: string;
}

/** A transition taken, once per (from, event, to), with the order of every step that took it. */
export interface PathTransition {
  from: string;
  event: string;
  to: string;
  /** `PathStep.order` of each step that took it, ascending. */
  orders: number[];
}

/** A step that left another widget than the one the previous step entered: steps are missing in between. */
export interface PathGap {
  /** `PathStep.order` of the step after the gap. */
  order: number;
  /** The widget the previous step entered (the widget the step should have left). */
  expected: string;
  /** The widget the step left. */
  found: string;
}

/** A transition the steps took that the flow definition does not have. */
export interface MissingTransition {
  from: string;
  event: string;
  to: string;
  /**
   * `no-event`: the widget has no transition with that event. `other-target`: it has, but the transition leads
   * elsewhere (`expected`; null: the flow ends there).
   */
  reason: 'no-event' | 'other-target';
  expected?: string | null;
  /** `PathStep.order` of each step that took it. */
  orders: number[];
}

/** What the steps did that the definition does not have. */
export interface PathMismatch {
  /** Widgets the steps name that the flow lacks, in the order first met. */
  missingWidgets: string[];
  /** Transitions taken between widgets the flow has, that the flow does not have. */
  missingTransitions: MissingTransition[];
  /** The first step left another widget than the flow's `initial_state`. */
  initial: { expected: string; found: string } | null;
  /**
   * Anything above: the steps most likely ran on another revision of the flow (a renamed, removed or rewired
   * widget), so the path cannot be drawn on this definition as it is.
   */
  likelyOtherRevision: boolean;
  /** None of the widgets the steps entered (the initial one aside) is in the flow: probably another flow. */
  likelyOtherFlow: boolean;
}

export interface ExecutionPath {
  /** The execution's SID (the `execution` given, else the first step's); null when there are no steps. */
  executionSid: string | null;
  /** The steps in path order. */
  steps: PathStep[];
  visits: PathVisit[];
  /** Every (from, event, to) taken, in the order first taken. */
  transitions: PathTransition[];
  /**
   * The widget where the execution ended, or waits when `waiting`: the last widget entered (the widget left by
   * the final step when that step went to {@link END_OF_FLOW}). Null without steps.
   */
  ended: string | null;
  /** The last step went to {@link END_OF_FLOW}. */
  reachedEnd: boolean;
  /** The execution is active (status `active`): it waits at `ended`. */
  waiting: boolean;
  /** The execution's status when it was given. */
  status: string | null;
  /** From the first step to the last; null without two readable dates. */
  durationMs: number | null;
  gaps: PathGap[];
  /** Steps of another execution, left out. */
  ignoredSteps: number;
  /** Against the definition; null when none was given. */
  mismatch: PathMismatch | null;
}

/**
 * The path of one execution: its steps (any order; see the module comment for how ties are ordered), optionally
 * checked against the flow definition it ran on, and its Execution record (for `status`, hence `waiting`).
 */
export function executionPath(
  steps: readonly StepRecord[],
  definition?: FlowDefinition,
  execution?: ExecutionRecord,
): ExecutionPath {
  return buildPath(steps, definition ? indexFlow(definition) : null, execution);
}

/** Steps by execution SID, each execution's steps in input order; executions in the order first met. */
export function groupStepsByExecution(steps: readonly StepRecord[]): Map<string, StepRecord[]> {
  const groups = new Map<string, StepRecord[]>();
  for (const step of steps) {
    const group = groups.get(step.executionSid);
    if (group) group.push(step);
    else groups.set(step.executionSid, [step]);
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------------------------
// The definition, indexed once (a summary checks thousands of steps against it)

/** @internal What the paths need of a definition: its widgets, and for each event the widgets it may lead to. */
export interface FlowIndex {
  initial: string | undefined;
  widgets: Map<string, IndexedWidget>;
}

interface IndexedWidget {
  type: string;
  /** Event -> its targets (null: not connected, the flow ends there). A split has several `match` transitions. */
  events: Map<string, Set<string | null>>;
  targets: Set<string | null>;
}

/** @internal */
export function indexFlow(definition: FlowDefinition): FlowIndex {
  const widgets = new Map<string, IndexedWidget>();
  for (const state of definition.states) {
    const events = new Map<string, Set<string | null>>();
    const targets = new Set<string | null>();
    for (const t of state.transitions) {
      const next = typeof t.next === 'string' && t.next !== '' ? t.next : null;
      let set = events.get(t.event);
      if (!set) events.set(t.event, (set = new Set()));
      set.add(next);
      targets.add(next);
    }
    if (!widgets.has(state.name)) widgets.set(state.name, { type: state.type, events, targets });
  }
  return { initial: definition.initial_state, widgets };
}

/**
 * Whether paths and summaries checked against `a` and `b` are the same: both index alike (indexFlow, above, reads the
 * initial widget and each widget's name, type and transitions: a change to what it reads changes this too). Widgets
 * are never mutated, so an edit that only moves cards or changes other properties keeps each widget's `transitions`
 * array, and the check is one comparison per widget.
 */
export function sameFlowIndex(a: FlowDefinition | null, b: FlowDefinition | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.initial_state !== b.initial_state || a.states.length !== b.states.length) return false;
  return a.states.every((w, i) => {
    const other = b.states[i];
    return (
      other !== undefined &&
      (w === other || (w.name === other.name && w.type === other.type && w.transitions === other.transitions))
    );
  });
}

/** Whether a step's `to` is the end of the flow rather than a widget. */
function isEnd(to: string, index: FlowIndex | null): boolean {
  return to === END_OF_FLOW && !(index?.widgets.has(END_OF_FLOW) ?? false);
}

/** @internal Why the flow does not have (from, event → to); null when it has it or lacks the widget `from`. */
export function transitionProblem(
  index: FlowIndex,
  from: string,
  event: string,
  to: string,
): Pick<MissingTransition, 'reason' | 'expected'> | null {
  const widget = index.widgets.get(from);
  if (!widget) return null;
  const target = isEnd(to, index) ? null : to;
  const targets = widget.events.get(event);
  if (targets) {
    if (targets.has(target)) return null;
    const [expected] = targets;
    return { reason: 'other-target', expected: expected ?? null };
  }
  // A split may record the condition that matched rather than the definition's `match` event: a target the
  // split can lead to is taken as its transition.
  if (widget.type === 'split-based-on' && widget.targets.has(target)) return null;
  return { reason: 'no-event' };
}

// ---------------------------------------------------------------------------------------------------------------
// Ordering

/** @internal The steps in path order with their times (NaN when unreadable; those sort last, by SID). */
export function orderSteps(
  steps: readonly StepRecord[],
  initial: string | undefined,
): { ordered: StepRecord[]; times: number[] } {
  const timed = steps.map((step) => ({ step, time: Date.parse(step.date) }));
  timed.sort((a, b) => {
    const ta = Number.isNaN(a.time) ? Infinity : a.time;
    const tb = Number.isNaN(b.time) ? Infinity : b.time;
    if (ta !== tb) return ta - tb;
    return a.step.sid < b.step.sid ? -1 : a.step.sid > b.step.sid ? 1 : 0;
  });
  const ordered = timed.map((t) => t.step);
  const times = timed.map((t) => t.time);
  let previousTo: string | undefined;
  for (let i = 0; i < ordered.length;) {
    let j = i + 1;
    while (j < ordered.length && sameTime(times[j] as number, times[i] as number)) j++;
    if (j - i > 1) chain(ordered, i, j, previousTo ?? startOf(ordered, i, j, initial));
    previousTo = (ordered[j - 1] as StepRecord).to;
    i = j;
  }
  return { ordered, times };
}

function sameTime(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/** Where the first tie group of a path starts: the initial widget, else a widget no step of the group enters. */
function startOf(
  steps: readonly StepRecord[],
  from: number,
  to: number,
  initial: string | undefined,
): string {
  const group = steps.slice(from, to);
  if (initial !== undefined && group.some((s) => s.from === initial)) return initial;
  const entered = new Set(group.map((s) => s.to));
  return (group.find((s) => !entered.has(s.from)) ?? group[0])?.from ?? '';
}

/**
 * Reorders `steps[from, to)` (already in SID order) so that each step leaves the widget the previous one entered,
 * starting at `start`; where no step continues the chain, the first remaining one in SID order goes next. Linear
 * in the size of the group (each list is walked once).
 */
function chain(steps: StepRecord[], from: number, to: number, start: string): void {
  const group = steps.slice(from, to);
  const byFrom = new Map<string, { items: number[]; next: number }>();
  group.forEach((s, k) => {
    const entry = byFrom.get(s.from);
    if (entry) entry.items.push(k);
    else byFrom.set(s.from, { items: [k], next: 0 });
  });
  const used = new Array<boolean>(group.length).fill(false);
  let fallback = 0;
  let current = start;
  for (let out = from; out < to; out++) {
    let pick = -1;
    const entry = byFrom.get(current);
    if (entry) {
      while (entry.next < entry.items.length && used[entry.items[entry.next] as number]) entry.next++;
      if (entry.next < entry.items.length) pick = entry.items[entry.next] as number;
    }
    if (pick < 0) {
      while (used[fallback]) fallback++;
      pick = fallback;
    }
    used[pick] = true;
    const step = group[pick] as StepRecord;
    steps[out] = step;
    current = step.to;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The path

/** @internal {@link executionPath} with the definition already indexed. */
export function buildPath(
  allSteps: readonly StepRecord[],
  index: FlowIndex | null,
  execution?: ExecutionRecord,
): ExecutionPath {
  const executionSid = execution?.sid ?? allSteps[0]?.executionSid ?? null;
  const steps = allSteps.filter((s) => s.executionSid === executionSid);
  const { ordered, times } = orderSteps(steps, index?.initial);
  const path: ExecutionPath = {
    executionSid,
    steps: [],
    visits: [],
    transitions: [],
    ended: null,
    reachedEnd: false,
    waiting: execution?.status === 'active',
    status: execution?.status ?? null,
    durationMs: null,
    gaps: [],
    ignoredSteps: allSteps.length - steps.length,
    mismatch: null,
  };
  const firstTime = times[0] ?? NaN;
  const byKey = new Map<string, PathTransition>();
  let current: string | null = null;
  ordered.forEach((step, k) => {
    const order = k + 1;
    const time = times[k] as number;
    const previous = k > 0 ? (times[k - 1] as number) : NaN;
    path.steps.push({
      order,
      step,
      sincePreviousMs: k > 0 ? finite(time - previous) : null,
      sinceStartMs: finite(time - firstTime),
    });
    if (current === null) {
      path.visits.push({ order: 1, widget: step.from, step: null, date: step.date });
    } else if (step.from !== current) {
      path.gaps.push({ order, expected: current, found: step.from });
      path.visits.push({ order: path.visits.length + 1, widget: step.from, step: null, date: step.date });
    }
    const end = isEnd(step.to, index);
    if (!end) path.visits.push({ order: path.visits.length + 1, widget: step.to, step, date: step.date });
    current = end ? END_OF_FLOW : step.to;
    const key = `${step.from}\u0000${step.event}\u0000${step.to}`;
    const taken = byKey.get(key);
    if (taken) taken.orders.push(order);
    else {
      const transition = { from: step.from, event: step.event, to: step.to, orders: [order] };
      byKey.set(key, transition);
      path.transitions.push(transition);
    }
  });
  const last = ordered[ordered.length - 1];
  if (last) {
    path.reachedEnd = isEnd(last.to, index);
    path.ended = path.visits[path.visits.length - 1]?.widget ?? null;
    path.durationMs = finite((times[times.length - 1] as number) - firstTime);
  }
  if (index) path.mismatch = mismatchOf(path, index);
  return path;
}

function finite(n: number): number | null {
  return Number.isFinite(n) ? n : null;
}

function mismatchOf(path: ExecutionPath, index: FlowIndex): PathMismatch {
  const missing = new Set<string>();
  const note = (name: string) => {
    if (!index.widgets.has(name) && !isEnd(name, index)) missing.add(name);
  };
  const missingTransitions: MissingTransition[] = [];
  for (const t of path.transitions) {
    note(t.from);
    note(t.to);
    const problem = transitionProblem(index, t.from, t.event, t.to);
    if (problem)
      missingTransitions.push({ from: t.from, event: t.event, to: t.to, ...problem, orders: t.orders });
  }
  const first = path.visits[0]?.widget;
  const initial =
    first !== undefined && index.initial !== undefined && first !== index.initial
      ? { expected: index.initial, found: first }
      : null;
  const entered = path.visits.slice(1).map((v) => v.widget);
  return {
    missingWidgets: [...missing],
    missingTransitions,
    initial,
    likelyOtherRevision: missing.size > 0 || missingTransitions.length > 0 || initial !== null,
    likelyOtherFlow: entered.length > 0 && entered.every((w) => !index.widgets.has(w)),
  };
}
