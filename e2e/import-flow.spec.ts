import { expect, test } from './test';
import { EditorPage, fixtureDefinition, fixtureText } from './pages/EditorPage';

/*
 * Importing over an open flow: the import dialog previews what was detected and its problems before replacing the
 * open flow, replacing is one undo step, and a whole flow pasted onto the canvas takes the same path.
 */

const SIMPLE = 'twilio-docs__simple-flow-definition.json';
const STANDBY = 'ft__vaccine-standby-list__sms-studio-flow.json';

let editor: EditorPage;

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test.beforeEach(async ({ page }) => {
  editor = new EditorPage(page);
  await editor.goto();
  await editor.openFile(SIMPLE);
  await expect(editor.status).toContainText(SIMPLE);
  await expect(editor.canvas).toBeVisible();
});

const names = (def: { states: { name: string }[] } | null) => def?.states.map((s) => s.name) ?? [];

test('importing over an open flow previews it, replaces it as one step, and undo brings the old flow back', async ({
  page,
}) => {
  const simple = fixtureDefinition(SIMPLE);
  const standby = fixtureDefinition(STANDBY);

  await editor.pasteJson(fixtureText(STANDBY));

  // The preview: what was detected, how many widgets, the problem counts and the first messages.
  const replace = editor.importDialog.getByRole('button', { name: 'Replace current flow' });
  await expect(replace).toBeFocused();
  await expect(editor.importDialog).toContainText('Detected Flow definition');
  await expect(editor.importDialog).toContainText(`${standby.states.length} widgets`);
  await expect(editor.importDialog).toContainText(/Problems: [1-9]\d* errors?, \d+ warnings?, \d+ info/);
  await expect(
    editor.importDialog.getByRole('list', { name: 'First problems' }).getByRole('listitem').first(),
  ).toContainText('Error');
  // Nothing replaced yet.
  await expect(editor.widgetRows()).toHaveCount(simple.states.length);

  await replace.click();

  await expect(editor.importDialog).toBeHidden();
  // The imported flow fits at a zoom where names cannot be read: it is drawn on the far canvas, its cards listed in
  // the widgets grid.
  await expect(page.locator('canvas.canvas-far')).toBeVisible();
  await expect(editor.widgetRow('Goodbye')).toBeVisible();
  await expect(editor.widgetRows()).toHaveCount(standby.states.length);
  await expect.poll(async () => names(await editor.savedDefinition())).toEqual(names(standby));

  // One undo step, from the canvas.
  await editor.canvas.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ControlOrMeta+Z');

  await expect(editor.widgetRow('say_play_1')).toBeVisible();
  await expect(editor.widgetRows()).toHaveCount(simple.states.length);
  await expect.poll(async () => names(await editor.savedDefinition())).toEqual(names(simple));
  await expect(editor.status).toContainText(SIMPLE);
  await expect(editor.header.getByRole('button', { name: 'Undo' })).toBeDisabled();

  // Redo replaces again.
  await editor.header.getByRole('button', { name: 'Redo' }).click();
  await expect.poll(async () => names(await editor.savedDefinition())).toEqual(names(standby));
});

test('cancelling the preview keeps the open flow', async () => {
  const simple = fixtureDefinition(SIMPLE);

  await editor.pasteJson(fixtureText(STANDBY));
  await expect(editor.importDialog.getByRole('button', { name: 'Replace current flow' })).toBeVisible();
  await editor.importDialog.getByRole('button', { name: 'Cancel' }).click();

  await expect(editor.importDialog).toBeHidden();
  await expect(editor.widgetRows()).toHaveCount(simple.states.length);
  await expect(editor.status).toContainText(SIMPLE);
  await expect(editor.header.getByRole('button', { name: 'Undo' })).toBeDisabled();
});

test('a whole flow pasted onto the canvas goes to the import preview; widgets still paste as widgets', async ({
  page,
}) => {
  const simple = fixtureDefinition(SIMPLE);
  const canvas = await editor.canvas.boundingBox();
  if (!canvas) throw new Error('no canvas');
  const emptySpot = { x: canvas.x + canvas.width * 0.2, y: canvas.y + canvas.height * 0.8 };

  // A Flow resource, as the Studio API returns it.
  const resource = {
    sid: 'FW0123456789abcdef0123456789abcdef',
    friendly_name: 'Standby',
    definition: fixtureDefinition(STANDBY),
  };
  await page.evaluate((text) => navigator.clipboard.writeText(text), JSON.stringify(resource));
  await page.mouse.click(emptySpot.x, emptySpot.y);
  await page.keyboard.press('Control+V');

  await expect(editor.importDialog).toBeVisible();
  await expect(editor.importDialog.getByRole('button', { name: 'Replace current flow' })).toBeFocused();
  await expect(editor.importDialog).toContainText('Detected Flow');
  await expect(editor.importDialog).toContainText(/Problems: \d+ errors?/);
  await page.keyboard.press('Escape');
  await expect(editor.importDialog).toBeHidden();
  await expect(editor.widgetRows()).toHaveCount(simple.states.length);

  // A widget fragment (no Trigger) pastes widgets.
  const fragment = { states: simple.states.filter((s) => s.name === 'say_play_1') };
  await page.evaluate((text) => navigator.clipboard.writeText(text), JSON.stringify(fragment));
  await page.mouse.click(emptySpot.x, emptySpot.y);
  await page.keyboard.press('Control+V');

  await expect(editor.node('Copy_of_say_play_1')).toBeVisible();
  await expect(editor.importDialog).toBeHidden();
  await expect
    .poll(async () => (await editor.savedDefinition())?.states.length)
    .toBe(simple.states.length + 1);
});
