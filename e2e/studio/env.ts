/**
 * The account side of the end-to-end suite: the Studio emulator (`studio-flow emulate`) and the editor served by
 * `studio-flow serve` pointed at it, both started by playwright.config.ts's webServer with these credentials. They
 * are test values the emulator accepts, fixed so that the config (main process) and the specs (workers) agree;
 * the specs check that they never reach the page.
 */
const PORT = Number(process.env.E2E_PORT ?? 4173);

/** `serve`: the editor with its proxy. */
export const SERVE_PORT = PORT + 1;
/** The emulator. */
export const EMULATOR_PORT = PORT + 2;
/** `vite preview`: the same build served without `serve`. */
export const PREVIEW_URL = `http://localhost:${PORT}`;
export const SERVE_URL = `http://127.0.0.1:${SERVE_PORT}`;
export const EMULATOR_URL = `http://127.0.0.1:${EMULATOR_PORT}`;

export const TEST_ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
export const TEST_AUTH_TOKEN = 'e2e7f0c1a5b9d3e8f2a6c0b4d8e1f5a9';

/** What `serve` and the emulator are started with. */
export const STUDIO_ENV = {
  TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
  TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
} as const;

/** Every form of the credential that must never show: the token, and the Basic header's base64 of SID:token. */
export const SECRET_FORMS: readonly string[] = [
  TEST_AUTH_TOKEN,
  Buffer.from(`${TEST_ACCOUNT_SID}:${TEST_AUTH_TOKEN}`).toString('base64'),
  TEST_AUTH_TOKEN.toUpperCase(),
];
