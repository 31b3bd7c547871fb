/**
 * Autosave loss window: how long after an edit the browser can die without losing it.
 *
 * For generated flows of 100 and 2,000 widgets (scripts/generate-flow.ts: a layered 2-D layout, as wide as it is
 * deep), the production build runs in a Chromium with a persistent profile folder (`launchPersistentContext`).
 * Each trial opens the saved flow, types a unique text into one widget's "Message body" field (one edit, one
 * input event), and kills every process of the browser at once (e2e/crash.ts: SIGSTOP then SIGKILL, no shutdown)
 * N ms after that input event (N = 0, 5, 10, 25, 50, 100, 250): a capturing listener in the page reports the
 * event's time (wall clock) to this process through a binding, which schedules the kill from it, the processes
 * having been looked up beforehand. Then it launches the browser again on the same profile and reads the saved
 * flow as the editor would (record and write-ahead entry): did the edit survive? Several trials per N, and when
 * each kill actually landed (the binding's message takes a millisecond or two, so N = 0 lands a little after the
 * event). The loss window is where survival drops below 100 %.
 *
 * Then, on the same flow, typing cost: 24 keys 60 ms apart into the same field, with every IndexedDB `put` timed
 * (the structured clone of what is written happens inside it, on the main thread), keystroke → next frame, long
 * tasks, and for reference what cloning the whole definition costs (what a write of the whole record would clone
 * per keystroke).
 *
 * Run: `npm run bench:canvas` (builds first; runs every e2e/perf/*.bench.ts), or this file alone:
 *   npx vite build --outDir dist-d && E2E_DIST=dist-d npx playwright test -c playwright.perf.config.ts autosave-loss
 * Environment: BENCH_SIZES (100,2000), LOSS_DELAYS (0,5,10,25,50,100,250), LOSS_REPEATS (5), BENCH_LABEL (a name
 * for the build in the tables; a build of the format-1 editor, which restores its one session by itself, works
 * too). Prints Markdown tables. Nothing is asserted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type LaunchOptions } from '@playwright/test';
import { expect, test, type Page } from '../test';
import { generateFlow } from '../../scripts/generate-flow';
import { browserProcesses, killBrowser, killProcesses, waitUntilEnded } from '../crash';
import { EditorPage } from '../pages/EditorPage';
import { InspectorPage } from '../pages/InspectorPage';
import { median, pasteIntoImportDialog } from './support';

const SIZES = (process.env.BENCH_SIZES ?? '100,2000').split(',').map(Number);
/** Counted from the edit's input event in the page (wall clock), not from when Playwright hears back. */
const DELAYS = (process.env.LOSS_DELAYS ?? '0,5,10,25,50,100,250').split(',').map(Number);
const REPEATS = Number(process.env.LOSS_REPEATS ?? 5);
const LABEL = process.env.BENCH_LABEL ?? 'this build';
/** A Send Message widget in every generated flow, and its text field. */
const WIDGET = 'widget_3';
const FIELD = 'Message body';
const TYPED = 'typing into a big flow ';

interface LossRow {
  size: number;
  survived: Map<number, { kept: number; trials: number }>;
  /** When the kill actually landed, from the edit's input event (wall clock of the page and of this process). */
  lagMs: Map<number, number[]>;
}
interface TypingRow {
  size: number;
  keyMedianMs: number;
  keyMaxMs: number;
  writes: number;
  putMsPerKey: number;
  putMsMax: number;
  wholeCloneMs: number;
  longTasks: number;
}
const lossRows: LossRow[] = [];
const typingRows: TypingRow[] = [];

test.setTimeout(1_200_000);

interface Launched {
  context: BrowserContext;
  page: Page;
}

async function launch(profile: string, baseURL: string, options: LaunchOptions): Promise<Launched> {
  const context = await chromium.launchPersistentContext(profile, {
    ...options,
    headless: true,
    baseURL,
    viewport: { width: 1280, height: 800 },
    reducedMotion: 'reduce',
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/**
 * The body text of WIDGET in the saved flow, read straight from IndexedDB: this build's layout (document `id`'s
 * header and widget chunks), or format 1's single `session`/`current` record of earlier builds.
 */
function savedBody(page: Page, id: string | null, widget: string): Promise<string | null> {
  return page.evaluate(
    ({ id, widget }) =>
      new Promise<string | null>((resolve) => {
        const request = indexedDB.open('studio-flow-editor');
        request.onerror = () => resolve(null);
        request.onsuccess = () => {
          const db = request.result;
          const bodyIn = (states: unknown): string | null => {
            const found = (states as { name: string; properties: { body?: unknown } }[] | undefined)?.find(
              (w) => w.name === widget,
            );
            return typeof found?.properties.body === 'string' ? found.properties.body : null;
          };
          if (id !== null && db.objectStoreNames.contains('parts')) {
            // As the editor reads it: the record, and the newest write-ahead entry based on exactly that record.
            const stores = ['documents', 'parts', 'wal'].filter((name) => db.objectStoreNames.contains(name));
            const t = db.transaction(stores);
            const header = t.objectStore('documents').get(id);
            const chunks = t
              .objectStore('parts')
              .getAll(IDBKeyRange.bound([id, 'states'], [id, 'states', []]));
            const ahead = stores.includes('wal')
              ? t.objectStore('wal').getAll(IDBKeyRange.bound([id], [id, []]))
              : null;
            t.oncomplete = () => {
              db.close();
              type Entry = {
                base: { revision: number; writer: string };
                chunks: [number, unknown[]][];
                at: string;
              };
              const stored = header.result as { revision: number; writer: string };
              const entry = ((ahead?.result ?? []) as Entry[])
                .filter((e) => e.base.revision === stored.revision && e.base.writer === stored.writer)
                .sort((a, b) => b.at.localeCompare(a.at))[0];
              const merged = [...(chunks.result as unknown[][])];
              for (const [index, widgets] of entry?.chunks ?? []) merged[index] = widgets;
              resolve(bodyIn(merged.flat()));
            };
            t.onerror = () => resolve(null);
          } else if (db.objectStoreNames.contains('session')) {
            const t = db.transaction('session');
            const record = t.objectStore('session').get('current');
            t.oncomplete = () => {
              db.close();
              resolve(
                bodyIn(
                  (record.result as { definition?: { states?: unknown } } | undefined)?.definition?.states,
                ),
              );
            };
            t.onerror = () => resolve(null);
          } else {
            db.close();
            resolve(null);
          }
        };
      }),
    { id, widget },
  );
}

/** Shows the saved flow: this build lists it on a new tab's start screen; format-1 builds restore it by themselves. */
async function openSavedFlow(page: Page, size: number): Promise<EditorPage> {
  const editor = new EditorPage(page);
  if (!page.url().startsWith('http')) await editor.goto();
  const open = editor
    .savedList()
    .first()
    .getByRole('button', { name: /^Open / });
  const isOpen = async () => ((await editor.status.textContent()) ?? '').includes(`${size} widgets`);
  await expect.poll(async () => (await open.isVisible()) || (await isOpen()), { timeout: 60_000 }).toBe(true);
  if (!(await isOpen())) await open.click();
  // The document status (not its visibility: the header leaves it no width at laptop sizes) names the flow.
  await expect(editor.status).toContainText(`${size} widgets`, { timeout: 60_000 });
  return editor;
}

for (const size of SIZES) {
  test(`autosave loss window at ${size} widgets`, async ({ baseURL }, testInfo) => {
    const options = testInfo.project.use.launchOptions ?? {};
    const profile = mkdtempSync(join(tmpdir(), `studio-flow-editor-loss-${size}-`));
    const definition = generateFlow(size);
    const row: LossRow = {
      size,
      survived: new Map(DELAYS.map((d) => [d, { kept: 0, trials: 0 }])),
      lagMs: new Map(DELAYS.map((d) => [d, []])),
    };
    lossRows.push(row);
    try {
      let current = await launch(profile, baseURL ?? '', options);
      let editor = new EditorPage(current.page);
      await editor.goto();
      await pasteIntoImportDialog(current.page, JSON.stringify(definition, null, 2));
      await current.page.getByRole('dialog').getByRole('button', { name: 'Import', exact: true }).click();
      await expect(editor.status).toContainText(`${size} widgets`, { timeout: 60_000 });
      const id = await current.page.evaluate(() => sessionStorage.getItem('studio-flow-editor:document'));
      await expect.poll(() => savedBody(current.page, id, WIDGET), { timeout: 30_000 }).not.toBeNull();

      for (let repeat = 0; repeat < REPEATS; repeat++) {
        for (const delay of DELAYS) {
          editor = await openSavedFlow(current.page, size);
          const inspector = new InspectorPage(current.page, editor);
          await inspector.select(WIDGET);
          // Let the opening settle (layout, validation, the first frames) so the edit is all that is pending.
          await current.page.waitForTimeout(300);
          const marker = `trial ${repeat}/${delay} ${Date.now()}`;
          // Looked up beforehand, so that the kill itself is a few system calls and N is what it says.
          const pids = browserProcesses(profile);
          // The page tells when the edit happened (its input event, wall clock), and may ask for the kill then.
          let editAt = Number.NaN;
          let killedNow: (pids: number[]) => void = () => undefined;
          const killed = new Promise<number[]>((resolve) => (killedNow = resolve));
          const kill = () => {
            // When the first processes stop (the rest follows while they cannot run).
            row.lagMs.get(delay)?.push(performance.timeOrigin + performance.now() - editAt);
            killedNow(killProcesses(pids, profile));
          };
          await current.page.exposeBinding('__benchEdit', (_source, at: number) => {
            editAt = at;
            const wait = editAt + delay - (performance.timeOrigin + performance.now());
            if (wait <= 0) kill();
            else setTimeout(kill, wait);
          });
          await current.page.evaluate(() => {
            const w = window as unknown as { __benchEdit: (at: number) => void };
            document.addEventListener(
              'input',
              () => w.__benchEdit(performance.timeOrigin + performance.now()),
              {
                capture: true,
                once: true,
              },
            );
          });
          // fill() may not get its answer: the browser may be gone by then.
          await inspector
            .field(FIELD)
            .fill(marker, { timeout: 5_000 })
            .catch(() => undefined);
          // A restart: only once the old processes are gone (until then they hold the profile's files).
          await waitUntilEnded(await killed);
          await current.context.close().catch(() => undefined);

          current = await launch(profile, baseURL ?? '', options);
          await current.page.goto('/');
          const kept = (await savedBody(current.page, id, WIDGET)) === marker;
          const cell = row.survived.get(delay);
          if (cell) {
            cell.trials++;
            if (kept) cell.kept++;
          }
        }
      }

      // Typing cost on the same flow: every IndexedDB put timed (the clone of what is written happens in it).
      editor = await openSavedFlow(current.page, size);
      const inspector = new InspectorPage(current.page, editor);
      await inspector.select(WIDGET);
      await current.page.waitForTimeout(500);
      const wholeCloneMs = await current.page.evaluate((d) => {
        const times: number[] = [];
        for (let i = 0; i < 7; i++) {
          const t0 = performance.now();
          structuredClone(d);
          times.push(performance.now() - t0);
        }
        return times.sort((a, b) => a - b)[3] ?? 0;
      }, definition);
      await current.page.evaluate(() => {
        const w = window as unknown as { __typing: { keys: number[]; puts: number[]; long: number[] } };
        w.__typing = { keys: [], puts: [], long: [] };
        // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the store as `this`
        const put = IDBObjectStore.prototype.put;
        IDBObjectStore.prototype.put = function (
          this: IDBObjectStore,
          ...args: Parameters<IDBObjectStore['put']>
        ) {
          const t0 = performance.now();
          try {
            return put.apply(this, args);
          } finally {
            w.__typing.puts.push(performance.now() - t0);
          }
        };
        document.addEventListener(
          'keydown',
          () => {
            const t0 = performance.now();
            requestAnimationFrame(() => setTimeout(() => w.__typing.keys.push(performance.now() - t0), 0));
          },
          { capture: true },
        );
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__typing.long.push(e.duration);
        }).observe({ type: 'longtask', buffered: false });
      });
      await inspector.field(FIELD).click();
      await current.page.keyboard.press('End');
      await current.page.keyboard.type(TYPED, { delay: 60 });
      await current.page.waitForTimeout(1000);
      const probe = await current.page.evaluate(
        () =>
          (window as unknown as { __typing: { keys: number[]; puts: number[]; long: number[] } }).__typing,
      );
      // A write puts the changed chunk(s) and the header: group the puts per keystroke.
      typingRows.push({
        size,
        keyMedianMs: median(probe.keys),
        keyMaxMs: Math.max(...probe.keys),
        writes: probe.puts.length,
        putMsPerKey: probe.puts.reduce((a, b) => a + b, 0) / TYPED.length,
        putMsMax: Math.max(0, ...probe.puts),
        wholeCloneMs,
        longTasks: probe.long.length,
      });
      await current.context.close();
    } finally {
      killBrowser(profile);
      rmSync(profile, { recursive: true, force: true });
    }
  });
}

test.afterAll(() => {
  const pct = (cell: { kept: number; trials: number } | undefined) =>
    cell && cell.trials > 0
      ? `${cell.kept}/${cell.trials} (${Math.round((100 * cell.kept) / cell.trials)} %)`
      : '–';
  const lag = (r: LossRow, d: number) => {
    const lags = r.lagMs.get(d) ?? [];
    return lags.length > 0 ? `${median(lags).toFixed(1)} ms` : '–';
  };
  const loss = [
    `| widgets | ${DELAYS.map((d) => `killed ${d} ms after the edit`).join(' | ')} |`,
    `|---:|${DELAYS.map(() => '---:').join('|')}|`,
    ...lossRows.flatMap((r) => [
      `| ${r.size.toLocaleString('en-US')} | ${DELAYS.map((d) => pct(r.survived.get(d))).join(' | ')} |`,
      `| (the kill landed, median) | ${DELAYS.map((d) => lag(r, d)).join(' | ')} |`,
    ]),
  ];
  const typing = [
    '| widgets | keystroke → next frame (median / worst) | IndexedDB puts while typing | put() time per keystroke (mean) / longest put | cloning the whole definition | long tasks |',
    '|---:|---:|---:|---:|---:|---:|',
    ...typingRows.map(
      (r) =>
        `| ${r.size.toLocaleString('en-US')} | ${r.keyMedianMs.toFixed(0)} / ${r.keyMaxMs.toFixed(0)} ms | ${r.writes} for ${TYPED.length} keys | ${r.putMsPerKey.toFixed(2)} / ${r.putMsMax.toFixed(2)} ms | ${r.wholeCloneMs.toFixed(1)} ms | ${r.longTasks} |`,
    ),
  ];
  console.log(
    `\nAutosave loss window (${LABEL}; headless Chromium, production build; edits that survived a kill; below each row, when the kill landed after the edit's input event)\n\n` +
      `${loss.join('\n')}\n\nTyping cost of autosave (${LABEL})\n\n${typing.join('\n')}\n`,
  );
});
