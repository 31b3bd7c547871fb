/**
 * Compare-mode benchmark: a ListFlowRevision response with two revisions of a generated flow of 100 – 2,000
 * widgets (revision 2 = revision 1 with ~5 % of the widgets edited, moved, rewired, removed or added and ~2 %
 * renamed, scripts/edit-flow.ts) is opened in the production build; then, as a user would:
 *  - Compare → diff shown: from the click on Compare in the dialog to the first frame with the union canvas's
 *    cards on screen (diff, mapping, layout check and first render);
 *  - n → next change shown: from each n key press to the frame after the change list's selection moved (the
 *    canvas centres the widget and the property table and JSON diff are rebuilt), median and worst of 10;
 *  - pan fps on the union canvas with the whole flow fitted (Fit View), counted with requestAnimationFrame for 2 s;
 *  - JS heap after a forced GC, in compare mode (the editor stays mounted underneath).
 * Prints a Markdown table. Run: `npm run bench:canvas` (builds first; runs every e2e/perf/*.bench.ts).
 * Nothing is asserted.
 */
import { expect, test, type Page } from '../test';
import { editAndRename } from '../../scripts/edit-flow';
import { generateFlow } from '../../scripts/generate-flow';
import { diffFlows } from '../../src/diff';
import { freshEditor, median, pasteIntoImportDialog } from './support';

const SIZES = (process.env.BENCH_SIZES ?? '100,500,1000,2000').split(',').map(Number);
const STEPS = 10;
const PAN_MS = 2000;

interface Row {
  size: number;
  changes: number;
  showMs: number;
  stepMedianMs: number;
  stepMaxMs: number;
  panFps: number;
  heapMb: number;
}
const rows: Row[] = [];

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });
test.setTimeout(180_000);

function revisionList(size: number): { text: string; changes: number } {
  const first = generateFlow(size);
  const second = editAndRename(first);
  const diff = diffFlows(first, second);
  const changes = diff.widgets.filter((w) => w.kind !== 'unchanged' && w.kind !== 'moved').length;
  const flowSid = 'FW00000000000000000000000000000000';
  const revision = (n: number, definition: unknown, message: string) => ({
    sid: flowSid,
    account_sid: 'AC00000000000000000000000000000000',
    friendly_name: `Benchmark ${size}`,
    definition,
    status: 'published',
    revision: n,
    commit_message: message,
    valid: true,
    errors: [],
    date_created: `2026-01-0${n}T10:00:00Z`,
    date_updated: `2026-01-0${n}T10:00:00Z`,
    url: `https://studio.twilio.com/v2/Flows/${flowSid}/Revisions/${n}`,
  });
  const list = {
    revisions: [revision(2, second, 'Edits'), revision(1, first, 'First')],
    meta: { page: 0, page_size: 50, key: 'revisions', next_page_url: null, previous_page_url: null },
  };
  return { text: JSON.stringify(list, null, 2), changes };
}

/** The time from `trigger` (a click or key press) to the frame after an element matches `ready`, measured in the page. */
async function timeFrom(page: Page, trigger: () => Promise<void>, ready: string): Promise<number> {
  await page.evaluate((readySelector) => {
    const w = window as unknown as { __t: Promise<number> };
    w.__t = new Promise((resolve) => {
      // The clock starts with the user's input (capture phase, before the app sees it).
      const begin = () => {
        const start = performance.now();
        const check = () => {
          if (document.querySelector(readySelector)) {
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
          } else requestAnimationFrame(check);
        };
        check();
      };
      const once = { capture: true, once: true } as const;
      const onInput = (event: Event) => {
        document.removeEventListener('click', onInput, once);
        document.removeEventListener('keydown', onInput, once);
        if (event.type === 'click' || event.type === 'keydown') begin();
      };
      document.addEventListener('click', onInput, once);
      document.addEventListener('keydown', onInput, once);
    });
  }, ready);
  await trigger();
  return page.evaluate(() => (window as unknown as { __t: Promise<number> }).__t);
}

for (const size of SIZES) {
  test(`compare two revisions of ${size} widgets`, async ({ page }) => {
    await freshEditor(page);
    const { text, changes } = revisionList(size);
    await pasteIntoImportDialog(page, text);
    await page.getByRole('dialog').getByRole('button', { name: 'Import', exact: true }).click();
    // A list: the dialog asks which entry to open (the newest is proposed).
    await page.getByRole('dialog').getByRole('button', { name: 'Open', exact: true }).click();
    await expect(page.locator('.react-flow__node').first()).toBeVisible({ timeout: 30_000 });
    await page.waitForTimeout(500);

    await page.getByRole('banner').getByRole('button', { name: 'Compare…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Compare versions' });
    await expect(dialog.getByRole('button', { name: 'Compare', exact: true })).toBeEnabled();
    const showMs = await timeFrom(
      page,
      () => dialog.getByRole('button', { name: 'Compare', exact: true }).click(),
      '.react-flow__node[data-change]',
    );
    await page.waitForTimeout(800);

    const grid = page.getByRole('grid', { name: 'Changed widgets' });
    const steps: number[] = [];
    for (let i = 0; i < STEPS; i++) {
      const selected = grid.locator('[aria-selected="true"]');
      const before = (await selected.count()) > 0 ? await selected.getAttribute('aria-rowindex') : null;
      const ms = await timeFrom(
        page,
        () => page.keyboard.press('n'),
        before === null
          ? '[role="grid"] [aria-selected="true"]'
          : `[role="grid"] [aria-selected="true"]:not([aria-rowindex="${before}"])`,
      );
      steps.push(ms);
      await page.waitForTimeout(150);
    }

    // Pan the union canvas with the whole flow in view (Fit View): the most it ever draws.
    await page
      .getByRole('application', { name: 'Diff canvas' })
      .getByRole('button', { name: 'Fit View' })
      .click();
    await page.waitForTimeout(500);
    const pane = page.locator('.diff-canvas .react-flow__pane');
    const box = await pane.boundingBox();
    if (!box) throw new Error('no diff canvas');
    await page.evaluate(() => {
      const w = window as unknown as { __frames: number; __count: boolean };
      w.__frames = 0;
      w.__count = true;
      const tick = () => {
        if (!w.__count) return;
        w.__frames++;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.mouse.move(box.x + 20, box.y + 20);
    await page.mouse.down();
    const t0 = Date.now();
    while (Date.now() - t0 < PAN_MS) {
      const p = ((Date.now() - t0) / PAN_MS) * Math.PI * 2;
      await page.mouse.move(box.x + 20 + Math.sin(p) * 200, box.y + 20 + (1 - Math.cos(p)) * 60);
    }
    await page.mouse.up();
    const elapsed = Date.now() - t0;
    const frames = await page.evaluate(() => {
      const w = window as unknown as { __frames: number; __count: boolean };
      w.__count = false;
      return w.__frames;
    });

    const heapMb = await page.evaluate(() => {
      (window as unknown as { gc?: () => void }).gc?.();
      const mem = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
      return (mem?.usedJSHeapSize ?? 0) / 1024 / 1024;
    });

    rows.push({
      size,
      changes,
      showMs,
      stepMedianMs: median(steps),
      stepMaxMs: Math.max(...steps),
      panFps: (frames * 1000) / elapsed,
      heapMb,
    });
  });
}

test.afterAll(() => {
  const lines = [
    '| widgets | changed widgets | Compare → diff on screen | n → next change shown (median / worst) | pan fps (whole flow fitted) | JS heap (editor + compare) |',
    '|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.size.toLocaleString('en-US')} | ${r.changes} | ${Math.round(r.showMs)} ms | ${r.stepMedianMs.toFixed(0)} / ${r.stepMaxMs.toFixed(0)} ms | ${r.panFps.toFixed(0)} | ${r.heapMb.toFixed(1)} MB |`,
    ),
  ];
  console.log('\nCompare-mode benchmark (headless Chromium, production build)\n\n' + lines.join('\n') + '\n');
});
