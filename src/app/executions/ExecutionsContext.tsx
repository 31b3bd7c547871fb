/**
 * The executions store of the open workspace (src/store/executions.ts) and what the canvas draws of it. Made with the
 * workspace (the executions layer loads with it, not with the page), over the account's client while one is
 * connected.
 */
import { createContext, useContext, useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { CanvasOverlay } from '../../canvas/overlay';
import {
  createExecutionsStore,
  pathOf,
  summaryOf,
  type ExecutionsState,
  type ExecutionsStore,
} from '../../store/executions';
import { useEditor, useEditorApi } from '../../store/react';
import { useStudioClient } from '../account/RemoteContext';
import { heatOverlay, pathOverlay } from './overlayOf';

const ExecutionsContext = createContext<ExecutionsStore | null>(null);

export function ExecutionsProvider({ children }: { children: ReactNode }) {
  const editor = useEditorApi();
  const client = useStudioClient();
  const [store] = useState(() =>
    createExecutionsStore({
      client,
      announce: (text) => editor.getState().announce(text),
      definition: () => editor.getState().definition,
    }),
  );
  return <ExecutionsContext value={store}>{children}</ExecutionsContext>;
}

export function useExecutionsApi(): ExecutionsStore {
  const store = useContext(ExecutionsContext);
  if (!store) throw new Error('useExecutions must be used inside <ExecutionsProvider>.');
  return store;
}

/** Subscribes to a slice of the executions state (selectors must return stable values). */
export function useExecutions<T>(selector: (state: ExecutionsState) => T): T {
  return useStore(useExecutionsApi(), selector);
}

/** The overlay for the canvas and its description, or null while no execution is shown. */
export function useExecutionsOverlay(): { overlay: CanvasOverlay | null; description: string } {
  const data = useExecutions((s) => s.data);
  const mode = useExecutions((s) => s.mode);
  const selected = useExecutions((s) => s.selected);
  const step = useExecutions((s) => s.step);
  // The definition as of the last deferred render (the panel uses the same, so they share one summary): an edit
  // is drawn at once, the summary against it follows in a background render, never in the keystroke's.
  const definition = useDeferredValue(useEditor((s) => s.definition));
  return useMemo(() => {
    if (!data || !definition) return { overlay: null, description: '' };
    if (mode === 'heat') {
      const summary = summaryOf(data, definition);
      return {
        overlay: heatOverlay(summary),
        description: `Showing the heat map of ${summary.totals.executions} executions, ${summary.totals.steps} steps.`,
      };
    }
    if (selected === null) return { overlay: null, description: '' };
    const path = pathOf(data, selected, definition);
    return {
      overlay: pathOverlay(path, step),
      description: `Showing execution ${selected}: ${path.steps.length} steps, step ${Math.min(step + 1, path.steps.length)}.`,
    };
  }, [data, definition, mode, selected, step]);
}
