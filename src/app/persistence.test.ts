import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { FlowDefinition } from '../model/types';
import { createEditorStore } from '../store/editorStore';
import {
  LOCAL_STORAGE_KEY,
  SESSION_FORMAT,
  createSaveScheduler,
  createSessionStorage,
  describeSaveError,
  documentChanged,
  formatSavedAt,
  localStorageBackend,
  parseSessionRecord,
  pickLatestSession,
  restoreLastSession,
  startAutosave,
  toSessionRecord,
  type SessionBackend,
  type SessionRecord,
  type SessionState,
} from './persistence';

function definition(description = 'A flow'): FlowDefinition {
  return {
    description,
    states: [
      {
        name: 'Trigger',
        type: 'trigger',
        transitions: [{ event: 'incomingMessage', next: 'hello' }],
        properties: { offset: { x: 0, y: 0 } },
      },
      {
        name: 'hello',
        type: 'send-message',
        transitions: [{ event: 'sent' }, { event: 'failed' }],
        properties: { body: 'Hi', offset: { x: 0, y: 200 }, unknown_key: '3600' },
        extra: [1, 2, 3],
      },
    ],
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
  };
}

function sessionState(overrides: Partial<SessionState> = {}): SessionState {
  return {
    definition: definition(),
    source: { kind: 'flow', label: 'Flow “IVR”', flowSid: 'FW1', revision: 3 },
    fileName: 'ivr.json',
    revisions: [],
    profile: 'official',
    ...overrides,
  };
}

function record(overrides: Partial<SessionRecord> = {}): SessionRecord {
  const made = toSessionRecord(sessionState(), new Date('2026-03-04T10:20:00Z'));
  if (!made) throw new Error('no record');
  return { ...made, ...overrides };
}

/** A backend in memory; `failWith` makes writes fail. */
function memoryBackend(name = 'memory') {
  const backend = {
    name,
    value: undefined as unknown,
    writes: 0,
    failWith: null as Error | null,
    read: () => Promise.resolve(backend.value),
    write: (r: SessionRecord) => {
      if (backend.failWith) return Promise.reject(backend.failWith);
      backend.writes++;
      // What IndexedDB does: a structured clone.
      backend.value = structuredClone(r);
      return Promise.resolve();
    },
    clear: () => {
      backend.value = undefined;
      return Promise.resolve();
    },
  };
  return backend satisfies SessionBackend;
}

/** A Storage with a size limit, like localStorage's quota. */
function fakeStorage(limit = Infinity): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => {
      if (value.length > limit) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      map.set(key, value);
    },
  };
}

describe('session records', () => {
  it('keeps the document exactly: key order, unknown keys, numeric strings', () => {
    const state = sessionState();
    const saved = toSessionRecord(state, new Date('2026-03-04T10:20:00Z'));
    expect(saved).toMatchObject({ format: SESSION_FORMAT, fileName: 'ivr.json', profile: 'official' });
    expect(saved?.savedAt).toBe('2026-03-04T10:20:00.000Z');
    // No copy is made: what is stored is the document itself (IndexedDB clones it; localStorage stringifies it).
    expect(saved?.definition).toBe(state.definition);

    const roundTrip = parseSessionRecord(JSON.parse(JSON.stringify(saved)));
    expect(roundTrip.ok).toBe(true);
    if (!roundTrip.ok) return;
    expect(JSON.stringify(roundTrip.session.definition)).toBe(JSON.stringify(state.definition));
    expect(Object.keys(roundTrip.session.definition.states[1]?.properties ?? {})).toEqual([
      'body',
      'offset',
      'unknown_key',
    ]);
    expect(roundTrip.session.source).toEqual(state.source);
  });

  it('is not written when no flow is open', () => {
    expect(toSessionRecord(sessionState({ definition: null }), new Date())).toBeNull();
  });

  it('survives a structured clone with revisions that share the open definition', () => {
    const open = definition('Revision 2');
    const revisions = [
      {
        definition: definition('Revision 3'),
        source: { kind: 'revision' as const, label: 'Revision 3', revision: 3 },
      },
      { definition: open, source: { kind: 'revision' as const, label: 'Revision 2', revision: 2 } },
    ];
    const saved = toSessionRecord(sessionState({ definition: open, revisions }), new Date());
    const parsed = parseSessionRecord(structuredClone(saved));
    expect(parsed.ok && parsed.session.revisions.map((r) => r.source.label)).toEqual([
      'Revision 3',
      'Revision 2',
    ]);
  });

  it.each([
    ['not an object', 'a string', /not an object/],
    ['another format', { ...record(), format: 99 }, /format 99/],
    ['no definition', { ...record(), definition: undefined }, /not an object/],
    ['states not a list', { ...record(), definition: { initial_state: 'x', states: {} } }, /no states/],
    [
      'a widget without transitions',
      {
        ...record(),
        definition: { initial_state: 'T', states: [{ name: 'T', type: 'trigger', properties: {} }] },
      },
      /widget 0 is damaged/,
    ],
    ['no date', { ...record(), savedAt: 5 }, /no date/],
  ])('rejects a damaged record: %s', (_label, value, reason) => {
    const parsed = parseSessionRecord(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  it('repairs what only loses context: profile, source, file name, bad revisions', () => {
    const parsed = parseSessionRecord({
      ...record(),
      profile: 'strict',
      source: { kind: 'nonsense' },
      fileName: 42,
      revisions: [
        null,
        { definition: definition(), source: { kind: 'revision', label: 'Revision 1' } },
        { x: 1 },
      ],
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.session.profile).toBe('studio');
    expect(parsed.session.source).toBeNull();
    expect(parsed.session.fileName).toBeNull();
    expect(parsed.session.revisions).toHaveLength(1);
  });

  it('picks the newest valid record, and reports damage only when nothing valid is left', () => {
    const older = record({ savedAt: '2026-03-04T09:00:00.000Z', fileName: 'older.json' });
    const newer = record({ savedAt: '2026-03-04T11:00:00.000Z', fileName: 'newer.json' });
    const latest = pickLatestSession([older, 'junk', newer]);
    expect(latest.kind === 'found' && latest.session.fileName).toBe('newer.json');
    expect(pickLatestSession([]).kind).toBe('none');
    expect(pickLatestSession(['junk'])).toEqual({
      kind: 'damaged',
      reason: 'the saved record is not an object',
    });
  });

  it('formats the save time as HH:MM, with the date when it was not today', () => {
    const now = new Date(2026, 2, 4, 18, 0);
    expect(formatSavedAt(new Date(2026, 2, 4, 9, 5).toISOString(), now)).toBe('09:05');
    expect(formatSavedAt(new Date(2026, 2, 1, 23, 59).toISOString(), now)).toBe('2026-03-01 23:59');
    expect(formatSavedAt('yesterday', now)).toBeNull();
  });

  it('says why a save failed in words', () => {
    expect(describeSaveError(new DOMException('full', 'QuotaExceededError'))).toMatch(/storage .* is full/);
    expect(describeSaveError(new Error('disk on fire'))).toBe('disk on fire');
  });

  it('tells document changes from other changes by identity', () => {
    const state = sessionState();
    expect(documentChanged(state, { ...state })).toBe(false);
    expect(documentChanged({ ...state, definition: definition() }, state)).toBe(true);
    expect(documentChanged({ ...state, profile: 'studio' }, state)).toBe(true);
  });
});

describe('session storage', () => {
  it('localStorage keeps the record as JSON and reads damaged text as a damaged record', async () => {
    const storage = fakeStorage();
    const backend = localStorageBackend(storage);
    await backend.write(record());
    expect(JSON.parse(storage.getItem(LOCAL_STORAGE_KEY) ?? '')).toEqual(
      JSON.parse(JSON.stringify(record())),
    );
    expect(parseSessionRecord(await backend.read()).ok).toBe(true);

    storage.setItem(LOCAL_STORAGE_KEY, '{"format": 1, "defin');
    expect(parseSessionRecord(await backend.read()).ok).toBe(false);
    await backend.clear();
    expect(await backend.read()).toBeUndefined();
  });

  it('falls back to the next backend when a write fails, and clears the stale copy elsewhere', async () => {
    const primary = memoryBackend('primary');
    const local = localStorageBackend(fakeStorage());
    const storage = createSessionStorage([primary, local]);

    await storage.write(record({ fileName: 'first.json' }));
    expect(primary.writes).toBe(1);

    primary.failWith = new DOMException('full', 'QuotaExceededError');
    await storage.write(record({ fileName: 'second.json', savedAt: '2026-03-04T12:00:00.000Z' }));
    // The primary still holds the older copy; the newest wins on reading.
    const latest = pickLatestSession(await storage.readAll());
    expect(latest.kind === 'found' && latest.session.fileName).toBe('second.json');

    primary.failWith = null;
    await storage.write(record({ fileName: 'third.json', savedAt: '2026-03-04T13:00:00.000Z' }));
    expect(await local.read()).toBeUndefined();
  });

  it('rejects with the last error when no backend accepts the write', async () => {
    const tiny = createSessionStorage([localStorageBackend(fakeStorage(10))]);
    await expect(tiny.write(record())).rejects.toThrow('quota');
    await expect(createSessionStorage([]).write(record())).rejects.toThrow('does not allow');
  });

  it('a backend that cannot be read counts as empty', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const broken: SessionBackend = {
      name: 'broken',
      read: () => Promise.reject(new Error('nope')),
      write: () => Promise.resolve(),
      clear: () => Promise.resolve(),
    };
    expect(await createSessionStorage([broken]).readAll()).toEqual([]);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});

describe('save scheduler', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  function setup(options: { failing?: boolean; saveMs?: number } = {}) {
    const saves: number[] = [];
    let version = 0;
    let fail = options.failing ?? false;
    const scheduler = createSaveScheduler({
      delayMs: 250,
      maxWaitMs: 2000,
      save: async () => {
        const saving = version;
        if (options.saveMs) await new Promise((resolve) => setTimeout(resolve, options.saveMs));
        if (fail) throw new DOMException('full', 'QuotaExceededError');
        saves.push(saving);
      },
    });
    const change = () => {
      version++;
      scheduler.schedule();
    };
    return { scheduler, saves, change, setFailing: (value: boolean) => (fail = value) };
  }

  it('writes a burst of changes once, with the latest state, after the document is quiet', async () => {
    const { scheduler, saves, change } = setup();
    for (let i = 0; i < 10; i++) {
      change();
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(saves).toEqual([]);
    expect(scheduler.isDirty()).toBe(true);
    expect(scheduler.status().phase).toBe('pending');

    await vi.advanceTimersByTimeAsync(250);
    expect(saves).toEqual([10]);
    expect(scheduler.isDirty()).toBe(false);
    expect(scheduler.status()).toEqual({ phase: 'idle', error: null });
  });

  it('writes at least every maxWait during a long stream of edits', async () => {
    const { saves, change } = setup();
    for (let i = 0; i < 60; i++) {
      change();
      await vi.advanceTimersByTimeAsync(100);
    }
    // 6 s of edits every 100 ms: never quiet for 250 ms, still written about every 2 s.
    expect(saves.length).toBeGreaterThanOrEqual(2);
    expect(saves.length).toBeLessThanOrEqual(3);
  });

  it('never writes twice at once: changes during a write are written together after it', async () => {
    const { scheduler, saves, change } = setup({ saveMs: 1000 });
    change();
    await vi.advanceTimersByTimeAsync(250); // write of version 1 starts
    expect(scheduler.status().phase).toBe('saving');
    change();
    change();
    await vi.advanceTimersByTimeAsync(500);
    expect(saves).toEqual([]);
    await vi.advanceTimersByTimeAsync(500); // first write ends
    expect(saves).toEqual([1]);
    expect(scheduler.isDirty()).toBe(true);
    await vi.advanceTimersByTimeAsync(250 + 1000);
    expect(saves).toEqual([1, 3]);
    expect(scheduler.isDirty()).toBe(false);
  });

  it('keeps a failure as dirty and retries on the next change', async () => {
    const { scheduler, saves, change, setFailing } = setup({ failing: true });
    change();
    await vi.advanceTimersByTimeAsync(250);
    expect(saves).toEqual([]);
    expect(scheduler.isDirty()).toBe(true);
    expect(scheduler.status().phase).toBe('idle');
    expect(scheduler.status().error).toBeInstanceOf(DOMException);

    setFailing(false);
    change();
    await vi.advanceTimersByTimeAsync(250);
    expect(saves).toEqual([2]);
    expect(scheduler.status()).toEqual({ phase: 'idle', error: null });
  });

  it('flush writes at once, retries a failure, and does nothing when all is saved', async () => {
    const { scheduler, saves, change, setFailing } = setup({ failing: true });
    change();
    await scheduler.flush();
    expect(scheduler.status().error).not.toBeNull();
    setFailing(false);
    await scheduler.flush();
    expect(saves).toEqual([1]);
    await scheduler.flush();
    expect(saves).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(saves).toEqual([1]);
  });

  it('stops after dispose', async () => {
    const { scheduler, saves, change } = setup();
    change();
    scheduler.dispose();
    await vi.advanceTimersByTimeAsync(5000);
    expect(saves).toEqual([]);
  });
});

describe('autosave and restore over the editor store', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('saves after document changes only, and restores the document as it was', async () => {
    const store = createEditorStore();
    const backend = memoryBackend();
    const storage = createSessionStorage([backend]);
    const autosave = startAutosave(store, storage, { clock: () => new Date('2026-03-04T10:20:00Z') });

    store.getState().openDialog('import');
    store.getState().closeDialog();
    await vi.advanceTimersByTimeAsync(1000);
    expect(backend.writes).toBe(0);

    store.getState().createNewFlow();
    store.getState().setProfile('official');
    expect(autosave.scheduler.isDirty()).toBe(true);
    await vi.advanceTimersByTimeAsync(250);
    expect(backend.writes).toBe(1);
    expect(autosave.scheduler.isDirty()).toBe(false);
    autosave.dispose();

    const restored = createEditorStore();
    const outcome = await restoreLastSession(restored, storage);
    expect(outcome).toEqual({ kind: 'restored', savedAt: '2026-03-04T10:20:00.000Z' });
    const state = restored.getState();
    expect(state.definition).toEqual(store.getState().definition);
    expect(state.source?.label).toBe('New flow');
    expect(state.profile).toBe('official');
    expect(state.canUndo).toBe(false);
  });

  it('ignores a damaged record with a warning, and yields to a flow opened meanwhile', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const store = createEditorStore();
    const damaged = await restoreLastSession(store, { readAll: () => Promise.resolve([{ format: 1 }]) });
    expect(damaged.kind).toBe('damaged');
    expect(warn).toHaveBeenCalled();
    expect(store.getState().definition).toBeNull();
    warn.mockRestore();

    const valid = record();
    const superseded = await restoreLastSession(store, {
      readAll: () => {
        store.getState().createNewFlow(); // the user was quicker than storage
        return Promise.resolve([valid]);
      },
    });
    expect(superseded.kind).toBe('superseded');
    expect(store.getState().source?.label).toBe('New flow');
  });

  it('works with any store that has the document fields', async () => {
    const store = createStore<SessionState>()(() => sessionState());
    const backend = memoryBackend();
    const autosave = startAutosave(store as never, createSessionStorage([backend]));
    store.setState({ fileName: 'renamed.json' });
    store.setState({ fileName: 'renamed-again.json' });
    await vi.advanceTimersByTimeAsync(250);
    expect(backend.writes).toBe(1);
    expect((backend.value as SessionRecord).fileName).toBe('renamed-again.json');
    autosave.dispose();
  });
});
