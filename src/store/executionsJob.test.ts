import { describe, expect, it } from 'vitest';
import { summarizeExecutions } from '../executions';
import { executionsFixture, fixtureFlow } from '../testing/executions';
import { createExecutionsStore, summaryOf } from './executions';
import { readExecutionsInput } from './importJob';

describe('executions read through the import job', () => {
  it('are summarised with the reading against the definition the input gives', async () => {
    const definition = fixtureFlow();
    const text = executionsFixture('cli-steps.json');
    const { result, summary } = await readExecutionsInput({ kind: 'executions', text, definition });
    if (!result.ok) throw new Error(result.error.message);
    expect(summary).toEqual(summarizeExecutions(result.steps, result.executions, definition));
    expect(summary?.mismatch).not.toBeNull();

    // No flow open: summarised without one; no definition asked for: not summarised.
    const alone = await readExecutionsInput({ kind: 'executions', text, definition: null });
    expect(alone.summary).toEqual(summarizeExecutions(result.steps, result.executions));
    expect((await readExecutionsInput({ kind: 'executions', text })).summary).toBeNull();
    // Nothing read, nothing summarised.
    expect(await readExecutionsInput({ kind: 'executions', text: '[1', definition })).toMatchObject({
      result: { ok: false },
      summary: null,
    });
  });

  it('give the store the heat map of the open definition, as summaryOf computes it', async () => {
    const definition = fixtureFlow();
    const store = createExecutionsStore({ client: () => null, definition: () => definition });
    expect(await store.getState().readInput({ text: executionsFixture('cli-steps.json') })).toBe(true);
    const data = store.getState().data;
    if (!data) throw new Error('no data');
    expect(summaryOf(data, definition)).toEqual(summarizeExecutions(data.steps, data.executions, definition));
  });
});
