/**
 * What the Studio emulator holds: flows with their revisions and test users, executions with their steps (the
 * persisted part), and the knobs tests turn (injected failures, Studio's extra verdicts, the request log). Plain
 * data, so it is written to `<dataDir>/emulator.json` as it is.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OperationId } from '../../studio/operations';
import type { FlowStatus, StudioDefinitionError } from '../../studio/types';

export interface StoredRevision {
  revision: number;
  friendlyName: string;
  definition: unknown;
  status: FlowStatus;
  commitMessage: string | null;
  valid: boolean;
  errors: StudioDefinitionError[];
  warnings: StudioDefinitionError[];
  dateCreated: string;
}

export interface StoredFlow {
  sid: string;
  friendlyName: string;
  dateCreated: string;
  dateUpdated: string | null;
  testUsers: string[];
  /** Oldest first, never empty: the last one is the flow's current definition, status and verdict. */
  revisions: StoredRevision[];
}

export interface StoredStep {
  sid: string;
  name: string | null;
  context: unknown;
  transitionedFrom: string | null;
  transitionedTo: string | null;
  dateCreated: string;
  dateUpdated: string | null;
}

export type ExecutionStatus = 'active' | 'ended';

export interface StoredExecution {
  sid: string;
  flowSid: string;
  contactChannelAddress: string | null;
  context: unknown;
  status: ExecutionStatus;
  dateCreated: string;
  dateUpdated: string | null;
  /** Oldest first. */
  steps: StoredStep[];
}

/** The persisted part; both lists in the order the resources were made (the API lists them newest first). */
export interface EmulatorData {
  flows: StoredFlow[];
  executions: StoredExecution[];
}

/** `POST /__emulator/fail`: the next `remaining` /v2 requests answer `status`, or lose their connection. */
export interface FailurePlan {
  remaining: number;
  status: number | 'drop';
  /** Seconds, sent as Retry-After. */
  retryAfter?: number;
}

/** One request the emulator received (never its headers, so never a credential). */
export interface RequestLogEntry {
  method: string;
  path: string;
  /** The query string without `?`; '' when none. */
  query: string;
  /** The operation of the spec it named; null when none. */
  operation: OperationId | null;
  /** The status answered, or `drop` when the connection was destroyed on purpose. */
  status: number | 'drop';
  date: string;
}

export interface EmulatorState {
  data: EmulatorData;
  failure: FailurePlan | null;
  /** Errors Studio's verdict adds to the offline validator's, on every definition judged until reset. */
  extraErrors: StudioDefinitionError[];
  /** The latest requests, oldest first (at most MAX_LOGGED_REQUESTS). */
  requests: RequestLogEntry[];
}

export const MAX_LOGGED_REQUESTS = 2000;

export function emptyState(): EmulatorState {
  return { data: { flows: [], executions: [] }, failure: null, extraErrors: [], requests: [] };
}

/** A new SID: the two-letter prefix and 32 lowercase hex digits, as Twilio makes them. */
export function newSid(prefix: 'FW' | 'FN' | 'FT' | 'RQ'): string {
  return prefix + randomBytes(16).toString('hex');
}

/** An ISO 8601 date in UTC with `Z`; whole seconds (as Twilio writes them) unless the date has milliseconds. */
export function isoDate(date: Date): string {
  return date.toISOString().replace(/\.000Z$/, 'Z');
}

/** Now, to the second, as Twilio stamps resources. */
export function now(): string {
  return isoDate(new Date(Math.floor(Date.now() / 1000) * 1000));
}

/** The flow's current revision (the last one). */
export function currentRevision(flow: StoredFlow): StoredRevision {
  const last = flow.revisions[flow.revisions.length - 1];
  if (last === undefined) throw new Error(`Flow ${flow.sid} has no revision`);
  return last;
}

const STATE_FILE = 'emulator.json';

/** Where the state of `dataDir` lives. */
export function stateFile(dataDir: string): string {
  return join(dataDir, STATE_FILE);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The data saved in `dataDir`, or empty data when nothing was saved there yet. A file that is not the emulator's
 * (unreadable JSON, no flow and execution lists) is an error rather than silently replaced.
 */
export async function loadData(dataDir: string): Promise<EmulatorData> {
  const file = stateFile(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { flows: [], executions: [] };
    throw new Error(
      `Cannot read the emulator's state file ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'}).`,
      { cause: e },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`The emulator's state file ${file} is not valid JSON; move it away to start afresh.`, {
      cause: e,
    });
  }
  if (!isObject(value) || !Array.isArray(value.flows) || !Array.isArray(value.executions)) {
    throw new Error(`${file} is not an emulator state file (it needs "flows" and "executions" lists).`);
  }
  return { flows: value.flows as StoredFlow[], executions: value.executions as StoredExecution[] };
}

/**
 * Saves the data of `dataDir` after each change, one write at a time and each atomically (a temporary file
 * renamed over the old one), so a crash leaves the previous state or the new one, never half of either.
 */
export class DataWriter {
  private queue: Promise<void> = Promise.resolve();
  private readonly dataDir: string;

  constructor(dataDir: string) {
    this.dataDir = dataDir;
  }

  /** Writes `data` as it is now (copied before this returns); resolves once it is on disk. */
  save(data: EmulatorData): Promise<void> {
    const text = `${JSON.stringify({ version: 1, flows: data.flows, executions: data.executions }, null, 1)}\n`;
    const file = stateFile(this.dataDir);
    const write = async (): Promise<void> => {
      await mkdir(this.dataDir, { recursive: true });
      const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(temp, text, 'utf8');
      await rename(temp, file);
    };
    const done = this.queue.then(write);
    // A failed write must not block the ones after it; the caller of this one sees its failure.
    this.queue = done.catch(() => undefined);
    return done;
  }

  /** Resolves when every write asked for so far has finished. */
  async idle(): Promise<void> {
    await this.queue;
  }
}
