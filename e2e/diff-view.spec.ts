import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { expect, test } from './test';
import { ComparePage } from './pages/ComparePage';
import { EditorPage, fixturePath, fixtureText } from './pages/EditorPage';

/*
 * Compare mode, driven as a person would: a ListFlowRevision response with three revisions of a corpus flow
 * (e2e/fixtures/SOURCES.tsv) is opened; revision 2 → 3 adds, removes and renames widgets (the renamed one linked
 * from others), changes a property and a split condition, rewires outputs, moves a widget and flips a flow flag.
 */
const REVISIONS = 'levelup-studio__daily-sit-down-parent.revisions.json';
const SIMPLE = 'twilio-docs__simple-flow-definition.json';

/** Kind of every widget of the union of revisions 2 and 3, layout changes hidden. */
const KINDS: [string, string][] = [
  ['Trigger', 'rewired'],
  ['schedule_multiple_messages', 'removed'],
  ['get_names', 'unchanged'],
  ['ask_questions', 'unchanged'],
  ['validate_caller', 'unchanged'],
  ['invalid_user', 'changed'],
  ['ask_feedback', 'renamed'],
  ['press_1', 'rewired'],
  ['airtable_link', 'rewired'],
  ['send_goodbye', 'added'],
];

const REVISION_2 = 'Revision 2 — “Friendlier rejection message” — 2026-03-03 16:40 UTC';
const REVISION_3 = 'Revision 3 — “Ask for feedback, say goodbye, drop the scheduler” — 2026-03-04 10:22 UTC';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('two revisions compared: kinds on the canvas, n/p through the changes, property diff, exports, flow untouched', async ({
  page,
}) => {
  const editor = new EditorPage(page);
  const compare = new ComparePage(page);
  await editor.goto();

  // Open the revision list; its newest entry is the flow being edited.
  await editor.openFile(REVISIONS);
  const choice = editor.importDialog.getByLabel('Revision to open');
  await expect(choice.getByRole('option')).toHaveCount(3);
  await editor.importDialog.getByRole('button', { name: 'Open' }).click();
  await expect(editor.status).toContainText('Revision 3 of “Daily Sit-Down Parent” (draft)');
  await expect.poll(() => editor.savedDefinition()).not.toBeNull();
  const savedBefore = await editor.savedDefinition();

  // The dialog proposes the revision before the newest against the newest; pick them by revision anyway.
  await compare.openButton.click();
  await expect(compare.dialog).toBeVisible();
  await expect(compare.baseVersion.locator('option:checked')).toHaveText(REVISION_2);
  await expect(compare.changedVersion.locator('option:checked')).toHaveText(REVISION_3);
  await compare.baseVersion.selectOption({ label: REVISION_2 });
  await compare.changedVersion.selectOption({ label: REVISION_3 });
  await expect(compare.baseGroup).toContainText('Revision 2 · 9 widgets');
  await expect(compare.changedGroup).toContainText('Revision 3 · 9 widgets');
  await compare.compareButton.click();
  await expect(compare.dialog).toBeHidden();

  // The union on the canvas, every widget with its change kind.
  await expect(compare.toolbar).toContainText('Base: Revision 2');
  await expect(compare.toolbar).toContainText('Changed: Revision 3');
  for (const [name, kind] of KINDS) await expect(compare.node(name)).toHaveAttribute('data-change', kind);
  await expect(compare.node('end')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Legend' })).toContainText('Added');

  // The change list: counts, the flow flag, one row per change.
  await expect(compare.changes).toContainText(
    '1 added · 1 removed · 1 renamed · 1 changed · 3 rewired · 1 flow setting',
  );
  await expect(compare.changes.getByRole('list', { name: 'Flow settings changes' })).toContainText(
    'Allow concurrent calls: true → false',
  );
  await expect(compare.changeRow('end → ask_feedback')).toContainText('Renamed');
  await expect(compare.selectedRow()).toHaveCount(0);

  // n and p step through the changes in order; the chosen widget's property diff follows.
  await page.keyboard.press('n');
  await expect(compare.selectedRow()).toContainText('Trigger');
  await expect(compare.widgetPanel.getByRole('heading', { level: 2 })).toHaveText('Trigger');
  await expect(compare.propertyTable.getByRole('row').nth(1)).toContainText('schedule_multiple_messages');
  await page.keyboard.press('n');
  await expect(compare.selectedRow()).toContainText('schedule_multiple_messages');
  await expect(compare.widgetPanel).toContainText('Removed');
  await page.keyboard.press('n');
  await expect(compare.selectedRow()).toContainText('invalid_user');
  await expect(compare.changes).toContainText('Change 3 of 7: invalid_user');
  const body = compare.propertyRow('Message body');
  await expect(body.getByRole('cell').nth(0)).toHaveText(
    'Daily Sit-Down is a sacred ritual, and you are not allowed to join.',
  );
  await expect(body.getByRole('cell').nth(1)).toHaveText(
    'Daily Sit-Down is for the team only.\nAsk your lead to add you to the list.',
  );
  // The widget's JSON, both versions side by side in Monaco.
  await expect(compare.jsonDiff.locator('.monaco-diff-editor')).toBeVisible();
  await expect(compare.jsonDiff.locator('.editor.original')).toContainText('ritual');
  await expect(compare.jsonDiff.locator('.editor.modified')).toContainText('lead');

  await page.keyboard.press('n');
  await expect(compare.selectedRow()).toContainText('end → ask_feedback');
  await expect(compare.propertyRow('Name').getByRole('cell').nth(1)).toHaveText('ask_feedback');
  await page.keyboard.press('p');
  await page.keyboard.press('p');
  await expect(compare.selectedRow()).toContainText('schedule_multiple_messages');
  // Wrapping around, backwards from the first change to the last.
  await page.keyboard.press('p');
  await page.keyboard.press('p');
  await expect(compare.selectedRow()).toContainText('send_goodbye');
  await expect(compare.propertyRow('Message body').getByRole('cell').nth(1)).toHaveText('See you tomorrow!');
  // The buttons do what the keys do.
  await compare.changes.getByRole('button', { name: 'Next change' }).click();
  await expect(compare.selectedRow()).toContainText('Trigger');
  // A row chosen with the mouse.
  await compare.changeRow('press_1').click();
  await expect(compare.propertyRow('If value matches_any_of 1, yes › Value')).toContainText('1, yes');

  // Layout-only changes: the moved widget is listed, and shows as moved where the list takes the canvas.
  await compare.layoutToggle.check();
  await expect(compare.changes).toContainText('3 rewired · 1 moved · 1 flow setting');
  await compare.changeRow('get_names').click();
  await expect(compare.node('get_names')).toHaveAttribute('data-change', 'moved');
  await expect(compare.propertyRow('Position').getByRole('cell').nth(1)).toHaveText('x -260, y 560');
  await compare.layoutToggle.uncheck();
  await expect(compare.node('get_names')).toHaveAttribute('data-change', 'unchanged');
  await expect(compare.changeRow('get_names')).toHaveCount(0);

  // Swap: the addition reads as a removal the other way round; swap back.
  await compare.toolbar.getByRole('button', { name: 'Swap' }).click();
  await expect(compare.toolbar).toContainText('Base: Revision 3');
  await expect(compare.node('send_goodbye')).toHaveAttribute('data-change', 'removed');
  await expect(compare.node('end')).toHaveAttribute('data-change', 'renamed');
  await compare.toolbar.getByRole('button', { name: 'Swap' }).click();
  await expect(compare.node('send_goodbye')).toHaveAttribute('data-change', 'added');

  // The Markdown summary for a pull request.
  const markdown = await compare.download('Export Markdown');
  expect(markdown.download.suggestedFilename()).toBe('Daily Sit-Down Parent-diff.md');
  expect(markdown.text).toContain('## Flow changes: `Revision 2` → `Revision 3`');
  expect(markdown.text).toContain('- `send_goodbye` (`send-message`)');
  expect(markdown.text).toContain('- `schedule_multiple_messages` (`make-http-request`)');
  expect(markdown.text).toContain('- `end` → `ask_feedback` (`send-and-wait-for-reply`)');
  expect(markdown.text).toContain('| `/flags/allow_concurrent_calls` | `true` | `false` |');
  await compare.toolbar.getByRole('button', { name: 'Copy Markdown' }).click();
  await expect(compare.toolbar.getByRole('status')).toHaveText(
    'Copied the Markdown summary to the clipboard.',
  );
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(markdown.text);

  // The image of both versions.
  const svg = await compare.download('Export SVG');
  expect(svg.download.suggestedFilename()).toBe('Daily Sit-Down Parent-diff.svg');
  expect(svg.text).toMatch(/^<svg[\s>]/);
  for (const name of ['send_goodbye', 'ask_feedback', 'schedule_multiple_messages', 'invalid_user']) {
    expect(svg.text).toContain(name);
  }
  const png = await compare.download('Export PNG');
  expect(png.download.suggestedFilename()).toBe('Daily Sit-Down Parent-diff.png');

  // Leaving compare mode: the editor as it was, the document untouched.
  await compare.toolbar.getByRole('button', { name: 'Exit compare' }).click();
  await expect(compare.toolbar).toBeHidden();
  await expect(editor.node('ask_feedback')).toBeVisible();
  await expect(editor.status).toContainText('Revision 3 of “Daily Sit-Down Parent” (draft)');
  await expect(editor.header.getByRole('button', { name: 'Undo' })).toBeDisabled();
  expect(await editor.savedDefinition()).toEqual(savedBefore);
});

test('the open flow against pasted JSON: a syntax error says where and keeps the dialog open', async ({
  page,
}) => {
  const editor = new EditorPage(page);
  const compare = new ComparePage(page);
  await editor.goto();
  await editor.openFile(SIMPLE);
  await expect(editor.status).toContainText('Flow definition');

  await compare.openButton.click();
  await expect(compare.baseVersion.locator('option:checked')).toHaveText('Current flow');
  await expect(compare.changedVersion.locator('option:checked')).toHaveText('Pasted JSON…');
  await expect(compare.compareButton).toBeDisabled();

  const pasted = compare.changedGroup.getByLabel('Changed JSON');
  await pasted.fill('{\n  "states": [\n    { "name": "a", }\n  ]\n}');
  const alert = compare.changedGroup.getByRole('alert');
  await expect(alert).toContainText('line 3, column 18');
  await expect(pasted).toHaveAttribute('aria-invalid', 'true');
  await expect(compare.compareButton).toBeDisabled();
  // The button puts the caret where the parser stopped.
  await alert.getByRole('button', { name: 'Go to line 3, column 18' }).click();
  await expect(pasted).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(compare.dialog).toBeVisible();

  // The legacy format is explained too.
  await pasted.fill(
    JSON.stringify({
      states: [{ name: 'Start', type: 'InitialState', transitions: [{ event: 'x', next: 'FF1' }] }],
    }),
  );
  await expect(alert).toContainText('legacy pre-2019 Studio flow format');
  await expect(compare.compareButton).toBeDisabled();

  // Fixed: the same flow with one message changed.
  const changed = fixtureText(SIMPLE).replace(/"body": "([^"]*)"/, '"body": "Changed greeting"');
  await pasted.fill(changed);
  await expect(alert).toHaveCount(0);
  await expect(compare.compareButton).toBeEnabled();
  await compare.compareButton.click();
  await expect(compare.toolbar).toContainText('Base: Current flow');
  await expect(compare.toolbar).toContainText('Changed: Pasted JSON');
  await expect(compare.changes).toContainText('1 changed');
  await expect(compare.changesGrid.getByRole('row')).toHaveCount(2);

  // The running comparison can be changed from the header: the flow against itself has no differences.
  await compare.openButton.click();
  await expect(compare.changedVersion.locator('option:checked')).toHaveText('Pasted JSON…');
  await compare.changedVersion.selectOption({ label: 'Current flow' });
  await compare.compareButton.click();
  await expect(page.getByRole('region', { name: 'Both versions' }).getByRole('status')).toHaveText(
    'No differences',
  );
  await expect(compare.changes).toContainText('No differences');
  await expect(compare.changes.getByRole('button', { name: 'Next change' })).toBeDisabled();
});

test('two files compared with no flow open, each an entry of a revision list; leaving shows the start screen', async ({
  page,
}) => {
  const editor = new EditorPage(page);
  const compare = new ComparePage(page);
  await editor.goto();
  await expect(page.getByRole('heading', { name: 'No flow open' })).toBeVisible();

  await compare.openButton.click();
  await expect(compare.baseVersion.getByRole('option', { name: 'Current flow (none open)' })).toBeDisabled();
  for (const [group, select, entry] of [
    [compare.baseGroup, compare.baseVersion, 'Revision 1 — “First version” — 2026-03-02 09:15 UTC'],
    [compare.changedGroup, compare.changedVersion, null],
  ] as const) {
    await select.selectOption({ label: 'A file…' });
    await expect(group).toContainText('No file chosen');
    const chooser = page.waitForEvent('filechooser');
    await group.getByText('Open file…').click();
    await (await chooser).setFiles(fixturePath(REVISIONS));
    await expect(group).toContainText(REVISIONS);
    const entries = group.getByLabel(/entry$/);
    await expect(entries.getByRole('option')).toHaveCount(3);
    if (entry) await entries.selectOption({ label: entry });
  }
  await expect(compare.baseGroup).toContainText(`${REVISIONS} · Revision 1 · 9 widgets`);
  await expect(compare.changedGroup).toContainText(`${REVISIONS} · Revision 3 · 9 widgets`);
  await compare.compareButton.click();

  await expect(compare.toolbar).toContainText(`Base: ${REVISIONS} · Revision 1`);
  await expect(compare.node('invalid_user')).toHaveAttribute('data-change', 'changed');
  await expect(compare.node('send_goodbye')).toHaveAttribute('data-change', 'added');
  await page.keyboard.press('n');
  await page.keyboard.press('n');
  await page.keyboard.press('n');
  await expect(compare.propertyRow('Message body').getByRole('cell').nth(0)).toHaveText(
    'Sorry, you are not on the Daily Sit-Down list.',
  );

  await compare.toolbar.getByRole('button', { name: 'Exit compare' }).click();
  await expect(page.getByRole('heading', { name: 'No flow open' })).toBeVisible();
  expect(await editor.savedDefinition()).toBeNull();
});

test('the Markdown summary of a change to a hostile property key renders as text under GFM, no HTML, no link', async ({
  page,
}) => {
  const editor = new EditorPage(page);
  const compare = new ComparePage(page);
  await editor.goto();
  await editor.openFile(SIMPLE);
  await expect(editor.status).toContainText('Flow definition');

  // The changed version has a property whose key escapes its table cell under GFM if written unescaped.
  const key = 'x\\|<img src=x onerror=alert(1)> [y](javascript:alert(1))';
  const changed = fixtureText(SIMPLE).replace(/"body": /, `${JSON.stringify(key)}: "v", "body": `);
  expect(changed).toContain('onerror');
  await compare.openButton.click();
  await compare.changedGroup.getByLabel('Changed JSON').fill(changed);
  await compare.compareButton.click();
  await expect(compare.changes).toContainText('1 changed');

  const { text } = await compare.download('Export Markdown');
  expect(text).toContain('onerror');
  const html = micromark(text, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
  expect(html).not.toMatch(/<img|<a[\s>]/i);
  // The key is shown whole, inside one code span.
  const shown = [...html.matchAll(/<code>([^<]*)<\/code>/g)].map((m) =>
    (m[1] ?? '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&'),
  );
  expect(shown.some((code) => code.replace(/\u2060/g, '').includes('<img src=x onerror=alert(1)>'))).toBe(
    true,
  );
});
