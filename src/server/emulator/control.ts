/**
 * The emulator's control endpoints under `/__emulator/`, for tests and demos: reset, seed data, inject failures,
 * make Studio's verdict disagree with the offline validator, publish "from the console" behind a client's back,
 * and read the request log. No credentials needed; the server answers them on loopback connections only.
 */
import type { FlowStatus, StudioDefinitionError } from '../../studio/types';
import { executionResource, flowResource, judge, type ApiContext } from './api';
import {
  currentRevision,
  isoDate,
  newSid,
  now,
  type ExecutionStatus,
  type StoredExecution,
  type StoredFlow,
  type StoredRevision,
  type StoredStep,
} from './state';
import { ApiFailure, notFound, twilioError, type ApiResponse } from './twilio';

/**
 * Body of `POST /__emulator/seed`: flows (each with its revisions, test users and executions) and executions of
 * flows that exist already. SIDs and dates are made up where absent; dates are ISO 8601. Answers
 * `201 {flows: Flow[], executions: Execution[]}`, the resources as the API shows them (the flows' executions
 * included in `executions`).
 */
export interface EmulatorSeed {
  flows?: SeedFlow[];
  /** Executions of flows already in the emulator (or seeded in the same body, by their given `sid`). */
  executions?: (SeedExecution & { flowSid: string })[];
}

export interface SeedFlow {
  /** `FW` + 32 hex digits; made up when absent. */
  sid?: string;
  friendlyName: string;
  /**
   * The revisions, oldest first (numbered from 1); the last is the flow's current state. Instead, a flow of one
   * revision may give `definition`, `status` and `commitMessage` directly.
   */
  revisions?: SeedRevision[];
  definition?: unknown;
  /** Default `published`. */
  status?: FlowStatus;
  commitMessage?: string | null;
  testUsers?: string[];
  /** Default: the first revision's date. */
  dateCreated?: string;
  executions?: SeedExecution[];
}

export interface SeedRevision {
  /** A flow definition object (judged by the validator: `valid`, `errors` and `warnings` are computed). */
  definition: unknown;
  /** Default `published`. */
  status?: FlowStatus;
  commitMessage?: string | null;
  /** Default: the flow's. */
  friendlyName?: string;
  /** Default: now. */
  dateCreated?: string;
}

export interface SeedExecution {
  /** `FN` + 32 hex digits. */
  sid?: string;
  contactChannelAddress?: string | null;
  /** Default `active`. */
  status?: ExecutionStatus;
  /** Default `{}`. */
  context?: unknown;
  /** Default: now. */
  dateCreated?: string;
  dateUpdated?: string | null;
  /** Oldest first. */
  steps?: SeedStep[];
}

export interface SeedStep {
  /** `FT` + 32 hex digits. */
  sid?: string;
  /** The event that led to the step (e.g. `incomingRequest`). */
  name?: string | null;
  transitionedFrom?: string | null;
  transitionedTo?: string | null;
  /** Default `{}`. */
  context?: unknown;
  /** Default: now. */
  dateCreated?: string;
  dateUpdated?: string | null;
}

/** Body of `POST /__emulator/fail`. `count: 0` cancels a plan. */
export interface FailRequest {
  count: number;
  /** An HTTP status (400–599) to answer in Twilio's error shape, or `drop` to destroy the connection unanswered. */
  status: number | 'drop';
  /** Seconds, sent as Retry-After (with a 429, say). */
  retryAfter?: number;
}

/** Body of `POST /__emulator/validation`: replaces the extra errors (`[]` removes them). */
export interface ValidationRequest {
  extraErrors: StudioDefinitionError[];
}

/** Body of `POST /__emulator/flows/{sid}/publish-behind`: both optional (default: the current definition). */
export interface PublishBehindRequest {
  definition?: unknown;
  commitMessage?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the bodies: every refusal names the field, as the API does

function bad(message: string): ApiFailure {
  return new ApiFailure(twilioError(400, 20001, message));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(value: unknown, where: string): Record<string, unknown> {
  if (!isObject(value)) throw bad(`${where} must be a JSON object`);
  return value;
}

function listAt(value: unknown, where: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw bad(`${where} must be a list`);
  return value;
}

function stringAt(value: unknown, where: string): string {
  if (typeof value !== 'string') throw bad(`${where} must be a string`);
  return value;
}

function nullableStringAt(value: unknown, where: string): string | null {
  return value === undefined || value === null ? null : stringAt(value, where);
}

function oneOfAt<T extends string>(value: unknown, allowed: readonly T[], fallback: T, where: string): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly unknown[]).includes(value))
    throw bad(`${where} must be one of ${allowed.join(', ')}`);
  return value as T;
}

function dateAt(value: unknown, where: string, fallback: string): string {
  if (value === undefined) return fallback;
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw bad(`${where} must be an ISO 8601 date`);
  return isoDate(new Date(ms));
}

function sidAt(
  value: unknown,
  prefix: 'FW' | 'FN' | 'FT',
  where: string,
  taken: (sid: string) => boolean,
): string {
  if (value === undefined) return newSid(prefix);
  const sid = stringAt(value, where);
  if (!new RegExp(`^${prefix}[0-9a-fA-F]{32}$`).test(sid))
    throw bad(`${where} must be ${prefix} and 32 hex digits`);
  if (taken(sid)) throw bad(`${where} ${sid} is taken`);
  return sid;
}

function definitionAt(value: unknown, where: string): unknown {
  if (!isObject(value)) throw bad(`${where} must be a flow definition object`);
  return value;
}

// ---------------------------------------------------------------------------------------------------------------
// Seeding

function seedSteps(value: unknown, where: string, taken: Set<string>): StoredStep[] {
  return listAt(value, where).map((item, i) => {
    const at = `${where}[${i}]`;
    const s = objectAt(item, at);
    const sid = sidAt(s.sid, 'FT', `${at}.sid`, (x) => taken.has(x));
    taken.add(sid);
    return {
      sid,
      name: nullableStringAt(s.name, `${at}.name`),
      context: s.context ?? {},
      transitionedFrom: nullableStringAt(s.transitionedFrom, `${at}.transitionedFrom`),
      transitionedTo: nullableStringAt(s.transitionedTo, `${at}.transitionedTo`),
      dateCreated: dateAt(s.dateCreated, `${at}.dateCreated`, now()),
      dateUpdated: s.dateUpdated == null ? null : dateAt(s.dateUpdated, `${at}.dateUpdated`, now()),
    };
  });
}

function seedExecution(item: unknown, flowSid: string, at: string, taken: Set<string>): StoredExecution {
  const e = objectAt(item, at);
  const sid = sidAt(e.sid, 'FN', `${at}.sid`, (x) => taken.has(x));
  taken.add(sid);
  return {
    sid,
    flowSid,
    contactChannelAddress: nullableStringAt(e.contactChannelAddress, `${at}.contactChannelAddress`),
    context: e.context ?? {},
    status: oneOfAt(e.status, ['active', 'ended'] as const, 'active', `${at}.status`),
    dateCreated: dateAt(e.dateCreated, `${at}.dateCreated`, now()),
    dateUpdated: e.dateUpdated == null ? null : dateAt(e.dateUpdated, `${at}.dateUpdated`, now()),
    steps: seedSteps(e.steps, `${at}.steps`, taken),
  };
}

function seedRevisions(
  ctx: ApiContext,
  f: Record<string, unknown>,
  name: string,
  at: string,
): StoredRevision[] {
  const given =
    f.revisions === undefined
      ? [{ definition: f.definition, status: f.status, commitMessage: f.commitMessage }]
      : listAt(f.revisions, `${at}.revisions`);
  if (given.length === 0) throw bad(`${at}.revisions must hold at least one revision`);
  return given.map((item, i) => {
    const where = f.revisions === undefined ? at : `${at}.revisions[${i}]`;
    const r = objectAt(item, where);
    const definition = definitionAt(r.definition, `${where}.definition`);
    return {
      revision: i + 1,
      friendlyName: r.friendlyName === undefined ? name : stringAt(r.friendlyName, `${where}.friendlyName`),
      definition,
      status: oneOfAt(r.status, ['draft', 'published'] as const, 'published', `${where}.status`),
      commitMessage: nullableStringAt(r.commitMessage, `${where}.commitMessage`),
      ...judge(ctx.state, definition),
      dateCreated: dateAt(r.dateCreated, `${where}.dateCreated`, now()),
    };
  });
}

/**
 * Adds what `body` describes (an {@link EmulatorSeed}), all or nothing: a refused field leaves the state as it
 * was.
 */
export function seed(ctx: ApiContext, body: unknown): ApiResponse {
  const b = objectAt(body, 'The seed');
  const { data } = ctx.state;
  const taken = new Set<string>([
    ...data.flows.map((f) => f.sid),
    ...data.executions.flatMap((e) => [e.sid, ...e.steps.map((s) => s.sid)]),
  ]);
  const flows: StoredFlow[] = [];
  const executions: StoredExecution[] = [];
  listAt(b.flows, 'flows').forEach((item, i) => {
    const at = `flows[${i}]`;
    const f = objectAt(item, at);
    const sid = sidAt(f.sid, 'FW', `${at}.sid`, (x) => taken.has(x));
    taken.add(sid);
    const friendlyName = stringAt(f.friendlyName, `${at}.friendlyName`);
    const revisions = seedRevisions(ctx, f, friendlyName, at);
    const first = revisions[0]?.dateCreated ?? now();
    const testUsers = listAt(f.testUsers, `${at}.testUsers`).map((u, j) =>
      stringAt(u, `${at}.testUsers[${j}]`),
    );
    flows.push({
      sid,
      friendlyName,
      dateCreated: dateAt(f.dateCreated, `${at}.dateCreated`, first),
      dateUpdated: revisions.length > 1 ? (revisions[revisions.length - 1]?.dateCreated ?? null) : null,
      testUsers,
      revisions,
    });
    listAt(f.executions, `${at}.executions`).forEach((e, j) =>
      executions.push(seedExecution(e, sid, `${at}.executions[${j}]`, taken)),
    );
  });
  listAt(b.executions, 'executions').forEach((item, i) => {
    const at = `executions[${i}]`;
    const flowSid = stringAt(objectAt(item, at).flowSid, `${at}.flowSid`);
    if (!data.flows.some((f) => f.sid === flowSid) && !flows.some((f) => f.sid === flowSid)) {
      throw bad(`${at}.flowSid ${flowSid} is no flow of the emulator`);
    }
    executions.push(seedExecution(item, flowSid, at, taken));
  });
  data.flows.push(...flows);
  data.executions.push(...executions);
  return {
    status: 201,
    body: {
      flows: flows.map((f) => flowResource(ctx, f)),
      executions: executions.map((e) => executionResource(ctx, e)),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The other knobs

export function setFailure(ctx: ApiContext, body: unknown): ApiResponse {
  const b = objectAt(body, 'The body');
  const count = b.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0)
    throw bad('count must be a whole number');
  const status = b.status;
  if (
    status !== 'drop' &&
    !(typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599)
  ) {
    throw bad('status must be an HTTP status from 400 to 599, or "drop"');
  }
  const retryAfter = b.retryAfter;
  if (retryAfter !== undefined && !(typeof retryAfter === 'number' && retryAfter >= 0)) {
    throw bad('retryAfter must be a number of seconds');
  }
  ctx.state.failure =
    count === 0 ? null : { remaining: count, status, ...(retryAfter === undefined ? {} : { retryAfter }) };
  return { status: 200, body: { failure: ctx.state.failure } };
}

export function setValidation(ctx: ApiContext, body: unknown): ApiResponse {
  const b = objectAt(body, 'The body');
  ctx.state.extraErrors = listAt(b.extraErrors, 'extraErrors').map((item, i) => {
    const e = objectAt(item, `extraErrors[${i}]`);
    const message = stringAt(e.message, `extraErrors[${i}].message`);
    return e.property_path === undefined
      ? { message }
      : { message, property_path: stringAt(e.property_path, `extraErrors[${i}].property_path`) };
  });
  return { status: 200, body: { extraErrors: ctx.state.extraErrors } };
}

/** A new published revision of flow `sid`, as if someone published in the Twilio console. */
export function publishBehind(ctx: ApiContext, sid: string, path: string, body: unknown): ApiResponse {
  const b = objectAt(body, 'The body');
  const flow = ctx.state.data.flows.find((f) => f.sid === sid);
  if (flow === undefined) throw new ApiFailure(notFound(path));
  const current = currentRevision(flow);
  const definition =
    b.definition === undefined ? current.definition : definitionAt(b.definition, 'definition');
  const date = now();
  flow.revisions.push({
    revision: current.revision + 1,
    friendlyName: flow.friendlyName,
    definition,
    status: 'published',
    commitMessage:
      b.commitMessage === undefined ? 'Published in the console' : stringAt(b.commitMessage, 'commitMessage'),
    ...judge(ctx.state, definition),
    dateCreated: date,
  });
  flow.dateUpdated = date;
  return { status: 200, body: flowResource(ctx, flow) };
}
