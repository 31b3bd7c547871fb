/**
 * The operations of the Studio v2 API, as the seed OpenAPI spec (../shared/seeds, vendored as openapi.json) lists
 * them: one row per method + path. This table is the allow-list of the `serve` proxy, the router of the emulator and
 * the vocabulary of the client, so the three cannot disagree on what the API is. Pure: no DOM, no Node.
 */

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export type OperationId =
  | 'ListFlow'
  | 'CreateFlow'
  | 'UpdateFlowValidate'
  | 'ListExecution'
  | 'CreateExecution'
  | 'FetchExecutionContext'
  | 'ListExecutionStep'
  | 'FetchExecutionStep'
  | 'FetchExecutionStepContext'
  | 'DeleteExecution'
  | 'FetchExecution'
  | 'UpdateExecution'
  | 'DeleteFlow'
  | 'FetchFlow'
  | 'UpdateFlow'
  | 'ListFlowRevision'
  | 'FetchFlowRevision'
  | 'FetchTestUser'
  | 'UpdateTestUser';

export interface Operation {
  readonly id: OperationId;
  readonly method: HttpMethod;
  /** The path template of the spec, e.g. `/v2/Flows/{Sid}/Revisions/{Revision}`. */
  readonly path: string;
  /** Lists answer a page (`meta` + the named array); instances answer one resource. */
  readonly list?: string;
}

export const OPERATIONS: readonly Operation[] = [
  { id: 'ListFlow', method: 'GET', path: '/v2/Flows', list: 'flows' },
  { id: 'CreateFlow', method: 'POST', path: '/v2/Flows' },
  { id: 'UpdateFlowValidate', method: 'POST', path: '/v2/Flows/Validate' },
  { id: 'ListExecution', method: 'GET', path: '/v2/Flows/{FlowSid}/Executions', list: 'executions' },
  { id: 'CreateExecution', method: 'POST', path: '/v2/Flows/{FlowSid}/Executions' },
  {
    id: 'FetchExecutionContext',
    method: 'GET',
    path: '/v2/Flows/{FlowSid}/Executions/{ExecutionSid}/Context',
  },
  {
    id: 'ListExecutionStep',
    method: 'GET',
    path: '/v2/Flows/{FlowSid}/Executions/{ExecutionSid}/Steps',
    list: 'steps',
  },
  {
    id: 'FetchExecutionStep',
    method: 'GET',
    path: '/v2/Flows/{FlowSid}/Executions/{ExecutionSid}/Steps/{Sid}',
  },
  {
    id: 'FetchExecutionStepContext',
    method: 'GET',
    path: '/v2/Flows/{FlowSid}/Executions/{ExecutionSid}/Steps/{StepSid}/Context',
  },
  { id: 'DeleteExecution', method: 'DELETE', path: '/v2/Flows/{FlowSid}/Executions/{Sid}' },
  { id: 'FetchExecution', method: 'GET', path: '/v2/Flows/{FlowSid}/Executions/{Sid}' },
  { id: 'UpdateExecution', method: 'POST', path: '/v2/Flows/{FlowSid}/Executions/{Sid}' },
  { id: 'DeleteFlow', method: 'DELETE', path: '/v2/Flows/{Sid}' },
  { id: 'FetchFlow', method: 'GET', path: '/v2/Flows/{Sid}' },
  { id: 'UpdateFlow', method: 'POST', path: '/v2/Flows/{Sid}' },
  { id: 'ListFlowRevision', method: 'GET', path: '/v2/Flows/{Sid}/Revisions', list: 'revisions' },
  { id: 'FetchFlowRevision', method: 'GET', path: '/v2/Flows/{Sid}/Revisions/{Revision}' },
  { id: 'FetchTestUser', method: 'GET', path: '/v2/Flows/{Sid}/TestUsers' },
  { id: 'UpdateTestUser', method: 'POST', path: '/v2/Flows/{Sid}/TestUsers' },
];

/** What each path parameter may hold, from the spec's `pattern`s (Revision: a number, LatestPublished or LatestRevision). */
const PARAM_PATTERNS: Readonly<Record<string, RegExp>> = {
  Sid: /^(FW|FN|FT)[0-9a-fA-F]{32}$/,
  FlowSid: /^FW[0-9a-fA-F]{32}$/,
  ExecutionSid: /^FN[0-9a-fA-F]{32}$/,
  StepSid: /^FT[0-9a-fA-F]{32}$/,
  Revision: /^([0-9]{1,9}|LatestPublished|LatestRevision)$/,
};

/** The `Sid` of each operation is a flow, an execution or a step SID, by where it sits in the path. */
function sidPattern(op: Operation): RegExp {
  if (op.path.includes('/Steps/{Sid}')) return /^FT[0-9a-fA-F]{32}$/;
  if (op.path.includes('/Executions/{Sid}')) return /^FN[0-9a-fA-F]{32}$/;
  return /^FW[0-9a-fA-F]{32}$/;
}

export interface MatchedOperation {
  readonly operation: Operation;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * The operation a request names, or null when the spec has no such method + path (the proxy refuses it). Path
 * parameters must match the spec's patterns, so `/v2/Flows/../../2010-04-01/Accounts` or an injected segment
 * never matches. Literal segments win over parameters (`/v2/Flows/Validate` is not FetchFlow).
 */
export function matchOperation(method: string, path: string): MatchedOperation | null {
  const segments = path.split('/');
  for (const operation of OPERATIONS) {
    if (operation.method !== method.toUpperCase()) continue;
    const template = operation.path.split('/');
    if (template.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < template.length && ok; i++) {
      const t = template[i] ?? '';
      const s = segments[i] ?? '';
      if (t.startsWith('{')) {
        const name = t.slice(1, -1);
        const pattern = name === 'Sid' ? sidPattern(operation) : PARAM_PATTERNS[name];
        ok = pattern !== undefined && pattern.test(s);
        params[name] = s;
      } else ok = t === s;
    }
    if (ok) return { operation, params };
  }
  return null;
}

/** The path of an operation with its parameters filled in (each URI-encoded). */
export function operationPath(
  id: OperationId,
  params: Readonly<Record<string, string | number>> = {},
): string {
  const op = OPERATIONS.find((o) => o.id === id);
  if (op === undefined) throw new Error(`Unknown operation ${id}`);
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${id} needs ${name}`);
    return encodeURIComponent(String(value));
  });
}
