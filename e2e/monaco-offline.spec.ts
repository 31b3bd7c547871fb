import { expect, test } from './test';
import { ComparePage } from './pages/ComparePage';
import { EditorPage } from './pages/EditorPage';

/*
 * Monaco through @monaco-editor/react, bundled: the wrapper's loader defaults to fetching Monaco from a CDN, and
 * src/jsonview/monacoSetup.ts hands it the bundled copy instead. Opening the JSON view and the JSON diff (the two
 * editors, their chunks and both workers) must make no request anywhere but the page's own server. Every request
 * is recorded, anything else is refused at the network layer, and so is every attempt the Content-Security-Policy
 * stops before it reaches the network (the loader's CDN <script> would be one: script-src 'self').
 */

const REVISIONS = 'levelup-studio__daily-sit-down-parent.revisions.json';

test('the JSON view and the JSON diff open with no request leaving the page', async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? '').origin;
  /** Whether a request goes to the network beyond the preview server (data: and blob: URLs stay in the page). */
  const leaves = (url: string) => {
    const parsed = new URL(url);
    return parsed.protocol !== 'data:' && parsed.protocol !== 'blob:' && parsed.origin !== origin;
  };
  const requested: string[] = [];
  const refused: string[] = [];
  page.context().on('request', (request) => requested.push(request.url()));
  await page.context().route(
    (url) => leaves(url.href),
    (route) => {
      refused.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );

  await page.addInitScript(() => {
    const record: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = record;
    document.addEventListener('securitypolicyviolation', (e) => {
      record.push(`${e.effectiveDirective} refused ${e.blockedURI || '(inline)'}`);
    });
  });
  const violations = () =>
    page.evaluate(() => [...(window as unknown as { cspViolations: string[] }).cspViolations]);

  const editor = new EditorPage(page);
  const compare = new ComparePage(page);
  await editor.goto();
  await editor.openFile(REVISIONS);
  await editor.importDialog.getByRole('button', { name: 'Open' }).click();
  await expect(editor.status).toContainText('Revision 3 of “Daily Sit-Down Parent” (draft)');
  expect(requested.filter((url) => /JsonEditor|JsonDiffEditor|worker/.test(url))).toEqual([]);

  // The JSON view: the editor's chunk and Monaco's JSON worker, from this server.
  await page.getByRole('tab', { name: 'JSON' }).click();
  const json = page.getByRole('region', { name: 'Flow JSON' });
  // Until the editor shows or something is refused on its way: a refusal is then reported as such.
  await expect
    .poll(async () => (await violations()).length > 0 || (await json.locator('.monaco-editor').count()) > 0)
    .toBe(true);
  expect(await violations(), 'what the page tried to load from elsewhere').toEqual([]);
  await expect(json.locator('.monaco-editor .view-lines')).toContainText('"description"');
  await expect.poll(() => requested.some((url) => /\/JsonEditor-[^/]*\.js$/.test(url))).toBe(true);
  await expect.poll(() => requested.some((url) => /\/json\.worker-[^/]*\.js$/.test(url))).toBe(true);

  // The JSON diff of a changed widget, in compare mode: its chunk, and the editor worker that computes the diff.
  await compare.openButton.click();
  await expect(compare.dialog).toBeVisible();
  await compare.compareButton.click();
  await expect(compare.dialog).toBeHidden();
  await compare.changeRow('invalid_user').click();
  await expect(compare.jsonDiff.locator('.editor.original')).toContainText('ritual');
  await expect(compare.jsonDiff.locator('.editor.modified')).toContainText('lead');
  await expect.poll(() => requested.some((url) => /\/JsonDiffEditor-[^/]*\.js$/.test(url))).toBe(true);
  await expect.poll(() => requested.some((url) => /\/editor\.worker-[^/]*\.js$/.test(url))).toBe(true);
  // Leaving compare mode unmounts the diff editor and its models, quietly (the fixture fails on any page error).
  await compare.toolbar.getByRole('button', { name: 'Exit compare' }).click();
  await expect(compare.jsonDiff).toBeHidden();

  expect(await violations(), 'what the page tried to load from elsewhere').toEqual([]);
  expect(refused, 'requests refused: they would have left the page').toEqual([]);
  expect(requested.filter(leaves), 'requests outside the preview server').toEqual([]);
});
