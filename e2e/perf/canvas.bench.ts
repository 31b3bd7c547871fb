/**
 * Canvas benchmark: loads generated flows of 100, 500, 1,000 and 2,000 widgets into the production build through
 * the import dialog, as a user would, and measures:
 *  - import-to-interactive: from clicking Import to the first frame after the canvas shows the flow's cards;
 *  - JS heap after a forced GC;
 *  - frames per second while dragging one widget for 2 s and while panning for 2 s (at the zoom the flow opens
 *    with, fit to view, and at 100 %), counted with requestAnimationFrame in the page;
 *  - long tasks (> 50 ms) during each phase.
 * Prints a Markdown table. Run: `npm run bench:canvas` (builds first). Nothing is asserted.
 */
import { test, type Page } from '../test';
import { generateFlow } from '../../scripts/generate-flow';
import { freshEditor, pasteIntoImportDialog } from './support';

const SIZES = (process.env.BENCH_SIZES ?? '100,500,1000,2000').split(',').map(Number);
const PHASE_MS = 2000;

interface Row {
  size: number;
  interactiveMs: number;
  heapMb: number;
  domNodes: number;
  dragFps: number;
  dragFitFps: number;
  panFitFps: number;
  pan100Fps: number;
  zoom: string;
  longTasks: string;
}
const rows: Row[] = [];

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

/** Installs frame and long-task counters in the page; `start`/`stop` bracket a phase. */
async function installProbes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __bench: { frames: number; running: boolean; long: number[] } };
    w.__bench = { frames: 0, running: false, long: [] };
    const tick = () => {
      if (w.__bench.running) w.__bench.frames++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (w.__bench.running) w.__bench.long.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
}
async function startPhase(page: Page): Promise<void> {
  await page.evaluate(() => {
    const b = (window as unknown as { __bench: { frames: number; running: boolean; long: number[] } })
      .__bench;
    b.frames = 0;
    b.long = [];
    b.running = true;
  });
}
async function stopPhase(page: Page, ms: number): Promise<{ fps: number; long: number[] }> {
  return page.evaluate((elapsed) => {
    const b = (window as unknown as { __bench: { frames: number; running: boolean; long: number[] } })
      .__bench;
    b.running = false;
    return { fps: (b.frames * 1000) / elapsed, long: b.long };
  }, ms);
}

/** Moves the mouse from `from` by (dx, dy) over `ms`, one step per ~16 ms, button held. */
async function sweep(
  page: Page,
  from: { x: number; y: number },
  dx: number,
  dy: number,
  ms: number,
): Promise<number> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    const p = ((Date.now() - t0) / ms) * Math.PI * 2;
    await page.mouse.move(from.x + Math.sin(p) * dx, from.y + (1 - Math.cos(p)) * dy * 0.5);
  }
  await page.mouse.up();
  return Date.now() - t0;
}

function fmtLong(a: number[], b: number[]): string {
  const all = [...a, ...b];
  if (all.length === 0) return '0';
  return `${all.length} (max ${Math.round(Math.max(...all))} ms)`;
}

for (const size of SIZES) {
  test(`canvas with ${size} widgets`, async ({ page }) => {
    await freshEditor(page);
    await installProbes(page);
    const text = JSON.stringify(generateFlow(size), null, 2);
    await pasteIntoImportDialog(page, text);

    // Import → the flow's cards on screen, then one more frame: the editor answers input from there on.
    await page.evaluate(() => {
      const w = window as unknown as { __ready: Promise<number> };
      w.__ready = new Promise((resolve) => {
        document.addEventListener(
          'click',
          () => {
            const start = performance.now();
            const check = () => {
              if (document.querySelector('.react-flow__node')) {
                requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - start)));
              } else requestAnimationFrame(check);
            };
            check();
          },
          { capture: true, once: true },
        );
      });
    });
    await page.getByRole('dialog').getByRole('button', { name: 'Import', exact: true }).click();
    const interactiveMs = await page.evaluate(
      () => (window as unknown as { __ready: Promise<number> }).__ready,
    );
    await page.waitForTimeout(500);

    const heapMb = await page.evaluate(() => {
      (window as unknown as { gc?: () => void }).gc?.();
      const mem = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
      return (mem?.usedJSHeapSize ?? 0) / 1024 / 1024;
    });
    const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);

    const pane = page.locator('.react-flow__pane');
    const paneBox = await pane.boundingBox();
    if (!paneBox) throw new Error('no canvas');

    // Pan at fit view (the whole flow visible: the worst case for what is drawn).
    await startPhase(page);
    let ms = await sweep(page, { x: paneBox.x + 20, y: paneBox.y + 20 }, 200, 120, PHASE_MS);
    const panFit = await stopPhase(page, ms);

    // Drag one card at fit view (the whole flow drawn: the worst case).
    const small = page.locator('.react-flow__node').nth(1);
    const smallBox = await small.boundingBox();
    if (!smallBox) throw new Error('no node at fit view');
    await startPhase(page);
    ms = await sweep(
      page,
      { x: smallBox.x + smallBox.width / 2, y: smallBox.y + smallBox.height / 2 },
      150,
      100,
      PHASE_MS,
    );
    const dragFit = await stopPhase(page, ms);
    await page.keyboard.press('Control+Z');
    await page.waitForTimeout(300);

    // Jump to a widget with the search (Ctrl+K): the canvas centres it at reading zoom; then drag it around.
    await page.keyboard.press('Control+K');
    await page.getByLabel('Jump to widget').fill('widget_3');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(800);
    const zoomText = await page.locator('.canvas-toolbar').innerText();
    const node = page.getByRole('group', { name: 'widget_3', exact: true }).first();
    const nodeBox = await node.boundingBox();
    if (!nodeBox) throw new Error('no node');
    await startPhase(page);
    ms = await sweep(page, { x: nodeBox.x + 30, y: nodeBox.y + 12 }, 150, 100, PHASE_MS);
    const drag = await stopPhase(page, ms);
    await page.waitForTimeout(300);

    await startPhase(page);
    ms = await sweep(page, { x: paneBox.x + 10, y: paneBox.y + paneBox.height - 10 }, 200, -120, PHASE_MS);
    const pan100 = await stopPhase(page, ms);

    rows.push({
      size,
      interactiveMs,
      heapMb,
      domNodes,
      dragFps: drag.fps,
      dragFitFps: dragFit.fps,
      panFitFps: panFit.fps,
      pan100Fps: pan100.fps,
      zoom: /(\d+)%/.exec(zoomText)?.[1] ?? '?',
      longTasks: fmtLong([...drag.long, ...dragFit.long], [...panFit.long, ...pan100.long]),
    });
  });
}

test.afterAll(() => {
  const lines = [
    '| widgets | import → interactive | JS heap | DOM elements | drag fps (opening view) | drag fps (zoom %) | pan fps (opening view) | pan fps (zoom %) | long tasks while dragging/panning |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.size.toLocaleString('en-US')} | ${Math.round(r.interactiveMs)} ms | ${r.heapMb.toFixed(1)} MB | ${r.domNodes.toLocaleString('en-US')} | ${r.dragFitFps.toFixed(0)} | ${r.dragFps.toFixed(0)} (${r.zoom} %) | ${r.panFitFps.toFixed(0)} | ${r.pan100Fps.toFixed(0)} (${r.zoom} %) | ${r.longTasks} |`,
    ),
  ];
  console.log('\nCanvas benchmark (headless Chromium, production build)\n\n' + lines.join('\n') + '\n');
});
