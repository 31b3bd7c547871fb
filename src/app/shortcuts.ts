/**
 * The browser's side of the keyboard shortcuts: which platform this is (Ctrl or ⌘) and what kind of element a key
 * press happened in. The bindings themselves are the commands' (src/commands/registry.ts), which the key handling,
 * the buttons' tooltips, the shortcuts overlay (?) and the command palette all read.
 */
import type { KeyTarget, Platform } from '../commands';

/** Whether `Mod` is ⌘ here (macOS and iOS) or Ctrl. */
export function currentPlatform(): Platform {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? 'mac' : 'other';
}

/** Inputs that take no typing: shortcuts still apply while they have focus (e.g. right after "Open file…"). */
const NON_TEXT_INPUTS = new Set([
  'button',
  'checkbox',
  'color',
  'file',
  'image',
  'radio',
  'range',
  'reset',
  'submit',
]);

/** Typing in a field keeps its native keys (undo, copy, arrows...): shortcuts apply elsewhere only. */
export function isEditableTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  return (
    target.isContentEditable ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT' ||
    target.closest('.monaco-editor') !== null
  );
}

/**
 * What kind of field a key press happened in. A field whose every change is already in the document (the
 * inspector's: `data-undo="editor"` on it or around it, the nearest `data-undo` deciding) is `live-field`: undo
 * and redo there are the editor's, so Ctrl+Z takes back the last change wherever the user made it. Fields that
 * apply their text only when asked (`data-undo="field"`, e.g. a widget name renamed on Enter) keep the browser's
 * own undo, as every other field does.
 */
export function fieldKind(target: EventTarget | null): KeyTarget['field'] {
  if (!isEditableTarget(target) || !(target instanceof HTMLElement)) return 'none';
  return target.closest('[data-undo]')?.getAttribute('data-undo') === 'editor' ? 'live-field' : 'field';
}
