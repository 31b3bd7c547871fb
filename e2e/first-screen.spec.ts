import { expect, test } from './test';
import { EditorPage, fixtureDefinition, fixtureText, type FixtureDefinition } from './pages/EditorPage';

const STANDBY = 'ft__vaccine-standby-list__sms-studio-flow.json'; // Goodbye.sent -> SaveToAirtable, which does not exist
const SIMPLE = 'twilio-docs__simple-flow-definition.json'; // clean
const CAMH = 'tm__ca_988camh.json'; // 4 unreachable widgets

const FLOW_SID = 'FW0123456789abcdef0123456789abcdef';
const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';

/** A Flow resource as `GET /v2/Flows/{sid}` returns it (trimmed), around a corpus definition. */
function flowResource(definition: FixtureDefinition) {
  return {
    sid: FLOW_SID,
    account_sid: ACCOUNT_SID,
    friendly_name: 'Vaccine standby',
    status: 'draft',
    revision: 7,
    commit_message: null,
    definition,
    webhook_url: `https://webhooks.twilio.com/v1/Accounts/${ACCOUNT_SID}/Flows/${FLOW_SID}`,
    url: `https://studio.twilio.com/v2/Flows/${FLOW_SID}`,
  };
}

/** A Flow Revisions list page (`GET /v2/Flows/{sid}/Revisions`), newest first. */
function revisionList(definition: FixtureDefinition, messages: string[]) {
  return {
    revisions: messages.map((message, i) => {
      const revision = messages.length - i;
      return {
        sid: FLOW_SID,
        account_sid: ACCOUNT_SID,
        friendly_name: 'Docs sample',
        definition: { ...definition, description: `Revision ${revision}` },
        status: i === 0 ? 'draft' : 'published',
        revision,
        commit_message: message,
        date_created: '2024-05-01T09:00:00Z',
        date_updated: `2024-05-0${revision}T09:30:00Z`,
        url: `https://studio.twilio.com/v2/Flows/${FLOW_SID}/Revisions/${revision}`,
      };
    }),
    meta: { page: 0, page_size: 50, key: 'revisions' },
  };
}

let editor: EditorPage;

test.beforeEach(async ({ page }) => {
  editor = new EditorPage(page);
  await editor.goto();
});

test('opening a flow file lists every widget, with the dangling transition reported on Goodbye', async () => {
  const definition = fixtureDefinition(STANDBY);

  await editor.openFile(STANDBY);

  // Every state of the file is a row, in file order, and the grid tells its full size.
  await expect(editor.widgetsGrid).toHaveAttribute('aria-rowcount', String(definition.states.length + 1));
  await expect(editor.widgetRows()).toHaveCount(definition.states.length);
  await expect(editor.widgetRows().first()).toContainText('Trigger');
  await expect(editor.widgetRows().first()).toContainText('initial state');
  await expect(editor.status).toContainText(`${definition.states.length} widgets`);
  await expect(editor.status).toContainText(STANDBY);

  // The widget row carries its error count, in words.
  await expect(editor.widgetRow('Goodbye')).toContainText(/\d+ errors?/);

  // The problems panel names the missing target on Goodbye, as an error.
  await expect(editor.problemsHeading).toContainText(/\d+ errors?/);
  const dangling = editor.problemRowsOf('Goodbye').filter({ hasText: 'SaveToAirtable' });
  await expect(dangling).toHaveCount(1);
  await expect(dangling.getByRole('img', { name: 'Error' })).toBeVisible();
});

test('pasting a Flow resource says what was detected', async () => {
  const definition = fixtureDefinition(STANDBY);

  await editor.pasteJson(JSON.stringify(flowResource(definition), null, 2));

  await expect(editor.importDialog).toBeHidden();
  await expect(editor.status).toContainText('Flow “Vaccine standby” (FW01234567…), revision 7, draft');
  await expect(editor.widgetRows()).toHaveCount(definition.states.length);
});

test('invalid JSON shows its line and column, and the open flow stays', async ({ page }) => {
  const definition = fixtureDefinition(SIMPLE);
  await editor.openFile(SIMPLE);
  await expect(editor.widgetRows()).toHaveCount(definition.states.length);
  const statusBefore = await editor.status.textContent();

  const pasteButton = editor.header.getByRole('button', { name: 'Paste JSON…' });
  await editor.pasteJson('{\n  "states": [\n    { "name": "x",, }\n  ]\n}');

  const alert = editor.importDialog.getByRole('alert');
  await expect(alert).toContainText('Could not import');
  await expect(alert).toContainText(/line 3, column \d+/i);
  await expect(editor.flowJson).toBeFocused();

  // Escape closes the dialog and gives focus back to the button that opened it.
  await page.keyboard.press('Escape');
  await expect(editor.importDialog).toBeHidden();
  await expect(pasteButton).toBeFocused();

  // Still the same flow.
  await expect(editor.widgetRows()).toHaveCount(definition.states.length);
  await expect(editor.widgetRow('say_play_1')).toBeVisible();
  await expect(editor.status).toHaveText(statusBefore ?? '');
});

test('choosing a problem selects its widget', async ({ page }) => {
  await editor.openFile(STANDBY);
  await expect(editor.widgetRow('Goodbye')).toHaveAttribute('aria-selected', 'false');

  const problem = editor.problemRowsOf('Goodbye').filter({ hasText: 'SaveToAirtable' });
  await problem.click();

  await expect(problem).toHaveAttribute('aria-selected', 'true');
  await expect(editor.widgetRow('Goodbye')).toHaveAttribute('aria-selected', 'true');
  await expect(editor.widgetsGrid.locator('[aria-selected="true"]')).toHaveCount(1);

  // The problems panel narrows to the selected widget on request.
  await page.getByLabel('Selected widget only').check();
  await expect(editor.problemRows()).toHaveCount(await editor.problemRowsOf('Goodbye').count());
  await expect(editor.problemRows().first()).toContainText('Goodbye');
});

test('New flow shows the Trigger as the only widget and initial state', async () => {
  await editor.main.getByRole('button', { name: 'New flow' }).click();

  await expect(editor.widgetRows()).toHaveCount(1);
  const trigger = editor.widgetRow('Trigger');
  await expect(trigger).toContainText('initial state');
  await expect(trigger).toContainText('Trigger');
  await expect(trigger).toContainText('none');
  await expect(editor.status).toContainText('New flow');
  await expect(editor.problemsHeading).not.toContainText('error');
});

test('a revision list asks which revision to open and opens the chosen one', async () => {
  const list = revisionList(fixtureDefinition(SIMPLE), ['Tune greeting', 'Add call leg', 'First draft']);

  await editor.pasteJson(JSON.stringify(list));

  const choice = editor.importDialog.getByLabel('Revision to open');
  await expect(choice).toBeFocused();
  await expect(choice.getByRole('option')).toHaveText([
    'Revision 3 · draft · “Tune greeting” · 2024-05-03 09:30 UTC',
    'Revision 2 · published · “Add call leg” · 2024-05-02 09:30 UTC',
    'Revision 1 · published · “First draft” · 2024-05-01 09:30 UTC',
  ]);
  await choice.selectOption({ label: 'Revision 2 · published · “Add call leg” · 2024-05-02 09:30 UTC' });
  await editor.importDialog.getByRole('button', { name: 'Open' }).click();

  await expect(editor.importDialog).toBeHidden();
  await expect(editor.status).toContainText('Revision 2 of “Docs sample” (published)');
});

test('a .json file dropped on the main area opens', async ({ page }) => {
  const text = fixtureText(CAMH);
  const dataTransfer = await page.evaluateHandle((json) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([json], 'camh.json', { type: 'application/json' }));
    return transfer;
  }, text);

  await editor.main.dispatchEvent('dragenter', { dataTransfer });
  await expect(page.getByText('Drop a .json file to open it')).toBeVisible();
  await editor.main.dispatchEvent('drop', { dataTransfer });

  await expect(page.getByText('Drop a .json file to open it')).toBeHidden();
  await expect(editor.status).toContainText('camh.json');
  await expect(editor.widgetRows()).toHaveCount(fixtureDefinition(CAMH).states.length);
});

test('a file that is not a flow is reported and the open flow stays', async () => {
  await editor.openFile(SIMPLE);
  const chooser = editor.page.waitForEvent('filechooser');
  await editor.header.getByText('Open file…').click();
  await (
    await chooser
  ).setFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('[1, 2') });

  await expect(editor.page.getByRole('alert')).toContainText('Could not open notes.json');
  await expect(editor.widgetRow('say_play_1')).toBeVisible();
});

test('the profile switch revalidates against the official schemas', async () => {
  await editor.openFile(STANDBY);
  await expect(editor.profile).toHaveValue('studio');
  const studioCount = await editor.problemRows().count();

  await editor.profile.selectOption({ label: 'Official schemas' });

  // This flow gives send-and-wait-for-reply `timeout` as a string, which only Studio itself accepts.
  await expect(editor.problemRows().filter({ hasText: 'timeout' }).first()).toBeVisible();
  expect(await editor.problemRows().count()).toBeGreaterThan(studioCount);
});

test('unreachable widgets are reported', async () => {
  await editor.openFile(CAMH);

  await expect(editor.problemRows().filter({ hasText: /cannot be reached/ })).toHaveCount(4);
});

test('the widgets list works from the keyboard', async ({ page }) => {
  const definition = fixtureDefinition(SIMPLE);
  await editor.openFile(SIMPLE);

  await editor.widgetsGrid.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const second = definition.states[1]?.name ?? '';
  await expect(editor.widgetRow(second)).toHaveAttribute('aria-selected', 'true');

  await page.keyboard.press('End');
  await page.keyboard.press('Space');
  const last = definition.states.at(-1)?.name ?? '';
  await expect(editor.widgetRow(last)).toHaveAttribute('aria-selected', 'true');
  await expect(editor.widgetRow(second)).toHaveAttribute('aria-selected', 'false');
});

test('the import dialog keeps focus inside and hands it back', async ({ page }) => {
  await editor.main.getByRole('button', { name: 'Paste JSON…' }).click();

  await expect(editor.importDialog).toHaveAttribute('aria-modal', 'true');
  await expect(editor.flowJson).toBeFocused();
  const close = editor.importDialog.getByRole('button', { name: 'Close' });
  const importButton = editor.importDialog.getByRole('button', { name: 'Import' });
  await page.keyboard.press('Shift+Tab');
  await expect(close).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(importButton).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(close).toBeFocused();

  // Ctrl+Enter imports. The empty state's button that opened the dialog is gone, so focus goes to the widgets.
  await editor.flowJson.fill(fixtureText(SIMPLE));
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(editor.importDialog).toBeHidden();
  await expect(editor.widgetsGrid).toBeFocused();
  await expect(editor.widgetRows()).toHaveCount(fixtureDefinition(SIMPLE).states.length);
});

test('a list opened from a file asks which revision to open, and Escape keeps the open flow', async ({
  page,
}) => {
  await editor.openFile(SIMPLE);
  const list = revisionList(fixtureDefinition(STANDBY), ['Second', 'First']);
  const chooser = page.waitForEvent('filechooser');
  await editor.header.getByText('Open file…').click();
  await (
    await chooser
  ).setFiles({
    name: 'revisions.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(list)),
  });

  const choice = editor.importDialog.getByLabel('Revision to open');
  await expect(choice).toBeFocused();
  await expect(editor.importDialog).toContainText('revisions.json');
  await expect(choice.getByRole('option')).toHaveCount(2);

  await page.keyboard.press('Escape');
  await expect(editor.importDialog).toBeHidden();
  await expect(editor.widgetRow('say_play_1')).toBeVisible();
  await expect(editor.status).toContainText(SIMPLE);
});
