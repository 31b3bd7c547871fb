/**
 * What the canvas components share beyond the editor store (which they reach with `useEditor`, as every component
 * does): a small store of canvas-only UI state, the level of detail, and React Flow's provider, so that the palette
 * and toolbar beside the canvas can reach its viewport.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Detail } from './lod';

/**
 * Canvas-only UI state: never part of the document or of undo. (What the canvas has to say goes through the
 * editor store's `announce`, the app's one status line.)
 */
export interface CanvasUiState {
  /** The widget whose name is being edited in place. */
  renaming: string | null;
  startRename: (name: string) => void;
  stopRename: () => void;
}

export type CanvasUiStore = StoreApi<CanvasUiState>;

function createCanvasUiStore(): CanvasUiStore {
  return createStore<CanvasUiState>()((set) => ({
    renaming: null,
    startRename: (name) => set({ renaming: name }),
    stopRename: () => set({ renaming: null }),
  }));
}

/**
 * The level of detail for the current zoom (lod.ts). The canvas subscribes to React Flow's zoom once and hands the
 * level down: cards and edges read it from context, so they add no subscription of their own to React Flow's store
 * (which every pan and drag frame would run), and re-render only when the zoom crosses a threshold.
 */
export const DetailContext = createContext<Detail>('near');

const CanvasUiContext = createContext<CanvasUiStore | null>(null);

/**
 * Wraps the canvas and the panels that work with it (palette, toolbar): the canvas-only UI state and React Flow's
 * provider. The editor store is the app's, reached with `useEditor` (src/store/react.tsx) like everywhere else.
 */
export function CanvasProvider({ children }: { children: ReactNode }) {
  const [ui] = useState(createCanvasUiStore);
  return (
    <CanvasUiContext value={ui}>
      <ReactFlowProvider>{children}</ReactFlowProvider>
    </CanvasUiContext>
  );
}

export function useCanvasUiApi(): CanvasUiStore {
  const ui = useContext(CanvasUiContext);
  if (!ui) throw new Error('Canvas components must be inside <CanvasProvider>.');
  return ui;
}

export function useCanvasUi<T>(selector: (state: CanvasUiState) => T): T {
  return useStore(useCanvasUiApi(), selector);
}
