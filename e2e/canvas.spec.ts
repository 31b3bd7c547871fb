import { expect, test } from './test';
import { EditorPage, fixtureDefinition, type FixtureDefinition } from './pages/EditorPage';

/*
 * The canvas, gesture by gesture, as a person does it: real mouse drags and key presses. Every test checks the
 * resulting definition as the editor saved it in the browser (`editor.savedDefinition()`, see EditorPage).
 */

const SIMPLE = 'twilio-docs__simple-flow-definition.json'; // Trigger -> send_message_1, say_play_1, call_user_1
const STANDBY = 'ft__vaccine-standby-list__sms-studio-flow.json'; // Goodbye.sent -> SaveToAirtable (missing)
const CAMH = 'tm__ca_988camh.json'; // Liquid references to f_check_counsellors

type State = FixtureDefinition['states'][number];
interface Offset {
  x: number;
  y: number;
}

function offsetOf(state: State | undefined): Offset | undefined {
  return (state?.properties as { offset?: Offset } | undefined)?.offset;
}

function nextOf(state: State | undefined, event: string, nth = 0): string | undefined {
  return state?.transitions.filter((t) => t.event === event)[nth]?.next;
}

function byName(def: FixtureDefinition | null): Map<string, State> {
  return new Map((def?.states ?? []).map((s) => [s.name, s]));
}

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

let editor: EditorPage;

test.beforeEach(async ({ page }) => {
  editor = new EditorPage(page);
  await editor.goto();
});

async function newFlow(): Promise<void> {
  await editor.main.getByRole('button', { name: 'New flow' }).click();
  await expect(editor.node('Trigger')).toBeVisible();
}

async function open(fixture: string): Promise<void> {
  await editor.openFile(fixture);
  await expect(editor.status).toContainText(fixture);
  await expect(editor.canvas).toBeVisible();
}

test('every widget is a card named for screen readers, with its ports and labelled connections', async () => {
  await open(SIMPLE);
  for (const state of fixtureDefinition(SIMPLE).states) await expect(editor.node(state.name)).toBeVisible();

  const trigger = editor.node('Trigger');
  await expect(trigger).toContainText('Trigger');
  for (const label of ['Incoming Message', 'Incoming Call', 'Incoming Conversation', 'REST API', 'Subflow']) {
    await expect(editor.port('Trigger', label)).toHaveCount(1);
  }
  await expect(editor.node('call_user_1')).toContainText('Make Outgoing Call');
  await expect(editor.edge('Trigger', 'Incoming Message', 'send_message_1')).toBeAttached();
  await expect(editor.edge('call_user_1', 'Answered', 'say_play_1')).toBeAttached();
  await expect(editor.canvas.getByText('Incoming Call', { exact: true }).last()).toBeVisible();
});

test('a widget dragged from the library is created where it is dropped, with its default properties', async ({
  page,
}) => {
  await newFlow();
  // The Trigger sits at 0,0: its card tells where the canvas origin is on screen, and the zoom.
  const trigger = await editor.node('Trigger').boundingBox();
  if (!trigger) throw new Error('no Trigger');
  const zoom = trigger.width / 240;
  const drop = { x: trigger.x + trigger.width / 2 + 60, y: trigger.y + trigger.height + 160 };

  await editor.dropWidget('Send Message', drop);

  const card = editor.node('send_message_1');
  await expect(card).toBeVisible();
  await expect(card).toHaveClass(/\bselected\b/);
  // Centred under the pointer, by its header.
  const box = await card.boundingBox();
  expect(Math.abs((box?.x ?? 0) + (box?.width ?? 0) / 2 - drop.x)).toBeLessThan(12 * zoom);

  const expected = {
    x: Math.round(((drop.x - trigger.x) / zoom - 120) / 10) * 10,
    y: Math.round(((drop.y - trigger.y) / zoom - 20) / 10) * 10,
  };
  await expect
    .poll(async () => {
      const widget = await editor.savedWidget('send_message_1');
      return widget && { type: widget.type, transitions: widget.transitions, properties: widget.properties };
    })
    .toEqual({
      type: 'send-message',
      transitions: [{ event: 'sent' }, { event: 'failed' }],
      properties: expect.objectContaining({
        body: '',
        from: '{{flow.channel.address}}',
        to: '{{contact.channel.address}}',
        offset: expected,
      }) as unknown,
    });

  // Click and Enter add one too, in view and clear of the others, with the next free default name.
  await editor.paletteItem('Send Message').click();
  await expect(editor.node('send_message_2')).toBeVisible();
  await editor.paletteFilter.fill('split');
  await expect(editor.palette.getByRole('button')).toHaveText(['Split Based On...']);
  await editor.paletteFilter.press('Enter');
  await expect(editor.node('split_1')).toBeVisible();
  await editor.paletteFilter.fill('');
  await editor.paletteItem('Say/Play').focus();
  await page.keyboard.press('Enter');
  await expect(editor.node('say_play_1')).toBeVisible();

  await expect.poll(async () => (await editor.savedDefinition())?.states.length).toBe(5);
  const saved = byName(await editor.savedDefinition());
  const boxes = ['send_message_2', 'split_1', 'say_play_1'].map((n) => offsetOf(saved.get(n)));
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      expect(a && b && Math.abs(a.x - b.x) < 240 && Math.abs(a.y - b.y) < 86, 'cards overlap').toBe(false);
    }
  }
});

test('dragging from a port to a widget connects it; dragging the end elsewhere reconnects; Delete clears it', async ({
  page,
}) => {
  await newFlow();
  const trigger = await editor.node('Trigger').boundingBox();
  if (!trigger) throw new Error('no Trigger');
  const below = trigger.y + trigger.height + 70;
  await editor.dropWidget('Send Message', { x: trigger.x - 40, y: below });
  await editor.dropWidget('Send Message', { x: trigger.x + trigger.width + 40, y: below });
  await expect(editor.node('send_message_2')).toBeVisible();

  await editor.connect('Trigger', 'Incoming Message', 'send_message_1');
  await expect
    .poll(async () => nextOf(await editor.savedWidget('Trigger'), 'incomingMessage'))
    .toBe('send_message_1');
  const edge = editor.edge('Trigger', 'Incoming Message', 'send_message_1');
  await expect(edge).toBeVisible();

  // Reconnect: drag the arrow's end from send_message_1 to send_message_2.
  const end = edge.locator('.react-flow__edgeupdater-target');
  await editor.drag(await editor.centreOf(end), await editor.centreOf(editor.node('send_message_2')));
  await expect
    .poll(async () => nextOf(await editor.savedWidget('Trigger'), 'incomingMessage'))
    .toBe('send_message_2');
  await expect(editor.edge('Trigger', 'Incoming Message', 'send_message_2')).toBeVisible();
  await expect(edge).toHaveCount(0);

  // Select the connection and press Delete.
  await editor.edge('Trigger', 'Incoming Message', 'send_message_2').click();
  await page.keyboard.press('Delete');
  await expect
    .poll(async () => nextOf(await editor.savedWidget('Trigger'), 'incomingMessage'))
    .toBeUndefined();
  await expect(editor.canvas.getByRole('group', { name: /^Trigger: / })).toHaveCount(0);
  // The widgets stay.
  expect((await editor.savedDefinition())?.states.map((s) => s.name)).toEqual([
    'Trigger',
    'send_message_1',
    'send_message_2',
  ]);

  // A connection dragged off onto empty canvas is removed too.
  await editor.connect('send_message_1', 'Sent', 'send_message_2');
  const sent = editor.edge('send_message_1', 'Sent', 'send_message_2');
  await expect(sent).toBeVisible();
  const from = await editor.centreOf(sent.locator('.react-flow__edgeupdater-target'));
  await editor.drag(from, { x: from.x + 260, y: from.y + 120 });
  await expect.poll(async () => nextOf(await editor.savedWidget('send_message_1'), 'sent')).toBeUndefined();
});

test('Delete removes the selected widgets and every link to them; the Trigger refuses', async ({ page }) => {
  await open(SIMPLE);
  await editor.node('say_play_1').click();
  await page.keyboard.press('Delete');
  await expect(editor.node('say_play_1')).toHaveCount(0);
  await expect
    .poll(async () => (await editor.savedDefinition())?.states.map((s) => s.name))
    .toEqual(['Trigger', 'send_message_1', 'call_user_1']);
  const saved = await editor.savedDefinition();
  expect(JSON.stringify(saved)).not.toContain('say_play_1');
  expect(nextOf(byName(saved).get('Trigger'), 'incomingCall')).toBeUndefined();
  expect(nextOf(byName(saved).get('call_user_1'), 'answered')).toBeUndefined();

  await editor.node('Trigger').click();
  await page.keyboard.press('Delete');
  await expect(editor.canvasStatus).toHaveText('The Trigger cannot be deleted.');
  await expect(editor.node('Trigger')).toBeVisible();
});

test('renaming by double-click takes every reference along, and a clash is refused with the reason', async ({
  page,
}) => {
  await open(CAMH);
  const before = fixtureDefinition(CAMH);

  // Liquid references: {{widgets.f_check_counsellors.parsed…}} in split_available_counsellors. The widgets list
  // brings a widget into view at a zoom where its name can be read.
  await editor.widgetRow('f_check_counsellors').click();
  await editor.node('f_check_counsellors').getByText('f_check_counsellors', { exact: true }).dblclick();
  const field = editor.canvas.getByRole('textbox', { name: 'Widget name' });
  await expect(field).toBeFocused();
  await field.fill('check_counsellors');
  await field.press('Enter');
  await expect(editor.node('check_counsellors')).toBeVisible();
  await expect(editor.node('check_counsellors')).toBeFocused();

  // `next` links: run_subflow_system_down leads to split_keys_lang twice. F2 renames the selected widget.
  await editor.widgetRow('split_keys_lang').click();
  await editor.node('split_keys_lang').click();
  await page.keyboard.press('F2');
  await expect(field).toBeFocused();
  await field.fill('language_menu');
  await field.press('Enter');

  // initial_state follows the Trigger.
  await editor.widgetRow('Trigger').click();
  await editor.node('Trigger').getByText('Trigger', { exact: true }).first().dblclick();
  await field.fill('Start');
  await field.press('Enter');

  await expect.poll(async () => (await editor.savedDefinition())?.initial_state).toBe('Start');
  const saved = await editor.savedDefinition();
  const text = JSON.stringify(saved);
  expect(text).not.toContain('f_check_counsellors.');
  expect(text).not.toContain('split_keys_lang');
  const states = byName(saved);
  const split = states.get('split_available_counsellors');
  expect(JSON.stringify(split)).toContain('{{widgets.check_counsellors.parsed.totalCounsellors}}');
  // The other widget whose name starts the same is left alone.
  expect(JSON.stringify(states.get('split_available_counsellors_fr'))).toContain(
    '{{widgets.f_check_counsellors_fr.parsed.totalCounsellors}}',
  );
  const subflow = states.get('run_subflow_system_down');
  expect(nextOf(subflow, 'completed')).toBe('language_menu');
  expect(nextOf(subflow, 'failed')).toBe('language_menu');
  expect(saved?.states.map((s) => s.name)).toEqual(
    before.states.map(
      (s) =>
        ({ f_check_counsellors: 'check_counsellors', split_keys_lang: 'language_menu', Trigger: 'Start' })[
          s.name
        ] ?? s.name,
    ),
  );

  // A clash is refused with the reason, and the field stays open for another try; Escape leaves it as it was.
  await editor.widgetRow('send_to_Q988En').click();
  await editor.node('send_to_Q988En').getByText('send_to_Q988En', { exact: true }).dblclick();
  await field.fill('send_to_Q988Fr');
  await field.press('Enter');
  await expect(editor.canvas.getByRole('alert')).toContainText('send_to_Q988Fr');
  await expect(field).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.fill('has space');
  await field.press('Enter');
  await expect(editor.canvas.getByRole('alert')).toContainText('spaces');
  await field.press('Escape');
  await expect(field).toHaveCount(0);
  await expect(editor.node('send_to_Q988En')).toBeVisible();
  expect(byName(await editor.savedDefinition()).has('send_to_Q988En')).toBe(true);
});

test('copy and paste keep the links among the copied widgets and drop the others; duplicate too', async ({
  page,
}) => {
  await open(SIMPLE);
  // Shift-click selects several.
  await editor.node('call_user_1').click();
  await editor.node('say_play_1').click({ modifiers: ['Shift'] });
  await expect(editor.node('call_user_1')).toHaveClass(/\bselected\b/);
  await expect(editor.node('say_play_1')).toHaveClass(/\bselected\b/);
  await page.keyboard.press('ControlOrMeta+C');
  await expect(editor.canvasStatus).toHaveText('Copied 2 widgets.');
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  expect(JSON.parse(clipboard)).toEqual({ states: expect.any(Array) as unknown });

  // Paste where the pointer is.
  const canvas = await editor.canvas.boundingBox();
  if (!canvas) throw new Error('no canvas');
  await page.mouse.click(canvas.x + canvas.width * 0.2, canvas.y + canvas.height * 0.8);
  await page.keyboard.press('ControlOrMeta+V');
  await expect(editor.node('Copy_of_call_user_1')).toBeVisible();
  await expect(editor.node('Copy_of_say_play_1')).toBeVisible();
  await expect.poll(async () => (await editor.savedDefinition())?.states.length).toBe(6);
  let states = byName(await editor.savedDefinition());
  expect(nextOf(states.get('Copy_of_call_user_1'), 'answered')).toBe('Copy_of_say_play_1');
  expect(nextOf(states.get('call_user_1'), 'answered')).toBe('say_play_1');

  // Duplicate one widget: its link to a widget left behind is dropped; a second copy gets a free name.
  await editor.node('call_user_1').click();
  await page.keyboard.press('ControlOrMeta+D');
  await expect(editor.node('Copy_of_call_user_1_2')).toBeVisible();
  await expect.poll(async () => (await editor.savedDefinition())?.states.length).toBe(7);
  states = byName(await editor.savedDefinition());
  expect(nextOf(states.get('Copy_of_call_user_1_2'), 'answered')).toBeUndefined();
  expect(states.get('Copy_of_call_user_1_2')?.type).toBe('make-outgoing-call-v2');

  // The Trigger is never copied.
  await editor.node('Trigger').click();
  await page.keyboard.press('ControlOrMeta+D');
  await expect(editor.canvasStatus).toContainText('The Trigger cannot be copied');
});

test('Shift+drag selects the widgets inside the box, Ctrl+A selects them all, Escape none', async ({
  page,
}) => {
  await open(SIMPLE);
  const a = await editor.node('send_message_1').boundingBox();
  const b = await editor.node('say_play_1').boundingBox();
  if (!a || !b) throw new Error('not on screen');
  // From empty canvas above-left of send_message_1 to below-right of say_play_1.
  await page.keyboard.down('Shift');
  await editor.drag({ x: a.x - 12, y: a.y - 12 }, { x: b.x + b.width + 12, y: b.y + b.height + 12 });
  await page.keyboard.up('Shift');
  await expect(editor.node('send_message_1')).toHaveClass(/\bselected\b/);
  await expect(editor.node('say_play_1')).toHaveClass(/\bselected\b/);
  await expect(editor.node('Trigger')).not.toHaveClass(/\bselected\b/);
  await expect(editor.node('call_user_1')).not.toHaveClass(/\bselected\b/);

  await editor.node('call_user_1').click();
  await page.keyboard.press('ControlOrMeta+A');
  for (const state of fixtureDefinition(SIMPLE).states) {
    await expect(editor.node(state.name)).toHaveClass(/\bselected\b/);
  }
  await page.keyboard.press('Escape');
  await expect(editor.canvas.locator('.react-flow__node.selected')).toHaveCount(0);
});

test('widgets copied in one tab paste into another as Studio JSON', async ({ page, context }) => {
  await open(SIMPLE);
  await editor.node('send_message_1').click();
  await page.keyboard.press('ControlOrMeta+C');
  await expect(editor.canvasStatus).toHaveText('Copied 1 widget.');

  const other = new EditorPage(await context.newPage());
  await other.goto();
  // The other tab restores the session the first one saved; start a new flow there.
  await other.header.getByRole('button', { name: 'New flow' }).click();
  await expect(other.node('Trigger')).toBeVisible();
  await expect(other.node('send_message_1')).toHaveCount(0);
  await other.node('Trigger').click();
  await other.page.keyboard.press('ControlOrMeta+V');
  // No clash in this flow: the name is kept.
  await expect(other.node('send_message_1')).toBeVisible();
  await expect
    .poll(async () => (await other.savedDefinition())?.states.map((s) => [s.name, s.type]))
    .toEqual([
      ['Trigger', 'trigger'],
      ['send_message_1', 'send-message'],
    ]);
});

test('a drag is one undo step, whatever it moved; undo and redo put it back and forth', async ({ page }) => {
  await open(SIMPLE);
  const start = byName(fixtureDefinition(SIMPLE));
  const zoom = ((await editor.node('Trigger').boundingBox())?.width ?? 240) / 240;

  // Two widgets moved together by one drag (on Studio's 10 px grid).
  await editor.node('send_message_1').click();
  await editor.node('say_play_1').click({ modifiers: ['Shift'] });
  await editor.dragNode('say_play_1', 100 * zoom, 60 * zoom);
  await expect
    .poll(async () => offsetOf(await editor.savedWidget('say_play_1')))
    .not.toEqual({ x: 130, y: 210 });
  const moved = offsetOf(await editor.savedWidget('say_play_1'));
  const dx = (moved?.x ?? 0) - 130;
  const dy = (moved?.y ?? 0) - 210;
  expect(Math.abs(dx - 100)).toBeLessThanOrEqual(10);
  expect(Math.abs(dy - 60)).toBeLessThanOrEqual(10);
  expect(offsetOf(await editor.savedWidget('send_message_1'))).toEqual({ x: -240 + dx, y: 210 + dy });

  await page.keyboard.press('ControlOrMeta+Z');
  await expect
    .poll(async () => offsetOf(await editor.savedWidget('say_play_1')))
    .toEqual(offsetOf(start.get('say_play_1')));
  expect(offsetOf(await editor.savedWidget('send_message_1'))).toEqual(offsetOf(start.get('send_message_1')));
  // One step: nothing more to undo.
  await expect(editor.header.getByRole('button', { name: 'Undo' })).toBeDisabled();

  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await expect.poll(async () => offsetOf(await editor.savedWidget('say_play_1'))).toEqual(moved);
  await expect(editor.node('say_play_1')).toHaveClass(/\bselected\b/);

  // Arrow keys move the selection by the grid step (an undo step each).
  await page.keyboard.press('ArrowRight');
  await expect
    .poll(async () => offsetOf(await editor.savedWidget('say_play_1')))
    .toEqual({ x: 130 + dx + 10, y: 210 + dy });
});

test('auto-layout moves the widgets and undo puts them back', async ({ page }) => {
  await open(STANDBY);
  const original = fixtureDefinition(STANDBY).states.map((s) => offsetOf(s));
  await editor.page.getByRole('button', { name: 'Auto-layout', exact: true }).click();
  // The first layout loads ELK (a chunk of its own): give it time on a busy machine.
  await expect
    .poll(async () => (await editor.savedDefinition())?.states.map((s) => offsetOf(s)), { timeout: 20_000 })
    .not.toEqual(original);
  const laidOut = (await editor.savedDefinition())?.states.map((s) => offsetOf(s));
  expect(new Set(laidOut?.map((o) => `${o?.x},${o?.y}`)).size).toBe(original.length);

  await page.keyboard.press('ControlOrMeta+Z');
  await expect
    .poll(async () => (await editor.savedDefinition())?.states.map((s) => offsetOf(s)))
    .toEqual(original);
});

test('choosing a problem selects its widget and centres it on the canvas', async () => {
  await open(STANDBY);
  const problem = editor.problemRowsOf('Goodbye').filter({ hasText: 'SaveToAirtable' });
  await problem.click();

  const card = editor.node('Goodbye');
  await expect(card).toHaveClass(/\bselected\b/);
  await expect(card).toBeInViewport();
  const pane = await editor.centreOf(editor.canvas);
  await expect
    .poll(async () => {
      const c = await editor.centreOf(card);
      return Math.round(Math.hypot(c.x - pane.x, c.y - pane.y));
    })
    .toBeLessThan(4);
  // The card shows its problem count, with details on focus.
  const badge = card.getByRole('button', { name: /1 error/ });
  await badge.focus();
  await expect(editor.canvas.getByRole('tooltip')).toContainText('SaveToAirtable');

  // The widgets list does the same.
  await editor.widgetRow('Welcome').click();
  await expect(editor.node('Welcome')).toHaveClass(/\bselected\b/);
  await expect(editor.widgetRow('Goodbye')).toHaveAttribute('aria-selected', 'false');
  await expect
    .poll(async () => {
      const c = await editor.centreOf(editor.node('Welcome'));
      return Math.round(Math.hypot(c.x - pane.x, c.y - pane.y));
    })
    .toBeLessThan(4);
});

test('a flow without offsets is shown laid out but stays as imported until an edit or Keep this layout', async ({
  page,
}) => {
  const definition = fixtureDefinition(STANDBY);
  const bare = {
    ...definition,
    states: definition.states.map((s) => {
      const { offset: _offset, ...properties } = s.properties as { offset?: Offset };
      return { ...s, properties };
    }),
  };
  const text = JSON.stringify(bare, null, 2);
  await editor.pasteJson(text);
  const note = editor.canvas.page().getByRole('note', { name: 'Automatic layout' });
  await expect(note).toContainText('Laid out automatically', { timeout: 20_000 });
  // The laid-out column fits at a zoom where names cannot be read, so it is drawn on the far canvas; selected cards
  // stay DOM cards there, so selecting them all puts every card in the DOM where the layout placed it.
  await expect(page.locator('canvas.canvas-far')).toBeVisible();
  await editor.canvas.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ControlOrMeta+A');
  await expect(editor.node('Welcome')).toBeVisible();
  await expect(editor.canvas.locator('.react-flow__node')).toHaveCount(definition.states.length);

  // On screen, no two cards overlap, and the whole flow is in view.
  const boxes = await editor.canvas.locator('.react-flow__node').evaluateAll((nodes) =>
    nodes.map((n) => {
      const r = n.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
  expect(boxes).toHaveLength(definition.states.length);
  const view = await editor.canvas.boundingBox();
  if (!view) throw new Error('no canvas');
  await expect
    .poll(async () => {
      const all = await editor.canvas
        .locator('.react-flow__node')
        .evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect()));
      return all.every(
        (r) =>
          r.x >= view.x &&
          r.y >= view.y &&
          r.right <= view.x + view.width &&
          r.bottom <= view.y + view.height,
      );
    })
    .toBe(true);
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
      expect(overlap, 'two cards overlap').toBe(false);
    }
  }

  // Nothing was written: the saved flow and the export are exactly what was pasted, and there is nothing to undo.
  expect(await editor.savedDefinition()).toEqual(bare);
  await expect(page.getByRole('button', { name: /^Undo/ })).toBeDisabled();
  await editor.header.getByRole('button', { name: 'Export…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export flow' });
  await expect(exportDialog.getByLabel('Exported JSON')).toHaveValue(`${text}\n`);
  await page.keyboard.press('Escape');

  // A drag writes the layout first, as its own step: undo keeps the layout, undo again gives the import back.
  // (Welcome alone selected from the widgets grid: it stays a DOM card to drag.)
  await editor.canvas.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Escape');
  await editor.widgetRow('Welcome').click();
  await expect(editor.canvas.locator('.react-flow__node.selected')).toHaveCount(1);
  await editor.dragNode('Welcome', 120, 0);
  await expect.poll(async () => offsetOf((await editor.savedWidget('Goodbye')) as State)).toBeDefined();
  await expect(note).toBeHidden();
  await page.getByRole('button', { name: /^Undo/ }).click();
  await page.getByRole('button', { name: /^Undo/ }).click();
  await expect.poll(() => editor.savedDefinition()).toEqual(bare);
  await expect(note).toBeVisible();

  // Keep this layout: written in one step, every widget at its own spot.
  await note.getByRole('button', { name: 'Keep this layout' }).click();
  await expect(note).toBeHidden();
  await expect
    .poll(async () => (await editor.savedDefinition())?.states.every((s) => offsetOf(s) !== undefined))
    .toBe(true);
  const offsets = (await editor.savedDefinition())?.states.map((s) => offsetOf(s)) ?? [];
  expect(new Set(offsets.map((o) => `${o?.x},${o?.y}`)).size).toBe(definition.states.length);
});
