/** What the Node benchmarks (bench-core.ts, bench-diff.ts) share: sizes, run count, median timing. */
import { performance } from 'node:perf_hooks';

export const SIZES = [100, 500, 1000, 2000];
export const RUNS = Number(process.env.BENCH_RUNS ?? 15);

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** Median wall time of `fn` over `runs` runs, after 3 warm-up runs (JIT, ajv compilation). */
export function time(fn: () => void, runs = RUNS): number {
  for (let i = 0; i < 3; i++) fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    xs.push(performance.now() - t0);
  }
  return median(xs);
}
