/**
 * Studio's own verdict on a definition (a 400 from Validate, Create or Update carries `details.errors`, each with a
 * `message` and a `property_path` such as `#/states/1/properties/body`) as the validator's problems, and where that
 * verdict and the offline one disagree. Used by the editor and by `studio-flow validate --remote`.
 */
import type { FlowDefinition, Problem } from '../model/types';
import { fieldOf } from './paths';

/** One error of Studio's verdict, as its API gives it. */
export interface StudioDefinitionError {
  readonly message: string;
  readonly property_path?: string;
}

export interface Disagreement {
  /** `studio`: Studio reports it, the offline validator does not; `offline`: the other way round. */
  only: 'studio' | 'offline';
  problem: Problem;
}

/**
 * Studio's definition errors as problems: `property_path` (`#/states/1/properties/body`) becomes the pointer, and
 * the widget and field where it points into a widget.
 */
export function studioProblems(
  definition: FlowDefinition,
  errors: readonly StudioDefinitionError[],
): Problem[] {
  return errors.map((e) => {
    const raw = (e.property_path ?? '').replace(/^#/, '');
    const pointer = raw === '' || raw.startsWith('/') ? raw : `/${raw}`;
    const problem: Problem = {
      severity: 'error',
      code: 'studio.remote',
      message: `Studio: ${e.message}`,
      pointer,
    };
    const m = /^\/states\/(\d+)(\/.*)?$/.exec(pointer);
    if (m) {
      const widget: unknown = definition.states[Number(m[1])];
      const name = (widget as { name?: unknown } | undefined)?.name;
      if (typeof name === 'string') {
        problem.widget = name;
        const field = m[2] === undefined ? undefined : fieldOf(widget, m[2]);
        if (field !== undefined) problem.field = field;
      }
    }
    return problem;
  });
}

/**
 * Where the two verdicts differ, by place: a Studio error at a pointer where (or under which) the offline validator
 * has no error, and an offline error Studio has nothing at or around.
 */
export function disagreements(studio: readonly Problem[], offline: readonly Problem[]): Disagreement[] {
  const offlineErrors = offline.filter((p) => p.severity === 'error');
  const related = (a: string, b: string) => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
  return [
    ...studio
      .filter((s) => !offlineErrors.some((o) => related(s.pointer, o.pointer)))
      .map((problem) => ({ only: 'studio' as const, problem })),
    ...offlineErrors
      .filter((o) => !studio.some((s) => related(s.pointer, o.pointer)))
      .map((problem) => ({ only: 'offline' as const, problem })),
  ];
}
