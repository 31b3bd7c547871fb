import { expect, test, type Locator, type Page } from './test';
import { EditorPage, fixtureDefinition, type FixtureDefinition } from './pages/EditorPage';

/*
 * The command palette (Ctrl/⌘+Shift+P), as a person uses it: every command by name with its shortcut, filtered as
 * you type, run with Enter, closed with Escape (focus goes back where it was).
 */

const STANDBY = 'ft__vaccine-standby-list__sms-studio-flow.json';

let editor: EditorPage;
let palette: Locator;
let input: Locator;

function offsets(def: FixtureDefinition | null): string[] {
  return (def?.states ?? []).map((s) => JSON.stringify((s.properties as { offset?: unknown }).offset));
}

async function openPalette(page: Page): Promise<void> {
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await expect(palette).toBeVisible();
  await expect(input).toBeFocused();
}

test.beforeEach(async ({ page }) => {
  editor = new EditorPage(page);
  palette = page.getByRole('dialog', { name: 'Command palette' });
  input = palette.getByRole('combobox', { name: 'Command' });
  await editor.goto();
  await editor.openFile(STANDBY);
  await expect(editor.widgetRows()).toHaveCount(fixtureDefinition(STANDBY).states.length);
});

test('runs Auto-layout by name: typing filters, Enter runs the first match, and the canvas says so', async ({
  page,
}) => {
  const original = offsets(fixtureDefinition(STANDBY));
  await openPalette(page);
  const options = palette.getByRole('option');
  // Every command is listed, with its shortcut.
  await expect(palette.getByRole('option', { name: /^Undo\b/ })).toContainText('Ctrl+Z');
  await expect(palette.getByRole('option', { name: /^Find widget…/ })).toContainText('Ctrl+K');
  const all = await options.count();
  expect(all).toBeGreaterThan(15);

  await input.pressSequentially('auto');
  await expect.poll(() => options.count()).toBeLessThan(all);
  await expect(options.first()).toHaveText(/^Auto-layout/);
  await expect(options.first()).toContainText('Ctrl+Shift+L');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await expect(input).toHaveAttribute(
    'aria-activedescendant',
    (await options.first().getAttribute('id')) ?? '',
  );

  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  // The first layout loads ELK (a chunk of its own): give it time on a busy machine.
  await expect(editor.canvasStatus).toHaveText('Laid out the flow.', { timeout: 20_000 });
  await expect.poll(async () => offsets(await editor.savedDefinition())).not.toEqual(original);
  // One undo step, as from the toolbar.
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(async () => offsets(await editor.savedDefinition())).toEqual(original);
});

test('runs Export… from the palette: the export dialog opens', async ({ page }) => {
  await openPalette(page);
  await input.fill('export');
  await expect(palette.getByRole('option')).toHaveText(['Export…']);
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page.getByRole('dialog', { name: 'Export flow' })).toBeVisible();
});

test('arrow keys choose, commands that cannot run are marked, nothing matching says so', async ({ page }) => {
  await openPalette(page);
  // Nothing to undo yet: listed, but unavailable, and Enter on it does nothing.
  await input.fill('undo');
  const undo = palette.getByRole('option', { name: /^Undo\b/ });
  await expect(undo).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Enter');
  await expect(palette).toBeVisible();

  // Zoom in, Zoom out, then Fit (whose keywords say zoom): the arrows move through them, and wrap around.
  await input.fill('zoom');
  const options = palette.getByRole('option');
  await expect(options).toHaveCount(3);
  await expect(options.nth(0)).toHaveText(/^Zoom in/);
  await expect(options.nth(1)).toHaveText(/^Zoom out/);
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(input).toHaveAttribute(
    'aria-activedescendant',
    (await options.nth(1).getAttribute('id')) ?? '',
  );
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(options.nth(2)).toHaveAttribute('aria-selected', 'true');

  await input.fill('zzzz');
  await expect(options).toHaveCount(0);
  await expect(palette.getByText('No command matches.')).toBeVisible();
});

test('Escape closes the palette and gives focus back to where it was', async ({ page }) => {
  await editor.widgetsGrid.focus();
  await openPalette(page);
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
  await expect(editor.widgetsGrid).toBeFocused();

  // From a header button too.
  const find = editor.header.getByRole('button', { name: 'Find widget…' });
  await find.focus();
  await openPalette(page);
  await page.keyboard.press('Escape');
  await expect(find).toBeFocused();
});

test('the shortcuts overlay lists the palette', async ({ page }) => {
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByRole('row', { name: /^Show all commands/ }).locator('kbd')).toHaveText([
    'Ctrl+Shift+P',
  ]);
});
