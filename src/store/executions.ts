/**
 * Executions of the open flow, on the canvas: what was pasted or opened (Execution, step list, context responses,
 * Twilio CLI output, read by src/executions), or fetched from the connected account (executions of a date range,
 * their steps and contexts, fetched lazily), the execution being looked at and its current step, or the heat map
 * over all of them.
 *
 * A store of its own beside the editor's: it reads the open definition (for mismatches) and never changes it.
 * Derived views (the path, the summary) are computed by the pure layer, memoised here on their inputs.
 *
 * No React, no DOM: the client is handed in (null when no account is connected).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  executionPath,
  groupStepsByExecution,
  mergeExecutionsData,
  sameFlowIndex,
  summarizeExecutions,
  type ContextRecord,
  type ExecutionPath,
  type ExecutionRecord,
  type ExecutionsData,
  type ExecutionsImport,
  type ExecutionsSummary,
  type StepRecord,
} from '../executions';
import type { FlowDefinition } from '../model/types';
import type { StudioClient } from '../studio/client';
import { StudioError } from '../studio/errors';
import type { Execution, ExecutionStep } from '../studio/types';
import { readExecutionsInput } from './importJob';

export type ExecutionsMode = 'path' | 'heat';

export interface ExecutionsSource {
  /** What the data is: "ListExecutionStep page: 6 steps of 1 execution", "Studio: 3 executions, 1–7 Dec". */
  label: string;
  /** `account` when fetched from the connected account (its steps can be fetched lazily). */
  origin: 'input' | 'account';
}

export interface RemoteListing {
  from: string;
  to: string;
  items: Execution[];
  nextPageUrl: string | null;
  loading: boolean;
}

export interface ExecutionsState {
  data: ExecutionsData | null;
  source: ExecutionsSource | null;
  /** Why the last input could not be read (the data shown before stays). */
  inputError: string | null;
  mode: ExecutionsMode;
  /** The execution looked at (its SID). */
  selected: string | null;
  /** Index into the selected execution's path steps (0 = the first step). */
  step: number;
  /** The account's executions of a date range. */
  remote: RemoteListing | null;
  busy: string | null;
  error: string | null;

  /**
   * Reads a pasted text or an opened file (from 1 MB up in a worker, importJob.ts, so a 10,000-step export does not
   * block the page); on failure keeps what was shown and says why. Resolves to whether it was read.
   */
  readInput: (input: { text: string } | { file: File }, name?: string) => Promise<boolean>;
  clear: () => void;
  setMode: (mode: ExecutionsMode) => void;
  select: (sid: string | null) => void;
  setStep: (index: number) => void;
  /** Lists the open flow's executions of a date range (ISO dates, either may be empty). */
  listRemote: (flowSid: string, from: string, to: string, pageUrl?: string | null) => Promise<void>;
  /** Fetches one execution's steps (every page) and shows its path. */
  openRemote: (flowSid: string, execution: Execution) => Promise<void>;
  /** Fetches the steps of every listed execution (at most `limit`) and shows the heat map. */
  heatRemote: (flowSid: string, limit?: number) => Promise<void>;
  /** The context at a step (or the execution's): from the data when it has it, else fetched from the account. */
  contextOf: (flowSid: string | null, executionSid: string, stepSid: string | null) => Promise<unknown>;
  endExecution: (flowSid: string, sid: string) => Promise<boolean>;
  deleteExecution: (flowSid: string, sid: string) => Promise<boolean>;
  startExecution: (
    flowSid: string,
    to: string,
    from: string,
    parameters: unknown,
  ) => Promise<Execution | null>;
  dismissError: () => void;
}

export type ExecutionsStore = StoreApi<ExecutionsState>;

/** The API's records as the pure layer reads them. */
export function executionRecord(e: Execution): ExecutionRecord {
  return {
    sid: e.sid,
    flowSid: e.flow_sid,
    status: e.status,
    ...(e.contact_channel_address === null ? {} : { contactChannelAddress: e.contact_channel_address }),
    dateCreated: e.date_created,
    ...(e.date_updated === null ? {} : { dateUpdated: e.date_updated }),
    ...(e.context === undefined ? {} : { context: e.context }),
  };
}

export function stepRecord(s: ExecutionStep): StepRecord {
  return {
    sid: s.sid,
    executionSid: s.execution_sid,
    flowSid: s.flow_sid,
    event: s.name ?? '',
    from: s.transitioned_from ?? '',
    to: s.transitioned_to ?? '',
    date: s.date_created,
    ...(s.context === undefined ? {} : { context: s.context }),
  };
}

/** The executions of the data, in the order first met (records first, then SIDs only steps name). */
export function executionSids(data: ExecutionsData): string[] {
  const seen = new Set<string>();
  for (const e of data.executions) seen.add(e.sid);
  for (const sid of groupStepsByExecution(data.steps).keys()) seen.add(sid);
  return [...seen];
}

const pathCache = new WeakMap<
  ExecutionsData,
  Map<string, { definition: FlowDefinition | null; path: ExecutionPath }>
>();
const summaryCache = new WeakMap<
  ExecutionsData,
  { definition: FlowDefinition | null; summary: ExecutionsSummary }
>();

/**
 * The path of one execution of `data`, checked against `definition`; memoised on both (an edit that leaves the flow's
 * widgets and transitions as they were, such as a card dropped elsewhere, reuses it).
 */
export function pathOf(data: ExecutionsData, sid: string, definition: FlowDefinition | null): ExecutionPath {
  let bySid = pathCache.get(data);
  if (!bySid) {
    bySid = new Map();
    pathCache.set(data, bySid);
  }
  const cached = bySid.get(sid);
  if (cached && sameFlowIndex(cached.definition, definition)) {
    cached.definition = definition;
    return cached.path;
  }
  const steps = groupStepsByExecution(data.steps).get(sid) ?? [];
  const execution = data.executions.find((e) => e.sid === sid);
  const path = executionPath(steps, definition ?? undefined, execution);
  bySid.set(sid, { definition, path });
  return path;
}

/**
 * The heat map of all of `data`, checked against `definition`; memoised on both (as pathOf: a card dropped elsewhere
 * does not summarise 10,000 steps again).
 */
export function summaryOf(data: ExecutionsData, definition: FlowDefinition | null): ExecutionsSummary {
  const cached = summaryCache.get(data);
  if (cached && sameFlowIndex(cached.definition, definition)) {
    cached.definition = definition;
    return cached.summary;
  }
  const summary = summarizeExecutions(data.steps, data.executions, definition ?? undefined);
  summaryCache.set(data, { definition, summary });
  return summary;
}

function messageOf(e: unknown): string {
  return e instanceof StudioError || e instanceof Error ? e.message : String(e);
}

export interface ExecutionsStoreOptions {
  /** The account's client while one is connected. */
  client: () => StudioClient | null;
  /** The open definition (null: none), which what is read is summarised against (see summaryOf). */
  definition?: () => FlowDefinition | null;
  /** Announces a result (the editor's status line). */
  announce?: (text: string) => void;
}

export function createExecutionsStore(options: ExecutionsStoreOptions): ExecutionsStore {
  const announce = options.announce ?? (() => undefined);
  return createStore<ExecutionsState>()((set, get) => {
    function client(): StudioClient {
      const c = options.client();
      if (!c) throw new Error('No Studio account is connected.');
      return c;
    }

    async function work<T>(label: string, task: () => Promise<T>): Promise<T | null> {
      set({ busy: label, error: null });
      try {
        return await task();
      } catch (e) {
        set({ error: `${label} failed. ${messageOf(e)}` });
        return null;
      } finally {
        if (get().busy === label) set({ busy: null });
      }
    }

    function show(data: ExecutionsData, source: ExecutionsSource, mode?: ExecutionsMode) {
      const sids = executionSids(data);
      const many = sids.length > 1;
      set({
        data,
        source,
        inputError: null,
        mode: mode ?? (many ? 'heat' : 'path'),
        selected: sids[0] ?? null,
        step: 0,
      });
    }

    /** Shows what was read, or keeps what was shown and says why not. */
    function took(result: ExecutionsImport, name: string | undefined): boolean {
      if (!result.ok) {
        const where =
          result.error.line !== undefined
            ? ` (line ${result.error.line}${result.error.column === undefined ? '' : `, column ${result.error.column}`})`
            : '';
        set({ inputError: `${name ? `${name}: ` : ''}${result.error.message}${where}` });
        return false;
      }
      show(result, { label: name ? `${name}: ${result.label}` : result.label, origin: 'input' });
      announce(`Showing ${result.label}.`);
      return true;
    }

    async function allSteps(flowSid: string, executionSid: string): Promise<StepRecord[]> {
      const c = client();
      const steps = await c.all((o) => c.listSteps(flowSid, executionSid, o));
      return steps.map(stepRecord);
    }

    return {
      data: null,
      source: null,
      inputError: null,
      mode: 'path',
      selected: null,
      step: 0,
      remote: null,
      busy: null,
      error: null,

      readInput: async (input, name) => {
        set({ busy: 'Reading the executions' });
        try {
          // Summarised with the reading (in the worker for a large input) against the open definition: the heat
          // map's first render finds it in summaryOf's memo instead of computing it on the main thread.
          const definition = options.definition?.() ?? null;
          const { result, summary } = await readExecutionsInput(
            'file' in input
              ? { kind: 'executions-file', file: input.file, definition }
              : { kind: 'executions', text: input.text, definition },
          );
          if (result.ok && summary) summaryCache.set(result, { definition, summary });
          return took(result, name);
        } finally {
          if (get().busy === 'Reading the executions') set({ busy: null });
        }
      },

      clear: () => set({ data: null, source: null, selected: null, step: 0, inputError: null }),
      setMode: (mode) => set({ mode }),
      select: (sid) => set({ selected: sid, step: 0, mode: 'path' }),
      setStep: (index) => set({ step: Math.max(0, index) }),

      listRemote: async (flowSid, from, to, pageUrl) => {
        set({ remote: { from, to, items: get().remote?.items ?? [], nextPageUrl: null, loading: true } });
        const page = await work('List executions', () =>
          client().listExecutions(flowSid, {
            pageSize: 50,
            ...(pageUrl ? { pageUrl } : {}),
            ...(from ? { from } : {}),
            ...(to ? { to } : {}),
          }),
        );
        set({
          remote: {
            from,
            to,
            items: page
              ? [...(pageUrl ? (get().remote?.items ?? []) : []), ...page.items]
              : (get().remote?.items ?? []),
            nextPageUrl: page?.meta.next_page_url ?? null,
            loading: false,
          },
        });
      },

      openRemote: async (flowSid, execution) => {
        const steps = await work('Fetch the steps', () => allSteps(flowSid, execution.sid));
        if (!steps) return;
        show(
          { executions: [executionRecord(execution)], steps, contexts: [], notes: [] },
          { label: `Execution ${execution.sid} (${execution.status})`, origin: 'account' },
          'path',
        );
        announce(`Showing execution ${execution.sid}: ${steps.length} steps.`);
      },

      heatRemote: async (flowSid, limit = 500) => {
        const listed = (get().remote?.items ?? []).slice(0, limit);
        const parts = await work('Fetch the steps', () =>
          Promise.all(
            listed.map(async (e) => ({
              executions: [executionRecord(e)],
              steps: await allSteps(flowSid, e.sid),
              contexts: [],
              notes: [],
            })),
          ),
        );
        if (!parts) return;
        const data = mergeExecutionsData(parts);
        const range = get().remote;
        show(
          data,
          {
            label: `Studio: ${listed.length} executions${range && (range.from || range.to) ? ` (${range.from || '…'} to ${range.to || '…'})` : ''}`,
            origin: 'account',
          },
          'heat',
        );
        announce(`Heat map of ${listed.length} executions, ${data.steps.length} steps.`);
      },

      contextOf: async (flowSid, executionSid, stepSid) => {
        const data = get().data;
        const known = (c: ContextRecord) =>
          c.executionSid === executionSid && (c.stepSid ?? null) === stepSid;
        const inData = data?.contexts.find(known);
        if (inData) return inData.context;
        const step = stepSid === null ? undefined : data?.steps.find((s) => s.sid === stepSid);
        if (step?.context !== undefined) return step.context;
        const execution = data?.executions.find((e) => e.sid === executionSid);
        if (stepSid === null && execution?.context !== undefined) return execution.context;
        if (get().source?.origin !== 'account' || flowSid === null) return undefined;
        const fetched = await work('Fetch the context', () =>
          stepSid === null
            ? client().fetchExecutionContext(flowSid, executionSid)
            : client().fetchStepContext(flowSid, executionSid, stepSid),
        );
        if (!fetched || !data) return fetched?.context;
        // Kept with the data: asking again costs nothing.
        const record: ContextRecord = {
          executionSid,
          ...(stepSid === null ? {} : { stepSid }),
          context: fetched.context,
        };
        set({ data: { ...data, contexts: [...data.contexts, record] } });
        return fetched.context;
      },

      endExecution: async (flowSid, sid) => {
        const ended = await work('End the execution', () => client().endExecution(flowSid, sid));
        if (!ended) return false;
        const remote = get().remote;
        if (remote)
          set({ remote: { ...remote, items: remote.items.map((e) => (e.sid === sid ? ended : e)) } });
        const data = get().data;
        if (data?.executions.some((e) => e.sid === sid))
          set({
            data: {
              ...data,
              executions: data.executions.map((e) => (e.sid === sid ? executionRecord(ended) : e)),
            },
          });
        announce(`Ended execution ${sid}.`);
        return true;
      },

      deleteExecution: async (flowSid, sid) => {
        const done = await work('Delete the execution', async () => {
          await client().deleteExecution(flowSid, sid);
          return true;
        });
        if (!done) return false;
        const remote = get().remote;
        if (remote) set({ remote: { ...remote, items: remote.items.filter((e) => e.sid !== sid) } });
        announce(`Deleted execution ${sid}.`);
        return true;
      },

      startExecution: async (flowSid, to, from, parameters) => {
        const started = await work('Start an execution', () =>
          client().createExecution(flowSid, {
            to,
            from,
            ...(parameters === undefined ? {} : { parameters }),
          }),
        );
        if (!started) return null;
        const remote = get().remote;
        set({
          remote: {
            from: remote?.from ?? '',
            to: remote?.to ?? '',
            items: [started, ...(remote?.items ?? [])],
            nextPageUrl: remote?.nextPageUrl ?? null,
            loading: false,
          },
        });
        announce(`Started execution ${started.sid}.`);
        return started;
      },

      dismissError: () => set({ error: null }),
    };
  });
}
