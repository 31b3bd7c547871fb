/**
 * What the page loads before it renders, and what it fetches later (src/app/App.tsx, src/validation/lazy.ts): the
 * page's own script and styles stay within a budget; the validators of each profile (its root, and each widget type's
 * own), the workspace, compare mode and the export dialog are chunks of their own. While a profile's validators are
 * on their way the problems are pending ("Checking…"), never "none".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { formatCounts, summarizeProblems } from '../src/store/problemSummary';
import { validateDefinition, type Profile } from '../src/validation';
import { EditorPage, fixtureDefinition } from './pages/EditorPage';
import { expect, test } from './test';

const STANDBY = 'ft__vaccine-standby-list__sms-studio-flow.json'; // errors in both profiles, more in `official`
const SIMPLE = 'twilio-docs__simple-flow-definition.json';

/** The build the tests run against (playwright.config.ts serves the same one). */
const DIST = process.env.E2E_DIST ?? 'dist';
/** Script and styles the built index.html loads before the app renders, gzip. */
const FIRST_LOAD_BUDGET = 200 * 1024;

/** The problems heading as the editor shows a profile's verdict on a fixture (computed in Node, same code). */
function verdict(name: string, profile: Profile): string {
  const def = fixtureDefinition(name) as unknown as Parameters<typeof validateDefinition>[0];
  return `Problems: ${formatCounts(summarizeProblems(validateDefinition(def, { profile })).total)}`;
}

/** Paths of the scripts the page has requested so far, recorded from now on. */
function requests(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (request) => paths.push(new URL(request.url()).pathname));
  return paths;
}

/** Holds the responses for chunks whose file name starts with `chunk` until `release` is called. */
async function hold(page: Page, chunk: string): Promise<() => void> {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(new RegExp(`/assets/${chunk}-[^/]*\\.js$`), async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

test('the page loads at most 200 KB (gzip) of script and styles before it renders', () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const files: string[] = [];
  for (const tag of html.match(/<(?:script|link)\b[^>]*>/g) ?? []) {
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1];
    if (tag.startsWith('<link') && rel !== 'modulepreload' && rel !== 'stylesheet') continue;
    const url = /\b(?:src|href)="\/([^"]+)"/.exec(tag)?.[1];
    if (url !== undefined && /\.(?:js|css)$/.test(url)) files.push(url);
  }
  const sizes = files.map((file) => ({ file, gzip: gzipSync(readFileSync(join(DIST, file))).length }));
  const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
  const table = sizes.map((s) => `  ${(s.gzip / 1024).toFixed(1).padStart(6)} KB  ${s.file}`).join('\n');
  expect(files.some((f) => f.endsWith('.js'))).toBe(true);
  expect(total, `first load ${(total / 1024).toFixed(1)} KB gzip:\n${table}`).toBeLessThanOrEqual(
    FIRST_LOAD_BUDGET,
  );
});

test('the official validators load when the profile is chosen; meanwhile the problems are being checked', async ({
  page,
}) => {
  const editor = new EditorPage(page);
  const requested = requests(page);
  const release = await hold(page, 'official');
  await editor.goto();
  await editor.openFile(STANDBY);
  await expect(editor.problemsHeading).toHaveText(verdict(STANDBY, 'studio'));
  expect(requested.filter((path) => /\/official-/.test(path))).toEqual([]);

  await editor.profile.selectOption({ label: 'Official schemas' });
  await expect(editor.problemsHeading).toHaveText('Problems: checking…');
  await expect(page.getByRole('region', { name: 'Problems: checking…' })).toContainText('Checking…');
  await expect(editor.problemRows()).toHaveCount(0);

  release();
  await expect(editor.problemsHeading).toHaveText(verdict(STANDBY, 'official'));
  // send-and-wait-for-reply `timeout` as a string: only Studio itself accepts it.
  await expect(editor.problemRows().filter({ hasText: 'timeout' }).first()).toBeVisible();

  // Back to studio: loaded already, so at once.
  await editor.profile.selectOption({ label: 'Studio' });
  await expect(editor.problemsHeading).toHaveText(verdict(STANDBY, 'studio'));
});

/** The widget types whose studio validators the page has requested (their chunks' names). */
function studioTypesFetched(requested: readonly string[]): string[] {
  const types = requested.flatMap((path) => /\/studio-widget-(.+)-[A-Za-z0-9_-]{8}\.js$/.exec(path)?.[1] ?? []);
  return [...new Set(types)].sort();
}

test("a flow fetches its own widget types' validators only; a widget of a type new to it is checked at once, by its schema when that validator is in", async ({
  page,
}) => {
  const editor = new EditorPage(page);
  const requested = requests(page);
  await editor.goto();
  await editor.openFile(SIMPLE);
  await expect(editor.problemsHeading).toHaveText(verdict(SIMPLE, 'studio'));
  const own = [...new Set(fixtureDefinition(SIMPLE).states.map((s) => s.type))].sort();
  expect(studioTypesFetched(requested)).toEqual(own);
  expect(own).not.toContain('make-http-request');

  // A Make HTTP Request, whose validator is held back: its empty URL is reported at once by lint (a warning),
  // and the problems are never "being checked" meanwhile.
  const release = await hold(page, 'studio-widget-make-http-request');
  const canvas = await editor.canvas.boundingBox();
  if (!canvas) throw new Error('The canvas is not on screen.');
  await editor.dropWidget('Make HTTP Request', { x: canvas.x + canvas.width - 200, y: canvas.y + 120 });
  await expect(editor.widgetRow('http_1')).toBeVisible();
  await expect(editor.problemRowsOf('http_1').filter({ hasText: 'Studio saves it as a draft' })).toHaveCount(1);
  await expect(editor.problemsHeading).not.toHaveText('Problems: checking…');
  expect(studioTypesFetched(requested)).toEqual([...own, 'make-http-request'].sort());

  // Its validator in: the schema's verdict, the same as the CLI's on the saved flow.
  release();
  await expect
    .poll(async () => (await editor.savedDefinition())?.states.some((s) => s.name === 'http_1'))
    .toBe(true);
  const saved = (await editor.savedDefinition()) as unknown as Parameters<typeof validateDefinition>[0];
  const expected = `Problems: ${formatCounts(summarizeProblems(validateDefinition(saved)).total)}`;
  await expect(editor.problemsHeading).toHaveText(expected);
  await expect(editor.problemRowsOf('http_1').filter({ hasText: 'Studio saves it as a draft' })).toHaveCount(0);
  expect(validateDefinition(saved).filter((p) => p.widget === 'http_1').map((p) => p.code)).toContain(
    'schema.min-length',
  );
});

test('a flow restored at startup shows its problems as being checked until the validators are in, never as none', async ({
  page,
}) => {
  const editor = new EditorPage(page);
  await editor.goto();
  await editor.openFile(STANDBY);
  const expected = verdict(STANDBY, 'studio');
  await expect(editor.problemsHeading).toHaveText(expected);
  await expect
    .poll(async () => (await editor.savedRecord())?.definition?.states.length)
    .toBe(fixtureDefinition(STANDBY).states.length);

  // Every text the heading shows from the first render of the reloaded page on.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { problemHeadings: string[] }).problemHeadings = seen;
    new MutationObserver(() => {
      const heading = [...document.querySelectorAll('h2')].find((h) => h.textContent.startsWith('Problems:'));
      const text = heading?.textContent;
      if (text !== undefined && seen.at(-1) !== text) seen.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  const release = await hold(page, 'studio');
  await page.reload();

  await expect(editor.widgetRow('Goodbye')).toBeVisible();
  await expect(editor.problemsHeading).toHaveText('Problems: checking…');
  release();
  await expect(editor.problemsHeading).toHaveText(expected);
  const seen = await page.evaluate(
    () => (window as unknown as { problemHeadings: string[] }).problemHeadings,
  );
  expect(seen).toEqual(['Problems: checking…', expected]);
});

test('compare mode and the export dialog are fetched when first opened, not with the page', async ({
  page,
}) => {
  const editor = new EditorPage(page);
  const requested = requests(page);
  const onDemand = (path: string) => /\/(?:CompareDialog|DiffView|ExportDialog)-[^/]*\.js$/.test(path);
  await editor.goto();
  await editor.openFile(SIMPLE);
  await expect(editor.widgetRows()).toHaveCount(fixtureDefinition(SIMPLE).states.length);
  expect(requested.filter(onDemand)).toEqual([]);

  await editor.header.getByRole('button', { name: 'Compare…' }).click();
  const compare = page.getByRole('dialog', { name: 'Compare versions' });
  await expect(compare).toBeVisible();
  await expect(compare.getByLabel('Base version')).toBeFocused();
  expect(
    requested
      .filter(onDemand)
      .map((p) => /\/(\w+)-/.exec(p)?.[1])
      .sort(),
  ).toEqual(['CompareDialog', 'DiffView']);
  await page.keyboard.press('Escape');
  await expect(compare).toBeHidden();
  await expect(editor.header.getByRole('button', { name: 'Compare…' })).toBeFocused();

  await editor.header.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByRole('dialog', { name: 'Export flow' })).toBeVisible();
  expect(requested.filter((p) => /\/ExportDialog-[^/]*\.js$/.test(p))).toHaveLength(1);
});

test('a part that cannot be fetched says so in a banner, and the rest of the editor goes on', async ({
  page,
  pageErrors,
}) => {
  pageErrors.expect(/Failed to load resource|dynamically imported module/);
  const editor = new EditorPage(page);
  await page.route(/\/assets\/ExportDialog-[^/]*\.js$/, (route) => route.abort());
  await editor.goto();
  await editor.openFile(SIMPLE);

  await editor.header.getByRole('button', { name: 'Export…' }).click();
  const banner = page.getByRole('alert').filter({ hasText: 'Could not load the export dialog.' });
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await expect(banner).toBeHidden();
  await expect(editor.widgetRows()).toHaveCount(fixtureDefinition(SIMPLE).states.length);
  await editor.header.getByRole('button', { name: 'Compare…' }).click();
  await expect(page.getByRole('dialog', { name: 'Compare versions' })).toBeVisible();
});
