/**
 * Executions benchmark: the canvas with an execution overlay on, against the same canvas without one, in the same
 * browser, interleaved (without / with / without / with…, BENCH_ROUNDS rounds, default 3, medians printed).
 *
 * Flows: the canvas benchmark's dense flows (e2e/perf/flows.ts), BENCH_SIZES (default 500 and 2,000 widgets).
 * Executions: 1,000 executions walking the flow from its Trigger along random transitions, mostly ones that lead on
 * (at most 10 steps each, ending at a transition without `next` with Studio's `Ended`), about 10,000 steps in all, given to the Executions
 * tab as the JSON array a script or the Twilio CLI makes of steps (snake_case API records). With many executions the
 * tab opens the heat map: the overlay then marks every widget reached and every transition taken.
 *
 * Figures: from the file input's change event to the frame that paints the overlay (read, summary, overlay drawn),
 * the longest task meanwhile and in the second after, the overlay's SVG size (the steps are given as a file on disk,
 * so that no task of the harness's own counts); then the canvas benchmark's gestures (drag, pan, wheel zoom at
 * the fitted view and at 100 %) with the overlay on, against the same without. Both runs have the Executions tab
 * open. Nothing is asserted.
 *
 *   npx vite build --outDir dist-bench && E2E_DIST=dist-bench E2E_PORT=4177 E2E_BARE_PORT=4179 \
 *     npx playwright test -c playwright.perf.config.ts executions --output=/tmp/pw-bench
 */
import { loadavg } from 'node:os';
import { test } from '../test';
import { GESTURES, measureRun, type GestureName, type RunResult } from './canvasRun';
import { buildFlow, type BenchFlow } from './flows';
import type { FlowDefinition } from '../../src/model/types';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? '500,2000').split(',').map(Number);
const EXECUTIONS = Number(process.env.BENCH_EXECUTIONS ?? 1000);
/** Steps per execution at most; walks prefer transitions that lead on, so most executions take all of them. */
const MAX_STEPS = 10;
const VIEWPORT = { width: 1600, height: 1000 };

/** A small deterministic generator (mulberry32), so every run walks the same paths. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (n: number) => n.toString(16).padStart(32, '0');

/** Steps of `count` executions walking `definition` at random, as API records in one JSON array. */
export function walkSteps(definition: FlowDefinition, count: number): { text: string; steps: number } {
  const next = random(7);
  const byName = new Map(definition.states.map((s) => [s.name, s]));
  const steps: unknown[] = [];
  const flowSid = `FW${hex(1)}`;
  const start = Date.UTC(2026, 11, 1);
  for (let e = 0; e < count; e++) {
    const executionSid = `FN${hex(e + 1)}`;
    let at = byName.get(definition.initial_state);
    let time = start + e * 60_000;
    for (let i = 0; i < MAX_STEPS && at; i++) {
      // Mostly a transition that leads on (as most executions go on to the next widget), sometimes any.
      const onward = at.transitions.filter((t) => t.next !== undefined && t.next !== '');
      const transitions = onward.length > 0 && next() < 0.95 ? onward : at.transitions;
      const taken = transitions[Math.floor(next() * transitions.length)];
      if (!taken) break;
      const to = taken.next !== undefined && taken.next !== '' ? taken.next : 'Ended';
      time += 1000 + Math.floor(next() * 5000);
      const date = new Date(time).toISOString().replace(/\.\d+Z$/, 'Z');
      steps.push({
        sid: `FT${hex(steps.length + 1)}`,
        account_sid: `AC${hex(1)}`,
        flow_sid: flowSid,
        execution_sid: executionSid,
        name: taken.event,
        context: {},
        transitioned_from: at.name,
        transitioned_to: to,
        date_created: date,
        date_updated: date,
      });
      at = to === 'Ended' ? undefined : byName.get(to);
    }
  }
  return { text: JSON.stringify(steps), steps: steps.length };
}

interface Row {
  flow: BenchFlow;
  steps: number;
  without: RunResult[];
  with: RunResult[];
}
const rows: Row[] = [];

const med = (values: number[]): number => {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? (v[m] ?? NaN) : ((v[m - 1] ?? NaN) + (v[m] ?? NaN)) / 2;
};

test.describe.configure({ mode: 'serial' });
test.setTimeout(60 * 60_000);

for (const size of SIZES) {
  test(`executions overlay on a dense flow of ${size} widgets`, async ({ browser, baseURL }) => {
    const flow = await buildFlow({ layout: 'dense', size });
    const walk = walkSteps(JSON.parse(flow.text) as FlowDefinition, EXECUTIONS);
    const row: Row = { flow, steps: walk.steps, without: [], with: [] };
    const options = {
      browser,
      contextOptions: { baseURL, viewport: VIEWPORT, reducedMotion: 'reduce' as const },
      url: `${baseURL ?? ''}/`,
      kind: 'editor' as const,
      flow,
    };
    for (let round = 0; round < ROUNDS; round++) {
      row.without.push(await measureRun({ ...options, executions: {} }));
      row.with.push(await measureRun({ ...options, executions: { steps: walk.text } }));
    }
    rows.push(row);
  });
}

test.afterAll(() => {
  const lines = [
    `Executions overlay (${new Date().toISOString().slice(0, 10)}, load ${loadavg()[0]?.toFixed(2) ?? '?'}, ${ROUNDS} rounds, medians; ${EXECUTIONS} executions)`,
    '',
    '| widgets | steps | steps file → overlay drawn | longest task then | longest task in the next second | overlay SVG elements |',
    '|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const loads = r.with.map((x) => x.overlay).filter((o) => o !== null && o !== undefined);
    lines.push(
      `| ${r.flow.label} | ${r.steps.toLocaleString('en')} | ${med(loads.map((o) => o.ms)).toFixed(0)} ms | ${med(loads.map((o) => o.longestTaskMs)).toFixed(0)} ms | ${med(loads.map((o) => o.afterTaskMs)).toFixed(0)} ms | ${med(loads.map((o) => o.elements)).toFixed(0)} |`,
    );
  }
  lines.push(
    '',
    '| widgets | gesture | fps without / with overlay (ratio) | longest task without / with |',
    '|---:|---|---:|---:|',
  );
  for (const r of rows) {
    for (const g of GESTURES as readonly GestureName[]) {
      const fps = (runs: RunResult[]) => med(runs.map((x) => x.gestures[g].fps));
      const longest = (runs: RunResult[]) =>
        med(runs.map((x) => x.gestures[g].longTasks.reduce((m, t) => Math.max(m, t), 0)));
      const a = fps(r.without);
      const b = fps(r.with);
      lines.push(
        `| ${r.flow.label} | ${g} | ${a.toFixed(0)} / ${b.toFixed(0)} (${(b / a).toFixed(2)}×) | ${longest(r.without).toFixed(0)} / ${longest(r.with).toFixed(0)} ms |`,
      );
    }
  }
  console.log(lines.join('\n'));
});
