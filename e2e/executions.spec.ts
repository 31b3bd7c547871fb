import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { EditorPage, fixturePath } from './pages/EditorPage';
import { expect, test } from './test';

/*
 * Executions on the canvas, offline: steps pasted as users have them (a ListExecutionStep page from the API, the
 * twilio CLI's camelCase output), on the vaccine standby flow of the corpus, whose OptIn split loops back to Welcome.
 * Execution 1 loops once (Welcome and OptIn are each visited twice) and times out at Name; the CLI file adds two
 * more executions (one reaching Age, one timing out at Welcome). Counts below are worked out by hand from those
 * files.
 */
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const FLOW = 'ft__vaccine-standby-list__sms-studio-flow.json';

async function executionsTab(page: Page) {
  await page.getByRole('tab', { name: 'Executions' }).click();
  const panel = page.getByRole('region', { name: 'Executions' });
  await expect(panel).toBeVisible();
  return panel;
}

async function show(page: Page, fixture: string) {
  const panel = page.getByRole('region', { name: 'Executions' });
  const text = await readFile(fixturePath(`executions/${fixture}`), 'utf8');
  await panel.getByLabel('Steps or executions JSON').fill(text);
  await panel.getByRole('button', { name: 'Show', exact: true }).click();
}

function overlay(page: Page) {
  return page.getByRole('application', { name: 'Flow canvas' }).locator('svg.canvas-overlay');
}

test('pasted steps draw the numbered path on the canvas; the steps are stepped with keys, each centring its widget', async ({
  page,
}) => {
  const editor = new EditorPage(page);
  await editor.goto();
  await editor.openFile(FLOW);
  const panel = await executionsTab(page);
  await show(page, 'steps-one-execution.json');
  await expect(panel).toContainText('ListExecutionStep');
  await expect(panel).toContainText('6 steps · ended at Name');

  const steps = panel.getByRole('listbox', { name: 'Steps' });
  const options = steps.getByRole('option');
  await expect(options).toHaveCount(6);
  // Sorted by time although the page lists them newest first.
  await expect(options.nth(0)).toContainText('Trigger → Welcome');
  await expect(options.nth(0)).toContainText('incomingMessage');
  await expect(options.nth(2)).toContainText('OptIn → Welcome');
  await expect(options.nth(2)).toContainText('noMatch');
  await expect(options.nth(5)).toContainText('Name → Ended');

  // The canvas: visits numbered (Welcome and OptIn twice each), the taken transitions labelled, the rest dimmed.
  const svg = overlay(page);
  await expect(svg).toHaveCount(1);
  await expect(svg).toContainText('2, 4');
  await expect(svg).toContainText('3, 5');
  await expect(page.getByRole('application', { name: 'Flow canvas' })).toHaveAccessibleDescription(
    /Showing execution FN0+1: 6 steps/,
  );

  // Keys step through; each step selects and centres its widget.
  await steps.focus();
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(editor.widgetRow('OptIn')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(options.nth(5)).toHaveAttribute('aria-selected', 'true');
  await expect(editor.widgetsGrid.getByRole('row', { name: /^Name Send/ })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await page.keyboard.press('Home');
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
});

test('the context at a step is a tree; choosing a value copies its Liquid expression', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.goto();
  await editor.openFile(FLOW);
  const panel = await executionsTab(page);
  await show(page, 'steps-one-execution.json');
  await panel.getByRole('listbox', { name: 'Steps' }).getByRole('option').nth(1).click();
  await panel.getByRole('button', { name: 'Context at step 2' }).click();
  const tree = panel.getByRole('tree', { name: 'Context at step 2' });
  await expect(tree).toBeVisible();
  await tree.getByRole('button', { name: 'Expand Welcome' }).click();
  await tree.getByRole('button', { name: 'Expand inbound' }).click();
  await tree.getByRole('button', { name: /^Copy \{\{widgets\.Welcome\.inbound\.Body\}\}/ }).click();
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toBe('{{widgets.Welcome.inbound.Body}}');
  await tree.getByRole('button', { name: /^Copy \{\{flow\.flow_sid\}\}/ }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('{{flow.flow_sid}}');
});

test('many executions: the heat map on the canvas and as a sortable table, the paths, the failures, and CSV', async ({
  page,
}) => {
  const editor = new EditorPage(page);
  await editor.goto();
  await editor.openFile(FLOW);
  const panel = await executionsTab(page);
  await show(page, 'steps-cli-three-executions.json');
  await expect(panel).toContainText('3 executions · 12 steps');

  const widgets = panel.getByRole('table', { name: 'Widgets' });
  const row = (name: string) => widgets.getByRole('row', { name: new RegExp(`^${name}\\b`) });
  // Reached, visits, ended here.
  await expect(row('Welcome')).toHaveText(/Welcome\s*3\s*4\s*1/);
  await expect(row('OptIn')).toHaveText(/OptIn\s*2\s*3\s*0/);
  await expect(row('Name')).toHaveText(/Name\s*2\s*2\s*1/);
  await expect(row('Age')).toHaveText(/Age\s*1\s*1\s*1/);
  // Most reached first; then sorted by name on request.
  await expect(widgets.getByRole('row').nth(1)).toContainText('Trigger');
  await widgets.getByRole('button', { name: 'Widget' }).click();
  await expect(widgets.getByRole('columnheader', { name: 'Widget' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await expect(widgets.getByRole('row').nth(1)).toContainText('Age');

  const transitions = panel.getByRole('table', { name: 'Transitions taken' });
  await expect(transitions.getByRole('row', { name: /Welcome\s+incomingMessage\s+OptIn\s+3/ })).toBeVisible();
  await expect(transitions.getByRole('row', { name: /OptIn\s+noMatch\s+Welcome\s+1/ })).toBeVisible();
  await expect(panel.getByRole('region', { name: 'Where failures end' })).toContainText(
    'Name left by “timeout”',
  );

  // The canvas: counts of executions reaching each widget, transitions weighted by how often they were taken.
  const svg = overlay(page);
  await expect(svg).toContainText('3');
  await expect(page.getByRole('application', { name: 'Flow canvas' })).toHaveAccessibleDescription(
    /heat map of 3 executions, 12 steps/,
  );

  const downloading = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('executions-summary.csv');
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.split(/\r?\n/)[0]).toMatch(/^kind,/);
  expect(csv).toMatch(/Welcome/);

  // One execution of the three, from the same data.
  await panel.getByRole('radio', { name: 'One execution' }).check();
  await panel.getByLabel('Execution', { exact: true }).selectOption({ index: 2 });
  await expect(panel.getByRole('listbox', { name: 'Steps' }).getByRole('option')).toHaveCount(2);
});

test('input that is not executions says what and where, and what was shown stays', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.goto();
  await editor.openFile(FLOW);
  const panel = await executionsTab(page);
  await show(page, 'steps-one-execution.json');
  await panel.getByLabel('Steps or executions JSON').fill('{\n  "steps": [\n    { "sid": 1,\n  ]\n}');
  await panel.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(panel.getByRole('alert')).toContainText(/line 4/);
  await expect(panel.getByRole('alert')).toContainText('What is shown stays as it was.');
  await expect(panel.getByRole('listbox', { name: 'Steps' }).getByRole('option')).toHaveCount(6);
  // A flow definition is not executions.
  await panel.getByLabel('Steps or executions JSON').fill(await readFile(fixturePath(FLOW), 'utf8'));
  await panel.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(panel.getByRole('alert')).toContainText(/flow/i);
  await panel.getByRole('button', { name: 'Clear' }).click();
  await expect(overlay(page)).toHaveCount(0);
});

test('an execution that ran on another revision says so, naming what the open flow lacks', async ({
  page,
}) => {
  const editor = new EditorPage(page);
  await editor.goto();
  await editor.openFile(FLOW);
  const panel = await executionsTab(page);
  // The same execution, on a revision where OptIn was called AskOptIn.
  const text = (await readFile(fixturePath('executions/steps-one-execution.json'), 'utf8')).replaceAll(
    '"OptIn"',
    '"AskOptIn"',
  );
  await panel.getByLabel('Steps or executions JSON').fill(text);
  await panel.getByRole('button', { name: 'Show', exact: true }).click();
  const note = panel.getByRole('note');
  await expect(note).toContainText('This execution ran on another revision of the flow');
  await expect(note).toContainText('AskOptIn');
  await expect(note).toContainText('connect the account');
});

/**
 * A chain of `size` messages after the Trigger, each `sent` to the next or `failed`; execution k goes down the chain
 * and fails at message k. So `size` widgets and transitions are reached and `size` (widget, event) failures seen.
 */
function failingChain(size: number): { flow: string; steps: string } {
  const name = (i: number) => `msg_${String(i).padStart(3, '0')}`;
  const hex = (prefix: string, n: number) => `${prefix}${n.toString(16).padStart(32, '0')}`;
  const states = [
    {
      name: 'Trigger',
      type: 'trigger',
      transitions: [
        { event: 'incomingMessage', next: name(1) },
        { event: 'incomingCall' },
        { event: 'incomingRequest' },
      ],
      properties: { offset: { x: 0, y: 0 } },
    },
    ...Array.from({ length: size }, (_, i) => ({
      name: name(i + 1),
      type: 'send-message',
      transitions: [{ event: 'sent', ...(i + 1 < size ? { next: name(i + 2) } : {}) }, { event: 'failed' }],
      properties: { body: 'Hello', offset: { x: (i % 20) * 300, y: 250 + Math.floor(i / 20) * 250 } },
    })),
  ];
  const flow = {
    description: 'Failing chain',
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
    states,
  };
  const steps: unknown[] = [];
  for (let k = 1; k <= size; k++) {
    const hops: [string, string, string][] = [['Trigger', 'incomingMessage', name(1)]];
    for (let i = 1; i < k; i++) hops.push([name(i), 'sent', name(i + 1)]);
    hops.push([name(k), 'failed', 'Ended']);
    hops.forEach(([from, event, to], i) => {
      const date = new Date(Date.UTC(2026, 11, 1, 10, k, i)).toISOString().replace('.000', '');
      steps.push({
        sid: hex('FT', k * 1000 + i),
        execution_sid: hex('FN', k),
        flow_sid: hex('FW', 1),
        name: event,
        transitioned_from: from,
        transitioned_to: to,
        date_created: date,
      });
    });
  }
  return { flow: JSON.stringify(flow), steps: JSON.stringify({ steps }) };
}

test('long heat lists show their first 100 rows; each "Show all" shows its own list whole, not the others', async ({
  page,
}) => {
  const chain = failingChain(110);
  const editor = new EditorPage(page);
  await editor.goto();
  await editor.pasteJson(chain.flow);
  await expect(editor.importDialog).toBeHidden();
  const panel = await executionsTab(page);
  await panel
    .locator('input[type=file]')
    .setInputFiles({ name: 'steps.json', mimeType: 'application/json', buffer: Buffer.from(chain.steps) });
  await expect(panel).toContainText('110 executions');

  const widgetRows = panel.getByRole('table', { name: 'Widgets' }).locator('tbody tr');
  const failures = panel.getByRole('region', { name: 'Where failures end' }).getByRole('listitem');
  await expect(widgetRows).toHaveCount(100);
  await expect(failures).toHaveCount(100);

  await panel.getByRole('button', { name: 'Show all 110 failures' }).click();
  await expect(failures).toHaveCount(110);
  await expect(failures.last()).toContainText('left by “failed” in 1 execution');
  // The tables stay as they were, with their own button.
  await expect(widgetRows).toHaveCount(100);
  await panel.getByRole('button', { name: /^Show all 111 widgets and \d+ transitions$/ }).click();
  await expect(widgetRows).toHaveCount(111);
  await expect(panel.getByRole('button', { name: /^Show all/ })).toHaveCount(0);
});
