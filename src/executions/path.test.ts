import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../model/types';
import { executionsFixture, fixtureExecutionSid, fixtureFlow } from '../testing/executions';
import { executionPath, groupStepsByExecution } from './path';
import { readExecutionsText } from './read';
import type { ExecutionRecord, StepRecord } from './types';

function read(name: string) {
  const r = readExecutionsText(executionsFixture(name));
  if (!r.ok) throw new Error(r.error.message);
  return r;
}

const cli = read('cli-steps.json');
const records = read('cli-executions.json').executions;
const stepsOf = (n: number) => cli.steps.filter((s) => s.executionSid === fixtureExecutionSid(n));
const recordOf = (n: number) => records.find((e) => e.sid === fixtureExecutionSid(n));

let sidCounter = 0;
function step(from: string, event: string, to: string, date: string, sid?: string): StepRecord {
  sidCounter++;
  return {
    sid: sid ?? `FT${String(sidCounter).padStart(32, '0')}`,
    executionSid: 'FN1',
    event,
    from,
    to,
    date,
  };
}

describe('executionPath', () => {
  it('orders the steps of a page listed newest first, and numbers every visit of a loop', () => {
    const page = read('steps-page.json');
    const path = executionPath(page.steps, fixtureFlow(), recordOf(2));
    expect(path.executionSid).toBe(fixtureExecutionSid(2));
    expect(path.steps.map((s) => s.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(path.steps.map((s) => s.step.sid.slice(0, 6))).toEqual([
      'FT0201',
      'FT0202',
      'FT0203',
      'FT0204',
      'FT0205',
      'FT0206',
      'FT0207',
      'FT0208',
      'FT0209',
    ]);
    expect(path.visits.map((v) => `${v.order}:${v.widget}`)).toEqual([
      '1:Trigger',
      '2:ask',
      '3:reminder',
      '4:ask',
      '5:check',
      '6:retry',
      '7:ask',
      '8:check',
      '9:confirm',
    ]);
    // Visit 1 is the trigger, entered by no step; visit n is entered by step n - 1.
    expect(path.visits[0]).toMatchObject({ step: null, date: '2024-05-02T11:00:00Z' });
    expect(path.visits[3]?.step?.sid).toBe('FT02030000000000000000000000000000');
    expect(path.transitions).toEqual([
      { from: 'Trigger', event: 'incomingMessage', to: 'ask', orders: [1] },
      { from: 'ask', event: 'timeout', to: 'reminder', orders: [2] },
      { from: 'reminder', event: 'sent', to: 'ask', orders: [3] },
      { from: 'ask', event: 'incomingMessage', to: 'check', orders: [4, 7] },
      { from: 'check', event: 'noMatch', to: 'retry', orders: [5] },
      { from: 'retry', event: 'sent', to: 'ask', orders: [6] },
      { from: 'check', event: 'match', to: 'confirm', orders: [8] },
      { from: 'confirm', event: 'sent', to: 'Ended', orders: [9] },
    ]);
    expect(path).toMatchObject({
      ended: 'confirm',
      reachedEnd: true,
      waiting: false,
      status: 'ended',
      gaps: [],
      ignoredSteps: 0,
    });
    expect(path.mismatch).toEqual({
      missingWidgets: [],
      missingTransitions: [],
      initial: null,
      likelyOtherRevision: false,
      likelyOtherFlow: false,
    });
  });

  it('times each step from the previous one and from the start', () => {
    const path = executionPath(stepsOf(2));
    expect(path.steps.map((s) => s.sincePreviousMs)).toEqual([
      null,
      300_000,
      1_000,
      69_000,
      0,
      1_000,
      49_000,
      0,
      1_000,
    ]);
    expect(path.steps[8]?.sinceStartMs).toBe(421_000);
    expect(path.durationMs).toBe(421_000);
  });

  it('chains steps that share a second, whatever their SIDs say', () => {
    // Execution 1: ask → check (FT0103) and check → confirm (FT0102) share 10:00:30; by SID alone they would be
    // taken the wrong way round.
    const path = executionPath(stepsOf(1));
    expect(path.steps.map((s) => `${s.step.from}→${s.step.to}`)).toEqual([
      'Trigger→ask',
      'ask→check',
      'check→confirm',
      'confirm→Ended',
    ]);
    expect(path.gaps).toEqual([]);
    expect(path.visits.map((v) => v.widget)).toEqual(['Trigger', 'ask', 'check', 'confirm']);
  });

  it('starts a tie at the initial widget, else at a widget no step of the tie enters', () => {
    const t = '2024-01-01T00:00:00Z';
    const steps = [
      step('b', 'e', 'c', t, 'FT1'),
      step('a', 'e', 'b', t, 'FT2'),
      step('Trigger', 'incomingRequest', 'a', t, 'FT3'),
    ];
    expect(executionPath(steps).visits.map((v) => v.widget)).toEqual(['Trigger', 'a', 'b', 'c']);
    const flow: FlowDefinition = { initial_state: 'Trigger', states: [] };
    expect(executionPath(steps, flow).visits.map((v) => v.widget)).toEqual(['Trigger', 'a', 'b', 'c']);
  });

  it('says an active execution waits at its last widget', () => {
    const path = executionPath(stepsOf(4), fixtureFlow(), recordOf(4));
    expect(path).toMatchObject({ ended: 'ask', waiting: true, reachedEnd: false, status: 'active' });
    expect(path.visits.map((v) => v.widget)).toEqual(['Trigger', 'ask', 'reminder', 'ask']);
  });

  it('ends where the step to Ended left', () => {
    const path = executionPath(stepsOf(3), fixtureFlow(), recordOf(3));
    expect(path).toMatchObject({ ended: 'ask', waiting: false, reachedEnd: true });
    expect(path.transitions.at(-1)).toEqual({
      from: 'ask',
      event: 'deliveryFailure',
      to: 'Ended',
      orders: [2],
    });
  });

  it('reads Ended as a widget when the flow has one of that name', () => {
    const flow: FlowDefinition = {
      initial_state: 'Trigger',
      states: [
        {
          name: 'Trigger',
          type: 'trigger',
          properties: {},
          transitions: [{ event: 'incomingRequest', next: 'Ended' }],
        },
        { name: 'Ended', type: 'send-message', properties: {}, transitions: [{ event: 'sent' }] },
      ],
    };
    const steps = [step('Trigger', 'incomingRequest', 'Ended', '2024-01-01T00:00:00Z')];
    const path = executionPath(steps, flow);
    expect(path.visits.map((v) => v.widget)).toEqual(['Trigger', 'Ended']);
    expect(path).toMatchObject({ ended: 'Ended', reachedEnd: false });
    expect(path.mismatch?.likelyOtherRevision).toBe(false);
  });

  it('follows a widget visited many times', () => {
    const steps: StepRecord[] = [step('Trigger', 'incomingMessage', 'ask', '2024-01-01T00:00:00Z')];
    for (let i = 0; i < 50; i++) {
      const minute = String(i + 1).padStart(2, '0');
      steps.push(step('ask', 'timeout', 'reminder', `2024-01-01T01:${minute}:00Z`));
      steps.push(step('reminder', 'sent', 'ask', `2024-01-01T01:${minute}:01Z`));
    }
    steps.push(step('ask', 'deliveryFailure', 'Ended', '2024-01-01T02:00:00Z'));
    const path = executionPath([...steps].reverse(), fixtureFlow());
    expect(path.visits).toHaveLength(102);
    expect(path.visits.filter((v) => v.widget === 'ask')).toHaveLength(51);
    expect(path.visits.filter((v) => v.widget === 'ask').map((v) => v.order)).toEqual(
      Array.from({ length: 51 }, (_, i) => 2 + 2 * i),
    );
    const loop = path.transitions.find((t) => t.event === 'timeout');
    expect(loop?.orders).toEqual(Array.from({ length: 50 }, (_, i) => 2 + 2 * i));
    expect(path.ended).toBe('ask');
    expect(path.mismatch?.likelyOtherRevision).toBe(false);
  });

  it('finds what another revision of the flow does not have', () => {
    const path = executionPath(stepsOf(2), fixtureFlow('flow-other-revision.json'), recordOf(2));
    expect(path.mismatch).toEqual({
      missingWidgets: ['reminder', 'retry'],
      missingTransitions: [
        {
          from: 'ask',
          event: 'timeout',
          to: 'reminder',
          reason: 'other-target',
          expected: 'nudge',
          orders: [2],
        },
        {
          from: 'check',
          event: 'noMatch',
          to: 'retry',
          reason: 'other-target',
          expected: 'ask',
          orders: [5],
        },
      ],
      initial: null,
      likelyOtherRevision: true,
      likelyOtherFlow: false,
    });
    // The path is the same whatever the definition says.
    expect(path.visits.map((v) => v.widget)).toEqual(executionPath(stepsOf(2)).visits.map((v) => v.widget));
  });

  it('tells events the widget lacks, transitions that end in the flow, another initial widget and another flow', () => {
    const flow = fixtureFlow();
    const steps = [
      step('Trigger', 'incomingMessage', 'ask', '2024-01-01T00:00:00Z'),
      step('ask', 'incomingMessage', 'confirm', '2024-01-01T00:00:01Z'),
      step('confirm', 'delivered', 'Ended', '2024-01-01T00:00:02Z'),
    ];
    const m = executionPath(steps, flow).mismatch;
    expect(m?.missingTransitions).toEqual([
      {
        from: 'ask',
        event: 'incomingMessage',
        to: 'confirm',
        reason: 'other-target',
        expected: 'check',
        orders: [2],
      },
      { from: 'confirm', event: 'delivered', to: 'Ended', reason: 'no-event', orders: [3] },
    ]);
    const ended = executionPath([step('ask', 'timeout', 'Ended', '2024-01-01T00:00:00Z')], flow).mismatch;
    expect(ended?.initial).toEqual({ expected: 'Trigger', found: 'ask' });
    expect(ended?.missingTransitions[0]).toMatchObject({ reason: 'other-target', expected: 'reminder' });
    const other = executionPath(
      [
        step('Trigger', 'incomingCall', 'greet', '2024-01-01T00:00:00Z'),
        step('greet', 'audioComplete', 'menu', '2024-01-01T00:00:01Z'),
      ],
      flow,
    ).mismatch;
    expect(other).toMatchObject({
      missingWidgets: ['greet', 'menu'],
      likelyOtherFlow: true,
      likelyOtherRevision: true,
    });
  });

  it('takes any event of a split that leads to the widget entered', () => {
    const steps = [
      step('Trigger', 'incomingMessage', 'ask', '2024-01-01T00:00:00Z'),
      step('ask', 'incomingMessage', 'check', '2024-01-01T00:00:01Z'),
      step('check', 'yes', 'confirm', '2024-01-01T00:00:02Z'),
    ];
    expect(executionPath(steps, fixtureFlow()).mismatch?.missingTransitions).toEqual([]);
  });

  it('shows a gap where steps are missing, and leaves out the steps of other executions', () => {
    const steps = [
      step('Trigger', 'incomingMessage', 'ask', '2024-01-01T00:00:00Z'),
      step('check', 'match', 'confirm', '2024-01-01T00:00:05Z'),
      { ...step('x', 'e', 'y', '2024-01-01T00:00:03Z'), executionSid: 'FN2' },
    ];
    const path = executionPath(steps);
    expect(path.gaps).toEqual([{ order: 2, expected: 'ask', found: 'check' }]);
    expect(path.visits.map((v) => [v.widget, v.step === null])).toEqual([
      ['Trigger', true],
      ['ask', false],
      ['check', true],
      ['confirm', false],
    ]);
    expect(path.ignoredSteps).toBe(1);
    const record: ExecutionRecord = { sid: 'FN2', status: 'active' };
    expect(executionPath(steps, undefined, record).visits.map((v) => v.widget)).toEqual(['x', 'y']);
  });

  it('is empty without steps; dates it cannot read are null timings, sorted last', () => {
    expect(executionPath([])).toMatchObject({
      executionSid: null,
      steps: [],
      visits: [],
      ended: null,
      reachedEnd: false,
      durationMs: null,
      mismatch: null,
    });
    const path = executionPath([
      step('a', 'e', 'b', 'not a date'),
      step('Trigger', 'e', 'a', '2024-01-01T00:00:00Z'),
    ]);
    expect(path.visits.map((v) => v.widget)).toEqual(['Trigger', 'a', 'b']);
    expect(path.steps[1]).toMatchObject({ sincePreviousMs: null, sinceStartMs: null });
    expect(path.durationMs).toBeNull();
  });
});

describe('groupStepsByExecution', () => {
  it('splits a mixed list by execution, in the order first met', () => {
    const groups = groupStepsByExecution(cli.steps);
    expect([...groups.keys()]).toEqual([5, 2, 1, 4, 3].map(fixtureExecutionSid));
    expect([...groups.values()].map((g) => g.length)).toEqual([4, 9, 4, 3, 2]);
  });
});
