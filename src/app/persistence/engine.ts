/**
 * Autosave and restore of one editor store, per tab:
 *
 * - Every document has its own record (records.ts) under a random id. The tab's document id is kept in
 *   sessionStorage and its lock held while it is open (tabs.ts). A reload, or the browser restoring the tab after a
 *   crash, reopens the tab's own document; a new tab opens nothing and its start screen lists the saved documents.
 * - Opening another flow in the tab (a file, pasted JSON, New flow: a fresh undo history) starts a new document;
 *   the previous one stays saved and listed, unless it was never edited (then it is a copy of its source and is
 *   dropped). "Replace flow" over an open flow is an undo step of the same document, and stays in it.
 * - Every change is written at once (scheduler.ts), compare-and-set against the stamp this tab last read or
 *   wrote. A refused write, or another tab taking the document over, stops saving here and says so: the tab keeps
 *   its version on screen behind a dialog that offers to keep it as a copy, download it, or close it here.
 * - Records that cannot be read (damaged, or from a newer version) are never rewritten; the user is told and can
 *   download them.
 *
 * The engine is plain TypeScript over injected storage, tabs, clock and browser actions; the React side is
 * ../usePersistence.ts and the components that read `PersistenceUiState`.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { EditorState, EditorStore } from '../../store/editorStore';
import { exportFileName } from '../../store/publishSettings';
import type { LegacyMigration, ListedRecord, RecordWhere } from './backend';
import {
  FORMAT,
  describeSaveError,
  documentChanged,
  documentName,
  formatOf,
  formatSavedAt,
  parseRecord,
  summaryOf,
  toDownloadableJson,
  toSnapshot,
  toStoredRecord,
  StorageUnavailableError,
  type DocumentSummary,
  type ParsedRecord,
  type Stamp,
} from './records';
import { createSaveScheduler, type SaveScheduler, type SaveStatus } from './scheduler';
import type { DocumentStorage } from './storage';
import type { HeldDocument, TabCoordinator, TabMessage } from './tabs';

/** A message for the header's status area. */
export interface PersistenceNotice {
  tone: 'info' | 'warning' | 'error';
  /** Short, shown. */
  text: string;
  /** Longer, shown after it. */
  detail?: string;
  /** One thing to do about it (e.g. download a record that cannot be read). */
  action?: { label: string; run: () => void };
}

/** A saved document of this browser, as the start screen lists it. */
export interface SavedEntry extends DocumentSummary {
  /** Open in another tab right now (opening it here asks first). */
  openElsewhere: boolean;
}

/** A record that cannot be read here: kept as it is, offered for download. */
export interface UnreadableEntry {
  key: string;
  where: RecordWhere;
  backend: string;
  name: string;
  reason: string;
  /** Saved by a newer version of the editor (it may read it). */
  newer: boolean;
  savedAt: string | null;
}

export type PersistencePrompt =
  /** The document asked for is open in another tab: open a copy, take it over, or cancel. */
  | { kind: 'in-use'; id: string; name: string }
  /** Confirm forgetting a saved document (or deleting a record that cannot be read). */
  | { kind: 'forget'; key: string; name: string; unreadable: boolean }
  /** This tab no longer saves its document: another tab took it over, or wrote a newer version. */
  | { kind: 'lost'; reason: 'taken-over' | 'changed'; name: string; unsaved: boolean };

export type SaveIndicator =
  | { state: 'none' }
  | { state: 'saved'; savedAt: string }
  | { state: 'saving' }
  | { state: 'failed' }
  | { state: 'lost' };

export interface PersistenceUiState {
  /** Storage is being read: the main area shows neither the start screen nor a flow yet. */
  restoring: boolean;
  notice: PersistenceNotice | null;
  /** Saved documents other than this tab's, most recent first. */
  saved: SavedEntry[];
  unreadable: UnreadableEntry[];
  prompt: PersistencePrompt | null;
  indicator: SaveIndicator;
  /** An open, take-over or copy is under way (buttons wait). */
  busy: boolean;
}

export function initialUiState(): PersistenceUiState {
  return {
    restoring: true,
    notice: null,
    saved: [],
    unreadable: [],
    prompt: null,
    indicator: { state: 'none' },
    busy: false,
  };
}

/** What the start screen, the header and the dialogs can ask for. */
export interface PersistenceActions {
  open: (id: string) => void;
  askForget: (key: string) => void;
  confirmForget: () => void;
  cancelPrompt: () => void;
  takeOver: () => void;
  openCopy: () => void;
  keepMineAsCopy: () => void;
  closeHere: () => void;
  downloadMine: () => void;
  download: (key: string) => void;
}

export interface EngineOptions {
  store: Pick<EditorStore, 'getState' | 'subscribe'>;
  /**
   * How to hear of store changes, default `store.subscribe`. The app passes a listener it subscribed before any
   * view did, so that an edit's write-ahead is committed before the views' own listeners run (at 2,000 widgets,
   * they take milliseconds).
   */
  subscribe?: (listener: (state: EditorState, previous: EditorState) => void) => () => void;
  ui: StoreApi<PersistenceUiState>;
  openStorage: () => Promise<DocumentStorage>;
  tabs: TabCoordinator;
  /** This tab's document id (sessionStorage). */
  tabDocument: { read: () => string | null; write: (id: string | null) => void };
  newId: () => string;
  now?: () => Date;
  /** Offers text as a file download. */
  download: (text: string, fileName: string) => void;
  /** Reloads the page (closing the document here: the tab starts over on the start screen). */
  reload: () => void;
  /** How long a reloaded tab waits for its previous page to let go of its document's lock. */
  reloadLockWaitMs?: number;
  defer?: (callback: () => void) => void;
  setTimeout?: (callback: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

/** How long "Saving…" waits before it shows (most writes take a millisecond: no flicker on every keystroke). */
const SAVING_SHOWN_AFTER_MS = 400;
/** Other tabs are told about saves at most this often (their start screens re-list). */
const ANNOUNCE_EVERY_MS = 500;
/** Other tabs' announcements are gathered for this long before the list is read again. */
const REFRESH_AFTER_MS = 150;

type ReadOutcome =
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: string; newer: boolean }
  /** `recovered`: an edit whose write never finished was found (write-ahead) and is part of it: write it again. */
  | { kind: 'ok'; parsed: Extract<ParsedRecord, { ok: true }>; recovered: boolean };

function saveFailedNotice(status: SaveStatus): PersistenceNotice {
  return {
    tone: 'error',
    text: 'Changes not saved in this browser',
    detail: `Saving failed: ${describeSaveError(status.error)}. The flow is still open here; export it before leaving the page.`,
  };
}

export class PersistenceEngine implements PersistenceActions {
  readonly scheduler: SaveScheduler;
  private readonly o: EngineOptions;
  private readonly now: () => Date;
  private readonly later: (callback: () => void, ms: number) => unknown;
  private readonly cancel: (handle: unknown) => void;
  private storage: DocumentStorage | null = null;
  private mode: 'starting' | 'active' | 'lost' = 'starting';
  private disposed = false;
  private closing = false;
  /** This tab's document: its id, the stamp last read or written, whether it was edited, what it copies. */
  private docId: string | null = null;
  private expected: Stamp | null = null;
  private edited = false;
  private copyOf: string | undefined;
  private held: HeldDocument | null = null;
  /** Changes made here that are in no record (after the document was lost to another tab). */
  private lostUnsaved = false;
  /** Our own reopening of a saved document is not a change to save. */
  private restoringDocument = false;
  private changedWhileStarting = false;
  /** Never-edited documents replaced in this tab, to delete before the next write. */
  private removals: { id: string; stamp: Stamp }[] = [];
  private lastSavedAt: string | null = null;
  private failed = false;
  private savingTimer: unknown = null;
  private announceTimer: unknown = null;
  private announceAgain = false;
  private refreshTimer: unknown = null;
  private readonly cleanups: (() => void)[] = [];
  /** Read through a method: it changes while storage is awaited, which flow analysis cannot see. */
  private isDisposed(): boolean {
    return this.disposed;
  }

  constructor(options: EngineOptions) {
    this.o = options;
    this.now = options.now ?? (() => new Date());
    this.later = options.setTimeout ?? ((callback, ms) => globalThis.setTimeout(callback, ms));
    this.cancel = options.clearTimeout ?? ((handle) => globalThis.clearTimeout(handle as number));
    this.scheduler = createSaveScheduler({
      save: () => this.save(),
      onStatus: (status) => this.onStatus(status),
      ...(options.defer ? { defer: options.defer } : {}),
    });
    options.ui.setState({ restoring: true, prompt: null, indicator: { state: 'none' }, busy: false });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Start and stop
  // -------------------------------------------------------------------------------------------------------------

  async start(): Promise<void> {
    const { store, tabs } = this.o;
    const documentIdBefore = store.getState().documentId;
    const subscribe = this.o.subscribe ?? ((listener) => store.subscribe(listener));
    this.cleanups.push(subscribe((state, previous) => this.onStoreChange(state, previous)));
    this.cleanups.push(tabs.subscribe((message) => this.onTabMessage(message)));

    const notices: PersistenceNotice[] = [];
    try {
      this.storage = await this.o.openStorage();
    } catch (error) {
      console.warn('The flows saved in this browser could not be read.', error);
    }
    if (this.isDisposed()) return;

    let migration: LegacyMigration = { migrated: [], keptAside: [] };
    if (this.storage) {
      try {
        migration = await this.storage.migrateLegacy(this.o.newId, this.now);
      } catch (error) {
        console.warn('The flow saved by an earlier version could not be moved to the new layout.', error);
      }
    }
    if (this.isDisposed()) return;
    for (const kept of migration.keptAside) {
      console.warn(`The saved session was ignored: ${kept.reason}.`);
      notices.push(this.unreadableNotice('Your last session could not be restored', kept.reason, kept.where));
    }

    // Nothing opened by the user while storage was read: the tab's own document, else the one migrated from the
    // single record of earlier versions (that was "the last session" of this browser), comes back.
    const untouched = () => store.getState().documentId === documentIdBefore && !store.getState().definition;
    const own = this.o.tabDocument.read();
    const migrated = [...migration.migrated].sort((a, b) => b.savedAt.localeCompare(a.savedAt))[0];
    const target = own ?? migrated?.id ?? null;
    if (this.storage && target !== null && untouched()) {
      const notice = await this.resume(target, untouched);
      if (this.isDisposed()) return;
      if (notice) notices.push(notice);
    }

    if (this.mode === 'starting') this.mode = 'active';
    // A flow opened while storage was being read is this tab's new document, saved like any change.
    if (this.changedWhileStarting && this.docId === null && store.getState().definition) {
      this.beginNewDocument();
      this.scheduler.schedule();
    }
    const rank = { error: 0, warning: 1, info: 2 } as const;
    notices.sort((a, b) => rank[a.tone] - rank[b.tone]);
    this.o.ui.setState({ restoring: false, notice: notices[0] ?? null });
    await this.refreshList();
  }

  /** Writes what is pending, then lets go of the document, the database and the channel. */
  async dispose(): Promise<void> {
    if (this.isDisposed()) return;
    this.disposed = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    for (const timer of [this.savingTimer, this.announceTimer, this.refreshTimer]) {
      if (timer !== null) this.cancel(timer);
    }
    try {
      await this.scheduler.flush();
    } finally {
      this.scheduler.dispose();
      this.held?.release();
      this.held = null;
      this.o.tabs.close();
      this.storage?.close();
    }
  }

  /** Unsaved work here: a change not yet written, a failed write, or edits made after the document was lost. */
  isDirty(): boolean {
    if (this.closing) return false;
    return this.scheduler.isDirty() || (this.mode === 'lost' && this.lostUnsaved);
  }

  /** Writes now (leaving the page, hiding the tab). */
  flush(): Promise<void> {
    return this.scheduler.flush();
  }

  // -------------------------------------------------------------------------------------------------------------
  // Saving
  // -------------------------------------------------------------------------------------------------------------

  private onStoreChange(state: EditorState, previous: EditorState): void {
    if (this.restoringDocument || this.disposed || !documentChanged(state, previous)) return;
    if (state.documentId !== previous.documentId) this.clearStaleNotice();
    if (!state.definition) return;
    if (this.mode === 'starting') {
      this.changedWhileStarting = true;
      return;
    }
    if (this.mode === 'lost') {
      this.lostUnsaved = true;
      this.showLost(null);
      return;
    }
    // A fresh undo history means another document (a file, pasted JSON, New flow); "Replace flow" keeps the
    // history (it is an undo step) and so stays this document.
    const opened = state.documentId !== previous.documentId && state.past.length === 0;
    if (opened || this.docId === null) this.beginNewDocument();
    else {
      this.edited = true;
      this.writeAhead(state);
    }
    this.scheduler.schedule();
  }

  /**
   * The edit's write-ahead entry, committed now, in the script that made the edit and before the editor
   * re-renders (see layout.ts): the compare-and-set write scheduled next cannot commit before the page is free
   * again, which takes tens of milliseconds after an edit of a 2,000-widget flow.
   */
  private writeAhead(state: EditorState): void {
    const id = this.docId;
    const base = this.expected;
    if (!this.storage || id === null || base === null || this.mode !== 'active') return;
    const snapshot = toSnapshot(state, this.now(), { edited: true, copyOf: this.copyOf });
    if (!snapshot) return;
    this.storage.writeAhead({
      id,
      writer: this.o.tabs.writer,
      base,
      record: (stamp) => toStoredRecord(id, stamp, snapshot),
    });
  }

  private beginNewDocument(): void {
    if (this.docId !== null && this.expected !== null && !this.edited) {
      // Never edited: a copy of the file or text it came from, not worth a place on the start screen.
      this.removals.push({ id: this.docId, stamp: this.expected });
    }
    this.setDocument(this.o.newId(), null, { edited: false, copyOf: undefined });
  }

  private setDocument(
    id: string,
    expected: Stamp | null,
    { edited, copyOf }: { edited: boolean; copyOf: string | undefined },
    held?: HeldDocument | null,
  ): void {
    if (this.held && this.held.id !== id) this.held.release();
    this.held = held ?? (this.held?.id === id ? this.held : null);
    this.docId = id;
    this.expected = expected;
    this.edited = edited;
    this.copyOf = copyOf;
    this.mode = 'active';
    this.lostUnsaved = false;
    this.o.tabDocument.write(id);
    if (!this.held) {
      // A new id nobody else knows: the lock is free; held so that a duplicated tab learns it is taken.
      void this.o.tabs.acquire(id, { onLost: () => this.onLost(id, 'taken-over') }).then((lock) => {
        if (this.docId === id && !this.disposed && !this.held) this.held = lock;
        else lock?.release();
      });
    }
  }

  private async save(): Promise<void> {
    const storage = this.storage;
    if (!storage) throw new StorageUnavailableError('this browser does not allow storing it');
    while (this.removals.length > 0) {
      const removal = this.removals.shift();
      if (!removal) break;
      await storage
        .remove({ kind: 'document', id: removal.id }, removal.stamp)
        .catch((error: unknown) => console.warn('A replaced flow could not be removed.', error));
      this.announce();
    }
    const id = this.docId;
    if (this.mode !== 'active' || id === null) return;
    const snapshot = toSnapshot(this.o.store.getState(), this.now(), {
      edited: this.edited,
      copyOf: this.copyOf,
    });
    if (!snapshot) return;
    const outcome = await storage.write({
      id,
      writer: this.o.tabs.writer,
      expected: this.expected,
      record: (stamp) => toStoredRecord(id, stamp, snapshot),
    });
    if (this.docId !== id) {
      // Another document was opened during the write; this one was left never edited: drop it too.
      if (outcome.ok && !snapshot.edited) this.removals.push({ id, stamp: outcome.stamp });
      return;
    }
    if (!outcome.ok) {
      // A newer revision by another tab (or a format this version cannot read): never overwritten.
      this.lostUnsaved = true;
      this.onLost(id, 'changed');
      return;
    }
    this.expected = outcome.stamp;
    this.lastSavedAt = snapshot.savedAt;
    this.announce();
  }

  private onStatus(status: SaveStatus): void {
    const { ui } = this.o;
    if (this.mode === 'lost') return;
    if (status.error !== null) {
      this.failed = true;
      ui.setState({ notice: saveFailedNotice(status), indicator: { state: 'failed' } });
      return;
    }
    if (status.phase === 'idle') {
      if (this.savingTimer !== null) this.cancel(this.savingTimer);
      this.savingTimer = null;
      if (this.failed) {
        this.failed = false;
        ui.setState({ notice: { tone: 'info', text: 'Changes saved in this browser again' } });
      }
      if (this.lastSavedAt !== null)
        ui.setState({ indicator: { state: 'saved', savedAt: this.lastSavedAt } });
      return;
    }
    if (this.savingTimer === null && !this.failed) {
      this.savingTimer = this.later(() => {
        this.savingTimer = null;
        if (this.scheduler.status().phase !== 'idle' && this.mode === 'active') {
          ui.setState({ indicator: { state: 'saving' } });
        }
      }, SAVING_SHOWN_AFTER_MS);
    }
  }

  /** A message about the document just restored is stale once another flow is opened (errors stay). */
  private clearStaleNotice(): void {
    const { notice } = this.o.ui.getState();
    if (notice && notice.tone !== 'error' && !this.failed) this.o.ui.setState({ notice: null });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Losing the document to another tab
  // -------------------------------------------------------------------------------------------------------------

  private onLost(id: string, reason: 'taken-over' | 'changed'): void {
    if (this.docId !== id || this.disposed || this.closing) return;
    const unsaved = this.lostUnsaved || this.scheduler.isDirty();
    if (this.mode === 'lost') {
      if (unsaved) this.showLost(null);
      return;
    }
    this.mode = 'lost';
    this.lostUnsaved = unsaved;
    this.held?.release();
    this.held = null;
    this.showLost(reason);
  }

  private showLost(reason: 'taken-over' | 'changed' | null): void {
    const { ui, store } = this.o;
    const prompt = ui.getState().prompt;
    const state = store.getState();
    const name = documentName(state.publish, state.fileName);
    ui.setState({
      prompt: {
        kind: 'lost',
        reason: reason ?? (prompt?.kind === 'lost' ? prompt.reason : 'changed'),
        name,
        unsaved: this.lostUnsaved,
      },
      indicator: { state: 'lost' },
    });
  }

  keepMineAsCopy(): void {
    if (this.mode !== 'lost' || this.disposed) return;
    const original = this.docId ?? undefined;
    this.setDocument(this.o.newId(), null, { edited: true, copyOf: original });
    this.o.ui.setState({ prompt: null });
    this.scheduler.schedule();
    void this.scheduler.flush().then(() => {
      if (this.scheduler.status().error === null && this.mode === 'active') {
        this.o.ui.setState({
          notice: {
            tone: 'info',
            text: 'Your version was saved as a copy',
            detail: 'The other tab keeps the original; both are listed when a new tab opens the editor.',
          },
        });
      }
    });
  }

  closeHere(): void {
    // The other tab has the document; this tab starts over with no document of its own.
    this.closing = true;
    this.o.tabDocument.write(null);
    this.o.reload();
  }

  downloadMine(): void {
    const state = this.o.store.getState();
    if (!state.definition) return;
    this.o.download(
      `${JSON.stringify(state.definition, null, 2)}\n`,
      exportFileName(state.publish.friendlyName, state.fileName),
    );
  }

  // -------------------------------------------------------------------------------------------------------------
  // Opening saved documents
  // -------------------------------------------------------------------------------------------------------------

  private async readParsed(id: string): Promise<ReadOutcome> {
    if (!this.storage) return { kind: 'missing' };
    let read;
    try {
      read = await this.storage.read(id);
    } catch (error) {
      return { kind: 'unreadable', reason: describeSaveError(error), newer: false };
    }
    if (!read) return { kind: 'missing' };
    if (!read.ok) return { kind: 'unreadable', reason: read.reason, newer: false };
    const parsed = parseRecord(read.value, { id });
    return parsed.ok
      ? { kind: 'ok', parsed, recovered: read.recovered === true }
      : { kind: 'unreadable', reason: parsed.reason, newer: parsed.newer };
  }

  /** The tab's own document on startup: reopened when it is free; asked about when another tab has it. */
  private async resume(id: string, untouched: () => boolean): Promise<PersistenceNotice | null> {
    const held = await this.o.tabs.acquire(id, {
      waitMs: this.o.reloadLockWaitMs ?? 1000,
      onLost: () => this.onLost(id, 'taken-over'),
    });
    const read = await this.readParsed(id);
    if (this.isDisposed()) {
      held?.release();
      return null;
    }
    if (read.kind === 'missing') {
      // Never saved (the tab was closed before its first write), or forgotten in another tab.
      held?.release();
      this.o.tabDocument.write(null);
      return null;
    }
    if (read.kind === 'unreadable') {
      held?.release();
      // Never written to again from this tab: its next document gets an id of its own.
      this.o.tabDocument.write(null);
      console.warn(`The saved session was ignored: ${read.reason}.`);
      return this.unreadableNotice('Your last session could not be restored', read.reason, {
        kind: 'document',
        id,
      });
    }
    if (!held) {
      this.o.ui.setState({ prompt: { kind: 'in-use', id, name: read.parsed.record.name } });
      return null;
    }
    if (!untouched() || !this.adopt(id, held, read.parsed, read.parsed.record)) {
      held.release();
      return null;
    }
    if (read.recovered) this.writeRecovered();
    const at = formatSavedAt(read.parsed.record.savedAt, this.now());
    return {
      tone: 'info',
      text: at ? `Restored your last session (saved ${at})` : 'Restored your last session',
    };
  }

  /** Shows a read document in the store as this tab's document. */
  private adopt(
    id: string,
    held: HeldDocument | null,
    parsed: Extract<ParsedRecord, { ok: true }>,
    stamp: Stamp,
    overrides: { edited?: boolean; copyOf?: string } = {},
  ): boolean {
    this.restoringDocument = true;
    try {
      const { definition, source, fileName, revisions, profile, publish } = parsed.session;
      // Reopened as it was: no undo step, no layout change.
      this.o.store
        .getState()
        .replaceDefinition(definition, { history: 'open', source, fileName, revisions, profile, publish });
    } catch (error) {
      console.warn('The saved flow could not be opened.', error);
      return false;
    } finally {
      this.restoringDocument = false;
    }
    this.setDocument(
      id,
      { revision: stamp.revision, writer: stamp.writer },
      {
        edited: overrides.edited ?? parsed.record.edited,
        copyOf: overrides.copyOf ?? parsed.record.copyOf,
      },
      held,
    );
    this.lastSavedAt = parsed.record.savedAt;
    this.o.ui.setState({ indicator: { state: 'saved', savedAt: parsed.record.savedAt }, prompt: null });
    this.announce();
    return true;
  }

  /** The document read has an edit its tab did not live to write (write-ahead): write it now, as an edit. */
  private writeRecovered(): void {
    this.edited = true;
    this.scheduler.schedule();
  }

  private async busy<T>(work: () => Promise<T>): Promise<T | undefined> {
    if (this.o.ui.getState().busy || this.disposed) return undefined;
    this.o.ui.setState({ busy: true });
    try {
      return await work();
    } finally {
      if (!this.isDisposed()) this.o.ui.setState({ busy: false });
    }
  }

  /** Whether the editor is free to show a saved document (nothing open, or the document was just lost). */
  private canOpen(): boolean {
    return !this.o.store.getState().definition;
  }

  open(id: string): void {
    void this.busy(async () => {
      if (!this.canOpen()) return;
      const held = await this.o.tabs.acquire(id, { onLost: () => this.onLost(id, 'taken-over') });
      const read = await this.readParsed(id);
      if (this.isDisposed()) return held?.release();
      if (read.kind !== 'ok') {
        held?.release();
        this.o.ui.setState({ notice: this.openFailedNotice(id, read) });
        await this.refreshList();
        return;
      }
      if (!held) {
        this.o.ui.setState({ prompt: { kind: 'in-use', id, name: read.parsed.record.name } });
        return;
      }
      if (!this.canOpen() || !this.adopt(id, held, read.parsed, read.parsed.record)) held.release();
      else if (read.recovered) this.writeRecovered();
    });
  }

  takeOver(): void {
    const prompt = this.o.ui.getState().prompt;
    if (prompt?.kind !== 'in-use') return;
    this.o.ui.setState({ prompt: null });
    void this.busy(async () => {
      const { id, name } = prompt;
      const storage = this.storage;
      if (!storage || !this.canOpen()) return;
      const held = await this.o.tabs.acquire(id, {
        steal: true,
        onLost: () => this.onLost(id, 'taken-over'),
      });
      // The other tab may write once more before it hears of it: the claim (a write of what is stored, stamped by
      // this tab) is compared like any write, and read again if it lost that race.
      for (let attempt = 0; attempt < 5 && !this.isDisposed(); attempt++) {
        const read = await this.readParsed(id);
        if (read.kind !== 'ok') {
          held?.release();
          this.o.ui.setState({ notice: this.openFailedNotice(id, read) });
          return;
        }
        const record = read.parsed.record;
        const outcome = await storage.write({
          id,
          writer: this.o.tabs.writer,
          expected: record,
          record: (stamp) => ({ ...record, ...stamp }),
        });
        if (!outcome.ok) continue;
        if (!this.canOpen() || !this.adopt(id, held, read.parsed, outcome.stamp)) {
          held?.release();
          return;
        }
        this.o.ui.setState({
          notice: {
            tone: 'info',
            text: `“${name}” is now edited in this tab`,
            detail: 'The other tab was told and no longer saves to it.',
          },
        });
        return;
      }
      held?.release();
      this.o.ui.setState({
        notice: {
          tone: 'error',
          text: `“${name}” could not be taken over`,
          detail: 'Another tab keeps writing it.',
        },
      });
    });
  }

  openCopy(): void {
    const prompt = this.o.ui.getState().prompt;
    if (prompt?.kind !== 'in-use') return;
    this.o.ui.setState({ prompt: null });
    void this.busy(async () => {
      const storage = this.storage;
      if (!storage || !this.canOpen()) return;
      const read = await this.readParsed(prompt.id);
      if (read.kind !== 'ok') {
        this.o.ui.setState({ notice: this.openFailedNotice(prompt.id, read) });
        return;
      }
      const id = this.o.newId();
      const savedAt = this.now().toISOString();
      const record = { ...read.parsed.record, id, copyOf: prompt.id, edited: true, savedAt };
      const outcome = await storage.write({
        id,
        writer: this.o.tabs.writer,
        expected: null,
        record: (stamp) => ({ ...record, ...stamp }),
      });
      if (!outcome.ok || !this.canOpen()) return;
      const held = await this.o.tabs.acquire(id, { onLost: () => this.onLost(id, 'taken-over') });
      const adopted = this.adopt(id, held, { ...read.parsed, record }, outcome.stamp, {
        edited: true,
        copyOf: prompt.id,
      });
      if (!adopted) held?.release();
      else {
        this.o.ui.setState({
          notice: {
            tone: 'info',
            text: `Opened a copy of “${prompt.name}”`,
            detail: 'The other tab keeps the original; this copy is saved on its own.',
          },
        });
      }
    });
  }

  cancelPrompt(): void {
    const prompt = this.o.ui.getState().prompt;
    if (!prompt || prompt.kind === 'lost') return;
    // Declining a document another tab has: this tab has none of its own (a duplicated tab starts afresh).
    if (prompt.kind === 'in-use' && this.docId === null) this.o.tabDocument.write(null);
    this.o.ui.setState({ prompt: null });
  }

  askForget(key: string): void {
    const { saved, unreadable } = this.o.ui.getState();
    const entry = saved.find((e) => e.id === key);
    if (entry) {
      this.o.ui.setState({ prompt: { kind: 'forget', key, name: entry.name, unreadable: false } });
      return;
    }
    const broken = unreadable.find((e) => e.key === key);
    if (broken) this.o.ui.setState({ prompt: { kind: 'forget', key, name: broken.name, unreadable: true } });
  }

  confirmForget(): void {
    const prompt = this.o.ui.getState().prompt;
    if (prompt?.kind !== 'forget') return;
    this.o.ui.setState({ prompt: null });
    void this.busy(async () => {
      const storage = this.storage;
      if (!storage) return;
      const { unreadable } = this.o.ui.getState();
      const broken = unreadable.find((e) => e.key === prompt.key);
      const where: RecordWhere = broken ? broken.where : { kind: 'document', id: prompt.key };
      if (where.kind === 'document' && (await this.o.tabs.openElsewhere()).has(where.id)) {
        this.o.ui.setState({
          notice: {
            tone: 'warning',
            text: `“${prompt.name}” is open in another tab`,
            detail: 'It was not forgotten; close it there first.',
          },
        });
        await this.refreshList();
        return;
      }
      await storage.remove(where, null);
      this.announce();
      await this.refreshList();
    });
  }

  download(key: string): void {
    const entry = this.o.ui.getState().unreadable.find((e) => e.key === key);
    const storage = this.storage;
    if (!entry || !storage) return;
    void this.downloadRaw(entry.where, entry.backend, entry.name);
  }

  private async downloadRaw(where: RecordWhere, backend: string, name: string): Promise<void> {
    const storage = this.storage;
    if (!storage) return;
    try {
      const raw = await storage.raw(where, backend);
      const safe = name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'flow';
      this.o.download(toDownloadableJson(raw), `${safe}.saved-record.json`);
    } catch (error) {
      console.warn('The saved record could not be read for download.', error);
      this.o.ui.setState({
        notice: {
          tone: 'error',
          text: 'The saved record could not be downloaded',
          detail: describeSaveError(error),
        },
      });
    }
  }

  private unreadableNotice(text: string, reason: string, where: RecordWhere): PersistenceNotice {
    const backend = this.storage?.primaryName ?? 'IndexedDB';
    return {
      tone: 'warning',
      text,
      detail: `The copy saved in this browser could not be read: ${reason}. It is kept as it is, never overwritten.`,
      action: { label: 'Download it', run: () => void this.downloadRaw(where, backend, 'unreadable-flow') },
    };
  }

  private openFailedNotice(id: string, read: Exclude<ReadOutcome, { kind: 'ok' }>): PersistenceNotice {
    if (read.kind === 'missing') {
      return {
        tone: 'warning',
        text: 'That flow is no longer saved in this browser',
        detail: 'It was forgotten in another tab.',
      };
    }
    return this.unreadableNotice('That flow could not be opened', read.reason, { kind: 'document', id });
  }

  // -------------------------------------------------------------------------------------------------------------
  // The list, and the other tabs
  // -------------------------------------------------------------------------------------------------------------

  /** Reads the saved documents again for the start screen. */
  async refreshList(): Promise<void> {
    const storage = this.storage;
    if (!storage || this.disposed) return;
    const [listed, elsewhere] = await Promise.all([
      storage.list(),
      this.o.tabs.openElsewhere().catch(() => new Set<string>()),
    ]);
    if (this.isDisposed()) return;
    const saved: SavedEntry[] = [];
    const unreadable: UnreadableEntry[] = [];
    for (const entry of listed) {
      if (entry.where.kind === 'document') {
        if (entry.where.id === this.docId) continue;
        const summary = summaryOf(entry.header, entry.where.id);
        if (summary) {
          saved.push({ ...summary, openElsewhere: elsewhere.has(entry.where.id) });
          continue;
        }
      }
      unreadable.push(describeUnreadable(entry));
    }
    saved.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
    this.o.ui.setState({ saved, unreadable });
  }

  private onTabMessage(message: TabMessage): void {
    if (message.type !== 'changed' || this.refreshTimer !== null || this.disposed) return;
    this.refreshTimer = this.later(() => {
      this.refreshTimer = null;
      void this.refreshList();
    }, REFRESH_AFTER_MS);
  }

  /** Tells the other tabs that the saved documents changed, at most every ANNOUNCE_EVERY_MS. */
  private announce(): void {
    if (this.announceTimer !== null) {
      this.announceAgain = true;
      return;
    }
    this.o.tabs.post({ type: 'changed' });
    this.announceTimer = this.later(() => {
      this.announceTimer = null;
      if (this.announceAgain) {
        this.announceAgain = false;
        this.announce();
      }
    }, ANNOUNCE_EVERY_MS);
  }
}

/** A record listed that cannot be read here, in words. */
export function describeUnreadable(entry: ListedRecord): UnreadableEntry {
  const key =
    entry.where.kind === 'document' ? entry.where.id : `quarantine:${entry.backend}:${entry.where.key}`;
  const header = (typeof entry.header === 'object' && entry.header !== null ? entry.header : {}) as Record<
    string,
    unknown
  >;
  // A kept-aside entry wraps what was found; a document is its own header.
  const inner = (
    entry.where.kind === 'quarantine' && typeof header.value === 'object' && header.value !== null
      ? header.value
      : header
  ) as Record<string, unknown>;
  const format = formatOf(inner);
  const newer = format !== null && format > FORMAT;
  const name =
    typeof inner.name === 'string'
      ? inner.name
      : typeof inner.fileName === 'string'
        ? inner.fileName
        : 'A saved flow';
  const reason =
    entry.where.kind === 'quarantine' && typeof header.reason === 'string'
      ? header.reason
      : newer
        ? `it was saved by a newer version of the editor (format ${String(format)})`
        : 'it is damaged';
  const savedAt =
    typeof inner.savedAt === 'string'
      ? inner.savedAt
      : typeof header.keptAt === 'string'
        ? header.keptAt
        : null;
  return { key, where: entry.where, backend: entry.backend, name, reason, newer, savedAt };
}
