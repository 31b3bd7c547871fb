import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { CompareState, CompareStore } from '../store/compare';

const CompareStoreContext = createContext<CompareStore | null>(null);

/** Gives its subtree the compare-mode store (src/store/compare.ts) that goes with the editor's. */
export function CompareStoreProvider({ store, children }: { store: CompareStore; children: ReactNode }) {
  return <CompareStoreContext value={store}>{children}</CompareStoreContext>;
}

/** The compare store itself, for handlers that read state when they run. */
export function useCompareStoreApi(): CompareStore {
  const store = useContext(CompareStoreContext);
  if (!store) throw new Error('useCompareStore must be used inside <CompareStoreProvider>.');
  return store;
}

/** Subscribes to a slice of the compare state (selectors must return stable values). */
export function useCompareStore<T>(selector: (state: CompareState) => T): T {
  return useStore(useCompareStoreApi(), selector);
}
