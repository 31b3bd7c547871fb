import { createContext, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createEditorStore, type EditorState, type EditorStore } from '../store/editorStore';

const EditorStoreContext = createContext<EditorStore | null>(null);

/** Gives its subtree one editor store: the one passed in (tests, embedding) or a new one made on first render. */
export function EditorStoreProvider({ store, children }: { store?: EditorStore; children: ReactNode }) {
  const [ownStore] = useState(() => store ?? createEditorStore());
  return <EditorStoreContext value={ownStore}>{children}</EditorStoreContext>;
}

/** The store itself, for event handlers that read state at the time they run (`getState()`). */
export function useEditorStoreApi(): EditorStore {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error('useEditorStore must be used inside <EditorStoreProvider>.');
  return store;
}

/**
 * Subscribes to a slice of the editor state. Selectors must return stable values (state fields, memoised
 * derivations, or `useShallow` for fresh arrays/objects), or the component re-renders on every store change.
 */
export function useEditorStore<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorStoreApi(), selector);
}
