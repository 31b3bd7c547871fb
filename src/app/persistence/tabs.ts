/**
 * Tabs of this origin, and which document each one has.
 *
 * - A tab's document id is kept in `sessionStorage` (`studio-flow-editor:document`): it survives a reload and the
 *   browser restoring the tab after a crash, and is the tab's own (a new tab has none). A duplicated tab, or a
 *   window opened by this one, starts with a copy of it: that is why a document is also locked.
 * - A document open in a tab is held with a Web Lock named `studio-flow-editor:document:<id>` for as long as it is
 *   open; the browser releases it when the tab goes away, crash included. Another tab asking for it learns that
 *   it is open elsewhere; taking it over steals the lock, and the tab that loses it is told at once (its lock
 *   request rejects), so it stops saving.
 * - A BroadcastChannel (`studio-flow-editor`) tells the other tabs that the saved documents changed (their start
 *   screens list them again) and names the tab taking a document over. Where Web Locks are missing, it also
 *   answers "who has this document open?"; where both are missing, the compare-and-set of every write still keeps
 *   a stale tab from overwriting a newer record (records.ts).
 */

export const SESSION_DOCUMENT_KEY = 'studio-flow-editor:document';
export const LOCK_PREFIX = 'studio-flow-editor:document:';
export const CHANNEL_NAME = 'studio-flow-editor';

export type TabMessage =
  | { type: 'changed' }
  | { type: 'take-over'; id: string; by: string }
  | { type: 'who-has'; id: string; nonce: string }
  | { type: 'has'; id: string; nonce: string }
  | { type: 'who-is-open'; nonce: string }
  | { type: 'is-open'; ids: string[]; nonce: string };

/** A message from another tab (maybe another version of the editor), checked before it is believed. */
export function parseTabMessage(data: unknown): TabMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  const str = (key: string) => typeof m[key] === 'string';
  switch (m.type) {
    case 'changed':
      return { type: 'changed' };
    case 'take-over':
      return str('id') && str('by') ? (m as TabMessage) : null;
    case 'who-has':
    case 'has':
      return str('id') && str('nonce') ? (m as TabMessage) : null;
    case 'who-is-open':
      return str('nonce') ? (m as TabMessage) : null;
    case 'is-open':
      return str('nonce') && Array.isArray(m.ids) && m.ids.every((id) => typeof id === 'string')
        ? (m as TabMessage)
        : null;
    default:
      return null;
  }
}

export interface HeldDocument {
  readonly id: string;
  release: () => void;
}

export interface AcquireOptions {
  /** How long to wait for another tab to let go (a reloading tab's previous page may not have yet). */
  waitMs?: number;
  /** Take it from the tab that has it (that tab is told, and stops saving to it). */
  steal?: boolean;
  /** Called once if another tab takes the document over while this one holds it. */
  onLost: () => void;
}

export interface TabCoordinator {
  /** This page's writer id: another one after every load, so a duplicated tab never passes for its original. */
  readonly writer: string;
  /** Whether documents are really locked (Web Locks), or only asked about over the channel. */
  readonly locking: 'web-locks' | 'channel' | 'none';
  /** Holds a document for this tab; null when another tab has it (after waiting up to `waitMs`). */
  acquire: (id: string, options: AcquireOptions) => Promise<HeldDocument | null>;
  /** Ids of the documents open in other tabs. */
  openElsewhere: () => Promise<Set<string>>;
  post: (message: TabMessage) => void;
  subscribe: (listener: (message: TabMessage) => void) => () => void;
  close: () => void;
}

export interface TabEnvironment {
  locks?: LockManager | undefined;
  createChannel?: ((name: string) => BroadcastChannel) | undefined;
  randomId?: () => string;
  setTimeout?: (callback: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

/** How long a tab waits for answers over the channel (when there are no Web Locks). */
const ASK_MS = 150;

export function randomId(): string {
  const crypto = globalThis.crypto as Crypto | undefined;
  if (crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Not a secure context (plain http on another host): random enough to tell documents and tabs apart.
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

export function browserTabEnvironment(): TabEnvironment {
  const nav = globalThis.navigator as Navigator | undefined;
  return {
    locks: nav && 'locks' in nav ? nav.locks : undefined,
    createChannel:
      typeof globalThis.BroadcastChannel === 'function'
        ? (name) => new globalThis.BroadcastChannel(name)
        : undefined,
  };
}

export function createTabCoordinator(env: TabEnvironment = browserTabEnvironment()): TabCoordinator {
  const makeId = env.randomId ?? randomId;
  const later = env.setTimeout ?? ((callback, ms) => globalThis.setTimeout(callback, ms));
  const cancel = env.clearTimeout ?? ((handle) => globalThis.clearTimeout(handle as number));
  const writer = makeId();
  const { locks } = env;
  let channel: BroadcastChannel | null = null;
  try {
    channel = env.createChannel?.(CHANNEL_NAME) ?? null;
  } catch {
    channel = null;
  }
  const listeners = new Set<(message: TabMessage) => void>();
  /** Documents this page holds: what to call when another tab takes one over, and how to let go of its lock. */
  const held = new Map<string, { onLost: () => void; letGo: () => void }>();

  const post = (message: TabMessage) => {
    try {
      channel?.postMessage(message);
    } catch {
      // A closed channel (the page is going away): nobody is left to tell.
    }
  };

  const lose = (id: string) => {
    const entry = held.get(id);
    if (!entry) return;
    held.delete(id);
    entry.onLost();
  };
  const handle = (id: string, letGo: () => void): HeldDocument => ({
    id,
    release: () => {
      held.delete(id);
      letGo();
    },
  });

  if (channel) {
    channel.onmessage = (event: MessageEvent) => {
      const message = parseTabMessage(event.data);
      if (!message) return;
      if (message.type === 'take-over' && message.by !== writer) lose(message.id);
      else if (message.type === 'who-has' && held.has(message.id)) {
        post({ type: 'has', id: message.id, nonce: message.nonce });
      } else if (message.type === 'who-is-open') {
        post({ type: 'is-open', ids: [...held.keys()], nonce: message.nonce });
      }
      for (const listener of listeners) listener(message);
    };
  }

  /** Asks the other tabs over the channel and gathers what they answer for a moment. */
  const ask = <T>(question: TabMessage & { nonce: string }, collect: (answer: TabMessage) => T | null) =>
    new Promise<T[]>((resolve) => {
      const answers: T[] = [];
      const listener = (message: TabMessage) => {
        if ('nonce' in message && message.nonce === question.nonce && message.type !== question.type) {
          const value = collect(message);
          if (value !== null) answers.push(value);
        }
      };
      listeners.add(listener);
      post(question);
      later(() => {
        listeners.delete(listener);
        resolve(answers);
      }, ASK_MS);
    });

  const holdWithLock = (lockManager: LockManager, id: string, options: AcquireOptions) =>
    new Promise<HeldDocument | null>((resolve) => {
      let granted = false;
      let letGo: () => void = () => undefined;
      const released = new Promise<void>((done) => (letGo = done));
      const controller = !options.steal && (options.waitMs ?? 0) > 0 ? new AbortController() : null;
      const timer = controller ? later(() => controller.abort(), options.waitMs ?? 0) : null;
      const lockOptions: LockOptions = options.steal
        ? { steal: true }
        : controller
          ? { signal: controller.signal }
          : { ifAvailable: true };
      const settle = () => {
        if (timer !== null) cancel(timer);
      };
      let request: Promise<unknown>;
      try {
        request = lockManager.request(`${LOCK_PREFIX}${id}`, lockOptions, (lock) => {
          settle();
          if (!lock) {
            resolve(null);
            return undefined;
          }
          granted = true;
          held.set(id, { onLost: options.onLost, letGo });
          resolve(handle(id, letGo));
          // Held until released, or until the page goes away.
          return released;
        });
      } catch {
        // A browser refusing the request (e.g. an opaque origin): hold it in name only.
        settle();
        held.set(id, { onLost: options.onLost, letGo: () => undefined });
        resolve(handle(id, () => undefined));
        return;
      }
      request.catch(() => {
        settle();
        // Rejected before it was granted: the wait timed out. After: another tab stole it.
        if (!granted) resolve(null);
        else lose(id);
      });
    });

  const holdWithChannel = async (id: string, options: AcquireOptions): Promise<HeldDocument | null> => {
    if (!options.steal && channel) {
      const holders = await ask({ type: 'who-has', id, nonce: makeId() }, (answer) =>
        answer.type === 'has' && answer.id === id ? true : null,
      );
      if (holders.length > 0) return null;
    }
    held.set(id, { onLost: options.onLost, letGo: () => undefined });
    return handle(id, () => undefined);
  };

  return {
    writer,
    locking: locks ? 'web-locks' : channel ? 'channel' : 'none',
    acquire: (id, options) => {
      if (options.steal) post({ type: 'take-over', id, by: writer });
      return locks ? holdWithLock(locks, id, options) : holdWithChannel(id, options);
    },
    openElsewhere: async () => {
      if (locks) {
        try {
          const snapshot = await locks.query();
          const ids = (snapshot.held ?? [])
            .map((lock) => lock.name ?? '')
            .filter((name) => name.startsWith(LOCK_PREFIX))
            .map((name) => name.slice(LOCK_PREFIX.length))
            .filter((id) => !held.has(id));
          return new Set(ids);
        } catch {
          return new Set();
        }
      }
      if (!channel) return new Set();
      const answers = await ask({ type: 'who-is-open', nonce: makeId() }, (answer) =>
        answer.type === 'is-open' ? answer.ids : null,
      );
      return new Set(answers.flat());
    },
    post,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => {
      for (const entry of held.values()) entry.letGo();
      held.clear();
      listeners.clear();
      channel?.close();
      channel = null;
    },
  };
}

/** This tab's document id (sessionStorage), or null; never throws where storage is blocked. */
export function readTabDocumentId(storage: Storage | null = sessionStorageOrNull()): string | null {
  try {
    return storage?.getItem(SESSION_DOCUMENT_KEY) ?? null;
  } catch {
    return null;
  }
}

export function writeTabDocumentId(
  id: string | null,
  storage: Storage | null = sessionStorageOrNull(),
): void {
  try {
    if (id === null) storage?.removeItem(SESSION_DOCUMENT_KEY);
    else storage?.setItem(SESSION_DOCUMENT_KEY, id);
  } catch {
    // Without sessionStorage a reload finds the document on the start screen instead of reopening it.
  }
}

function sessionStorageOrNull(): Storage | null {
  try {
    return 'sessionStorage' in globalThis ? globalThis.sessionStorage : null;
  } catch {
    return null;
  }
}
