/**
 * When to write: at once. A change starts a write as soon as the script that made it has finished (a microtask,
 * so the several state updates of one action are written together); changes made while a write is in flight
 * are written together right after it; two writes never overlap. There is no debounce: the time in which a
 * change can be lost to a crash is the time its write takes (about a millisecond for an edit, see layout.ts),
 * not a waiting period. A failed write keeps the document dirty (the page warns before leaving) and is retried
 * on the next change or flush. The in-memory document is never touched by saving or by a failure to save.
 */

export interface SaveStatus {
  /** `pending`: a change waits for its write; `saving`: a write is under way. */
  phase: 'idle' | 'pending' | 'saving';
  /** The last write's failure, until a write succeeds. */
  error: unknown;
}

export interface SaveScheduler {
  /** Something changed: write the latest state as soon as possible. */
  schedule: () => void;
  /** Write now if anything is unsaved (or a failure is to be retried); resolves once nothing is being written. */
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
  /** Runs a callback after the current script (default `queueMicrotask`). */
  defer?: (callback: () => void) => void;
}

export function createSaveScheduler({
  save,
  onStatus,
  defer = (callback) => queueMicrotask(callback),
}: SaveSchedulerOptions): SaveScheduler {
  let changed = false;
  let queued = false;
  let saving: Promise<void> | null = null;
  let error: unknown = null;
  let disposed = false;
  // Read through functions: they change while a write is awaited, which flow analysis cannot see.
  const hasChanges = () => changed;
  const isDisposed = () => disposed;

  const status = (): SaveStatus => ({
    phase: saving ? 'saving' : changed ? 'pending' : 'idle',
    error,
  });
  const notify = () => onStatus?.(status());

  const writeOnce = async () => {
    changed = false;
    try {
      await save();
      error = null;
    } catch (cause) {
      error = cause;
    }
  };

  const run = (): Promise<void> => {
    if (saving) return saving;
    if (!changed || disposed) return Promise.resolve();
    saving = (async () => {
      await writeOnce();
      // Changes made during that write are written now, together; after a failure only if something changed
      // since (each change is one more try, never a loop on its own).
      while (hasChanges() && !isDisposed()) await writeOnce();
    })().finally(() => {
      saving = null;
      notify();
    });
    notify();
    return saving;
  };

  return {
    schedule: () => {
      if (disposed) return;
      const wasChanged = changed;
      changed = true;
      if (!saving && !queued) {
        queued = true;
        defer(() => {
          queued = false;
          void run();
        });
      }
      if (!wasChanged) notify();
    },
    flush: async () => {
      if (saving) await saving;
      if (error !== null) changed = true;
      await run();
    },
    status,
    isDirty: () => changed || saving !== null || error !== null,
    dispose: () => {
      disposed = true;
    },
  };
}
