/**
 * The editor store's React binding: one provider and one hook, for every component of the app (header, canvas,
 * inspector, JSON view, panels). Components read exactly the slice they render with `useEditor(selector)`, and event
 * handlers read the state at the time they run with `useEditorApi().getState()`.
 *
 * This is the only file of src/store that imports React (eslint.config.js): the store itself stays plain zustand,
 * run by commands and tests in Node.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createEditorStore, type EditorState, type EditorStore } from './editorStore';

const EditorContext = createContext<EditorStore | null>(null);

/** See afterNextPaint. */
const PAINT_WAIT_MS = 100;

/**
 * After the next frame has been painted: a flow just opened is on screen before its problems are counted. A hidden
 * tab paints no frames, so the task runs after PAINT_WAIT_MS at the latest.
 */
function afterNextPaint(task: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    task();
  };
  const fallback = setTimeout(run, PAINT_WAIT_MS);
  requestAnimationFrame(() => {
    clearTimeout(fallback);
    setTimeout(run, 0);
  });
}

/** Gives its subtree one editor store: the one passed in (tests, embedding) or a new one made on first render. */
export function EditorProvider({ store, children }: { store?: EditorStore; children: ReactNode }) {
  const [ownStore] = useState(() => store ?? createEditorStore({ afterOpen: afterNextPaint }));
  return <EditorContext value={ownStore}>{children}</EditorContext>;
}

/** The store itself, for event handlers that read state at the time they run (`getState()`). */
export function useEditorApi(): EditorStore {
  const store = useContext(EditorContext);
  if (!store) throw new Error('Editor components must be inside <EditorProvider>.');
  return store;
}

/**
 * Subscribes to a slice of the editor state. Selectors must return stable values (state fields, memoised
 * derivations, or `useShallow` for fresh arrays/objects), or the component re-renders on every store change.
 */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorApi(), selector);
}
