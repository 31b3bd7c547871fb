import type { Locator, Page } from '@playwright/test';
import { expect } from '../test';
import type { EditorPage } from './EditorPage';

/**
 * The inspector as a person sees it: the panel on the right, found by its landmark, and its fields by their
 * labels. Widgets are selected as a keyboard user would: the widget search (Ctrl+K), typing the name, Enter.
 */
export class InspectorPage {
  readonly root: Locator;
  readonly heading: Locator;
  readonly nameField: Locator;
  readonly completions: Locator;
  readonly advancedJson: Locator;

  constructor(
    readonly page: Page,
    readonly editor: EditorPage,
  ) {
    this.root = page.getByRole('region', { name: 'Inspector', exact: true });
    this.heading = this.root.getByRole('heading', { level: 2 });
    this.nameField = this.root.getByLabel('Widget name', { exact: true });
    this.completions = this.root.getByRole('listbox', { name: 'Liquid completions' });
    this.advancedJson = this.root.getByLabel('Advanced properties (JSON)', { exact: true });
  }

  /** A field of the form by its label (the required marker is not part of it). */
  field(label: string): Locator {
    return this.root.getByLabel(label, { exact: true });
  }

  /** The problems listed under a field (its `aria-describedby` text). */
  async describedText(field: Locator): Promise<string> {
    return field.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' | '),
    );
  }

  /** A split condition's group ("Condition 2"). */
  condition(n: number): Locator {
    return this.root.getByRole('group', { name: `Condition ${n}`, exact: true });
  }

  /** One option of the open completion list. */
  completion(label: string): Locator {
    return this.completions.getByRole('option', { name: new RegExp(`^${label}(\\s|$)`) });
  }

  /** Opens the Advanced section (a disclosure) if it is closed. */
  async openAdvanced(): Promise<void> {
    const details = this.root.locator('details.advanced');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    await expect(this.advancedJson).toBeVisible();
  }

  /** Leaves whatever field has focus (so that editor-wide shortcuts apply again). */
  async leaveField(): Promise<void> {
    await this.page.evaluate(() => {
      const active = document.activeElement;
      if (active instanceof HTMLElement) active.blur();
    });
  }

  /** Selects a widget through the widget search, and waits for its form. */
  async select(name: string): Promise<void> {
    await this.leaveField();
    await this.page.keyboard.press('ControlOrMeta+K');
    const search = this.page.getByRole('dialog', { name: 'Find widget' });
    await search.getByRole('combobox', { name: 'Jump to widget' }).fill(name);
    await expect(search.getByRole('option').first()).toContainText(name);
    await this.page.keyboard.press('Enter');
    await expect(search).toBeHidden();
    await expect(this.nameField).toHaveValue(name);
  }
}
