import { expect, test, type Page } from './test';
import { EditorPage, fixtureDefinition } from './pages/EditorPage';

/*
 * The JSON view: Monaco bundled locally and loaded only when the view opens; text edits apply to the canvas as one
 * undo step, invalid text is reported with its position while the canvas keeps the last good flow, and selecting
 * a widget reveals its state in the text. Text goes in through the editor's own paste path (a paste event on
 * Monaco's input), since Monaco's auto-closing of brackets and quotes mangles typed JSON.
 */

const FRONTLINE = 'frontline-airtable__studio-flow.json';
const LAST_WIDGET = 'new-customer-send-reply';

let editor: EditorPage;
const outside: string[] = [];

test.beforeEach(async ({ page }) => {
  outside.length = 0;
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['localhost', '127.0.0.1'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) {
      outside.push(request.url());
    }
  });
  editor = new EditorPage(page);
  await editor.goto();
  await editor.openFile(FRONTLINE);
  await expect(editor.status).toContainText(FRONTLINE);
});

test.afterEach(() => {
  expect(outside, 'requests outside localhost').toEqual([]);
});

function jsonPanel(page: Page) {
  return page.getByRole('region', { name: 'Flow JSON' });
}

/** Replaces the editor's whole text as a paste would. */
async function pasteIntoJson(page: Page, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await jsonPanel(page).locator('.monaco-editor .view-line').first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
}

async function openJson(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'JSON' }).click();
  await expect(jsonPanel(page).locator('.monaco-editor .view-lines')).toContainText('"description"');
}

test('Monaco loads only when the JSON view opens, from this server', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script' || request.url().includes('worker')) scripts.push(request.url());
  });
  await expect(editor.node('Trigger')).toBeVisible();
  expect(scripts.filter((u) => /JsonEditor|worker/.test(u))).toEqual([]);
  await openJson(page);
  await expect(jsonPanel(page).locator('.monaco-editor .view-lines')).toContainText(
    '"description": "A New Flow"',
  );
  expect(scripts.some((u) => u.includes('JsonEditor'))).toBe(true);
  // The inspector is still one tab away.
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await expect(jsonPanel(page)).toBeHidden();
});

test('a pasted definition applies to the canvas as one undo step; invalid JSON is reported and changes nothing', async ({
  page,
}) => {
  await openJson(page);
  const def = fixtureDefinition(FRONTLINE);
  const trigger = def.states.find((s) => s.name === 'Trigger');
  const at = (trigger?.properties as { offset?: { x: number; y: number } } | undefined)?.offset ?? {
    x: 0,
    y: 0,
  };
  const added = {
    name: 'json_added',
    type: 'send-message',
    transitions: [{ event: 'sent' }, { event: 'failed' }],
    properties: {
      offset: { x: at.x + 400, y: at.y },
      from: '{{flow.channel.address}}',
      to: '{{contact.channel.address}}',
      body: 'Added in the JSON view',
    },
  };
  await pasteIntoJson(page, JSON.stringify({ ...def, states: [...def.states, added] }, null, 2));
  await expect(editor.node('json_added')).toHaveCount(1);
  await expect(page.getByRole('status', { name: 'JSON status' })).toContainText('JSON is valid');

  // Undo in the app (focus outside Monaco) takes the whole paste back, and the JSON follows.
  await editor.widgetsGrid.focus();
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(editor.node('json_added')).toHaveCount(0);
  await expect(jsonPanel(page).locator('.monaco-editor .view-lines')).not.toContainText('json_added');

  // Invalid JSON: the position is reported and the document keeps the last good flow (as saved by the editor).
  await expect.poll(async () => (await editor.savedDefinition())?.states.length).toBe(def.states.length);
  const before = JSON.stringify(await editor.savedDefinition());
  await pasteIntoJson(page, '{\n  "description": "broken",\n  "states": [\n    {"name": }\n  ]\n}\n');
  const alert = page.getByRole('alert', { name: 'JSON status' });
  await expect(alert).toContainText(/Line 4, column \d+/);
  await page.waitForTimeout(800); // longer than the JSON view's debounce and the save debounce
  expect(JSON.stringify(await editor.savedDefinition())).toBe(before);
  await expect(editor.node('json_added')).toHaveCount(0);
  // The broken text is kept, not replaced.
  await expect(jsonPanel(page).locator('.monaco-editor .view-lines')).toContainText('"broken"');
});

test('selecting a widget reveals its state in the JSON', async ({ page }) => {
  await openJson(page);
  const lines = jsonPanel(page).locator('.monaco-editor .view-lines');
  await expect(lines).not.toContainText(`"name": "${LAST_WIDGET}"`);

  await editor.canvas.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ControlOrMeta+K');
  const search = page.getByRole('dialog', { name: 'Find widget' });
  await search.getByRole('combobox', { name: 'Jump to widget' }).fill(LAST_WIDGET);
  await expect(search.getByRole('option').first()).toContainText(LAST_WIDGET);
  await page.keyboard.press('Enter');
  await expect(lines).toContainText(`"name": "${LAST_WIDGET}"`);
  await expect(jsonPanel(page).locator('.json-view-selected-state').first()).toBeAttached();
});

test('placing the cursor inside a state in the JSON selects that widget', async ({ page }) => {
  await openJson(page);
  const def = fixtureDefinition(FRONTLINE);
  const target = def.states[2]?.name ?? '';
  // The editor holds the definition as exported (2-space JSON): find the line of the target's "name".
  const text = `${JSON.stringify(def, null, 2)}\n`;
  const line = text.split('\n').findIndex((l) => l.includes(`"name": "${target}"`));
  expect(line).toBeGreaterThan(0);

  // From the keyboard, as a person would: into the editor, to the top, then down to that line.
  await jsonPanel(page).locator('.monaco-editor .view-line').first().click();
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 0; i < line; i++) await page.keyboard.press('ArrowDown');

  await expect(editor.widgetRow(target)).toHaveAttribute('aria-selected', 'true');
  await expect(editor.node(target)).toBeVisible();
});

test('typing in the JSON view (spaces, Backspace, Shift) edits the text, not the canvas, and applies to the flow', async ({
  page,
}) => {
  await openJson(page);
  // A widget is selected on the canvas: keys meant for the text must not pan, select or delete on the canvas.
  await editor.widgetRow('Trigger').click();
  await expect(editor.widgetRow('Trigger')).toHaveAttribute('aria-selected', 'true');

  // Line 2 is `"description": "A New Flow",`: the cursor goes before the closing quote.
  await jsonPanel(page).locator('.monaco-editor .view-line').nth(1).click();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type(' for Support Team x', { delay: 20 });
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');

  const lines = jsonPanel(page).locator('.monaco-editor .view-lines');
  await expect(lines).toContainText('"description": "A New Flow for Support Team",');
  await expect
    .poll(async () => (await editor.savedDefinition())?.description)
    .toBe('A New Flow for Support Team');
  await expect(editor.node('Trigger')).toBeVisible();
  expect((await editor.savedDefinition())?.states.length).toBe(fixtureDefinition(FRONTLINE).states.length);
});

test('a paste larger than any flow the editor opens is refused before Monaco sees it; the text stays', async ({
  page,
}) => {
  await openJson(page);
  const before = await editor.savedDefinition();
  const text = 'x'.repeat(9 * 1024 * 1024);
  await pasteIntoJson(page, text);
  await expect(page.getByRole('alert', { name: 'Paste refused' })).toContainText(
    'Nothing was pasted: the text is 9.0 MB, larger than any flow the editor opens',
  );
  await expect(jsonPanel(page).locator('.monaco-editor .view-lines')).toContainText('"description"');
  expect(await editor.savedDefinition()).toEqual(before);
});
