import { existsSync } from 'node:fs';
import { chromium, defineConfig, devices } from '@playwright/test';
import { EMULATOR_PORT, EMULATOR_URL, SERVE_PORT, SERVE_URL, STUDIO_ENV } from './e2e/studio/env';

/*
 * End-to-end tests run in a real Chromium against the production build served by `vite preview`
 * (`npm run test:e2e` builds first). No browser is downloaded: CHROMIUM_PATH or Debian's /usr/bin/chromium is
 * used, else Playwright's own Chromium when it happens to be installed.
 */
const isCI = Boolean(process.env.CI);
/** The preview server's port; E2E_PORT lets two runs (or a dev server) coexist on one machine. */
const PORT = Number(process.env.E2E_PORT ?? 4173);
/** The build to serve; E2E_DIST lets two checkouts' builds (`vite build --outDir …`) coexist. */
const DIST = process.env.E2E_DIST ?? 'dist';

function resolveChromium(): string | undefined {
  const systemChromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(systemChromium)) return systemChromium;
  if (existsSync(chromium.executablePath())) return undefined; // Playwright's own build
  throw new Error(
    [
      `No Chromium found for the end-to-end tests: ${systemChromium} does not exist, and Playwright's own`,
      'Chromium is not installed. Any one of these fixes it:',
      '  - Debian/Ubuntu: apt-get install -y chromium        (gives /usr/bin/chromium)',
      '  - with internet access: npx playwright install chromium',
      '  - point CHROMIUM_PATH at a Chromium or Chrome binary you have',
    ].join('\n'),
  );
}

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  workers: 2,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // The viewport jumps instead of animating (the app honours reduced motion): no clicks on a moving canvas.
    reducedMotion: 'reduce',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: resolveChromium(),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: `npx vite preview --port ${PORT} --strictPort --outDir ${DIST}`,
      port: PORT,
      reuseExistingServer: !isCI,
      timeout: 60_000,
    },
    // The account specs (e2e/studio-*.spec.ts): a Studio emulator, and the same build served by `studio-flow serve`
    // pointed at it, holding the test credentials.
    {
      command: `node bin/studio-flow.mjs emulate --port ${EMULATOR_PORT}`,
      url: `${EMULATOR_URL}/__emulator/requests`,
      env: { ...STUDIO_ENV },
      reuseExistingServer: !isCI,
      timeout: 60_000,
    },
    {
      command: `node bin/studio-flow.mjs serve --port ${SERVE_PORT} --dist ${DIST} --studio-url ${EMULATOR_URL}`,
      url: SERVE_URL,
      env: { ...STUDIO_ENV },
      reuseExistingServer: !isCI,
      timeout: 60_000,
    },
  ],
});
