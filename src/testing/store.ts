/**
 * Test helpers for the editor store.
 * - `importText` opens a flow's text the way the app does, through the restore boundary (`importFlowText`) and the
 *   store's `importResult`. The app itself reads files and large pastes in a worker and hands the result to
 *   `importResult`; tests start from text.
 * - `settledProblems` waits for the problems of a flow just opened: the store counts them after the flow is on
 *   screen (pending until then), as the app shows "Checking…".
 */
import { importFlowText, type ImportResult } from '../io';
import { problemsPending, type EditorStore } from '../store/editorStore';
import type { Problem } from '../model/types';

export function importText(store: EditorStore, text: string, options?: { fileName?: string }): ImportResult {
  return store.getState().importResult(importFlowText(text), options);
}

/** The open document's problems once they are no longer pending. */
export function settledProblems(store: EditorStore): Promise<Problem[]> {
  return new Promise((resolve) => {
    const settled = (): boolean => {
      const { problems } = store.getState();
      if (problemsPending(problems)) return false;
      resolve(problems);
      return true;
    };
    if (settled()) return;
    const unsubscribe = store.subscribe(() => {
      if (settled()) unsubscribe();
    });
  });
}
