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
import type { JsonSchema } from '../schema/schemas';
import { widgetNameError } from '../schema/names';
import type { ProblemCap } from './cap';
import type { CompiledProfile } from './compile';
import {
  conditionTypes,
  propertyTitle,
  repeatingEvent,
  typeEvents,
  typeTitle,
  VALUELESS_CONDITION_TYPES,
  widgetLabel,
} from './names';
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
  const props =
    isObject(doc.properties) && isObject(doc.properties.properties) ? doc.properties.properties : {};
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

function propertySchemaTitle(doc: JsonSchema, key: string): unknown {
  const props =
    isObject(doc.properties) && isObject(doc.properties.properties) ? doc.properties.properties : undefined;
  const bag = props && isObject(props.properties) ? props.properties : undefined;
  const schema = bag?.[key];
  return isObject(schema) ? schema.title : undefined;
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
// Split conditions

function lintSplit(
  widget: Record<string, unknown>,
  transitions: unknown[],
  names: TransitionNames,
  label: string,
  problems: Problems,
  references: WidgetReference[],
): void {
  const input = isObject(widget.properties) ? widget.properties.input : undefined;
  const known = conditionTypes();
  transitions.forEach((t, j) => {
    if (!isObject(t) || t.event !== 'match') return;
    const base = `/transitions/${j}`;
    const tField = names(j);
    const conditions = t.conditions;
    if (!Array.isArray(conditions) || conditions.length === 0) {
      problems.add({
        severity: 'error',
        code: 'lint.split-no-condition',
        message: `A condition port of ${label} has no condition, so Studio can never take it`,
        pointer: base,
        field: tField,
      });
      return;
    }
    conditions.forEach((c, m) => {
      const cp = `${base}/conditions/${m}`;
      const cf = `${tField}.conditions[${m}]`;
      if (!isObject(c)) {
        problems.add({
          severity: 'error',
          code: 'lint.split-condition',
          message: `A condition of ${label} is not an object`,
          pointer: cp,
          field: cf,
        });
        return;
      }
      const portName =
        typeof c.friendly_name === 'string' && c.friendly_name.trim() !== ''
          ? `“${c.friendly_name}”`
          : `#${m + 1}`;
      const subject = `Condition ${portName} of ${label}`;
      if (typeof c.friendly_name !== 'string' || c.friendly_name.trim() === '') {
        problems.add({
          severity: 'warning',
          code: 'lint.split-condition-label',
          message: `${subject} has no label (\`friendly_name\`), which the canvas shows on its port`,
          pointer: typeof c.friendly_name === 'string' ? `${cp}/friendly_name` : cp,
          field: `${cf}.friendly_name`,
        });
      }
      const type = c.type;
      if (typeof type !== 'string' || !known.has(type)) {
        problems.add({
          severity: 'error',
          code: 'lint.split-condition-type',
          message:
            typeof type === 'string'
              ? `${subject} has the type “${type}”, which Studio does not know`
              : `${subject} has no type (Equal To, Contains, …)`,
          pointer: typeof type === 'string' ? `${cp}/type` : cp,
          field: `${cf}.type`,
        });
      }
      const value = c.value;
      const valueless = typeof type === 'string' && VALUELESS_CONDITION_TYPES.has(type);
      if (typeof value === 'string') {
        if (value.trim() === '' && !valueless) {
          problems.add({
            severity: 'error',
            code: 'lint.split-condition-value',
            message: `${subject} has an empty value to compare with`,
            pointer: `${cp}/value`,
            field: `${cf}.value`,
          });
        } else liquidIn(value, `${cp}/value`, `${cf}.value`, problems, references);
      } else if (!valueless || value !== undefined) {
        problems.add({
          severity: 'error',
          code: 'lint.split-condition-value',
          message:
            value === undefined
              ? `${subject} has no value to compare with`
              : `${subject} has a value that is not text`,
          pointer: value === undefined ? cp : `${cp}/value`,
          field: `${cf}.value`,
        });
      }
      const args = c.arguments;
      if (!Array.isArray(args) || args.length === 0 || !args.every((a) => typeof a === 'string')) {
        problems.add({
          severity: 'error',
          code: 'lint.split-condition-arguments',
          message: `${subject} has no argument: it needs exactly one, the split's input (\`arguments\`)`,
          pointer: Array.isArray(args) ? `${cp}/arguments` : cp,
          field: `${cf}.arguments`,
        });
      } else if (args.length > 1) {
        problems.add({
          severity: 'warning',
          code: 'lint.split-condition-arguments',
          message: `${subject} has ${args.length} arguments; Studio uses exactly one, the split's input`,
          pointer: `${cp}/arguments`,
          field: `${cf}.arguments`,
        });
      } else if (typeof input === 'string' && args[0] !== input) {
        problems.add({
          severity: 'info',
          code: 'lint.split-stale-argument',
          message: `${subject} still carries an old copy of the input (“${String(args[0])}”, now “${input}”); Studio tests the input and rewrites the copy on save`,
          pointer: `${cp}/arguments/0`,
          field: `${cf}.arguments[0]`,
        });
      }
    });
  });
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

  if (type === 'split-based-on') lintSplit(widget, transitions, names, label, problems, references);

  // Properties: empty required values, Liquid, the position on the canvas.
  const properties = isObject(widget.properties) ? widget.properties : undefined;
  if (properties) {
    const doc = compiled.widgetDocument(type);
    if (doc) {
      for (const key of requiredKeys(doc, properties)) {
        const value = properties[key];
        if (typeof value !== 'string' || value.trim() !== '' || schemaFields.has(key)) continue;
        const title = propertyTitle(type, key, propertySchemaTitle(doc, key));
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
