import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';

/** Path of a fixture flow in e2e/fixtures. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

export function fixtureText(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

export interface FixtureDefinition {
  description?: string;
  initial_state: string;
  states: {
    name: string;
    type: string;
    transitions: { event: string; next?: string }[];
    properties: object;
  }[];
  flags?: object;
}

export function fixtureDefinition(name: string): FixtureDefinition {
  return JSON.parse(fixtureText(name)) as FixtureDefinition;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The editor as a person sees it: found by roles and labels, as a screen reader would announce them.
 */
export class EditorPage {
  readonly header: Locator;
  readonly main: Locator;
  readonly status: Locator;
  readonly importDialog: Locator;
  readonly flowJson: Locator;
  readonly widgetsGrid: Locator;
  readonly problemsGrid: Locator;
  readonly problemsHeading: Locator;
  readonly profile: Locator;

  constructor(readonly page: Page) {
    this.header = page.getByRole('banner');
    this.main = page.getByRole('main');
    this.status = page.getByRole('status');
    this.importDialog = page.getByRole('dialog', { name: 'Import flow JSON' });
    this.flowJson = this.importDialog.getByLabel('Flow JSON', { exact: true });
    this.widgetsGrid = page.getByRole('grid', { name: 'Widgets' });
    this.problemsGrid = page.getByRole('grid', { name: 'Problems' });
    this.problemsHeading = page.getByRole('heading', { name: /^Problems:/ });
    this.profile = page.getByLabel('Validation profile');
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
  }

  /** "Open file…" in the header, then the file in the browser's chooser. */
  async openFile(fixture: string, from: Locator = this.header): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await from.getByText('Open file…').click();
    await (await chooser).setFiles(fixturePath(fixture));
  }

  /** "Paste JSON…", put the text in the box, "Import". Leaves the dialog open when the import fails. */
  async pasteJson(text: string): Promise<void> {
    await this.header.getByRole('button', { name: 'Paste JSON…' }).click();
    await this.flowJson.fill(text);
    await this.importDialog.getByRole('button', { name: 'Import' }).click();
  }

  /** The widgets row whose name cell is `name`. */
  widgetRow(name: string): Locator {
    return this.widgetsGrid.getByRole('row', { name: new RegExp(`^${escapeRegExp(name)}\\b`) });
  }

  /** Body rows currently in the DOM (the grid is windowed). */
  widgetRows(): Locator {
    return this.widgetsGrid.getByRole('row').filter({ has: this.page.getByRole('gridcell') });
  }

  problemRows(): Locator {
    return this.problemsGrid.getByRole('row').filter({ has: this.page.getByRole('gridcell') });
  }

  /** Problems rows belonging to widget `name` (its name is the Widget cell). */
  problemRowsOf(name: string): Locator {
    return this.problemRows().filter({ has: this.page.getByRole('gridcell', { name, exact: true }) });
  }
}
