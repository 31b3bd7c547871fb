/**
 * Autosave that loses nothing: each tab's flow survives reloads, a killed browser and other tabs; flows saved by
 * earlier versions are migrated; records that cannot be read are kept and downloadable. Unit tests cover the
 * engine's decisions (src/app/persistence/*.test.ts); these run them in Chromium with real IndexedDB, Web Locks,
 * BroadcastChannel and sessionStorage.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Download } from '@playwright/test';
import { expect, test, type Page } from './test';
import { killBrowser, waitUntilEnded } from './crash';
import { EditorPage, fixtureDefinition } from './pages/EditorPage';

const STANDBY = 'ft__vaccine-standby-list__sms-studio-flow.json';
const STANDBY_NAME = 'ft__vaccine-standby-list__sms-studio-flow';
const SIMPLE = 'twilio-docs__simple-flow-definition.json';
const SIMPLE_NAME = 'twilio-docs__simple-flow-definition';
const STANDBY_WIDGETS = fixtureDefinition(STANDBY).states.length;
const SIMPLE_WIDGETS = fixtureDefinition(SIMPLE).states.length;

/** An edit through the UI: a widget added from the library. */
async function addWidget(editor: EditorPage, title = 'Set Variables'): Promise<void> {
  await editor.paletteItem(title).click();
}

/** How many widgets this tab's saved document has (null: none saved). */
async function savedWidgets(editor: EditorPage): Promise<number | null> {
  return (await editor.savedRecord())?.definition?.states.length ?? null;
}

async function readDownload(download: Download): Promise<string> {
  return readFileSync(await download.path(), 'utf8');
}

/** A tab opened by this one with window.open: it starts with a copy of sessionStorage, as a duplicated tab does. */
async function duplicateTab(page: Page): Promise<EditorPage> {
  const opened = page.context().waitForEvent('page');
  await page.evaluate(() => void window.open('/', '_blank'));
  const tab = new EditorPage(await opened);
  await tab.page.waitForLoadState();
  return tab;
}

test.describe('tabs', () => {
  test('two tabs editing different flows keep both: each reload finds its own, a restart offers both', async ({
    page,
    context,
  }) => {
    const a = new EditorPage(page);
    await a.goto();
    await a.openFile(STANDBY);
    await addWidget(a);
    await expect.poll(() => savedWidgets(a)).toBe(STANDBY_WIDGETS + 1);

    // A second tab has no flow of its own: its start screen offers the first tab's, marked as open there.
    const b = new EditorPage(await context.newPage());
    await b.goto();
    await expect(b.main.getByRole('heading', { name: 'No flow open' })).toBeVisible();
    await expect(b.savedEntry(STANDBY_NAME)).toContainText('Open in another tab');
    await b.openFile(SIMPLE);
    await addWidget(b);
    await addWidget(b);
    await expect.poll(() => savedWidgets(b)).toBe(SIMPLE_WIDGETS + 2);
    expect(await b.savedDocumentId()).not.toBe(await a.savedDocumentId());

    // Each tab reloads into its own flow, edits included.
    await a.page.reload();
    await expect(a.page.getByText(/^Restored your last session/)).toBeVisible();
    await expect(a.status).toContainText(STANDBY);
    await expect(a.status).toContainText(`${STANDBY_WIDGETS + 1} widgets`);
    await b.page.reload();
    await expect(b.status).toContainText(SIMPLE);
    await expect(b.status).toContainText(`${SIMPLE_WIDGETS + 2} widgets`);

    // A restart: the tabs are gone; a new tab offers both, the most recently saved first.
    await a.page.close();
    await b.page.close();
    const c = new EditorPage(await context.newPage());
    await c.goto();
    await expect(c.savedList()).toHaveCount(2);
    await expect(c.savedList().nth(0)).toContainText(SIMPLE_NAME);
    await expect(c.savedList().nth(0)).toContainText(`${SIMPLE_WIDGETS + 2} widgets`);
    await expect(c.savedList().nth(1)).toContainText(STANDBY_NAME);
    await expect(c.savedList().nth(1)).toContainText(`${STANDBY_WIDGETS + 1} widgets`);
    await expect(c.savedList().nth(1)).toContainText(/saved \d\d:\d\d/);
    await expect(c.main.getByText('Open in another tab')).toHaveCount(0);

    // Forgetting asks first.
    await c
      .savedEntry(SIMPLE_NAME)
      .getByRole('button', { name: `Forget ${SIMPLE_NAME}…` })
      .click();
    const confirm = c.page.getByRole('alertdialog', { name: `Forget “${SIMPLE_NAME}”?` });
    await expect(confirm).toBeVisible();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(c.savedList()).toHaveCount(2);
    await c
      .savedEntry(SIMPLE_NAME)
      .getByRole('button', { name: `Forget ${SIMPLE_NAME}…` })
      .click();
    await confirm.getByRole('button', { name: 'Forget', exact: true }).click();
    await expect(c.savedList()).toHaveCount(1);

    await c
      .savedEntry(STANDBY_NAME)
      .getByRole('button', { name: `Open ${STANDBY_NAME}` })
      .click();
    await expect(c.status).toContainText(`${STANDBY_WIDGETS + 1} widgets`);
  });

  test('a duplicated tab is told the flow is open in another tab; a copy is saved on its own', async ({
    page,
  }) => {
    const a = new EditorPage(page);
    await a.goto();
    await a.openFile(STANDBY);
    await addWidget(a);
    await expect.poll(() => savedWidgets(a)).toBe(STANDBY_WIDGETS + 1);
    const original = await a.savedDocumentId();

    const dup = await duplicateTab(page);
    const prompt = dup.page.getByRole('alertdialog', { name: 'This flow is open in another tab' });
    await expect(prompt).toBeVisible();
    await expect(prompt).toContainText(`“${STANDBY_NAME}” is open in another tab`);
    await prompt.getByRole('button', { name: 'Open a copy here' }).click();
    await expect(prompt).toBeHidden();
    await expect(dup.status).toContainText(`${STANDBY_WIDGETS + 1} widgets`);
    await expect(dup.page.getByText(`Opened a copy of “${STANDBY_NAME}”`)).toBeVisible();
    expect(await dup.savedDocumentId()).not.toBe(original);

    // Both go on editing; neither overwrites the other.
    await addWidget(dup);
    await addWidget(dup);
    await addWidget(a, 'Say/Play');
    await expect.poll(() => savedWidgets(dup)).toBe(STANDBY_WIDGETS + 3);
    await expect.poll(() => savedWidgets(a)).toBe(STANDBY_WIDGETS + 2);
    expect(await a.savedDocumentId()).toBe(original);
    await a.page.reload();
    await expect(a.status).toContainText(`${STANDBY_WIDGETS + 2} widgets`);
  });

  test('a flow another tab has open, opened from the list and taken over: the other tab stops saving and keeps its edits as a copy', async ({
    page,
    context,
  }) => {
    const a = new EditorPage(page);
    await a.goto();
    await a.openFile(STANDBY);
    await addWidget(a);
    await expect.poll(() => savedWidgets(a)).toBe(STANDBY_WIDGETS + 1);
    const original = await a.savedDocumentId();

    const b = new EditorPage(await context.newPage());
    await b.goto();
    await b
      .savedEntry(STANDBY_NAME)
      .getByRole('button', { name: `Open ${STANDBY_NAME}` })
      .click();
    const prompt = b.page.getByRole('alertdialog', { name: 'This flow is open in another tab' });
    await prompt.getByRole('button', { name: 'Take it over' }).click();
    await expect(b.status).toContainText(`${STANDBY_WIDGETS + 1} widgets`);
    expect(await b.savedDocumentId()).toBe(original);

    // The first tab is told at once, and no longer saves (the dialog keeps the editor from changing behind it).
    const moved = a.page.getByRole('alertdialog', { name: 'This flow moved to another tab' });
    await expect(moved).toBeVisible();
    await expect(a.header.getByText('Not saved here')).toBeVisible();

    await addWidget(b);
    await expect.poll(() => savedWidgets(b)).toBe(STANDBY_WIDGETS + 2);

    // The first tab keeps its version as a copy; the taken-over flow keeps the second tab's edits.
    await moved.getByRole('button', { name: 'Keep my version as a copy' }).click();
    await expect(moved).toBeHidden();
    await expect(a.page.getByText('Your version was saved as a copy')).toBeVisible();
    await expect.poll(() => a.savedDocumentId()).not.toBe(original);
    await expect.poll(() => savedWidgets(a)).toBe(STANDBY_WIDGETS + 1);
    await addWidget(a, 'Say/Play');
    await expect.poll(() => savedWidgets(a)).toBe(STANDBY_WIDGETS + 2);
    expect(await b.savedDocumentId()).toBe(original);
    await expect.poll(() => savedWidgets(b)).toBe(STANDBY_WIDGETS + 2);

    const c = new EditorPage(await context.newPage());
    await c.goto();
    await expect(c.savedList()).toHaveCount(2);
    await expect(c.savedList().filter({ hasText: '(copy)' })).toHaveCount(1);
  });

  test('without Web Locks or BroadcastChannel, a stale tab never overwrites a newer record: it says so and keeps its version as a copy', async ({
    page,
    context,
  }) => {
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined, configurable: true });
      Reflect.deleteProperty(window, 'BroadcastChannel');
    });
    const a = new EditorPage(page);
    await a.goto();
    await a.openFile(STANDBY);
    await expect.poll(() => savedWidgets(a)).toBe(STANDBY_WIDGETS);
    const original = await a.savedDocumentId();

    // Nothing tells the duplicate that the flow is open elsewhere: it opens it.
    const dup = await duplicateTab(page);
    await expect(dup.status).toContainText(`${STANDBY_WIDGETS} widgets`);
    await addWidget(dup);
    await expect.poll(() => savedWidgets(dup)).toBe(STANDBY_WIDGETS + 1);

    // The first tab's next write finds a revision it does not know: refused, and said.
    await addWidget(a, 'Say/Play');
    const changed = a.page.getByRole('alertdialog', { name: 'This flow was changed in another tab' });
    await expect(changed).toBeVisible();
    await expect(changed).toContainText('Your latest changes here are not in the saved flow.');
    expect(await a.savedDocumentId()).toBe(original);
    await expect.poll(() => savedWidgets(a)).toBe(STANDBY_WIDGETS + 1); // the duplicate's version, intact

    await changed.getByRole('button', { name: 'Keep my version as a copy' }).click();
    await expect.poll(() => a.savedDocumentId()).not.toBe(original);
    await expect
      .poll(async () => (await a.savedRecord())?.definition?.states.some((s) => s.type === 'say-play'))
      .toBe(true);
    expect((await dup.savedRecord())?.definition?.states.some((s) => s.type === 'set-variables')).toBe(true);
    expect(await dup.savedDocumentId()).toBe(original);
  });
});

test.describe('records of other formats', () => {
  test('format-1 records of earlier versions (IndexedDB and localStorage) are migrated once on start', async ({
    page,
    context,
  }) => {
    const editor = new EditorPage(page);
    await editor.goto();
    // Once the editor has opened its database (seeding meanwhile would race with it).
    await expect(editor.main.getByRole('heading', { name: 'No flow open' })).toBeVisible();
    const standby = fixtureDefinition(STANDBY);
    await editor.seedLegacySession({
      format: 1,
      definition: standby,
      source: { kind: 'definition', label: 'Flow definition' },
      fileName: STANDBY,
      revisions: [],
      profile: 'official',
      savedAt: '2026-01-02T03:04:05.000Z',
    });
    await page.evaluate((definition) => {
      localStorage.setItem(
        'studio-flow-editor:current',
        JSON.stringify({
          format: 1,
          definition,
          source: null,
          fileName: 'simple.json',
          revisions: [],
          profile: 'studio',
          publish: { friendlyName: 'Simple (from localStorage)', status: 'draft', commitMessage: '' },
          savedAt: '2026-02-03T04:05:06.000Z',
        }),
      );
    }, fixtureDefinition(SIMPLE));

    await page.reload();

    // The newer of the two was this browser's last session: it comes back in this tab.
    await expect(page.getByText(/^Restored your last session \(saved 2026-02-03 \d\d:\d\d\)$/)).toBeVisible();
    await expect(editor.status).toContainText(`${SIMPLE_WIDGETS} widgets`);
    await expect
      .poll(() => editor.savedRecord())
      .toMatchObject({ name: 'Simple (from localStorage)', revision: 1 });
    expect(await page.evaluate(() => localStorage.getItem('studio-flow-editor:current'))).toBeNull();

    // Once: a reload finds the tab's own flow, and the old records are gone from where they were.
    await page.reload();
    await expect(editor.status).toContainText(`${SIMPLE_WIDGETS} widgets`);
    const legacyLeft = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const request = indexedDB.open('studio-flow-editor');
          request.onsuccess = () => {
            const db = request.result;
            const count = db.transaction('session').objectStore('session').count();
            count.onsuccess = () => {
              db.close();
              resolve(count.result);
            };
          };
        }),
    );
    expect(legacyLeft).toBe(0);

    const other = new EditorPage(await context.newPage());
    await other.goto();
    await expect(other.savedList()).toHaveCount(2);
    await other
      .savedEntry(STANDBY_NAME)
      .getByRole('button', { name: `Open ${STANDBY_NAME}` })
      .click();
    await expect(other.status).toContainText(`${STANDBY_WIDGETS} widgets`);
    await expect(other.profile).toHaveValue('official');
  });

  test('a record of a newer format is kept aside, told about, and downloadable; it is never written to', async ({
    page,
    context,
  }) => {
    const editor = new EditorPage(page);
    await editor.goto();
    // Once the editor has made its database (writing into it meanwhile would race with that).
    await expect(editor.main.getByRole('heading', { name: 'No flow open' })).toBeVisible();
    const future = {
      format: 3,
      id: 'saved-by-a-newer-version',
      revision: 41,
      writer: 'someone',
      name: 'Flow from the future',
      savedAt: '2027-01-01T00:00:00.000Z',
      body: { whatever: ['the newer version', 'keeps here'] },
    };
    await page.evaluate(
      (record) =>
        new Promise<void>((resolve) => {
          sessionStorage.setItem('studio-flow-editor:document', record.id);
          const request = indexedDB.open('studio-flow-editor');
          request.onsuccess = () => {
            const db = request.result;
            const transaction = db.transaction('documents', 'readwrite');
            transaction.objectStore('documents').put(record, record.id);
            transaction.oncomplete = () => {
              db.close();
              resolve();
            };
          };
        }),
      future,
    );

    await page.reload();

    await expect(page.getByText('Your last session could not be restored')).toBeVisible();
    await expect(editor.header.getByText(/saved by a newer version of the editor \(format 3/)).toBeVisible();
    const download = page.waitForEvent('download');
    await editor.header.getByRole('button', { name: 'Download it' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.json$/);
    expect(JSON.parse(await readDownload(file))).toEqual({ record: future, parts: [] });

    const broken = editor.main.getByRole('region', { name: 'Saved flows that cannot be opened' });
    await expect(broken.getByRole('listitem')).toContainText('Flow from the future');
    await expect(broken.getByRole('listitem')).toContainText('Saved by a newer version of the editor');

    // The next flow is saved under an id of its own; the newer record stays exactly as it was.
    await editor.main.getByRole('button', { name: 'New flow' }).click();
    await expect.poll(() => editor.savedDocumentId()).not.toBe(future.id);
    await expect.poll(() => savedWidgets(editor)).toBe(1);
    const other = new EditorPage(await context.newPage());
    await other.goto();
    const fromList = other.page.waitForEvent('download');
    await other.main.getByRole('button', { name: 'Download Flow from the future' }).click();
    expect(JSON.parse(await readDownload(await fromList))).toEqual({ record: future, parts: [] });
  });
});

/** Fails on any page error in a context the test launched itself (the shared guard watches only its own). */
function watchPageErrors(context: BrowserContext): () => string[] {
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return () => errors;
}

test('kill and reopen: an edit saved before the browser is killed is there after a restart', async ({
  baseURL,
}, testInfo) => {
  const profile = mkdtempSync(join(tmpdir(), 'studio-flow-editor-kill-'));
  const launchOptions = testInfo.project.use.launchOptions ?? {};
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      ...launchOptions,
      headless: true,
      baseURL,
      viewport: { width: 1280, height: 800 },
      reducedMotion: 'reduce',
    });
  try {
    let context = await launch();
    let errors = watchPageErrors(context);
    let editor = new EditorPage(context.pages()[0] ?? (await context.newPage()));
    await editor.goto();
    await editor.openFile(STANDBY);
    await addWidget(editor);
    // Saved when the header says so (and the record shows it).
    await expect.poll(() => savedWidgets(editor)).toBe(STANDBY_WIDGETS + 1);
    await expect(editor.header.getByText('Saved', { exact: true })).toBeVisible();
    expect(errors()).toEqual([]);

    // A restart after a crash: once the old processes are gone (until then they hold the profile's files).
    await waitUntilEnded(killBrowser(profile));
    await context.close().catch(() => undefined);

    context = await launch();
    errors = watchPageErrors(context);
    editor = new EditorPage(context.pages()[0] ?? (await context.newPage()));
    await editor.goto();
    // A new tab after the crash (Playwright restores no tabs): the flow is offered, edit included.
    await expect(editor.savedEntry(STANDBY_NAME)).toContainText(`${STANDBY_WIDGETS + 1} widgets`);
    await editor
      .savedEntry(STANDBY_NAME)
      .getByRole('button', { name: `Open ${STANDBY_NAME}` })
      .click();
    await expect(editor.status).toContainText(`${STANDBY_WIDGETS + 1} widgets`);
    await expect(editor.widgetRow('set_variables_1')).toBeVisible();
    expect(errors()).toEqual([]);
    await context.close();
  } finally {
    killBrowser(profile);
    rmSync(profile, { recursive: true, force: true });
  }
});
