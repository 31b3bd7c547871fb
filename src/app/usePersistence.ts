import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EditorStore } from '../store/editorStore';
import { useEditorApi } from '../store/react';
import {
  PersistenceEngine,
  createTabCoordinator,
  initialUiState,
  openBrowserDocumentStorage,
  randomId,
  readTabDocumentId,
  writeTabDocumentId,
  type PersistenceActions,
  type PersistenceNotice,
  type PersistenceUiState,
} from './persistence';

export type { PersistenceNotice };

export interface PersistenceState {
  /** The saved documents are being read: the main area shows neither the start screen nor a flow yet. */
  restoring: boolean;
  notice: PersistenceNotice | null;
}

/**
 * What the start screen, the header and the dialogs read and call: one per editor store, living as long as it
 * (a remount of the shell, e.g. React's strict mode, starts a new engine on the same state).
 */
interface PersistenceController extends PersistenceActions {
  ui: StoreApi<PersistenceUiState>;
  /** Store changes, heard before any view hears them (see `controllerFor`). */
  subscribe: (listener: StoreListener) => () => void;
}

type StoreListener = Parameters<EditorStore['subscribe']>[0];

const controllers = new WeakMap<EditorStore, PersistenceController>();
/** The engine running for a controller (none between an unmount and the next mount). */
const engines = new WeakMap<PersistenceController, PersistenceEngine>();

function controllerFor(store: EditorStore): PersistenceController {
  let controller = controllers.get(store);
  if (controller) return controller;
  const ui = createStore<PersistenceUiState>()(() => initialUiState());
  const engine = () => engines.get(self);
  // Subscribed now, on the shell's first render, before any view subscribes (their effects run later): zustand
  // calls listeners in order, so an edit's write-ahead entry is stored before the views re-render for it. One
  // subscription for the life of the store; engines come and go behind it.
  const listeners = new Set<StoreListener>();
  store.subscribe((state, previous) => {
    for (const listener of listeners) listener(state, previous);
  });
  const self: PersistenceController = {
    ui,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    open: (id) => engine()?.open(id),
    askForget: (key) => engine()?.askForget(key),
    confirmForget: () => engine()?.confirmForget(),
    cancelPrompt: () => engine()?.cancelPrompt(),
    takeOver: () => engine()?.takeOver(),
    openCopy: () => engine()?.openCopy(),
    keepMineAsCopy: () => engine()?.keepMineAsCopy(),
    closeHere: () => engine()?.closeHere(),
    downloadMine: () => engine()?.downloadMine(),
    download: (key) => engine()?.download(key),
  };
  controller = self;
  controllers.set(store, controller);
  return controller;
}

/** Part of the persistence state, for the start screen, the header and the dialogs. */
export function usePersistenceUi<T>(selector: (state: PersistenceUiState) => T): T {
  return useStore(controllerFor(useEditorApi()).ui, selector);
}

export function usePersistenceActions(): PersistenceActions {
  return controllerFor(useEditorApi());
}

/** Offers text as a file, through a temporary link (the object URL freed once the browser has taken it). */
function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Restores this tab's document on startup, then saves it after every change (see persistence/engine.ts), writes
 * at once when the tab is hidden or left, and warns before leaving only while something is unsaved. Returns what
 * the shell shows about it.
 */
export function usePersistence(): PersistenceState {
  const store = useEditorApi();
  const controller = controllerFor(store);
  const restoring = useStore(controller.ui, (s) => s.restoring);
  const notice = useStore(controller.ui, (s) => s.notice);

  useEffect(() => {
    const engine = new PersistenceEngine({
      store,
      subscribe: controller.subscribe,
      ui: controller.ui,
      openStorage: openBrowserDocumentStorage,
      tabs: createTabCoordinator(),
      tabDocument: { read: () => readTabDocumentId(), write: (id) => writeTabDocumentId(id) },
      newId: randomId,
      download: downloadText,
      reload: () => window.location.reload(),
    });
    engines.set(controller, engine);
    void engine.start().catch((error: unknown) => {
      console.warn('Local saving could not start.', error);
      controller.ui.setState({ restoring: false });
    });

    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!engine.isDirty()) return;
      void engine.flush();
      // What asks the browser to confirm leaving (the text of the question is the browser's own).
      event.preventDefault();
    };
    // Leaving or hiding the tab: write anything pending now (writes start at once anyway; this covers a retry).
    const flushNow = () => void engine.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flushNow();
      // Back to the tab: other tabs may have saved, opened or closed documents meanwhile.
      else void engine.refreshList();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('pagehide', flushNow);
    document.addEventListener('visibilitychange', onVisibility);
    document.addEventListener('freeze', flushNow);

    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('pagehide', flushNow);
      document.removeEventListener('visibilitychange', onVisibility);
      document.removeEventListener('freeze', flushNow);
      if (engines.get(controller) === engine) engines.delete(controller);
      // Unmounting the editor (not leaving the page): write what is pending, then let go of everything.
      void engine.dispose();
    };
  }, [store, controller]);

  return { restoring, notice };
}
