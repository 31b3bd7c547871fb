/** What the browser benchmarks share: a fresh page, importing a flow as a user pastes it, medians. */
import type { Page } from '@playwright/test';

/** The editor with nothing saved from an earlier run. */
export async function freshEditor(page: Page): Promise<void> {
  await page.goto('/');
  await page.evaluate(() => indexedDB.deleteDatabase('studio-flow-editor'));
  await page.goto('/');
}

/**
 * Pastes `text` into the import dialog's "Flow JSON" box (through the clipboard, as a user pastes: typing megabytes
 * would take minutes) and waits until all of it is there: in the text box, or held aside and summarised when it is
 * too large for one (256 KB and more, see LargeTextArea). The caller clicks Import (and times it if it wants).
 */
export async function pasteIntoImportDialog(page: Page, text: string): Promise<void> {
  await page.evaluate((json) => navigator.clipboard.writeText(json), text);
  await page.getByRole('button', { name: 'Paste JSON…' }).first().click();
  await page.getByLabel('Flow JSON', { exact: true }).focus();
  await page.keyboard.press('Control+V');
  await page.waitForFunction(
    (n) =>
      (document.querySelector('textarea')?.value.length ?? 0) >= n ||
      document.querySelector('.held-text') !== null,
    text.length,
  );
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}
