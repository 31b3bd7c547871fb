/**
 * The parts every field of the inspector shares: its label (with the required marker), help text, the problems
 * that belong to it and the flags of missing widget references, all linked to the control with
 * `aria-describedby`, and the context through which a field writes to the selected widget.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { Problem, Widget } from '../model/types';
import { SEVERITY_WORDS, SeverityIcon } from '../ui/SeverityIcon';

export type Path = readonly (string | number)[];

/** Problems at a field's key and below it (`parameters`, `parameters.0.value`...), by key. */
export type ProblemGroup = ReadonlyMap<string, readonly Problem[]>;

export const NO_PROBLEMS: ProblemGroup = new Map();

function sameProblem(a: Problem, b: Problem): boolean {
  return a.code === b.code && a.message === b.message && a.severity === b.severity && a.pointer === b.pointer;
}

/**
 * Groups with equal content. Revalidation makes new problem objects for an edited widget, even for the fields that
 * did not change: comparing content lets those fields skip re-rendering.
 */
export function sameGroup(a: ProblemGroup, b: ProblemGroup): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [k, list] of a) {
    const other = b.get(k);
    if (!other || other.length !== list.length) return false;
    for (let i = 0; i < list.length; i++)
      if (!sameProblem(list[i] as Problem, other[i] as Problem)) return false;
  }
  return true;
}

/** Every problem of a group (deduplicated, in order). */
export function groupProblems(group: ProblemGroup, key?: string): Problem[] {
  const out: Problem[] = [];
  for (const [k, list] of group) {
    if (key !== undefined && k !== key && !k.startsWith(`${key}.`)) continue;
    for (const p of list) if (!out.includes(p)) out.push(p);
  }
  return out;
}

export interface WidgetEditing {
  widgetName: string;
  /** Sets the value at `path` inside `properties` (`undefined` removes it); same `coalesceKey` = one undo step. */
  setValue: (path: Path, value: unknown, coalesceKey?: string) => void;
  /** Replaces the selected widget with `update(widget)` (transitions: split conditions). */
  updateWidget: (update: (widget: Widget) => Widget, coalesceKey?: string) => void;
  /** The coalescing key of a field of this widget. */
  keyFor: (path: Path) => string;
}

const WidgetEditingContext = createContext<WidgetEditing | null>(null);

export const WidgetEditingProvider = WidgetEditingContext;

export function useWidgetEditing(): WidgetEditing {
  const value = useContext(WidgetEditingContext);
  if (!value) throw new Error('Field editors must be inside a widget form.');
  return value;
}

/** Problems under a field. A plain list (no live region: they change as the user types), linked by id. */
export function ProblemList({ id, problems }: { id?: string | undefined; problems: readonly Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul id={id} className="field-problems">
      {problems.map((p, i) => (
        <li key={`${p.code}-${i}`} className={`field-problem sev-text-${p.severity}`}>
          <SeverityIcon severity={p.severity} className="problem-icon" />
          <span>
            <span className="visually-hidden">{SEVERITY_WORDS[p.severity]}: </span>
            {p.message}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Flags of Liquid references to widgets that do not exist. */
export function MissingReferences({ id, names }: { id?: string | undefined; names: readonly string[] }) {
  if (names.length === 0) return null;
  return (
    <ul id={id} className="field-problems">
      {names.map((name) => (
        <li key={name} className="field-problem sev-text-warning">
          <SeverityIcon severity="warning" className="problem-icon" />
          <span>
            <span className="visually-hidden">{SEVERITY_WORDS.warning}: </span>No widget named “{name}” in
            this flow
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Shown in the label of a required field (the control itself says `aria-required`). */
export function RequiredMark() {
  return (
    <span className="required-mark" aria-hidden="true" title="Required">
      *
    </span>
  );
}

/** Marks a field that accepts Liquid (decorative: completions are announced by the control). */
export function LiquidBadge() {
  return (
    <span className="liquid-badge" aria-hidden="true" title="Accepts Liquid: type {{ for completions">
      {'{{ }}'}
    </span>
  );
}

/** The ids a control is described by, skipping absent parts. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const list = ids.filter((x): x is string => typeof x === 'string' && x !== '');
  return list.length > 0 ? list.join(' ') : undefined;
}

/** Whether any of the problems is an error (the control is then `aria-invalid`). */
export function hasError(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

export function FieldHelp({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="field-help">
      {children}
    </p>
  );
}
