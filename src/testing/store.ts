/**
 * Test helper: opens a flow's text in an editor store the way the app does, through the restore boundary
 * (`importFlowText`) and the store's `importResult`. The app itself reads files and large pastes in a worker and
 * hands the result to `importResult`; tests start from text.
 */
import { importFlowText, type ImportResult } from '../io';
import type { EditorStore } from '../store/editorStore';

export function importText(store: EditorStore, text: string, options?: { fileName?: string }): ImportResult {
  return store.getState().importResult(importFlowText(text), options);
}
