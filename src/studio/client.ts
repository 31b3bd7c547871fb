/**
 * A client of the Studio v2 API (the operations of ./operations.ts), the same code in the page and on the command
 * line: only the transport differs. The page calls the local `serve` proxy (`/api/studio`, no credentials: the
 * server adds them); the CLI calls Studio itself (or the emulator) with an Authorization header. Pure: the fetch
 * function is handed in.
 *
 * Every failure becomes a StudioError with a kind the UI and the CLI word the same way (./errors.ts), never a raw
 * exception; 429 is retried with backoff (honouring Retry-After) where the caller asks for it.
 */
import { operationPath, type OperationId } from './operations';
import type {
  Execution,
  ExecutionContext,
  ExecutionStep,
  ExecutionStepContext,
  FlowRevision,
  FlowStatus,
  FlowValidate,
  Page,
  PageMeta,
  StudioFlow,
  TestUsers,
  TwilioErrorBody,
} from './types';
import { StudioError, studioErrorFromResponse } from './errors';

/** The part of fetch's Response the client reads. */
export interface ResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<ResponseLike>;

export interface ClientOptions {
  /** `/api/studio` in the page (the proxy), `https://studio.twilio.com` or an emulator's origin elsewhere. */
  readonly baseUrl: string;
  readonly fetch: FetchLike;
  /** `Basic …`, only where the caller holds the credentials (the CLI, the server); never in the page. */
  readonly authorization?: string;
  /** Which kind of credential `authorization` is, so a 401 names the variables to check. */
  readonly credentialKind?: 'auth-token' | 'api-key';
  /** How many times a 429 is tried again (default 0: the proxy already retries for the page). */
  readonly retries?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** How a request that got no answer at all is worded (the page: its own server; the CLI: Studio). */
  readonly unreachable?: (cause: string) => string;
}

export interface RetryOptions {
  readonly retries: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** First wait; doubled each time, capped at 8 s, plus up to 25 % jitter. */
  readonly baseMs?: number;
  readonly random?: () => number;
}

/** Seconds or an HTTP date, as Retry-After may be; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * Runs `attempt` until it answers something other than 429, at most `retries` more times, waiting between tries
 * (Retry-After when the answer gives one, capped at 30 s; else exponential backoff). Shared by the client and the
 * `serve` proxy.
 */
export async function withRetry<R extends { status: number; headers: { get(name: string): string | null } }>(
  attempt: () => Promise<R>,
  { retries, sleep, baseMs = 500, random = Math.random }: RetryOptions,
): Promise<R> {
  for (let i = 0; ; i++) {
    const response = await attempt();
    if (response.status !== 429 || i >= retries) return response;
    const backoff = Math.min(8000, baseMs * 2 ** i) * (1 + random() * 0.25);
    const hinted = retryAfterMs(response.headers.get('retry-after'));
    await sleep(hinted === null ? backoff : Math.min(30_000, hinted));
  }
}

/** Form body of Twilio's POSTs: JSON-valued fields as JSON strings, arrays as repeated keys. */
export function formBody(fields: Readonly<Record<string, unknown>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (Array.isArray(value) && key !== 'Definition' && key !== 'Parameters') {
      for (const item of value) params.append(key, String(item));
    } else if (typeof value === 'object' && value !== null) params.append(key, JSON.stringify(value));
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      params.append(key, String(value));
  }
  return params.toString();
}

export interface FlowFields {
  readonly friendlyName: string;
  readonly status: FlowStatus;
  readonly definition: unknown;
  readonly commitMessage?: string;
}

function flowForm(fields: FlowFields): Record<string, unknown> {
  return {
    FriendlyName: fields.friendlyName,
    Status: fields.status,
    CommitMessage: fields.commitMessage === '' ? undefined : fields.commitMessage,
    Definition: fields.definition,
  };
}

export interface ListOptions {
  readonly pageSize?: number;
  /** A `next_page_url`/`previous_page_url` of an earlier page: its path and query are asked of this client's base. */
  readonly pageUrl?: string | null;
}

export class StudioClient {
  private readonly options: ClientOptions;

  constructor(options: ClientOptions) {
    this.options = options;
  }

  /** One request; parses JSON answers, turns every failure into a StudioError. */
  async request<T>(method: string, path: string, body?: Readonly<Record<string, unknown>>): Promise<T> {
    const { fetch, authorization, baseUrl } = this.options;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (authorization !== undefined) headers.Authorization = authorization;
    const init: { method: string; headers: Record<string, string>; body?: string } = { method, headers };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      init.body = formBody(body);
    }
    const url = `${baseUrl.replace(/\/$/, '')}${path}`;
    let response: ResponseLike;
    try {
      response = await withRetry(() => fetch(url, init), {
        retries: this.options.retries ?? 0,
        sleep: this.options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
      });
    } catch (e) {
      const cause = e instanceof Error ? e.message : String(e);
      throw new StudioError({
        kind: 'unreachable',
        status: 0,
        message: this.options.unreachable?.(cause) ?? `The Studio API could not be reached (${cause}).`,
      });
    }
    const text = await response.text().catch(() => '');
    if (response.status === 204) return undefined as T;
    if (response.status >= 200 && response.status < 300) {
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new StudioError({
          kind: 'protocol',
          status: response.status,
          message: 'Studio answered with something that is not JSON.',
        });
      }
    }
    let parsed: Partial<TwilioErrorBody> | null = null;
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === 'object' && value !== null) parsed = value;
    } catch {
      /* a non-JSON error page: worded from the status alone */
    }
    throw studioErrorFromResponse(response.status, parsed, response.headers, this.options.credentialKind);
  }

  private async page<T>(
    id: OperationId,
    key: string,
    params: Record<string, string>,
    o: ListOptions,
    query: Record<string, string | undefined> = {},
  ): Promise<Page<T>> {
    let path: string;
    if (o.pageUrl !== undefined && o.pageUrl !== null) {
      const u = new URL(o.pageUrl, 'http://page.invalid');
      path = `${u.pathname}${u.search}`;
      if (!path.startsWith(operationPath(id, params))) throw new Error('That page belongs to another list.');
    } else {
      const search = new URLSearchParams();
      if (o.pageSize !== undefined) search.set('PageSize', String(o.pageSize));
      for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') search.set(k, v);
      const qs = search.toString();
      path = operationPath(id, params) + (qs === '' ? '' : `?${qs}`);
    }
    const body = await this.request<Record<string, unknown>>('GET', path);
    const items = body[key];
    return { items: (Array.isArray(items) ? items : []) as T[], meta: body.meta as PageMeta };
  }

  listFlows(o: ListOptions = {}): Promise<Page<StudioFlow>> {
    return this.page('ListFlow', 'flows', {}, o);
  }
  fetchFlow(sid: string): Promise<StudioFlow> {
    return this.request('GET', operationPath('FetchFlow', { Sid: sid }));
  }
  createFlow(fields: FlowFields): Promise<StudioFlow> {
    return this.request('POST', operationPath('CreateFlow'), flowForm(fields));
  }
  updateFlow(sid: string, fields: FlowFields): Promise<StudioFlow> {
    return this.request('POST', operationPath('UpdateFlow', { Sid: sid }), flowForm(fields));
  }
  deleteFlow(sid: string): Promise<void> {
    return this.request('DELETE', operationPath('DeleteFlow', { Sid: sid }));
  }
  validateFlow(fields: FlowFields): Promise<FlowValidate> {
    return this.request('POST', operationPath('UpdateFlowValidate'), flowForm(fields));
  }
  listRevisions(sid: string, o: ListOptions = {}): Promise<Page<FlowRevision>> {
    return this.page('ListFlowRevision', 'revisions', { Sid: sid }, o);
  }
  fetchRevision(sid: string, revision: number | 'LatestPublished' | 'LatestRevision'): Promise<FlowRevision> {
    return this.request('GET', operationPath('FetchFlowRevision', { Sid: sid, Revision: revision }));
  }
  fetchTestUsers(sid: string): Promise<TestUsers> {
    return this.request('GET', operationPath('FetchTestUser', { Sid: sid }));
  }
  updateTestUsers(sid: string, users: readonly string[]): Promise<TestUsers> {
    // A form cannot carry an empty list: one empty value (`TestUsers=`) clears it, where no value is no parameter.
    return this.request('POST', operationPath('UpdateTestUser', { Sid: sid }), {
      TestUsers: users.length === 0 ? [''] : [...users],
    });
  }
  listExecutions(
    flowSid: string,
    o: ListOptions & { readonly from?: string; readonly to?: string } = {},
  ): Promise<Page<Execution>> {
    return this.page('ListExecution', 'executions', { FlowSid: flowSid }, o, {
      DateCreatedFrom: o.from,
      DateCreatedTo: o.to,
    });
  }
  fetchExecution(flowSid: string, sid: string): Promise<Execution> {
    return this.request('GET', operationPath('FetchExecution', { FlowSid: flowSid, Sid: sid }));
  }
  createExecution(
    flowSid: string,
    fields: { readonly to: string; readonly from: string; readonly parameters?: unknown },
  ): Promise<Execution> {
    return this.request('POST', operationPath('CreateExecution', { FlowSid: flowSid }), {
      To: fields.to,
      From: fields.from,
      Parameters: fields.parameters,
    });
  }
  endExecution(flowSid: string, sid: string): Promise<Execution> {
    return this.request('POST', operationPath('UpdateExecution', { FlowSid: flowSid, Sid: sid }), {
      Status: 'ended',
    });
  }
  deleteExecution(flowSid: string, sid: string): Promise<void> {
    return this.request('DELETE', operationPath('DeleteExecution', { FlowSid: flowSid, Sid: sid }));
  }
  fetchExecutionContext(flowSid: string, sid: string): Promise<ExecutionContext> {
    return this.request(
      'GET',
      operationPath('FetchExecutionContext', { FlowSid: flowSid, ExecutionSid: sid }),
    );
  }
  listSteps(flowSid: string, executionSid: string, o: ListOptions = {}): Promise<Page<ExecutionStep>> {
    return this.page('ListExecutionStep', 'steps', { FlowSid: flowSid, ExecutionSid: executionSid }, o);
  }
  fetchStep(flowSid: string, executionSid: string, sid: string): Promise<ExecutionStep> {
    return this.request(
      'GET',
      operationPath('FetchExecutionStep', { FlowSid: flowSid, ExecutionSid: executionSid, Sid: sid }),
    );
  }
  fetchStepContext(flowSid: string, executionSid: string, stepSid: string): Promise<ExecutionStepContext> {
    return this.request(
      'GET',
      operationPath('FetchExecutionStepContext', {
        FlowSid: flowSid,
        ExecutionSid: executionSid,
        StepSid: stepSid,
      }),
    );
  }

  /** Every page of a list, following `next_page_url` (at most `limit` items). */
  async all<T>(first: (o: ListOptions) => Promise<Page<T>>, limit = 10_000): Promise<T[]> {
    const out: T[] = [];
    let page = await first({ pageSize: 1000 });
    for (;;) {
      out.push(...page.items);
      if (out.length >= limit || page.meta.next_page_url === null || page.items.length === 0)
        return out.slice(0, limit);
      page = await first({ pageUrl: page.meta.next_page_url });
    }
  }
}

/** `Basic base64(user:password)`: for the CLI and the server only. */
export function basicAuthorization(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}
