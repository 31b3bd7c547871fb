/**
 * The documents of this browser over one or two backends: IndexedDB first, localStorage as the fallback when
 * IndexedDB cannot be opened (some private modes) or refuses a write (its quota). A document lives in one backend
 * at a time: a write that lands in IndexedDB removes the fallback's copy; reading and listing take the newest
 * revision wherever it is. The compare-and-set of a write also looks at the fallback's copy, so a newer revision
 * left there by another tab is never shadowed silently.
 */
import {
  browserLocalStorage,
  localStorageBackend,
  type DocumentBackend,
  type LegacyMigration,
  type ListedRecord,
  type ReadValue,
  type RecordWhere,
  type WriteAheadRequest,
  type WriteOutcome,
  type WriteRequest,
} from './backend';
import { openIndexedDbBackend } from './indexedDb';
import { mayReplace, parseRecord, stampOf, StorageUnavailableError } from './records';

type LocalBackend = ReturnType<typeof localStorageBackend>;
type IndexedDbBackend = Awaited<ReturnType<typeof openIndexedDbBackend>>;

export interface DocumentStorage {
  /** Where documents are written first ("IndexedDB" or "localStorage"). */
  readonly primaryName: string;
  list: () => Promise<ListedRecord[]>;
  read: (id: string) => Promise<ReadValue | undefined>;
  write: (request: WriteRequest) => Promise<WriteOutcome>;
  /** A write-ahead entry of the next write, committed at once (IndexedDB only); false when none was written. */
  writeAhead: (request: WriteAheadRequest) => boolean;
  remove: (where: RecordWhere, expected: Parameters<DocumentBackend['remove']>[1]) => Promise<boolean>;
  raw: (where: RecordWhere, backend: string) => Promise<unknown>;
  /** Moves format-1 records into documents (or aside), once; see indexedDb.ts. */
  migrateLegacy: (newId: () => string, now: () => Date) => Promise<LegacyMigration>;
  close: () => void;
}

/** FNV-1a, for an id that is the same every time the same legacy text is migrated (so it is migrated once). */
function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

export function createDocumentStorage(
  indexedDb: IndexedDbBackend | null,
  local: LocalBackend | null,
): DocumentStorage {
  const primary: DocumentBackend | null = indexedDb ?? local;
  const fallback: DocumentBackend | null = indexedDb && local ? local : null;
  const backends = [primary, fallback].filter((b): b is DocumentBackend => b !== null);
  const byName = (name: string) => backends.find((b) => b.name === name) ?? primary;

  const newestOf = async (id: string): Promise<ReadValue | undefined> => {
    let best: ReadValue | undefined;
    let bestRevision = -Infinity;
    for (const backend of backends) {
      const read = await backend.read(id).catch((error: unknown) => {
        console.warn(`Could not read a saved flow from ${backend.name}:`, error);
        return undefined;
      });
      if (!read) continue;
      const revision = read.ok ? (stampOf(read.value)?.revision ?? 0) : 0;
      // Ties go to the primary (listed first): the fallback's copy is the one left behind.
      if (!best || revision > bestRevision) {
        best = read;
        bestRevision = revision;
      }
    }
    return best;
  };

  const write = async (request: WriteRequest): Promise<WriteOutcome> => {
    if (!primary) throw new StorageUnavailableError('this browser does not allow storing it');
    if (fallback) {
      const left = await fallback.stamp(request.id).catch(() => undefined);
      if (left && !mayReplace(left, request.expected)) {
        return { ok: false, current: left, newerFormat: false };
      }
    }
    let outcome: WriteOutcome;
    try {
      outcome = await primary.write(request);
    } catch (error) {
      if (!fallback) throw error;
      console.warn(`${primary.name} refused the write; saving in ${fallback.name} instead.`, error);
      return fallback.write(request);
    }
    if (outcome.ok && fallback) {
      await fallback.remove({ kind: 'document', id: request.id }, null).catch(() => undefined);
    }
    return outcome;
  };

  return {
    primaryName: primary?.name ?? 'none',

    list: async () => {
      const all = await Promise.all(
        backends.map((backend) =>
          backend.list().catch((error: unknown) => {
            console.warn(`Could not list the saved flows in ${backend.name}:`, error);
            return [] as ListedRecord[];
          }),
        ),
      );
      // One entry per document: the newest revision wins; kept-aside records are all listed.
      const documents = new Map<string, ListedRecord>();
      const kept: ListedRecord[] = [];
      for (const entry of all.flat()) {
        if (entry.where.kind === 'quarantine') {
          kept.push(entry);
          continue;
        }
        const known = documents.get(entry.where.id);
        const revision = (header: unknown) => stampOf(header)?.revision ?? 0;
        if (!known || revision(entry.header) > revision(known.header)) documents.set(entry.where.id, entry);
      }
      return [...documents.values(), ...kept];
    },

    read: newestOf,
    write,
    writeAhead: (request) => primary?.writeAhead?.(request) ?? false,

    remove: async (where, expected) => {
      const results = await Promise.all(
        backends.map((backend) => backend.remove(where, expected).catch(() => false)),
      );
      return results.some(Boolean);
    },

    raw: async (where, backendName) => {
      const preferred = byName(backendName);
      const order = preferred ? [preferred, ...backends.filter((b) => b !== preferred)] : backends;
      for (const backend of order) {
        const raw = await backend.raw(where).catch(() => undefined);
        const empty =
          raw === undefined ||
          (typeof raw === 'object' && raw !== null && 'record' in raw && raw.record === undefined);
        if (!empty) return raw;
      }
      return undefined;
    },

    migrateLegacy: async (newId, now) => {
      const result: LegacyMigration = { migrated: [], keptAside: [] };
      if (indexedDb) {
        const fromDb = await indexedDb.migrateLegacy(newId, now);
        result.migrated.push(...fromDb.migrated);
        result.keptAside.push(...fromDb.keptAside);
      }
      const legacy = local?.readLegacy();
      if (!local || !legacy) return result;
      // localStorage and IndexedDB share no transaction: the id comes from the text, so a migration cut short
      // (written, not yet removed) finds its document already there next time and only removes the old key.
      const id = `migrated-${hashText(legacy.text)}`;
      const parsed = parseRecord(legacy.value, { id });
      if (parsed.ok) {
        const outcome = await write({
          id,
          writer: 'migration',
          expected: null,
          record: (stamp) => ({ ...parsed.record, ...stamp }),
        });
        if (outcome.ok) result.migrated.push({ id, savedAt: parsed.record.savedAt });
      } else {
        const target = primary ?? local;
        const where = await target.keepAside({
          keptAt: now().toISOString(),
          origin: 'localStorage studio-flow-editor:current',
          reason: parsed.reason,
          value: legacy.value,
        });
        result.keptAside.push({ where, reason: parsed.reason, newer: parsed.newer });
      }
      local.removeLegacy();
      return result;
    },

    close: () => {
      for (const backend of backends) backend.close();
    },
  };
}

/** Longest wait for IndexedDB to open (an upgrade blocked by another tab, a stuck browser): then localStorage. */
const OPEN_TIMEOUT_MS = 2500;

/** IndexedDB and localStorage, as far as this browser allows them. */
export async function openBrowserDocumentStorage(): Promise<DocumentStorage> {
  let indexedDb: IndexedDbBackend | null = null;
  try {
    const factory = 'indexedDB' in globalThis ? globalThis.indexedDB : undefined;
    indexedDb = await new Promise<IndexedDbBackend>((resolve, reject) => {
      let late = false;
      const timer = setTimeout(() => {
        late = true;
        reject(new Error('IndexedDB did not open in time'));
      }, OPEN_TIMEOUT_MS);
      openIndexedDbBackend(factory).then(
        (backend) => {
          clearTimeout(timer);
          // Opened after we gave up on it: let go, or it would block another tab's upgrade for nothing.
          if (late) backend.close();
          else resolve(backend);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  } catch (error) {
    console.warn('IndexedDB is not available; flows are saved in localStorage instead.', error);
  }
  const storage = browserLocalStorage();
  return createDocumentStorage(indexedDb, storage ? localStorageBackend(storage) : null);
}
