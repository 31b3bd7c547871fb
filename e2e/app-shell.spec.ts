import { readFileSync } from 'node:fs';
import type { Download } from '@playwright/test';
import { expect, test, type Dialog, type Locator, type Page } from './test';
import { EditorPage, fixtureDefinition } from './pages/EditorPage';

const STANDBY = 'ft__vaccine-standby-list__sms-studio-flow.json';

interface SavedSummary {
  fileName: string | null;
  profile: string;
  widgets: string[];
  savedAt: string;
}

/** What the editor saved in this browser for this tab's document, summarised. */
async function savedSession(page: Page): Promise<SavedSummary | null> {
  const saved = await new EditorPage(page).savedRecord();
  if (!saved) return null;
  const states: unknown = saved.definition?.states;
  return {
    fileName: saved.fileName ?? null,
    profile: saved.profile ?? '',
    savedAt: saved.savedAt ?? '',
    // A damaged record (see below) has no list here.
    widgets: Array.isArray(states) ? (states as { name: string }[]).map((s) => s.name) : [],
  };
}

/** The text of a download. */
async function readDownload(download: Download): Promise<string> {
  const path = await download.path();
  return readFileSync(path, 'utf8');
}

/** Collects the dialogs the page opens (accepting them, so navigation goes on). */
function collectDialogs(page: Page): Dialog[] {
  const dialogs: Dialog[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog);
    void dialog.accept();
  });
  return dialogs;
}

let editor: EditorPage;
/** The document status in the header ("Flow definition · 16 widgets · file.json"). */
let docStatus: Locator;

test.beforeEach(async ({ page }) => {
  editor = new EditorPage(page);
  docStatus = editor.header.getByRole('status');
  await editor.goto();
});

test.describe('local persistence', () => {
  test('a reload restores the open flow, its file name and the profile', async ({ page }) => {
    const definition = fixtureDefinition(STANDBY);
    await editor.openFile(STANDBY);
    await expect(editor.widgetRows()).toHaveCount(definition.states.length);
    await editor.profile.selectOption({ label: 'Official schemas' });

    // Saved a moment after the last change.
    await expect
      .poll(() => savedSession(page))
      .toMatchObject({
        fileName: STANDBY,
        profile: 'official',
        widgets: definition.states.map((s) => s.name),
      });

    await page.reload();

    await expect(page.getByText(/^Restored your last session \(saved \d\d:\d\d\)$/)).toBeVisible();
    await expect(editor.widgetRows()).toHaveCount(definition.states.length);
    await expect(editor.widgetRows().first()).toContainText('Trigger');
    await expect(editor.widgetRow('Goodbye')).toBeVisible();
    await expect(docStatus).toContainText(STANDBY);
    await expect(docStatus).toContainText(`${definition.states.length} widgets`);
    await expect(editor.profile).toHaveValue('official');
    // Reopening is not an edit: nothing to undo.
    await expect(editor.header.getByRole('button', { name: 'Undo' })).toBeDisabled();
  });

  test('an edit is undoable from the header and the keyboard, and a reload keeps it', async ({ page }) => {
    const names = fixtureDefinition(STANDBY).states.map((s) => s.name);
    const rowCount = (widgets: number) => String(widgets + 1); // + the header row
    const undo = editor.header.getByRole('button', { name: 'Undo' });
    const redo = editor.header.getByRole('button', { name: 'Redo' });
    await editor.openFile(STANDBY);
    await expect(editor.widgetsGrid).toHaveAttribute('aria-rowcount', rowCount(names.length));
    await expect(undo).toBeDisabled();

    // An edit through the UI: add a widget from the library.
    await page
      .getByRole('region', { name: 'Widget library' })
      .getByRole('button', { name: 'Send Message', exact: true })
      .click();
    await expect(editor.widgetsGrid).toHaveAttribute('aria-rowcount', rowCount(names.length + 1));
    await expect(undo).toBeEnabled();
    await expect(redo).toBeDisabled();

    await undo.click();
    await expect(editor.widgetsGrid).toHaveAttribute('aria-rowcount', rowCount(names.length));
    await expect(undo).toBeDisabled();
    await expect(redo).toBeEnabled();
    await page.keyboard.press('ControlOrMeta+Shift+Z');
    await expect(editor.widgetsGrid).toHaveAttribute('aria-rowcount', rowCount(names.length + 1));
    await page.keyboard.press('ControlOrMeta+Z');
    await expect(editor.widgetsGrid).toHaveAttribute('aria-rowcount', rowCount(names.length));
    await page.keyboard.press('ControlOrMeta+Y');
    await expect(editor.widgetsGrid).toHaveAttribute('aria-rowcount', rowCount(names.length + 1));

    await expect.poll(async () => (await savedSession(page))?.widgets.length).toBe(names.length + 1);
    const added = (await savedSession(page))?.widgets.find((name) => !names.includes(name)) ?? '';
    expect(added).not.toBe('');

    await page.reload();

    await expect(page.getByText(/^Restored your last session/)).toBeVisible();
    await expect(editor.widgetsGrid).toHaveAttribute('aria-rowcount', rowCount(names.length + 1));
    await expect(docStatus).toContainText(`${names.length + 1} widgets`);
    // The restored flow starts a new history; the added widget is found like any other.
    await expect(undo).toBeDisabled();
    await page.keyboard.press('ControlOrMeta+K');
    await page.getByRole('combobox', { name: 'Jump to widget' }).fill(added);
    await page.keyboard.press('Enter');
    await expect(editor.widgetRow(added)).toHaveAttribute('aria-selected', 'true');
  });

  test('New flow, then a reload: the Trigger only', async ({ page }) => {
    await editor.openFile(STANDBY);
    await expect(editor.widgetRow('Goodbye')).toBeVisible();
    await editor.header.getByRole('button', { name: 'New flow' }).click();
    await expect(editor.widgetRows()).toHaveCount(1);
    await expect.poll(() => savedSession(page)).toMatchObject({ fileName: null, widgets: ['Trigger'] });

    await page.reload();

    await expect(page.getByText(/^Restored your last session/)).toBeVisible();
    await expect(editor.widgetRows()).toHaveCount(1);
    await expect(editor.widgetRow('Trigger')).toContainText('initial state');
    await expect(docStatus).toContainText('New flow');
  });

  test('without a saved session the empty state shows, with no restore message', async ({ page }) => {
    await expect(editor.main.getByRole('heading', { name: 'No flow open' })).toBeVisible();
    await expect(page.getByText(/Restored your last session/)).toHaveCount(0);
    expect(await savedSession(page)).toBeNull();
  });

  test('a damaged saved session is kept aside with a warning and a download, and the editor starts empty', async ({
    page,
  }) => {
    // A record of an earlier version (format 1) that cannot be read.
    const damaged = { format: 1, savedAt: 'now', definition: { states: 'not a list' } };
    await expect(editor.main.getByRole('heading', { name: 'No flow open' })).toBeVisible();
    await editor.seedLegacySession(damaged);
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });

    await page.reload();

    const notice = page.getByText('Your last session could not be restored');
    await expect(notice).toBeVisible();
    await expect(page.getByText(/could not be read: .*"states".* It is kept as it is/)).toBeVisible();
    await expect(editor.main.getByRole('heading', { name: 'No flow open' })).toBeVisible();
    expect(warnings.join('\n')).toContain('The saved session was ignored');

    // Nothing is lost: its raw content downloads as JSON, from the notice and from the start screen.
    const fromNotice = page.waitForEvent('download');
    await editor.header.getByRole('button', { name: 'Download it' }).click();
    const kept = JSON.parse(await readDownload(await fromNotice)) as { reason: string; value: unknown };
    expect(kept.value).toEqual(damaged);
    expect(kept.reason).toMatch(/states/);
    const broken = editor.main.getByRole('region', { name: 'Saved flows that cannot be opened' });
    await expect(broken.getByRole('listitem')).toHaveCount(1);

    // The next flow is a document of its own; the damaged record stays where it was put aside.
    await editor.main.getByRole('button', { name: 'New flow' }).click();
    await expect.poll(() => savedSession(page)).toMatchObject({ widgets: ['Trigger'] });
    // A new tab lists it apart from the flows it can open, still downloadable.
    const other = new EditorPage(await page.context().newPage());
    await other.goto();
    await expect(other.main.getByRole('region', { name: 'Saved flows that cannot be opened' })).toBeVisible();
    const fromList = other.page.waitForEvent('download');
    await other.main.getByRole('button', { name: /^Download / }).click();
    expect((JSON.parse(await readDownload(await fromList)) as { value: unknown }).value).toEqual(damaged);
  });

  test('leaving the page asks nothing when everything is saved', async ({ page }) => {
    const dialogs = collectDialogs(page);
    // A click first: browsers only ever ask after the user has interacted with the page.
    await editor.header.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await page.keyboard.press('Escape');
    await page.goto('about:blank');
    expect(dialogs).toEqual([]);

    await editor.goto();
    await editor.openFile(STANDBY);
    await expect.poll(() => savedSession(page)).toMatchObject({ fileName: STANDBY });
    await page.reload();
    await expect(editor.widgetRow('Goodbye')).toBeVisible();
    await page.goto('about:blank');
    expect(dialogs).toEqual([]);
  });

  test('when saving fails the flow stays open, the header says so, and leaving asks first', async ({
    page,
  }) => {
    // Storage that refuses every write, as a full disk or quota would.
    await page.addInitScript(() => {
      const full = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      IDBObjectStore.prototype.put = full;
      Storage.prototype.setItem = full;
    });
    await page.reload();
    const dialogs = collectDialogs(page);

    await editor.openFile(STANDBY);
    await expect(editor.header.getByText('Changes not saved in this browser')).toBeVisible();
    await expect(editor.widgetRows()).toHaveCount(fixtureDefinition(STANDBY).states.length);

    await page.goto('about:blank');
    expect(dialogs.map((d) => d.type())).toEqual(['beforeunload']);
  });
});

test.describe('keyboard shortcuts and dialogs', () => {
  test('Ctrl+K opens the widget search; typing filters; Enter selects the widget', async ({ page }) => {
    const definition = fixtureDefinition(STANDBY);
    await editor.openFile(STANDBY);
    await expect(editor.widgetRow('Goodbye')).toHaveAttribute('aria-selected', 'false');

    await page.keyboard.press('ControlOrMeta+K');
    const search = page.getByRole('dialog', { name: 'Find widget' });
    const input = search.getByRole('combobox', { name: 'Jump to widget' });
    await expect(input).toBeFocused();
    const options = search.getByRole('option');
    await expect(options).toHaveCount(definition.states.length);

    await input.pressSequentially('goodb');
    await expect(options).toHaveCount(1);
    await expect(options.first()).toContainText('Goodbye');
    await expect(options.first()).toContainText('Send Message');
    await expect(options.first()).toHaveAttribute('aria-selected', 'true');
    await expect(input).toHaveAttribute(
      'aria-activedescendant',
      (await options.first().getAttribute('id')) ?? '',
    );

    await page.keyboard.press('Enter');
    await expect(search).toBeHidden();
    await expect(editor.widgetRow('Goodbye')).toHaveAttribute('aria-selected', 'true');
    await expect(editor.widgetsGrid.locator('[aria-selected="true"]')).toHaveCount(1);
  });

  test('a jump from a focused card centres the chosen widget and moves focus to its card', async ({
    page,
  }) => {
    await editor.openFile(STANDBY);
    // Focus on a card: after the jump, focus must not go back to it (the view would follow it back).
    await editor.widgetRow('OptIn').click();
    await editor.node('OptIn').click();
    await expect(editor.node('OptIn')).toBeFocused();

    await page.keyboard.press('ControlOrMeta+K');
    const search = page.getByRole('dialog', { name: 'Find widget' });
    await search.getByRole('combobox', { name: 'Jump to widget' }).fill('Goodbye');
    await page.keyboard.press('Enter');
    await expect(search).toBeHidden();
    await expect(editor.node('Goodbye')).toBeFocused();
    await expect(editor.node('Goodbye')).toBeInViewport({ ratio: 1 });
    await expect(editor.widgetRow('Goodbye')).toHaveAttribute('aria-selected', 'true');
    // The card has the keyboard: F2 renames the widget that was jumped to.
    await page.keyboard.press('F2');
    await expect(editor.canvas.getByRole('textbox', { name: 'Widget name' })).toHaveValue('Goodbye');
  });

  test('/ opens the search too, matches types and loose letters, and arrows choose', async ({ page }) => {
    await editor.openFile(STANDBY);
    await editor.widgetsGrid.focus();
    await page.keyboard.press('/');
    const search = page.getByRole('dialog', { name: 'Find widget' });
    const input = search.getByRole('combobox', { name: 'Jump to widget' });
    await expect(input).toBeFocused();
    // The "/" opened the dialog; it was not typed into the box.
    await expect(input).toHaveValue('');

    // By type title: the two Split widgets.
    await input.fill('split');
    await expect(search.getByRole('option')).toHaveText([/^OptIn/, /^ValidateNotificationPref/]);
    await page.keyboard.press('ArrowDown');
    await expect(search.getByRole('option').nth(1)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(search).toBeHidden();
    await expect(editor.widgetRow('ValidateNotificationPref')).toHaveAttribute('aria-selected', 'true');
    // Focus goes back where it was.
    await expect(editor.widgetsGrid).toBeFocused();

    // Letters in order: "ntfp" finds NotificationPreference.
    await editor.header.getByRole('button', { name: 'Find widget…' }).click();
    await input.fill('ntfp');
    await expect(search.getByRole('option').first()).toContainText('NotificationPreference');
    await search.getByRole('option').first().click();
    await expect(editor.widgetRow('NotificationPreference')).toHaveAttribute('aria-selected', 'true');

    // Nothing matches: said so; Escape closes without changing the selection.
    await page.keyboard.press('ControlOrMeta+K');
    await input.fill('zzzz');
    await expect(search.getByRole('option')).toHaveCount(0);
    await expect(search.getByText('No widget name or type matches')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(search).toBeHidden();
    await expect(editor.widgetRow('NotificationPreference')).toHaveAttribute('aria-selected', 'true');
  });

  test('? opens the shortcuts overlay listing every shortcut; Escape closes it', async ({ page }) => {
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help).toBeVisible();
    await expect(help.getByRole('heading', { name: 'Editing' })).toBeVisible();
    await expect(help.getByRole('heading', { name: 'Navigation' })).toBeVisible();
    const undo = help.getByRole('row', { name: /^Undo\b/ });
    await expect(undo.locator('kbd')).toHaveText(['Ctrl+Z']);
    await expect(help.getByRole('row', { name: /^Redo\b/ }).locator('kbd')).toHaveText([
      'Ctrl+Shift+Z',
      'Ctrl+Y',
    ]);
    await expect(help.getByRole('row', { name: /^Jump to a widget/ }).locator('kbd')).toHaveText([
      'Ctrl+K',
      '/',
    ]);
    await expect(help.getByRole('row', { name: /^Show these shortcuts/ })).toContainText('?');

    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();

    // The header button opens it too, and focus returns to it.
    const button = editor.header.getByRole('button', { name: 'Keyboard shortcuts' });
    await button.click();
    await expect(help).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
    await expect(button).toBeFocused();
  });

  test('shortcuts are ignored while typing in the Paste JSON box', async ({ page }) => {
    await editor.header.getByRole('button', { name: 'Paste JSON…' }).click();
    await expect(editor.flowJson).toBeFocused();

    await page.keyboard.type('{"a?": "/x"}');
    await page.keyboard.press('ControlOrMeta+K');
    await expect(editor.flowJson).toHaveValue('{"a?": "/x"}');
    await expect(page.getByRole('dialog', { name: 'Find widget' })).toBeHidden();
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
    await expect(editor.importDialog).toBeVisible();

    // Ctrl+Z is the text box's own undo, not the editor's.
    await page.keyboard.press('ControlOrMeta+Z');
    await expect(editor.flowJson).not.toHaveValue('{"a?": "/x"}');
    await expect(editor.importDialog).toBeVisible();
  });

  test('Escape clears the selection', async ({ page }) => {
    await editor.openFile(STANDBY);
    await editor.widgetsGrid.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(editor.widgetRow('Welcome')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Escape');
    await expect(editor.widgetsGrid.locator('[aria-selected="true"]')).toHaveCount(0);
  });

  test('Undo and Redo are in the header, disabled while there is nothing to undo or redo', async ({
    page,
  }) => {
    const undo = editor.header.getByRole('button', { name: 'Undo' });
    const redo = editor.header.getByRole('button', { name: 'Redo' });
    await expect(undo).toBeDisabled();
    await expect(redo).toBeDisabled();
    await expect(undo).toHaveAttribute('title', 'Undo (Ctrl+Z)');
    await expect(redo).toHaveAttribute('title', 'Redo (Ctrl+Shift+Z)');

    await editor.openFile(STANDBY);
    await expect(undo).toBeDisabled();
    // Nothing to undo: the key does nothing (and the flow stays).
    await page.keyboard.press('ControlOrMeta+Z');
    await expect(editor.widgetRow('Goodbye')).toBeVisible();
  });
});
