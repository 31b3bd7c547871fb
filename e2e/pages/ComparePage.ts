import { readFile } from 'node:fs/promises';
import type { Download, Locator, Page } from '@playwright/test';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Compare mode as a person sees it: the "Compare versions" dialog, the toolbar, the change list, the union canvas
 * and the chosen widget's changes, found by roles and labels.
 */
export class ComparePage {
  readonly openButton: Locator;
  readonly dialog: Locator;
  readonly baseGroup: Locator;
  readonly changedGroup: Locator;
  readonly baseVersion: Locator;
  readonly changedVersion: Locator;
  readonly compareButton: Locator;
  readonly toolbar: Locator;
  readonly canvas: Locator;
  readonly changes: Locator;
  readonly changesGrid: Locator;
  readonly widgetPanel: Locator;
  readonly propertyTable: Locator;
  readonly jsonDiff: Locator;
  readonly layoutToggle: Locator;

  constructor(readonly page: Page) {
    this.openButton = page.getByRole('banner').getByRole('button', { name: 'Compare…' });
    this.dialog = page.getByRole('dialog', { name: 'Compare versions' });
    this.baseGroup = this.dialog.getByRole('group', { name: 'Base (before)' });
    this.changedGroup = this.dialog.getByRole('group', { name: 'Changed (after)' });
    this.baseVersion = this.dialog.getByLabel('Base version');
    this.changedVersion = this.dialog.getByLabel('Changed version');
    this.compareButton = this.dialog.getByRole('button', { name: 'Compare', exact: true });
    this.toolbar = page.getByRole('group', { name: 'Comparison' });
    this.canvas = page.getByRole('application', { name: 'Diff canvas' });
    this.changes = page.getByRole('region', { name: 'Changes', exact: true });
    this.changesGrid = this.changes.getByRole('grid', { name: 'Changed widgets' });
    this.widgetPanel = page.locator('.widget-diff');
    this.propertyTable = page.getByRole('table', { name: 'Property changes' });
    this.jsonDiff = page.getByRole('region', { name: 'Widget JSON diff' });
    this.layoutToggle = this.toolbar.getByRole('checkbox', { name: 'Show layout-only changes' });
  }

  /** A widget's card on the union canvas. */
  node(name: string): Locator {
    return this.canvas.getByRole('group', { name, exact: true });
  }

  /** The change list row of a widget (its Widget cell is `title`, e.g. `end → ask_feedback`). */
  changeRow(title: string): Locator {
    return this.changesGrid.getByRole('row', { name: new RegExp(`\\b${escapeRegExp(title)}\\b`) });
  }

  /** The selected row of the change list. */
  selectedRow(): Locator {
    return this.changesGrid.locator('[role="row"][aria-selected="true"]');
  }

  /** The property table's row for a field, by its header cell. */
  propertyRow(field: string): Locator {
    return this.propertyTable
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: field, exact: true }) });
  }

  /** Clicks a toolbar button and returns the download it starts, with the file's text. */
  async download(button: string): Promise<{ download: Download; text: string }> {
    const downloading = this.page.waitForEvent('download');
    await this.toolbar.getByRole('button', { name: button, exact: true }).click();
    const download = await downloading;
    const path = await download.path();
    return { download, text: await readFile(path, 'utf8') };
  }
}
