/**
 * The IndexedDB backend (database `studio-flow-editor`, version 2):
 * - `documents`: one header per document id (./layout.ts), with the stamp that writes compare;
 * - `parts`: the widgets in chunks and the revisions of each document;
 * - `quarantine`: records that could not be read, as they were found (auto-increment keys);
 * - `wal`: write-ahead entries, `[id, writer]` (layout.ts): each edit's write committed before the page
 *   re-renders; applied when a document is read if its compare-and-set write never happened;
 * - `session`: format 1's store, left by older versions; its `current` record is migrated once, then deleted in
 *   the same transaction as the document made from it is written.
 *
 * Every write is one readwrite transaction over `documents` and `parts`: it reads the header, compares its stamp
 * with the one the tab expects, and only then puts the changed chunks and the new header. IndexedDB runs
 * overlapping readwrite transactions one after the other, so no other tab can write between the compare and the
 * set; a refused write aborts, leaving everything as it was.
 */
import type { Widget } from '../../model/types';
import type {
  DocumentBackend,
  LegacyMigration,
  ListedRecord,
  QuarantineEntry,
  ReadValue,
  RecordWhere,
  WriteAheadRequest,
  WriteOutcome,
  WriteRequest,
} from './backend';
import { decideWrite } from './backend';
import {
  CHUNK_SIZE,
  applyWriteAhead,
  assemble,
  chunkChanged,
  chunkCount,
  chunkOf,
  toHeader,
  type IdbHeader,
  type WriteAheadEntry,
} from './layout';
import {
  mayReplace,
  parseRecord,
  stampOf,
  StorageUnavailableError,
  type Stamp,
  type StoredRecord,
} from './records';

export const DB_NAME = 'studio-flow-editor';
export const DB_VERSION = 2;
export const DOCUMENTS = 'documents';
export const PARTS = 'parts';
export const QUARANTINE = 'quarantine';
export const WAL = 'wal';
export const LEGACY_STORE = 'session';
export const LEGACY_KEY = 'current';

const STORES = [DOCUMENTS, PARTS, QUARANTINE, WAL] as const;

/** The most chunks a write-ahead entry holds (about 1,000 widgets, a few milliseconds of cloning). */
const WRITE_AHEAD_MAX_CHUNKS = 16;

/** Every part key of a document: `[id]` sorts before `[id, …]`, and an array after any string or number. */
const partsOf = (id: string) => IDBKeyRange.bound([id], [id, []]);
const chunksOf = (id: string) => IDBKeyRange.bound([id, 'states'], [id, 'states', []]);
const chunksFrom = (id: string, first: number) =>
  IDBKeyRange.bound([id, 'states', first], [id, 'states', []]);

/** A key as text (documents have string keys, kept-aside records numbers). */
function keyText(key: IDBValidKey): string {
  return typeof key === 'string' || typeof key === 'number' ? String(key) : JSON.stringify(key);
}

/** A kept-aside record's key back from its text. */
function quarantineKey(text: string): IDBValidKey {
  const key = Number(text);
  return Number.isFinite(key) ? key : text;
}

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * Resolves when the transaction commits; rejects with why it aborted (a quota error aborts it at commit, a failed
 * request aborts it too: an error event's default action is the abort, which is what keeps a write all-or-nothing).
 */
function transactionDone(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onabort = () =>
      reject(transaction.error ?? new DOMException('Transaction aborted', 'AbortError'));
  });
}

/** What this page last wrote (or read) of a document: the chunks that may be skipped when nothing else wrote. */
interface Written {
  stamp: Stamp;
  states: readonly Widget[];
  revisions: unknown;
}

async function openDatabase(factory: IDBFactory): Promise<IDBDatabase> {
  const open = (version?: number) => {
    const request = factory.open(DB_NAME, version);
    request.onupgradeneeded = () => {
      const db = request.result;
      for (const name of STORES) {
        if (db.objectStoreNames.contains(name)) continue;
        if (name === QUARANTINE) db.createObjectStore(name, { autoIncrement: true });
        else db.createObjectStore(name);
      }
    };
    return requestResult(request);
  };
  // Opened without a version first: a newer editor may have upgraded the database past ours, which is fine as long
  // as our stores are there (its records of a newer format are then kept aside, never rewritten).
  let db = await open();
  if (db.version < DB_VERSION || STORES.some((name) => !db.objectStoreNames.contains(name))) {
    const version = Math.max(DB_VERSION, db.version + 1);
    db.close();
    db = await open(version);
  }
  return db;
}

export async function openIndexedDbBackend(
  factory: IDBFactory | undefined,
): Promise<
  DocumentBackend & { migrateLegacy: (newId: () => string, now: () => Date) => Promise<LegacyMigration> }
> {
  if (!factory) throw new StorageUnavailableError('IndexedDB is not available');
  let db: IDBDatabase | null = await openDatabase(factory);
  // Another tab upgrading the database (a newer version of the editor) must not be blocked by this one; this tab
  // then says that it can no longer save rather than writing into a layout it does not know.
  db.onversionchange = () => {
    db?.close();
    db = null;
  };
  const database = (): IDBDatabase => {
    if (!db) {
      throw new StorageUnavailableError(
        'a newer version of the editor was opened in another tab; reload this page to go on saving',
      );
    }
    return db;
  };
  const written = new Map<string, Written>();

  /** Puts a record's header and parts; only the chunks that differ from `basis` when there is one. */
  const putRecord = (
    documents: IDBObjectStore,
    parts: IDBObjectStore,
    record: StoredRecord,
    basis: Written | null,
  ): Written => {
    const { id } = record;
    const states = record.definition.states;
    const count = chunkCount(states.length);
    for (let i = 0; i < count; i++) {
      if (!basis || chunkChanged(basis.states, states, i)) parts.put(chunkOf(states, i), [id, 'states', i]);
    }
    if (!basis || basis.states.length > states.length) parts.delete(chunksFrom(id, count));
    if (!basis || basis.revisions !== record.revisions) {
      if (record.revisions.length > 0) parts.put(record.revisions, [id, 'revisions']);
      else parts.delete([id, 'revisions']);
    }
    documents.put(toHeader(record), id);
    return {
      stamp: { revision: record.revision, writer: record.writer },
      states,
      revisions: record.revisions,
    };
  };

  const readDocument = async (id: string): Promise<ReadValue | undefined> => {
    const transaction = database().transaction([DOCUMENTS, PARTS, WAL], 'readonly');
    const done = transactionDone(transaction);
    const header = requestResult<unknown>(transaction.objectStore(DOCUMENTS).get(id));
    const chunks = requestResult<unknown[]>(transaction.objectStore(PARTS).getAll(chunksOf(id)));
    const revisions = requestResult<unknown>(transaction.objectStore(PARTS).get([id, 'revisions']));
    const ahead = requestResult<unknown[]>(transaction.objectStore(WAL).getAll(partsOf(id)));
    await done;
    const stored: unknown = await header;
    if (stored === undefined) return undefined;
    const storedChunks = await chunks;
    const storedRevisions = await revisions;
    const effective = applyWriteAhead(stored, storedChunks, storedRevisions, await ahead);
    const assembled = assemble(effective.header, effective.chunks, effective.revisions);
    if (!assembled.ok) return assembled;
    const stamp = stampOf(stored);
    const h = stored as Partial<IdbHeader>;
    if (stamp && h.chunkSize === CHUNK_SIZE) {
      // What is stored, before any write-ahead entry (same widget objects as returned for the chunks the entry
      // did not touch): the first write after this read rewrites only what differs from it, recovered chunks
      // included.
      const before = effective.recovered ? assemble(stored, storedChunks, storedRevisions) : assembled;
      const states = before.ok ? (before.value.definition as { states?: unknown } | undefined)?.states : null;
      if (before.ok && Array.isArray(states)) {
        written.set(id, { stamp, states: states as Widget[], revisions: before.value.revisions });
      }
    }
    return { ok: true, value: assembled.value, ...(effective.recovered ? { recovered: true } : {}) };
  };

  return {
    name: 'IndexedDB',

    list: async () => {
      const transaction = database().transaction([DOCUMENTS, QUARANTINE], 'readonly');
      const done = transactionDone(transaction);
      const docKeys = requestResult(transaction.objectStore(DOCUMENTS).getAllKeys());
      const docs = requestResult(transaction.objectStore(DOCUMENTS).getAll());
      const keptKeys = requestResult(transaction.objectStore(QUARANTINE).getAllKeys());
      const kept = requestResult(transaction.objectStore(QUARANTINE).getAll());
      await done;
      const listed: ListedRecord[] = [];
      const [dk, dv, qk, qv] = [await docKeys, await docs, await keptKeys, await kept];
      dk.forEach((key, i) => {
        listed.push({ where: { kind: 'document', id: keyText(key) }, backend: 'IndexedDB', header: dv[i] });
      });
      qk.forEach((key, i) => {
        listed.push({
          where: { kind: 'quarantine', key: keyText(key) },
          backend: 'IndexedDB',
          header: qv[i],
        });
      });
      return listed;
    },

    read: readDocument,

    stamp: async (id) => {
      const transaction = database().transaction(DOCUMENTS, 'readonly');
      const header = requestResult(transaction.objectStore(DOCUMENTS).get(id));
      await transactionDone(transaction);
      return stampOf(await header);
    },

    write: async ({ id, writer, expected, record }: WriteRequest): Promise<WriteOutcome> => {
      const transaction = database().transaction([DOCUMENTS, PARTS, WAL], 'readwrite');
      const done = transactionDone(transaction);
      const documents = transaction.objectStore(DOCUMENTS);
      const parts = transaction.objectStore(PARTS);
      // Filled in by the request callback (a holder: flow analysis does not follow assignments in callbacks).
      const result: { outcome: WriteOutcome | null; wrote: Written | null; error: unknown } = {
        outcome: null,
        wrote: null,
        error: null,
      };
      const get = documents.get(id);
      get.onsuccess = () => {
        const decision = decideWrite(get.result, expected, writer);
        if (!decision.ok) {
          result.outcome = decision;
          transaction.abort();
          return;
        }
        const cached = written.get(id);
        const basis =
          cached &&
          decision.current &&
          cached.stamp.revision === decision.current.revision &&
          cached.stamp.writer === decision.current.writer
            ? cached
            : null;
        try {
          result.wrote = putRecord(documents, parts, record(decision.stamp), basis);
          // The write-ahead entries of this document are in the record now (or lost to this newer revision).
          transaction.objectStore(WAL).delete(partsOf(id));
          result.outcome = { ok: true, stamp: decision.stamp };
        } catch (error) {
          // `put` throws at once for what it cannot clone or store; caught here, it would otherwise escape the
          // callback as an uncaught error. Nothing of the write is kept.
          result.error = error;
          transaction.abort();
        }
      };
      try {
        await done;
      } catch (error) {
        // Our own abort (the compare failed) is an answer, not an error.
        if (result.outcome && !result.outcome.ok) return result.outcome;
        throw result.error ?? error;
      }
      if (!result.outcome || !result.wrote) throw new Error('IndexedDB did not answer the write');
      written.set(id, result.wrote);
      return result.outcome;
    },

    writeAhead: ({ id, writer, base, record }: WriteAheadRequest) => {
      const basis = written.get(id);
      if (!db || !basis || basis.stamp.revision !== base.revision || basis.stamp.writer !== base.writer) {
        return false;
      }
      try {
        const next = record({ revision: base.revision + 1, writer });
        const states = next.definition.states;
        const count = chunkCount(states.length);
        const chunks: WriteAheadEntry['chunks'] = [];
        for (let i = 0; i < count; i++) {
          if (chunkChanged(basis.states, states, i)) chunks.push([i, chunkOf(states, i)]);
          // An edit of most of the flow (a replaced flow, an auto-layout): cloning it twice, here and in the
          // write that follows at once, would double a cost that is already paid.
          if (chunks.length > WRITE_AHEAD_MAX_CHUNKS) return false;
        }
        const entry: WriteAheadEntry = {
          id,
          writer,
          base,
          header: toHeader(next),
          chunks,
          ...(next.revisions !== basis.revisions ? { revisions: next.revisions } : {}),
          at: next.savedAt,
        };
        // Relaxed durability, as every write here: handed to the operating system at commit, which a crash of
        // the browser does not undo; commit() sends it now instead of after the page has handled the answers.
        const transaction = db.transaction(WAL, 'readwrite', { durability: 'relaxed' });
        transaction.objectStore(WAL).put(entry, [id, writer]);
        transaction.commit();
        // A failed write-ahead costs nothing: the compare-and-set write follows and reports its own errors.
        transaction.onabort = () => undefined;
        return true;
      } catch {
        return false;
      }
    },

    remove: async (where: RecordWhere, expected) => {
      const names = where.kind === 'document' ? [DOCUMENTS, PARTS, WAL] : [QUARANTINE];
      const transaction = database().transaction(names, 'readwrite');
      const done = transactionDone(transaction);
      const result = { removed: false };
      if (where.kind === 'quarantine') {
        transaction.objectStore(QUARANTINE).delete(quarantineKey(where.key));
        result.removed = true;
      } else {
        const documents = transaction.objectStore(DOCUMENTS);
        const get = documents.get(where.id);
        get.onsuccess = () => {
          const stamp = stampOf(get.result);
          if (expected !== null && stamp && !mayReplace(stamp, expected)) return;
          documents.delete(where.id);
          transaction.objectStore(PARTS).delete(partsOf(where.id));
          transaction.objectStore(WAL).delete(partsOf(where.id));
          result.removed = true;
        };
      }
      await done;
      if (result.removed && where.kind === 'document') written.delete(where.id);
      return result.removed;
    },

    raw: async (where) => {
      if (where.kind === 'quarantine') {
        const transaction = database().transaction(QUARANTINE, 'readonly');
        const value = requestResult<unknown>(
          transaction.objectStore(QUARANTINE).get(quarantineKey(where.key)),
        );
        await transactionDone(transaction);
        return value;
      }
      const transaction = database().transaction([DOCUMENTS, PARTS, WAL], 'readonly');
      const done = transactionDone(transaction);
      const header = requestResult<unknown>(transaction.objectStore(DOCUMENTS).get(where.id));
      const keys = requestResult(transaction.objectStore(PARTS).getAllKeys(partsOf(where.id)));
      const values = requestResult<unknown[]>(transaction.objectStore(PARTS).getAll(partsOf(where.id)));
      const ahead = requestResult<unknown[]>(transaction.objectStore(WAL).getAll(partsOf(where.id)));
      await done;
      const [k, v, w] = [await keys, await values, await ahead];
      return {
        record: await header,
        parts: k.map((key, i) => ({ key, value: v[i] })),
        ...(w.length > 0 ? { writeAhead: w } : {}),
      };
    },

    keepAside: async (entry: QuarantineEntry) => {
      const transaction = database().transaction(QUARANTINE, 'readwrite');
      const key = requestResult(transaction.objectStore(QUARANTINE).add(entry));
      await transactionDone(transaction);
      return { kind: 'quarantine', key: keyText(await key) };
    },

    /**
     * Format 1's record, once: turned into a document (or kept aside when it cannot be read) and deleted from the
     * old store in the same transaction, so two tabs starting together cannot both migrate it.
     */
    migrateLegacy: async (newId, now) => {
      const result: LegacyMigration = { migrated: [], keptAside: [] };
      const current = database();
      if (!current.objectStoreNames.contains(LEGACY_STORE)) return result;
      const transaction = current.transaction([LEGACY_STORE, DOCUMENTS, PARTS, QUARANTINE], 'readwrite');
      const done = transactionDone(transaction);
      const legacy = transaction.objectStore(LEGACY_STORE);
      const get = legacy.get(LEGACY_KEY);
      const found: {
        migrated: { id: string; written: Written; savedAt: string } | null;
        keptAside: { reason: string; newer: boolean; key: IDBRequest<IDBValidKey> } | null;
        error: unknown;
      } = { migrated: null, keptAside: null, error: null };
      get.onsuccess = () => {
        try {
          migrate(get.result);
        } catch (error) {
          found.error = error;
          transaction.abort();
        }
      };
      const migrate = (value: unknown) => {
        if (value === undefined) return;
        const id = newId();
        const parsed = parseRecord(value, { id });
        if (parsed.ok) {
          const stored = putRecord(
            transaction.objectStore(DOCUMENTS),
            transaction.objectStore(PARTS),
            parsed.record,
            null,
          );
          found.migrated = { id, written: stored, savedAt: parsed.record.savedAt };
        } else {
          const entry: QuarantineEntry = {
            keptAt: now().toISOString(),
            origin: `IndexedDB ${LEGACY_STORE}/${LEGACY_KEY}`,
            reason: parsed.reason,
            value,
          };
          found.keptAside = {
            reason: parsed.reason,
            newer: parsed.newer,
            key: transaction.objectStore(QUARANTINE).add(entry),
          };
        }
        legacy.delete(LEGACY_KEY);
      };
      try {
        await done;
      } catch (error) {
        throw found.error ?? error;
      }
      if (found.migrated) {
        written.set(found.migrated.id, found.migrated.written);
        result.migrated.push({ id: found.migrated.id, savedAt: found.migrated.savedAt });
      }
      if (found.keptAside) {
        result.keptAside.push({
          where: { kind: 'quarantine', key: keyText(found.keptAside.key.result) },
          reason: found.keptAside.reason,
          newer: found.keptAside.newer,
        });
      }
      return result;
    },

    close: () => {
      db?.close();
      db = null;
    },
  };
}
