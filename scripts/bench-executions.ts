/**
 * Executions benchmark: `summarizeExecutions` over 10,000 steps of 1,000 executions (and 10x that), steps shuffled
 * and several of them sharing a second, as the API gives them; with and without the flow definition (mismatch
 * checks), and reading the same steps as Twilio CLI JSON text. The budget is well under 200 ms for 10,000 steps.
 * Prints a Markdown table. Not a test: nothing is asserted.
 *
 *   npm run bench:executions       (tsx scripts/bench-executions.ts)
 */
import { readExecutionsText, summarizeExecutions, type StepRecord } from '../src/executions';
import type { FlowDefinition } from '../src/model/types';
import { RUNS, time } from './bench-util';

const WIDGETS = 30;

/** A flow of WIDGETS widgets in a ring, each with `next`, `done` and `failed` events; the trigger starts anywhere. */
function ringFlow(): FlowDefinition {
  const name = (i: number) => (i === 0 ? 'Trigger' : `w${i}`);
  return {
    initial_state: 'Trigger',
    states: Array.from({ length: WIDGETS }, (_, i) => ({
      name: name(i),
      type: i === 0 ? 'trigger' : 'send-message',
      properties: {},
      transitions:
        i === 0
          ? Array.from({ length: WIDGETS - 1 }, (_, k) => ({ event: `start${k + 1}`, next: name(k + 1) }))
          : [{ event: 'next', next: name((i % (WIDGETS - 1)) + 1) }, { event: 'done' }, { event: 'failed' }],
    })),
  };
}

/** Deterministic pseudo-random numbers (xorshift), so every run measures the same input. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** `executions` executions of `perExecution` steps each, walking the ring; one in five fails; shuffled. */
function makeSteps(executions: number, perExecution: number): StepRecord[] {
  const rnd = random(42);
  const steps: StepRecord[] = [];
  for (let e = 0; e < executions; e++) {
    let at = Date.UTC(2024, 0, 1) + e * 60_000;
    let from = 'Trigger';
    let widget = 1 + Math.floor(rnd() * (WIDGETS - 1));
    for (let s = 0; s < perExecution; s++) {
      const last = s === perExecution - 1;
      const fails = last && e % 5 === 0;
      const to = last ? 'Ended' : `w${widget}`;
      steps.push({
        sid: `FT${String(e).padStart(16, '0')}${String(s).padStart(16, '0')}`,
        executionSid: `FN${String(e).padStart(32, '0')}`,
        event: s === 0 ? `start${widget}` : fails ? 'failed' : last ? 'done' : 'next',
        from,
        to,
        // Whole seconds, as Studio writes them: some steps share one.
        date: new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      });
      at += Math.floor(rnd() * 2_000);
      from = to;
      widget = (widget % (WIDGETS - 1)) + 1;
    }
  }
  for (let i = steps.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [steps[i], steps[j]] = [steps[j] as StepRecord, steps[i] as StepRecord];
  }
  return steps;
}

function cliText(steps: readonly StepRecord[]): string {
  return JSON.stringify(
    steps.map((s) => ({
      accountSid: `AC${'a'.repeat(32)}`,
      context: {},
      dateCreated: s.date,
      dateUpdated: null,
      executionSid: s.executionSid,
      flowSid: `FW${'b'.repeat(32)}`,
      name: s.event,
      sid: s.sid,
      transitionedFrom: s.from,
      transitionedTo: s.to,
    })),
    null,
    2,
  );
}

const flow = ringFlow();
console.log(`Executions benchmark (Node ${process.version}, median of ${RUNS} runs after warm-up)\n`);
console.log('| steps | executions | summarize | summarize + flow | read CLI JSON text | text size |');
console.log('|---:|---:|---:|---:|---:|---:|');
for (const [executions, perExecution] of [
  [1_000, 10],
  [10_000, 10],
] as const) {
  const steps = makeSteps(executions, perExecution);
  const text = cliText(steps);
  const check = summarizeExecutions(steps, [], flow);
  if (check.totals.steps !== steps.length || check.mismatch?.likelyOtherRevision !== false) {
    throw new Error('the benchmark input is not what it should be');
  }
  const bare = time(() => summarizeExecutions(steps));
  const withFlow = time(() => summarizeExecutions(steps, [], flow));
  const read = time(() => readExecutionsText(text), Math.min(RUNS, 7));
  console.log(
    `| ${steps.length.toLocaleString('en-US')} | ${executions.toLocaleString('en-US')} | ${bare.toFixed(1)} ms | ` +
      `${withFlow.toFixed(1)} ms | ${read.toFixed(1)} ms | ${(text.length / 1024 / 1024).toFixed(1)} MB |`,
  );
}
