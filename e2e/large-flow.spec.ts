import { expect, test } from './test';
import { EditorPage } from './pages/EditorPage';
import { InspectorPage } from './pages/InspectorPage';

/** A flow of `count` widgets after the Trigger, chained one to the next. */
function chain(count: number) {
  const name = (i: number) => `say_${String(i).padStart(4, '0')}`;
  const states = [
    {
      name: 'Trigger',
      type: 'trigger',
      transitions: [
        { event: 'incomingCall', next: name(0) },
        { event: 'incomingMessage' },
        { event: 'incomingRequest' },
      ],
      properties: { offset: { x: 0, y: 0 } },
    },
    ...Array.from({ length: count }, (_, i) => ({
      name: name(i),
      type: 'say-play',
      transitions: [
        i + 1 < count ? { event: 'audioComplete', next: name(i + 1) } : { event: 'audioComplete' },
      ],
      properties: { say: `Step ${i}`, loop: 1, offset: { x: 0, y: 200 * (i + 1) } },
    })),
  ];
  return { description: 'Large', states, initial_state: 'Trigger', flags: { allow_concurrent_calls: true } };
}

// Pasting goes through the clipboard, as a person does: Playwright's `fill` types through Chromium's editing
// commands, which take seconds for half a megabyte, while a real paste takes a fraction of one.
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

/** Pastes the 2,000-widget chain into the Paste JSON dialog and imports it. */
async function pasteLargeFlow(editor: EditorPage): Promise<void> {
  const { page } = editor;
  await editor.goto();
  const text = JSON.stringify(chain(2000), null, 2);
  await page.evaluate((json) => navigator.clipboard.writeText(json), text);

  await editor.header.getByRole('button', { name: 'Paste JSON…' }).click();
  await expect(editor.flowJson).toBeFocused();
  // How fast is measured by the canvas benchmark (npm run bench:canvas), not asserted here.
  await page.keyboard.press('ControlOrMeta+V');
  // Half a megabyte and more is held aside and summarised, not put into the text box (see LargeTextArea).
  await expect(editor.importDialog.getByRole('group', { name: 'Flow JSON' })).toContainText(
    `Pasted text: ${Math.round(text.length / 1024)} KB`,
  );
  await editor.importDialog.getByRole('button', { name: 'Import' }).click();
  await expect(editor.status).toContainText('2001 widgets');
}

test('a 2,000-widget flow pastes, opens and only renders what is in view', async ({ page }) => {
  const editor = new EditorPage(page);
  await pasteLargeFlow(editor);
  await expect(editor.widgetsGrid).toHaveAttribute('aria-rowcount', '2002');

  // Windowed: a screenful of rows, not two thousand.
  expect(await editor.widgetRows().count()).toBeLessThan(80);

  // The end of the list is reachable from the keyboard, and gets rendered when reached.
  await editor.widgetsGrid.focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  const last = editor.widgetRow('say_1999');
  await expect(last).toBeVisible();
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(last).toHaveAttribute('aria-rowindex', '2002');
  expect(await editor.widgetRows().count()).toBeLessThan(80);
});

test('in a 2,000-widget flow, an output’s select offers every widget once used, by keyboard or mouse', async ({
  page,
}) => {
  const editor = new EditorPage(page);
  const inspector = new InspectorPage(page, editor);
  await pasteLargeFlow(editor);

  await inspector.select('say_0100');
  const transitions = inspector.root.getByRole('region', { name: 'Transitions' });
  const output = transitions.getByRole('combobox').first();
  await expect(output).toHaveValue('say_0101');
  // Until used, it holds only "Not connected" and its choice (see ALL_OPTIONS_UP_TO).
  await expect(output.locator('option')).toHaveCount(2);

  // Reached with the keyboard: every widget is there (2,000, the Trigger never), and a choice connects.
  await output.focus();
  await expect(output.locator('option')).toHaveCount(2001);
  await expect(output).toHaveValue('say_0101');
  await output.selectOption('say_1500');
  await expect
    .poll(async () => (await editor.savedWidget('say_0100'))?.transitions[0]?.next)
    .toBe('say_1500');

  // Pressed with the mouse: the list it opens has every widget in it.
  await inspector.select('say_0200');
  const other = transitions.getByRole('combobox').first();
  await expect(other).toHaveValue('say_0201');
  await expect(other.locator('option')).toHaveCount(2);
  await other.click();
  await expect(other.locator('option')).toHaveCount(2001);
  await page.keyboard.press('Escape');
  await expect(other).toHaveValue('say_0201');
});
