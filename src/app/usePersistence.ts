import { useEffect, useState } from 'react';
import { useEditorStoreApi } from './EditorStoreContext';
import {
  describeSaveError,
  formatSavedAt,
  openBrowserSessionStorage,
  restoreLastSession,
  startAutosave,
  type Autosave,
  type RestoreOutcome,
  type SaveStatus,
  type SessionStorage,
} from './persistence';

/** A message for the header's status area. */
export interface PersistenceNotice {
  tone: 'info' | 'warning' | 'error';
  /** Short, shown. */
  text: string;
  /** Longer, as a tooltip. */
  detail?: string;
}

export interface PersistenceState {
  /** The saved session is being read: the main area shows neither the empty state nor a flow yet. */
  restoring: boolean;
  notice: PersistenceNotice | null;
}

/** Longest wait for storage at startup; after it the editor starts empty rather than blank. */
const RESTORE_TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Storage did not answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function restoreNotice(outcome: RestoreOutcome): PersistenceNotice | null {
  switch (outcome.kind) {
    case 'restored': {
      const at = formatSavedAt(outcome.savedAt, new Date());
      return {
        tone: 'info',
        text: at ? `Restored your last session (saved ${at})` : 'Restored your last session',
      };
    }
    case 'damaged':
      return {
        tone: 'warning',
        text: 'Your last session could not be restored',
        detail: `The copy saved in this browser is damaged (${outcome.reason}) and was ignored.`,
      };
    default:
      return null;
  }
}

function saveNotice(status: SaveStatus): PersistenceNotice {
  const reason = describeSaveError(status.error);
  return {
    tone: 'error',
    text: 'Changes not saved in this browser',
    detail: `Saving failed: ${reason}. The flow is still open here; export it before leaving the page.`,
  };
}

/**
 * Restores the last session on startup, then saves the document after every change (see persistence.ts), and
 * warns before leaving the page only while a change is unsaved. Returns what the shell shows about it.
 */
export function usePersistence(): PersistenceState {
  const store = useEditorStoreApi();
  const [restoring, setRestoring] = useState(true);
  const [notice, setNotice] = useState<PersistenceNotice | null>(null);

  useEffect(() => {
    let disposed = false;
    // Read through a function: the effect's cleanup sets it while storage is awaited.
    const isDisposed = () => disposed;
    let storage: SessionStorage | null = null;
    let autosave: Autosave | null = null;
    let failed = false;

    const onStatus = (status: SaveStatus) => {
      if (status.error !== null) {
        failed = true;
        setNotice(saveNotice(status));
      } else if (failed && status.phase === 'idle') {
        failed = false;
        setNotice({ tone: 'info', text: 'Changes saved in this browser again' });
      }
    };

    void (async () => {
      let outcome: RestoreOutcome = { kind: 'none' };
      try {
        storage = await withTimeout(openBrowserSessionStorage(), RESTORE_TIMEOUT_MS);
        if (!isDisposed())
          outcome = await withTimeout(restoreLastSession(store, storage), RESTORE_TIMEOUT_MS);
      } catch (error) {
        console.warn('The last session could not be read.', error);
      }
      if (isDisposed()) {
        storage?.close();
        return;
      }
      setRestoring(false);
      setNotice(restoreNotice(outcome));
      // Without any storage, saving fails on the first change and says so (and the page warns before leaving).
      autosave = startAutosave(store, storage ?? { write: rejectUnavailable, clear: rejectUnavailable }, {
        onStatus,
      });
      // A flow opened while storage was being read is saved like any change.
      if (outcome.kind === 'superseded') autosave.scheduler.schedule();
    })();

    // A message about the document just restored is stale once another flow is opened.
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.documentId !== previous.documentId && !failed) {
        setNotice((current) => (current?.tone === 'error' ? current : null));
      }
    });

    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!autosave?.scheduler.isDirty()) return;
      void autosave.scheduler.flush();
      // What asks the browser to confirm leaving (the text of the question is the browser's own).
      event.preventDefault();
    };
    // Leaving the tab or the page: write now rather than after the debounce (best effort on pagehide).
    const flushNow = () => void autosave?.scheduler.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flushNow();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('pagehide', flushNow);
    document.addEventListener('visibilitychange', onVisibility);

    return () => {
      disposed = true;
      unsubscribe();
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('pagehide', flushNow);
      document.removeEventListener('visibilitychange', onVisibility);
      if (autosave) {
        // Unmounting the editor (not leaving the page): write what is pending, then let go of the database.
        const closing = autosave;
        const closingStorage = storage;
        void closing.scheduler.flush().finally(() => {
          closing.dispose();
          closingStorage?.close();
        });
      } else {
        storage?.close();
      }
    };
  }, [store]);

  return { restoring, notice };
}

function rejectUnavailable(): Promise<void> {
  return Promise.reject(new Error('this browser does not allow storing it'));
}
