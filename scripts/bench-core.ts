/**
 * Core benchmark: parse, validate (full and after a one-widget edit) and serialize synthetic flows of 100, 500,
 * 1,000 and 2,000 widgets. Prints a Markdown table (pasted into the README). Not a test: nothing is asserted.
 *
 *   npm run bench            (tsx scripts/bench-core.ts)
 */
import { importFlowText, serializeDefinition } from '../src/io';
import { createValidator, validateDefinition } from '../src/validation';
import type { FlowDefinition, Widget } from '../src/model/types';
import { RUNS, SIZES, time } from './bench-util';
import { generateFlow } from './generate-flow';

/** The same flow with one widget's message edited: a new object for that widget only, as editor commands produce. */
function editOne(def: FlowDefinition, i: number, n: number): FlowDefinition {
  const states = def.states.slice();
  const w = states[i] as Widget;
  states[i] = { ...w, properties: { ...w.properties, edited: `edit ${n}` } };
  return { ...def, states };
}

const rows: string[] = [];
for (const size of SIZES) {
  const def = generateFlow(size);
  const text = JSON.stringify(def, null, 2);
  const parse = time(() => {
    const r = importFlowText(text);
    if (!r.ok) throw new Error(r.error.message);
  });
  const imported = importFlowText(text);
  if (!imported.ok) throw new Error(imported.error.message);
  const [first] = imported.flows;
  if (!first) throw new Error('no flow');
  const flow = first.definition;
  const full = time(() => validateDefinition(flow));
  const validator = createValidator('studio');
  validator.validate(flow);
  let n = 0;
  let current = flow;
  const incremental = time(() => {
    current = editOne(current, 1 + (n % (size - 1)), n++);
    validator.validate(current);
  });
  const problems = validator.validate(flow).filter((p) => p.severity === 'error').length;
  const serialize = time(() => serializeDefinition(flow));
  rows.push(
    `| ${size.toLocaleString('en-US')} | ${(text.length / 1024).toFixed(0)} KB | ${parse.toFixed(1)} ms | ${full.toFixed(1)} ms | ${incremental.toFixed(2)} ms | ${serialize.toFixed(1)} ms | ${problems} |`,
  );
}

console.log(`Core benchmark (Node ${process.version}, median of ${RUNS} runs after warm-up)\n`);
console.log(
  '| widgets | JSON size | parse + detect | validate (full) | re-validate after 1 edit | serialize | errors |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(r);
