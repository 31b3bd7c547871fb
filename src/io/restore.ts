/**
 * The restore boundary: the one door through which untrusted input becomes a flow the editor works on. Every entry
 * point goes through it: the file chooser and drop (bytes), the import and compare dialogs (text), the canvas paste
 * (widgets), the JSON view (text), the CLI (bytes), the autosaved session and the publish settings (values read back
 * from storage). So they all apply the same rules, the same limits and the same depth guard, and say the same thing
 * in the same words when they refuse: what is wrong and where (line and column, or widget and pointer).
 *
 * The boundary checks only the shape the editor cannot work without (states with names, types, transitions and
 * properties; transitions with a string `event` and, when present, a string `next`). Everything Studio-specific
 * (missing `initial_state`, unknown widget types, dangling `next`) is left to validation, so that a half-broken flow
 * can still be opened and fixed. Definitions are returned as the very objects `JSON.parse` produced: nothing is
 * copied or reordered, unknown keys stay, which is what makes export byte-identical.
 *
 * Values that JSON can write but a double cannot hold (`1e-400`, 20-digit integers) come back as notes with their
 * place: the editor shows them as problems, the CLI prints them. Never throws.
 */

import { describeType, isObject, own, type UnknownObject } from '../model/object';
import type { FlowDefinition, Widget } from '../model/types';
import {
  detectSource,
  isLegacyDefinition,
  type DetectedEntry,
  type FlowSourceInfo,
  type ImportError,
  type SourceKind,
} from './detect';
import { MAX_JSON_DEPTH, NESTING_TOO_DEEP, exceedsDepth, parseJson } from './json';
import { describeLossyNumber, findLossyNumbers } from './numbers';
import type { FlowStatus } from './payload';
import { decodeBytes } from './text';
import { groupDigits } from '../model/digits';

// ---------------------------------------------------------------------------------------------------------------
// Limits: the same in the editor and the CLI

/** Studio's own limit on the widgets of a flow (the schema says 1,000; real Studio takes 2,000). */
export const STUDIO_MAX_WIDGETS = 2_000;
/**
 * The most widgets a definition may have to be opened at all. Above Studio's limit so that an oversize export can
 * still be opened and cut down (validation reports the excess); far enough below what freezes a browser tab.
 */
export const MAX_OPEN_WIDGETS = 10_000;
/** The longest text accepted, in UTF-16 code units (about as many bytes for JSON). A 2,000-widget flow is ~1.5 MB. */
export const MAX_TEXT_LENGTH = 64 * 1024 * 1024;

/** "28.0 MB", "812 KB": sizes in messages. */
export function formatSize(units: number): string {
  if (units >= 1024 * 1024) return `${(units / (1024 * 1024)).toFixed(1)} MB`;
  if (units >= 1024) return `${groupDigits(Math.round(units / 1024))} KB`;
  return `${groupDigits(units)} bytes`;
}

function tooLongError(length: number): ImportError {
  return {
    code: 'too-large',
    message:
      `The text is ${formatSize(length)}: too large to open (at most ${formatSize(MAX_TEXT_LENGTH)}). ` +
      `A Studio flow of ${groupDigits(STUDIO_MAX_WIDGETS)} widgets is about 1.5 MB.`,
  };
}

/** The largest file accepted, in bytes (two bytes per character is the most a JSON text needs, in UTF-16). */
export const MAX_FILE_BYTES = MAX_TEXT_LENGTH * 2;

/** A file refused by its size before a byte of it is read: the same words in the editor and the CLI. */
export function fileTooLargeError(bytes: number): ImportError {
  return {
    code: 'too-large',
    message:
      `The file is ${formatSize(bytes)}: too large to open (at most ${formatSize(MAX_FILE_BYTES)}). ` +
      `A Studio flow of ${groupDigits(STUDIO_MAX_WIDGETS)} widgets is about 1.5 MB.`,
  };
}

/** The message of a definition with too many widgets; the same words as validation's "at most 2,000 are allowed". */
export function tooManyWidgetsMessage(count: number): string {
  return (
    `The flow has ${groupDigits(count)} widgets; at most ${groupDigits(STUDIO_MAX_WIDGETS)} are allowed ` +
    `in Studio, and the editor opens flows of up to ${groupDigits(MAX_OPEN_WIDGETS)} so that larger exports can be cut down. ` +
    'This one is too large to open.'
  );
}

/**
 * Something the input said that the editor could not keep exactly, with its place: a number a double cannot hold,
 * a file that was not UTF-8. Shown as a problem (the pointer is relative to the definition) and printed by the CLI.
 */
export interface InputNote {
  severity: 'warning' | 'info';
  /** `input.number-precision`, `input.number-underflow`, `input.encoding`. */
  code: string;
  message: string;
  /** RFC 6901 pointer into the definition (not into a wrapper resource); '' for the whole input. */
  pointer: string;
  /** Position in the text the user gave. */
  line?: number;
  column?: number;
}

export interface ParsedFlow {
  definition: FlowDefinition;
  source: FlowSourceInfo;
  /** What could not be kept exactly (absent when nothing). */
  notes?: InputNote[];
}

/**
 * `flows` has more than one entry only for list inputs. Lists keep every entry that has a definition (revisions
 * sorted by revision number, newest first) so the UI can offer a choice or a comparison.
 */
export type ImportResult =
  { ok: true; kind: SourceKind; label: string; flows: ParsedFlow[] } | { ok: false; error: ImportError };

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
    if (text.length > MAX_TEXT_LENGTH) return fail(tooLongError(text.length));
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
    const { result, pointers } = importParsed(parsed.value);
    if (result.ok) attachNumberNotes(result, pointers, text, false);
    return result;
  } catch (cause) {
    return internal(cause);
  }
}

/**
 * Import a flow from a file's bytes: decoded as {@link decodeBytes} says (UTF-8, or UTF-16/32 by byte-order mark,
 * never silently replacing a byte), then as {@link importFlowText}. A file that was not UTF-8 gets a note.
 */
export function importFlowBytes(bytes: Uint8Array): ImportResult {
  try {
    if (bytes.length > MAX_FILE_BYTES) return fail(fileTooLargeError(bytes.length));
    const decoded = decodeBytes(bytes);
    if (!decoded.ok) return fail(decoded.error);
    const result = importFlowText(decoded.text);
    if (result.ok && decoded.note !== undefined) {
      const note: InputNote = {
        severity: 'info',
        code: 'input.encoding',
        message: decoded.note,
        pointer: '',
      };
      for (const flow of result.flows) flow.notes = [note, ...(flow.notes ?? [])];
    }
    return result;
  } catch (cause) {
    return internal(cause);
  }
}

/**
 * Numbers that did not survive `JSON.parse` (see numbers.ts), as notes on the flow they are in (`pointers[i]` is
 * where flow i's definition is in the parsed text). Infinity is left to validation, which reports every non-finite
 * value of the definition wherever it came from, for as long as it is there.
 */
function attachNumberNotes(
  result: Extract<ImportResult, { ok: true }>,
  pointers: readonly (string | null)[],
  text: string,
  insideString: boolean,
): void {
  const lossy = findLossyNumbers(text).filter((n) => n.kind !== 'overflow');
  for (const n of lossy) {
    const index = pointers.findIndex((base) => base !== null && pointerIn(n.pointer, base));
    const flow = result.flows[index];
    if (!flow) continue;
    const where = insideString ? ' (line and column count within the definition string)' : '';
    (flow.notes ??= []).push({
      severity: 'warning',
      code: n.kind === 'underflow' ? 'input.number-underflow' : 'input.number-precision',
      message: describeLossyNumber(n) + where,
      pointer: n.pointer.slice((pointers[index] ?? '').length),
      line: n.line,
      column: n.column,
    });
  }
}

function pointerIn(pointer: string, base: string): boolean {
  return pointer === base || pointer.startsWith(`${base}/`);
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
        // The text parser's words; a value has no line and column (and a cycle is infinitely deep).
        message: `${NESTING_TOO_DEEP} ${MAX_JSON_DEPTH} levels, which is not supported`,
        pointer: '',
      });
    }
    return importParsed(value).result;
  } catch (cause) {
    return internal(cause);
  }
}

interface Imported {
  result: ImportResult;
  /** Where each flow's definition is in the parsed value (for notes found in the text); null: in a string of its own. */
  pointers: (string | null)[];
}

function importParsed(value: unknown): Imported {
  // Double-encoded JSON (a JSON string holding the flow) happens when a definition is copied out of a log or a
  // form field; one level is unwrapped.
  if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
    const inner = parseJson(value);
    if (!inner.ok) {
      return failed({
        code: 'definition-json',
        message: `The JSON is a string that should hold a flow, but the JSON inside it is not valid (line and column count within that string): ${inner.error.message}`,
        pointer: '',
      });
    }
    const imported = fromDetection(inner.value, true);
    if (imported.result.ok) attachNumberNotes(imported.result, imported.pointers, value, true);
    return { result: imported.result, pointers: [] };
  }
  return fromDetection(value, false);
}

function failed(error: ImportError): Imported {
  return { result: fail(error), pointers: [] };
}

function fromDetection(value: unknown, wasString: boolean): Imported {
  const detection = detectSource(value);
  if (!detection.ok) return failed(detection.error);
  const flows: ParsedFlow[] = [];
  const pointers: (string | null)[] = [];
  const inWrapper = detection.kind !== 'definition';
  for (const entry of detection.entries) {
    const result = importEntry(entry, inWrapper);
    if (!result.ok) return failed(result.error);
    if (wasString) result.flow.source.definitionWasString = true;
    flows.push(result.flow);
    // A definition given as a string has its own text: its numbers are scanned there (importEntry).
    pointers.push(result.flow.source.definitionWasString === true ? null : entry.pointer);
  }
  return { result: { ok: true, kind: detection.kind, label: detection.label, flows }, pointers };
}

function importEntry(
  entry: DetectedEntry,
  inWrapper: boolean,
): { ok: true; flow: ParsedFlow } | { ok: false; error: ImportError } {
  const source: FlowSourceInfo = { ...entry.source };
  const where = inWrapper ? `${source.label}: ` : '';
  let definition = entry.definition;
  let innerText: string | null = null;

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
    innerText = entry.definition as string;
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

  // Too many widgets is said before anything else is looked at: checking 50,000 widgets only to refuse them later
  // would keep the user waiting for nothing.
  const states = own(definition, 'states');
  if (Array.isArray(states) && states.length > MAX_OPEN_WIDGETS) {
    return {
      ok: false,
      error: {
        code: 'too-large',
        message: `${where}${tooManyWidgetsMessage(states.length)}`,
        pointer: `${entry.pointer}/states`,
      },
    };
  }

  const error = shapeError(checkShape(definition, entry.pointer, source.definitionWasString === true), where);
  if (error) return { ok: false, error };
  const flow: ParsedFlow = { definition: definition as FlowDefinition, source };
  if (innerText !== null) {
    attachNumberNotes({ ok: true, kind: 'definition', label: '', flows: [flow] }, [''], innerText, true);
  }
  return { ok: true, flow };
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

type AddProblem = (path: string, pointer: string, text: string, name?: unknown) => void;

/** Collects shape problems (at most MAX_SHAPE_PROBLEMS) with pointers under `base`, worded the same everywhere. */
function shapeCollector(base: string, insideString: boolean): { problems: ShapeProblem[]; add: AddProblem } {
  const problems: ShapeProblem[] = [];
  const note = insideString ? ' (inside the definition string)' : '';
  const add: AddProblem = (path, pointer, text, name) => {
    if (problems.length >= MAX_SHAPE_PROBLEMS) return;
    const at = `${base}${pointer}`;
    const details = [quoteName(name), at === '' ? '' : `pointer ${at}${note}`].filter((d) => d !== '');
    problems.push({
      pointer: at,
      message: `${path}${details.length > 0 ? ` (${details.join(', ')})` : ''} ${text}`,
    });
  };
  return { problems, add };
}

/**
 * The structure the editor relies on. `base` is the pointer of the definition inside the imported value, so that
 * messages point into what the user actually gave us.
 */
function checkShape(def: UnknownObject, base: string, insideString: boolean): ShapeProblem[] {
  const { problems, add } = shapeCollector(base, insideString);
  if (!Object.hasOwn(def, 'states')) {
    add('The flow definition', '', 'has no "states" array');
    return problems;
  }
  const states = own(def, 'states');
  if (!Array.isArray(states)) {
    add('"states"', '/states', `must be an array, found ${describeType(states)}`);
    return problems;
  }
  checkStates(states as unknown[], '/states', 'states', add);
  return problems;
}

/** Each state of `states` (at `pointer`, called `path` in messages) as a widget the editor can hold. */
function checkStates(states: readonly unknown[], pointer: string, path: string, add: AddProblem): void {
  states.forEach((state, i) => checkState(state, `${path}[${i}]`, `${pointer}/${i}`, add));
}

function checkState(state: unknown, path: string, ptr: string, add: AddProblem): void {
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
}

/** The first shape problem as an error, with how many more there are. */
function shapeError(problems: readonly ShapeProblem[], where: string): ImportError | null {
  const [first] = problems;
  if (!first) return null;
  const extra = problems.length - 1;
  const more =
    extra > 0
      ? ` (and ${extra}${problems.length >= MAX_SHAPE_PROBLEMS ? '+' : ''} more shape problem${extra > 1 ? 's' : ''})`
      : '';
  return { code: 'shape', message: `${where}${first.message}${more}`, pointer: first.pointer };
}

// ---------------------------------------------------------------------------------------------------------------
// Publish settings read back from storage

/** What the Flows API needs besides the definition (friendly name, status, commit message); never credentials. */
export interface PublishSettings {
  friendlyName: string;
  status: FlowStatus;
  commitMessage: string;
}

/**
 * Publish settings read back from storage: a complete, well-typed set (unknown keys dropped), or null, which the
 * caller replaces with the settings derived from the flow's source. Strings are capped so that a damaged record
 * cannot put a megabyte into a text field.
 */
export function restorePublishSettings(value: unknown): PublishSettings | null {
  if (!isObject(value)) return null;
  const friendlyName = own(value, 'friendlyName');
  const status = own(value, 'status');
  const commitMessage = own(value, 'commitMessage');
  if (typeof friendlyName !== 'string' || typeof commitMessage !== 'string') return null;
  if (friendlyName.length > MAX_SETTING_LENGTH || commitMessage.length > MAX_SETTING_LENGTH) return null;
  if (status !== 'draft' && status !== 'published') return null;
  return { friendlyName, status, commitMessage };
}

/** Longest friendly name or commit message read back (the API's own limits are far lower). */
export const MAX_SETTING_LENGTH = 10_000;

// ---------------------------------------------------------------------------------------------------------------
// Widgets from the clipboard

export type RestoreWidgetsResult = { ok: true; states: Widget[] } | { ok: false; error: ImportError };

/**
 * Widgets pasted on the canvas: `{ "states": [ … ] }` (what copy writes, and so also a whole flow definition), a
 * Flow resource `{ "definition": { "states": … } }` (its definition may be a JSON string), a bare array of states,
 * or a single state. The same JSON parser, limits and widget rules as a whole flow, the same words; the states are
 * the objects JSON.parse made.
 */
export function restoreWidgetsText(text: string): RestoreWidgetsResult {
  try {
    if (text.length > MAX_TEXT_LENGTH) return { ok: false, error: tooLongError(text.length) };
    if (!/\S/.test(text)) {
      return {
        ok: false,
        error: { code: 'empty', message: 'The clipboard is empty: copy Studio widgets first.' },
      };
    }
    const parsed = parseJson(text);
    if (!parsed.ok) {
      const { message, line, column } = parsed.error;
      const deep = message.startsWith(NESTING_TOO_DEEP);
      return {
        ok: false,
        error: {
          code: deep ? 'too-deep' : 'json-syntax',
          message: deep ? message : `This is not valid JSON: ${message}`,
          line,
          column,
        },
      };
    }
    return restoreWidgetsValue(parsed.value);
  } catch (cause) {
    return { ok: false, error: internalError(cause) };
  }
}

function restoreWidgetsValue(value: unknown): RestoreWidgetsResult {
  let list: unknown;
  let pointer = '';
  let insideString = false;
  if (Array.isArray(value)) list = value;
  else if (isObject(value)) {
    let definition = own(value, 'definition');
    if (typeof definition === 'string') {
      const inner = parseJson(definition);
      if (inner.ok && isObject(inner.value)) {
        definition = inner.value;
        insideString = true;
      }
    }
    const inDefinition = isObject(definition) && Object.hasOwn(definition, 'states');
    const holder = inDefinition ? (definition as UnknownObject) : value;
    if (isLegacyDefinition(holder)) {
      const at = inDefinition ? '/definition' : '';
      return { ok: false, error: { code: 'legacy-format', message: LEGACY_FORMAT_MESSAGE, pointer: at } };
    }
    if (Object.hasOwn(holder, 'states')) {
      list = own(holder, 'states');
      pointer = inDefinition ? (insideString ? '/states' : '/definition/states') : '/states';
    } else if (Object.hasOwn(value, 'name') && Object.hasOwn(value, 'type')) list = [value];
    else {
      return {
        ok: false,
        error: {
          code: 'not-widgets',
          message: 'The clipboard JSON holds no Studio widgets: it has no "states" and is not a widget.',
          pointer: '',
        },
      };
    }
  } else {
    return {
      ok: false,
      error: {
        code: 'not-widgets',
        message: `The clipboard JSON is ${describeType(value)}, not Studio widgets.`,
        pointer: '',
      },
    };
  }
  if (!Array.isArray(list)) {
    // The very words of a flow import for the same "states".
    const { problems, add } = shapeCollector(pointer, insideString);
    add('"states"', '', `must be an array, found ${describeType(list)}`);
    return { ok: false, error: shapeError(problems, '') ?? internalError('no shape problem') };
  }
  const states = list as unknown[];
  if (states.length === 0) {
    return { ok: false, error: { code: 'empty-list', message: 'The clipboard holds no widgets.', pointer } };
  }
  if (states.length > MAX_OPEN_WIDGETS) {
    return {
      ok: false,
      error: { code: 'too-large', message: tooManyWidgetsMessage(states.length), pointer },
    };
  }
  const { problems, add } = shapeCollector(pointer, insideString);
  checkStates(states, '', 'states', add);
  const error = shapeError(problems, '');
  if (error) return { ok: false, error };
  return { ok: true, states: states as Widget[] };
}

/** Whether the message already says where (the JSON parser's messages do). */
function mentionsPosition(error: ImportError): boolean {
  return error.line !== undefined && error.message.toLowerCase().includes(`line ${error.line}`);
}

/**
 * An input error as one sentence with where it is ("… (line 3, column 14)", "… (at /states/2/next)"): the words
 * every entry point shows, announces or prints.
 */
export function formatImportError(error: ImportError): string {
  const position =
    mentionsPosition(error) || error.line === undefined
      ? null
      : error.column === undefined
        ? `line ${error.line}`
        : `line ${error.line}, column ${error.column}`;
  const where = [position, error.pointer ? `at ${error.pointer}` : null].filter(Boolean).join(', ');
  return where ? `${error.message} (${where})` : error.message;
}

function fail(error: ImportError): ImportResult {
  return { ok: false, error };
}

function internal(cause: unknown): ImportResult {
  return fail(internalError(cause));
}

/** The error of an input that broke a reader (never a stack): the same words for flows and executions. */
export function internalError(cause: unknown): ImportError {
  let detail: string;
  try {
    detail = cause instanceof Error ? cause.message : String(cause);
  } catch {
    // A hostile value (a Proxy, a throwing toString) must not escape through the error path either.
    detail = 'unknown error';
  }
  return {
    code: 'internal',
    message: `The input could not be read because of an unexpected error: ${detail}`,
  };
}
