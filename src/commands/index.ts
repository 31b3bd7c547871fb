/**
 * Commands: every user action of the editor, once (registry.ts), run the same way from keys, buttons, the canvas,
 * the shortcuts overlay and the command palette. Pure TypeScript over the store: no React, no DOM, so every
 * command runs in Node tests against a real store.
 */
export { ARROW_STEP, COMMANDS, GESTURES, commandLabel, getCommand, type CommandId } from './registry';
export { activeScopes, commandForKey, commandState, runCommand } from './run';
export type { KeyPhase, KeyPress, KeyTarget } from './run';
export { paletteEntries, type PaletteEntry } from './palette';
export { shortcutRows, type ShortcutRow } from './overlay';
export { ariaKeyShortcuts, displayKeys, matchesBinding, withKeys, type KeyLike, type Platform } from './keys';
export type {
  CanvasConnection,
  CanvasHooks,
  ClipboardAccess,
  Command,
  CommandContext,
  CommandGroup,
  CommandInput,
  CommandMessage,
  CommandScope,
  CommandState,
  CommandUi,
} from './types';
