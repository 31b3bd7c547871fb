/**
 * The app's side of the commands (src/commands): their context (the editor and compare stores, and the UI hooks
 * only the app can supply), the one key handler, and `useCommand` for the buttons that show a command.
 */
import { createContext, useContext, useLayoutEffect, useState, type ReactNode } from 'react';
import {
  ariaKeyShortcuts,
  commandLabel,
  getCommand,
  runCommand,
  withKeys,
  type CanvasHooks,
  type Command,
  type CommandContext,
  type CommandId,
  type CommandInput,
  type CommandState,
  type CommandUi,
} from '../commands';
import type { StudioHooks } from '../commands/types';
import type { CompareStore } from '../store/compare';
import type { EditorStore } from '../store/editorStore';
import { useCompareStore, useCompareStoreApi } from './CompareStoreContext';
import { useEditor, useEditorApi } from '../store/react';
import { WIDGETS_GRID_ID } from './ids';
import { currentPlatform } from './shortcuts';
import { useGlobalShortcuts } from './useGlobalShortcuts';

/** One editor's commands: what they run against, and running them by id. */
export interface CommandHost {
  context: CommandContext;
  run: (id: CommandId, input?: CommandInput) => Promise<boolean>;
  /** The canvas lends its hooks while it is mounted; the returned function takes them back. */
  attachCanvas: (canvas: CanvasHooks) => () => void;
  /** What opens the file chosen through "Open file…" (the app's file opener, whose state lives in the shell). */
  setOpenFile: (open: (file: File) => void) => void;
  /** The Studio account's side lends its actions while mounted; the returned function takes them back. */
  attachStudio: (studio: StudioHooks) => () => void;
}

function createHost(store: EditorStore, compare: CompareStore): CommandHost {
  let openFile: (file: File) => void = () => undefined;
  const ui: CommandUi = {
    platform: currentPlatform(),
    chooseFile: () => {
      // The platform's own chooser, as the header's "Open file…" input opens it.
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.json,application/json';
      input.addEventListener('change', () => {
        const file = input.files?.[0];
        if (file) openFile(file);
      });
      input.click();
    },
    clipboard: {
      readText: () => navigator.clipboard.readText(),
      writeText: (text) => navigator.clipboard.writeText(text),
    },
    focusWidgets: () => {
      // A frame later: the view that had focus is gone by then.
      requestAnimationFrame(() => document.getElementById(WIDGETS_GRID_ID)?.focus());
    },
    canvas: null,
  };
  const context: CommandContext = { store, compare, ui };
  return {
    context,
    run: (id, input) => runCommand(getCommand(id), context, input),
    attachCanvas: (canvas) => {
      ui.canvas = canvas;
      return () => {
        if (ui.canvas === canvas) ui.canvas = null;
      };
    },
    attachStudio: (studio) => {
      ui.studio = studio;
      return () => {
        if (ui.studio === studio) ui.studio = null;
      };
    },
    setOpenFile: (open) => {
      openFile = open;
    },
  };
}

const CommandsContext = createContext<CommandHost | null>(null);

/** Gives the app its commands, over the editor and compare stores, and installs the one key handler. */
export function CommandsProvider({ children }: { children: ReactNode }) {
  const store = useEditorApi();
  const compare = useCompareStoreApi();
  const [host] = useState(() => createHost(store, compare));
  useGlobalShortcuts(host.context);
  return <CommandsContext value={host}>{children}</CommandsContext>;
}

export function useCommandHost(): CommandHost {
  const host = useContext(CommandsContext);
  if (!host) throw new Error('Commands must be used inside <CommandsProvider>.');
  return host;
}

/** Makes `openFile` what opens the file chosen through the "Open file…" command, while mounted. */
export function useOpenFileCommand(openFile: (file: File) => void): void {
  const { setOpenFile } = useCommandHost();
  useLayoutEffect(() => setOpenFile(openFile), [setOpenFile, openFile]);
}

/** What a button needs of a command, kept up to date with the state. */
export interface CommandView {
  command: Command;
  /** The label in this state ("Auto-layout selection"). */
  label: string;
  enabled: boolean;
  /** Why it is disabled, when there is something useful to say. */
  reason: string | undefined;
  /** "Undo (Ctrl+Z)": the label and its first key, for a tooltip. */
  title: string;
  /** For `aria-keyshortcuts`; undefined when it has no keys. */
  ariaKeys: string | undefined;
  run: () => void;
}

/** A command as a button shows it. */
export function useCommand(id: CommandId): CommandView {
  const host = useCommandHost();
  const command = getCommand(id);
  const comparing = useCompareStore((s) => (s.session ? s : null));
  // Buttons do not depend on the canvas's hooks, only on whether it is there.
  const stateOf = (editor: CommandState['editor']): CommandState => ({
    editor,
    compare: comparing,
    canvas: host.context.ui.canvas ? { selectedConnections: 0 } : null,
  });
  const enabled = useEditor((s) => command.enabled(stateOf(s)));
  const label = useEditor((s) => commandLabel(command, stateOf(s)));
  const reason = useEditor((s) =>
    command.disabledReason && !command.enabled(stateOf(s)) ? command.disabledReason(stateOf(s)) : undefined,
  );
  const { platform } = host.context.ui;
  return {
    command,
    label,
    enabled,
    reason,
    title: withKeys(label, command.keys, platform),
    ariaKeys: command.keys ? ariaKeyShortcuts(command.keys, platform) : undefined,
    run: () => void host.run(id),
  };
}
