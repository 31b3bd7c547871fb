import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../server/emulator';
import { basicAuthorization, StudioClient } from '../studio/client';
import { executionsFixture, fixtureExecutionSid, fixtureFlow } from '../testing/executions';
import { sameFlowIndex, summarizeExecutions } from '../executions';
import { moveWidgets } from '../model/commands';
import { createExecutionsStore, executionSids, pathOf, summaryOf } from './executions';

const ACCOUNT = 'AC' + 'ab'.repeat(16);
const TOKEN = 'executions-store-test-token';
const FLOW = 'FW' + '0e'.repeat(16);

describe('the executions store, offline', () => {
  it('reads pasted steps, shows one execution as a path and several as a heat map', async () => {
    const announced: string[] = [];
    const store = createExecutionsStore({ client: () => null, announce: (t) => announced.push(t) });
    expect(await store.getState().readInput({ text: executionsFixture('steps-page.json') })).toBe(true);
    const state = store.getState();
    expect(state.data?.steps.length).toBeGreaterThan(0);
    expect(state.source?.origin).toBe('input');
    expect(announced[0]).toMatch(/^Showing /);
    const sids = executionSids(state.data ?? { executions: [], steps: [], contexts: [], notes: [] });
    expect(state.mode).toBe(sids.length > 1 ? 'heat' : 'path');
    expect(state.selected).toBe(sids[0]);

    await store.getState().readInput({ text: executionsFixture('cli-steps.json') });
    expect(store.getState().mode).toBe('heat');
    const data = store.getState().data;
    if (!data) throw new Error('no data');
    const definition = fixtureFlow();
    // Memoised on the data and the definition.
    expect(summaryOf(data, definition)).toBe(summaryOf(data, definition));
    expect(summaryOf(data, definition)).not.toBe(summaryOf(data, null));
    const sid = fixtureExecutionSid(2);
    expect(pathOf(data, sid, definition)).toBe(pathOf(data, sid, definition));
    store.getState().select(sid);
    expect(store.getState()).toMatchObject({ selected: sid, step: 0, mode: 'path' });
    store.getState().setStep(-3);
    expect(store.getState().step).toBe(0);
  });

  it('reuses the summary and the paths after an edit that leaves the widgets and transitions as they were', async () => {
    const store = createExecutionsStore({ client: () => null });
    await store.getState().readInput({ text: executionsFixture('cli-steps.json') });
    const data = store.getState().data;
    if (!data) throw new Error('no data');
    const definition = fixtureFlow();
    const summary = summaryOf(data, definition);
    const sid = fixtureExecutionSid(2);
    const path = pathOf(data, sid, definition);
    const first = definition.states[1];
    if (!first) throw new Error('no widget');
    const moved = moveWidgets(definition, new Map([[first.name, { x: 1234, y: 567 }]]));
    expect(moved).not.toBe(definition);
    expect(sameFlowIndex(definition, moved)).toBe(true);
    expect(summaryOf(data, moved)).toBe(summary);
    expect(pathOf(data, sid, moved)).toBe(path);

    // A transition changed: checked again.
    const rewired = {
      ...moved,
      states: moved.states.map((w, i) => (i === 1 ? { ...w, transitions: [] } : w)),
    };
    expect(sameFlowIndex(moved, rewired)).toBe(false);
    expect(summaryOf(data, rewired)).not.toBe(summary);
    expect(summaryOf(data, rewired)).toEqual(summarizeExecutions(data.steps, data.executions, rewired));
    expect(pathOf(data, sid, rewired)).not.toBe(path);
    expect(sameFlowIndex(moved, { ...moved, initial_state: 'Elsewhere' })).toBe(false);
  });

  it('keeps what it shows when the input cannot be read, and says where', async () => {
    const store = createExecutionsStore({ client: () => null });
    await store.getState().readInput({ text: executionsFixture('steps-page.json') });
    const before = store.getState().data;
    expect(await store.getState().readInput({ text: '{\n  "steps": [,\n]}' }, 'bad.json')).toBe(false);
    expect(store.getState().inputError).toMatch(/^bad\.json: .*\(line 2, column \d+\)$/);
    expect(store.getState().data).toBe(before);
    store.getState().clear();
    expect(store.getState().data).toBeNull();
  });

  it('answers a context from the data it holds, without an account', async () => {
    const store = createExecutionsStore({ client: () => null });
    await store.getState().readInput({ text: executionsFixture('step-context.json') });
    const context = store.getState().data?.contexts[0];
    expect(context).toBeDefined();
    if (!context) return;
    await expect(
      store.getState().contextOf(null, context.executionSid, context.stepSid ?? null),
    ).resolves.toEqual(context.context);
    await expect(store.getState().contextOf(null, 'FN' + '9'.repeat(32), null)).resolves.toBeUndefined();
  });
});

describe('the executions store, with the account (emulator)', () => {
  let emulator: EmulatorHandle;
  let client: StudioClient;
  const control = (path: string, body?: unknown) =>
    fetch(`${emulator.url}/__emulator/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, credentials: { accountSid: ACCOUNT, authToken: TOKEN } });
    client = new StudioClient({
      baseUrl: emulator.url,
      fetch: globalThis.fetch,
      authorization: basicAuthorization(ACCOUNT, TOKEN),
    });
  });
  afterAll(() => emulator.close());
  beforeEach(async () => {
    await control('reset');
    const answer = await control('seed', {
      flows: [
        {
          sid: FLOW,
          friendlyName: 'Confirm',
          definition: fixtureFlow(),
          executions: [
            {
              status: 'ended',
              dateCreated: '2026-12-01T10:00:00Z',
              contactChannelAddress: '+15550000001',
              steps: [
                {
                  name: 'incomingMessage',
                  transitionedFrom: 'Trigger',
                  transitionedTo: 'ask',
                  dateCreated: '2026-12-01T10:00:00Z',
                  context: { widgets: { ask: { inbound: { Body: 'yes' } } } },
                },
                {
                  name: 'incomingMessage',
                  transitionedFrom: 'ask',
                  transitionedTo: 'confirm',
                  dateCreated: '2026-12-01T10:00:05Z',
                },
              ],
            },
            {
              status: 'active',
              dateCreated: '2026-12-05T10:00:00Z',
              steps: [
                {
                  name: 'incomingMessage',
                  transitionedFrom: 'Trigger',
                  transitionedTo: 'ask',
                  dateCreated: '2026-12-05T10:00:00Z',
                },
              ],
            },
          ],
        },
      ],
    });
    expect(answer.status).toBe(201);
  });

  it('lists the executions of a date range, shows one with its steps, fetches a step context lazily', async () => {
    const store = createExecutionsStore({ client: () => client });
    await store.getState().listRemote(FLOW, '2026-12-04T00:00:00Z', '');
    expect(store.getState().remote?.items.map((e) => e.status)).toEqual(['active']);
    await store.getState().listRemote(FLOW, '', '');
    const items = store.getState().remote?.items ?? [];
    expect(items).toHaveLength(2);
    const ended = items.find((e) => e.status === 'ended');
    if (!ended) throw new Error('no ended execution');
    await store.getState().openRemote(FLOW, ended);
    const state = store.getState();
    expect(state.source?.origin).toBe('account');
    expect(state.data?.steps.map((s) => `${s.from}>${s.to}`)).toEqual(
      expect.arrayContaining(['Trigger>ask', 'ask>confirm']),
    );
    const first = state.data?.steps.find((s) => s.from === 'Trigger');
    if (!first) throw new Error('no first step');
    const stripped = { ...state.data, steps: state.data?.steps.map(({ context: _c, ...s }) => s) ?? [] };
    store.setState({
      data: { executions: stripped.executions ?? [], steps: stripped.steps, contexts: [], notes: [] },
    });
    await expect(store.getState().contextOf(FLOW, ended.sid, first.sid)).resolves.toEqual({
      widgets: { ask: { inbound: { Body: 'yes' } } },
    });
    // Kept: asking again needs no request.
    expect(store.getState().data?.contexts).toHaveLength(1);
  });

  it('builds the heat map of the listed executions, ends an active one, deletes one, starts one', async () => {
    const store = createExecutionsStore({ client: () => client });
    await store.getState().listRemote(FLOW, '', '');
    await store.getState().heatRemote(FLOW);
    const data = store.getState().data;
    if (!data) throw new Error('no data');
    expect(store.getState().mode).toBe('heat');
    const summary = summaryOf(data, fixtureFlow());
    expect(summary.totals).toMatchObject({ executions: 2, steps: 3, active: 1, ended: 1 });
    expect(summary.widgets.find((w) => w.widget === 'ask')).toMatchObject({ reached: 2, waiting: 1 });

    const active = store.getState().remote?.items.find((e) => e.status === 'active');
    if (!active) throw new Error('no active execution');
    expect(await store.getState().endExecution(FLOW, active.sid)).toBe(true);
    expect(store.getState().remote?.items.find((e) => e.sid === active.sid)?.status).toBe('ended');
    expect((await client.fetchExecution(FLOW, active.sid)).status).toBe('ended');

    expect(await store.getState().deleteExecution(FLOW, active.sid)).toBe(true);
    await expect(client.fetchExecution(FLOW, active.sid)).rejects.toMatchObject({ kind: 'not-found' });

    const started = await store
      .getState()
      .startExecution(FLOW, '+15557654321', '+15550001111', { name: 'Zeke' });
    expect(started?.status).toBe('active');
    expect(store.getState().remote?.items[0]?.sid).toBe(started?.sid);
  });

  it('says what failed, and needs an account for what only the account has', async () => {
    const store = createExecutionsStore({ client: () => null });
    await store.getState().listRemote(FLOW, '', '');
    expect(store.getState().error).toBe('List executions failed. No Studio account is connected.');
    const online = createExecutionsStore({ client: () => client });
    expect(await online.getState().endExecution(FLOW, 'FN' + '7'.repeat(32))).toBe(false);
    expect(online.getState().error).toMatch(
      /^End the execution failed\. Studio has no such resource \(404\)/,
    );
  });
});
