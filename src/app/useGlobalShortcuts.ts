import { useEffect } from 'react';
import {
  COMMANDS,
  commandForKey,
  commandState,
  runCommand,
  type CommandContext,
  type CommandUi,
  type KeyPhase,
} from '../commands';
import { createCompareStore, type CompareStore } from '../store/compare';
import type { EditorStore } from '../store/editorStore';
import { currentPlatform, fieldKind } from './shortcuts';

/**
 * The one key handler of the editor: finds the command a key press asks for in the registry (src/commands) and
 * runs it. Returns whether the key was taken (then its browser default is prevented: Ctrl+K must not reach the
 * address bar, / must not start the browser's quick find).
 *
 * Which commands' keys apply is the registry's to say (scopes): the canvas's (Delete, F2, arrows…) only while the
 * canvas has focus; the editor's wherever focus is, but not while comparing; none but Escape while a dialog is open;
 * none while typing in a field (which keeps its own undo, Escape…), except undo and redo in the inspector's fields,
 * whose every change is already in the document.
 *
 * `bubble` runs after the handlers inside the page, which can claim a key by preventing its default (a combobox,
 * Monaco); `capture` runs before them, for the few commands that must come first (the arrow keys on the canvas,
 * before React Flow moves nodes on its own).
 */
function dispatchKey(event: KeyboardEvent, context: CommandContext, phase: KeyPhase): boolean {
  // Handled already, or part of composing text with an input method.
  if (event.defaultPrevented || event.isComposing) return false;
  const target = {
    field: fieldKind(event.target),
    inCanvas: context.ui.canvas?.contains(event.target) ?? false,
  };
  const found = commandForKey(COMMANDS, event, commandState(context), target, context.ui.platform, phase);
  if (!found) return false;
  if (found.run) void runCommand(found.command, context, { key: event });
  return true;
}

/** What commands get where no view lends them anything: no canvas, no file chooser, no clipboard. */
function noViews(): CommandUi {
  const unavailable = () => {
    throw new Error('not available here');
  };
  return {
    platform: currentPlatform(),
    chooseFile: unavailable,
    clipboard: { readText: unavailable, writeText: unavailable },
    focusWidgets: () => undefined,
    canvas: null,
  };
}

/**
 * What a key press does in an editor (its store), with a compare store (none: not comparing) and the hooks its
 * views lend the commands (none: no canvas and the like), in the bubble phase unless told: see `dispatchKey`.
 */
export function handleGlobalKey(
  store: EditorStore,
  event: KeyboardEvent,
  compare: CompareStore = createCompareStore(),
  views: { ui?: CommandUi; phase?: KeyPhase } = {},
): boolean {
  return dispatchKey(event, { store, compare, ui: views.ui ?? noViews() }, views.phase ?? 'bubble');
}

/** Installs the editor's key handler on the window, in both phases, for as long as the component is mounted. */
export function useGlobalShortcuts(context: CommandContext): void {
  useEffect(() => {
    const { store, compare, ui } = context;
    const capture = (event: KeyboardEvent) => {
      if (!handleGlobalKey(store, event, compare, { ui, phase: 'capture' })) return;
      event.preventDefault();
      // Taken before the page's own handlers: they must not act on it too.
      event.stopPropagation();
    };
    const bubble = (event: KeyboardEvent) => {
      if (handleGlobalKey(store, event, compare, { ui })) event.preventDefault();
    };
    window.addEventListener('keydown', capture, true);
    window.addEventListener('keydown', bubble);
    return () => {
      window.removeEventListener('keydown', capture, true);
      window.removeEventListener('keydown', bubble);
    };
  }, [context]);
}
