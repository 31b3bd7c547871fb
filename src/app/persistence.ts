/**
 * Local persistence of the open document: saved in this browser after every change, restored on reload.
 *
 * - What is saved is a `SavedSession` (the definition, where it came from, the file name, the revisions of a
 *   list import, the validation profile and the Flows API publish settings: friendly name, status, commit message)
 *   plus a format number. Selection, undo history and dialogs are not. Nothing here knows of credentials (a flow
 *   definition holds none, nor do the publish settings), and nothing leaves the browser.
 * - Where: IndexedDB (database `studio-flow-editor`, object store `session`, key `current`), which clones the
 *   definition object as it is (no JSON text is built); localStorage under `studio-flow-editor:current` when
 *   IndexedDB cannot be opened (some private modes) or refuses a write.
 * - When: `createSaveScheduler` debounces and coalesces: a burst of edits writes once, a save never overlaps
 *   another, a failed save keeps the document "dirty" (the page warns before leaving) and is retried on the next
 *   change. The in-memory document is never touched by saving or by a failure to save.
 * - A saved record that is damaged or from another format is ignored with a console warning, never a crash.
 *
 * The React side (restoring before the empty state shows, the status message, `beforeunload`) is
 * usePersistence.ts; everything here is plain TypeScript over injectable storage and timers, for unit tests.
 */
import type { FlowDefinition } from '../model/types';
import type { FlowSourceInfo, ParsedFlow, SourceKind } from '../io';
import type { EditorState, EditorStore, Profile, SavedSession } from '../store/editorStore';
import { parsePublishSettings } from '../store/publishSettings';

export type { SavedSession };

/** Bumped when the saved shape changes incompatibly; records of another format are ignored. */
export const SESSION_FORMAT = 1;
export const DB_NAME = 'studio-flow-editor';
export const DB_STORE = 'session';
export const DB_KEY = 'current';
export const LOCAL_STORAGE_KEY = 'studio-flow-editor:current';

/** How long the document must stay unchanged before it is written, and how long a stream of edits may delay it. */
export const SAVE_DELAY_MS = 250;
export const SAVE_MAX_WAIT_MS = 2000;

/** What is written: the session and the format it was written in. */
export interface SessionRecord extends SavedSession {
  format: typeof SESSION_FORMAT;
}

/** The state fields whose change means "the document changed: save it". */
export const SAVED_FIELDS = ['definition', 'source', 'fileName', 'revisions', 'profile', 'publish'] as const;

/** The saved fields; `publish` may be missing (it is then derived from the source when the session is restored). */
export type SessionState = Pick<EditorState, Exclude<(typeof SAVED_FIELDS)[number], 'publish'>> &
  Partial<Pick<EditorState, 'publish'>>;

export function documentChanged(state: SessionState, previous: SessionState): boolean {
  return SAVED_FIELDS.some((field) => state[field] !== previous[field]);
}

// ---------------------------------------------------------------------------------------------------------------
// Serialisation
// ---------------------------------------------------------------------------------------------------------------

/** The record to write for the current state, or null when no flow is open (nothing to keep). */
export function toSessionRecord(state: SessionState, now: Date): SessionRecord | null {
  if (!state.definition) return null;
  return {
    format: SESSION_FORMAT,
    definition: state.definition,
    source: state.source,
    fileName: state.fileName,
    revisions: state.revisions,
    profile: state.profile,
    ...(state.publish ? { publish: state.publish } : {}),
    savedAt: now.toISOString(),
  };
}

export type ParsedRecord = { ok: true; session: SavedSession } | { ok: false; reason: string };

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const SOURCE_KINDS: readonly SourceKind[] = ['definition', 'flow', 'revision', 'flow-list', 'revision-list'];
const PROFILES: readonly Profile[] = ['studio', 'official'];

/**
 * Whether a value has the shape every view relies on: widgets with a name, a type, transitions with an event and
 * properties. Not validation (that is the validator's job on whatever the user had): only "safe to open".
 */
function definitionProblem(value: unknown): string | null {
  if (!isObject(value)) return 'the definition is not an object';
  if (typeof value.initial_state !== 'string') return 'the definition has no initial_state';
  if (!Array.isArray(value.states)) return 'the definition has no states';
  for (const [i, widget] of value.states.entries()) {
    if (
      !isObject(widget) ||
      typeof widget.name !== 'string' ||
      typeof widget.type !== 'string' ||
      !isObject(widget.properties) ||
      !Array.isArray(widget.transitions) ||
      !widget.transitions.every((t) => isObject(t) && typeof t.event === 'string')
    ) {
      return `widget ${i} is damaged`;
    }
  }
  return null;
}

function parseSource(value: unknown): FlowSourceInfo | null {
  if (!isObject(value)) return null;
  const { kind, label } = value;
  if (typeof label !== 'string' || !SOURCE_KINDS.some((k) => k === kind)) return null;
  return value as unknown as FlowSourceInfo;
}

/**
 * Reads a stored value back into a session. Damage that only loses context (an unknown profile, an unreadable
 * source or revision entry) is repaired; a missing or damaged definition or an unknown format rejects the record.
 */
export function parseSessionRecord(value: unknown): ParsedRecord {
  if (!isObject(value)) return { ok: false, reason: 'the saved record is not an object' };
  if (value.format !== SESSION_FORMAT) {
    return {
      ok: false,
      reason: `the saved record has format ${String(value.format)}, not ${SESSION_FORMAT}`,
    };
  }
  const problem = definitionProblem(value.definition);
  if (problem) return { ok: false, reason: problem };
  if (typeof value.savedAt !== 'string') return { ok: false, reason: 'the saved record has no date' };

  const revisions: ParsedFlow[] = [];
  if (Array.isArray(value.revisions)) {
    for (const entry of value.revisions) {
      if (!isObject(entry) || definitionProblem(entry.definition)) continue;
      const source = parseSource(entry.source);
      if (source) revisions.push({ definition: entry.definition as FlowDefinition, source });
    }
  }
  const profile = PROFILES.find((p) => p === value.profile) ?? 'studio';
  const publish = parsePublishSettings(value.publish);
  return {
    ok: true,
    session: {
      definition: value.definition as FlowDefinition,
      source: parseSource(value.source),
      fileName: typeof value.fileName === 'string' ? value.fileName : null,
      revisions,
      profile,
      ...(publish ? { publish } : {}),
      savedAt: value.savedAt,
    },
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `14:05` for a save today, `2024-05-03 14:05` for an older one (local time); null for an unreadable date. */
export function formatSavedAt(savedAt: string, now: Date): string | null {
  const date = new Date(savedAt);
  if (Number.isNaN(date.getTime())) return null;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  const sameDay =
    date.getFullYear() === now.getFullYear() &&
    date.getMonth() === now.getMonth() &&
    date.getDate() === now.getDate();
  return sameDay ? time : `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${time}`;
}

/** A save failure in words, e.g. "the browser's storage for this page is full". */
export function describeSaveError(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'QuotaExceededError') return 'the browser’s storage for this page is full';
  if (error instanceof StorageUnavailableError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return message || 'the browser refused to store it';
}

// ---------------------------------------------------------------------------------------------------------------
// Storage
// ---------------------------------------------------------------------------------------------------------------

/** One place a session record can be kept. */
export interface SessionBackend {
  readonly name: string;
  /** The stored value, unchecked; undefined when nothing is stored. */
  read: () => Promise<unknown>;
  write: (record: SessionRecord) => Promise<void>;
  clear: () => Promise<void>;
  close?: () => void;
}

export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError';
}

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function transactionDone(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    // A quota error aborts the transaction: its `error` says why.
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
  });
}

/** Opens the IndexedDB database; rejects where IndexedDB is missing or refuses (some private modes). */
export async function openIndexedDbBackend(factory: IDBFactory | undefined): Promise<SessionBackend> {
  if (!factory) throw new StorageUnavailableError('IndexedDB is not available');
  const open = (version?: number) => {
    const request = factory.open(DB_NAME, version);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(DB_STORE)) request.result.createObjectStore(DB_STORE);
    };
    return requestResult(request);
  };
  let db = await open();
  if (!db.objectStoreNames.contains(DB_STORE)) {
    // The database exists without our store (made by hand, or by a tool opening it without a version): add it.
    const version = db.version + 1;
    db.close();
    db = await open(version);
  }
  // Another tab upgrading the database (a newer version of the editor) must not be blocked by this one.
  db.onversionchange = () => db.close();

  const run = async <T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>) => {
    const transaction = db.transaction(DB_STORE, mode);
    const result = requestResult(act(transaction.objectStore(DB_STORE)));
    await transactionDone(transaction);
    return result;
  };
  return {
    name: 'IndexedDB',
    read: () => run('readonly', (store) => store.get(DB_KEY)),
    // `put` clones the record (structured clone): the in-memory document is neither copied to text nor touched.
    write: async (record) => {
      await run('readwrite', (store) => store.put(record, DB_KEY));
    },
    clear: async () => {
      await run('readwrite', (store) => store.delete(DB_KEY));
    },
    close: () => db.close(),
  };
}

/** The fallback: the record as JSON text in localStorage (about 5 MB per site, so large flows may not fit). */
export function localStorageBackend(storage: Storage): SessionBackend {
  return {
    name: 'localStorage',
    read: () => {
      const text = storage.getItem(LOCAL_STORAGE_KEY);
      if (text === null) return Promise.resolve(undefined);
      try {
        return Promise.resolve(JSON.parse(text) as unknown);
      } catch {
        return Promise.resolve({ damaged: 'the saved text is not valid JSON' });
      }
    },
    write: (record) => {
      try {
        storage.setItem(LOCAL_STORAGE_KEY, JSON.stringify(record));
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
    clear: () => {
      storage.removeItem(LOCAL_STORAGE_KEY);
      return Promise.resolve();
    },
  };
}

/**
 * Several backends in order of preference. A write goes to the first that accepts it and then removes the
 * record from the others (best effort), so an older copy never shadows a newer one; a read returns every stored
 * value, and `readLatestSession` picks the newest valid one.
 */
export interface SessionStorage {
  readonly backends: readonly SessionBackend[];
  readAll: () => Promise<unknown[]>;
  write: (record: SessionRecord) => Promise<void>;
  clear: () => Promise<void>;
  close: () => void;
}

export function createSessionStorage(backends: readonly SessionBackend[]): SessionStorage {
  return {
    backends,
    readAll: async () => {
      const values = await Promise.all(
        backends.map((backend) =>
          backend.read().catch((error: unknown) => {
            console.warn(`Could not read the saved session from ${backend.name}:`, error);
            return undefined;
          }),
        ),
      );
      return values.filter((value) => value !== undefined);
    },
    write: async (record) => {
      if (backends.length === 0) throw new StorageUnavailableError('this browser does not allow storing it');
      let lastError: unknown = null;
      for (const [i, backend] of backends.entries()) {
        try {
          await backend.write(record);
        } catch (error) {
          lastError = error;
          continue;
        }
        await Promise.all(
          backends.filter((_, j) => j !== i).map((other) => other.clear().catch(() => undefined)),
        );
        return;
      }
      throw lastError;
    },
    clear: async () => {
      await Promise.all(backends.map((backend) => backend.clear().catch(() => undefined)));
    },
    close: () => {
      for (const backend of backends) backend.close?.();
    },
  };
}

function browserLocalStorage(): Storage | null {
  try {
    // Reading the property itself throws where storage is blocked (e.g. third-party frames, some settings).
    const storage = globalThis.localStorage as Storage | undefined;
    return storage ?? null;
  } catch {
    return null;
  }
}

/** IndexedDB and localStorage, as far as this browser allows them. */
export async function openBrowserSessionStorage(): Promise<SessionStorage> {
  const backends: SessionBackend[] = [];
  try {
    backends.push(await openIndexedDbBackend('indexedDB' in globalThis ? globalThis.indexedDB : undefined));
  } catch (error) {
    console.warn('IndexedDB is not available; the session is saved in localStorage instead.', error);
  }
  const storage = browserLocalStorage();
  if (storage) backends.push(localStorageBackend(storage));
  return createSessionStorage(backends);
}

export type ReadOutcome =
  { kind: 'none' } | { kind: 'found'; session: SavedSession } | { kind: 'damaged'; reason: string };

/** The newest valid saved session; a damaged record is reported only when there is no valid one. */
export function pickLatestSession(values: readonly unknown[]): ReadOutcome {
  let best: SavedSession | null = null;
  let damaged: string | null = null;
  for (const value of values) {
    const parsed = parseSessionRecord(value);
    if (!parsed.ok) {
      damaged ??= parsed.reason;
      continue;
    }
    if (!best || Date.parse(parsed.session.savedAt) > Date.parse(best.savedAt)) best = parsed.session;
  }
  if (best) return { kind: 'found', session: best };
  return damaged ? { kind: 'damaged', reason: damaged } : { kind: 'none' };
}

// ---------------------------------------------------------------------------------------------------------------
// Scheduling
// ---------------------------------------------------------------------------------------------------------------

export interface Timers {
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  now: () => number;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export interface SaveStatus {
  /** `pending`: a change waits for its write; `saving`: a write is under way. */
  phase: 'idle' | 'pending' | 'saving';
  /** The last write's failure, until a write succeeds. */
  error: unknown;
}

export interface SaveScheduler {
  /** Something changed: write (the latest state) once things have been quiet for a moment. */
  schedule: () => void;
  /** Write now if anything is unsaved; resolves once nothing is being written. */
  flush: () => Promise<void>;
  status: () => SaveStatus;
  /** A change is waiting, being written, or could not be written. */
  isDirty: () => boolean;
  dispose: () => void;
}

export interface SaveSchedulerOptions {
  /** Writes the current state; reads it when called, so coalesced changes are written as one. */
  save: () => Promise<void>;
  onStatus?: (status: SaveStatus) => void;
  delayMs?: number;
  maxWaitMs?: number;
  timers?: Timers;
}

/**
 * Trailing debounce with a maximum wait, and never two writes at once: changes during a write are written
 * after it, together. A failed write is kept as `error` (dirty) and retried on the next change or flush.
 */
export function createSaveScheduler({
  save,
  onStatus,
  delayMs = SAVE_DELAY_MS,
  maxWaitMs = SAVE_MAX_WAIT_MS,
  timers = realTimers,
}: SaveSchedulerOptions): SaveScheduler {
  let changed = false;
  let firstChangeAt = 0;
  let timer: unknown = null;
  let saving: Promise<void> | null = null;
  let error: unknown = null;
  let disposed = false;
  // Read through a function: both change while a write is awaited, which flow analysis cannot see.
  const hasChanges = () => changed;

  const status = (): SaveStatus => ({
    phase: saving ? 'saving' : changed ? 'pending' : 'idle',
    error,
  });
  const notify = () => onStatus?.(status());

  const cancelTimer = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };

  const arm = () => {
    cancelTimer();
    if (disposed) return;
    const wait = Math.max(0, Math.min(delayMs, firstChangeAt + maxWaitMs - timers.now()));
    timer = timers.setTimeout(() => {
      timer = null;
      void run();
    }, wait);
  };

  const run = async (): Promise<void> => {
    if (saving) return saving; // the changes are written when this write ends
    if (!changed || disposed) return;
    cancelTimer();
    changed = false;
    saving = (async () => {
      try {
        await save();
        error = null;
      } catch (cause) {
        error = cause;
      }
    })();
    notify();
    await saving;
    saving = null;
    if (hasChanges()) {
      // Edited while writing: write again, counting the wait from now.
      firstChangeAt = timers.now();
      arm();
    }
    notify();
  };

  return {
    schedule: () => {
      if (disposed) return;
      if (!changed) firstChangeAt = timers.now();
      const wasChanged = changed;
      changed = true;
      if (!saving) arm();
      if (!wasChanged) notify();
    },
    flush: async () => {
      cancelTimer();
      if (saving) await saving;
      // A change made during that write, or a failure to retry.
      if (error !== null && !changed) changed = true;
      await run();
    },
    status,
    isDirty: () => changed || saving !== null || error !== null,
    dispose: () => {
      disposed = true;
      cancelTimer();
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Autosave and restore over an editor store
// ---------------------------------------------------------------------------------------------------------------

export interface Autosave {
  scheduler: SaveScheduler;
  /** Stops listening; an unsaved change stays unsaved (call `scheduler.flush()` first to write it). */
  dispose: () => void;
}

/** Writes the document after every change of the store's document fields (never on selection, dialogs...). */
export function startAutosave(
  store: Pick<EditorStore, 'getState' | 'subscribe'>,
  storage: Pick<SessionStorage, 'write' | 'clear'>,
  options: Omit<SaveSchedulerOptions, 'save'> & { clock?: () => Date } = {},
): Autosave {
  const clock = options.clock ?? (() => new Date());
  const scheduler = createSaveScheduler({
    ...options,
    save: async () => {
      const record = toSessionRecord(store.getState(), clock());
      await (record ? storage.write(record) : storage.clear());
    },
  });
  const unsubscribe = store.subscribe((state, previous) => {
    if (documentChanged(state, previous)) scheduler.schedule();
  });
  return {
    scheduler,
    dispose: () => {
      unsubscribe();
      scheduler.dispose();
    },
  };
}

export type RestoreOutcome =
  | { kind: 'none' }
  | { kind: 'restored'; savedAt: string }
  | { kind: 'damaged'; reason: string }
  /** The user opened a flow while the saved one was being read: theirs wins. */
  | { kind: 'superseded' };

/** Opens the newest saved session in the store, unless a flow was opened since `documentId` was read. */
export async function restoreLastSession(
  store: Pick<EditorStore, 'getState'>,
  storage: Pick<SessionStorage, 'readAll'>,
): Promise<RestoreOutcome> {
  const documentIdBefore = store.getState().documentId;
  const outcome = pickLatestSession(await storage.readAll());
  if (outcome.kind === 'none') return outcome;
  if (outcome.kind === 'damaged') {
    console.warn(`The saved session was ignored: ${outcome.reason}.`);
    return outcome;
  }
  const state = store.getState();
  if (state.documentId !== documentIdBefore || state.definition) return { kind: 'superseded' };
  try {
    state.restoreSession(outcome.session);
  } catch (error) {
    console.warn('The saved session could not be opened.', error);
    return { kind: 'damaged', reason: error instanceof Error ? error.message : String(error) };
  }
  return { kind: 'restored', savedAt: outcome.session.savedAt };
}
