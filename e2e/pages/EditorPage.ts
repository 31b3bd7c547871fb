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

/** A saved document, as far as the tests read it; a damaged record may lack any field. */
export interface SavedRecord {
  definition?: FixtureDefinition;
  fileName?: string | null;
  profile?: string;
  savedAt?: string;
  /** The export dialog's friendly name, status and commit message (remembered with the document). */
  publish?: unknown;
  /** Compare-and-set: the record's revision and the id of the page that wrote it. */
  revision?: number;
  writer?: string;
  /** What the start screen lists. */
  name?: string;
  widgetCount?: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Runs in the page: this tab's saved document, assembled from its IndexedDB header and chunks (or its localStorage
 * copy, whichever has the higher revision). Self-contained: Playwright sends its source to the page.
 */
async function readSavedRecord(): Promise<SavedRecord | null> {
  const id = sessionStorage.getItem('studio-flow-editor:document');
  if (id === null) return null;
  type Header = SavedRecord & { revision?: number; head?: Record<string, unknown>; chunkCount?: number };
  const fromDb = await new Promise<Header | null>((resolve) => {
    const request = indexedDB.open('studio-flow-editor');
    request.onerror = () => resolve(null);
    request.onsuccess = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('documents') || !db.objectStoreNames.contains('parts')) {
        db.close();
        resolve(null);
        return;
      }
      const transaction = db.transaction(['documents', 'parts']);
      const header = transaction.objectStore('documents').get(id);
      const chunks = transaction
        .objectStore('parts')
        .getAll(IDBKeyRange.bound([id, 'states'], [id, 'states', []]));
      transaction.oncomplete = () => {
        db.close();
        const value = header.result as Header | undefined;
        if (!value) {
          resolve(null);
          return;
        }
        const states = (chunks.result as unknown[][]).flat();
        const definition = value.head
          ? ({ ...value.head, states } as unknown as FixtureDefinition)
          : undefined;
        resolve({ ...value, definition });
      };
      transaction.onerror = () => {
        db.close();
        resolve(null);
      };
    };
  });
  const text = localStorage.getItem(`studio-flow-editor:doc:${id}`);
  const fromLocal = text === null ? null : (JSON.parse(text) as Header);
  if (fromDb && fromLocal) return (fromLocal.revision ?? 0) > (fromDb.revision ?? 0) ? fromLocal : fromDb;
  return fromDb ?? fromLocal;
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
  readonly canvas: Locator;
  readonly canvasStatus: Locator;
  readonly palette: Locator;
  readonly paletteFilter: Locator;

  constructor(readonly page: Page) {
    this.header = page.getByRole('banner');
    this.main = page.getByRole('main');
    // The document status in the header (the canvas has a status line of its own).
    this.status = this.header.getByRole('status');
    this.importDialog = page.getByRole('dialog', { name: 'Import flow JSON' });
    this.flowJson = this.importDialog.getByLabel('Flow JSON', { exact: true });
    this.widgetsGrid = page.getByRole('grid', { name: 'Widgets' });
    this.problemsGrid = page.getByRole('grid', { name: 'Problems' });
    this.problemsHeading = page.getByRole('heading', { name: /^Problems:/ });
    this.profile = page.getByLabel('Validation profile');
    this.canvas = page.getByRole('application', { name: 'Flow canvas' });
    this.canvasStatus = page.getByRole('status', { name: 'Canvas messages' });
    this.palette = page.getByRole('region', { name: 'Widget library' });
    this.paletteFilter = this.palette.getByRole('searchbox', { name: 'Filter widgets' });
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

  // ----- Canvas -----

  /** A widget's card on the canvas, found by its accessible name (the widget name). */
  node(name: string): Locator {
    return this.canvas.getByRole('group', { name, exact: true });
  }

  /** A labelled output port of a widget's card ("Incoming Message", "No Condition Matches"…). */
  port(widget: string, label: string): Locator {
    return this.node(widget)
      .locator('.react-flow__handle.source')
      .filter({ hasText: new RegExp(`^${escapeRegExp(label)}$`) });
  }

  /** The connection from a widget's port to another widget, named as a screen reader announces it. */
  edge(from: string, label: string, to: string): Locator {
    return this.canvas.getByRole('group', { name: `${from}: ${label} to ${to}`, exact: true });
  }

  /** A widget type in the widget library, by its title. */
  paletteItem(title: string): Locator {
    return this.palette.getByRole('button', { name: title, exact: true });
  }

  /** Drags a widget type from the library and drops it on the canvas at a point of the screen. */
  async dropWidget(title: string, at: { x: number; y: number }): Promise<void> {
    const canvas = await this.canvas.boundingBox();
    if (!canvas) throw new Error('The canvas is not on screen.');
    await this.paletteItem(title).dragTo(this.canvas, {
      targetPosition: { x: at.x - canvas.x, y: at.y - canvas.y },
    });
  }

  /** The middle of an element on screen. */
  async centreOf(locator: Locator): Promise<{ x: number; y: number }> {
    const box = await locator.boundingBox();
    if (!box) throw new Error('The element is not on screen.');
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }

  /** Presses the mouse at `from`, moves it in steps to `to` and releases it, as a hand does. */
  async drag(from: { x: number; y: number }, to: { x: number; y: number }, steps = 12): Promise<void> {
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    await this.page.mouse.move(from.x + (to.x - from.x) / steps, from.y + (to.y - from.y) / steps);
    await this.page.mouse.move(to.x, to.y, { steps });
    await this.page.mouse.up();
  }

  /** Drags a card by its body (not its name or ports) by dx, dy screen pixels. */
  async dragNode(name: string, dx: number, dy: number): Promise<void> {
    // Hovering waits until the card stands still (the view may still be gliding to it).
    await this.node(name).hover();
    const box = await this.node(name).boundingBox();
    if (!box) throw new Error(`${name} is not on screen.`);
    const from = { x: box.x + box.width / 2, y: box.y + 50 * (box.width / 240) };
    await this.drag(from, { x: from.x + dx, y: from.y + dy });
  }

  /** Drags from a widget's port to the middle of another widget's card. */
  async connect(from: string, portLabel: string, to: string): Promise<void> {
    const port = this.port(from, portLabel);
    await port.hover();
    await this.drag(await this.centreOf(port), await this.centreOf(this.node(to)));
  }

  /**
   * This tab's document as the editor saved it in this browser, which it does right after every change: what a
   * reload would restore, read without exposing anything test-only. The tab's document id is in sessionStorage
   * (`studio-flow-editor:document`); the record is in IndexedDB (`studio-flow-editor`, header in `documents`, the
   * widgets in chunks in `parts`), or in localStorage (`studio-flow-editor:doc:<id>`) when IndexedDB refused it.
   * Writes are asynchronous: check it with `expect.poll`.
   */
  savedRecord(): Promise<SavedRecord | null> {
    return this.page.evaluate(readSavedRecord);
  }

  /** This tab's document id, or null when the tab has none (a new tab; nothing opened yet). */
  savedDocumentId(): Promise<string | null> {
    return this.page.evaluate(() => sessionStorage.getItem('studio-flow-editor:document'));
  }

  /**
   * Puts `value` where earlier versions of the editor (format 1) kept the browser's one saved session: IndexedDB
   * `studio-flow-editor`, version 1, store `session`, key `current`. The database is deleted first (the open
   * editor lets go of it when asked); call it once the editor has started (its start screen or flow is shown:
   * it opens the database while it starts), and reload afterwards so the editor starts on the record.
   */
  seedLegacySession(value: unknown): Promise<void> {
    return this.page.evaluate(
      (record) =>
        new Promise<void>((resolve, reject) => {
          const removal = indexedDB.deleteDatabase('studio-flow-editor');
          removal.onerror = () => reject(new Error('cannot delete the database'));
          removal.onsuccess = () => {
            const request = indexedDB.open('studio-flow-editor', 1);
            request.onupgradeneeded = () => request.result.createObjectStore('session');
            request.onerror = () => reject(new Error(`cannot open the database: ${String(request.error)}`));
            request.onsuccess = () => {
              const db = request.result;
              const transaction = db.transaction('session', 'readwrite');
              transaction.objectStore('session').put(record, 'current');
              transaction.oncomplete = () => {
                db.close();
                resolve();
              };
              transaction.onerror = () => reject(new Error('cannot write'));
            };
          };
        }),
      value,
    );
  }

  /** The start screen's list of flows saved in this browser (other than this tab's own). */
  savedList(): Locator {
    return this.main.getByRole('region', { name: 'Saved in this browser' }).getByRole('listitem');
  }

  /** One entry of the start screen's saved flows, by its name. */
  savedEntry(name: string): Locator {
    return this.savedList().filter({ hasText: name });
  }

  /** The definition of this tab's saved document (see `savedRecord`). */
  async savedDefinition(): Promise<FixtureDefinition | null> {
    return (await this.savedRecord())?.definition ?? null;
  }

  /** A widget of the saved definition, or undefined. */
  async savedWidget(name: string): Promise<FixtureDefinition['states'][number] | undefined> {
    return (await this.savedDefinition())?.states.find((s) => s.name === name);
  }
}
