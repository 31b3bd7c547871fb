import { describe, expect, it } from 'vitest';
import { executionsFixture, fixtureExecutionSid, fixtureFlow } from '../testing/executions';
import { readExecutionsText } from './read';
import { FAILURE_EVENT, isFailureEvent, summarizeExecutions } from './summary';
import type { StepRecord } from './types';

function read(name: string) {
  const r = readExecutionsText(executionsFixture(name));
  if (!r.ok) throw new Error(r.error.message);
  return r;
}

const steps = read('cli-steps.json').steps;
const executions = read('cli-executions.json').executions;

/*
 * The five fixture executions, by hand (visits; → Ended where the last step ended the flow):
 *   1: Trigger, ask, check, confirm → Ended
 *   2: Trigger, ask, reminder, ask, check, retry, ask, check, confirm → Ended
 *   3: Trigger, ask → Ended (deliveryFailure)
 *   4: Trigger, ask, reminder, ask (active: waits at ask)
 *   5: Trigger, ask, check, confirm → Ended
 */
describe('summarizeExecutions: hand-computed counts', () => {
  const summary = summarizeExecutions(steps, executions, fixtureFlow());

  it('totals', () => {
    expect(summary.totals).toEqual({
      executions: 5,
      withSteps: 5,
      steps: 22,
      active: 1,
      ended: 4,
      failed: 3,
      paths: 4,
    });
  });

  it('widgets: reached, visits, ended, waiting', () => {
    expect(summary.widgets).toEqual([
      { widget: 'ask', reached: 5, visits: 8, ended: 1, waiting: 1 },
      { widget: 'Trigger', reached: 5, visits: 5, ended: 0, waiting: 0 },
      { widget: 'check', reached: 3, visits: 4, ended: 0, waiting: 0 },
      { widget: 'confirm', reached: 3, visits: 3, ended: 3, waiting: 0 },
      { widget: 'reminder', reached: 2, visits: 2, ended: 0, waiting: 0 },
      { widget: 'retry', reached: 1, visits: 1, ended: 0, waiting: 0 },
    ]);
  });

  it('transitions: times taken and executions', () => {
    expect(summary.transitions).toEqual([
      { from: 'Trigger', event: 'incomingMessage', to: 'ask', count: 5, executions: 5 },
      { from: 'ask', event: 'incomingMessage', to: 'check', count: 4, executions: 3 },
      { from: 'check', event: 'match', to: 'confirm', count: 3, executions: 3 },
      { from: 'confirm', event: 'sent', to: 'Ended', count: 3, executions: 3 },
      { from: 'ask', event: 'timeout', to: 'reminder', count: 2, executions: 2 },
      { from: 'reminder', event: 'sent', to: 'ask', count: 2, executions: 2 },
      { from: 'ask', event: 'deliveryFailure', to: 'Ended', count: 1, executions: 1 },
      { from: 'check', event: 'noMatch', to: 'retry', count: 1, executions: 1 },
      { from: 'retry', event: 'sent', to: 'ask', count: 1, executions: 1 },
    ]);
    expect(summary.transitions.reduce((n, t) => n + t.count, 0)).toBe(22);
  });

  it('the most frequent paths', () => {
    expect(summary.paths).toEqual([
      {
        widgets: ['Trigger', 'ask', 'check', 'confirm'],
        count: 2,
        reachedEnd: true,
        example: fixtureExecutionSid(1),
      },
      {
        widgets: ['Trigger', 'ask', 'reminder', 'ask', 'check', 'retry', 'ask', 'check', 'confirm'],
        count: 1,
        reachedEnd: true,
        example: fixtureExecutionSid(2),
      },
      { widgets: ['Trigger', 'ask'], count: 1, reachedEnd: true, example: fixtureExecutionSid(3) },
      {
        widgets: ['Trigger', 'ask', 'reminder', 'ask'],
        count: 1,
        reachedEnd: false,
        example: fixtureExecutionSid(4),
      },
    ]);
    expect(summarizeExecutions(steps, executions, undefined, { topPaths: 1 }).paths).toHaveLength(1);
    expect(summarizeExecutions(steps, executions, undefined, { topPaths: 1 }).totals.paths).toBe(4);
  });

  it('failure endings', () => {
    expect(summary.failures).toEqual([
      {
        widget: 'ask',
        event: 'timeout',
        count: 2,
        executions: 2,
        endings: [
          { widget: 'ask', executions: 1 },
          { widget: 'confirm', executions: 1 },
        ],
      },
      {
        widget: 'ask',
        event: 'deliveryFailure',
        count: 1,
        executions: 1,
        endings: [{ widget: 'ask', executions: 1 }],
      },
      {
        widget: 'check',
        event: 'noMatch',
        count: 1,
        executions: 1,
        endings: [{ widget: 'confirm', executions: 1 }],
      },
    ]);
  });

  it('no mismatch against the flow they ran on', () => {
    expect(summary.mismatch).toEqual({
      missingWidgets: [],
      missingTransitions: [],
      otherInitial: 0,
      executions: 0,
      likelyOtherRevision: false,
      likelyOtherFlow: false,
    });
    expect(summarizeExecutions(steps, executions).mismatch).toBeNull();
  });

  it('the mismatch against another revision', () => {
    expect(summarizeExecutions(steps, executions, fixtureFlow('flow-other-revision.json')).mismatch).toEqual({
      missingWidgets: [
        { widget: 'reminder', steps: 4, executions: 2 },
        { widget: 'retry', steps: 2, executions: 1 },
      ],
      missingTransitions: [
        {
          from: 'ask',
          event: 'timeout',
          to: 'reminder',
          reason: 'other-target',
          expected: 'nudge',
          count: 2,
          executions: 2,
        },
        {
          from: 'check',
          event: 'noMatch',
          to: 'retry',
          reason: 'other-target',
          expected: 'ask',
          count: 1,
          executions: 1,
        },
      ],
      otherInitial: 0,
      executions: 2,
      likelyOtherRevision: true,
      likelyOtherFlow: false,
    });
  });

  it('does not depend on the order of the steps', () => {
    const reversed = summarizeExecutions([...steps].reverse(), [...executions].reverse(), fixtureFlow());
    expect(reversed).toEqual(summary);
  });
});

describe('summarizeExecutions: status', () => {
  it('counts executions without a record as ended, records without steps in the totals', () => {
    const s = summarizeExecutions(
      steps.filter((x) => x.executionSid !== fixtureExecutionSid(2)),
      [...executions, { sid: 'FN-no-steps', status: 'active' }],
    );
    expect(s.totals).toMatchObject({ executions: 6, withSteps: 4, steps: 13, active: 2, ended: 4 });
    const noRecords = summarizeExecutions(steps);
    expect(noRecords.totals).toMatchObject({ executions: 5, active: 0, ended: 0 });
    // Execution 4 is not known to be active: it ended at ask.
    expect(noRecords.widgets.find((w) => w.widget === 'ask')).toMatchObject({ ended: 2, waiting: 0 });
  });

  it('is empty without steps', () => {
    expect(summarizeExecutions([])).toEqual({
      totals: { executions: 0, withSteps: 0, steps: 0, active: 0, ended: 0, failed: 0, paths: 0 },
      widgets: [],
      transitions: [],
      paths: [],
      failures: [],
      mismatch: null,
    });
  });
});

describe('the failure rule', () => {
  it('takes the events by which widgets report failures, in any case', () => {
    for (const event of [
      'failed',
      'deliveryFailure',
      'timeout',
      'noMatch',
      'no-match',
      'error',
      'busy',
      'noAnswer',
      'no-answer',
      'canceled',
      'cancelled',
      'TIMEOUT',
    ]) {
      expect(isFailureEvent(event), event).toBe(true);
    }
    for (const event of [
      'sent',
      'match',
      'incomingMessage',
      'success',
      'keypress',
      'answered',
      'completed',
    ]) {
      expect(isFailureEvent(event), event).toBe(false);
    }
    expect(FAILURE_EVENT.flags).toBe('i');
  });
});

describe('summarizeExecutions: scale', () => {
  it('summarises 10,000 steps of 1,000 executions with the counts adding up', () => {
    const many: StepRecord[] = [];
    for (let e = 0; e < 1000; e++) {
      const names = ['Trigger', 'ask', ...Array.from({ length: 8 }, (_, i) => `w${(e + i) % 20}`)];
      for (let i = 0; i < 10; i++) {
        many.push({
          sid: `FT${e}-${i}`,
          executionSid: `FN${e}`,
          event: i === 9 ? 'failed' : 'next',
          from: names[i] ?? '',
          to: names[i + 1] ?? 'Ended',
          date: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(),
        });
      }
    }
    const s = summarizeExecutions(many);
    expect(s.totals).toMatchObject({ executions: 1000, steps: 10_000, failed: 1000, paths: 20 });
    expect(s.transitions.reduce((n, t) => n + t.count, 0)).toBe(10_000);
    expect(s.widgets.find((w) => w.widget === 'Trigger')).toMatchObject({ reached: 1000, visits: 1000 });
    expect(s.paths.reduce((n, p) => n + p.count, 0)).toBe(500);
  });
});
