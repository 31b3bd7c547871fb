import { writeFileSync } from 'node:fs';
import { expect, test, type Page } from './test';
import { EditorPage, fixtureText } from './pages/EditorPage';
import { generateFlow } from '../scripts/generate-flow';

/*
 * What a hostile (or just unlucky) user gives the editor, through every door a person uses: a 28 MB paste, a huge
 * file, a UTF-16 file from PowerShell, a Windows-1252 file, numbers JSON can write but a double cannot hold, a
 * large clipboard on the canvas. Each time: a clear message that says what and where, the open flow untouched,
 * the page never stuck. (How long the page is blocked is measured by e2e/perf/large-input.bench.ts, not here.)
 */

const SIMPLE = 'twilio-docs__simple-flow-definition.json';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

let editor: EditorPage;

test.beforeEach(async ({ page }) => {
  editor = new EditorPage(page);
  await editor.goto();
});

/** A file in this test's output folder. */
function writeFixture(path: string, content: string | Uint8Array): string {
  writeFileSync(path, content);
  return path;
}

async function openPath(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await editor.header.getByText('Open file…').click();
  await (await chooser).setFiles(path);
}

/** The 50,000-widget flow of the issue (about 28 MB as one line per value, as Studio's API writes it). */
let huge: string | null = null;
function hugeFlowText(): string {
  huge ??= JSON.stringify(generateFlow(50_000), null, 1);
  return huge;
}

test.describe('a 28 MB flow', () => {
  test.setTimeout(120_000);

  test('pasted: held aside as a summary, refused on Import with the CLI’s message; the open flow is kept', async ({
    page,
  }) => {
    await editor.openFile(SIMPLE);
    await expect(editor.node('send_message_1')).toBeVisible();
    const text = hugeFlowText();
    await page.evaluate((json) => navigator.clipboard.writeText(json), text);

    await editor.header.getByRole('button', { name: 'Paste JSON…' }).click();
    await editor.flowJson.focus();
    await page.keyboard.press('ControlOrMeta+V');
    // Not in the text box (which would freeze the tab): a summary of what was pasted instead.
    const held = editor.importDialog.getByRole('group', { name: 'Flow JSON' });
    await expect(held).toContainText(`Pasted text: ${(text.length / 1024 / 1024).toFixed(1)} MB`);
    await expect(held.getByLabel('Beginning of the pasted text')).toContainText('"description"');
    await expect(editor.importDialog.locator('textarea')).toHaveCount(0);

    // Cancel while it is being read: nothing happens, the text stays. (The worker is held back for a few seconds,
    // so that the reading is still under way whatever the machine's speed.)
    await page.route('**/assets/importWorker-*.js', async (route) => {
      const response = await route.fetch();
      const body = `await new Promise((resolve) => setTimeout(resolve, 5000));\n${await response.text()}`;
      await route.fulfill({ response, body });
    });
    await editor.importDialog.getByRole('button', { name: 'Import' }).click();
    const progress = editor.importDialog.getByRole('status').filter({ hasText: 'Reading the pasted text' });
    await expect(progress).toBeVisible();
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await expect(progress).toBeHidden();
    await expect(editor.importDialog.getByRole('alert')).toHaveCount(0);
    await expect(held).toBeVisible();
    await page.unroute('**/assets/importWorker-*.js');

    // Import: refused before any widget is looked at, in the CLI's words.
    await editor.importDialog.getByRole('button', { name: 'Import' }).click();
    await expect(editor.importDialog.getByRole('alert')).toContainText(
      'The flow has 50,000 widgets; at most 2,000 are allowed',
      { timeout: 60_000 },
    );
    await held.getByRole('button', { name: 'Clear pasted text' }).click();
    await expect(editor.flowJson).toHaveValue('');
    await page.keyboard.press('Escape');

    // The open flow is as it was, and nothing was added to undo.
    await expect(editor.node('send_message_1')).toBeVisible();
    await expect(page.getByRole('button', { name: /^Undo/ })).toBeDisabled();
  });

  test('opened as a file: read off the page, refused with the CLI’s message; the open flow is kept', async ({
    page,
  }, testInfo) => {
    await editor.openFile(SIMPLE);
    const path = writeFixture(testInfo.outputPath('huge.json'), hugeFlowText());
    await openPath(page, path);
    const banner = page.getByRole('alert').filter({ hasText: 'Could not open huge.json' });
    await expect(banner).toContainText('The flow has 50,000 widgets; at most 2,000 are allowed', {
      timeout: 60_000,
    });
    await expect(editor.node('send_message_1')).toBeVisible();
    const names = (JSON.parse(fixtureText(SIMPLE)) as { states: { name: string }[] }).states.map(
      (s) => s.name,
    );
    expect((await editor.savedDefinition())?.states.map((s) => s.name)).toEqual(names);
  });
});

test('a 2,000-widget file is read in a worker and opens through the preview', async ({ page }, testInfo) => {
  await editor.openFile(SIMPLE);
  const text = JSON.stringify(generateFlow(2_000), null, 2);
  const path = writeFixture(testInfo.outputPath('big.json'), text);
  await openPath(page, path);
  await expect(editor.importDialog.getByText('2000 widgets')).toBeVisible({ timeout: 30_000 });
  await editor.importDialog.getByRole('button', { name: 'Replace current flow' }).click();
  await expect
    .poll(async () => (await editor.savedDefinition())?.states.length, { timeout: 30_000 })
    .toBe(2_000);
});

test('a UTF-16 file (PowerShell’s >) is read as UTF-16 and says so', async ({ page }, testInfo) => {
  const text = fixtureText(SIMPLE);
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
    bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
  }
  await openPath(page, writeFixture(testInfo.outputPath('utf16.json'), bytes));
  await expect(editor.node('send_message_1')).toBeVisible();
  await expect(editor.problemRows().filter({ hasText: 'The file is UTF-16LE' })).toHaveCount(1);
  expect(await editor.savedDefinition()).toEqual(JSON.parse(text));
});

test('a file that is not UTF-8 is refused with the line and column of the bad byte', async ({
  page,
}, testInfo) => {
  await editor.openFile(SIMPLE);
  const good = new TextEncoder().encode('{\n  "description": "Caf');
  const bytes = new Uint8Array([...good, 0xe9, ...new TextEncoder().encode('",\n  "states": []\n}\n')]);
  await openPath(page, writeFixture(testInfo.outputPath('latin1.json'), bytes));
  const banner = page.getByRole('alert').filter({ hasText: 'Could not open latin1.json' });
  await expect(banner).toContainText('not valid UTF-8: the byte 0xE9 at line 2, column 22');
  await expect(editor.node('send_message_1')).toBeVisible();
});

test('numbers a double cannot hold are reported where they are, and what they became', async () => {
  const def = JSON.parse(fixtureText(SIMPLE)) as {
    states: { name: string; properties: Record<string, unknown> }[];
  };
  const text = JSON.stringify(def, null, 2).replace(
    '"body": "',
    '"ticket": 12345678901234567890,\n        "tiny": 1e-400,\n        "huge": 1e400,\n        "body": "',
  );
  expect(text).toContain('12345678901234567890');
  await editor.pasteJson(text);
  await expect(editor.node('send_message_1')).toBeVisible();
  const rows = editor.problemRows();
  await expect(rows.filter({ hasText: '12345678901234567890' })).toContainText('12345678901234567000');
  await expect(rows.filter({ hasText: '1e-400' })).toContainText('read as 0');
  // 1e400 is Infinity once read, which JSON writes as null: an error on the widget, for as long as it is there.
  await expect(rows.filter({ hasText: '`huge` is a number too large for JSON' })).toContainText(
    'it would be exported as null',
  );
});

test('a large clipboard pasted on the canvas is read in a worker and pasted', async ({ page }) => {
  await editor.openFile(SIMPLE);
  await expect(editor.node('send_message_1')).toBeVisible();
  // About 1.4 MB of widgets (no Trigger: widgets, not a whole flow).
  const states = generateFlow(2_000)
    .states.filter((s) => s.type !== 'trigger')
    .slice(0, 1_500);
  const text = JSON.stringify({ states }, null, 2);
  expect(text.length).toBeGreaterThan(1024 * 1024);
  await page.evaluate((json) => navigator.clipboard.writeText(json), text);
  await editor.node('Trigger').click();
  await page.keyboard.press('ControlOrMeta+V');
  await expect(editor.canvasStatus).toHaveText('Pasted 1500 widgets.', { timeout: 30_000 });
  await expect.poll(async () => (await editor.savedDefinition())?.states.length).toBe(4 + 1_500);
});
