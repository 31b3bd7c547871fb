/**
 * Validation of a whole flow: the top level against the (shallow) root schema, each state against its type's
 * schema, then lint. `createValidator` keeps, per state object, everything that depends on that object alone
 * (schema problems, per-widget lint, links, Liquid references) in a WeakMap: model commands never mutate, so an
 * unchanged widget is the same object and is not looked at again, and an edited widget is a new object.
 * Cached results have pointers relative to their widget; the state index is attached when assembling (and the
 * assembled list is reused while the widget stays at the same index).
 */
import type { FlowDefinition, Problem } from '../model/types';
import type { Profile } from '../schema/schemas';
import { compiledProfile, type CompiledProfile } from './compile';
import { lintFlow, type StateFacts } from './lintFlow';
import { lintWidget } from './lintWidget';
import { widgetLabel } from './names';
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
}

interface Entry {
  /** Schema problems, then per-widget lint; pointers relative to the widget. */
  local: LocalProblem[];
  facts: StateFacts;
  /** The state index `assembled` was built for, or -1. */
  at: number;
  assembled: Problem[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function computeEntry(state: Record<string, unknown>, compiled: CompiledProfile): Entry {
  const type = typeof state.type === 'string' ? state.type : undefined;
  const validate = type === undefined ? undefined : compiled.widget(type);
  const schema =
    validate === undefined || validate(state)
      ? []
      : translateWidgetErrors(state, validate.errors ?? [], compiled.widgetDocument(type ?? ''));
  const schemaFields = new Set<string>();
  for (const p of schema) if (p.field !== undefined) schemaFields.add(p.field);
  const lint = lintWidget(state, compiled, schemaFields);
  const name = typeof state.name === 'string' ? state.name : undefined;
  return {
    local: schema.length === 0 ? lint.problems : [...schema, ...lint.problems],
    facts: {
      widget: state,
      type,
      name,
      label: widgetLabel(type, name),
      links: lint.links,
      references: lint.references,
    },
    at: -1,
    assembled: [],
  };
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

/** A validator for one profile (default `studio`), with its own cache. The compiled schemas are shared. */
export function createValidator(profile: Profile = 'studio'): Validator {
  const cache = new WeakMap<object, Entry>();
  return {
    profile,
    validate(def: FlowDefinition): Problem[] {
      const compiled = compiledProfile(profile);
      const data: unknown = def;
      const rootProblems = compiled.root(data)
        ? []
        : translateRootErrors(data, compiled.root.errors ?? [], profile === 'official');
      if (!isRecord(data)) return rootProblems.map((p) => rootProblem(p, undefined));

      const states: unknown[] = Array.isArray(data.states) ? (data.states as unknown[]) : [];
      const n = states.length;
      const entries: (Entry | undefined)[] = new Array<Entry | undefined>(n);
      const facts: (StateFacts | undefined)[] = new Array<StateFacts | undefined>(n);
      for (let i = 0; i < n; i++) {
        const state = states[i];
        if (!isRecord(state)) continue;
        let entry = cache.get(state);
        if (!entry) {
          entry = computeEntry(state, compiled);
          cache.set(state, entry);
        }
        entries[i] = entry;
        facts[i] = entry.facts;
      }
      const lint = lintFlow(data, facts);

      const out: Problem[] = [];
      const rootByState = new Map<number, RootProblem[]>();
      for (const p of rootProblems) {
        if (p.widgetIndex === undefined) out.push(rootProblem(p, undefined));
        else {
          const list = rootByState.get(p.widgetIndex);
          if (list) list.push(p);
          else rootByState.set(p.widgetIndex, [p]);
        }
      }
      out.push(...lint.flow);
      for (let i = 0; i < n; i++) {
        const entry = entries[i];
        const rootOfState = rootByState.get(i);
        if (rootOfState) for (const p of rootOfState) out.push(rootProblem(p, entry?.facts.name));
        if (!entry) {
          out.push({
            severity: 'error',
            code: 'schema.type',
            message: `Widget #${i + 1} is not a JSON object`,
            pointer: `/states/${i}`,
          });
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
