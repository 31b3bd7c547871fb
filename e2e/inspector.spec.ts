import { expect, test, type Page } from './test';
import { EditorPage, fixtureDefinition, type FixtureDefinition } from './pages/EditorPage';
import { InspectorPage } from './pages/InspectorPage';

/*
 * The inspector, field by field, as a person uses it: widgets are selected with the widget search, fields are
 * found by their labels and edited with the keyboard (or a click where a person would click). Every test checks
 * the definition the editor saved in the browser (`editor.savedDefinition()`, see EditorPage), which is what it
 * exports.
 */

const FRONTLINE = 'frontline-airtable__studio-flow.json'; // send-message, split, set-variables, HTTP, gather...
const LEVELUP = 'levelup-studio__daily-sit-down-parent.json'; // run-subflow, HTTP with a JSON body

type State = FixtureDefinition['states'][number];
interface Condition {
  friendly_name?: string;
  type?: string;
  value?: string;
  arguments?: string[];
}
interface Transition {
  event: string;
  next?: string;
  conditions?: Condition[];
}

let editor: EditorPage;
let inspector: InspectorPage;

test.beforeEach(async ({ page }) => {
  editor = new EditorPage(page);
  inspector = new InspectorPage(page, editor);
  await editor.goto();
});

async function open(fixture: string): Promise<void> {
  const replacing = await editor.canvas.isVisible();
  await editor.openFile(fixture);
  // Over an open flow, the import dialog previews the file before replacing it.
  if (replacing) await editor.importDialog.getByRole('button', { name: 'Replace current flow' }).click();
  await expect(editor.status).toContainText(fixture);
  await expect(inspector.root).toBeVisible();
}

function props(state: State | undefined): Record<string, unknown> {
  return (state?.properties ?? {}) as Record<string, unknown>;
}

function transitionsOf(state: State | undefined): Transition[] {
  return state?.transitions ?? [];
}

/** A saved widget's properties, once the debounced save has caught up with `check`. */
async function savedProps(name: string): Promise<Record<string, unknown>> {
  return props(await editor.savedWidget(name));
}

function original(fixture: string, name: string): State {
  const state = fixtureDefinition(fixture).states.find((s) => s.name === name);
  if (!state) throw new Error(`${fixture} has no widget ${name}`);
  return state;
}

async function caretToEnd(page: Page): Promise<void> {
  await page.keyboard.press('ControlOrMeta+End');
}

test('nothing selected: the flow settings; a widget selected: its form, headed by type, category and name', async () => {
  await open(FRONTLINE);
  await expect(inspector.root.getByRole('heading', { name: 'Flow settings' })).toBeVisible();
  await expect(inspector.field('Description')).toHaveValue('A New Flow');
  await expect(inspector.field('Allow concurrent calls')).toBeChecked();

  await inspector.field('Description').fill('Routes WhatsApp customers to their agent');
  await inspector.field('Allow concurrent calls').uncheck();
  await expect
    .poll(async () => {
      const def = await editor.savedDefinition();
      return { description: def?.description, flags: def?.flags };
    })
    .toEqual({
      description: 'Routes WhatsApp customers to their agent',
      flags: { allow_concurrent_calls: false },
    });

  await inspector.select('gather_1');
  await expect(inspector.heading).toHaveText('Gather Input On Call');
  await expect(inspector.root).toContainText('Voice');
  for (const section of ['Prompt', 'Keypress', 'Speech recognition'])
    await expect(inspector.root.getByRole('heading', { level: 3, name: section })).toBeVisible();
});

test('every widget type of the library gets its form: labels, required markers, defaults as placeholders', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await editor.main.getByRole('button', { name: 'New flow' }).click();
  const titles = await editor.palette.getByRole('button').allTextContents();
  expect(titles.length).toBeGreaterThan(20);
  for (const title of titles) {
    await editor.paletteItem(title.trim()).click();
    await expect(inspector.heading).toHaveText(title.trim());
    await expect(inspector.nameField).not.toHaveValue('');
  }
  expect(errors).toEqual([]);

  // A Make HTTP Request as Studio creates it: the method's default is offered, the URL is required and empty.
  await editor.paletteItem('Make HTTP Request').click();
  await expect(inspector.field('Request URL')).toHaveAttribute('aria-required', 'true');
  await expect(inspector.field('Request method')).toHaveValue('GET');
  // Gather: its defaults show as placeholders, not as stored values.
  await editor.paletteItem('Gather Input On Call').click();
  await expect(inspector.field('Timeout (seconds)')).toHaveAttribute('placeholder', '5');
  await expect(inspector.field('Language')).toHaveAttribute('placeholder', 'en-US');
});

test('several widgets selected: a note, and the flow settings', async ({ page }) => {
  await open(FRONTLINE);
  await editor.canvas.getByRole('group', { name: 'gather_1', exact: true }).click();
  await expect(inspector.nameField).toHaveValue('gather_1');
  await editor.node('set_variables_2').click({ modifiers: ['Shift'] });
  await expect(inspector.root.getByRole('status')).toHaveText(/^2 widgets selected/);
  await expect(inspector.field('Description')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(inspector.root.getByRole('status')).toHaveCount(0);
});

test('send-message body: a Liquid completion chosen with the keyboard goes into the message', async ({
  page,
}) => {
  await open(FRONTLINE);
  await inspector.select('transfer-message');
  const body = inspector.field('Message body');
  const before = String(props(original(FRONTLINE, 'transfer-message')).body);
  await expect(body).toHaveValue(before);
  await expect(body).toHaveAttribute('aria-required', 'true');
  await expect(body).toHaveAttribute('aria-autocomplete', 'list');

  await body.focus();
  await caretToEnd(page);
  await page.keyboard.type(' {{wid');
  await expect(inspector.completions).toBeVisible();
  await expect(body).toHaveAttribute('aria-controls', (await inspector.completions.getAttribute('id')) ?? '');
  await expect(inspector.completions.getByRole('option')).toHaveCount(1);
  await expect(inspector.completion('widgets')).toBeVisible();
  await page.keyboard.press('Enter');
  // On to the widgets of this flow, named with their type.
  await expect(inspector.completion('get-customer')).toContainText('Make HTTP Request');
  await page.keyboard.type('get-cu');
  await expect(inspector.completions.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Tab');
  // On to what a Make HTTP Request exposes.
  await expect(inspector.completions.getByRole('option')).toHaveText([
    /parsed/,
    /body/,
    /status_code/,
    /content_type/,
  ]);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const active = await body.getAttribute('aria-activedescendant');
  await expect(inspector.completion('status_code')).toHaveAttribute('id', active ?? '');
  await expect(inspector.completion('status_code')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(inspector.completions).toBeHidden();

  const expected = `${before} {{widgets.get-customer.status_code}}`;
  await expect(body).toHaveValue(expected);
  await expect.poll(async () => (await savedProps('transfer-message')).body).toBe(expected);
  // Still inside the field, Escape closes a list without leaving it.
  await page.keyboard.type(' {{');
  await expect(inspector.completions).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(inspector.completions).toBeHidden();
  await expect(body).toBeFocused();
});

test('a reference to a widget that does not exist is flagged under the field, and clears when fixed', async ({
  page,
}) => {
  await open(FRONTLINE);
  await inspector.select('transfer-message');
  const body = inspector.field('Message body');
  await body.fill('Hi {{widgets.nobody.parsed.name}}');
  await expect.poll(() => inspector.describedText(body)).toContain('No widget named “nobody” in this flow');
  await body.fill('Hi {{widgets.get-customer.parsed.name}}');
  await expect.poll(() => inspector.describedText(body)).not.toContain('No widget named');
  await expect
    .poll(async () => (await savedProps('transfer-message')).body)
    .toBe('Hi {{widgets.get-customer.parsed.name}}');
  await expect(page.getByText('No widget named')).toHaveCount(0);
});

test('split-based-on: conditions are added, typed, reordered and removed; the ports follow', async ({
  page,
}) => {
  const SPLIT = 'split-agent-existing-customer';
  const INPUT = '{{widgets.existing-customer-send-reply.inbound.Body}}';
  await open(FRONTLINE);
  await inspector.select(SPLIT);
  await expect(inspector.condition(1)).toBeVisible();
  await expect(inspector.condition(1).getByLabel('Condition type')).toHaveValue('matches_any_of');
  // All 17 condition types are offered.
  await expect(inspector.condition(1).getByLabel('Condition type').locator('option')).toHaveCount(17);
  await expect(editor.port(SPLIT, 'If value contains Sim,sim')).toHaveCount(1);

  // Add a condition with the keyboard: a new match transition, and a new port on the card at once.
  await inspector.root.getByRole('button', { name: 'Add condition' }).focus();
  await page.keyboard.press('Enter');
  const second = inspector.condition(2);
  await expect(second).toBeVisible();
  await expect(second.getByLabel('Name')).toBeFocused();
  await second.getByLabel('Value').fill('operador');
  await second.getByLabel('Condition type').selectOption({ label: 'Contains' });
  await expect(second.getByLabel('Name')).toHaveValue('If value contains operador');
  await expect(editor.port(SPLIT, 'If value contains operador')).toHaveCount(1);
  await expect
    .poll(async () => transitionsOf(await editor.savedWidget(SPLIT)).filter((t) => t.event === 'match'))
    .toEqual([
      original(FRONTLINE, SPLIT).transitions[1],
      {
        event: 'match',
        conditions: [
          {
            friendly_name: 'If value contains operador',
            arguments: [INPUT],
            type: 'contains',
            value: 'operador',
          },
        ],
      },
    ]);

  // Is Blank has no value to compare: the field goes, Studio's label text is stored.
  await second.getByLabel('Condition type').selectOption('is_blank');
  await expect(second.getByLabel('Value')).toHaveCount(0);
  await second.getByLabel('Condition type').selectOption('contains');
  await second.getByLabel('Value').fill('operador');

  // Tested first now: the transitions swap, the first port is the new one.
  await second.getByRole('button', { name: 'Move condition 2 up' }).click();
  await expect(inspector.condition(1).getByLabel('Name')).toHaveValue('If value contains operador');
  await expect
    .poll(async () =>
      transitionsOf(await editor.savedWidget(SPLIT))
        .filter((t) => t.event === 'match')
        .map((t) => t.conditions?.[0]?.value),
    )
    .toEqual(['operador', 'Agente,agente']);

  // Remove the old one (now second): its transition, link and port go.
  await inspector.condition(2).getByRole('button', { name: 'Remove condition 2' }).click();
  await expect(inspector.condition(2)).toHaveCount(0);
  await expect(editor.port(SPLIT, 'If value contains Sim,sim')).toHaveCount(0);
  await expect
    .poll(async () => transitionsOf(await editor.savedWidget(SPLIT)))
    .toEqual([
      { event: 'noMatch' },
      {
        event: 'match',
        conditions: [
          {
            friendly_name: 'If value contains operador',
            arguments: [INPUT],
            type: 'contains',
            value: 'operador',
          },
        ],
      },
    ]);

  // Changing the input rewrites the copies Studio keeps in `arguments`.
  await inspector.field('Variable to test').fill('{{trigger.message.Body}}');
  await expect
    .poll(async () => transitionsOf(await editor.savedWidget(SPLIT))[1]?.conditions?.[0]?.arguments)
    .toEqual(['{{trigger.message.Body}}']);
});

test('set-variables: rows are edited, added and removed, each cell labelled for its row', async ({
  page,
}) => {
  await open(FRONTLINE);
  await inspector.select('set_variables_1');
  await expect(inspector.field('Key 1')).toHaveValue('conversationSid');
  await expect(inspector.field('Value 2')).toHaveValue('{{trigger.conversation.From}}');

  await inspector.field('Value 2').fill('{{trigger.conversation.Author}}');
  await inspector.root.getByRole('button', { name: 'Add variable' }).click();
  await expect(inspector.field('Key 3')).toBeFocused();
  await page.keyboard.type('channel');
  await inspector.field('Value 3').fill('whatsapp');
  await inspector.root.getByRole('button', { name: 'Remove variable 1' }).click();

  await expect
    .poll(async () => (await savedProps('set_variables_1')).variables)
    .toEqual([
      { value: '{{trigger.conversation.Author}}', key: 'customerNumber' },
      { key: 'channel', value: 'whatsapp' },
    ]);
  await expect(inspector.field('Key 1')).toHaveValue('customerNumber');
});

test('make-http-request: method, content type, body and parameters', async () => {
  await open(FRONTLINE);
  await inspector.select('routing');
  await expect(inspector.field('Request body')).toHaveCount(0); // a form-encoded request has no body

  await inspector.field('Request method').selectOption('GET');
  await inspector.field('Value 1').fill('{{flow.variables.To}}');
  await inspector.root.getByRole('button', { name: 'Add parameter' }).click();
  await inspector.field('Key 3').fill('source');
  await inspector.field('Value 3').fill('studio');
  await expect
    .poll(async () => savedProps('routing'))
    .toMatchObject({
      method: 'GET',
      parameters: [
        { value: '{{flow.variables.To}}', key: 'customerNumber' },
        { value: '{{flow.variables.conversationSid}}', key: 'conversationSid' },
        { key: 'source', value: 'studio' },
      ],
    });

  await inspector.field('Content type').selectOption({ label: 'Application/JSON' });
  const body = inspector.field('Request body');
  await expect(body).toBeVisible();
  await body.fill('{"customer": "{{flow.variables.customerNumber}}"}');
  await expect
    .poll(async () => savedProps('routing'))
    .toMatchObject({
      method: 'GET',
      content_type: 'application/json;charset=utf-8',
      body: '{"customer": "{{flow.variables.customerNumber}}"}',
      url: 'https://your-serverless-url-dev.twil.io/callbacks/routing',
    });

  // The JSON request of another fixture keeps its body as written.
  await open(LEVELUP);
  await inspector.select('validate_caller');
  await expect(inspector.field('Content type')).toHaveValue('application/json;charset=utf-8');
  await expect(inspector.field('Request body')).toHaveValue(
    String(props(original(LEVELUP, 'validate_caller')).body),
  );
});

test('run-subflow: parameters with their type', async () => {
  await open(LEVELUP);
  await inspector.select('ask_questions');
  await expect(inspector.heading).toHaveText('Run Subflow');
  await expect(inspector.field('Subflow')).toHaveValue('FW50120385f4d1e8dcf30c0bcd83695969');
  await expect(inspector.field('Revision')).toHaveValue('LatestPublished');

  await inspector.field('Value 1').fill('{{widgets.get_names.parsed.first_name}}');
  await inspector.root.getByRole('button', { name: 'Add parameter' }).click();
  await inspector.field('Key 2').fill('team');
  await inspector.field('Value 2').fill('{"name": "core"}');
  await inspector.field('Type 2').selectOption({ label: 'Parse as JSON object' });
  await inspector.field('Revision').fill('LatestDraft');

  await expect
    .poll(async () => savedProps('ask_questions'))
    .toEqual({
      ...props(original(LEVELUP, 'ask_questions')),
      flow_revision: 'LatestDraft',
      parameters: [
        { value: '{{widgets.get_names.parsed.first_name}}', key: 'name' },
        { key: 'team', value: '{"name": "core"}', type: 'json_object' },
      ],
    });
});

test('gather-input-on-call: say, digits and speech options keep their JSON types', async () => {
  await open(FRONTLINE);
  await inspector.select('gather_1');
  await inspector.field('Say').fill('Press 1 for sales, 2 for support.');
  await inspector.field('Stop gathering after (digits)').fill('2');
  await inspector.field('Hints').fill('sales, support');
  await inspector.field('Speech timeout').fill('3');
  await inspector.field('Speech model').fill('phone_call');
  await inspector.field('Profanity filter').uncheck();
  await inspector.field('Stop gathering on keypress').uncheck();

  await expect
    .poll(async () => savedProps('gather_1'))
    .toEqual({
      ...props(original(FRONTLINE, 'gather_1')),
      say: 'Press 1 for sales, 2 for support.',
      number_of_digits: 2, // a number stays a number
      hints: 'sales, support',
      speech_timeout: '3',
      speech_model: 'phone_call',
      profanity_filter: 'false', // Studio's string, as the schema says
      stop_gather: false,
    });
});

test('a bad value shows on its field and in the problems panel, and clears when fixed', async () => {
  await open(FRONTLINE);
  await inspector.select('routing');
  const url = inspector.field('Request URL');
  const before = await url.inputValue();
  await url.fill('');
  await expect.poll(() => inspector.describedText(url)).toContain('`url` cannot be empty');
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.problemRowsOf('routing')).not.toHaveCount(0);
  await url.fill(before);
  await expect.poll(() => inspector.describedText(url)).toBe('');
  await expect(url).not.toHaveAttribute('aria-invalid', 'true');
  await expect(editor.problemRowsOf('routing')).toHaveCount(0);

  // An error (not a number) marks the field invalid.
  await inspector.select('gather_1');
  const timeout = inspector.field('Timeout (seconds)');
  await timeout.fill('soon');
  await expect(timeout).toHaveAttribute('aria-invalid', 'true');
  await expect.poll(() => inspector.describedText(timeout)).toContain('must be a whole number');
  await timeout.fill('10');
  await expect(timeout).not.toHaveAttribute('aria-invalid', 'true');
  // A number it was, a number it stays (the text typed on the way does not change its type).
  await expect.poll(async () => (await savedProps('gather_1')).timeout).toBe(10);
});

test('typing in a field is one undo step; a timeout stored as "3600" stays a string', async ({ page }) => {
  await open(FRONTLINE);
  await inspector.select('new-customer-name');
  const body = inspector.field('Message body');
  const before = await body.inputValue();
  await body.focus();
  await caretToEnd(page);
  await page.keyboard.type(' Obrigado!', { delay: 20 });
  await expect.poll(async () => (await savedProps('new-customer-name')).body).toBe(`${before} Obrigado!`);
  // Still a string after another field changed.
  expect((await savedProps('new-customer-name')).timeout).toBe('3600');

  await page.keyboard.press('ControlOrMeta+Z');
  await expect(body).toHaveValue(before);
  await expect.poll(async () => (await savedProps('new-customer-name')).body).toBe(before);
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await expect(body).toHaveValue(`${before} Obrigado!`);

  // Changed through the form, it stays a string too.
  await inspector.field('Stop waiting after (seconds)').fill('7200');
  await expect.poll(async () => (await savedProps('new-customer-name')).timeout).toBe('7200');
  await expect(editor.header.getByRole('button', { name: 'Undo' })).toBeEnabled();
  await editor.header.getByRole('button', { name: 'Undo' }).click();
  await expect(inspector.field('Stop waiting after (seconds)')).toHaveValue('3600');
});

test('a property the form does not know survives edits and export; Advanced edits it as JSON', async ({
  page,
}) => {
  // A corpus flow with one extra key on a widget, pasted as a user would.
  const definition = fixtureDefinition(FRONTLINE);
  const withExtra = {
    ...definition,
    states: definition.states.map((s) =>
      s.name === 'transfer-message'
        ? { ...s, properties: { ...s.properties, x_review: { owner: 'ana', ticket: 42 } } }
        : s,
    ),
  };
  await editor.pasteJson(JSON.stringify(withExtra, null, 2));
  await inspector.select('transfer-message');
  await inspector.field('Message body').fill('Um momento, por favor.');
  await expect
    .poll(async () => savedProps('transfer-message'))
    .toMatchObject({ body: 'Um momento, por favor.', x_review: { owner: 'ana', ticket: 42 } });

  await inspector.openAdvanced();
  await expect(inspector.advancedJson).toHaveValue(
    JSON.stringify({ x_review: { owner: 'ana', ticket: 42 } }, null, 2),
  );
  // Not JSON: the parser says where, and the widget keeps the last good value.
  await inspector.advancedJson.fill('{ "x_review": { "owner": "ana", } }');
  await inspector.root.getByRole('button', { name: 'Apply' }).click();
  await expect(inspector.root.getByRole('alert')).toContainText(/line 1, column \d+/);
  await expect
    .poll(async () => (await savedProps('transfer-message')).x_review)
    .toEqual({ owner: 'ana', ticket: 42 });

  // A valid object replaces just those keys; leaving the field applies it.
  await inspector.advancedJson.fill('{ "x_review": { "owner": "bo" }, "x_channel": "whatsapp" }');
  await page.keyboard.press('Tab');
  await expect
    .poll(async () => savedProps('transfer-message'))
    .toEqual({
      ...props(original(FRONTLINE, 'transfer-message')),
      body: 'Um momento, por favor.',
      x_review: { owner: 'bo' },
      x_channel: 'whatsapp',
    });
});

test('renaming from the inspector takes the references along; a clash is refused with the reason', async ({
  page,
}) => {
  await open(FRONTLINE);
  await inspector.select('get-customer');
  await inspector.nameField.fill('routing');
  await page.keyboard.press('Enter');
  await expect(inspector.root.getByRole('alert')).toHaveText('Another widget is already named “routing”.');
  await expect(inspector.nameField).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.press('Escape');
  await expect(inspector.nameField).toHaveValue('get-customer');
  await expect(inspector.root.getByRole('alert')).toHaveCount(0);

  await inspector.nameField.fill('lookup_customer');
  await page.keyboard.press('Enter');
  await expect(inspector.nameField).toHaveValue('lookup_customer');
  await expect(inspector.nameField).toBeFocused();
  await expect(editor.node('lookup_customer')).toBeVisible();
  await expect.poll(async () => (await editor.savedWidget('get-customer')) === undefined).toBe(true);
  const saved = await editor.savedDefinition();
  const byName = new Map((saved?.states ?? []).map((s) => [s.name, s]));
  expect(props(byName.get('split-customer')).input).toBe('{{widgets.lookup_customer.parsed.customer}}');
  expect(transitionsOf(byName.get('split-convo-name')).find((t) => t.event === 'match')?.next).toBe(
    'lookup_customer',
  );
  expect(String(props(byName.get('existing-customer-send-reply')).body)).toContain(
    '{{widgets.lookup_customer.parsed.customer.display_name}}',
  );
});

test('Transitions: outputs are connected, moved and disconnected from the keyboard, each one undo step', async ({
  page,
}) => {
  await open(LEVELUP);
  await inspector.select('get_names');
  const transitions = inspector.root.getByRole('region', { name: 'Transitions' });
  const success = transitions.getByRole('combobox', { name: 'Success', exact: true });
  const failed = transitions.getByRole('combobox', { name: 'Fail', exact: true });
  await expect(success).toHaveValue('ask_questions');
  await expect(failed).toHaveValue('');
  // The Trigger has no input: it is never offered.
  await expect(success.getByRole('option', { name: 'Trigger', exact: true })).toHaveCount(0);

  // No canvas gesture: a select in the inspector, reachable with Tab like every field.
  await failed.focus();
  await failed.selectOption('invalid_user');
  await expect(editor.edge('get_names', 'Fail', 'invalid_user')).toBeAttached();
  await expect
    .poll(
      async () =>
        transitionsOf(await editor.savedWidget('get_names')).find((t) => t.event === 'failed')?.next,
    )
    .toBe('invalid_user');

  // Moved to another widget, then disconnected.
  await success.selectOption('end');
  await expect(editor.edge('get_names', 'Success', 'end')).toBeAttached();
  await expect(editor.edge('get_names', 'Success', 'ask_questions')).toHaveCount(0);
  await success.selectOption('Not connected');
  await expect(editor.edge('get_names', 'Success', 'end')).toHaveCount(0);
  await expect
    .poll(
      async () =>
        transitionsOf(await editor.savedWidget('get_names')).find((t) => t.event === 'success')?.next,
    )
    .toBeUndefined();

  // Each choice was one step: undo twice brings back success → ask_questions, the failed link stays.
  await inspector.leaveField();
  await page.keyboard.press('ControlOrMeta+Z');
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(success).toHaveValue('ask_questions');
  await expect(failed).toHaveValue('invalid_user');
  await expect(editor.edge('get_names', 'Success', 'ask_questions')).toBeAttached();
});

test('Transitions of a split: one output per condition, labelled as on the card', async () => {
  await open(LEVELUP);
  await inspector.select('press_1');
  const transitions = inspector.root.getByRole('region', { name: 'Transitions' });
  const selects = transitions.getByRole('combobox');
  await expect(selects).toHaveCount(2);
  await expect(transitions.getByRole('combobox', { name: 'No Condition Matches', exact: true })).toHaveValue(
    '',
  );
  await expect(selects.nth(1)).toHaveValue('airtable_link');
  await transitions.getByRole('combobox', { name: 'No Condition Matches', exact: true }).selectOption('end');
  await expect
    .poll(
      async () => transitionsOf(await editor.savedWidget('press_1')).find((t) => t.event === 'noMatch')?.next,
    )
    .toBe('end');
});
