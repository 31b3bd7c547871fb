/**
 * Hostile-input benchmark: validation of definitions built to hurt (one widget with 100,000 transitions, a 6 MB
 * body of `{{`, 100,000 links to a missing widget, …), each at two sizes, to show that the time grows linearly
 * (the `×2 size` column should stay near 2) and that the problem lists stay capped. Prints a Markdown table.
 * Not a test: nothing is asserted (the unit tests check the counts, never the time).
 *
 *   npx tsx scripts/bench-hostile.ts            (BENCH_RUNS=5 by default here: the large cases take a while)
 */
import { performance } from 'node:perf_hooks';
import type { FlowDefinition, Widget } from '../src/model/types';
import { validateDefinition } from '../src/validation';
import { median } from './bench-util';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function trigger(transitions: unknown[]): Widget {
  return {
    name: 'Trigger',
    type: 'trigger',
    properties: { offset: { x: 0, y: 0 } },
    transitions,
  } as Widget;
}

function send(name: string, properties: Record<string, unknown> = {}, transitions?: unknown[]): Widget {
  return {
    name,
    type: 'send-message',
    properties: {
      offset: { x: 0, y: 200 },
      from: '{{flow.channel.address}}',
      to: '{{contact.channel.address}}',
      body: 'Hello',
      ...properties,
    },
    transitions: transitions ?? [{ event: 'sent' }, { event: 'failed' }],
  } as Widget;
}

function flow(...states: Widget[]): FlowDefinition {
  return {
    description: 'hostile',
    states,
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
  };
}

const repeat = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

/** The cases, each a maker of a definition of size `n`. */
const CASES: { name: string; unit: string; n: number; make: (n: number) => FlowDefinition }[] = [
  {
    name: 'one Trigger, n transitions with the same event',
    unit: 'transitions',
    n: 100_000,
    make: (n) => flow(trigger(repeat(n, () => ({ event: 'incomingMessage', next: 'w' }))), send('w')),
  },
  {
    // Smaller: ajv's generated code copies its error list at every failing $ref (vErrors.concat), which is
    // quadratic in the number of schema errors of one widget (to be fixed in scripts/generate-validators.ts).
    name: 'one Trigger, n transitions with an event the schema rejects',
    unit: 'transitions',
    n: 8_000,
    make: (n) => flow(trigger(repeat(n, () => ({ event: 'bogus', next: 'w' }))), send('w')),
  },
  {
    name: 'one Trigger, n transitions to a missing widget',
    unit: 'transitions',
    n: 100_000,
    make: (n) =>
      flow(
        trigger(repeat(n, (i) => ({ event: i === 0 ? 'incomingMessage' : 'incomingCall', next: 'gone' }))),
      ),
  },
  {
    name: 'a split with n `match` transitions without conditions',
    unit: 'transitions',
    n: 100_000,
    make: (n) =>
      flow(trigger([{ event: 'incomingMessage', next: 's' }]), {
        name: 's',
        type: 'split-based-on',
        properties: { input: '{{trigger.message.Body}}', offset: { x: 0, y: 200 } },
        transitions: [{ event: 'noMatch' }, ...repeat(n, () => ({ event: 'match' }))],
      }),
  },
  {
    name: 'a body of `{{` repeated n times',
    unit: '`{{`',
    n: 3_000_000,
    make: (n) =>
      flow(trigger([{ event: 'incomingMessage', next: 'w' }]), send('w', { body: '{{'.repeat(n) })),
  },
  {
    name: 'a body of n references to a missing widget',
    unit: 'references',
    n: 200_000,
    make: (n) =>
      flow(
        trigger([{ event: 'incomingMessage', next: 'w' }]),
        send('w', { body: '{{widgets.gone.body}} '.repeat(n) }),
      ),
  },
  {
    name: 'n numbers `1e400` in a property',
    unit: 'numbers',
    n: 200_000,
    make: (n) =>
      JSON.parse(
        JSON.stringify(
          flow(trigger([{ event: 'incomingMessage', next: 'w' }]), send('w', { big: [] })),
        ).replace('"big":[]', `"big":[${repeat(n, () => '1e400').join(',')}]`),
      ) as FlowDefinition,
  },
];

function timeOnce(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const rows: string[] = [];
for (const c of CASES) {
  const small = c.make(c.n / 2);
  const large = c.make(c.n);
  validateDefinition(small); // warm-up: ajv compilation, JIT
  const half = median(repeat(RUNS, () => timeOnce(() => validateDefinition(small))));
  let problems = 0;
  const full = median(
    repeat(RUNS, () =>
      timeOnce(() => {
        problems = validateDefinition(large).length;
      }),
    ),
  );
  rows.push(
    `| ${c.name} | ${c.n.toLocaleString('en-US')} ${c.unit} | ${full.toFixed(0)} ms | ${(full / half).toFixed(2)} | ${problems} |`,
  );
}

console.log(
  `Hostile-input benchmark (Node ${process.version}, validateDefinition, median of ${RUNS} runs)\n`,
);
console.log('| case | size | validate | time ×2 size | problems listed |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) console.log(r);
