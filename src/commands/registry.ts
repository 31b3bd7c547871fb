/**
 * Every user action of the editor, once: its label, its keys, when it is available and what it does and says.
 * The header buttons, the key handling, the canvas toolbar, the shortcuts overlay (?) and the command palette all
 * read this list, so none of them can disagree with another.
 *
 * A command does its work through store actions (each one model command, one undo step) and the few UI hooks of
 * its context; it returns what to announce. Adding one: an entry here (an id, a label, `enabled`, `run`, and keys
 * if it has some, in a scope where no other command of an overlapping scope has them: registry.test.ts checks),
 * then a button wherever it belongs (`useCommand(id)` in src/app) if it needs one besides the palette.
 */
import { findWidget } from '../model/graph';
import { TRIGGER_TYPE } from '../model/commands';
import type { Offset } from '../model/types';
import { formatSize } from '../io';
import { canRedo, canUndo, canvasDefinition, selectedWidget } from '../store/editing';
import {
  describeCanvasPaste,
  isWholeFlow,
  pasteOnCanvas,
  type CanvasPasteOutcome,
} from '../store/editorStore';
import { importInput, restoreWidgets, WORKER_THRESHOLD } from '../store/importJob';
import { displayKeys } from './keys';
import type {
  Command,
  CommandContext,
  CommandInput,
  CommandMessage,
  CommandState,
  StudioAction,
} from './types';

/** How far an arrow key moves the selection (Studio's grid); ten times as far with Shift. */
const ARROW_STEP = 10;

const ARROWS: Readonly<Record<string, readonly [number, number]>> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

const editing = (s: CommandState) => s.compare === null;
const hasFlow = (s: CommandState) => s.compare === null && s.editor.definition !== null;
const onCanvas = (s: CommandState) => hasFlow(s) && s.canvas !== null;
const hasSelection = (s: CommandState) => onCanvas(s) && s.editor.selection.length > 0;

/**
 * The Studio account's commands: each asks the app's account side (src/app/account), which opens its dialog or says
 * how to connect. Enabled with a flow open (the account dialog always): whether the server holds credentials is
 * the account side's to tell, in words.
 */
function studioCommands() {
  const studio = <const Id extends string>(
    id: Id,
    label: string,
    action: StudioAction,
    keywords: readonly string[],
    needsFlow: boolean,
  ): Command & { id: Id } => ({
    id,
    label,
    keywords: ['studio', 'twilio', 'account', 'api', ...keywords],
    group: 'File',
    scope: needsFlow ? 'editor' : 'app',
    enabled: needsFlow ? hasFlow : () => true,
    ...(needsFlow
      ? {
          disabledReason: (s: CommandState) =>
            s.compare !== null
              ? 'Leave compare mode first'
              : s.editor.definition === null
                ? 'Open a flow first'
                : undefined,
        }
      : {}),
    run: ({ ui }) =>
      ui.studio ? ui.studio.run(action) : 'The Studio account is not available in this editor.',
  });
  return [
    studio(
      'studio-account',
      'Studio account…',
      'account',
      ['flows', 'connect', 'open', 'delete', 'create'],
      false,
    ),
    studio(
      'studio-save-draft',
      'Save draft to Studio…',
      'save-draft',
      ['save', 'update', 'upload', 'push'],
      true,
    ),
    studio('studio-publish', 'Publish to Studio…', 'publish', ['publish', 'release', 'push'], true),
    studio(
      'studio-validate',
      'Validate with Studio',
      'validate',
      ['validate', 'check', 'remote', 'verdict'],
      true,
    ),
    studio('studio-revisions', 'Studio revisions…', 'revisions', ['history', 'revisions', 'compare'], true),
    studio('studio-test-users', 'Studio test users…', 'test-users', ['test users', 'testers', 'draft'], true),
  ] as const;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : `${n} ${many}`);

/** The selected widgets that are copied (the Trigger never is). */
function copyableCount(context: CommandContext, names: readonly string[]): number {
  const def = context.store.getState().definition;
  return def ? names.filter((n) => findWidget(def, n)?.type !== TRIGGER_TYPE).length : 0;
}

async function copyOrCut(context: CommandContext, input: CommandInput | undefined, cut: boolean) {
  const state = context.store.getState();
  const names = state.selection;
  const text = state.copyWidgets(names);
  if (text === null) return null;
  // Written before anything is deleted: a cut whose text never reached the clipboard must not lose the widgets.
  await (input?.clipboard ?? context.ui.clipboard).writeText(text);
  const count = copyableCount(context, names);
  if (cut) context.store.getState().deleteWidgets(names);
  return `${cut ? 'Cut' : 'Copied'} ${count === 1 ? '1 widget' : `${count} widgets`}.`;
}

async function paste(context: CommandContext, input: CommandInput | undefined): Promise<CommandMessage> {
  let text: string;
  try {
    text = await (input?.clipboard ?? context.ui.clipboard).readText();
  } catch {
    return `The browser did not let the editor read the clipboard: press ${displayKeys('Mod+V', context.ui.platform)} on the canvas instead.`;
  }
  if (text === '') return 'The clipboard is empty.';
  const { store } = context;
  // At the pointer when it is over the canvas; otherwise beside where the widgets were copied from.
  const at = context.ui.canvas?.pasteAt();
  let outcome: CanvasPasteOutcome;
  if (text.length >= WORKER_THRESHOLD) {
    // A large clipboard is read through the boundary in a worker: the page stays responsive meanwhile.
    store.getState().announce(`Reading the pasted text (${formatSize(text.length)})…`);
    const whole = await importInput({ kind: 'text', text });
    outcome = isWholeFlow(whole)
      ? { kind: 'flow', result: store.getState().importResult(whole) }
      : { kind: 'widgets', result: store.getState().pasteRestored(await restoreWidgets(text), at) };
  } else {
    // A whole flow (a Flow/Revision/list resource, or a definition with a Trigger) is imported, through the
    // import dialog's preview; widget fragments are pasted as widgets.
    outcome = pasteOnCanvas(store.getState(), text, at);
  }
  return describeCanvasPaste(outcome);
}

/** Deletes the selected widgets, and the selected connections whose ends both stay. */
function deleteSelection(context: CommandContext): CommandMessage {
  const state = context.store.getState();
  const names = state.selection;
  const gone = new Set<string>();
  let message: CommandMessage = null;
  if (names.length > 0) {
    // Refusals ("The Trigger cannot be deleted.") are announced by the store.
    const { refused } = state.deleteWidgets(names);
    const refusedNames = new Set(refused.map((r) => r.name));
    for (const name of names) if (!refusedNames.has(name)) gone.add(name);
    const deleted = names.length - refused.length;
    if (deleted > 0 && refused.length === 0) {
      message = deleted === 1 ? `Deleted ${names[0] ?? ''}.` : `Deleted ${deleted} widgets.`;
    }
  }
  for (const connection of context.ui.canvas?.selectedConnections() ?? []) {
    if (gone.has(connection.from) || gone.has(connection.to)) continue;
    context.store.getState().disconnectPort(connection.from, connection.port);
  }
  return message;
}

function moveSelection(context: CommandContext, input: CommandInput | undefined): CommandMessage {
  const key = input?.key;
  const direction = key ? ARROWS[key.key] : undefined;
  const canvas = context.ui.canvas;
  if (!direction || !canvas) return null;
  const step = key?.shiftKey === true ? ARROW_STEP * 10 : ARROW_STEP;
  const moves = new Map<string, Offset>();
  for (const name of context.store.getState().selection) {
    const at = canvas.position(name);
    if (at) moves.set(name, { x: at.x + direction[0] * step, y: at.y + direction[1] * step });
  }
  context.store.getState().moveWidgets(moves);
  return null;
}

async function layout(context: CommandContext): Promise<CommandMessage> {
  const state = context.store.getState();
  const count = state.selection.length;
  // The selection when it is two widgets or more, else the whole flow, which is then fitted in view.
  const scope = count > 1 ? 'selection' : 'all';
  await state.autoLayout(scope);
  if (scope === 'selection') return `Laid out ${count} widgets.`;
  await context.ui.canvas?.fitView();
  return 'Laid out the flow.';
}

const REGISTRY = [
  // ----- File -----
  {
    id: 'open-file',
    label: 'Open file…',
    keywords: ['import', 'load', 'json'],
    group: 'File',
    scope: 'editor',
    enabled: editing,
    run: (context) => {
      context.ui.chooseFile();
    },
  },
  {
    id: 'paste-json',
    label: 'Paste JSON…',
    keywords: ['import'],
    group: 'File',
    scope: 'editor',
    enabled: editing,
    run: ({ store }) => {
      store.getState().openDialog('import');
    },
  },
  {
    id: 'new-flow',
    label: 'New flow',
    keywords: ['create'],
    group: 'File',
    scope: 'editor',
    enabled: editing,
    run: ({ store }) => {
      store.getState().createNewFlow();
    },
  },
  {
    id: 'export',
    label: 'Export…',
    keywords: ['download', 'save', 'publish', 'image', 'svg', 'png', 'curl'],
    group: 'File',
    scope: 'editor',
    enabled: hasFlow,
    disabledReason: (s) =>
      s.compare !== null
        ? 'Leave compare mode to export the flow'
        : s.editor.definition === null
          ? 'Open a flow to export it'
          : undefined,
    run: ({ store }) => {
      store.getState().openDialog('export');
    },
  },
  ...studioCommands(),
  {
    id: 'compare',
    label: 'Compare…',
    keywords: ['diff', 'revision', 'versions'],
    group: 'File',
    scope: 'app',
    enabled: () => true,
    run: ({ store }) => {
      store.getState().openDialog('compare');
    },
  },

  // ----- Editing -----
  {
    id: 'undo',
    label: 'Undo',
    group: 'Editing',
    keys: ['Mod+Z'],
    scope: 'editor',
    inFields: 'live',
    claimsKeyWhenDisabled: true,
    enabled: (s) => editing(s) && canUndo(s.editor),
    run: ({ store }) => {
      store.getState().undo();
    },
  },
  {
    id: 'redo',
    label: 'Redo',
    group: 'Editing',
    keys: ['Mod+Shift+Z', 'Mod+Y'],
    scope: 'editor',
    inFields: 'live',
    claimsKeyWhenDisabled: true,
    enabled: (s) => editing(s) && canRedo(s.editor),
    run: ({ store }) => {
      store.getState().redo();
    },
  },
  {
    id: 'copy',
    label: 'Copy',
    description: 'Copy the selected widgets (as Studio JSON)',
    group: 'Editing',
    keys: ['Mod+C'],
    scope: 'canvas',
    native: true,
    enabled: hasSelection,
    run: (context, input) => copyOrCut(context, input, false),
  },
  {
    id: 'cut',
    label: 'Cut',
    description: 'Cut the selected widgets',
    group: 'Editing',
    keys: ['Mod+X'],
    scope: 'canvas',
    native: true,
    enabled: hasSelection,
    run: (context, input) => copyOrCut(context, input, true),
  },
  {
    id: 'paste',
    label: 'Paste',
    description: 'Paste widgets',
    group: 'Editing',
    keys: ['Mod+V'],
    scope: 'canvas',
    native: true,
    enabled: onCanvas,
    run: paste,
  },
  {
    id: 'duplicate',
    label: 'Duplicate',
    description: 'Duplicate the selected widgets',
    group: 'Editing',
    keys: ['Mod+D'],
    scope: 'canvas',
    enabled: hasSelection,
    run: ({ store }) => {
      const state = store.getState();
      // Refusing the Trigger is announced by the store.
      const pasted = state.duplicateWidgets(state.selection);
      return pasted.length > 0 ? `Duplicated ${plural(pasted.length, 'a widget', 'widgets')}.` : null;
    },
  },
  {
    id: 'delete',
    label: 'Delete',
    description: 'Delete the selected widgets or connection',
    group: 'Editing',
    keys: ['Delete', 'Backspace'],
    scope: 'canvas',
    claimsKeyWhenDisabled: true,
    enabled: (s) => hasSelection(s) || (onCanvas(s) && (s.canvas?.selectedConnections ?? 0) > 0),
    run: deleteSelection,
  },
  {
    id: 'rename',
    label: 'Rename…',
    description: 'Rename the selected widget (or double-click its name)',
    group: 'Editing',
    keys: ['F2'],
    scope: 'canvas',
    enabled: hasSelection,
    run: ({ store, ui }) => {
      const name = selectedWidget(store.getState());
      if (name !== null) ui.canvas?.rename(name);
    },
  },

  // ----- Canvas -----
  {
    id: 'select-all',
    label: 'Select all widgets',
    description: 'Select every widget',
    group: 'Canvas',
    keys: ['Mod+A'],
    scope: 'canvas',
    claimsKeyWhenDisabled: true,
    enabled: onCanvas,
    run: ({ store }) => {
      const state = store.getState();
      state.setSelection(canvasDefinition(state)?.states.map((w) => w.name) ?? []);
    },
  },
  {
    id: 'move-selection',
    label: 'Move the selection',
    description: 'Move the selected widgets (Shift: 10× further)',
    group: 'Canvas',
    keys: Object.keys(ARROWS).flatMap((key) => [key, `Shift+${key}`]),
    keyLabel: 'Arrow keys',
    scope: 'canvas',
    // Before React Flow's own keyboard move, which the store would never hear about.
    capture: true,
    // Which way is the key's to say: nothing to run from the palette.
    hidden: true,
    enabled: hasSelection,
    run: moveSelection,
  },
  {
    id: 'layout',
    label: 'Auto-layout',
    labelFor: (s) => (s.editor.selection.length > 1 ? 'Auto-layout selection' : 'Auto-layout'),
    description: 'Auto-layout the selection, or the whole flow',
    keywords: ['arrange', 'tidy'],
    group: 'Canvas',
    keys: ['Mod+Shift+L'],
    scope: 'canvas',
    claimsKeyWhenDisabled: true,
    enabled: hasFlow,
    run: layout,
  },
  {
    id: 'keep-layout',
    label: 'Keep this layout',
    keywords: ['automatic', 'layout', 'positions'],
    group: 'Canvas',
    scope: 'editor',
    enabled: (s) => hasFlow(s) && s.editor.openLayout?.for === s.editor.definition,
    run: ({ store }) => {
      store.getState().keepOpenLayout();
    },
  },
  {
    id: 'fit',
    label: 'Fit the flow in view',
    description: 'Fit the whole flow in view',
    keywords: ['zoom'],
    group: 'Canvas',
    keys: ['Shift+1'],
    scope: 'canvas',
    claimsKeyWhenDisabled: true,
    enabled: onCanvas,
    run: ({ ui }) => {
      void ui.canvas?.fitView();
    },
  },
  {
    id: 'zoom-in',
    label: 'Zoom in',
    group: 'Canvas',
    keys: ['+'],
    scope: 'canvas',
    claimsKeyWhenDisabled: true,
    enabled: onCanvas,
    run: ({ ui }) => {
      ui.canvas?.zoomIn();
    },
  },
  {
    id: 'zoom-out',
    label: 'Zoom out',
    group: 'Canvas',
    keys: ['-'],
    scope: 'canvas',
    claimsKeyWhenDisabled: true,
    enabled: onCanvas,
    run: ({ ui }) => {
      ui.canvas?.zoomOut();
    },
  },

  // ----- Navigation -----
  {
    id: 'search',
    label: 'Find widget…',
    description: 'Jump to a widget by name',
    keywords: ['search', 'go to'],
    group: 'Navigation',
    keys: ['Mod+K', '/'],
    scope: 'editor',
    once: true,
    enabled: hasFlow,
    disabledReason: (s) =>
      s.compare !== null
        ? 'Leave compare mode to find widgets'
        : s.editor.definition === null
          ? 'Open a flow to find its widgets'
          : undefined,
    run: ({ store }) => {
      store.getState().openDialog('search');
    },
  },
  {
    id: 'clear-selection',
    label: 'Clear the selection',
    description: 'Clear the selection, close a dialog',
    keywords: ['deselect', 'unselect'],
    group: 'Navigation',
    keys: ['Escape'],
    scope: 'editor',
    enabled: (s) => editing(s) && s.editor.selection.length > 0,
    run: ({ store }) => {
      store.getState().setSelection([]);
    },
  },
  {
    id: 'close-dialog',
    label: 'Close the dialog',
    group: 'Navigation',
    keys: ['Escape'],
    toldBy: 'clear-selection',
    scope: 'dialog',
    inFields: 'all',
    hidden: true,
    // The dialog handles Escape itself (its `cancel` event); this covers focus having strayed outside it.
    enabled: (s) => s.editor.dialog !== null,
    run: ({ store }) => {
      store.getState().closeDialog();
    },
  },

  // ----- Compare -----
  {
    id: 'next-change',
    label: 'Next change',
    description: 'Next change (while comparing)',
    group: 'Compare',
    keys: ['N'],
    scope: 'compare',
    enabled: (s) => s.compare !== null,
    run: ({ compare }) => {
      compare.getState().step(1);
    },
  },
  {
    id: 'previous-change',
    label: 'Previous change',
    description: 'Previous change (while comparing)',
    group: 'Compare',
    keys: ['P'],
    scope: 'compare',
    enabled: (s) => s.compare !== null,
    run: ({ compare }) => {
      compare.getState().step(-1);
    },
  },
  {
    id: 'clear-change',
    label: 'Clear the chosen change',
    description: 'Clear the chosen change (while comparing)',
    group: 'Compare',
    keys: ['Escape'],
    scope: 'compare',
    enabled: (s) => s.compare !== null && s.compare.selectedId !== null,
    run: ({ compare }) => {
      compare.getState().select(null);
    },
  },
  {
    id: 'swap-versions',
    label: 'Swap the versions',
    keywords: ['compare', 'base', 'changed'],
    group: 'Compare',
    scope: 'compare',
    enabled: (s) => s.compare !== null,
    run: ({ compare }) => {
      compare.getState().swap();
    },
  },
  {
    id: 'exit-compare',
    label: 'Exit compare',
    keywords: ['leave', 'close'],
    group: 'Compare',
    scope: 'compare',
    enabled: (s) => s.compare !== null,
    run: ({ compare, ui }) => {
      compare.getState().exit();
      // The view's buttons are gone with it: the widgets list takes the keyboard.
      ui.focusWidgets();
    },
  },

  // ----- Application -----
  {
    id: 'help',
    label: 'Keyboard shortcuts',
    description: 'Show these shortcuts',
    keywords: ['keys', 'help'],
    group: 'Application',
    keys: ['?'],
    scope: 'app',
    once: true,
    enabled: () => true,
    run: ({ store }) => {
      store.getState().openDialog('shortcuts');
    },
  },
  {
    id: 'palette',
    label: 'Show all commands',
    description: 'Show all commands (command palette)',
    group: 'Application',
    keys: ['Mod+Shift+P'],
    scope: 'app',
    once: true,
    hidden: true,
    enabled: () => true,
    run: ({ store }) => {
      store.getState().openDialog('commands');
    },
  },
] as const satisfies readonly Command[];

export type CommandId = (typeof REGISTRY)[number]['id'];

/** The registry, in the order the shortcuts overlay lists them within each group. */
export const COMMANDS: readonly Command[] = REGISTRY;

const BY_ID = new Map<string, Command>(COMMANDS.map((c) => [c.id, c]));

/** The command with this id. */
export function getCommand(id: CommandId): Command {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`No command ${id}.`);
  return found;
}

/** A command's label in this state ("Auto-layout selection"). */
export function commandLabel(c: Command, state: CommandState): string {
  return c.labelFor ? c.labelFor(state) : c.label;
}

/**
 * Pointer gestures the shortcuts overlay lists beside the keys: React Flow performs them (they are no commands),
 * each shown after the command named in `after`.
 */
export const GESTURES = [
  {
    id: 'multi-select',
    keys: ['Shift+Click'],
    description: 'Add a widget to the selection',
    after: 'select-all',
  },
  {
    id: 'box-select',
    keys: ['Shift+Drag'],
    description: 'Select the widgets inside a box',
    after: 'multi-select',
  },
] as const;
