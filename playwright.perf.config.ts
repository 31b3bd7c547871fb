import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/*
 * The canvas benchmark (`npm run bench:canvas`): the same browser and production build as the end-to-end tests,
 * one worker so nothing else competes for the two cores, and precise heap figures. It prints a table; it asserts
 * nothing, so it is not part of `npm test`.
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
