/**
 * What a command is, and what it runs against.
 *
 * A command runs against a `CommandContext`: the editor store (every document change goes through its actions),
 * the compare store, and `CommandUi`, the few things only the app's views can do (open the file chooser, reach the
 * clipboard, move the canvas's viewport). The app supplies the real ones; tests supply fakes and a real store, so
 * every command runs in Node.
 */
import type { Offset } from '../model/types';
import type { CompareState, CompareStore } from '../store/compare';
import type { EditorState, EditorStore } from '../store/editorStore';
import type { KeyLike, Platform } from './keys';

/**
 * Where a command's keys apply (its menu entries and buttons apply wherever they are shown):
 * - `dialog`: while a dialog is open (then no other scope is);
 * - `app`: anywhere, comparing or not;
 * - `editor`: while the open flow is on screen (not comparing);
 * - `canvas`: while the canvas has keyboard focus;
 * - `compare`: while comparing.
 */
export type CommandScope = 'dialog' | 'app' | 'editor' | 'canvas' | 'compare';

/** The headings of the shortcuts overlay; keyless commands have one too, for the palette. */
export type CommandGroup = 'File' | 'Editing' | 'Canvas' | 'Navigation' | 'Compare' | 'Application';

/** Reading and writing the clipboard: the browser's, or the one a clipboard event carries. */
export interface ClipboardAccess {
  readText: () => string | Promise<string>;
  writeText: (text: string) => void | Promise<void>;
}

/** A connection of the canvas, from one widget's port to another widget. */
export interface CanvasConnection {
  from: string;
  port: string;
  to: string;
}

/** What the canvas lends the commands while it is mounted (src/canvas/FlowCanvas.tsx). */
export interface CanvasHooks {
  /** Whether an event target (a DOM node) is inside the canvas: canvas keys apply only there. */
  contains: (target: unknown) => boolean;
  fitView: () => Promise<unknown> | undefined;
  zoomIn: () => void;
  zoomOut: () => void;
  /** Starts renaming a widget on its card, bringing the card into view first when it is not readable. */
  rename: (name: string) => void;
  /** The connections selected on the canvas (only the canvas knows its edge selection). */
  selectedConnections: () => readonly CanvasConnection[];
  /** Where a widget's card is drawn now. */
  position: (name: string) => Offset | undefined;
  /** Where pasted widgets go: the pointer's place on the canvas while it is over it (snapped), else undefined. */
  pasteAt: () => Offset | undefined;
}

/** The Studio account's dialogs and actions (src/app/account), when the app has them. */
export type StudioAction = 'account' | 'save-draft' | 'publish' | 'validate' | 'revisions' | 'test-users';
export interface StudioHooks {
  run: (action: StudioAction) => CommandMessage | Promise<CommandMessage>;
}

/** What only the app's views can do. */
export interface CommandUi {
  platform: Platform;
  /** Opens the platform's file chooser (the chosen file is opened as "Open file…" does). */
  chooseFile: () => void;
  clipboard: ClipboardAccess;
  /** Gives the keyboard to the widgets list (after leaving compare mode, whose buttons are gone). */
  focusWidgets: () => void;
  /** The canvas, while it is mounted. */
  canvas: CanvasHooks | null;
  /** The Studio account's side of the app; absent in tests that do not need it. */
  studio?: StudioHooks | null;
}

export interface CommandContext {
  store: EditorStore;
  compare: CompareStore;
  ui: CommandUi;
}

/** What `enabled` looks at: a snapshot of the stores and of the canvas. */
export interface CommandState {
  editor: EditorState;
  /** The compare state while comparing; null otherwise. */
  compare: CompareState | null;
  /** The canvas while it is mounted, with what only it knows; null otherwise. */
  canvas: { selectedConnections: number } | null;
}

/** How a command was asked for, when that matters to what it does. */
export interface CommandInput {
  /** The key press that ran it (the arrow keys move by it). */
  key?: KeyLike;
  /** The clipboard of a clipboard event (copy, cut and paste on the canvas) instead of the browser's. */
  clipboard?: ClipboardAccess;
}

/** What running a command says: the message to announce, or nothing. */
export type CommandMessage = string | null | undefined;

export interface Command {
  id: string;
  /** Its name in the palette, on buttons and in menus ("Auto-layout", "Export…"). */
  label: string;
  /** The label as the state makes it ("Auto-layout selection" when several widgets are selected). */
  labelFor?: (state: CommandState) => string;
  /** What the shortcuts overlay says of it, when it says more than the label. */
  description?: string;
  /** Searched by the palette besides the label and description. */
  keywords?: readonly string[];
  group: CommandGroup;
  /** Its key bindings (see keys.ts), the first one shown on buttons. */
  keys?: readonly string[];
  /** How the overlay writes the keys, when not one by one ("Arrow keys"). */
  keyLabel?: string;
  /** Left out of the shortcuts overlay: the row of this other command, with the same keys, tells of it too. */
  toldBy?: string;
  scope: CommandScope;
  /**
   * The browser performs the keys (Ctrl+C, Ctrl+X, Ctrl+V fire clipboard events, which the canvas hands to the
   * command): the key handler leaves them alone.
   */
  native?: true;
  /**
   * Its keys apply in text fields too: `all` fields, or only `live` ones, whose every change is already in the
   * document (`data-undo="editor"`: undo there is the editor's, not the field's).
   */
  inFields?: 'all' | 'live';
  /** A held key does not repeat it (dialogs). */
  once?: true;
  /** Its keys are taken even while it is disabled (Ctrl+Z with nothing to undo does nothing at all). */
  claimsKeyWhenDisabled?: true;
  /** Its keys are handled before the page's own handlers (the arrow keys, before React Flow moves nodes itself). */
  capture?: true;
  /** Not listed in the palette (needs a key to say what it does, or is the palette's own). */
  hidden?: true;
  /** Why it is disabled, when there is something useful to say ("Open a flow to find its widgets"). */
  disabledReason?: (state: CommandState) => string | undefined;
  enabled: (state: CommandState) => boolean;
  /** Does it; returns the message to announce (`Deleted send_1.`), if any. */
  run: (context: CommandContext, input?: CommandInput) => CommandMessage | Promise<CommandMessage>;
}
