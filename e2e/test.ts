/**
 * The `test` every spec imports (instead of `@playwright/test`'s): the same, plus a guard that fails the test on any
 * uncaught page error, unhandled rejection or `console.error` in any page of the test's browser context, unless the
 * test said it expects that error. A suite that ignores page errors is blind to a whole class of bugs (a crash
 * behind a working-looking screen), so the guard is automatic: no spec can forget it.
 *
 * Expecting an error (match on the message, as a substring or a regular expression):
 *
 *   test.use({ expectedPageErrors: [/Failed to load resource/] });  // a whole file or describe block
 *   pageErrors.expect('quota');                                      // from inside one test
 *
 * An expected error that never happened is not a failure (some errors are timing-dependent); an unexpected one is,
 * with every message listed.
 */
import { expect, test as base, type ConsoleMessage, type Page } from '@playwright/test';

export type ErrorPattern = string | RegExp;

export interface PageErrorRecord {
  kind: 'pageerror' | 'console.error';
  message: string;
  url: string;
}

export interface PageErrors {
  /** Every error seen so far in any page of the context. */
  readonly all: readonly PageErrorRecord[];
  /** The errors not matched by any expected pattern. */
  unexpected: () => PageErrorRecord[];
  /** Declares an error this test provokes on purpose. */
  expect: (pattern: ErrorPattern) => void;
}

function matches(pattern: ErrorPattern, message: string): boolean {
  return typeof pattern === 'string' ? message.includes(pattern) : pattern.test(message);
}

function consoleText(message: ConsoleMessage): string {
  const location = message.location();
  const where = location.url ? ` (${location.url}:${location.lineNumber + 1})` : '';
  return `${message.text()}${where}`;
}

export const test = base.extend<{ expectedPageErrors: ErrorPattern[]; pageErrors: PageErrors }>({
  expectedPageErrors: [[], { option: true }],
  pageErrors: [
    async ({ context, expectedPageErrors }, use, testInfo) => {
      const records: PageErrorRecord[] = [];
      const patterns: ErrorPattern[] = [...expectedPageErrors];
      const watch = (page: Page) => {
        page.on('pageerror', (error) => {
          records.push({ kind: 'pageerror', message: `${error.name}: ${error.message}`, url: page.url() });
        });
        page.on('console', (message) => {
          if (message.type() === 'error') {
            records.push({ kind: 'console.error', message: consoleText(message), url: page.url() });
          }
        });
      };
      for (const page of context.pages()) watch(page);
      context.on('page', watch);
      const errors: PageErrors = {
        all: records,
        unexpected: () => records.filter((r) => !patterns.some((p) => matches(p, r.message))),
        expect: (pattern) => patterns.push(pattern),
      };
      await use(errors);
      context.off('page', watch);
      const unexpected = errors.unexpected();
      // Not on a test that already failed (its own error says more); on every other one, test.fail() ones included.
      if (unexpected.length > 0 && testInfo.status === 'passed') {
        const list = unexpected.map((r) => `  [${r.kind}] ${r.message}  — at ${r.url}`).join('\n');
        throw new Error(
          `${unexpected.length} unexpected page error${unexpected.length > 1 ? 's' : ''} during the test:\n${list}\n` +
            'Fix the cause, or declare the error with test.use({ expectedPageErrors }) / pageErrors.expect().',
        );
      }
    },
    { auto: true },
  ],
});

export { expect };
export type { Dialog, Locator, Page } from '@playwright/test';
