import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { canUndo } from '../../store/editing';
import { createEditorStore } from '../../store/editorStore';
import { PersistenceEngine, initialUiState, type PersistenceUiState } from './engine';
import { parseRecord, type StoredRecord } from './records';
import { createDocumentStorage, type DocumentStorage } from './storage';
import { fakeBrowser, memoryBackend } from './testing';
import format1IndexedDb from './fixtures/format-1.indexeddb.json';
import { importText } from '../../testing/store';

let ids = 0;
const engines: PersistenceEngine[] = [];

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.dispose();
});

/**
 * One tab of a fake browser: its own editor store and sessionStorage slot, the browser's shared storage and
 * locks. `reload()` is the same tab after a reload (same sessionStorage, a new page).
 */
function openTab(
  browser: ReturnType<typeof fakeBrowser>,
  backend: ReturnType<typeof memoryBackend>,
  options: { session?: string | null; locking?: boolean; openStorage?: () => Promise<DocumentStorage> } = {},
) {
  const store = createEditorStore();
  const ui = createStore<PersistenceUiState>()(() => initialUiState());
  const session = { id: options.session ?? null };
  const downloads: { text: string; name: string }[] = [];
  const reloads: number[] = [];
  const engine = new PersistenceEngine({
    store,
    ui,
    openStorage: options.openStorage ?? (() => Promise.resolve(createDocumentStorage(backend, null))),
    tabs: browser.tab({ locking: options.locking ?? true }),
    tabDocument: { read: () => session.id, write: (id) => void (session.id = id) },
    newId: () => `doc-${++ids}`,
    download: (text, name) => downloads.push({ text, name }),
    reload: () => reloads.push(1),
    reloadLockWaitMs: 0,
  });
  engines.push(engine);
  const tab = {
    store,
    ui,
    engine,
    session,
    downloads,
    reloads,
    start: async () => {
      await engine.start();
      return tab;
    },
    /** Edits the flow's description (one undo step) and waits until it is written. */
    edit: async (description: string) => {
      store.getState().setFlowFields({ description });
      await engine.flush();
    },
    description: () => store.getState().definition?.description,
    /** The same tab after a reload: this page goes away (its locks with it), a new one starts. */
    reload: async () => {
      await engine.dispose();
      return openTab(browser, backend, { session: session.id, locking: options.locking ?? true }).start();
    },
  };
  return tab;
}

function storedDescription(backend: ReturnType<typeof memoryBackend>, id: string | null) {
  if (id === null) return undefined;
  const value = backend.state.documents.get(id);
  const parsed = parseRecord(structuredClone(value), { id });
  return parsed.ok ? parsed.session.definition.description : undefined;
}

const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

describe('one document per tab', () => {
  it('a reload reopens the tab’s own document; a new tab opens nothing and offers it', async () => {
    const browser = fakeBrowser();
    const backend = memoryBackend();
    const a = await openTab(browser, backend).start();
    a.store.getState().createNewFlow();
    await a.edit('mine');
    expect(a.session.id).not.toBeNull();
    expect(storedDescription(backend, a.session.id)).toBe('mine');
    expect(a.ui.getState().indicator).toMatchObject({ state: 'saved' });

    const reloaded = await a.reload();
    expect(reloaded.description()).toBe('mine');
    expect(reloaded.ui.getState().notice?.text).toMatch(/^Restored your last session \(saved \d\d:\d\d\)$/);
    // Reopening is not an edit: nothing written, nothing to undo.
    expect(canUndo(reloaded.store.getState())).toBe(false);

    const fresh = await openTab(browser, backend).start();
    expect(fresh.store.getState().definition).toBeNull();
    expect(fresh.ui.getState().notice).toBeNull();
    expect(fresh.ui.getState().saved).toMatchObject([
      { id: a.session.id, name: 'My flow', openElsewhere: true },
    ]);
  });

  it('two tabs editing different flows never overwrite each other; a new tab offers both, most recent first', async () => {
    const browser = fakeBrowser();
    const backend = memoryBackend();
    const a = await openTab(browser, backend).start();
    const b = await openTab(browser, backend).start();
    a.store.getState().createNewFlow();
    importText(b.store, JSON.stringify(format1IndexedDb.definition), { fileName: 'ivr.json' });
    await a.edit('A1');
    await b.edit('B1');
    await a.edit('A2');
    expect(a.session.id).not.toBe(b.session.id);
    expect(storedDescription(backend, a.session.id)).toBe('A2');
    expect(storedDescription(backend, b.session.id)).toBe('B1');

    // Both tabs reload: each gets its own flow back.
    const a2 = await a.reload();
    const b2 = await b.reload();
    expect(a2.description()).toBe('A2');
    expect(b2.description()).toBe('B1');

    // The browser restarts: no tab has a document; both are offered.
    await a2.engine.dispose();
    await b2.engine.dispose();
    const restart = await openTab(browser, backend).start();
    expect(restart.store.getState().definition).toBeNull();
    expect(restart.ui.getState().saved.map((e) => [e.name, e.widgetCount, e.openElsewhere])).toEqual([
      ['My flow', 1, false],
      ['ivr', 2, false],
    ]);
    restart.engine.open(b.session.id ?? '');
    await vi.waitFor(() => expect(restart.description()).toBe('B1'));
    expect(restart.session.id).toBe(b.session.id);
  });

  it('a document never edited is dropped when another replaces it in the tab; an edited one stays listed', async () => {
    const browser = fakeBrowser();
    const backend = memoryBackend();
    const a = await openTab(browser, backend).start();
    a.store.getState().createNewFlow();
    await a.engine.flush();
    const pristine = a.session.id;
    a.store.getState().createNewFlow();
    await a.engine.flush();
    await a.engine.flush();
    expect(backend.state.documents.has(pristine ?? '')).toBe(false);

    const edited = a.session.id;
    await a.edit('worth keeping');
    a.store.getState().createNewFlow();
    await a.engine.flush();
    expect(storedDescription(backend, edited)).toBe('worth keeping');
    expect(a.session.id).not.toBe(edited);
  });

  it('“Replace flow” over an open flow stays the same document (it is an undo step of it)', async () => {
    const browser = fakeBrowser();
    const backend = memoryBackend();
    const a = await openTab(browser, backend).start();
    a.store.getState().createNewFlow();
    await a.edit('before');
    const id = a.session.id;
    importText(a.store, JSON.stringify(format1IndexedDb.definition));
    a.store.getState().confirmImport();
    await a.engine.flush();
    expect(a.session.id).toBe(id);
    expect(storedDescription(backend, id)).toBe('IVR');
  });
});

describe('two tabs on one document', () => {
  it('a duplicated tab is asked; “Open a copy here” saves a copy on its own and leaves the original alone', async () => {
    const browser = fakeBrowser();
    const backend = memoryBackend();
    const a = await openTab(browser, backend).start();
    a.store.getState().createNewFlow();
    await a.edit('original');
    const id = a.session.id;

    // A duplicated tab starts with a copy of sessionStorage.
    const dup = await openTab(browser, backend, { session: id }).start();
    expect(dup.store.getState().definition).toBeNull();
    expect(dup.ui.getState().prompt).toEqual({ kind: 'in-use', id, name: 'My flow' });

    dup.engine.openCopy();
    await vi.waitFor(() => expect(dup.description()).toBe('original'));
    expect(dup.session.id).not.toBe(id);
    expect(dup.ui.getState().notice?.text).toBe('Opened a copy of “My flow”');
    await dup.edit('the copy');
    await a.edit('still the original');
    expect(storedDescription(backend, id)).toBe('still the original');
    expect(storedDescription(backend, dup.session.id)).toBe('the copy');
    expect((backend.state.documents.get(dup.session.id ?? '') as StoredRecord).copyOf).toBe(id);
  });

  it('Cancel leaves the duplicated tab with no document of its own', async () => {
    const browser = fakeBrowser();
    const backend = memoryBackend();
    const a = await openTab(browser, backend).start();
    a.store.getState().createNewFlow();
    await a.edit('original');
    const dup = await openTab(browser, backend, { session: a.session.id }).start();
    dup.engine.cancelPrompt();
    expect(dup.ui.getState().prompt).toBeNull();
    expect(dup.session.id).toBeNull();
    dup.store.getState().createNewFlow();
    await dup.engine.flush();
    expect(dup.session.id).not.toBe(a.session.id);
    expect(storedDescription(backend, a.session.id)).toBe('original');
  });

  it('taking over: the other tab is told, stops saving, and can keep its own edits as a copy', async () => {
    const browser = fakeBrowser();
    const backend = memoryBackend();
    const a = await openTab(browser, backend).start();
    a.store.getState().createNewFlow();
    await a.edit('A before');
    const id = a.session.id ?? '';

    const b = await openTab(browser, backend).start();
    expect(b.ui.getState().saved).toMatchObject([{ id, openElsewhere: true }]);
    b.engine.open(id);
    await vi.waitFor(() => expect(b.ui.getState().prompt).toMatchObject({ kind: 'in-use', id }));
    b.engine.takeOver();
    await vi.waitFor(() => expect(b.description()).toBe('A before'));
    expect(b.session.id).toBe(id);
    await settle();
    expect(a.ui.getState().prompt).toMatchObject({ kind: 'lost', reason: 'taken-over', unsaved: false });
    expect(a.ui.getState().indicator).toEqual({ state: 'lost' });

    // What A does now reaches no record (the dialog blocks the editor; even so, nothing is written)...
    await a.edit('A after');
    await b.edit('B');
    expect(storedDescription(backend, id)).toBe('B');
    expect(a.engine.isDirty()).toBe(true);
    expect(a.ui.getState().prompt).toMatchObject({ kind: 'lost', unsaved: true });

    // ...until A keeps it as a copy.
    a.engine.keepMineAsCopy();
    await vi.waitFor(() => expect(a.ui.getState().notice?.text).toBe('Your version was saved as a copy'));
    expect(a.session.id).not.toBe(id);
    expect(storedDescription(backend, a.session.id)).toBe('A after');
    expect(storedDescription(backend, id)).toBe('B');
    expect(a.engine.isDirty()).toBe(false);
  });

  it('without Web Locks, compare-and-set stops the stale tab: it is told, and nothing is overwritten', async () => {
    const browser = fakeBrowser();
    const backend = memoryBackend();
    const a = await openTab(browser, backend, { locking: false }).start();
    a.store.getState().createNewFlow();
    await a.edit('first');
    const id = a.session.id;
    // A duplicated tab in a browser without locks: nothing tells it that A has the document...
    const dup = await openTab(browser, backend, { session: id, locking: false }).start();
    expect(dup.description()).toBe('first');
    await dup.edit('from the duplicate');
    // ...but A's next write finds a revision it does not know, and is refused.
    await a.edit('from the original');
    expect(storedDescription(backend, id)).toBe('from the duplicate');
    expect(a.ui.getState().prompt).toMatchObject({ kind: 'lost', reason: 'changed', unsaved: true });

    a.engine.keepMineAsCopy();
    await vi.waitFor(() => expect(storedDescription(backend, a.session.id)).toBe('from the original'));
    expect(storedDescription(backend, id)).toBe('from the duplicate');
  });

  it('“Close it here” starts the tab over with no document (the other tab keeps it)', async () => {
    const browser = fakeBrowser();
    const backend = memoryBackend();
    const a = await openTab(browser, backend).start();
    a.store.getState().createNewFlow();
    await a.edit('x');
    const b = await openTab(browser, backend).start();
    b.engine.open(a.session.id ?? '');
    await vi.waitFor(() => expect(b.ui.getState().prompt?.kind).toBe('in-use'));
    b.engine.takeOver();
    await vi.waitFor(() => expect(a.ui.getState().prompt?.kind).toBe('lost'));
    a.engine.closeHere();
    expect(a.reloads).toHaveLength(1);
    expect(a.session.id).toBeNull();
    expect(a.engine.isDirty()).toBe(false);
  });
});

describe('startup', () => {
  it('a format-1 record is migrated once and reopened in the tab that migrated it', async () => {
    const browser = fakeBrowser();
    const backend = memoryBackend();
    backend.state.legacy = structuredClone(format1IndexedDb);
    const a = await openTab(browser, backend).start();
    expect(a.description()).toBe('IVR');
    expect(a.store.getState().fileName).toBe('ivr.json');
    expect(a.store.getState().publish.friendlyName).toBe('IVR (support line)');
    expect(a.ui.getState().notice?.text).toMatch(/^Restored your last session/);
    expect(backend.state.legacy).toBeUndefined();

    const b = await openTab(browser, backend).start();
    expect(b.store.getState().definition).toBeNull();
    expect(b.ui.getState().saved).toHaveLength(1);
  });

  it('an unreadable document of the tab is kept, told about with a download, and never written to', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const browser = fakeBrowser();
    const backend = memoryBackend();
    const newer = {
      format: 3,
      id: 'future',
      revision: 8,
      writer: 'x',
      name: 'From the future',
      savedAt: '2026-09-09T00:00:00Z',
    };
    backend.state.documents.set('future', structuredClone(newer));
    const a = await openTab(browser, backend, { session: 'future' }).start();
    expect(a.store.getState().definition).toBeNull();
    const notice = a.ui.getState().notice;
    expect(notice).toMatchObject({ tone: 'warning', text: 'Your last session could not be restored' });
    expect(notice?.detail).toMatch(/newer version of the editor \(format 3/);
    expect(a.ui.getState().unreadable).toMatchObject([
      { key: 'future', name: 'From the future', newer: true },
    ]);

    notice?.action?.run();
    await vi.waitFor(() => expect(a.downloads).toHaveLength(1));
    expect(JSON.parse(a.downloads[0]?.text ?? '')).toEqual(newer);

    a.store.getState().createNewFlow();
    await a.engine.flush();
    expect(a.session.id).not.toBe('future');
    expect(backend.state.documents.get('future')).toEqual(newer);
    warn.mockRestore();
  });

  it('a flow opened while storage is being read wins over the one that would be restored', async () => {
    const browser = fakeBrowser();
    const backend = memoryBackend();
    const first = await openTab(browser, backend).start();
    first.store.getState().createNewFlow();
    await first.edit('saved');
    const id = first.session.id;
    await first.engine.dispose();

    let open: () => void = () => undefined;
    const late = new Promise<void>((resolve) => (open = resolve));
    const tab = openTab(browser, backend, {
      session: id,
      openStorage: async () => {
        await late;
        return createDocumentStorage(backend, null);
      },
    });
    const started = tab.start();
    importText(tab.store, JSON.stringify(format1IndexedDb.definition));
    open();
    await started;
    expect(tab.description()).toBe('IVR');
    await tab.engine.flush();
    expect(tab.session.id).not.toBe(id);
    expect(storedDescription(backend, id)).toBe('saved');
    expect(storedDescription(backend, tab.session.id)).toBe('IVR');
  });

  it('a failed save keeps the document dirty and says so; the next save says it works again', async () => {
    const browser = fakeBrowser();
    const backend = memoryBackend();
    const a = await openTab(browser, backend).start();
    backend.state.failWith = new DOMException('full', 'QuotaExceededError');
    a.store.getState().createNewFlow();
    await a.engine.flush();
    expect(a.engine.isDirty()).toBe(true);
    expect(a.ui.getState().notice).toMatchObject({
      tone: 'error',
      text: 'Changes not saved in this browser',
    });
    expect(a.ui.getState().indicator).toEqual({ state: 'failed' });
    expect(a.description()).toBe('A New Flow');

    backend.state.failWith = null;
    await a.edit('fine');
    expect(a.engine.isDirty()).toBe(false);
    expect(a.ui.getState().notice?.text).toBe('Changes saved in this browser again');
  });
});

describe('forgetting', () => {
  it('asks first, and refuses while another tab has the flow open', async () => {
    const browser = fakeBrowser();
    const backend = memoryBackend();
    const a = await openTab(browser, backend).start();
    a.store.getState().createNewFlow();
    await a.edit('kept');
    const id = a.session.id ?? '';
    const b = await openTab(browser, backend).start();

    b.engine.askForget(id);
    expect(b.ui.getState().prompt).toEqual({ kind: 'forget', key: id, name: 'My flow', unreadable: false });
    b.engine.cancelPrompt();
    expect(backend.state.documents.has(id)).toBe(true);

    b.engine.askForget(id);
    b.engine.confirmForget();
    await vi.waitFor(() => expect(b.ui.getState().notice?.text).toBe('“My flow” is open in another tab'));
    expect(backend.state.documents.has(id)).toBe(true);

    await a.engine.dispose();
    await b.engine.refreshList();
    b.engine.askForget(id);
    b.engine.confirmForget();
    await vi.waitFor(() => expect(backend.state.documents.has(id)).toBe(false));
    await vi.waitFor(() => expect(b.ui.getState().saved).toEqual([]));
  });
});
