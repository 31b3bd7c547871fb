/**
 * JSON view benchmark: loads generated flows of 100, 500, 1,000 and 2,000 widgets into the production build, opens
 * the JSON view (Monaco) and types into the flow's description as a fast typist would: three bursts of 12
 * characters, 60 ms apart, each followed by a 700 ms pause (longer than the view's 400 ms debounce, so every burst
 * is parsed, validated and applied to the flow while the user goes on). Measures:
 *  - Monaco ready: from clicking the JSON tab to the text on screen (first open loads Monaco's chunk);
 *  - keystroke → next frame: from each keydown to the frame that follows it, i.e. how long a key takes to show
 *    (median and worst);
 *  - apply: the longest task after a burst (parse + shape check + structural sharing + validation + store update);
 *  - long tasks (> 50 ms) during the whole typing phase;
 *  - whether the typed text reached the flow (read back from the store through the Flow settings form).
 * Prints a Markdown table. Run: `npm run bench:canvas` (builds first; runs every e2e/perf/*.bench.ts).
 * Nothing is asserted.
 */
import { expect, test, type Page } from '../test';
import { generateFlow } from '../../scripts/generate-flow';
import { freshEditor, median, pasteIntoImportDialog } from './support';

const SIZES = (process.env.BENCH_SIZES ?? '100,500,1000,2000').split(',').map(Number);
const BURSTS = 3;
const BURST = 'typing fast ';
const KEY_DELAY_MS = 60;
const PAUSE_MS = 700;

interface Row {
  size: number;
  textMb: number;
  readyMs: number;
  keyMedianMs: number;
  keyMaxMs: number;
  applyMs: number;
  longTasks: string;
  applied: boolean;
}
const rows: Row[] = [];

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });
test.setTimeout(180_000);

interface Probe {
  keys: number[];
  long: { start: number; duration: number }[];
  lastKey: number;
}

/** Records each keydown's time to the next frame, and every long task. */
async function installProbes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __json: Probe };
    w.__json = { keys: [], long: [], lastKey: 0 };
    document.addEventListener(
      'keydown',
      () => {
        const t0 = performance.now();
        w.__json.lastKey = t0;
        // The rAF callback runs before the frame is drawn; the task queued from it runs after.
        requestAnimationFrame(() => setTimeout(() => w.__json.keys.push(performance.now() - t0), 0));
      },
      { capture: true },
    );
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__json.long.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: false });
  });
}

async function importFlow(page: Page, text: string): Promise<void> {
  await pasteIntoImportDialog(page, text);
  await page.getByRole('dialog').getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.locator('.react-flow__node').first()).toBeVisible({ timeout: 30_000 });
}

for (const size of SIZES) {
  test(`JSON view with ${size} widgets`, async ({ page }) => {
    await freshEditor(page);
    const definition = generateFlow(size);
    const text = JSON.stringify(definition, null, 2);
    await importFlow(page, text);
    await page.waitForTimeout(500);

    const panel = page.getByRole('region', { name: 'Flow JSON' });
    const t0 = Date.now();
    await page.getByRole('tab', { name: 'JSON' }).click();
    await expect(panel.locator('.monaco-editor .view-lines')).toContainText('"description"', {
      timeout: 30_000,
    });
    const readyMs = Date.now() - t0;
    await page.waitForTimeout(500);

    // The cursor goes just before the closing quote of the description (line 2).
    await panel.locator('.monaco-editor .view-line').nth(1).click();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await installProbes(page);
    for (let b = 0; b < BURSTS; b++) {
      await page.keyboard.type(BURST, { delay: KEY_DELAY_MS });
      await page.waitForTimeout(PAUSE_MS);
    }
    await page.waitForTimeout(500);
    const probe = await page.evaluate(() => (window as unknown as { __json: Probe }).__json);

    // The text reached the flow: the Flow settings form (nothing selected) shows the store's description.
    await page.getByRole('tab', { name: 'Inspector' }).click();
    await page.keyboard.press('Escape');
    const expected = `${definition.description ?? ''}${BURST.repeat(BURSTS)}`;
    const description = page.getByRole('textbox', { name: 'Description' });
    const applied = await description
      .inputValue({ timeout: 5_000 })
      .then((v) => v === expected)
      .catch(() => false);

    const long = probe.long.filter((l) => l.duration > 50);
    rows.push({
      size,
      textMb: text.length / 1024 / 1024,
      readyMs,
      keyMedianMs: median(probe.keys),
      keyMaxMs: Math.max(...probe.keys),
      applyMs: Math.max(0, ...probe.long.map((l) => l.duration)),
      longTasks:
        long.length === 0
          ? '0'
          : `${long.length} (max ${Math.round(Math.max(...long.map((l) => l.duration)))} ms)`,
      applied,
    });
  });
}

test.afterAll(() => {
  const lines = [
    '| widgets | JSON text | JSON view ready | keystroke → next frame (median / worst) | longest task after a burst (apply) | long tasks while typing | typed text reached the flow |',
    '|---:|---:|---:|---:|---:|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.size.toLocaleString('en-US')} | ${r.textMb.toFixed(2)} MB | ${r.readyMs} ms | ${r.keyMedianMs.toFixed(0)} / ${r.keyMaxMs.toFixed(0)} ms | ${r.applyMs > 0 ? `${Math.round(r.applyMs)} ms` : '< 50 ms'} | ${r.longTasks} | ${r.applied ? 'yes' : 'NO'} |`,
    ),
  ];
  console.log(
    '\nJSON view typing benchmark (headless Chromium, production build)\n\n' + lines.join('\n') + '\n',
  );
});
