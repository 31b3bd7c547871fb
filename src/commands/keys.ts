/**
 * Key bindings as the registry writes them (`Mod+Shift+Z`, `F2`, `?`, `Shift+ArrowLeft`), matched against key
 * events and written out for people (`Ctrl+Shift+Z`, `⌘⇧Z`) and for assistive technology (`aria-keyshortcuts`).
 *
 * `Mod` is Ctrl on Windows and Linux and ⌘ on macOS. The platform is passed in (the app reads it from the
 * browser), so this stays pure and testable for both.
 */

export type Platform = 'mac' | 'other';

/** What matching needs of a key event (a DOM `KeyboardEvent` has all of it). */
export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Whether a key event matches one binding such as `Mod+Shift+Z`, `F2`, `?` or `/`. */
export function matchesBinding(event: KeyLike, binding: string, platform: Platform): boolean {
  // The key is what follows the last `+`, unless the key is `+` itself (`+`, `Mod++`).
  const key = binding === '+' || binding.endsWith('++') ? '+' : binding.slice(binding.lastIndexOf('+') + 1);
  const parts = binding.slice(0, binding.length - key.length).split('+');
  const mod = parts.includes('Mod');
  const shift = parts.includes('Shift');
  const alt = parts.includes('Alt');
  const modPressed = platform === 'mac' ? event.metaKey : event.ctrlKey;
  // The other one (Ctrl on macOS, the Windows key elsewhere) is in no binding: a press with it is none of ours.
  const otherPressed = platform === 'mac' ? event.ctrlKey : event.metaKey;
  if (mod !== modPressed || otherPressed || alt !== event.altKey) return false;
  // Printable symbols (?, /, +, -) are matched by the character typed, whatever Shift it took to type them.
  if (key.length === 1 && !/[A-Za-z0-9]/.test(key)) return event.key === key;
  if (shift !== event.shiftKey) return false;
  if (key.length === 1) return event.key.toLowerCase() === key.toLowerCase() || event.code === `Digit${key}`;
  return event.key === key;
}

/** `Mod+Shift+Z` as the platform writes it: `Ctrl+Shift+Z`, or `⌘⇧Z` on macOS. */
export function displayKeys(keys: string, platform: Platform): string {
  if (platform !== 'mac') return keys.replace(/Mod/g, 'Ctrl');
  return keys
    .replace(/Mod\+/g, '⌘')
    .replace(/Shift\+/g, '⇧')
    .replace(/Alt\+/g, '⌥');
}

/** Bindings as `aria-keyshortcuts` wants them: `Control+Shift+Z Control+Y` (`Meta+…` on macOS). */
export function ariaKeyShortcuts(keys: readonly string[], platform: Platform): string {
  const mod = platform === 'mac' ? 'Meta' : 'Control';
  return keys.map((k) => k.replace(/Mod/g, mod)).join(' ');
}

/** "Undo (Ctrl+Z)": a label and its first binding, for tooltips; the label alone when it has none. */
export function withKeys(label: string, keys: readonly string[] | undefined, platform: Platform): string {
  const first = keys?.[0];
  return first === undefined ? label : `${label} (${displayKeys(first, platform)})`;
}
