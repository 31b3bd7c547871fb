/**
 * What the canvas components share: the editor store (handed in by the app: the canvas does not reach into
 * src/app), a small store of canvas-only UI state, and React Flow's provider, so that the palette and toolbar
 * beside the canvas can reach its viewport.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EditorState, EditorStore } from '../store/editorStore';
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

interface CanvasContextValue {
  editor: EditorStore;
  ui: CanvasUiStore;
}

const CanvasContext = createContext<CanvasContextValue | null>(null);

/** Wraps the canvas and the panels that work with it (palette, toolbar): one per editor. */
export function CanvasProvider({ store, children }: { store: EditorStore; children: ReactNode }) {
  const [ui] = useState(createCanvasUiStore);
  const value = useMemo(() => ({ editor: store, ui }), [store, ui]);
  return (
    <CanvasContext value={value}>
      <ReactFlowProvider>{children}</ReactFlowProvider>
    </CanvasContext>
  );
}

function useCanvasContext(): CanvasContextValue {
  const value = useContext(CanvasContext);
  if (!value) throw new Error('Canvas components must be inside <CanvasProvider>.');
  return value;
}

export function useEditorApi(): EditorStore {
  return useCanvasContext().editor;
}

/** A slice of the editor state; selectors must return stable values. */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(useCanvasContext().editor, selector);
}

export function useCanvasUiApi(): CanvasUiStore {
  return useCanvasContext().ui;
}

export function useCanvasUi<T>(selector: (state: CanvasUiState) => T): T {
  return useStore(useCanvasContext().ui, selector);
}
