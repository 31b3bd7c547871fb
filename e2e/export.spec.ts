import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from './test';
import { EditorPage, fixtureDefinition, fixturePath, fixtureText } from './pages/EditorPage';

const FIXTURE = 'twilio-docs__simple-flow-definition.json';

let editor: EditorPage;
let dialog: Locator;

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test.beforeEach(async ({ page }) => {
  editor = new EditorPage(page);
  dialog = page.getByRole('dialog', { name: 'Export flow' });
  await editor.goto();
  await editor.openFile(FIXTURE);
  await expect(editor.widgetRows()).toHaveCount(fixtureDefinition(FIXTURE).states.length);
});

async function openExport(): Promise<void> {
  await editor.header.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog).toBeVisible();
}

/** Clicks Download and returns the file's name and bytes. */
async function download(page: Page): Promise<{ name: string; bytes: Buffer }> {
  const downloaded = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download', exact: true }).click();
  const file = await downloaded;
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

/** Undoes POSIX shell quoting of one word: bare characters, '…' segments and backslash escapes outside them. */
function shellUnquote(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word.charAt(i);
    if (c === "'") {
      const end = word.indexOf("'", i + 1);
      if (end < 0) throw new Error(`Unterminated quote in ${word}`);
      out += word.slice(i + 1, end);
      i = end;
    } else if (c === '\\') {
      out += word.charAt(i + 1);
      i += 1;
    } else {
      out += c;
    }
  }
  return out;
}

test('Download gives back the opened file byte for byte', async ({ page }) => {
  await openExport();
  const fixtureBytes = readFileSync(fixturePath(FIXTURE));
  await expect(dialog.getByLabel('Exported JSON')).toHaveValue(fixtureText(FIXTURE));

  const { name, bytes } = await download(page);
  expect(name).toBe(FIXTURE);
  expect(bytes.toString('utf8')).toBe(fixtureBytes.toString('utf8'));
  expect(bytes.equals(fixtureBytes)).toBe(true);
  await expect(dialog.getByRole('status')).toHaveText(`Downloaded ${FIXTURE}.`);
});

test('the canonical download has keys in canonical order and the same value', async ({ page }) => {
  await openExport();
  const snap = dialog.getByRole('checkbox', { name: 'Snap offsets to the 10 px grid' });
  await expect(snap).toBeDisabled();
  await dialog.getByRole('checkbox', { name: 'Canonical key order' }).check();
  await expect(snap).toBeEnabled();

  const { bytes } = await download(page);
  const text = bytes.toString('utf8');
  expect(text.endsWith('}\n')).toBe(true);
  expect(text).not.toBe(fixtureText(FIXTURE));
  const exported = JSON.parse(text) as Record<string, unknown> & {
    states: (Record<string, unknown> & { properties: Record<string, unknown> })[];
  };
  expect(exported).toEqual(JSON.parse(fixtureText(FIXTURE)));

  const topOrder = ['description', 'states', 'initial_state', 'flags'];
  expect(Object.keys(exported)).toEqual(topOrder.filter((key) => key in exported));
  for (const state of exported.states) {
    expect(Object.keys(state).slice(0, 4)).toEqual(['name', 'type', 'transitions', 'properties']);
    const keys = Object.keys(state.properties);
    const others = keys.filter((key) => key !== 'offset');
    expect(keys).toEqual([...[...others].sort(), ...(keys.includes('offset') ? ['offset'] : [])]);
  }
  // The preview shows what is downloaded.
  await expect(dialog.getByLabel('Exported JSON')).toHaveValue(text);

  // Snapped: every offset on the 10 px grid, the rest as before.
  await snap.check();
  const snapped = JSON.parse((await download(page)).bytes.toString('utf8')) as typeof exported;
  for (const state of snapped.states) {
    const offset = state.properties.offset as { x: number; y: number };
    expect([offset.x, offset.y].every((v) => Number.isInteger(v / 10))).toBe(true);
  }
  expect(snapped.states.map((s) => s.name)).toEqual(exported.states.map((s) => s.name));
});

test('the copied curl command carries exactly the flow, credentials from the environment', async ({
  page,
}) => {
  await openExport();
  await dialog.getByRole('button', { name: 'Copy curl command' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Copied the curl command to the clipboard.');
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  await expect(dialog.getByLabel('curl command')).toHaveValue(curl);

  const lines = curl.split(' \\\n  ');
  expect(lines[0]).toBe('curl -sS https://studio.twilio.com/v2/Flows');
  expect(lines.at(-1)).toBe('-u "$TWILIO_ACCOUNT_SID:$TWILIO_AUTH_TOKEN"');
  const args = lines
    .filter((line) => line.startsWith('--data-urlencode '))
    .map((line) => shellUnquote(line.slice('--data-urlencode '.length)));
  expect(args.map((arg) => arg.slice(0, arg.indexOf('=')))).toEqual(['FriendlyName', 'Status', 'Definition']);
  expect(args[0]).toBe('FriendlyName=twilio-docs__simple-flow-definition');
  expect(args[1]).toBe('Status=draft');
  const definition = args[2]?.slice('Definition='.length);
  // Exactly the flow: same value, same key order.
  expect(definition).toBe(JSON.stringify(JSON.parse(fixtureText(FIXTURE))));

  // The form body decodes to the same definition.
  const payload = await dialog.getByLabel('Form-encoded payload').inputValue();
  expect(new URLSearchParams(payload).get('Definition')).toBe(definition);

  // A Flow SID turns the requests into UpdateFlow.
  await dialog.getByLabel('Flow SID').fill('FW0123456789abcdef0123456789abcdef');
  await expect(dialog.getByLabel('curl command')).toHaveValue(
    /^curl -sS https:\/\/studio\.twilio\.com\/v2\/Flows\/FW0123456789abcdef0123456789abcdef \\/,
  );
  await expect(dialog.getByLabel('twilio CLI command')).toHaveValue(
    /^twilio api:studio:v2:flows:update \\\n {2}--sid FW0123456789abcdef0123456789abcdef/,
  );
});

test('friendly name, status and commit message are remembered with the document', async ({ page }) => {
  const name = "Daily sit-down (it's live)";
  await openExport();
  await expect(dialog.getByLabel('Friendly name')).toHaveValue('twilio-docs__simple-flow-definition');
  await expect(dialog.getByLabel('Status')).toHaveValue('draft');
  await expect(dialog.getByLabel('Commit message')).toHaveValue('');
  await expect(dialog.getByLabel('Flow SID')).toHaveValue('');

  await dialog.getByLabel('Friendly name').fill(name);
  await dialog.getByLabel('Status').selectOption('published');
  await dialog.getByLabel('Commit message').fill('Export from the editor');
  await expect(dialog.getByLabel('twilio CLI command')).toHaveValue(
    [
      'twilio api:studio:v2:flows:create',
      `--friendly-name 'Daily sit-down (it'\\''s live)'`,
      '--status published',
      "--commit-message 'Export from the editor'",
    ].join(' \\\n  ') +
      ' \\\n  --definition ' +
      "'" +
      JSON.stringify(JSON.parse(fixtureText(FIXTURE))) +
      "'",
  );
  await expect(dialog.getByLabel('Form-encoded payload')).toHaveValue(
    /^FriendlyName=Daily\+sit-down\+%28it%27s\+live%29&Status=published&CommitMessage=Export\+from\+the\+editor&Definition=/,
  );

  const check = async () => {
    await expect(dialog.getByLabel('Friendly name')).toHaveValue(name);
    await expect(dialog.getByLabel('Status')).toHaveValue('published');
    await expect(dialog.getByLabel('Commit message')).toHaveValue('Export from the editor');
  };

  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toBeHidden();
  await openExport();
  await check();
  // The download is named after the friendly name.
  expect((await download(page)).name).toBe(`${name}.json`);

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect
    .poll(async () => (await editor.savedRecord())?.publish ?? null)
    .toEqual({ friendlyName: name, status: 'published', commitMessage: 'Export from the editor' });

  await page.reload();
  await expect(editor.widgetRows()).toHaveCount(fixtureDefinition(FIXTURE).states.length);
  await openExport();
  await check();
});
