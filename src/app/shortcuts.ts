/**
 * Every keyboard shortcut of the editor, in one place: the key bindings and the shortcuts help overlay (?) both
 * read this list, so the help can never disagree with what the keys do.
 *
 * `keys` use `Mod` for Ctrl on Windows/Linux and ⌘ on macOS.
 */

export type ShortcutScope = 'Editing' | 'Canvas' | 'Navigation' | 'Compare' | 'Application';

export interface Shortcut {
  id: string;
  /** Alternatives, e.g. ['Mod+K', '/']. */
  keys: readonly string[];
  description: string;
  scope: ShortcutScope;
}

export const SHORTCUTS = [
  { id: 'undo', keys: ['Mod+Z'], description: 'Undo', scope: 'Editing' },
  { id: 'redo', keys: ['Mod+Shift+Z', 'Mod+Y'], description: 'Redo', scope: 'Editing' },
  {
    id: 'copy',
    keys: ['Mod+C'],
    description: 'Copy the selected widgets (as Studio JSON)',
    scope: 'Editing',
  },
  { id: 'cut', keys: ['Mod+X'], description: 'Cut the selected widgets', scope: 'Editing' },
  { id: 'paste', keys: ['Mod+V'], description: 'Paste widgets', scope: 'Editing' },
  { id: 'duplicate', keys: ['Mod+D'], description: 'Duplicate the selected widgets', scope: 'Editing' },
  {
    id: 'delete',
    keys: ['Delete', 'Backspace'],
    description: 'Delete the selected widgets or connection',
    scope: 'Editing',
  },
  {
    id: 'rename',
    keys: ['F2'],
    description: 'Rename the selected widget (or double-click its name)',
    scope: 'Editing',
  },
  { id: 'select-all', keys: ['Mod+A'], description: 'Select every widget', scope: 'Canvas' },
  {
    id: 'multi-select',
    keys: ['Shift+Click'],
    description: 'Add a widget to the selection',
    scope: 'Canvas',
  },
  { id: 'box-select', keys: ['Shift+Drag'], description: 'Select the widgets inside a box', scope: 'Canvas' },
  {
    id: 'move',
    keys: ['Arrow keys'],
    description: 'Move the selected widgets (Shift: 10× further)',
    scope: 'Canvas',
  },
  {
    id: 'layout',
    keys: ['Mod+Shift+L'],
    description: 'Auto-layout the selection, or the whole flow',
    scope: 'Canvas',
  },
  { id: 'fit', keys: ['Shift+1'], description: 'Fit the whole flow in view', scope: 'Canvas' },
  { id: 'zoom-in', keys: ['+'], description: 'Zoom in', scope: 'Canvas' },
  { id: 'zoom-out', keys: ['-'], description: 'Zoom out', scope: 'Canvas' },
  { id: 'search', keys: ['Mod+K', '/'], description: 'Jump to a widget by name', scope: 'Navigation' },
  { id: 'escape', keys: ['Escape'], description: 'Clear the selection, close a dialog', scope: 'Navigation' },
  { id: 'next-change', keys: ['N'], description: 'Next change (while comparing)', scope: 'Compare' },
  { id: 'previous-change', keys: ['P'], description: 'Previous change (while comparing)', scope: 'Compare' },
  { id: 'help', keys: ['?'], description: 'Show these shortcuts', scope: 'Application' },
] as const satisfies readonly Shortcut[];

export type ShortcutId = (typeof SHORTCUTS)[number]['id'];

const isMac = (): boolean => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** `Mod+Shift+Z` as the user's platform writes it: `Ctrl+Shift+Z` or `⌘⇧Z`. */
export function displayKeys(keys: string): string {
  if (!isMac()) return keys.replace(/Mod/g, 'Ctrl');
  return keys
    .replace(/Mod\+/g, '⌘')
    .replace(/Shift\+/g, '⇧')
    .replace(/Alt\+/g, '⌥');
}

/** Whether a keyboard event matches one binding such as `Mod+Shift+Z`, `F2`, `?` or `/`. */
export function matchesBinding(event: KeyboardEvent, binding: string): boolean {
  const parts = binding.split('+');
  const key = parts.pop() ?? '';
  const mod = parts.includes('Mod');
  const shift = parts.includes('Shift');
  const alt = parts.includes('Alt');
  const modPressed = isMac() ? event.metaKey : event.ctrlKey;
  if (mod !== modPressed || alt !== event.altKey) return false;
  // Printable symbols (?, /, +, -) are matched by the character typed, whatever Shift it took to type them.
  if (key.length === 1 && !/[A-Za-z0-9]/.test(key)) return event.key === key;
  if (shift !== event.shiftKey) return false;
  if (key.length === 1) return event.key.toLowerCase() === key.toLowerCase() || event.code === `Digit${key}`;
  return event.key === key;
}

/** The shortcut a keyboard event triggers, if any. */
export function shortcutFor(event: KeyboardEvent): ShortcutId | null {
  for (const s of SHORTCUTS) for (const k of s.keys) if (matchesBinding(event, k)) return s.id;
  return null;
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
