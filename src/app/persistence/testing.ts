/**
 * Fakes for the persistence tests (not used by the app): a backend in memory with the same compare-and-set as the
 * real ones, a size-limited Storage, and tabs sharing one fake lock manager and channel.
 */
import {
  decideWrite,
  type DocumentBackend,
  type LegacyMigration,
  type ListedRecord,
  type QuarantineEntry,
  type RecordWhere,
} from './backend';
import { mayReplace, parseRecord, stampOf } from './records';
import type { AcquireOptions, HeldDocument, TabCoordinator, TabMessage } from './tabs';

/** A backend in memory that stores structured clones (as IndexedDB does); `failWith` makes writes fail. */
export function memoryBackend(name = 'IndexedDB') {
  const documents = new Map<string, unknown>();
  const quarantine = new Map<string, unknown>();
  let nextKey = 1;
  const state = {
    documents,
    quarantine,
    legacy: undefined as unknown,
    writes: 0,
    failWith: null as Error | null,
  };
  const backend: DocumentBackend & {
    migrateLegacy: (newId: () => string, now: () => Date) => Promise<LegacyMigration>;
  } = {
    name,
    list: () =>
      Promise.resolve<ListedRecord[]>([
        ...[...documents].map(([id, header]) => ({
          where: { kind: 'document' as const, id },
          backend: name,
          header: structuredClone(header),
        })),
        ...[...quarantine].map(([key, header]) => ({
          where: { kind: 'quarantine' as const, key },
          backend: name,
          header: structuredClone(header),
        })),
      ]),
    read: (id) => {
      const value = documents.get(id);
      return Promise.resolve(value === undefined ? undefined : { ok: true, value: structuredClone(value) });
    },
    stamp: (id) => Promise.resolve(stampOf(documents.get(id))),
    write: ({ id, writer, expected, record }) => {
      if (state.failWith) return Promise.reject(state.failWith);
      const decision = decideWrite(documents.get(id), expected, writer);
      if (!decision.ok) return Promise.resolve(decision);
      documents.set(id, structuredClone(record(decision.stamp)));
      state.writes++;
      return Promise.resolve({ ok: true, stamp: decision.stamp });
    },
    remove: (where: RecordWhere, expected) => {
      if (where.kind === 'quarantine') return Promise.resolve(quarantine.delete(where.key));
      const stamp = stampOf(documents.get(where.id));
      if (expected !== null && stamp && !mayReplace(stamp, expected)) return Promise.resolve(false);
      return Promise.resolve(documents.delete(where.id));
    },
    raw: (where) =>
      Promise.resolve(where.kind === 'document' ? documents.get(where.id) : quarantine.get(where.key)),
    keepAside: (entry: QuarantineEntry) => {
      const key = String(nextKey++);
      quarantine.set(key, structuredClone(entry));
      return Promise.resolve({ kind: 'quarantine', key });
    },
    migrateLegacy: (newId, now) => {
      const result: LegacyMigration = { migrated: [], keptAside: [] };
      const value = state.legacy;
      if (value === undefined) return Promise.resolve(result);
      state.legacy = undefined;
      const id = newId();
      const parsed = parseRecord(value, { id });
      if (parsed.ok) {
        documents.set(id, structuredClone(parsed.record));
        result.migrated.push({ id, savedAt: parsed.record.savedAt });
      } else {
        const key = String(nextKey++);
        quarantine.set(key, { keptAt: now().toISOString(), origin: 'legacy', reason: parsed.reason, value });
        result.keptAside.push({
          where: { kind: 'quarantine', key },
          reason: parsed.reason,
          newer: parsed.newer,
        });
      }
      return Promise.resolve(result);
    },
    close: () => undefined,
  };
  return Object.assign(backend, { state });
}

/** A Storage with a size limit, like localStorage's quota. */
export function fakeStorage(limit = Infinity): Storage {
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

/**
 * Tabs of one fake browser: a shared lock table (Web Locks: held until released; stealing tells the holder) and a
 * channel delivering to the other tabs after the current script. `locking: false` is a browser without either.
 */
export function fakeBrowser() {
  const locks = new Map<string, { owner: string; onLost: () => void }>();
  const tabs = new Map<string, (message: TabMessage) => void>();
  let count = 0;

  const tab = (options: { locking?: boolean } = {}): TabCoordinator => {
    const locking = options.locking ?? true;
    const writer = `tab-${++count}`;
    const listeners = new Set<(message: TabMessage) => void>();
    const own = new Set<string>();
    tabs.set(writer, (message) => {
      for (const listener of listeners) listener(message);
    });
    const handle = (id: string): HeldDocument => ({
      id,
      release: () => {
        if (locks.get(id)?.owner === writer) locks.delete(id);
        own.delete(id);
      },
    });
    return {
      writer,
      locking: locking ? 'web-locks' : 'none',
      acquire: (id: string, acquire: AcquireOptions) => {
        if (!locking) return Promise.resolve(handle(id));
        const holder = locks.get(id);
        if (holder && holder.owner !== writer) {
          if (!acquire.steal) return Promise.resolve(null);
          queueMicrotask(holder.onLost);
        }
        locks.set(id, { owner: writer, onLost: acquire.onLost });
        own.add(id);
        return Promise.resolve(handle(id));
      },
      openElsewhere: () =>
        Promise.resolve(new Set([...locks].filter(([, lock]) => lock.owner !== writer).map(([id]) => id))),
      post: (message) => {
        for (const [other, deliver] of tabs) {
          if (other !== writer) queueMicrotask(() => deliver(message));
        }
      },
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      close: () => {
        for (const id of own) if (locks.get(id)?.owner === writer) locks.delete(id);
        own.clear();
        tabs.delete(writer);
      },
    };
  };
  return { tab, locks };
}
