import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/*
 * The browser benchmarks (`npm run bench:canvas`: canvas, JSON view typing, compare mode): the same browser and
 * production build as the end-to-end tests, one worker so nothing else competes for the two cores, and precise heap
 * figures. They print tables; they assert nothing, so they are not part of `npm test`.
 */
const project = base.projects?.[0];
const launch = project?.use?.launchOptions ?? {};

export default defineConfig({
  ...base,
  testDir: 'e2e/perf',
  testMatch: '*.bench.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 600_000,
  // No trace: recording one snapshots the whole DOM on every action (each mouse move of a drag), which costs
  // more per frame than what is being measured.
  use: { ...base.use, trace: 'off', screenshot: 'off' },
  projects: [
    {
      name: 'chromium-perf',
      use: {
        ...project?.use,
        launchOptions: {
          ...launch,
          args: [...(launch.args ?? []), '--enable-precise-memory-info', '--js-flags=--expose-gc'],
        },
      },
    },
  ],
});
