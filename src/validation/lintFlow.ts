/**
 * Lint of the flow as a whole: names, the Trigger and `initial_state`, transitions to missing widgets,
 * reachability, references to missing widgets. Recomputed on every validation, so it is one linear pass over facts
 * the per-widget step already collected (links and references): no widget is walked again here. A widget's
 * problems are capped per code like its own (cap.ts): 100,000 links to a missing widget list 20.
 */
import { TRIGGER_TYPE } from '../model/commands';
import { widgetNameClash } from '../model/names';
import { referencesToMissingWidgets } from '../model/liquid';
import { isObject } from '../model/object';
import type { Problem } from '../model/types';
import { MORE_CODE, moreMessage, onWidget, ProblemCap } from './cap';
import type { Link, WidgetReference } from './lintWidget';
import { transitionNames, type TransitionNames } from './paths';

/** What flow lint needs of one state. */
export interface StateFacts {
  /** The state object itself (to name a transition in `field` when reporting). */
  widget: Record<string, unknown>;
  type: string | undefined;
  name: string | undefined;
  /** "Send Message “greet”". */
  label: string;
  links: readonly Link[];
  references: readonly WidgetReference[];
}

export interface FlowLint {
  /** Problems that belong to no widget. */
  flow: Problem[];
  /** Problems of state `i`, only for states that have some; capped per code. */
  byState: Map<number, Problem[]>;
}

/** Lints the flow. `states[i]` is undefined for a state that is not an object. */
export function lintFlow(def: unknown, states: readonly (StateFacts | undefined)[]): FlowLint {
  const flow: Problem[] = [];
  const caps = new Map<number, ProblemCap<Problem>>();
  const capOf = (i: number): ProblemCap<Problem> => {
    let cap = caps.get(i);
    if (!cap) {
      const s = states[i];
      const name = s?.name;
      cap = new ProblemCap<Problem>((code, severity, count, listed) => ({
        severity,
        code: MORE_CODE,
        message: moreMessage(code, count, listed, onWidget(s?.label ?? `widget #${i + 1}`)),
        ...(name === undefined ? {} : { widget: name }),
        pointer: `/states/${i}`,
      }));
      caps.set(i, cap);
    }
    return cap;
  };
  const add = (i: number, p: Problem): void => capOf(i).add(p);
  const n = states.length;

  // Names: the first widget with a name owns it; later ones (also differing only in case) are duplicates.
  const byName = new Map<string, number>();
  const byLowerName = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    const name = states[i]?.name;
    if (name === undefined) continue;
    const lower = name.toLowerCase();
    const first = byLowerName.get(lower);
    if (first !== undefined) {
      const why = widgetNameClash(name, [first]) ?? `Another widget is already named “${first}”.`;
      add(i, {
        severity: 'error',
        code: 'lint.duplicate-name',
        message: `${states[i]?.label ?? name}: ${why}`,
        widget: name,
        pointer: `/states/${i}/name`,
        field: 'name',
      });
    } else byLowerName.set(lower, name);
    if (!byName.has(name)) byName.set(name, i);
  }

  // The Trigger and initial_state.
  const triggers: number[] = [];
  for (let i = 0; i < n; i++) if (states[i]?.type === TRIGGER_TYPE) triggers.push(i);
  const initial = isObject(def) ? def.initial_state : undefined;
  let start: number | undefined;
  if (typeof initial !== 'string' || initial.trim() === '') {
    flow.push({
      severity: 'error',
      code: 'lint.initial-state-missing',
      message:
        initial === undefined
          ? 'The flow has no `initial_state`: it must name the Trigger widget'
          : typeof initial === 'string'
            ? '`initial_state` is empty: it must name the Trigger widget'
            : '`initial_state` must be the name of the Trigger widget',
      pointer: initial === undefined ? '' : '/initial_state',
      field: 'initial_state',
    });
  } else {
    start = byName.get(initial);
    if (start === undefined) {
      flow.push({
        severity: 'error',
        code: 'lint.initial-state-unknown',
        message: `The flow starts at “${initial}” (\`initial_state\`), but no widget has that name`,
        pointer: '/initial_state',
        field: 'initial_state',
      });
    } else if (states[start]?.type !== TRIGGER_TYPE) {
      flow.push({
        severity: 'error',
        code: 'lint.initial-state-not-trigger',
        message: `The flow starts at ${states[start]?.label ?? initial} (\`initial_state\`); it must start at the Trigger`,
        pointer: '/initial_state',
        field: 'initial_state',
      });
    }
  }
  if (triggers.length === 0 && n > 0) {
    flow.push({
      severity: 'error',
      code: 'lint.no-trigger',
      message: 'The flow has no Trigger widget: every Studio flow starts at one',
      pointer: '/states',
      field: 'states',
    });
  } else if (triggers.length > 1) {
    const main = start !== undefined && triggers.includes(start) ? start : triggers[0];
    for (const i of triggers) {
      if (i === main) continue;
      const name = states[i]?.name;
      add(i, {
        severity: 'error',
        code: 'lint.multiple-triggers',
        message: `${states[i]?.label ?? 'A Trigger'} is a second Trigger: a flow has exactly one`,
        ...(name === undefined ? {} : { widget: name }),
        pointer: `/states/${i}`,
      });
    }
  }

  // Transitions to widgets that do not exist.
  for (let i = 0; i < n; i++) {
    const s = states[i];
    if (!s) continue;
    let names: TransitionNames | undefined;
    for (const link of s.links) {
      if (byName.has(link.next)) continue;
      const cap = capOf(i);
      if (!cap.room('lint.dangling-next')) {
        cap.drop('lint.dangling-next', 'error', 1);
        continue;
      }
      names ??= transitionNames(s.widget);
      add(i, {
        severity: 'error',
        code: 'lint.dangling-next',
        message: `“${s.name ?? s.label}” → event “${link.event}” leads to “${link.next}”, which does not exist`,
        ...(s.name === undefined ? {} : { widget: s.name }),
        pointer: `/states/${i}/transitions/${link.transition}/next`,
        field: `${names(link.transition)}.next`,
      });
    }
  }

  // Reachability from the start (the initial state and every Trigger).
  const starts = [...triggers];
  if (start !== undefined && !triggers.includes(start)) starts.push(start);
  if (starts.length > 0) {
    const reached = new Uint8Array(n);
    const queue: number[] = [];
    for (const i of starts) {
      reached[i] = 1;
      queue.push(i);
    }
    for (let q = 0; q < queue.length; q++) {
      const s = states[queue[q] as number];
      if (!s) continue;
      for (const link of s.links) {
        const j = byName.get(link.next);
        if (j !== undefined && reached[j] === 0) {
          reached[j] = 1;
          queue.push(j);
        }
      }
    }
    for (let i = 0; i < n; i++) {
      const s = states[i];
      if (!s || reached[i] === 1) continue;
      add(i, {
        severity: 'warning',
        code: 'lint.unreachable',
        message: `${s.label} cannot be reached: no path from the Trigger leads to it`,
        ...(s.name === undefined ? {} : { widget: s.name }),
        pointer: `/states/${i}`,
      });
    }
  }

  // Liquid references to widgets that do not exist (the inspector's rule too).
  for (let i = 0; i < n; i++) {
    const s = states[i];
    if (!s || s.references.length === 0) continue;
    for (const r of referencesToMissingWidgets(s.references, (ref) => ref.target, byName)) {
      const cap = capOf(i);
      if (!cap.room('lint.unknown-widget-reference')) {
        cap.drop('lint.unknown-widget-reference', 'warning', 1);
        continue;
      }
      add(i, {
        severity: 'warning',
        code: 'lint.unknown-widget-reference',
        message: `\`${r.field}\` refers to “${r.text}”, but no widget is named “${r.target}”`,
        ...(s.name === undefined ? {} : { widget: s.name }),
        pointer: `/states/${i}${r.pointer}`,
        field: r.field,
      });
    }
  }

  const byState = new Map<number, Problem[]>();
  for (const [i, cap] of caps) byState.set(i, cap.finish());
  return { flow, byState };
}
