/**
 * Reading executions: what the user gives us (a file, pasted text) as normalised records, or one located error.
 *
 * Accepted, like flow imports accept every shape a flow comes in:
 * - the Studio v2 API's resources: an Execution, an ExecutionStep, an ExecutionContext, an ExecutionStepContext;
 * - its list pages: ListExecution `{executions, meta}` and ListExecutionStep `{steps, meta}` (a page with a
 *   `next_page_url` gets a note: the counts cover that page only);
 * - the Twilio CLI's `-o json` output of the `api:studio:v2:flows:executions…` commands: an array of records (or a
 *   single one) with camelCase keys (`transitionedFrom`, `executionSid`, `dateCreated`…);
 * - any JSON array of such records, e.g. the steps of several executions put together.
 *
 * The text goes through the io layer's JSON parser (line and column on syntax errors) with the limits of flow
 * imports (text length, nesting depth). Records are checked for what paths and summaries need (a step's
 * `transitioned_from`, `transitioned_to`, `name`, `date_created` and execution), and the first record that lacks
 * it is named with its place: "Step 3 (/steps/2) has no transitioned_to". Unknown keys are ignored. Never throws.
 *
 * Pure TypeScript: no DOM, no Node built-ins.
 */

import { describeType, isObject, own, type UnknownObject } from '../model/object';
import {
  MAX_FILE_BYTES,
  MAX_TEXT_LENGTH,
  decodeBytes,
  formatSize,
  internalError,
  parseJson,
  type ImportError,
} from '../io';
import { MAX_JSON_DEPTH, NESTING_TOO_DEEP, exceedsDepth } from '../io/json';
import type { ContextRecord, ExecutionRecord, StepRecord } from './types';

/**
 * What the input held, by content: one record of a kind, a list of executions or of steps (an API page or an
 * array), several kinds at once (`mixed`), or an empty array (`empty`).
 */
export type ExecutionsKind =
  | 'execution'
  | 'execution-list'
  | 'step'
  | 'step-list'
  | 'execution-context'
  | 'step-context'
  | 'mixed'
  | 'empty';

/** The paging block of a ListExecution or ListExecutionStep page. */
export interface PageInfo {
  /** `ListExecution` or `ListExecutionStep`. */
  list: 'ListExecution' | 'ListExecutionStep';
  page?: number;
  pageSize?: number;
  /** Set when more pages follow: the page alone does not hold every record. */
  nextPageUrl?: string;
}

/** The records read from one input. */
export interface ExecutionsData {
  executions: ExecutionRecord[];
  steps: StepRecord[];
  contexts: ContextRecord[];
  /** Said to the user, not errors: a partial page, duplicates counted once, the text's encoding. */
  notes: string[];
}

export type ExecutionsImport =
  | ({
      ok: true;
      kind: ExecutionsKind;
      /** What the input was, e.g. "ListExecutionStep page: 12 steps of 1 execution". */
      label: string;
      /** Came from the Twilio CLI or a helper library (camelCase keys). */
      fromCli: boolean;
      /** The paging block, for API list pages. */
      page?: PageInfo;
    } & ExecutionsData)
  /**
   * The first thing that stops the input from being read, with its place (`line`/`column` in the text, or the
   * `pointer` of the record). `code`: `empty`, `json-syntax`, `too-deep`, `too-large`, `encoding` (bytes),
   * `not-executions` (some other JSON), `is-flow` (a flow definition: open it as a flow), `shape` (a record
   * lacks what it needs), `internal`.
   */
  | { ok: false; error: ImportError };

/** Refused text or file sizes, in the words flow imports use. */
function tooLarge(what: 'text' | 'file', size: number, max: number): ImportError {
  return {
    code: 'too-large',
    message: `The ${what} is ${formatSize(size)}: too large to read (at most ${formatSize(max)}).`,
  };
}

/**
 * Read executions, steps or contexts from JSON text (any shape listed in the module comment). Never throws; JSON
 * syntax errors carry line and column.
 */
export function readExecutionsText(text: string): ExecutionsImport {
  try {
    if (text.length > MAX_TEXT_LENGTH) return fail(tooLarge('text', text.length, MAX_TEXT_LENGTH));
    if (!/\S/.test(text)) {
      return fail({
        code: 'empty',
        message: 'The text is empty: paste or open the JSON of Studio executions or steps.',
      });
    }
    const parsed = parseJson(text);
    if (!parsed.ok) {
      const { message, line, column } = parsed.error;
      const deep = message.startsWith(NESTING_TOO_DEEP);
      return fail({
        code: deep ? 'too-deep' : 'json-syntax',
        message: deep ? message : `This is not valid JSON: ${message}`,
        line,
        column,
      });
    }
    return readParsed(parsed.value);
  } catch (cause) {
    return fail(internalError(cause));
  }
}

/**
 * Read executions from a file's bytes: decoded as flow files are (UTF-8, or UTF-16/32 by byte-order mark, never
 * replacing a byte), then as {@link readExecutionsText}. A file that was not UTF-8 gets a note.
 */
export function readExecutionsBytes(bytes: Uint8Array): ExecutionsImport {
  try {
    if (bytes.length > MAX_FILE_BYTES) return fail(tooLarge('file', bytes.length, MAX_FILE_BYTES));
    const decoded = decodeBytes(bytes);
    if (!decoded.ok) return fail(decoded.error);
    const result = readExecutionsText(decoded.text);
    if (result.ok && decoded.note !== undefined) result.notes.unshift(decoded.note);
    return result;
  } catch (cause) {
    return fail(internalError(cause));
  }
}

/**
 * Read executions from an already-parsed value (same shapes as {@link readExecutionsText}). Values that did not
 * come from `JSON.parse` are accepted too; cyclic or absurdly deep ones are refused. Never throws.
 */
export function readExecutionsValue(value: unknown): ExecutionsImport {
  try {
    if (exceedsDepth(value, MAX_JSON_DEPTH, true)) {
      return fail({
        code: 'too-deep',
        message: `${NESTING_TOO_DEEP} ${MAX_JSON_DEPTH} levels, which is not supported`,
        pointer: '',
      });
    }
    return readParsed(value);
  } catch (cause) {
    return fail(internalError(cause));
  }
}

/**
 * The records of several inputs as one set (e.g. the pages of a list, or files given together): each execution,
 * step and context once, by its SID (the first one read wins), with a note when some were given twice.
 */
export function mergeExecutionsData(parts: readonly ExecutionsData[]): ExecutionsData {
  const merged: ExecutionsData = { executions: [], steps: [], contexts: [], notes: [] };
  for (const part of parts) {
    merged.executions.push(...part.executions);
    merged.steps.push(...part.steps);
    merged.contexts.push(...part.contexts);
    merged.notes.push(...part.notes);
  }
  return dedupe(merged);
}

// ---------------------------------------------------------------------------------------------------------------

type Failure = { ok: false; error: ImportError };

function fail(error: ImportError): Failure {
  return { ok: false, error };
}

const FLOW_MESSAGE = 'This is a flow definition, not executions: open it as a flow.';

function readParsed(value: unknown): ExecutionsImport {
  // JSON copied out of a log or a form field is sometimes a string holding the JSON: one level is unwrapped.
  if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
    const inner = parseJson(value);
    if (!inner.ok) {
      return fail({
        code: 'json-syntax',
        message: `The JSON is a string that should hold executions, but the JSON inside it is not valid (line and column count within that string): ${inner.error.message}`,
        pointer: '',
      });
    }
    value = inner.value;
  }
  if (Array.isArray(value)) return readArray(value as unknown[]);
  if (!isObject(value)) {
    return fail({
      code: 'not-executions',
      message: `The JSON is ${describeType(value)}, not Studio executions or steps.`,
      pointer: '',
    });
  }
  const executions = own(value, 'executions');
  const steps = own(value, 'steps');
  if (executions !== undefined || steps !== undefined) return readPage(value, executions, steps);
  return readArray([value], true);
}

/** What a record is, from its keys; `flow` for anything that holds a flow definition. */
type RecordKind = 'execution' | 'step' | 'execution-context' | 'step-context' | 'flow';

function classify(obj: UnknownObject): RecordKind | null {
  if (
    Object.hasOwn(obj, 'states') ||
    Object.hasOwn(obj, 'initial_state') ||
    Object.hasOwn(obj, 'definition') ||
    Object.hasOwn(obj, 'flows') ||
    Object.hasOwn(obj, 'revisions')
  ) {
    return 'flow';
  }
  const sid = own(obj, 'sid');
  const sidPrefix = typeof sid === 'string' ? sid.slice(0, 2) : '';
  if (sidPrefix === 'FW') return 'flow';
  if (
    sidPrefix === 'FT' ||
    field(obj, 'transitioned_from') !== undefined ||
    field(obj, 'transitioned_to') !== undefined
  ) {
    return 'step';
  }
  if (field(obj, 'step_sid') !== undefined) return 'step-context';
  if (sidPrefix === 'FN' || field(obj, 'contact_channel_address') !== undefined) return 'execution';
  if (field(obj, 'execution_sid') !== undefined && Object.hasOwn(obj, 'context')) return 'execution-context';
  return null;
}

/** The snake_case key of the REST API or the camelCase key of the Twilio CLI and helper libraries. */
function field(obj: UnknownObject, snake: string): unknown {
  const value = own(obj, snake);
  if (value !== undefined) return value;
  const camel = camelCase(snake);
  return camel === snake ? undefined : own(obj, camel);
}

function camelCase(snake: string): string {
  return snake.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** Keys only the CLI (and the helper libraries it is built on) write. */
const CAMEL_KEYS = [
  'accountSid',
  'flowSid',
  'executionSid',
  'stepSid',
  'transitionedFrom',
  'transitionedTo',
  'contactChannelAddress',
  'dateCreated',
  'dateUpdated',
];

function isCamel(obj: UnknownObject): boolean {
  return CAMEL_KEYS.some((k) => Object.hasOwn(obj, k));
}

/** SIDs in labels: `FN3d6f4b83…`. */
function shortSid(sid: string): string {
  return sid.length > 14 ? `${sid.slice(0, 10)}…` : sid;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** A record that does not have what it needs. */
class RecordError extends Error {
  constructor(
    message: string,
    readonly pointer: string,
    /** `shape`, or `is-flow` for a flow definition given as executions. */
    readonly code = 'shape',
  ) {
    super(message);
  }
}

/** Reads the fields of one record, naming it ("Step 3 (/steps/2)") and its keys as the input spells them. */
class RecordReader {
  private readonly camel: boolean;
  constructor(
    private readonly obj: UnknownObject,
    private readonly name: string,
    private readonly pointer: string,
  ) {
    this.camel = isCamel(obj);
  }

  private key(snake: string): string {
    return this.camel ? camelCase(snake) : snake;
  }

  private where(): string {
    return this.pointer === '' ? this.name : `${this.name} (${this.pointer})`;
  }

  /** A string the record must have. */
  required(snake: string, what = ''): string {
    const value = field(this.obj, snake);
    const key = this.key(snake);
    if (value === undefined || value === null) {
      const isNull = value === null ? ` (it is null)` : '';
      throw new RecordError(`${this.where()} has no ${key}${what}${isNull}.`, this.pointer);
    }
    if (typeof value !== 'string') {
      throw new RecordError(
        `${this.where()}: ${key} must be a string, found ${describeType(value)}.`,
        `${this.pointer}/${key}`,
      );
    }
    return value;
  }

  /** A key the record must have, whatever its value. */
  present(key: string): unknown {
    if (!Object.hasOwn(this.obj, key)) throw new RecordError(`${this.where()} has no ${key}.`, this.pointer);
    return own(this.obj, key);
  }

  /** A string the record may have (null and absent are the same). */
  optional(snake: string): string | undefined {
    const value = field(this.obj, snake);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      const key = this.key(snake);
      throw new RecordError(
        `${this.where()}: ${key} must be a string, found ${describeType(value)}.`,
        `${this.pointer}/${key}`,
      );
    }
    return value;
  }

  /** A date the record must have, readable as one. */
  date(snake: string): string {
    const value = this.required(snake);
    if (Number.isNaN(Date.parse(value))) {
      const shown = value.length > 40 ? `${value.slice(0, 39)}…` : value;
      throw new RecordError(
        `${this.where()}: ${this.key(snake)} is not a date: “${shown}”.`,
        `${this.pointer}/${this.key(snake)}`,
      );
    }
    return value;
  }

  /** The execution SID: its own field, or the `/Executions/FN…/` of its URL. */
  executionSid(): string {
    const value = this.optional('execution_sid') ?? fromUrl(this.obj, /\/Executions\/(FN[^/]+)/);
    return value ?? this.required('execution_sid');
  }

  flowSid(): string | undefined {
    return this.optional('flow_sid') ?? fromUrl(this.obj, /\/Flows\/(FW[^/]+)/);
  }
}

function fromUrl(obj: UnknownObject, pattern: RegExp): string | undefined {
  const url = own(obj, 'url');
  return typeof url === 'string' ? pattern.exec(url)?.[1] : undefined;
}

function readStep(obj: UnknownObject, name: string, pointer: string): StepRecord {
  const r = new RecordReader(obj, name, pointer);
  const step: StepRecord = {
    sid: r.required('sid'),
    executionSid: r.executionSid(),
    event: r.required('name', ' (the event that led to the step)'),
    from: r.required('transitioned_from'),
    to: r.required('transitioned_to'),
    date: r.date('date_created'),
  };
  const flowSid = r.flowSid();
  if (flowSid !== undefined) step.flowSid = flowSid;
  if (Object.hasOwn(obj, 'context')) step.context = own(obj, 'context');
  return step;
}

function readExecution(obj: UnknownObject, name: string, pointer: string): ExecutionRecord {
  const r = new RecordReader(obj, name, pointer);
  const execution: ExecutionRecord = { sid: r.required('sid'), status: r.required('status') };
  const flowSid = r.flowSid();
  if (flowSid !== undefined) execution.flowSid = flowSid;
  const address = r.optional('contact_channel_address');
  if (address !== undefined) execution.contactChannelAddress = address;
  const created = r.optional('date_created');
  if (created !== undefined) execution.dateCreated = created;
  const updated = r.optional('date_updated');
  if (updated !== undefined) execution.dateUpdated = updated;
  if (Object.hasOwn(obj, 'context')) execution.context = own(obj, 'context');
  return execution;
}

function readContext(obj: UnknownObject, name: string, pointer: string, ofStep: boolean): ContextRecord {
  const r = new RecordReader(obj, name, pointer);
  const record: ContextRecord = { executionSid: r.executionSid(), context: null };
  if (ofStep) {
    record.stepSid = r.optional('step_sid') ?? fromUrl(obj, /\/Steps\/(FT[^/]+)/) ?? r.required('step_sid');
  }
  const flowSid = r.flowSid();
  if (flowSid !== undefined) record.flowSid = flowSid;
  record.context = r.present('context');
  return record;
}

const RECORD_NAMES: Readonly<Record<Exclude<RecordKind, 'flow'>, string>> = {
  execution: 'Execution',
  step: 'Step',
  'execution-context': 'Execution context',
  'step-context': 'Step context',
};

/** Unlisted records of a list, or `single` when the input was that one object. */
function readArray(items: readonly unknown[], single = false): ExecutionsImport {
  const data: ExecutionsData = { executions: [], steps: [], contexts: [], notes: [] };
  const kinds = new Set<RecordKind>();
  let camel = false;
  try {
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const pointer = single ? '' : `/${i}`;
      const itemName = single ? 'The JSON' : `Item ${i + 1} (${pointer})`;
      if (!isObject(item)) {
        throw new RecordError(`${itemName} must be an object, found ${describeType(item)}.`, pointer);
      }
      const kind = classify(item);
      if (kind === 'flow') {
        throw new RecordError(single ? FLOW_MESSAGE : `${itemName}: ${FLOW_MESSAGE}`, pointer, 'is-flow');
      }
      if (kind === null) throw new RecordError(notExecutions(itemName, item), pointer);
      kinds.add(kind);
      camel ||= isCamel(item);
      const name = single ? `The ${RECORD_NAMES[kind].toLowerCase()}` : `${RECORD_NAMES[kind]} ${i + 1}`;
      readRecord(kind, item, name, pointer, data);
    }
  } catch (e) {
    if (e instanceof RecordError) return fail(shapeError(e));
    throw e;
  }
  const deduped = dedupe(data);
  const kind = kindOf(kinds, deduped);
  const content = describeContent(deduped);
  const label = single
    ? singleLabel(kind, deduped, camel)
    : items.length === 0
      ? 'Empty JSON array: no executions or steps'
      : `${camel ? 'Twilio CLI output' : 'JSON array'}: ${content}`;
  return { ok: true, kind, label, fromCli: camel, ...deduped };
}

function readRecord(
  kind: Exclude<RecordKind, 'flow'>,
  item: UnknownObject,
  name: string,
  pointer: string,
  data: ExecutionsData,
): void {
  if (kind === 'step') data.steps.push(readStep(item, name, pointer));
  else if (kind === 'execution') data.executions.push(readExecution(item, name, pointer));
  else data.contexts.push(readContext(item, name, pointer, kind === 'step-context'));
}

function shapeError(e: RecordError): ImportError {
  return { code: e.code, message: e.message, pointer: e.pointer };
}

function notExecutions(name: string, obj: UnknownObject): string {
  const keys = Object.keys(obj)
    .slice(0, 6)
    .map((k) => JSON.stringify(k.length > 30 ? `${k.slice(0, 29)}…` : k));
  const has =
    keys.length === 0
      ? 'it is an empty object'
      : `its keys are ${keys.join(', ')}${Object.keys(obj).length > 6 ? '…' : ''}`;
  return (
    `${name} is not a Studio execution, step or context (${has}): expected an Execution, an ExecutionStep, ` +
    'an ExecutionContext or ExecutionStepContext, a ListExecution or ListExecutionStep page, or the Twilio CLI’s ' +
    '-o json output of them.'
  );
}

function kindOf(kinds: ReadonlySet<RecordKind>, data: ExecutionsData): ExecutionsKind {
  if (kinds.size === 0) return 'empty';
  if (kinds.size > 1) return 'mixed';
  const [only] = kinds;
  switch (only) {
    case 'execution':
      return data.executions.length === 1 ? 'execution' : 'execution-list';
    case 'step':
      return data.steps.length === 1 ? 'step' : 'step-list';
    case 'execution-context':
    case 'step-context':
      return data.contexts.length === 1 ? only : 'mixed';
    default:
      return 'mixed';
  }
}

function singleLabel(kind: ExecutionsKind, data: ExecutionsData, camel: boolean): string {
  const cli = camel ? ' (Twilio CLI output)' : '';
  const [execution] = data.executions;
  const [step] = data.steps;
  const [context] = data.contexts;
  if (kind === 'execution' && execution)
    return `Execution ${shortSid(execution.sid)}, ${execution.status}${cli}`;
  if (kind === 'step' && step) {
    return `Step ${shortSid(step.sid)} of execution ${shortSid(step.executionSid)}: ${step.from} → ${step.to} (${step.event})${cli}`;
  }
  if (kind === 'step-context' && context) {
    return `ExecutionStepContext of step ${shortSid(context.stepSid ?? '')} (execution ${shortSid(context.executionSid)})${cli}`;
  }
  if (context) return `ExecutionContext of execution ${shortSid(context.executionSid)}${cli}`;
  return describeContent(data);
}

/** "12 steps of 1 execution", "3 executions", "2 contexts", joined. */
function describeContent(data: ExecutionsData): string {
  const parts: string[] = [];
  if (data.executions.length > 0) parts.push(plural(data.executions.length, 'execution'));
  if (data.steps.length > 0) {
    const of = new Set(data.steps.map((s) => s.executionSid)).size;
    parts.push(`${plural(data.steps.length, 'step')} of ${plural(of, 'execution')}`);
  }
  if (data.contexts.length > 0) parts.push(plural(data.contexts.length, 'context'));
  return parts.length === 0 ? 'no executions or steps' : parts.join(', ');
}

function readPage(value: UnknownObject, executions: unknown, steps: unknown): ExecutionsImport {
  const data: ExecutionsData = { executions: [], steps: [], contexts: [], notes: [] };
  const list = steps !== undefined ? 'ListExecutionStep' : 'ListExecution';
  try {
    for (const [key, items] of [
      ['executions', executions],
      ['steps', steps],
    ] as const) {
      if (items === undefined) continue;
      if (!Array.isArray(items)) {
        throw new RecordError(`"${key}" must be an array, found ${describeType(items)}.`, `/${key}`);
      }
      const kind = key === 'steps' ? 'step' : 'execution';
      (items as unknown[]).forEach((item, i) => {
        const pointer = `/${key}/${i}`;
        const name = `${RECORD_NAMES[kind]} ${i + 1}`;
        if (!isObject(item)) {
          throw new RecordError(
            `${name} (${pointer}) must be an object, found ${describeType(item)}.`,
            pointer,
          );
        }
        readRecord(kind, item, name, pointer, data);
      });
    }
  } catch (e) {
    if (e instanceof RecordError) return fail(shapeError(e));
    throw e;
  }
  const deduped = dedupe(data);
  const page = pageInfo(value, list);
  const what = list === 'ListExecutionStep' ? 'steps' : 'executions';
  if (page.nextPageUrl !== undefined) {
    deduped.notes.push(
      `This is ${page.page === undefined ? 'one page' : `page ${page.page}`} of a longer ${list} list ` +
        `(meta.next_page_url is set): only its ${what} are read; add the following pages for complete counts.`,
    );
  }
  const both = executions !== undefined && steps !== undefined;
  const kind: ExecutionsKind = both ? 'mixed' : list === 'ListExecutionStep' ? 'step-list' : 'execution-list';
  return {
    ok: true,
    kind,
    label: `${list} page: ${describeContent(deduped)}`,
    fromCli: hasCamelItem(executions, steps),
    page,
    ...deduped,
  };
}

function hasCamelItem(...lists: unknown[]): boolean {
  return lists.some(
    (l) => Array.isArray(l) && (l as unknown[]).some((item) => isObject(item) && isCamel(item)),
  );
}

function pageInfo(value: UnknownObject, list: PageInfo['list']): PageInfo {
  const info: PageInfo = { list };
  const meta = own(value, 'meta');
  if (!isObject(meta)) return info;
  const page = own(meta, 'page');
  const size = field(meta, 'page_size');
  const next = field(meta, 'next_page_url');
  if (typeof page === 'number') info.page = page;
  if (typeof size === 'number') info.pageSize = size;
  if (typeof next === 'string' && next !== '') info.nextPageUrl = next;
  return info;
}

/** Each record once, by SID (contexts by execution and step), with a note saying how many were given twice. */
function dedupe(data: ExecutionsData): ExecutionsData {
  const seen = new Set<string>();
  const count = { execution: 0, step: 0, context: 0 };
  const once = <T>(items: readonly T[], key: (t: T) => string, kind: keyof typeof count): T[] => {
    const kept: T[] = [];
    for (const item of items) {
      const k = `${kind}\u0000${key(item)}`;
      if (seen.has(k)) count[kind]++;
      else {
        seen.add(k);
        kept.push(item);
      }
    }
    return kept;
  };
  const result: ExecutionsData = {
    executions: once(data.executions, (e) => e.sid, 'execution'),
    steps: once(data.steps, (s) => s.sid, 'step'),
    contexts: once(data.contexts, (c) => `${c.executionSid}\u0000${c.stepSid ?? ''}`, 'context'),
    notes: [...data.notes],
  };
  const repeated = [
    count.execution > 0 ? plural(count.execution, 'execution') : '',
    count.step > 0 ? plural(count.step, 'step') : '',
    count.context > 0 ? plural(count.context, 'context') : '',
  ].filter((s) => s !== '');
  if (repeated.length > 0) {
    result.notes.push(`${repeated.join(', ')} appeared more than once (same SID) and counted once.`);
  }
  return result;
}
