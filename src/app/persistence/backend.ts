/**
 * Where records are kept: the interface both backends implement (IndexedDB, ./indexedDb.ts, and the localStorage
 * fallback here), each with compare-and-set writes.
 */
import { FORMAT, formatOf, mayReplace, nextStamp, stampOf, type Stamp, type StoredRecord } from './records';

/** Which stored value: a document by id, or a record kept aside (backend-specific key, as text). */
export type RecordWhere = { kind: 'document'; id: string } | { kind: 'quarantine'; key: string };

/** One stored value as listed: its header only (for a document, everything but the widgets in IndexedDB). */
export interface ListedRecord {
  where: RecordWhere;
  backend: string;
  header: unknown;
}

/**
 * A document read back (any format, not yet checked), or why its stored layout cannot be put together.
 * `recovered`: a write-ahead entry was applied (an edit whose write the page did not live to finish): the
 * document is newer than its stored record and should be written again.
 */
export type ReadValue = { ok: true; value: unknown; recovered?: boolean } | { ok: false; reason: string };

export interface WriteRequest {
  id: string;
  writer: string;
  /** The stamp this tab last read or wrote; null to create a document that must not exist yet. */
  expected: Stamp | null;
  /** The record to store under the stamp the write gets (built only once the write is allowed). */
  record: (stamp: Stamp) => StoredRecord;
}

/** A write-ahead of the next write (see layout.ts `WriteAheadEntry`): based on the stamp the tab expects. */
export interface WriteAheadRequest {
  id: string;
  writer: string;
  base: Stamp;
  record: (stamp: Stamp) => StoredRecord;
}

export type WriteOutcome =
  | { ok: true; stamp: Stamp }
  /** Refused: what is stored is newer than what this tab knows, or cannot be read here (a newer format). */
  | { ok: false; current: Stamp | undefined; newerFormat: boolean };

/** A record that cannot be read, kept as it was found. */
export interface QuarantineEntry {
  keptAt: string;
  /** Where it was found, in words ("IndexedDB session/current"). */
  origin: string;
  reason: string;
  value: unknown;
}

export interface LegacyMigration {
  /** Documents made from format-1 records, with their save date. */
  migrated: { id: string; savedAt: string }[];
  /** Format-1 records that could not be read, now kept aside. */
  keptAside: { where: RecordWhere; reason: string; newer: boolean }[];
}

export interface DocumentBackend {
  readonly name: string;
  list: () => Promise<ListedRecord[]>;
  read: (id: string) => Promise<ReadValue | undefined>;
  /** The stamp of a stored document, if any (cheap: the header only). */
  stamp: (id: string) => Promise<Stamp | undefined>;
  write: (request: WriteRequest) => Promise<WriteOutcome>;
  /**
   * Stores a write-ahead entry and commits it at once, synchronously (no answer awaited); false when this backend
   * cannot (no basis to diff against, no support): the compare-and-set write that follows is then all there is.
   */
  writeAhead?: (request: WriteAheadRequest) => boolean;
  /** Deletes a document (only if it is still at `expected`, when given) or a kept-aside record. */
  remove: (where: RecordWhere, expected: Stamp | null) => Promise<boolean>;
  /** Everything stored for a record, as found, for download. */
  raw: (where: RecordWhere) => Promise<unknown>;
  keepAside: (entry: QuarantineEntry) => Promise<RecordWhere>;
  close: () => void;
}

export const LOCAL_PREFIX = 'studio-flow-editor:';
/** Format 1's single record in localStorage. */
export const LEGACY_LOCAL_KEY = 'studio-flow-editor:current';
const DOC_PREFIX = `${LOCAL_PREFIX}doc:`;
const QUARANTINE_PREFIX = `${LOCAL_PREFIX}quarantine:`;

/** A compare-and-set decision over a stored value of any format. */
export function decideWrite(
  current: unknown,
  expected: Stamp | null,
  writer: string,
):
  | { ok: true; stamp: Stamp; current: Stamp | undefined }
  | { ok: false; current: Stamp | undefined; newerFormat: boolean } {
  if (current === undefined)
    return { ok: true, stamp: nextStamp(undefined, expected, writer), current: undefined };
  const stamp = stampOf(current);
  const format = formatOf(current);
  // A record this version cannot read (newer, or without a stamp) is never replaced: it is someone's work.
  if (!stamp || format === null || format > FORMAT) {
    return { ok: false, current: stamp, newerFormat: format !== null && format > FORMAT };
  }
  if (!mayReplace(stamp, expected)) return { ok: false, current: stamp, newerFormat: false };
  return { ok: true, stamp: nextStamp(stamp, expected, writer), current: stamp };
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * The fallback: each document as JSON text under `studio-flow-editor:doc:<id>` (about 5 MB per site, so large
 * flows may not fit). Read, compare and write happen in one synchronous run of script, which no other script of
 * this page can interleave; across tabs localStorage offers no transaction, so a race of two tabs within the same
 * moment is not excluded here (the Web Locks in ./tabs.ts keep a document to one tab where they exist).
 */
export function localStorageBackend(storage: Storage): DocumentBackend & {
  readLegacy: () => { value: unknown; text: string } | undefined;
  removeLegacy: () => void;
} {
  const readJson = (key: string): ReadValue | undefined => {
    const text = storage.getItem(key);
    if (text === null) return undefined;
    try {
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch {
      return { ok: false, reason: 'the saved text is not valid JSON' };
    }
  };
  const keyOf = (where: RecordWhere) =>
    where.kind === 'document' ? `${DOC_PREFIX}${where.id}` : `${QUARANTINE_PREFIX}${where.key}`;
  const keys = () => {
    const all: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key !== null) all.push(key);
    }
    return all;
  };
  const current = (id: string): unknown => {
    const read = readJson(keyOf({ kind: 'document', id }));
    if (read === undefined) return undefined;
    // Damaged text is somebody's record too: never replaced (an object without a stamp refuses every write).
    return read.ok ? read.value : { damaged: read.reason };
  };

  return {
    name: 'localStorage',
    list: () => {
      const listed: ListedRecord[] = [];
      for (const key of keys()) {
        let where: RecordWhere | null = null;
        if (key.startsWith(DOC_PREFIX)) where = { kind: 'document', id: key.slice(DOC_PREFIX.length) };
        else if (key.startsWith(QUARANTINE_PREFIX)) {
          where = { kind: 'quarantine', key: key.slice(QUARANTINE_PREFIX.length) };
        }
        if (!where) continue;
        const read = readJson(key);
        if (!read) continue;
        listed.push({
          where,
          backend: 'localStorage',
          header: read.ok ? read.value : { damaged: read.reason },
        });
      }
      return Promise.resolve(listed);
    },
    read: (id) => Promise.resolve(readJson(keyOf({ kind: 'document', id }))),
    stamp: (id) => Promise.resolve(stampOf(current(id))),
    write: ({ id, writer, expected, record }) => {
      try {
        const decision = decideWrite(current(id), expected, writer);
        if (!decision.ok) return Promise.resolve(decision);
        storage.setItem(keyOf({ kind: 'document', id }), JSON.stringify(record(decision.stamp)));
        return Promise.resolve({ ok: true as const, stamp: decision.stamp });
      } catch (error) {
        return Promise.reject(toError(error));
      }
    },
    remove: (where, expected) => {
      if (where.kind === 'document' && expected !== null) {
        const stamp = stampOf(current(where.id));
        if (stamp && !mayReplace(stamp, expected)) return Promise.resolve(false);
      }
      storage.removeItem(keyOf(where));
      return Promise.resolve(true);
    },
    raw: (where) => {
      const text = storage.getItem(keyOf(where));
      if (text === null) return Promise.resolve(undefined);
      try {
        return Promise.resolve(JSON.parse(text) as unknown);
      } catch {
        return Promise.resolve({ unparsableText: text });
      }
    },
    keepAside: (entry) => {
      try {
        const key = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
        storage.setItem(`${QUARANTINE_PREFIX}${key}`, JSON.stringify(entry));
        return Promise.resolve({ kind: 'quarantine' as const, key });
      } catch (error) {
        return Promise.reject(toError(error));
      }
    },
    close: () => undefined,
    readLegacy: () => {
      const text = storage.getItem(LEGACY_LOCAL_KEY);
      if (text === null) return undefined;
      try {
        return { value: JSON.parse(text) as unknown, text };
      } catch {
        return { value: { unparsableText: text }, text };
      }
    },
    removeLegacy: () => storage.removeItem(LEGACY_LOCAL_KEY),
  };
}

/** The browser's localStorage, or null where reading it throws (blocked storage, some privacy settings). */
export function browserLocalStorage(): Storage | null {
  try {
    const storage = globalThis.localStorage as Storage | undefined;
    return storage ?? null;
  } catch {
    return null;
  }
}
