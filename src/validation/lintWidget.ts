/**
 * Lint of one widget on its own: what depends on nothing but the widget object, so the result is cached with the
 * widget (see validator.ts). Also collects what the flow-level lint needs from the widget (its links and its
 * Liquid references to other widgets), so that lint does not walk the widget again.
 *
 * Every step is linear in the size of the widget, whatever it holds (100,000 transitions, a 6 MB body of `{{`):
 * problems go into the widget's capped list (cap.ts), which counts what it does not list instead of keeping it,
 * and the loops over transitions stop building problems of a kind once the cap for it is reached.
 */
import { isObject } from '../model/object';
import { analyzeLiquid, hasLiquid, type LiquidAnalysis } from '../model/liquid';
import { widgetNameError } from '../model/names';
import type { JsonSchema } from '../schema/jsonSchema';
import { getWidgetType } from '../schema/registry';
import { propertiesSchema } from '../schema/walk';
import type { WidgetLintContext } from '../schema/widgets/types';
import type { ProblemCap } from './cap';
import type { CompiledProfile } from './compile';
import { propertyTitle, repeatingEvent, typeEvents, typeTitle, widgetLabel } from './names';
import { findNonFinite, NON_FINITE_CODE, nonFiniteMessage } from './numbers';
import { MAX_OFFSET } from '../model/geometry';
import { escapeSegment, fieldOfSegments, formatPath, transitionNames, type TransitionNames } from './paths';
import type { LocalProblem } from './translate';

/** A transition that leads somewhere (`next` is a non-empty string). */
export interface Link {
  event: string;
  next: string;
  /** Index of the transition in the widget's `transitions`. */
  transition: number;
}

/** A `{{widgets.NAME…}}` reference in one of the widget's strings. */
export interface WidgetReference {
  /** The widget name referred to. */
  target: string;
  /** How it is written, for messages: `widgets.NAME.body`. */
  text: string;
  pointer: string;
  field: string;
}

/** The problems of one widget, under the cap (see cap.ts). */
export type Problems = ProblemCap<LocalProblem>;

export interface WidgetLint {
  links: Link[];
  references: WidgetReference[];
}

// ---------------------------------------------------------------------------------------------------------------
// Required properties of a type (for empty-value warnings)

interface RequiredSpec {
  always: readonly string[];
  /** `if: {properties: {key: {const: value}}} then: {required} else: {required}`, the one conditional shape used. */
  conditional?: { key: string; value: unknown; then: readonly string[]; else: readonly string[] };
}

const requiredSpecs = new WeakMap<JsonSchema, RequiredSpec>();

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function requiredSpec(doc: JsonSchema): RequiredSpec {
  const cached = requiredSpecs.get(doc);
  if (cached) return cached;
  const props = propertiesSchema(doc) ?? {};
  const spec: RequiredSpec = { always: stringList(props.required) };
  const cond = isObject(props.if) && isObject(props.if.properties) ? props.if.properties : undefined;
  if (cond) {
    const [key] = Object.keys(cond);
    const test = key === undefined ? undefined : cond[key];
    if (key !== undefined && isObject(test) && 'const' in test) {
      spec.conditional = {
        key,
        value: test.const,
        then: isObject(props.then) ? stringList(props.then.required) : [],
        else: isObject(props.else) ? stringList(props.else.required) : [],
      };
    }
  }
  requiredSpecs.set(doc, spec);
  return spec;
}

function requiredKeys(doc: JsonSchema, properties: Record<string, unknown>): readonly string[] {
  const spec = requiredSpec(doc);
  const c = spec.conditional;
  if (!c) return spec.always;
  return [...spec.always, ...(properties[c.key] === c.value ? c.then : c.else)];
}

// ---------------------------------------------------------------------------------------------------------------
// Liquid

function liquidIn(
  text: string,
  pointer: string,
  field: string,
  problems: Problems,
  references: WidgetReference[],
): void {
  if (!hasLiquid(text)) return;
  report(text, analyzeLiquid(text), pointer, field, problems, references);
}

function report(
  text: string,
  analysis: LiquidAnalysis,
  pointer: string,
  field: string,
  problems: Problems,
  references: WidgetReference[],
): void {
  for (const issue of analysis.issues) {
    problems.add({
      severity: 'warning',
      code: 'lint.liquid-syntax',
      message: `Liquid error in \`${field}\`: ${issue.message}`,
      pointer,
      field,
    });
  }
  // analyzeLiquid lists at most MAX_LIQUID_ISSUES (more than this cap keeps) and only counts the rest.
  problems.drop('lint.liquid-syntax', 'warning', analysis.omitted ?? 0);
  for (const r of analysis.references) {
    if (r.widget === undefined) continue;
    references.push({ target: r.widget, text: text.slice(r.start, r.end), pointer, field });
  }
}

/** Pointer and field of the place `segments` (relative to `properties`). */
function placeOf(segments: readonly string[]): { pointer: string; field: string } {
  let pointer = '/properties';
  for (const seg of segments) pointer += `/${escapeSegment(seg)}`;
  return { pointer, field: formatPath(segments) };
}

/**
 * Checks the Liquid of every string inside a property value. `segments` is a stack (pushed and popped, not
 * copied): pointers and fields are only built for strings that have something to report.
 */
function walkLiquid(
  value: unknown,
  segments: string[],
  problems: Problems,
  references: WidgetReference[],
  depth = 0,
): void {
  if (depth > 32) return;
  if (typeof value === 'string') {
    if (!hasLiquid(value)) return;
    const analysis = analyzeLiquid(value);
    if (analysis.issues.length === 0 && !analysis.references.some((r) => r.widget !== undefined)) return;
    const { pointer, field } = placeOf(segments);
    report(value, analysis, pointer, field, problems, references);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      segments.push(String(i));
      walkLiquid(value[i], segments, problems, references, depth + 1);
      segments.pop();
    }
  } else if (isObject(value)) {
    for (const key in value) {
      if (depth === 0 && key === 'offset') continue;
      segments.push(key);
      walkLiquid(value[key], segments, problems, references, depth + 1);
      segments.pop();
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The type's own lint

/** Runs the lint of the widget's type (its widget module's, src/schema/widgets), if it has one. */
function lintOfType(
  widget: Record<string, unknown>,
  type: string,
  transitions: readonly unknown[],
  names: TransitionNames,
  label: string,
  problems: Problems,
  references: WidgetReference[],
): void {
  const lint = getWidgetType(type)?.lint;
  if (!lint) return;
  const context: WidgetLintContext = {
    widget,
    transitions,
    label,
    transitionField: names,
    report: (finding) => problems.add(finding),
    checkLiquid: (text, pointer, field) => liquidIn(text, pointer, field, problems, references),
  };
  lint.run(context);
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * Lints one widget into `problems` (which holds the widget's schema problems already). `schemaFields` are the fields
 * the schema already reported, which lint does not report again.
 */
export function lintWidget(
  widget: Record<string, unknown>,
  compiled: CompiledProfile,
  schemaFields: ReadonlySet<string>,
  problems: Problems,
): WidgetLint {
  const links: Link[] = [];
  const references: WidgetReference[] = [];
  const type = typeof widget.type === 'string' ? widget.type : '';
  const label = widgetLabel(type, widget.name);
  const names = transitionNames(widget);

  // Name
  const name = widget.name;
  if (!schemaFields.has('name')) {
    if (typeof name !== 'string') {
      problems.add({
        severity: 'error',
        code: 'lint.invalid-name',
        message: `${label} has no name`,
        pointer: name === undefined ? '' : '/name',
        field: 'name',
      });
    } else {
      const why = widgetNameError(name);
      if (why !== null)
        problems.add({
          severity: 'error',
          code: 'lint.invalid-name',
          message: `${label}: ${why}`,
          pointer: '/name',
          field: 'name',
        });
    }
  }

  // Transitions: links, duplicate events, events the type does not have. A widget may have any number of them, so
  // past the cap the problems are only counted, not built.
  const transitions = Array.isArray(widget.transitions) ? (widget.transitions as unknown[]) : [];
  const repeating = repeatingEvent(type);
  const seen = new Set<string>();
  const allowed = compiled.checksEvents(type) ? undefined : typeEvents(type);
  for (let j = 0; j < transitions.length; j++) {
    const t = transitions[j];
    if (!isObject(t)) continue;
    const event = t.event;
    if (typeof event !== 'string') continue;
    if (event !== repeating) {
      if (!seen.has(event)) seen.add(event);
      else if (!problems.room('lint.duplicate-event')) problems.drop('lint.duplicate-event', 'warning', 1);
      else {
        problems.add({
          severity: 'warning',
          code: 'lint.duplicate-event',
          message: `${label} has more than one “${event}” transition; each event should appear once (the canvas has one port per event)`,
          pointer: `/transitions/${j}/event`,
          field: `${names(j)}.event`,
        });
      }
    }
    if (allowed !== undefined && allowed.length > 0 && !allowed.includes(event)) {
      const field = `${names(j)}.event`;
      if (!schemaFields.has(field)) {
        if (!problems.room('lint.unknown-event')) problems.drop('lint.unknown-event', 'warning', 1);
        else
          problems.add({
            severity: 'warning',
            code: 'lint.unknown-event',
            message: `“${event}” is not an event of the ${typeTitle(type)} (Studio's events: ${allowed.join(', ')})`,
            pointer: `/transitions/${j}/event`,
            field,
          });
      }
    }
    if (typeof t.next === 'string' && t.next !== '') links.push({ event, next: t.next, transition: j });
  }

  lintOfType(widget, type, transitions, names, label, problems, references);

  // Properties: empty required values, Liquid, the position on the canvas.
  const properties = isObject(widget.properties) ? widget.properties : undefined;
  if (properties) {
    const doc = compiled.widgetDocument(type);
    if (doc) {
      for (const key of requiredKeys(doc, properties)) {
        const value = properties[key];
        if (typeof value !== 'string' || value.trim() !== '' || schemaFields.has(key)) continue;
        const title = propertyTitle(type, key);
        problems.add({
          severity: 'warning',
          code: 'lint.empty-required',
          message: `${label} has an empty ${title === undefined ? `\`${key}\`` : `${title} (\`${key}\`)`}: Studio saves it as a draft, but the widget fails when it runs`,
          pointer: `/properties/${escapeSegment(key)}`,
          field: key,
        });
      }
    }
    walkLiquid(properties, [], problems, references);
    lintOffset(properties.offset, label, problems);
  }

  lintNumbers(widget, names, problems);
  return { links, references };
}

/** Finite coordinates beyond ±MAX_OFFSET (the non-finite ones are reported by `lintNumbers`). */
function lintOffset(offset: unknown, label: string, problems: Problems): void {
  if (!isObject(offset)) return;
  for (const axis of ['x', 'y'] as const) {
    const v = offset[axis];
    if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) <= MAX_OFFSET) continue;
    problems.add({
      severity: 'warning',
      code: 'lint.offset-range',
      message: `${label} is placed far off the canvas (\`offset.${axis}\` is ${v.toLocaleString('en-US')}, beyond ±${MAX_OFFSET.toLocaleString('en-US')}): the canvas cannot show it there, so it draws the widget laid out or at its edge. Move the widget, or use Auto-layout`,
      pointer: `/properties/offset/${axis}`,
      field: `offset.${axis}`,
    });
  }
}

/** Numbers JSON cannot hold, anywhere in the widget (numbers.ts). */
function lintNumbers(widget: Record<string, unknown>, names: TransitionNames, problems: Problems): void {
  let listed = 0;
  const total = findNonFinite(widget, (segments, value) => {
    const field = fieldOfSegments(widget, segments, names) ?? '';
    const axis =
      segments.length === 3 && segments[0] === 'properties' && segments[1] === 'offset'
        ? segments[2]
        : undefined;
    problems.add({
      severity: 'error',
      code: NON_FINITE_CODE,
      message: nonFiniteMessage(field, value, axis === 'x' || axis === 'y' ? axis : undefined),
      pointer: segments.reduce((p, s) => `${p}/${escapeSegment(s)}`, ''),
      field,
    });
    listed++;
    return problems.room(NON_FINITE_CODE);
  });
  problems.drop(NON_FINITE_CODE, 'error', total - listed);
}
