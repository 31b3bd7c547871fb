/**
 * Lint of one widget on its own: what depends on nothing but the widget object, so the result is cached with the
 * widget (see validator.ts). Also collects what the flow-level lint needs from the widget (its links and its
 * Liquid references to other widgets), so that lint does not walk the widget again.
 */
import { analyzeLiquid, hasLiquid, type LiquidIssue, type LiquidReference } from '../model/liquid';
import type { JsonSchema } from '../schema/schemas';
import { widgetNameError } from '../schema/names';
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
import { escapeSegment, formatPath, transitionField } from './paths';
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

export interface WidgetLint {
  problems: LocalProblem[];
  links: Link[];
  references: WidgetReference[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
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
    isRecord(doc.properties) && isRecord(doc.properties.properties) ? doc.properties.properties : {};
  const spec: RequiredSpec = { always: stringList(props.required) };
  const cond = isRecord(props.if) && isRecord(props.if.properties) ? props.if.properties : undefined;
  if (cond) {
    const [key] = Object.keys(cond);
    const test = key === undefined ? undefined : cond[key];
    if (key !== undefined && isRecord(test) && 'const' in test) {
      spec.conditional = {
        key,
        value: test.const,
        then: isRecord(props.then) ? stringList(props.then.required) : [],
        else: isRecord(props.else) ? stringList(props.else.required) : [],
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
    isRecord(doc.properties) && isRecord(doc.properties.properties) ? doc.properties.properties : undefined;
  const bag = props && isRecord(props.properties) ? props.properties : undefined;
  const schema = bag?.[key];
  return isRecord(schema) ? schema.title : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Liquid

function liquidIn(
  text: string,
  pointer: string,
  field: string,
  problems: LocalProblem[],
  references: WidgetReference[],
): void {
  if (!hasLiquid(text)) return;
  const { issues, references: refs } = analyzeLiquid(text);
  report(text, issues, refs, pointer, field, problems, references);
}

function report(
  text: string,
  issues: readonly LiquidIssue[],
  refs: readonly LiquidReference[],
  pointer: string,
  field: string,
  problems: LocalProblem[],
  references: WidgetReference[],
): void {
  for (const issue of issues) {
    problems.push({
      severity: 'warning',
      code: 'lint.liquid-syntax',
      message: `Liquid error in \`${field}\`: ${issue.message}`,
      pointer,
      field,
    });
  }
  for (const r of refs) {
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
  problems: LocalProblem[],
  references: WidgetReference[],
  depth = 0,
): void {
  if (depth > 32) return;
  if (typeof value === 'string') {
    if (!hasLiquid(value)) return;
    const { issues, references: refs } = analyzeLiquid(value);
    if (issues.length === 0 && !refs.some((r) => r.widget !== undefined)) return;
    const { pointer, field } = placeOf(segments);
    report(value, issues, refs, pointer, field, problems, references);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      segments.push(String(i));
      walkLiquid(value[i], segments, problems, references, depth + 1);
      segments.pop();
    }
  } else if (isRecord(value)) {
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
  label: string,
  problems: LocalProblem[],
  references: WidgetReference[],
): void {
  const input = isRecord(widget.properties) ? widget.properties.input : undefined;
  const known = conditionTypes();
  transitions.forEach((t, j) => {
    if (!isRecord(t) || t.event !== 'match') return;
    const base = `/transitions/${j}`;
    const tField = transitionField(widget, j);
    const conditions = t.conditions;
    if (!Array.isArray(conditions) || conditions.length === 0) {
      problems.push({
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
      if (!isRecord(c)) {
        problems.push({
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
        problems.push({
          severity: 'warning',
          code: 'lint.split-condition-label',
          message: `${subject} has no label (\`friendly_name\`), which the canvas shows on its port`,
          pointer: typeof c.friendly_name === 'string' ? `${cp}/friendly_name` : cp,
          field: `${cf}.friendly_name`,
        });
      }
      const type = c.type;
      if (typeof type !== 'string' || !known.has(type)) {
        problems.push({
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
          problems.push({
            severity: 'error',
            code: 'lint.split-condition-value',
            message: `${subject} has an empty value to compare with`,
            pointer: `${cp}/value`,
            field: `${cf}.value`,
          });
        } else liquidIn(value, `${cp}/value`, `${cf}.value`, problems, references);
      } else if (!valueless || value !== undefined) {
        problems.push({
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
        problems.push({
          severity: 'error',
          code: 'lint.split-condition-arguments',
          message: `${subject} has no argument: it needs exactly one, the split's input (\`arguments\`)`,
          pointer: Array.isArray(args) ? `${cp}/arguments` : cp,
          field: `${cf}.arguments`,
        });
      } else if (args.length > 1) {
        problems.push({
          severity: 'warning',
          code: 'lint.split-condition-arguments',
          message: `${subject} has ${args.length} arguments; Studio uses exactly one, the split's input`,
          pointer: `${cp}/arguments`,
          field: `${cf}.arguments`,
        });
      } else if (typeof input === 'string' && args[0] !== input) {
        problems.push({
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
 * Lints one widget. `schemaFields` are the fields the schema already reported, which lint does not report again.
 */
export function lintWidget(
  widget: Record<string, unknown>,
  compiled: CompiledProfile,
  schemaFields: ReadonlySet<string>,
): WidgetLint {
  const problems: LocalProblem[] = [];
  const links: Link[] = [];
  const references: WidgetReference[] = [];
  const type = typeof widget.type === 'string' ? widget.type : '';
  const label = widgetLabel(type, widget.name);

  // Name
  const name = widget.name;
  if (!schemaFields.has('name')) {
    if (typeof name !== 'string') {
      problems.push({
        severity: 'error',
        code: 'lint.invalid-name',
        message: `${label} has no name`,
        pointer: name === undefined ? '' : '/name',
        field: 'name',
      });
    } else {
      const why = widgetNameError(name);
      if (why !== null)
        problems.push({
          severity: 'error',
          code: 'lint.invalid-name',
          message: `${label}: ${why}`,
          pointer: '/name',
          field: 'name',
        });
    }
  }

  // Transitions: links, duplicate events, events the type does not have.
  const transitions = Array.isArray(widget.transitions) ? (widget.transitions as unknown[]) : [];
  const repeating = repeatingEvent(type);
  const seen = new Set<string>();
  const allowed = compiled.checksEvents(type) ? undefined : typeEvents(type);
  for (let j = 0; j < transitions.length; j++) {
    const t = transitions[j];
    if (!isRecord(t)) continue;
    const event = t.event;
    if (typeof event !== 'string') continue;
    if (event !== repeating) {
      if (seen.has(event)) {
        problems.push({
          severity: 'warning',
          code: 'lint.duplicate-event',
          message: `${label} has more than one “${event}” transition; each event should appear once (the canvas has one port per event)`,
          pointer: `/transitions/${j}/event`,
          field: `${transitionField(widget, j)}.event`,
        });
      }
      seen.add(event);
    }
    if (allowed !== undefined && allowed.length > 0 && !allowed.includes(event)) {
      const field = `${transitionField(widget, j)}.event`;
      if (!schemaFields.has(field)) {
        problems.push({
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

  if (type === 'split-based-on') lintSplit(widget, transitions, label, problems, references);

  // Properties: empty required values, Liquid.
  const properties = isRecord(widget.properties) ? widget.properties : undefined;
  if (properties) {
    const doc = compiled.widgetDocument(type);
    if (doc) {
      for (const key of requiredKeys(doc, properties)) {
        const value = properties[key];
        if (typeof value !== 'string' || value.trim() !== '' || schemaFields.has(key)) continue;
        const title = propertyTitle(type, key, propertySchemaTitle(doc, key));
        problems.push({
          severity: 'warning',
          code: 'lint.empty-required',
          message: `${label} has an empty ${title === undefined ? `\`${key}\`` : `${title} (\`${key}\`)`}: Studio saves it as a draft, but the widget fails when it runs`,
          pointer: `/properties/${escapeSegment(key)}`,
          field: key,
        });
      }
    }
    walkLiquid(properties, [], problems, references);
  }
  return { problems, links, references };
}
