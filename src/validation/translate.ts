/**
 * ajv errors → Problems a Studio user understands.
 *
 * ajv (allErrors) reports every failing keyword, including each failing branch of an anyOf/oneOf and the
 * wrappers around them. Here the branches of one anyOf/oneOf are gathered under it and collapsed into one message
 * per location (a transition's event not allowed, "either Say or Play", "a whole number"), `if` wrappers are
 * dropped (their `then`/`else` errors speak for themselves), and every remaining keyword gets a sentence.
 */
import { isObject } from '../model/object';
import type { ErrorObject } from 'ajv';
import type { Severity } from '../model/types';
import { NUMERIC_STRING_PATTERN } from '../schema/extensions';
import { getWidgetType } from '../schema/registry';
import type { WidgetLint } from '../schema/widgets/types';
import { isStudioType, legacyTypeReplacement, propertyTitle, typeTitle, widgetLabel } from './names';
import {
  fieldOf,
  formatPath,
  joinField,
  segmentsOf,
  transitionNames,
  valueAt,
  type TransitionNames,
} from './paths';
import { groupDigits } from '../model/digits';

/** A problem of one widget, before its place in the flow is known: `pointer` is relative to the widget. */
export interface LocalProblem {
  severity: Severity;
  code: string;
  message: string;
  /** Pointer relative to the widget (`/properties/timeout`, `''` for the widget itself). */
  pointer: string;
  field?: string;
}

interface Node {
  e: ErrorObject;
  children: Node[];
}

function within(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}/`);
}

/**
 * Groups each anyOf/oneOf error with the errors of its branches. ajv reports a keyword's sub-errors right before
 * the keyword's own error, so a combinator claims the contiguous errors before it that lie inside its instance
 * location and come from its branches: their schema path is under the combinator's, or lies in another document
 * (reached through a `$ref`, whose errors have schema paths relative to that document).
 */
function errorTree(errors: readonly ErrorObject[]): Node[] {
  const top: Node[] = [];
  for (const e of errors) {
    const node: Node = { e, children: [] };
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') {
      const own = e.schemaPath;
      const parent = own.slice(0, own.lastIndexOf('/'));
      while (top.length > 0) {
        const last = top[top.length - 1] as Node;
        const sp = last.e.schemaPath;
        const fromBranch = sp.startsWith(`${own}/`) || !sp.startsWith(`${parent}/`);
        if (!within(last.e.instancePath, e.instancePath) || !fromBranch) break;
        // claimed last first; reversed below (unshift here would be quadratic in the number of branch errors)
        node.children.push(last);
        top.pop();
      }
      node.children.reverse();
    }
    top.push(node);
  }
  return top;
}

function leavesOf(node: Node, out: ErrorObject[] = []): ErrorObject[] {
  for (const c of node.children) {
    if (c.children.length > 0) leavesOf(c, out);
    else if (c.e.keyword !== 'anyOf' && c.e.keyword !== 'oneOf' && c.e.keyword !== 'if') out.push(c.e);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Wording

const TYPE_WORDS: Readonly<Record<string, string>> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

function typeWords(types: readonly string[]): string {
  const words = [...new Set(types.flatMap((t) => t.split(',')))].map((t) => TYPE_WORDS[t] ?? t);
  if (words.length <= 1) return words[0] ?? 'another type';
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1] ?? ''}`;
}

const SHOWN_MAX = 60;

/** "the text "3600"", "the number 5", "a list": what a value is, for messages. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > SHOWN_MAX ? `${value.slice(0, SHOWN_MAX - 1)}…` : value;
    return value === '' ? 'empty text' : `the text "${shown}"`;
  }
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value === undefined) return 'missing';
  return 'an object';
}

function quoteList(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
}

function code(field: string | undefined): string {
  return field === undefined || field === '' ? 'it' : `\`${field}\``;
}

// ---------------------------------------------------------------------------------------------------------------
// Widget errors

/** What translation needs to know about the widget whose errors it reads. */
interface WidgetContext {
  widget: Record<string, unknown>;
  type: string;
  label: string;
  /** Names the widget's transitions in fields (counted once: every transition may have an error). */
  names: TransitionNames;
}

const TRANSITION_ITEM = /^\/transitions\/(\d+)$/;
const TRANSITION_EVENT = /^\/transitions\/(\d+)\/event$/;

function fieldAt(ctx: WidgetContext, pointer: string): string | undefined {
  return fieldOf(ctx.widget, pointer, ctx.names);
}

function eventProblem(ctx: WidgetContext, eventPointer: string, allowed: readonly unknown[]): LocalProblem {
  const actual = valueAt(ctx.widget, eventPointer);
  const list = quoteList([...new Set(allowed)]);
  const title = typeTitle(ctx.type);
  const message =
    typeof actual === 'string'
      ? `“${actual}” is not an event of the ${title} (allowed: ${list})`
      : `A transition of ${ctx.label} has an event that is ${describeValue(actual)} (allowed: ${list})`;
  return {
    severity: 'error',
    code: 'schema.event',
    message,
    pointer: eventPointer,
    field: fieldAt(ctx, eventPointer) ?? '',
  };
}

function requiredProblem(ctx: WidgetContext, e: ErrorObject): LocalProblem {
  const missing = String((e.params as { missingProperty?: unknown }).missingProperty);
  const at = e.instancePath;
  const field = joinField(fieldAt(ctx, at), missing);
  let message: string;
  if (at === '') message = `${ctx.label} has no \`${missing}\``;
  else if (at === '/properties') {
    const title = propertyTitle(ctx.type, missing);
    message = `${ctx.label} is missing ${title === undefined ? `\`${missing}\`` : `${title} (\`${missing}\`)`}`;
  } else if (TRANSITION_ITEM.test(at) && missing === 'event')
    message = `A transition of ${ctx.label} has no event`;
  else message = `${ctx.label}: ${code(fieldAt(ctx, at))} is missing \`${missing}\``;
  return { severity: 'error', code: 'schema.required', message, pointer: at, field };
}

/** One failing keyword that is not an anyOf/oneOf. Exported for the flow level, which has no widget. */
export function leafProblem(e: ErrorObject, field: string | undefined, subject: string): LocalProblem {
  const at = e.instancePath;
  const value: unknown = e.data;
  const params = e.params as Record<string, unknown>;
  const problem = (c: string, message: string): LocalProblem => ({
    severity: 'error',
    code: c,
    message,
    pointer: at,
    ...(field === undefined ? {} : { field }),
  });
  switch (e.keyword) {
    case 'type':
      return problem(
        'schema.type',
        `${code(field)} must be ${typeWords([String(params.type)])} (it is ${describeValue(value)})`,
      );
    case 'enum':
      return problem(
        'schema.enum',
        `${code(field)} must be one of: ${quoteList(params.allowedValues as unknown[])} (it is ${describeValue(value)})`,
      );
    case 'const':
      return problem(
        'schema.enum',
        `${code(field)} must be ${quoteList([params.allowedValue])} (it is ${describeValue(value)})`,
      );
    case 'minLength': {
      const limit = Number(params.limit);
      return problem(
        'schema.min-length',
        limit <= 1
          ? `${code(field)} cannot be empty`
          : `${code(field)} must have at least ${limit} characters`,
      );
    }
    case 'maxLength':
      return problem('schema.other', `${code(field)} can have at most ${Number(params.limit)} characters`);
    case 'pattern':
      if (typeof value === 'string' && value.trim() === '')
        return problem(
          'schema.min-length',
          value === ''
            ? `${code(field)} cannot be empty`
            : `${code(field)} cannot be blank (it has only spaces)`,
        );
      return problem(
        'schema.pattern',
        `${code(field)} is not in the expected format (${describeValue(value)})`,
      );
    case 'minItems':
      return problem(
        'schema.min-items',
        `${code(field)} needs at least ${Number(params.limit)} item${Number(params.limit) === 1 ? '' : 's'}`,
      );
    case 'maxItems':
      return problem(
        'schema.max-items',
        `${code(field)} can have at most ${Number(params.limit)} items (it has ${Array.isArray(value) ? value.length : '?'})`,
      );
    case 'additionalProperties':
      return problem(
        'schema.other',
        `${code(field)} has a key the schema does not allow: \`${String(params.additionalProperty)}\``,
      );
    case 'required':
      return problem('schema.required', `${subject} is missing \`${String(params.missingProperty)}\``);
    default:
      return problem('schema.other', `${code(field)} ${e.message ?? 'is not valid'}`);
  }
}

function widgetLeaf(ctx: WidgetContext, e: ErrorObject): LocalProblem {
  if (e.keyword === 'required') return requiredProblem(ctx, e);
  if ((e.keyword === 'const' || e.keyword === 'enum') && TRANSITION_EVENT.test(e.instancePath)) {
    const params = e.params as { allowedValue?: unknown; allowedValues?: unknown[] };
    return eventProblem(
      ctx,
      e.instancePath,
      e.keyword === 'const' ? [params.allowedValue] : (params.allowedValues ?? []),
    );
  }
  return leafProblem(e, fieldAt(ctx, e.instancePath), ctx.label);
}

/** The required keys of a schema branch that says nothing but `required` (`{required: ['say']}`), or undefined. */
function requiredOnly(branch: unknown): string[] | undefined {
  if (!isObject(branch)) return undefined;
  const keys = Object.keys(branch).filter((k) => k !== '$comment' && k !== 'title' && k !== 'description');
  if (keys.length !== 1 || keys[0] !== 'required' || !Array.isArray(branch.required)) return undefined;
  return branch.required.filter((k): k is string => typeof k === 'string');
}

function requiredUnion(branchKeys: readonly (string[] | undefined)[]): string[] {
  const keys = new Set<string>();
  for (const list of branchKeys) for (const k of list ?? []) keys.add(k);
  return [...keys];
}

function oneOfRequired(
  ctx: WidgetContext,
  e: ErrorObject,
  keys: readonly string[],
  both: boolean,
): LocalProblem {
  const at = e.instancePath;
  const sayPlay = keys.length === 2 && keys.includes('say') && keys.includes('play');
  const what = sayPlay
    ? 'either a Say or a Play prompt'
    : `exactly one of ${keys.map((k) => `\`${k}\``).join(', ')}`;
  const message = both
    ? `${ctx.label} needs ${what}, not both`
    : `${ctx.label} needs ${what}; it has neither`;
  return { severity: 'error', code: 'schema.one-of', message, pointer: at, field: keys.join('|') };
}

function combinatorProblems(ctx: WidgetContext, node: Node): LocalProblem[] {
  const e = node.e;
  const at = e.instancePath;
  const field = fieldAt(ctx, at);
  const branches = Array.isArray(e.schema) ? (e.schema as unknown[]) : [];
  const branchKeys = branches.map(requiredOnly);
  const allRequiredOnly = branches.length > 0 && branchKeys.every((k) => k !== undefined);
  const passing = (e.params as { passingSchemas?: unknown }).passingSchemas;

  // oneOf with more than one branch passing.
  if (e.keyword === 'oneOf' && Array.isArray(passing)) {
    if (allRequiredOnly) return [oneOfRequired(ctx, e, requiredUnion(branchKeys), true)];
    return [
      {
        severity: 'error',
        code: 'schema.other',
        message: `${code(field)} matches more than one of the forms the schema allows`,
        pointer: at,
        ...(field === undefined ? {} : { field }),
      },
    ];
  }

  const leaves = leavesOf(node);

  // A transition whose event is none of the branches' events.
  const eventPointer = `${at}/event`;
  const eventLeaves = leaves.filter(
    (l) => l.instancePath === eventPointer && (l.keyword === 'const' || l.keyword === 'enum'),
  );
  if (eventLeaves.length > 0) {
    const allowed: unknown[] = [];
    for (const l of eventLeaves) {
      const p = l.params as { allowedValue?: unknown; allowedValues?: unknown[] };
      if (l.keyword === 'const') allowed.push(p.allowedValue);
      else allowed.push(...(p.allowedValues ?? []));
    }
    // Each branch is one event (a `const`), or one branch lists them all (an `enum`): when fewer branches failed on
    // the event than there are branches, one of them accepted it.
    const actual = valueAt(ctx.widget, eventPointer);
    if (eventLeaves.length >= branches.length && !allowed.includes(actual))
      return [eventProblem(ctx, eventPointer, allowed)];
    // The event is fine: what fails is elsewhere in the branch of that event.
    const rest = leaves.filter((l) => l.instancePath !== eventPointer);
    if (rest.length > 0) return rest.map((l) => widgetLeaf(ctx, l));
  }
  if (
    leaves.some(
      (l) =>
        l.keyword === 'required' &&
        l.instancePath === at &&
        (l.params as { missingProperty?: unknown }).missingProperty === 'event',
    ) &&
    TRANSITION_ITEM.test(at)
  ) {
    return [
      {
        severity: 'error',
        code: 'schema.required',
        message: `A transition of ${ctx.label} has no event`,
        pointer: at,
        field: joinField(field, 'event'),
      },
    ];
  }

  // Exactly one of some keys (Gather / Say-Play: say or play).
  if (allRequiredOnly) return [oneOfRequired(ctx, e, requiredUnion(branchKeys), false)];

  // A value of the wrong kind for every branch (integer, or a string of digits / Liquid).
  const value = valueAt(ctx.widget, at);
  const typeish = new Set(['type', 'pattern', 'minLength', 'format', 'enum', 'const']);
  if (leaves.length > 0 && leaves.every((l) => l.instancePath === at && typeish.has(l.keyword))) {
    const types = leaves
      .filter((l) => l.keyword === 'type')
      .map((l) => String((l.params as { type?: unknown }).type));
    const numericString = leaves.some(
      (l) =>
        l.keyword === 'pattern' && (l.params as { pattern?: unknown }).pattern === NUMERIC_STRING_PATTERN,
    );
    const expected = numericString || types.includes('integer') ? ['integer'] : types;
    if (expected.length > 0)
      return [
        {
          severity: 'error',
          code: 'schema.type',
          message: `${code(field)} must be ${typeWords(expected)} (it is ${describeValue(value)})`,
          pointer: at,
          ...(field === undefined ? {} : { field }),
        },
      ];
  }

  const messages = [...new Set(leaves.map((l) => widgetLeaf(ctx, l).message))].slice(0, 3);
  const detail = messages.length > 0 ? `: ${messages.join('; or ')}` : '';
  return [
    {
      severity: 'error',
      code: 'schema.other',
      message: `${code(field)} does not match any form the schema allows${detail}`,
      pointer: at,
      ...(field === undefined ? {} : { field }),
    },
  ];
}

/** Keeps the first of problems with the same pointer, code and message. */
export function dedupe<T extends { pointer: string; code: string; message: string }>(problems: T[]): T[] {
  if (problems.length < 2) return problems;
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.pointer}\u0000${p.code}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Whether an error is left to lint: a type's own lint (its widget module's) may report some of its schema's errors
 * in its own words, in both profiles (the split's conditions: the official schema never sees them, and lint knows
 * that blank checks need no value), so they are not reported twice.
 */
function leftToLint(lint: WidgetLint | undefined, e: ErrorObject): boolean {
  if (lint?.takesOver === undefined) return false;
  const missing = (e.params as { missingProperty?: unknown }).missingProperty;
  return lint.takesOver({
    instancePath: e.instancePath,
    keyword: e.keyword,
    ...(typeof missing === 'string' ? { missingProperty: missing } : {}),
  });
}

/** Translates the errors of one widget's schema validation. Pointers are relative to the widget. */
export function translateWidgetErrors(
  widget: Record<string, unknown>,
  errors: readonly ErrorObject[],
): LocalProblem[] {
  const type = typeof widget.type === 'string' ? widget.type : '';
  const ctx: WidgetContext = {
    widget,
    type,
    label: widgetLabel(type, widget.name),
    names: transitionNames(widget),
  };
  const lint = getWidgetType(type)?.lint;
  const out: LocalProblem[] = [];
  for (const node of errorTree(errors.filter((e) => !leftToLint(lint, e)))) {
    if (node.e.keyword === 'if') continue;
    if (node.e.keyword === 'anyOf' || node.e.keyword === 'oneOf') out.push(...combinatorProblems(ctx, node));
    else out.push(widgetLeaf(ctx, node.e));
  }
  return dedupe(out);
}

// ---------------------------------------------------------------------------------------------------------------
// Flow-level errors (the shallow root schema)

/** A problem found by the root schema; `widgetIndex` when it belongs to one state. */
export interface RootProblem {
  severity: Severity;
  code: string;
  message: string;
  pointer: string;
  field?: string;
  widgetIndex?: number;
}

const STATE_TYPE = /^\/states\/(\d+)\/type$/;
const STATE = /^\/states\/(\d+)$/;

function unknownTypeMessage(type: string, official: boolean): string {
  const modern = legacyTypeReplacement(type);
  if (modern !== undefined)
    return `“${type}” is a widget type of Studio's pre-2019 format; today's Studio calls it “${modern}” (${typeTitle(modern)})`;
  if (official)
    return isStudioType(type)
      ? `Unknown widget type “${type}”: the official schemas do not know it (Studio calls it ${typeTitle(type)})`
      : `Unknown widget type “${type}”: the official schemas do not know it`;
  return `Unknown widget type “${type}”: Studio has no such widget`;
}

/**
 * Translates the errors of the top-level validation. `initial_state` is left to lint (which also checks that it
 * names the Trigger), so its schema errors are dropped here.
 */
export function translateRootErrors(
  def: unknown,
  errors: readonly ErrorObject[],
  official: boolean,
): RootProblem[] {
  const out: RootProblem[] = [];
  const states = isObject(def) && Array.isArray(def.states) ? (def.states as unknown[]) : [];
  const stateName = (i: number): unknown => {
    const s = states[i];
    return isObject(s) ? s.name : undefined;
  };
  const typeReported = new Set<string>();
  for (const e of errors) {
    const at = e.instancePath;
    const params = e.params as Record<string, unknown>;
    if (
      at === '/initial_state' ||
      (at === '' && e.keyword === 'required' && params.missingProperty === 'initial_state')
    )
      continue;
    const typeMatch = STATE_TYPE.exec(at);
    if (typeMatch) {
      if (typeReported.has(at)) continue;
      typeReported.add(at);
      const i = Number(typeMatch[1]);
      const type: unknown = e.data;
      // A type registered after the validators were generated (registerWidgetType): lint alone checks it.
      if (!official && typeof type === 'string' && isStudioType(type)) continue;
      const message =
        typeof type === 'string'
          ? unknownTypeMessage(type, official)
          : `${widgetLabel(undefined, stateName(i))} has a type that is ${describeValue(type)}, not a widget type`;
      out.push({
        severity: 'error',
        code: typeof type === 'string' ? 'schema.unknown-type' : 'schema.type',
        message,
        pointer: at,
        field: 'type',
        widgetIndex: i,
      });
      continue;
    }
    const stateMatch = STATE.exec(at);
    if (stateMatch && e.keyword === 'required') {
      const i = Number(stateMatch[1]);
      const missing = String(params.missingProperty);
      out.push({
        severity: 'error',
        code: 'schema.required',
        message: `${widgetLabel(undefined, stateName(i))} has no \`${missing}\``,
        pointer: at,
        field: missing,
        widgetIndex: i,
      });
      continue;
    }
    if (at === '' && e.keyword === 'required') {
      const missing = String(params.missingProperty);
      const message =
        missing === 'states'
          ? 'The flow has no widgets (`states` is missing)'
          : `The flow definition has no \`${missing}\``;
      out.push({ severity: 'error', code: 'schema.required', message, pointer: '', field: missing });
      continue;
    }
    if (at === '' && e.keyword === 'type') {
      out.push({
        severity: 'error',
        code: 'schema.type',
        message: `A flow definition must be a JSON object (it is ${describeValue(def)})`,
        pointer: '',
      });
      continue;
    }
    if (at === '/states' && e.keyword === 'minItems') {
      out.push({
        severity: 'error',
        code: 'schema.min-items',
        message: 'The flow has no widgets: it needs at least the Trigger',
        pointer: at,
        field: 'states',
      });
      continue;
    }
    if (at === '/states' && e.keyword === 'maxItems') {
      out.push({
        severity: 'error',
        code: 'schema.max-items',
        message: `The flow has ${groupDigits(states.length)} widgets; at most ${groupDigits(Number(params.limit))} are allowed`,
        pointer: at,
        field: 'states',
      });
      continue;
    }
    const segs = segmentsOf(at);
    const field = formatPath(segs);
    const p = leafProblem(e, field === '' ? undefined : field, 'The flow definition');
    if (e.keyword === 'required') {
      const missing = String(params.missingProperty);
      p.field = field === '' ? missing : `${field}.${missing}`;
      p.message = `The flow definition is missing \`${p.field}\``;
    }
    out.push(p);
  }
  return dedupe(out);
}
