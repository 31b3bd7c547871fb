import { readFile } from 'node:fs/promises';
import {
  request as playwrightRequest,
  type APIRequestContext,
  type Page,
  type Response,
} from '@playwright/test';
import { EditorPage, fixturePath } from './pages/EditorPage';
import { ComparePage } from './pages/ComparePage';
import {
  EMULATOR_URL,
  PREVIEW_URL,
  SECRET_FORMS,
  SERVE_URL,
  TEST_ACCOUNT_SID,
  TEST_AUTH_TOKEN,
} from './studio/env';
import { expect, test } from './test';

/*
 * The Studio account, driven as a person would, against `studio-flow serve` pointed at the Studio emulator (both
 * started by playwright.config.ts). One emulator serves the whole file: the tests run one after another, each on a
 * freshly reset and seeded account. Every response the page receives, and the page itself, is scanned for the
 * credential in all its forms.
 */
test.describe.configure({ mode: 'serial' });
test.use({ baseURL: SERVE_URL });

const IVR_SID = 'FW00000000000000000000000000000001';
const SMS_SID = 'FW00000000000000000000000000000002';

let emulator: APIRequestContext;
/** What the test reads of Studio directly (as the console would show it): Basic auth, like any API client. */
let studio: APIRequestContext;

async function definitionOf(fixture: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(fixturePath(fixture), 'utf8')) as Record<string, unknown>;
}

async function seed(): Promise<void> {
  const simple = await definitionOf('twilio-docs__simple-flow-definition.json');
  const edited = structuredClone(simple);
  (edited as { description?: string }).description = 'IVR, second revision';
  await emulator.post('/__emulator/reset');
  const answer = await emulator.post('/__emulator/seed', {
    data: {
      flows: [
        {
          sid: IVR_SID,
          friendlyName: 'Main IVR',
          revisions: [
            { definition: simple, status: 'published', commitMessage: 'First version' },
            { definition: edited, status: 'published', commitMessage: 'Describe the flow' },
          ],
          testUsers: ['+15550000001'],
          executions: [
            {
              status: 'ended',
              contactChannelAddress: '+15550000002',
              dateCreated: '2026-12-01T10:00:00Z',
              steps: [
                {
                  name: 'incomingMessage',
                  transitionedFrom: 'Trigger',
                  transitionedTo: 'send_message_1',
                  dateCreated: '2026-12-01T10:00:00Z',
                  context: { trigger: { message: { Body: 'hello' } } },
                },
                {
                  name: 'sent',
                  transitionedFrom: 'send_message_1',
                  transitionedTo: 'Ended',
                  dateCreated: '2026-12-01T10:00:01Z',
                },
              ],
            },
            {
              status: 'active',
              contactChannelAddress: '+15550000003',
              dateCreated: '2026-12-06T09:00:00Z',
              steps: [
                {
                  name: 'incomingCall',
                  transitionedFrom: 'Trigger',
                  transitionedTo: 'say_play_1',
                  dateCreated: '2026-12-06T09:00:00Z',
                },
              ],
            },
          ],
        },
        { sid: SMS_SID, friendlyName: 'SMS survey', definition: simple, status: 'draft' },
      ],
    },
  });
  expect(answer.status()).toBe(201);
}

async function revisionsOf(sid: string) {
  const answer = await studio.get(`/v2/Flows/${sid}/Revisions?PageSize=50`);
  expect(answer.status()).toBe(200);
  return (
    (await answer.json()) as {
      revisions: { revision: number; status: string; commit_message: string | null; definition: unknown }[];
    }
  ).revisions;
}

/** Collects every response the page gets, to scan for the credential when the test ends. */
function watchResponses(page: Page): { texts: string[]; pending: Promise<void>[] } {
  const seen = { texts: [] as string[], pending: [] as Promise<void>[] };
  page.on('response', (response: Response) => {
    seen.pending.push(
      (async () => {
        const headers = Object.entries(await response.allHeaders())
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n');
        let body = '';
        try {
          body = await response.text();
        } catch {
          // A redirect or an aborted request has no body.
        }
        seen.texts.push(`${response.url()}\n${headers}\n${body}`);
      })(),
    );
  });
  return seen;
}

let responses: { texts: string[]; pending: Promise<void>[] };

test.beforeAll(async () => {
  emulator = await playwrightRequest.newContext({ baseURL: EMULATOR_URL });
  studio = await playwrightRequest.newContext({
    baseURL: EMULATOR_URL,
    httpCredentials: { username: TEST_ACCOUNT_SID, password: TEST_AUTH_TOKEN, send: 'always' },
  });
});

test.afterAll(async () => {
  await emulator.dispose();
  await studio.dispose();
});

test.beforeEach(async ({ page }) => {
  await seed();
  responses = watchResponses(page);
});

test.afterEach(async ({ page }) => {
  await Promise.allSettled(responses.pending);
  const everything = [...responses.texts, await page.content()];
  // The page's own storage (autosave) must not hold it either.
  everything.push(
    await page.evaluate(() =>
      [localStorage, sessionStorage]
        .flatMap((store) =>
          Array.from({ length: store.length }, (_, i) => {
            const key = store.key(i) ?? '';
            return `${key}=${store.getItem(key) ?? ''}`;
          }),
        )
        .join('\n'),
    ),
  );
  for (const text of everything) for (const secret of SECRET_FORMS) expect(text).not.toContain(secret);
});

async function openAccount(page: Page) {
  await page
    .getByRole('group', { name: 'Studio account' })
    .getByRole('button', { name: /^Studio/ })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Studio account' });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function openFlowFromAccount(page: Page, name: string) {
  const dialog = await openAccount(page);
  await dialog.getByRole('button', { name: `Open ${name}` }).click();
  await expect(dialog).toBeHidden();
}

/** The editor with Main IVR opened from the account and the Executions tab shown. */
async function openAccountFlowExecutions(page: Page): Promise<EditorPage> {
  const editor = new EditorPage(page);
  await editor.goto();
  await openFlowFromAccount(page, 'Main IVR');
  await page.getByRole('tab', { name: 'Executions' }).click();
  return editor;
}

function studioLink(page: Page) {
  return page.getByRole('banner').getByLabel('Studio flow');
}

test("lists the account's flows, filters them, and opens one: the header shows its SID, revision and status", async ({
  page,
}) => {
  const editor = new EditorPage(page);
  await editor.goto();
  const dialog = await openAccount(page);
  await expect(dialog.getByRole('status')).toContainText('Connected to account AC…cdef with the auth token');
  const table = dialog.getByRole('table');
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('row', { name: /Main IVR/ })).toContainText('published');
  await expect(table.getByRole('row', { name: /Main IVR/ })).toContainText('2');
  await dialog.getByLabel('Name').fill('survey');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row', { name: /SMS survey/ })).toContainText('draft');
  await dialog.getByLabel('Name').fill('');
  await dialog.getByLabel('Status').selectOption('published');
  await expect(table.getByRole('row')).toHaveCount(2);
  await dialog.getByLabel('Status').selectOption('all');
  // Sortable by its columns, told to assistive technology with aria-sort.
  const nameHeader = table.getByRole('columnheader', { name: 'Name' });
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(table.getByRole('row').nth(1)).toContainText('Main IVR');
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('row').nth(1)).toContainText('SMS survey');
  await dialog.getByRole('button', { name: 'Open Main IVR' }).click();
  await expect(dialog).toBeHidden();
  await expect(editor.status).toContainText('Main IVR');
  await expect(studioLink(page)).toContainText('FW0000…0001');
  await expect(studioLink(page)).toContainText('rev 2');
  await expect(studioLink(page)).toContainText('published');
  await expect(editor.widgetRow('send_message_1')).toBeVisible();
});

test('edit, save a draft, then publish with a commit message: each is a new revision on Studio', async ({
  page,
}) => {
  const editor = new EditorPage(page);
  await editor.goto();
  await openFlowFromAccount(page, 'Main IVR');
  await editor.paletteItem('Send Message').click();
  await expect(editor.widgetRow('send_message_2')).toBeVisible();

  await page.getByRole('banner').getByRole('button', { name: 'Save draft' }).click();
  const save = page.getByRole('dialog', { name: 'Save draft to Studio' });
  await save.getByLabel('Commit message').fill('Add a message');
  await save.getByRole('button', { name: 'Save draft' }).click();
  await expect(save).toBeHidden();
  await expect(studioLink(page)).toContainText('rev 3');
  await expect(studioLink(page)).toContainText('draft');
  let revisions = await revisionsOf(IVR_SID);
  expect(revisions[0]).toMatchObject({ revision: 3, status: 'draft', commit_message: 'Add a message' });
  expect(JSON.stringify(revisions[0]?.definition)).toContain('send_message_2');

  await page.getByRole('banner').getByRole('button', { name: 'Publish' }).click();
  const publish = page.getByRole('dialog', { name: 'Publish to Studio' });
  await expect(publish.getByLabel('Commit message')).toHaveValue('');
  await publish.getByLabel('Commit message').fill('Ship the new message');
  await publish.getByRole('button', { name: 'Publish' }).click();
  await expect(publish).toBeHidden();
  await expect(studioLink(page)).toContainText('rev 4');
  await expect(studioLink(page)).toContainText('published');
  revisions = await revisionsOf(IVR_SID);
  expect(revisions[0]).toMatchObject({
    revision: 4,
    status: 'published',
    commit_message: 'Ship the new message',
  });
  // Saving is not an edit: the undo history still holds the added widget.
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeEnabled();
});

test('a save after someone published in the console stops with what changed there: compare, overwrite, or reload', async ({
  page,
}) => {
  const editor = new EditorPage(page);
  const compare = new ComparePage(page);
  await editor.goto();
  await openFlowFromAccount(page, 'Main IVR');
  await editor.paletteItem('Send Message').click();
  await expect(editor.widgetRow('send_message_2')).toBeVisible();

  // Someone publishes from the console meanwhile: one widget removed there.
  const behind = await definitionOf('twilio-docs__simple-flow-definition.json');
  const states = behind.states as { name: string }[];
  behind.states = states.filter((s) => s.name !== 'say_play_1');
  const moved = await emulator.post(`/__emulator/flows/${IVR_SID}/publish-behind`, {
    data: { definition: behind, commitMessage: 'Console edit' },
  });
  expect(moved.status()).toBe(200);

  await page.getByRole('banner').getByRole('button', { name: 'Save draft' }).click();
  await page
    .getByRole('dialog', { name: 'Save draft to Studio' })
    .getByRole('button', { name: 'Save draft' })
    .click();
  const conflict = page.getByRole('alertdialog', { name: 'Studio has a newer revision' });
  await expect(conflict).toContainText('moved from revision 2 to revision 3');
  await expect(conflict).toContainText('Console edit');
  await expect(conflict).toContainText(/Changed on Studio since then: .*1 removed/);
  expect((await revisionsOf(IVR_SID)).length).toBe(3);

  await conflict.getByRole('button', { name: 'Compare with my edits' }).click();
  await expect(compare.toolbar).toContainText('Base: Studio revision 3');
  await expect(compare.toolbar).toContainText('Changed: My edits');
  await expect(compare.changesGrid.getByRole('row', { name: /say_play_1/ })).toBeVisible();
  await expect(compare.changesGrid.getByRole('row', { name: /send_message_2/ })).toBeVisible();
  await compare.toolbar.getByRole('button', { name: 'Exit compare' }).click();

  // Saving again asks again; overwriting is a choice made knowingly.
  await page.getByRole('banner').getByRole('button', { name: 'Save draft' }).click();
  await page
    .getByRole('dialog', { name: 'Save draft to Studio' })
    .getByRole('button', { name: 'Save draft' })
    .click();
  await conflict.getByRole('button', { name: 'Overwrite revision 3' }).click();
  await expect(conflict).toBeHidden();
  await expect(studioLink(page)).toContainText('rev 4');
  const revisions = await revisionsOf(IVR_SID);
  expect(revisions[0]).toMatchObject({ revision: 4, status: 'draft' });
  expect(JSON.stringify(revisions[0]?.definition)).toContain('send_message_2');
});

test("reloading Studio's version after a conflict is one undo step: undo brings the edits back", async ({
  page,
}) => {
  const editor = new EditorPage(page);
  await editor.goto();
  await openFlowFromAccount(page, 'Main IVR');
  await editor.paletteItem('Send Message').click();
  await expect(editor.widgetRow('send_message_2')).toBeVisible();
  await emulator.post(`/__emulator/flows/${IVR_SID}/publish-behind`, {
    data: { commitMessage: 'Republished' },
  });
  await page.getByRole('banner').getByRole('button', { name: 'Save draft' }).click();
  await page
    .getByRole('dialog', { name: 'Save draft to Studio' })
    .getByRole('button', { name: 'Save draft' })
    .click();
  const conflict = page.getByRole('alertdialog', { name: 'Studio has a newer revision' });
  await conflict.getByRole('button', { name: 'Reload Studio’s version' }).click();
  await expect(conflict).toBeHidden();
  await expect(studioLink(page)).toContainText('rev 3');
  await expect(editor.widgetRow('send_message_2')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(editor.widgetRow('send_message_2')).toBeVisible();
  await expect(studioLink(page)).toContainText('rev 2');
});

test('revisions: the history with commit messages, one viewed read-only, two compared, my edits against the latest', async ({
  page,
}) => {
  const editor = new EditorPage(page);
  const compare = new ComparePage(page);
  await editor.goto();
  await openFlowFromAccount(page, 'Main IVR');
  await page.keyboard.press('Control+Shift+P');
  await page
    .getByRole('dialog', { name: 'Command palette' })
    .getByRole('combobox', { name: 'Command' })
    .fill('Studio revisions');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Revisions of Main IVR' });
  const rows = dialog.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('Describe the flow');
  await expect(rows.nth(2)).toContainText('First version');

  await dialog.getByRole('button', { name: 'View revision 1' }).click();
  const view = page.getByRole('dialog', { name: 'Revision 1 of Main IVR (read-only)' });
  await expect(view.getByRole('img', { name: 'Flow of revision 1' })).toBeVisible();
  await expect(view.getByLabel('Definition')).toHaveJSProperty('readOnly', true);
  await expect(view.getByLabel('Definition')).toHaveValue(/"send_message_1"/);
  await view.getByRole('button', { name: 'Back to revisions' }).click();

  await dialog.getByLabel('Compare revision 1').check();
  await dialog.getByLabel('Compare revision 2').check();
  await dialog.getByRole('button', { name: 'Compare selected' }).click();
  await expect(compare.toolbar).toContainText('Base: Revision 1');
  await expect(compare.toolbar).toContainText('Changed: Revision 2');
  await compare.toolbar.getByRole('button', { name: 'Exit compare' }).click();

  await editor.paletteItem('Send Message').click();
  await page.keyboard.press('Control+Shift+P');
  await page
    .getByRole('dialog', { name: 'Command palette' })
    .getByRole('combobox', { name: 'Command' })
    .fill('Studio revisions');
  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: 'Compare my edits with revision 2' }).click();
  await expect(compare.toolbar).toContainText('Base: Revision 2');
  await expect(compare.toolbar).toContainText('Changed: My edits');
  await expect(compare.changesGrid.getByRole('row', { name: /send_message_2/ })).toBeVisible();
});

test('Validate with Studio: its verdict beside the offline one, and a disagreement shown as such', async ({
  page,
  pageErrors,
}) => {
  // Studio answers an invalid definition with a 400, which the browser logs as a failed load.
  pageErrors.expect(/status of 400 \(Bad Request\)/);
  const editor = new EditorPage(page);
  await editor.goto();
  await openFlowFromAccount(page, 'Main IVR');
  const runValidate = async () => {
    await page.keyboard.press('Control+Shift+P');
    await page
      .getByRole('dialog', { name: 'Command palette' })
      .getByRole('combobox', { name: 'Command' })
      .fill('Validate with Studio');
    await page.keyboard.press('Enter');
  };
  await runValidate();
  const verdict = page.getByRole('region', { name: 'Studio’s verdict' });
  await expect(verdict).toContainText('Studio accepts this flow.');

  // Studio now reports an error the offline validator does not have.
  await emulator.post('/__emulator/validation', {
    data: {
      extraErrors: [
        { message: 'body is too long for WhatsApp', property_path: '#/states/2/properties/body' },
      ],
    },
  });
  await verdict.getByRole('button', { name: 'Validate again' }).click();
  await expect(verdict).toContainText('Studio reports 1 error (in Problems).');
  const disagreements = verdict.getByRole('list', { name: 'Disagreements with Studio' });
  await expect(disagreements).toContainText(
    'Only Studio: send_message_1: Studio: body is too long for WhatsApp',
  );
  await expect(editor.problemsGrid.getByRole('row', { name: /body is too long for WhatsApp/ })).toBeVisible();
  await emulator.post('/__emulator/validation', { data: { extraErrors: [] } });
});

test('test users of the flow: listed, one added, saved to Studio', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.goto();
  const dialog = await openAccount(page);
  await dialog.getByRole('button', { name: 'Test users of Main IVR' }).click();
  const users = page.getByRole('dialog', { name: 'Test users of Main IVR' });
  await expect(users.getByRole('list', { name: 'Test users' })).toContainText('+15550000001');
  await users.getByLabel('Add a test user').fill('client:alice');
  await users.getByRole('button', { name: 'Add', exact: true }).click();
  await users.getByRole('button', { name: 'Remove +15550000001' }).click();
  await users.getByRole('button', { name: 'Save test users' }).click();
  await expect(users).toBeHidden();
  const answer = await studio.get(`/v2/Flows/${IVR_SID}/TestUsers`);
  expect(((await answer.json()) as { test_users: string[] }).test_users).toEqual(['client:alice']);
});

test('create a flow from the open document, then delete it with a confirmation naming it', async ({
  page,
}) => {
  const editor = new EditorPage(page);
  await editor.goto();
  await page.getByRole('banner').getByRole('button', { name: 'New flow' }).click();
  let dialog = await openAccount(page);
  await dialog.getByRole('button', { name: 'Create flow from the open document…' }).click();
  const create = page.getByRole('dialog', { name: 'Create flow in Studio' });
  await create.getByLabel('Friendly name').fill('Brand new flow');
  await create.getByRole('button', { name: 'Create flow' }).click();
  await expect(create).toBeHidden();
  await expect(studioLink(page)).toContainText('rev 1');
  const list = (await (await studio.get('/v2/Flows')).json()) as {
    flows: { sid: string; friendly_name: string }[];
  };
  const created = list.flows.find((f) => f.friendly_name === 'Brand new flow');
  expect(created).toBeDefined();

  dialog = await openAccount(page);
  await dialog.getByRole('button', { name: 'Refresh' }).click();
  await dialog.getByRole('button', { name: 'Delete Brand new flow' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete flow' });
  await expect(confirm).toContainText(`Delete “Brand new flow” (${created?.sid ?? ''})`);
  await confirm.getByRole('button', { name: 'Delete “Brand new flow”' }).click();
  await expect(dialog.getByRole('row', { name: /Brand new flow/ })).toHaveCount(0);
  expect((await studio.get(`/v2/Flows/${created?.sid ?? ''}`)).status()).toBe(404);
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  // The document stays open, no longer linked.
  await expect(studioLink(page)).toHaveCount(0);
  await expect(editor.widgetRow('Trigger')).toBeVisible();
});

test('the server going down mid-save loses nothing: the error says so, and Retry saves', async ({
  page,
  pageErrors,
}) => {
  pageErrors.expect(/Failed to load resource: the server responded with a status of 502/);
  const editor = new EditorPage(page);
  await editor.goto();
  await openFlowFromAccount(page, 'Main IVR');
  await editor.paletteItem('Send Message').click();
  await expect(editor.widgetRow('send_message_2')).toBeVisible();
  // The next two requests to Studio are cut off (the conflict check's fetch, and the retry of the proxy does not
  // apply to dropped connections).
  await emulator.post('/__emulator/fail', { data: { count: 1, status: 'drop' } });
  await page.getByRole('banner').getByRole('button', { name: 'Save draft' }).click();
  const save = page.getByRole('dialog', { name: 'Save draft to Studio' });
  await save.getByRole('button', { name: 'Save draft' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Save the draft failed' });
  await expect(alert).toContainText('could not be reached');
  await expect(alert).toContainText('Your flow and its undo history are unchanged');
  await expect(editor.widgetRow('send_message_2')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeEnabled();
  expect((await revisionsOf(IVR_SID)).length).toBe(2);
  await save.getByRole('button', { name: 'Cancel' }).click();
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(alert).toBeHidden();
  await expect(studioLink(page)).toContainText('rev 3');
  expect((await revisionsOf(IVR_SID))[0]?.definition).toBeTruthy();
});

test('executions of a date range from Studio: one shown on the canvas with its steps, an active one ended', async ({
  page,
}) => {
  await openAccountFlowExecutions(page);
  const panel = page.getByRole('region', { name: 'Executions on Studio' });
  await panel.getByLabel('From', { exact: true }).fill('2026-12-05');
  await panel.getByRole('button', { name: 'List executions' }).click();
  const rows = panel.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('active');
  await panel.getByLabel('From', { exact: true }).fill('');
  await panel.getByRole('button', { name: 'List executions' }).click();
  await expect(rows).toHaveCount(3);

  const ended = rows.filter({ hasText: '+15550000002' });
  await ended.getByRole('button', { name: /^Show / }).click();
  const executions = page.getByRole('region', { name: 'Executions', exact: true });
  const steps = executions.getByRole('listbox', { name: 'Steps' });
  await expect(steps.getByRole('option')).toHaveCount(2);
  await expect(executions).toContainText('ended at send_message_1');
  await expect(
    page.getByRole('application', { name: 'Flow canvas' }).locator('svg.canvas-overlay'),
  ).toContainText('incomingMessage');
  // The step's context, fetched from Studio when asked for.
  await executions.getByRole('button', { name: 'Context at step 1' }).click();
  const tree = executions.getByRole('tree', { name: 'Context at step 1' });
  await tree.getByRole('button', { name: 'Expand message' }).click();
  await expect(
    tree.getByRole('button', { name: /^Copy \{\{trigger\.message\.Body\}\}: "hello"/ }),
  ).toBeVisible();

  const active = rows.filter({ hasText: '+15550000003' });
  await active.getByRole('button', { name: /^End / }).click();
  const confirm = panel.getByRole('alertdialog', { name: 'Confirm' });
  await expect(confirm).toContainText('End execution FN');
  await confirm.getByRole('button', { name: 'End execution' }).click();
  await expect(active).toContainText('ended');
  const list = (await (await studio.get(`/v2/Flows/${IVR_SID}/Executions`)).json()) as {
    executions: { status: string }[];
  };
  expect(list.executions.map((e) => e.status)).toEqual(['ended', 'ended']);
});

test('start an execution for the REST API trigger, with parameters checked first; then delete it, confirmed', async ({
  page,
}) => {
  type Listed = { executions: { sid: string }[] };
  const listed = async () =>
    ((await (await studio.get(`/v2/Flows/${IVR_SID}/Executions`)).json()) as Listed).executions.map(
      (e) => e.sid,
    );
  const before = await listed();
  await openAccountFlowExecutions(page);
  const panel = page.getByRole('region', { name: 'Executions on Studio' });
  await panel.getByRole('button', { name: 'List executions' }).click();
  const rows = panel.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(before.length + 1);

  await panel.getByText('Start an execution (REST API trigger)').click();
  await panel.getByLabel('To (the contact)').fill('+15557654321');
  await panel.getByLabel('From (your Twilio number)').fill('+15550001111');
  await panel.getByLabel('Parameters (JSON)').fill('{"name": ');
  await panel.getByRole('button', { name: 'Start execution' }).click();
  await expect(panel.getByRole('alert')).toContainText('Parameters are not JSON');
  expect(await listed()).toEqual(before);

  await panel.getByLabel('Parameters (JSON)').fill('{"name": "Zeke"}');
  await panel.getByRole('button', { name: 'Start execution' }).click();
  await expect(rows).toHaveCount(before.length + 2);
  const started = (await listed()).filter((sid) => !before.includes(sid));
  expect(started).toHaveLength(1);
  const sid = started[0] ?? '';
  const context = (await (await studio.get(`/v2/Flows/${IVR_SID}/Executions/${sid}/Context`)).json()) as {
    context: { flow: { data: unknown } };
  };
  expect(context.context.flow.data).toEqual({ name: 'Zeke' });

  await panel.getByRole('button', { name: `Delete ${sid}` }).click();
  const confirm = panel.getByRole('alertdialog', { name: 'Confirm' });
  await expect(confirm).toContainText(`Delete execution ${sid}`);
  await confirm.getByRole('button', { name: 'Delete execution' }).click();
  await expect(rows).toHaveCount(before.length + 1);
  expect(await listed()).toEqual(before);
});

test("an execution that ran on another revision offers the flow's revisions when the account is connected", async ({
  page,
}) => {
  await openAccountFlowExecutions(page);
  const panel = page.getByRole('region', { name: 'Executions', exact: true });
  // Steps that name widgets Main IVR does not have.
  const text = await readFile(fixturePath('executions/steps-one-execution.json'), 'utf8');
  await panel.getByLabel('Steps or executions JSON').fill(text);
  await panel.getByRole('button', { name: 'Show', exact: true }).click();
  const note = panel.getByRole('note');
  await expect(note).toContainText('This execution ran on another revision of the flow');
  await note.getByRole('button', { name: 'Open another revision…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revisions of Main IVR' });
  await expect(dialog.getByRole('table').getByRole('row').nth(1)).toBeVisible();
});

test.describe('served without `serve`', () => {
  test.use({ baseURL: PREVIEW_URL });
  test('the account says how to connect, and the page asked the network nothing', async ({ page }) => {
    const asked: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/')) asked.push(r.url());
    });
    const editor = new EditorPage(page);
    await editor.goto();
    const dialog = await openAccount(page);
    await expect(dialog).toContainText('Not connected.');
    await expect(dialog).toContainText('studio-flow serve');
    expect(asked).toEqual([]);
  });
});
