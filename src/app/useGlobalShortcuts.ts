import { useEffect } from 'react';
import type { CompareStore } from '../store/compare';
import type { EditorStore } from '../store/editorStore';
import { useCompareStoreApi } from './CompareStoreContext';
import { useEditorStoreApi } from './EditorStoreContext';
import { isEditableTarget, shortcutFor, type ShortcutId } from './shortcuts';

/**
 * What a key does anywhere in the editor. Returns whether it was handled (then its browser default is
 * prevented: Ctrl+K must not reach the address bar, / must not start the browser's quick find).
 *
 * Canvas-scoped keys (delete, copy/paste, F2, arrows...) belong to the canvas; the ones here work wherever focus
 * is, except while typing in a field (which keeps its own undo, Escape...) and, but for Escape, while a dialog
 * is open.
 *
 * While comparing (`compare` has a session), the document is out of view and stays as it is: undo, redo and the
 * widget search do nothing; n and p step through the changes, Escape clears the chosen change.
 */
export function handleGlobalKey(store: EditorStore, event: KeyboardEvent, compare?: CompareStore): boolean {
  // Handled already (a combobox, Monaco, the canvas), or part of composing text with an input method.
  if (event.defaultPrevented || event.isComposing) return false;
  const id: ShortcutId | null = shortcutFor(event);
  if (!id) return false;
  const state = store.getState();
  const compareState = compare?.getState();
  const comparing = compareState?.session ? compareState : null;

  if (id === 'escape') {
    if (state.dialog !== null) {
      // The dialog handles Escape itself (its `cancel` event); this covers focus having strayed outside it.
      state.closeDialog();
      return true;
    }
    if (comparing) {
      if (isEditableTarget(event.target) || comparing.selectedId === null) return false;
      comparing.select(null);
      return true;
    }
    if (isEditableTarget(event.target) || state.selection.length === 0) return false;
    state.setSelection([]);
    return true;
  }

  if (state.dialog !== null || isEditableTarget(event.target)) return false;

  if (comparing) {
    switch (id) {
      case 'next-change':
        comparing.step(1);
        return true;
      case 'previous-change':
        comparing.step(-1);
        return true;
      case 'help':
        if (event.repeat) return false;
        state.openDialog('shortcuts');
        return true;
      default:
        return false;
    }
  }

  switch (id) {
    case 'undo':
      if (state.canUndo) state.undo();
      return true;
    case 'redo':
      if (state.canRedo) state.redo();
      return true;
    case 'search':
      if (event.repeat || !state.definition) return false;
      state.openDialog('search');
      return true;
    case 'help':
      if (event.repeat) return false;
      state.openDialog('shortcuts');
      return true;
    default:
      return false;
  }
}

/** Installs the editor-wide shortcuts on the window for as long as the component is mounted. */
export function useGlobalShortcuts(): void {
  const store = useEditorStoreApi();
  const compare = useCompareStoreApi();
  useEffect(() => {
    // Bubble phase on the window: runs after handlers inside the page, which can claim a key by preventing it.
    const onKeyDown = (event: KeyboardEvent) => {
      if (handleGlobalKey(store, event, compare)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, compare]);
}
