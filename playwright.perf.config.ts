import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/*
 * The browser benchmarks (`npm run bench:canvas`: canvas side by side with bare React Flow, JSON view typing,
 * compare mode, large inputs, autosave loss): the same browser and production build as the end-to-end tests, one
 * worker so nothing else competes for the two cores, and precise heap figures. They print tables; they assert
 * nothing, so they are not part of `npm test`.
 *
 * Two servers: the editor's build (E2E_DIST on E2E_PORT, as for the end-to-end tests) and the bare React Flow page
 * of e2e/perf/baseline (BARE_DIST, default dist-baseline, on E2E_BARE_PORT, default 4178), which the canvas
 * benchmark compares the editor with. The bare page is built first when its build is missing (about a second), so a
 * single `playwright test -c playwright.perf.config.ts` runs every benchmark; `npm run bench:canvas` rebuilds both.
 */
const project = base.projects?.[0];
const launch = project?.use?.launchOptions ?? {};
const isCI = Boolean(process.env.CI);

const BARE_PORT = Number(process.env.E2E_BARE_PORT ?? 4178);
const BARE_DIST = process.env.BARE_DIST ?? 'dist-baseline';
const BARE_CONFIG = 'e2e/perf/baseline/vite.config.ts';
const editorServer = Array.isArray(base.webServer) ? base.webServer[0] : base.webServer;
const bareCommand = `npx vite preview -c ${BARE_CONFIG} --port ${BARE_PORT} --strictPort`;

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
  webServer: [
    ...(editorServer ? [editorServer] : []),
    {
      command: existsSync(join(BARE_DIST, 'index.html'))
        ? bareCommand
        : `npx vite build -c ${BARE_CONFIG} --logLevel warn && ${bareCommand}`,
      port: BARE_PORT,
      reuseExistingServer: !isCI,
      timeout: 120_000,
      env: { BARE_DIST, E2E_BARE_PORT: String(BARE_PORT) },
    },
  ],
});
