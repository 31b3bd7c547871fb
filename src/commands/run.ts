/**
 * Running commands, and finding the command a key press asks for. One path for every way of asking: a key, a
 * button, the palette, a clipboard event on the canvas.
 */
import { matchesBinding, type KeyLike, type Platform } from './keys';
import type { Command, CommandContext, CommandInput, CommandScope, CommandState } from './types';

/** What `enabled` sees now. */
export function commandState(context: CommandContext): CommandState {
  const compare = context.compare.getState();
  const canvas = context.ui.canvas;
  return {
    editor: context.store.getState(),
    compare: compare.session ? compare : null,
    canvas: canvas ? { selectedConnections: canvas.selectedConnections().length } : null,
  };
}

/**
 * Runs a command if it is enabled, and announces what it says through the store's status line. Resolves to
 * whether it ran. The command starts synchronously (a clipboard event's data is written while the event lasts);
 * a failure is announced rather than thrown ("Auto-layout failed: …").
 */
export async function runCommand(
  command: Command,
  context: CommandContext,
  input?: CommandInput,
): Promise<boolean> {
  if (!command.enabled(commandState(context))) return false;
  try {
    const message = await command.run(context, input);
    if (message) context.store.getState().announce(message);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    context.store.getState().announce(`${command.label} failed: ${why}`);
  }
  return true;
}

/**
 * The scopes whose keys apply: a dialog takes every key for itself; otherwise the app's, and the editor's (and the
 * canvas's, where it has focus) or compare mode's.
 */
export function activeScopes(state: CommandState, inCanvas: boolean): readonly CommandScope[] {
  if (state.editor.dialog !== null) return ['dialog'];
  if (state.compare !== null) return ['app', 'compare'];
  return inCanvas ? ['app', 'editor', 'canvas'] : ['app', 'editor'];
}

/**
 * Where a key press happened:
 * - `field`: a text field, select or code editor, where keys keep their native meaning;
 * - `live-field`: a field whose every change is already in the document (the inspector's), where undo and redo
 *   are the editor's;
 * - `inCanvas`: inside the canvas, where the canvas's keys apply.
 */
export interface KeyTarget {
  field: 'none' | 'field' | 'live-field';
  inCanvas: boolean;
}

/** A key press as the key handler sees it. */
export interface KeyPress extends KeyLike {
  repeat?: boolean;
}

/**
 * The handlers' phase: `capture` before the page's own handlers (commands marked `capture`), `bubble` after them
 * (every other command; a handler inside the page claims a key first by preventing its default).
 */
export type KeyPhase = 'capture' | 'bubble';

/**
 * What a key press asks for: null when it is no command's here and now (the key keeps its native meaning); else
 * the command, and whether to run it (`run` false: the key is taken, but the command is disabled and does
 * nothing, like Ctrl+Z with nothing to undo).
 */
export function commandForKey(
  commands: readonly Command[],
  event: KeyPress,
  state: CommandState,
  target: KeyTarget,
  platform: Platform,
  phase: KeyPhase,
): { command: Command; run: boolean } | null {
  const scopes = activeScopes(state, target.inCanvas);
  const command = commands.find(
    (c) =>
      scopes.includes(c.scope) &&
      (c.capture === true) === (phase === 'capture') &&
      c.keys?.some((binding) => matchesBinding(event, binding, platform)) === true,
  );
  if (!command || command.native) return null;
  if (target.field === 'field' && command.inFields !== 'all') return null;
  if (target.field === 'live-field' && command.inFields === undefined) return null;
  if (command.once && event.repeat === true) return null;
  if (command.enabled(state)) return { command, run: true };
  return command.claimsKeyWhenDisabled ? { command, run: false } : null;
}
