/**
 * Tab wrapping inside a modal dialog (Modal.tsx), as a pure choice over the dialog's focusable elements in
 * document order. Pure: tested without a DOM.
 */

/**
 * Where Tab (or Shift+Tab with `backwards`) must send focus from `current` so it stays inside the dialog: the first
 * element after the last, the last before the first. `null` when the browser's own move stays inside (or there is
 * nothing to focus), so the key is left alone.
 */
export function wrapFocus<T>(focusable: readonly T[], current: unknown, backwards: boolean): T | null {
  const first = focusable[0];
  const last = focusable.at(-1);
  if (first === undefined || last === undefined) return null;
  if (backwards) return current === first ? last : null;
  return current === last ? first : null;
}
