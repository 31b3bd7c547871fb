/**
 * Validation of a whole flow: the top level against the (shallow) root schema, each state against its type's
 * schema, then lint. `createValidator` keeps, per state object, everything that depends on that object alone
 * (schema problems, per-widget lint, links, Liquid references, numbers JSON cannot hold) in a WeakMap: model
 * commands never mutate, so an unchanged widget is the same object and is not looked at again, and an edited widget
 * is a new object. Cached results have pointers relative to their widget; the state index is attached when
 * assembling (and the assembled list is reused while the widget stays at the same index).
 *
 * Bounded on hostile input: every step is linear in the size of the definition, and no widget (nor the flow itself)
 * lists more than `MAX_PROBLEMS_PER_CODE` (20) problems with the same code. Past that, one `lint.more` problem of
 * the highest severity among the rest stands in their place ("…and 99,979 more “lint.duplicate-event” problems on
 * Trigger “Trigger”; only the first 20 are listed", pointer: the widget, or '' on the flow). The cap is applied
 * here, as problems are collected (cap.ts), so the editor's Problems panel, the JSON view and the CLI (text and
 * --json) all get the same list, the same for the same definition. A widget's own problems are capped in its
 * cached entry; the flow-level lint's problems of a widget (dangling links, references to missing widgets, ...)
 * are capped per widget each validation: their codes are not among the cached ones, so each code is capped once.
 */
import { isObject } from '../model/object';
import type { FlowDefinition, Problem } from '../model/types';
import type { Profile } from '../schema/schemas';
import { MAX_PROBLEMS_PER_CODE, MORE_CODE, moreMessage, onWidget, ProblemCap } from './cap';
import { compiledProfile, type CompiledProfile } from './compile';
import { lintFlow, type StateFacts } from './lintFlow';
import { lintWidget } from './lintWidget';
import { widgetLabel } from './names';
import { findNonFinite, NON_FINITE_CODE, nonFiniteMessage } from './numbers';
import { escapeSegment, formatPath } from './paths';
import { translateRootErrors, translateWidgetErrors, type LocalProblem, type RootProblem } from './translate';

export interface ValidateOptions {
  /** Which schemas to validate against; default `studio` (what real Studio accepts). */
  profile?: Profile;
}

/** Validates flows under one profile, reusing the results for widgets that did not change since the last call. */
export interface Validator {
  readonly profile: Profile;
  /**
   * Every problem of the definition: flow-level first, then each widget's in state order. A new array each call;
   * the problem objects of unchanged widgets are reused from the cache, so treat them as immutable.
   */
  validate(def: FlowDefinition): Problem[];
  /**
   * Does the per-widget work of `states` ahead of time (schema and lint of each widget, cached by object), so that
   * a later `validate` of a definition holding them only assembles. A large flow can so be checked in slices,
   * between which the page stays responsive.
   */
  prepare(states: readonly unknown[]): void;
}

interface Entry {
  /** Schema problems, then per-widget lint; pointers relative to the widget. */
  local: LocalProblem[];
  facts: StateFacts;
  /** The state index `assembled` was built for, or -1. */
  at: number;
  assembled: Problem[];
}

function computeEntry(state: Record<string, unknown>, compiled: CompiledProfile): Entry {
  const type = typeof state.type === 'string' ? state.type : undefined;
  const validate = type === undefined ? undefined : compiled.widget(type);
  const schema =
    validate === undefined || validate(state) ? [] : translateWidgetErrors(state, validate.errors ?? []);
  const schemaFields = new Set<string>();
  for (const p of schema) if (p.field !== undefined) schemaFields.add(p.field);
  const name = typeof state.name === 'string' ? state.name : undefined;
  const label = widgetLabel(type, name);
  const problems = new ProblemCap<LocalProblem>((code, severity, count, listed) => ({
    severity,
    code: MORE_CODE,
    message: moreMessage(code, count, listed, onWidget(label)),
    pointer: '',
  }));
  for (const p of schema) problems.add(p);
  const lint = lintWidget(state, compiled, schemaFields, problems);
  return {
    local: problems.finish(),
    facts: {
      widget: state,
      type,
      name,
      label,
      links: lint.links,
      references: lint.references,
    },
    at: -1,
    assembled: [],
  };
}

/**
 * Whether a state's entry is final: its type's validator is loaded (or it has none). Otherwise the entry has lint
 * alone and is not cached, so the state is checked again once the validator is in (the browser fetches each type's
 * on first use, compile.ts).
 */
function complete(state: Record<string, unknown>, compiled: CompiledProfile): boolean {
  return typeof state.type !== 'string' || compiled.hasWidget(state.type);
}

function assemble(entry: Entry, index: number): Problem[] {
  if (entry.at === index) return entry.assembled;
  const prefix = `/states/${index}`;
  const name = entry.facts.name;
  entry.assembled = entry.local.map((p) => {
    const pointer = prefix + p.pointer;
    const problem: Problem =
      name === undefined
        ? { severity: p.severity, code: p.code, message: p.message, pointer }
        : { severity: p.severity, code: p.code, message: p.message, widget: name, pointer };
    if (p.field !== undefined) problem.field = p.field;
    return problem;
  });
  entry.at = index;
  return entry.assembled;
}

function rootProblem(p: RootProblem, name: string | undefined): Problem {
  const problem: Problem =
    name === undefined
      ? { severity: p.severity, code: p.code, message: p.message, pointer: p.pointer }
      : { severity: p.severity, code: p.code, message: p.message, widget: name, pointer: p.pointer };
  if (p.field !== undefined) problem.field = p.field;
  return problem;
}

/** Non-finite numbers inside one value outside the widgets: the first ones (as many as the cap lists), and how many. */
interface NonFiniteFound {
  listed: { segments: string[]; value: number }[];
  total: number;
}

function nonFiniteIn(value: unknown): NonFiniteFound {
  const listed: NonFiniteFound['listed'] = [];
  const total = findNonFinite(value, (segments, v) => {
    listed.push({ segments: [...segments], value: v });
    return listed.length < MAX_PROBLEMS_PER_CODE;
  });
  return { listed, total };
}

/**
 * The `value.non-finite` problems of a value outside the widgets (`prefix`: its place, `['flags']`, or
 * `['states', '3']` for a state that is not an object), into `problems`. Objects are looked at once per validator
 * (`cache`): this runs on every validation, and they keep their identity across edits like widgets do.
 */
function flowNumbers(
  value: unknown,
  prefix: readonly string[],
  cache: WeakMap<object, NonFiniteFound>,
  problems: ProblemCap<Problem>,
): void {
  let found: NonFiniteFound | undefined;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return;
    found = nonFiniteIn(value);
  } else if (typeof value === 'object' && value !== null) {
    found = cache.get(value);
    if (!found) {
      found = nonFiniteIn(value);
      cache.set(value, found);
    }
  } else return;
  for (const { segments, value: v } of found.listed) {
    const all = [...prefix, ...segments];
    const field = formatPath(all);
    problems.add({
      severity: 'error',
      code: NON_FINITE_CODE,
      message: nonFiniteMessage(field, v),
      pointer: all.reduce((p, s) => `${p}/${escapeSegment(s)}`, ''),
      field,
    });
  }
  problems.drop(NON_FINITE_CODE, 'error', found.total - found.listed.length);
}

/** The cap of the problems that belong to no widget object: the flow's (`where`: "the flow"), a non-object state's. */
function flowCap(where: string, pointer: string): ProblemCap<Problem> {
  return new ProblemCap<Problem>((code, severity, count, listed) => ({
    severity,
    code: MORE_CODE,
    message: moreMessage(code, count, listed, where),
    pointer,
  }));
}

/** A validator for one profile (default `studio`), with its own cache. The compiled schemas are shared. */
export function createValidator(profile: Profile = 'studio'): Validator {
  const cache = new WeakMap<object, Entry>();
  const numbers = new WeakMap<object, NonFiniteFound>();
  return {
    profile,
    prepare(states: readonly unknown[]): void {
      const compiled = compiledProfile(profile);
      for (const state of states) {
        if (isObject(state) && !cache.has(state) && complete(state, compiled))
          cache.set(state, computeEntry(state, compiled));
      }
    },
    validate(def: FlowDefinition): Problem[] {
      const compiled = compiledProfile(profile);
      const data: unknown = def;
      const rootProblems = compiled.root(data)
        ? []
        : translateRootErrors(data, compiled.root.errors ?? [], profile === 'official');
      if (!isObject(data)) {
        const flow = flowCap('the flow', '');
        for (const p of rootProblems) flow.add(rootProblem(p, undefined));
        return flow.finish();
      }

      const states: unknown[] = Array.isArray(data.states) ? (data.states as unknown[]) : [];
      const n = states.length;
      const entries: (Entry | undefined)[] = new Array<Entry | undefined>(n);
      const facts: (StateFacts | undefined)[] = new Array<StateFacts | undefined>(n);
      for (let i = 0; i < n; i++) {
        const state = states[i];
        if (!isObject(state)) continue;
        let entry = cache.get(state);
        if (!entry) {
          entry = computeEntry(state, compiled);
          if (complete(state, compiled)) cache.set(state, entry);
        }
        entries[i] = entry;
        facts[i] = entry.facts;
      }
      const lint = lintFlow(data, facts);

      // Flow level: the root schema's problems, the flow lint's, numbers outside the widgets; capped together.
      const flow = flowCap('the flow', '');
      const rootByState = new Map<number, RootProblem[]>();
      for (const p of rootProblems) {
        if (p.widgetIndex === undefined) flow.add(rootProblem(p, undefined));
        else {
          const list = rootByState.get(p.widgetIndex);
          if (list) list.push(p);
          else rootByState.set(p.widgetIndex, [p]);
        }
      }
      for (const p of lint.flow) flow.add(p);
      for (const key in data) {
        if (key === 'states' && Array.isArray(data.states)) continue;
        flowNumbers(data[key], [key], numbers, flow);
      }
      const out = flow.finish();

      for (let i = 0; i < n; i++) {
        const entry = entries[i];
        const rootOfState = rootByState.get(i);
        // A state's root problems are few (its `type`, its required keys): never near the cap.
        if (rootOfState) for (const p of rootOfState) out.push(rootProblem(p, entry?.facts.name));
        if (!entry) {
          out.push({
            severity: 'error',
            code: 'schema.type',
            message: `Widget #${i + 1} is not a JSON object`,
            pointer: `/states/${i}`,
          });
          const state = flowCap(`widget #${i + 1}`, `/states/${i}`);
          flowNumbers(states[i], ['states', String(i)], numbers, state);
          for (const p of state.finish()) out.push(p);
          continue;
        }
        const own = assemble(entry, i);
        for (const p of own) out.push(p);
        const more = lint.byState.get(i);
        if (more) for (const p of more) out.push(p);
      }
      return out;
    },
  };
}

/** Validates a whole definition once (no cache kept). Default profile: `studio`. */
export function validateDefinition(def: FlowDefinition, opts?: ValidateOptions): Problem[] {
  return createValidator(opts?.profile ?? 'studio').validate(def);
}
