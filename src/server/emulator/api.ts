/**
 * The operations of the Studio v2 API (src/studio/operations.ts) over the emulator's state: one handler per
 * operation id, so the table and the emulator cannot drift apart. Resources are shaped as the seed spec's
 * `components.schemas` and Twilio's answers: absolute URLs on the emulator's own origin, `links`, dates in UTC.
 *
 * Definitions are judged by the project's own validator (profile `studio`) behind the restore boundary: a value
 * that is no flow at all is refused whatever the status; errors refuse a published flow (and Validate) and are
 * recorded on a draft (`valid: false`); warnings are recorded either way.
 */
import { isDeepStrictEqual } from 'node:util';
import { importFlowText } from '../../io';
import type { FlowDefinition } from '../../model/types';
import type { MatchedOperation, OperationId } from '../../studio/operations';
import type { FlowStatus, StudioDefinitionError } from '../../studio/types';
import { validateDefinition } from '../../validation';
import {
  currentRevision,
  newSid,
  now,
  type EmulatorState,
  type StoredExecution,
  type StoredFlow,
  type StoredRevision,
  type StoredStep,
} from './state';
import {
  ApiFailure,
  Form,
  invalidDefinition,
  invalidParameter,
  listPage,
  missingParameter,
  notFound,
  type ApiResponse,
  type ListItem,
} from './twilio';

export interface ApiContext {
  readonly state: EmulatorState;
  readonly accountSid: string;
  /** `http://127.0.0.1:4010`: every URL in an answer is on it. */
  readonly origin: string;
}

export interface ApiRequest {
  readonly match: MatchedOperation;
  /** The request's path, for 404 messages. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly form: Form;
}

const FLOW_STATUSES: readonly FlowStatus[] = ['draft', 'published'];

// ---------------------------------------------------------------------------------------------------------------
// Resources as Twilio shapes them

function flowUrl(ctx: ApiContext, sid: string): string {
  return `${ctx.origin}/v2/Flows/${sid}`;
}

/** A Flow; `definition` is null in lists, as Twilio documents ("Flow definitions are null in the Flows List"). */
export function flowResource(
  ctx: ApiContext,
  flow: StoredFlow,
  withDefinition = true,
): Record<string, unknown> {
  const r = currentRevision(flow);
  const url = flowUrl(ctx, flow.sid);
  return {
    sid: flow.sid,
    account_sid: ctx.accountSid,
    friendly_name: flow.friendlyName,
    definition: withDefinition ? r.definition : null,
    status: r.status,
    revision: r.revision,
    commit_message: r.commitMessage,
    valid: r.valid,
    errors: r.errors,
    warnings: r.warnings,
    webhook_url: `${ctx.origin}/v1/Accounts/${ctx.accountSid}/Flows/${flow.sid}`,
    date_created: flow.dateCreated,
    date_updated: flow.dateUpdated,
    url,
    links: { test_users: `${url}/TestUsers`, revisions: `${url}/Revisions`, executions: `${url}/Executions` },
  };
}

function revisionResource(ctx: ApiContext, flow: StoredFlow, r: StoredRevision): Record<string, unknown> {
  return {
    sid: flow.sid,
    account_sid: ctx.accountSid,
    friendly_name: r.friendlyName,
    definition: r.definition,
    status: r.status,
    revision: r.revision,
    commit_message: r.commitMessage,
    valid: r.valid,
    errors: r.errors,
    date_created: r.dateCreated,
    date_updated: null,
    url: `${flowUrl(ctx, flow.sid)}/Revisions/${r.revision}`,
  };
}

function executionUrl(ctx: ApiContext, e: StoredExecution): string {
  return `${flowUrl(ctx, e.flowSid)}/Executions/${e.sid}`;
}

export function executionResource(ctx: ApiContext, e: StoredExecution): Record<string, unknown> {
  const url = executionUrl(ctx, e);
  return {
    sid: e.sid,
    account_sid: ctx.accountSid,
    flow_sid: e.flowSid,
    contact_channel_address: e.contactChannelAddress,
    context: e.context,
    status: e.status,
    date_created: e.dateCreated,
    date_updated: e.dateUpdated,
    url,
    links: { steps: `${url}/Steps`, execution_context: `${url}/Context` },
  };
}

function stepResource(ctx: ApiContext, e: StoredExecution, s: StoredStep): Record<string, unknown> {
  const url = `${executionUrl(ctx, e)}/Steps/${s.sid}`;
  return {
    sid: s.sid,
    account_sid: ctx.accountSid,
    flow_sid: e.flowSid,
    execution_sid: e.sid,
    name: s.name,
    context: s.context,
    transitioned_from: s.transitionedFrom,
    transitioned_to: s.transitionedTo,
    date_created: s.dateCreated,
    date_updated: s.dateUpdated,
    url,
    links: { step_context: `${url}/Context` },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Studio's verdict on a definition

export interface Verdict {
  valid: boolean;
  errors: StudioDefinitionError[];
  warnings: StudioDefinitionError[];
}

/**
 * The `Definition` parameter as a flow, through the restore boundary: text that is not JSON is an invalid
 * parameter; JSON that is no flow definition (or a whole Flow resource) is an invalid flow definition.
 */
export function parseDefinition(text: string): FlowDefinition {
  const result = importFlowText(text);
  if (!result.ok) {
    const { code, message, pointer } = result.error;
    if (code === 'json-syntax' || code === 'too-deep' || code === 'empty' || code === 'too-large') {
      throw new ApiFailure(invalidParameter('Definition', message));
    }
    throw new ApiFailure(invalidDefinition([{ message, property_path: `#${pointer ?? ''}` }], []));
  }
  const [flow] = result.flows;
  if (result.kind !== 'definition' || flow === undefined) {
    throw new ApiFailure(
      invalidDefinition(
        [
          {
            message: `Definition holds ${result.label}, not a flow definition: send its "definition" alone`,
            property_path: '#',
          },
        ],
        [],
      ),
    );
  }
  return flow.definition;
}

/** The validator's problems in Studio's words (`#` + JSON pointer), with the extra errors a test seeded. */
export function judge(state: EmulatorState, definition: unknown): Verdict {
  const problems = validateDefinition(definition as FlowDefinition, { profile: 'studio' });
  const of = (severity: string): StudioDefinitionError[] =>
    problems
      .filter((p) => p.severity === severity)
      .map((p) => ({ message: p.message, property_path: `#${p.pointer}` }));
  const errors = [...of('error'), ...state.extraErrors];
  return { valid: errors.length === 0, errors, warnings: of('warning') };
}

// ---------------------------------------------------------------------------------------------------------------
// Lookups

function newestFirst<T extends { dateCreated: string }>(items: readonly T[]): T[] {
  // Reversed first so that, of two made in the same second, the later one comes first.
  return [...items].reverse().sort((a, b) => Date.parse(b.dateCreated) - Date.parse(a.dateCreated));
}

function findFlow(ctx: ApiContext, req: ApiRequest, sid: string | undefined): StoredFlow {
  const flow = ctx.state.data.flows.find((f) => f.sid === sid);
  if (flow === undefined) throw new ApiFailure(notFound(req.path));
  return flow;
}

function findExecution(
  ctx: ApiContext,
  req: ApiRequest,
  flowSid: string | undefined,
  sid: string | undefined,
) {
  const execution = ctx.state.data.executions.find((e) => e.sid === sid && e.flowSid === flowSid);
  if (execution === undefined) throw new ApiFailure(notFound(req.path));
  return execution;
}

function findStep(req: ApiRequest, execution: StoredExecution, sid: string | undefined) {
  const step = execution.steps.find((s) => s.sid === sid);
  if (step === undefined) throw new ApiFailure(notFound(req.path));
  return step;
}

const DATE_PARAMETER = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function dateFilter(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  if (text === null || text === '') return undefined;
  const ms = DATE_PARAMETER.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) throw new ApiFailure(invalidParameter(name, 'must be an ISO 8601 date-time'));
  return ms;
}

// ---------------------------------------------------------------------------------------------------------------
// The operations

type Handler = (ctx: ApiContext, req: ApiRequest) => ApiResponse;

function createFlow(ctx: ApiContext, req: ApiRequest): ApiResponse {
  const { form } = req;
  const friendlyName = form.required('FriendlyName');
  const status = form.requiredOneOf('Status', FLOW_STATUSES);
  const definition = parseDefinition(form.required('Definition'));
  const verdict = judge(ctx.state, definition);
  if (status === 'published' && !verdict.valid)
    throw new ApiFailure(invalidDefinition(verdict.errors, verdict.warnings));
  const date = now();
  const flow: StoredFlow = {
    sid: newSid('FW'),
    friendlyName,
    dateCreated: date,
    dateUpdated: null,
    testUsers: [],
    revisions: [
      {
        revision: 1,
        friendlyName,
        definition,
        status,
        commitMessage: form.optional('CommitMessage') ?? null,
        ...verdict,
        dateCreated: date,
      },
    ],
  };
  ctx.state.data.flows.push(flow);
  return { status: 201, body: flowResource(ctx, flow) };
}

/**
 * A new revision when the definition (compared as JSON values, key order aside) or the status changes. Twilio's
 * documentation says only that revisions are made "when a Flow is created or updated", not whether a rename alone
 * makes one: here a rename (or a commit message) alone changes the flow in place and keeps its revision.
 */
function updateFlow(ctx: ApiContext, req: ApiRequest): ApiResponse {
  const { form } = req;
  const flow = findFlow(ctx, req, req.match.params.Sid);
  const status = form.requiredOneOf('Status', FLOW_STATUSES);
  const text = form.optional('Definition');
  const current = currentRevision(flow);
  const definition = text === undefined ? current.definition : parseDefinition(text);
  const verdict = judge(ctx.state, definition);
  if (status === 'published' && !verdict.valid)
    throw new ApiFailure(invalidDefinition(verdict.errors, verdict.warnings));
  const friendlyName = form.optional('FriendlyName') ?? flow.friendlyName;
  const changed = status !== current.status || !isDeepStrictEqual(definition, current.definition);
  if (!changed && friendlyName === flow.friendlyName) return { status: 200, body: flowResource(ctx, flow) };
  const date = now();
  if (changed) {
    flow.revisions.push({
      revision: current.revision + 1,
      friendlyName,
      definition,
      status,
      commitMessage: form.optional('CommitMessage') ?? null,
      ...verdict,
      dateCreated: date,
    });
  }
  flow.friendlyName = friendlyName;
  flow.dateUpdated = date;
  return { status: 200, body: flowResource(ctx, flow) };
}

function validateFlow(ctx: ApiContext, req: ApiRequest): ApiResponse {
  const { form } = req;
  form.required('FriendlyName');
  form.requiredOneOf('Status', FLOW_STATUSES);
  const verdict = judge(ctx.state, parseDefinition(form.required('Definition')));
  if (!verdict.valid) throw new ApiFailure(invalidDefinition(verdict.errors, verdict.warnings));
  return { status: 200, body: { valid: true } };
}

function fetchRevision(ctx: ApiContext, req: ApiRequest): ApiResponse {
  const flow = findFlow(ctx, req, req.match.params.Sid);
  const wanted = req.match.params.Revision ?? '';
  const revisions = [...flow.revisions].reverse();
  const revision =
    wanted === 'LatestRevision'
      ? revisions[0]
      : wanted === 'LatestPublished'
        ? revisions.find((r) => r.status === 'published')
        : revisions.find((r) => r.revision === Number(wanted));
  if (revision === undefined) throw new ApiFailure(notFound(req.path));
  return { status: 200, body: revisionResource(ctx, flow, revision) };
}

function testUsers(ctx: ApiContext, flow: StoredFlow): ApiResponse {
  return {
    status: 200,
    body: { sid: flow.sid, test_users: flow.testUsers, url: `${flowUrl(ctx, flow.sid)}/TestUsers` },
  };
}

function createExecution(ctx: ApiContext, req: ApiRequest): ApiResponse {
  const { form } = req;
  const flow = findFlow(ctx, req, req.match.params.FlowSid);
  const to = form.required('To');
  const from = form.required('From');
  const given = form.json('Parameters');
  if (given !== undefined && (typeof given !== 'object' || given === null || Array.isArray(given))) {
    throw new ApiFailure(invalidParameter('Parameters', 'must be a JSON object'));
  }
  const parameters = given ?? {};
  const sid = newSid('FN');
  const execution: StoredExecution = {
    sid,
    flowSid: flow.sid,
    contactChannelAddress: to,
    // The context a REST API trigger gives the flow: Parameters become `flow.data`.
    context: {
      flow: { flow_sid: flow.sid, sid, channel: { address: from }, data: parameters },
      contact: { channel: { address: to } },
      trigger: { request: { from, to, parameters } },
      widgets: {},
    },
    status: 'active',
    dateCreated: now(),
    dateUpdated: null,
    steps: [],
  };
  ctx.state.data.executions.push(execution);
  return { status: 201, body: executionResource(ctx, execution) };
}

function listExecutions(ctx: ApiContext, req: ApiRequest): ApiResponse {
  const flow = findFlow(ctx, req, req.match.params.FlowSid);
  const from = dateFilter(req.query, 'DateCreatedFrom');
  const to = dateFilter(req.query, 'DateCreatedTo');
  const items = newestFirst(ctx.state.data.executions.filter((e) => e.flowSid === flow.sid)).filter((e) => {
    const created = Date.parse(e.dateCreated);
    return (from === undefined || created >= from) && (to === undefined || created < to);
  });
  const filters = (['DateCreatedFrom', 'DateCreatedTo'] as const).flatMap((name) => {
    const value = req.query.get(name);
    return value === null || value === '' ? [] : [[name, value] as const];
  });
  return listPage(
    items.map((e) => ({ key: e.sid, body: executionResource(ctx, e) })),
    'executions',
    `${flowUrl(ctx, flow.sid)}/Executions`,
    req.query,
    filters,
  );
}

function updateExecution(ctx: ApiContext, req: ApiRequest): ApiResponse {
  const execution = findExecution(ctx, req, req.match.params.FlowSid, req.match.params.Sid);
  const status = req.form.requiredOneOf('Status', ['active', 'ended'] as const);
  if (status !== 'ended') throw new ApiFailure(invalidParameter('Status', 'can only be "ended"'));
  if (execution.status !== 'ended') {
    execution.status = 'ended';
    execution.dateUpdated = now();
  }
  return { status: 200, body: executionResource(ctx, execution) };
}

function executionContext(ctx: ApiContext, e: StoredExecution): Record<string, unknown> {
  return {
    account_sid: ctx.accountSid,
    context: e.context,
    flow_sid: e.flowSid,
    execution_sid: e.sid,
    url: `${executionUrl(ctx, e)}/Context`,
  };
}

const HANDLERS: Readonly<Record<OperationId, Handler>> = {
  ListFlow: (ctx, req) =>
    listPage(
      newestFirst(ctx.state.data.flows).map((f) => ({ key: f.sid, body: flowResource(ctx, f, false) })),
      'flows',
      `${ctx.origin}/v2/Flows`,
      req.query,
    ),
  CreateFlow: createFlow,
  UpdateFlowValidate: validateFlow,
  FetchFlow: (ctx, req) => ({
    status: 200,
    body: flowResource(ctx, findFlow(ctx, req, req.match.params.Sid)),
  }),
  UpdateFlow: updateFlow,
  DeleteFlow: (ctx, req) => {
    const flow = findFlow(ctx, req, req.match.params.Sid);
    const { data } = ctx.state;
    data.flows = data.flows.filter((f) => f !== flow);
    data.executions = data.executions.filter((e) => e.flowSid !== flow.sid);
    return { status: 204 };
  },
  ListFlowRevision: (ctx, req) => {
    const flow = findFlow(ctx, req, req.match.params.Sid);
    const items: ListItem[] = [...flow.revisions]
      .reverse()
      .map((r) => ({ key: String(r.revision), body: revisionResource(ctx, flow, r) }));
    return listPage(items, 'revisions', `${flowUrl(ctx, flow.sid)}/Revisions`, req.query);
  },
  FetchFlowRevision: fetchRevision,
  FetchTestUser: (ctx, req) => testUsers(ctx, findFlow(ctx, req, req.match.params.Sid)),
  UpdateTestUser: (ctx, req) => {
    const flow = findFlow(ctx, req, req.match.params.Sid);
    const users = req.form.all('TestUsers');
    if (users === null) throw new ApiFailure(missingParameter('TestUsers'));
    // `TestUsers=` (one empty value) clears the list: a form cannot send an empty list otherwise.
    flow.testUsers = [...new Set(users.filter((u) => u !== ''))];
    flow.dateUpdated = now();
    return testUsers(ctx, flow);
  },
  ListExecution: listExecutions,
  CreateExecution: createExecution,
  FetchExecution: (ctx, req) => ({
    status: 200,
    body: executionResource(ctx, findExecution(ctx, req, req.match.params.FlowSid, req.match.params.Sid)),
  }),
  UpdateExecution: updateExecution,
  DeleteExecution: (ctx, req) => {
    const execution = findExecution(ctx, req, req.match.params.FlowSid, req.match.params.Sid);
    ctx.state.data.executions = ctx.state.data.executions.filter((e) => e !== execution);
    return { status: 204 };
  },
  FetchExecutionContext: (ctx, req) => ({
    status: 200,
    body: executionContext(
      ctx,
      findExecution(ctx, req, req.match.params.FlowSid, req.match.params.ExecutionSid),
    ),
  }),
  ListExecutionStep: (ctx, req) => {
    const execution = findExecution(ctx, req, req.match.params.FlowSid, req.match.params.ExecutionSid);
    return listPage(
      newestFirst(execution.steps).map((s) => ({ key: s.sid, body: stepResource(ctx, execution, s) })),
      'steps',
      `${executionUrl(ctx, execution)}/Steps`,
      req.query,
    );
  },
  FetchExecutionStep: (ctx, req) => {
    const execution = findExecution(ctx, req, req.match.params.FlowSid, req.match.params.ExecutionSid);
    return {
      status: 200,
      body: stepResource(ctx, execution, findStep(req, execution, req.match.params.Sid)),
    };
  },
  FetchExecutionStepContext: (ctx, req) => {
    const execution = findExecution(ctx, req, req.match.params.FlowSid, req.match.params.ExecutionSid);
    const step = findStep(req, execution, req.match.params.StepSid);
    return {
      status: 200,
      body: {
        ...executionContext(ctx, execution),
        context: step.context,
        step_sid: step.sid,
        url: `${executionUrl(ctx, execution)}/Steps/${step.sid}/Context`,
      },
    };
  },
};

/** Answers one operation of the spec; a refused parameter or a missing resource is Twilio's 400 or 404. */
export function handleOperation(ctx: ApiContext, req: ApiRequest): ApiResponse {
  try {
    return HANDLERS[req.match.operation.id](ctx, req);
  } catch (e) {
    if (e instanceof ApiFailure) return e.response;
    throw e;
  }
}
