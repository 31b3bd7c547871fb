import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './test';
import { ComparePage } from './pages/ComparePage';
import { EditorPage, fixtureText } from './pages/EditorPage';
import { CSP_HEADER, CSP_META } from '../csp.config.ts';

/*
 * The Content-Security-Policy (csp.config.ts): sent by the server, written into the built page, and strict enough
 * that eval is refused, yet nothing the app does needs more. Every `securitypolicyviolation` is recorded on window
 * by an init script; the shared fixture (e2e/test.ts) fails the test on any page error or console.error.
 */

const STANDBY = 'ft__vaccine-standby-list__sms-studio-flow.json';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const record: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = record;
    document.addEventListener('securitypolicyviolation', (e) => {
      record.push(
        `${e.effectiveDirective} refused ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
});

function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window as unknown as { cspViolations: string[] }).cspViolations]);
}

test('the server sends the policy as a header, and the built page carries it in a meta', async ({
  request,
}) => {
  const response = await request.get('/');
  expect(response.ok()).toBe(true);
  const header = response.headers()['content-security-policy'];
  expect(header).toBe(CSP_HEADER);
  expect(header).toContain("script-src 'self';");
  expect(header).toContain("frame-ancestors 'none'");
  expect(header).not.toMatch(/unsafe-eval|https?:|\*/);

  const html = await response.text();
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
  expect(meta?.[1]).toBe(CSP_META);
  // A <meta> cannot carry frame-ancestors (the browser would ignore it with a console error).
  expect(meta?.[1]).not.toContain('frame-ancestors');
  // The meta comes before every script and stylesheet it governs.
  expect(html.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(html.indexOf('<script'));
  // No inline script at all.
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
});

test('eval is refused in the page: the policy is enforced, not only sent', async ({ page }) => {
  await page.goto('/');
  // From a task of the page's own, not inside page.evaluate: DevTools' evaluation itself is exempt from CSP.
  const outcome = await page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        setTimeout(() => {
          const results: string[] = [];
          try {
            results.push(`eval ran: ${String(eval('1'))}`);
          } catch (e) {
            results.push(`eval: ${(e as Error).name}`);
          }
          try {
            // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call -- what the policy must refuse
            results.push(`Function ran: ${String(new Function('return 2')())}`);
          } catch (e) {
            results.push(`Function: ${(e as Error).name}`);
          }
          resolve(results);
        }, 0);
      }),
  );
  expect(outcome).toEqual(['eval: EvalError', 'Function: EvalError']);
  expect((await violations(page)).some((v) => v.startsWith('script-src refused eval'))).toBe(true);
});

test('a whole session under the policy: validation, JSON view, auto-layout, images, compare — no violation', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const editor = new EditorPage(page);
  const compare = new ComparePage(page);
  const workers: { url: string; policy: string | undefined }[] = [];
  page.on('response', (response) => {
    if (/\/assets\/[^/]*worker[^/]*\.js$/.test(response.url()))
      workers.push({ url: response.url(), policy: response.headers()['content-security-policy'] });
  });
  await editor.goto();

  // Paste a flow with a schema error: the precompiled validators run (ajv compiles nothing in the page).
  const text = fixtureText(STANDBY).replace('"timeout": "3600"', '"timeout": "soon"');
  await editor.pasteJson(text);
  await expect(editor.importDialog).toBeHidden();
  await expect(editor.problemRowsOf('Welcome')).toContainText(['`timeout` must be a whole number']);
  await expect(editor.problemRowsOf('Goodbye')).toContainText(['SaveToAirtable']);
  // The other profile's validators too.
  await editor.profile.selectOption({ label: 'Official schemas' });
  await expect(editor.problemRowsOf('Name')).toContainText([
    '`timeout` must be a whole number (it is the text "3600")',
  ]);
  await editor.profile.selectOption({ label: 'Studio' });
  await expect(editor.problemRowsOf('Name')).toHaveCount(0);

  // The JSON view (Monaco, its workers) and typing into it.
  await page.getByRole('tab', { name: 'JSON' }).click();
  const json = page.getByRole('region', { name: 'Flow JSON' });
  await expect(json.locator('.monaco-editor .view-lines')).toContainText('"description": "A New Flow"');
  await json.locator('.monaco-editor .view-line').nth(1).click();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type(' under policy', { delay: 20 });
  await expect
    .poll(async () => (await editor.savedDefinition())?.description)
    .toBe('A New Flow under policy');

  // Auto-layout (elkjs, loaded on first use).
  const offsets = async () =>
    JSON.stringify(
      (await editor.savedDefinition())?.states.map((s) => (s.properties as { offset?: unknown }).offset),
    );
  const before = await offsets();
  await page.getByRole('button', { name: 'Auto-layout', exact: true }).click();
  // The first layout loads ELK (a chunk of its own): give it time on a busy machine.
  await expect.poll(offsets, { timeout: 20_000 }).not.toBe(before);

  // SVG and PNG images (the PNG is rasterised from a blob: URL through an <img> and a <canvas>).
  await editor.header.getByRole('button', { name: 'Export…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export flow' });
  for (const kind of ['SVG', 'PNG']) {
    const downloaded = page.waitForEvent('download');
    await exportDialog.getByRole('button', { name: `Download ${kind}`, exact: true }).click();
    const file = await downloaded;
    const bytes = readFileSync(await file.path());
    if (kind === 'SVG')
      expect(bytes.toString('utf8')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    else expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    await expect(exportDialog.getByRole('status')).toHaveText(
      new RegExp(`^Downloaded .+\\.${kind.toLowerCase()}\\.$`),
    );
  }
  await exportDialog.getByRole('button', { name: 'Close', exact: true }).click();

  // Compare mode against the same flow with one message changed, down to the widget's Monaco JSON diff.
  const changed = await editor.savedDefinition();
  const goodbye = changed?.states.find((s) => s.name === 'Goodbye');
  if (!changed || !goodbye) throw new Error('the pasted flow is not saved');
  goodbye.properties = { ...goodbye.properties, body: 'Zanzibar' };
  await compare.openButton.click();
  await expect(compare.changedVersion.locator('option:checked')).toHaveText('Pasted JSON…');
  await compare.changedGroup.getByLabel('Changed JSON').fill(JSON.stringify(changed, null, 2));
  await compare.compareButton.click();
  await expect(compare.changes).toContainText('1 changed');
  await page.keyboard.press('n');
  await expect(compare.selectedRow()).toContainText('Goodbye');
  await expect(compare.jsonDiff.locator('.monaco-diff-editor')).toBeVisible();
  await expect(compare.jsonDiff.locator('.editor.modified')).toContainText('Zanzibar', { timeout: 15_000 });
  await expect(compare.jsonDiff.locator('.editor.original')).toContainText('wait-list');

  expect(await violations(page)).toEqual([]);
  // Monaco's workers were loaded from this server, under the same policy.
  expect(workers.length).toBeGreaterThan(0);
  for (const w of workers) expect(w.policy, w.url).toBe(CSP_HEADER);
});

test("the JSON view's features work under the policy: hover, folding, suggestions, worker diagnostics, find", async ({
  page,
}) => {
  const editor = new EditorPage(page);
  await editor.goto();
  await editor.pasteJson(fixtureText(STANDBY));
  await expect(editor.importDialog).toBeHidden();
  await page.getByRole('tab', { name: 'JSON' }).click();
  const json = page.getByRole('region', { name: 'Flow JSON' });
  const lines = json.locator('.monaco-editor .view-line');
  await expect(json.locator('.monaco-editor .view-lines')).toContainText('"description": "A New Flow"');

  // Hover: the schema's title of the root object, from the JSON worker.
  const first = await lines.first().boundingBox();
  if (!first) throw new Error('no first line');
  await page.mouse.move(first.x + 4, first.y + first.height / 2);
  await expect(
    page.locator('.monaco-hover').filter({ hasText: 'Definition schema for twilio studio flow' }),
  ).toBeVisible();
  await page.mouse.move(0, 0);

  // Folding: the states list folds away.
  await json.locator('.margin-view-overlays .codicon-folding-expanded').nth(1).click({ force: true });
  await expect(json.locator('.codicon-folding-collapsed')).toHaveCount(1);
  await expect(json.locator('.monaco-editor .view-lines')).not.toContainText('"name": "Trigger"');
  await expect(json.locator('.monaco-editor .view-lines')).toContainText('"initial_state": "Trigger"');
  await json.locator('.codicon-folding-collapsed').click({ force: true });
  await expect(json.locator('.monaco-editor .view-lines')).toContainText('"name": "Trigger"');

  // Suggestions: the root's properties from the schema, at the start of a key.
  await lines.nth(1).click();
  await page.keyboard.press('Home');
  await page.keyboard.press('ControlOrMeta+Space');
  await expect(page.locator('.suggest-widget')).toContainText('$schema');
  await page.keyboard.press('Escape');

  // Diagnostics from the JSON worker: a stray comma is marked in the text (and the view reports it).
  await lines.nth(1).click();
  await page.keyboard.press('End');
  await page.keyboard.type(',');
  const squiggle = json.locator('.squiggly-error').first();
  await expect(squiggle).toBeVisible();
  const mark = await squiggle.boundingBox();
  if (!mark) throw new Error('no marker');
  await page.mouse.move(mark.x + mark.width / 2, mark.y + mark.height / 2);
  await expect(page.locator('.monaco-hover').filter({ hasText: /json\(\d+\)/ })).toBeVisible();
  await expect(page.getByRole('alert', { name: 'JSON status' })).toContainText('Line 2');

  // Find.
  await page.keyboard.press('ControlOrMeta+F');
  const find = json.locator('.find-widget');
  // Monaco keeps the widget in the DOM, sliding it out of view: its `visible` class says whether it is shown.
  await expect(find).toHaveClass(/\bvisible\b/);
  await page.keyboard.type('SaveToAirtable');
  await expect(find.locator('.matchesCount')).toHaveText(/^1 of \d+$/);
  await page.keyboard.press('Escape');
  await expect(find).not.toHaveClass(/\bvisible\b/);

  expect(await violations(page)).toEqual([]);
});
