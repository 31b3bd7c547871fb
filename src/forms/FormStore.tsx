/**
 * The editor store as the inspector's components see it: handed in by the panel that mounts them (forms do not
 * reach into src/app), shared through context so each field reads exactly the slice it needs.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { EditorState, EditorStore } from '../store/editorStore';

const FormStoreContext = createContext<EditorStore | null>(null);

export function FormStoreProvider({ store, children }: { store: EditorStore; children: ReactNode }) {
  return <FormStoreContext value={store}>{children}</FormStoreContext>;
}

/** The store itself, for handlers that read the state when they run (`getState()`). */
export function useFormStoreApi(): EditorStore {
  const store = useContext(FormStoreContext);
  if (!store) throw new Error('Form components must be inside <FormStoreProvider>.');
  return store;
}

/** A slice of the editor state; selectors must return stable values (or use `useShallow`). */
export function useFormStore<T>(selector: (state: EditorState) => T): T {
  return useStore(useFormStoreApi(), selector);
}
