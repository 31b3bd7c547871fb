/**
 * Commands: every user action of the editor, once (registry.ts), run the same way from keys, buttons, the canvas,
 * the shortcuts overlay and the command palette. Pure TypeScript over the store: no React, no DOM, so every
 * command runs in Node tests against a real store.
 */
export { COMMANDS, commandLabel, getCommand, type CommandId } from './registry';
export { commandForKey, commandState, runCommand, type KeyPhase, type KeyTarget } from './run';
export { paletteEntries } from './palette';
export { shortcutRows } from './overlay';
export { ariaKeyShortcuts, displayKeys, withKeys, type Platform } from './keys';
export type { CanvasHooks, Command, CommandContext, CommandInput, CommandState, CommandUi } from './types';
