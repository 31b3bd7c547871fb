/**
 * Import: text or value in, flow definition(s) plus where they came from out, or one clear error.
 *
 * Import checks only the shape the editor cannot work without (states with names, types, transitions and
 * properties). Everything Studio-specific (missing `initial_state`, unknown widget types, dangling `next`) is left to
 * validation, so that a half-broken flow can still be opened and fixed. Definitions are returned as the very objects
 * `JSON.parse` produced: nothing is copied or reordered, which is what makes export byte-identical.
 */

import type { FlowDefinition } from '../model/types';
import {
  detectSource,
  describeType,
  isLegacyDefinition,
  type DetectedEntry,
  type FlowSourceInfo,
  type ImportError,
  type SourceKind,
} from './detect';
import { MAX_JSON_DEPTH, NESTING_TOO_DEEP, exceedsDepth, parseJson } from './json';

export interface ParsedFlow {
  definition: FlowDefinition;
  source: FlowSourceInfo;
}

/**
 * `flows` has more than one entry only for list inputs. Lists keep every entry that has a definition (revisions
 * sorted by revision number, newest first) so the UI can offer a choice or a comparison.
 */
export type ImportResult =
  { ok: true; kind: SourceKind; label: string; flows: ParsedFlow[] } | { ok: false; error: ImportError };

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function own(obj: Obj, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** Shape problems reported per import at most; the first one is what the user sees. */
const MAX_SHAPE_PROBLEMS = 50;

export const LEGACY_FORMAT_MESSAGE =
  'This is the legacy pre-2019 Studio flow format (widget types such as “InitialState” and transitions that point at FF… ids), ' +
  'which the Studio v2 Flows API no longer accepts: open the flow in the Twilio Console’s Studio editor and export its JSON again, ' +
  'or fetch it through the v2 Flows API (GET https://studio.twilio.com/v2/Flows/{FlowSid}), and import that instead.';

/**
 * Import a flow from JSON text: a bare definition, a Flow or FlowRevision resource, a ListFlow / ListFlowRevision
 * response, or Twilio CLI `-o json` output. Never throws; JSON syntax errors carry line and column.
 */
export function importFlowText(text: string): ImportResult {
  try {
    if (!/\S/.test(text)) {
      return fail({ code: 'empty', message: 'The text is empty: paste or open the JSON of a Studio flow.' });
    }
    const parsed = parseJson(text);
    if (!parsed.ok) {
      const { message, line, column } = parsed.error;
      const code = message.startsWith(NESTING_TOO_DEEP) ? 'too-deep' : 'json-syntax';
      return fail({
        code,
        message: code === 'too-deep' ? message : `This is not valid JSON: ${message}`,
        line,
        column,
      });
    }
    return importParsed(parsed.value);
  } catch (cause) {
    return internal(cause);
  }
}

/**
 * Import a flow from an already-parsed value (same formats as {@link importFlowText}). Never throws. Values that
 * did not come from `JSON.parse` are accepted too; cyclic or absurdly deep ones are rejected.
 */
export function importFlowValue(value: unknown): ImportResult {
  try {
    if (exceedsDepth(value, MAX_JSON_DEPTH, true)) {
      return fail({
        code: 'too-deep',
        message: `${NESTING_TOO_DEEP} ${MAX_JSON_DEPTH} levels (or the value contains a cycle), which is not supported.`,
        pointer: '',
      });
    }
    return importParsed(value);
  } catch (cause) {
    return internal(cause);
  }
}

function importParsed(value: unknown): ImportResult {
  // Double-encoded JSON (a JSON string holding the flow) happens when a definition is copied out of a log or a
  // form field; one level is unwrapped.
  if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
    const inner = parseJson(value);
    if (!inner.ok) {
      return fail({
        code: 'definition-json',
        message: `The JSON is a string that should hold a flow, but the JSON inside it is not valid (line and column count within that string): ${inner.error.message}`,
        pointer: '',
      });
    }
    return fromDetection(inner.value, true);
  }
  return fromDetection(value, false);
}

function fromDetection(value: unknown, wasString: boolean): ImportResult {
  const detection = detectSource(value);
  if (!detection.ok) return fail(detection.error);
  const flows: ParsedFlow[] = [];
  const inWrapper = detection.kind !== 'definition';
  for (const entry of detection.entries) {
    const result = importEntry(entry, inWrapper);
    if (!result.ok) return fail(result.error);
    if (wasString) result.flow.source.definitionWasString = true;
    flows.push(result.flow);
  }
  return { ok: true, kind: detection.kind, label: detection.label, flows };
}

function importEntry(
  entry: DetectedEntry,
  inWrapper: boolean,
): { ok: true; flow: ParsedFlow } | { ok: false; error: ImportError } {
  const source: FlowSourceInfo = { ...entry.source };
  const where = inWrapper ? `${source.label}: ` : '';
  let definition = entry.definition;

  if (typeof definition === 'string') {
    const parsed = parseJson(definition);
    if (!parsed.ok) {
      return {
        ok: false,
        error: {
          code: 'definition-json',
          message:
            `${where}"definition" (pointer ${entry.pointer}) is a JSON string, but the JSON inside it is not valid ` +
            `(line and column count within that string): ${parsed.error.message}`,
          pointer: entry.pointer,
        },
      };
    }
    definition = parsed.value;
    source.definitionWasString = true;
  }

  if (!isObject(definition)) {
    const path = inWrapper ? `"definition" (pointer ${entry.pointer})` : 'The flow definition';
    return {
      ok: false,
      error: {
        code: 'shape',
        message: `${where}${path} must be a JSON object, found ${describeType(definition)}.`,
        pointer: entry.pointer,
      },
    };
  }

  if (isLegacyDefinition(definition)) {
    return {
      ok: false,
      error: { code: 'legacy-format', message: `${where}${LEGACY_FORMAT_MESSAGE}`, pointer: entry.pointer },
    };
  }

  const problems = checkShape(definition, entry.pointer, source.definitionWasString === true);
  const [first] = problems;
  if (first) {
    const extra = problems.length - 1;
    const more =
      extra > 0
        ? ` (and ${extra}${problems.length >= MAX_SHAPE_PROBLEMS ? '+' : ''} more shape problem${extra > 1 ? 's' : ''})`
        : '';
    return {
      ok: false,
      error: { code: 'shape', message: `${where}${first.message}${more}`, pointer: first.pointer },
    };
  }
  return { ok: true, flow: { definition: definition as FlowDefinition, source } };
}

interface ShapeProblem {
  pointer: string;
  message: string;
}

function quoteName(name: unknown): string {
  if (typeof name !== 'string') return '';
  const short = name.length > 60 ? `${name.slice(0, 59)}…` : name;
  return `widget ${JSON.stringify(short)}`;
}

/**
 * The structure the editor relies on. `base` is the pointer of the definition inside the imported value, so that
 * messages point into what the user actually gave us.
 */
function checkShape(def: Obj, base: string, insideString: boolean): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  const note = insideString ? ' (inside the definition string)' : '';
  const add = (path: string, pointer: string, text: string, name?: unknown): void => {
    if (problems.length >= MAX_SHAPE_PROBLEMS) return;
    const at = `${base}${pointer}`;
    const details = [quoteName(name), at === '' ? '' : `pointer ${at}${note}`].filter((d) => d !== '');
    problems.push({
      pointer: at,
      message: `${path}${details.length > 0 ? ` (${details.join(', ')})` : ''} ${text}`,
    });
  };

  if (!Object.hasOwn(def, 'states')) {
    add('The flow definition', '', 'has no "states" array');
    return problems;
  }
  const states = own(def, 'states');
  if (!Array.isArray(states)) {
    add('"states"', '/states', `must be an array, found ${describeType(states)}`);
    return problems;
  }

  (states as unknown[]).forEach((state, i) => {
    const path = `states[${i}]`;
    const ptr = `/states/${i}`;
    if (!isObject(state)) {
      add(path, ptr, `must be an object, found ${describeType(state)}`);
      return;
    }
    const name = own(state, 'name');
    const label = typeof name === 'string' ? name : undefined;
    for (const key of ['name', 'type'] as const) {
      const v = own(state, key);
      if (v === undefined) add(path, ptr, `has no "${key}"`, label);
      else if (typeof v !== 'string')
        add(`${path}.${key}`, `${ptr}/${key}`, `must be a string, found ${describeType(v)}`, label);
    }

    const properties = own(state, 'properties');
    if (properties === undefined) add(path, ptr, 'has no "properties" object', label);
    else if (!isObject(properties)) {
      add(
        `${path}.properties`,
        `${ptr}/properties`,
        `must be an object, found ${describeType(properties)}`,
        label,
      );
    }

    const transitions = own(state, 'transitions');
    if (transitions === undefined) {
      add(path, ptr, 'has no "transitions" array', label);
      return;
    }
    if (!Array.isArray(transitions)) {
      add(
        `${path}.transitions`,
        `${ptr}/transitions`,
        `must be an array, found ${describeType(transitions)}`,
        label,
      );
      return;
    }
    (transitions as unknown[]).forEach((t, j) => {
      const tPath = `${path}.transitions[${j}]`;
      const tPtr = `${ptr}/transitions/${j}`;
      if (!isObject(t)) {
        add(tPath, tPtr, `must be an object, found ${describeType(t)}`, label);
        return;
      }
      const event = own(t, 'event');
      if (event === undefined) add(tPath, tPtr, 'has no "event"', label);
      else if (typeof event !== 'string')
        add(`${tPath}.event`, `${tPtr}/event`, `must be a string, found ${describeType(event)}`, label);
      if (Object.hasOwn(t, 'next')) {
        const next = own(t, 'next');
        if (typeof next !== 'string') {
          add(
            `${tPath}.next`,
            `${tPtr}/next`,
            `must be a widget name (a string), found ${describeType(next)}`,
            label,
          );
        }
      }
    });
  });
  return problems;
}

function fail(error: ImportError): ImportResult {
  return { ok: false, error };
}

function internal(cause: unknown): ImportResult {
  let detail: string;
  try {
    detail = cause instanceof Error ? cause.message : String(cause);
  } catch {
    // A hostile value (a Proxy, a throwing toString) must not escape through the error path either.
    detail = 'unknown error';
  }
  return fail({
    code: 'internal',
    message: `The flow could not be imported because of an unexpected error: ${detail}`,
  });
}
