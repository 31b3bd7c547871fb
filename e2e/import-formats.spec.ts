import { expect, test } from './test';
import { EditorPage, fixtureDefinition, fixtureText } from './pages/EditorPage';

/*
 * Every shape the Flows API and the Twilio CLI give a flow in, pasted as a user would, opens the right flow and
 * says what it was. (Unit tests in src/io cover the detection rules; this is the user's path through the UI.)
 */
const SIMPLE = 'twilio-docs__simple-flow-definition.json';
const SID = 'FW0123456789abcdef0123456789abcdef';
const definition = fixtureDefinition(SIMPLE);
const widgets = `${definition.states.length} widgets`;

const flow = (revision: number, extra: Record<string, unknown> = {}) => ({
  sid: SID,
  friendly_name: 'Docs sample',
  status: 'published',
  revision,
  commit_message: `Change ${revision}`,
  definition,
  webhook_url: `https://webhooks.twilio.com/v1/Accounts/AC0/Flows/${SID}`,
  url: `https://studio.twilio.com/v2/Flows/${SID}`,
  ...extra,
});
/** The Twilio CLI prints `-o json` as an array of resources with camelCase keys. */
const cli = (revision: number) => ({
  sid: SID,
  friendlyName: 'Docs sample',
  status: 'draft',
  revision,
  commitMessage: `Change ${revision}`,
  definition,
  dateCreated: '2024-05-01T09:00:00.000Z',
  dateUpdated: `2024-05-0${revision}T09:30:00.000Z`,
  url: `https://studio.twilio.com/v2/Flows/${SID}/Revisions/${revision}`,
});

const CASES: { format: string; text: string; label: string }[] = [
  { format: 'a bare definition', text: fixtureText(SIMPLE), label: 'Flow definition' },
  {
    format: 'a Flow resource (FetchFlow)',
    text: JSON.stringify(flow(4)),
    label: 'Flow “Docs sample” (FW01234567…), revision 4, published',
  },
  {
    format: 'a Flow resource whose definition is a JSON string',
    text: JSON.stringify(flow(5, { definition: JSON.stringify(definition) })),
    label: 'Flow “Docs sample” (FW01234567…), revision 5, published',
  },
  {
    format: 'a FlowRevision',
    text: JSON.stringify({
      ...flow(2),
      webhook_url: undefined,
      url: `https://studio.twilio.com/v2/Flows/${SID}/Revisions/2`,
    }),
    label: 'Revision 2 of “Docs sample” (published)',
  },
  {
    format: 'a ListFlow response with one flow',
    text: JSON.stringify({ flows: [flow(6)], meta: { page: 0, page_size: 50, key: 'flows' } }),
    label: 'Flow “Docs sample” (FW01234567…), revision 6, published',
  },
  {
    format: 'Twilio CLI output (flows:fetch -o json)',
    text: JSON.stringify([
      {
        ...cli(3),
        url: `https://studio.twilio.com/v2/Flows/${SID}`,
        webhookUrl: 'https://webhooks.twilio.com/x',
      },
    ]),
    label: 'Flow “Docs sample” (FW01234567…), revision 3, draft',
  },
];

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

for (const { format, text, label } of CASES) {
  test(`pasting ${format} opens the flow and says what it was`, async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.goto();
    await editor.pasteJson(text);
    await expect(editor.importDialog).toBeHidden();
    await expect(editor.status).toContainText(label);
    await expect(editor.status).toContainText(widgets);
    for (const state of definition.states) await expect(editor.node(state.name)).toBeVisible();
  });
}

test('a revision list from the Twilio CLI lets the user choose the revision', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.goto();
  await editor.pasteJson(JSON.stringify([cli(3), cli(2), cli(1)]));
  const choice = editor.importDialog.getByLabel('Revision to open');
  await expect(choice.getByRole('option')).toHaveCount(3);
  await choice.selectOption({ index: 1 });
  await editor.importDialog.getByRole('button', { name: 'Open' }).click();
  await expect(editor.status).toContainText('Revision 2 of “Docs sample” (draft)');
});
