/**
 * Editing: every change a user makes to the open definition, and its undo history.
 *
 * Each action is one model command (src/model) applied through `applyEdit`, which records the definition before
 * the change as one undo step. Definitions are immutable and share untouched widgets, so a history entry costs
 * only the objects that changed. Selection and viewport are not part of history: undo restores the document and
 * keeps whatever of the selection still exists.
 *
 * A drag is one step because the canvas moves nodes in its own state while dragging and calls `moveWidgets` once
 * when the drag ends.
 */
import {
  addWidget as addWidgetCommand,
  connect,
  copyWidgets as copyWidgetsCommand,
  disconnect,
  duplicateWidgets as duplicateWidgetsCommand,
  moveWidgets as moveWidgetsCommand,
  pasteWidgets,
  removeWidgets,
  renameWidget as renameWidgetCommand,
  replaceWidget,
  setDefinitionFields,
  TRIGGER_TYPE,
  type PortId,
} from '../model';
import type { FlowDefinition, FlowFlags, Offset, Widget } from '../model/types';
import { defaultWidgetName, getWidgetType, widgetNameClash, widgetNameError } from '../schema';
import { applyLayout, autoLayout, needsLayout } from '../layout';
import {
  formatImportError,
  restoreWidgetsText,
  type FlowSourceInfo,
  type ImportError,
  type ParsedFlow,
  type RestoreWidgetsResult,
} from '../io';
import type { PublishSettings } from './publishSettings';

/** How many steps undo goes back at most. Entries share structure, so memory grows with what changed. */
export const HISTORY_LIMIT = 200;
/** Edits with the same coalescing key closer together than this are one undo step (typing in a field). */
export const COALESCE_MS = 1500;

/** What identifies the open document besides its definition: swapped by undo/redo across a "Replace flow" step. */
export interface DocumentFields {
  source: FlowSourceInfo | null;
  fileName: string | null;
  revisions: ParsedFlow[];
  publish: PublishSettings;
}

export interface HistoryEntry {
  definition: FlowDefinition;
  /** What the step did, for "Undo rename" style labels. */
  label: string;
  /**
   * Only on steps that replaced the whole document (an import over the open flow): the document fields to restore
   * together with `definition`.
   */
  document?: DocumentFields;
}

export type RenameResult = { ok: true } | { ok: false; reason: string };
export type PasteResult =
  | { ok: true; pasted: string[] }
  /** `reason` is `error` in words (formatImportError), or why nothing was pasted. */
  | { ok: false; reason: string; error?: ImportError };

export interface EditingSlice {
  /** Selected widget names, in selection order; the last one is the primary (see `selectedWidget`). */
  selection: readonly string[];
  /**
   * A request to centre a widget on the canvas; `seq` changes on every request. `moveFocus`: when keyboard focus
   * is on the canvas, it goes to the widget's card (after a jump from the search, focus would otherwise return to
   * the card it was on, and React Flow would scroll that card back into view).
   */
  focusRequest: { widget: string; seq: number; moveFocus?: boolean } | null;
  past: readonly HistoryEntry[];
  future: readonly HistoryEntry[];
  /**
   * The layout a flow without usable positions opens with, shown but not written: `display` is `for` with the
   * computed offsets. The canvas draws `display` while the open definition is `for` itself (see
   * `canvasDefinition`); the document stays as imported (export byte-identical, nothing to undo) until the user
   * keeps the layout or makes any edit, which first writes it as an undo step of its own ("Lay out flow").
   */
  openLayout: { for: FlowDefinition; display: FlowDefinition } | null;
  /**
   * The definition whose opening layout could not be computed (it is then drawn as it is, and the user told), or
   * null. Until either this or `openLayout` is set for a definition that needs layout, the canvas waits.
   */
  openLayoutFailed: FlowDefinition | null;

  setSelection: (names: readonly string[]) => void;
  focusWidget: (name: string, options?: { moveFocus?: boolean }) => void;
  undo: () => void;
  redo: () => void;
  addWidget: (type: string, position: Offset) => string;
  connectPort: (from: string, port: PortId, to: string) => void;
  disconnectPort: (from: string, port: PortId) => void;
  deleteWidgets: (names: readonly string[]) => { refused: { name: string; reason: string }[] };
  renameWidget: (oldName: string, newName: string) => RenameResult;
  moveWidgets: (moves: ReadonlyMap<string, Offset>) => void;
  copyWidgets: (names: readonly string[]) => string | null;
  pasteText: (text: string, at?: Offset) => PasteResult;
  /** Pastes widgets the restore boundary read (e.g. in a worker, for a large clipboard), as `pasteText` does. */
  pasteRestored: (parsed: RestoreWidgetsResult, at?: Offset) => PasteResult;
  duplicateWidgets: (names: readonly string[]) => string[];
  autoLayout: (scope: 'all' | 'selection') => Promise<void>;
  /**
   * Computes a layout when the open flow's widgets have no usable offsets or pile up, and shows it (`openLayout`)
   * without writing it into the document.
   */
  layoutIfNeeded: () => Promise<void>;
  /** Writes the shown opening layout into the document, as one undo step. */
  keepOpenLayout: () => void;
  /** Replaces one widget (same name) as the inspector edits it; typing in one field is coalesced into one step. */
  updateWidget: (name: string, widget: Widget, opts?: { coalesceKey?: string }) => void;
  /** Flow settings (description, flags). */
  setFlowFields: (
    patch: { description?: string; flags?: FlowFlags },
    opts?: { coalesceKey?: string },
  ) => void;
}

/**
 * How a whole definition from outside is recorded in history; the store's `replaceDefinition` uses them (see
 * `ReplaceOptions` in editorStore.ts), so they are not actions of their own.
 */
export interface EditingHistory {
  /**
   * The definition as one undo step labelled `label` (JSON view, flow-wide edits). Successive edits with the same
   * `coalesceKey` (e.g. `json-view` while typing) within COALESCE_MS are merged into one step. Returns false when no
   * flow is open or nothing changed.
   */
  record: (definition: FlowDefinition, label: string, coalesceKey?: string) => boolean;
  /**
   * The whole document (definition, source, file name, revisions, publish settings) replaced as one undo step: undo
   * brings back the previous definition and its document fields, redo the replacing ones. Clears the selection.
   * Returns false when no flow is open (then there is nothing to replace).
   */
  replace: (definition: FlowDefinition, document: DocumentFields, label: string) => boolean;
}

/** What the editing slice needs from the rest of the store. */
export interface EditingHost {
  getDefinition: () => FlowDefinition | null;
  /** The open document's fields that a "Replace flow" step swaps. */
  getDocument: () => DocumentFields;
  /** Commits a definition (revalidates) and sets the other fields given; the single path of every change. */
  commit: (definition: FlowDefinition, extra: Partial<EditingSlice> & Partial<DocumentFields>) => void;
  setState: (partial: Partial<EditingSlice>) => void;
  /** Says something through the app's status line (refusals: "The Trigger cannot be deleted."). */
  announce: (text: string) => void;
  getEditing: () => EditingSlice;
  /** Which document is open: async work (layout) for another document is dropped. */
  getDocumentId: () => number;
}

/** The part of the state that a newly opened document starts with. */
export function freshEditingState(): Pick<
  EditingSlice,
  'selection' | 'focusRequest' | 'past' | 'future' | 'openLayout' | 'openLayoutFailed'
> {
  return {
    selection: [],
    focusRequest: null,
    past: [],
    future: [],
    openLayout: null,
    openLayoutFailed: null,
  };
}

/** The selected widget: the last one selected (the inspector shows it, F2 renames it), or null. */
export function selectedWidget(state: Pick<EditingSlice, 'selection'>): string | null {
  return state.selection.at(-1) ?? null;
}

/** Whether there is a step to undo. */
export function canUndo(state: Pick<EditingSlice, 'past'>): boolean {
  return state.past.length > 0;
}

/** Whether there is an undone step to redo. */
export function canRedo(state: Pick<EditingSlice, 'future'>): boolean {
  return state.future.length > 0;
}

/** What the canvas draws: the shown opening layout while the document is the one it was computed for. */
export function canvasDefinition(state: {
  definition: FlowDefinition | null;
  openLayout: EditingSlice['openLayout'];
}): FlowDefinition | null {
  const { definition, openLayout } = state;
  return openLayout !== null && openLayout.for === definition ? openLayout.display : definition;
}

/**
 * Whether the canvas is waiting for the opening layout of the open flow (it needs one, and it has been neither
 * computed nor given up on): the canvas then shows nothing rather than the flow piled up at one spot.
 */
export function awaitingOpenLayout(state: {
  definition: FlowDefinition | null;
  openLayout: EditingSlice['openLayout'];
  openLayoutFailed: FlowDefinition | null;
}): boolean {
  const { definition } = state;
  if (definition === null || state.openLayout?.for === definition || state.openLayoutFailed === definition) {
    return false;
  }
  let needs = NEEDS_LAYOUT.get(definition);
  if (needs === undefined) NEEDS_LAYOUT.set(definition, (needs = needsLayout(definition)));
  return needs;
}

/** `needsLayout` per definition object (a selector runs on every store change; definitions never mutate). */
const NEEDS_LAYOUT = new WeakMap<FlowDefinition, boolean>();

/** The undo label of the step that writes the opening layout. */
export const OPEN_LAYOUT_LABEL = 'Lay out flow';

function names(def: FlowDefinition): Set<string> {
  return new Set(def.states.map((w) => w.name));
}

/** The selection restricted to widgets that exist in `def`. */
function keepExisting(selection: readonly string[], def: FlowDefinition): readonly string[] {
  const existing = names(def);
  const kept = selection.filter((n) => existing.has(n));
  return kept.length === selection.length ? selection : kept;
}

export function createEditingSlice(host: EditingHost): { slice: EditingSlice; history: EditingHistory } {
  let focusSeq = 0;
  /** The last coalescable edit: same key soon after extends that step instead of adding one. */
  let lastCoalesce: { key: string; at: number; definition: FlowDefinition } | null = null;

  /** Applies one edit as one undo step. Returns false when there is no document or nothing changed. */
  const applyEdit = (
    label: string,
    edit: (def: FlowDefinition) => FlowDefinition,
    selection?: readonly string[],
    coalesceKey?: string,
  ): boolean => {
    const current = host.getDefinition();
    if (!current) return false;
    // An edit of a flow shown with its opening layout is an edit of what the user sees: the layout is written
    // first, as its own undo step, so that undoing the edit keeps the layout and undoing once more brings back the
    // document exactly as it was opened.
    const shown = host.getEditing().openLayout;
    const layoutFirst = shown !== null && shown.for === current;
    const before = layoutFirst ? shown.display : current;
    const after = edit(before);
    if (after === before) return false;
    const now = Date.now();
    const extend =
      coalesceKey !== undefined &&
      lastCoalesce?.key === coalesceKey &&
      lastCoalesce.definition === before &&
      now - lastCoalesce.at < COALESCE_MS;
    lastCoalesce = coalesceKey === undefined ? null : { key: coalesceKey, at: now, definition: after };
    const { past } = host.getEditing();
    const nextPast = extend
      ? [...past]
      : layoutFirst
        ? [...past, { definition: current, label: OPEN_LAYOUT_LABEL }, { definition: before, label }]
        : [...past, { definition: before, label }];
    if (nextPast.length > HISTORY_LIMIT) nextPast.splice(0, nextPast.length - HISTORY_LIMIT);
    const sel = selection ?? keepExisting(host.getEditing().selection, after);
    host.commit(after, { past: nextPast, future: [], selection: sel });
    return true;
  };

  const travel = (from: 'past' | 'future') => {
    lastCoalesce = null;
    const current = host.getDefinition();
    const editing = host.getEditing();
    const stack = editing[from];
    const entry = stack.at(-1);
    if (!current || !entry) return;
    const rest = stack.slice(0, -1);
    const other = from === 'past' ? editing.future : editing.past;
    const moved: HistoryEntry[] = [
      ...other,
      entry.document
        ? { definition: current, label: entry.label, document: host.getDocument() }
        : { definition: current, label: entry.label },
    ];
    const past = from === 'past' ? rest : moved;
    const future = from === 'past' ? moved : rest;
    host.commit(entry.definition, {
      ...(entry.document ?? {}),
      past,
      future,
      selection: keepExisting(editing.selection, entry.definition),
    });
  };

  const layout = async (scope: 'all' | 'selection', asStep: boolean) => {
    const def = host.getDefinition();
    if (!def) return;
    const documentId = host.getDocumentId();
    const selection = host.getEditing().selection;
    const only = scope === 'selection' && selection.length > 1 ? new Set(selection) : undefined;
    const positions = await autoLayout(def, only ? { only } : {});
    // The user may have opened another flow or edited this one while the layout ran: apply to what is open now,
    // and only to the same document.
    if (host.getDocumentId() !== documentId) return;
    const now = host.getDefinition();
    if (!now) return;
    if (asStep) {
      // From the flow as it is written (an explicit auto-layout replaces a shown opening layout, in one step).
      const shown = host.getEditing().openLayout;
      if (shown?.for === now) host.setState({ openLayout: null });
      applyEdit(only ? 'Auto-layout selection' : 'Auto-layout', (d) => applyLayout(d, positions));
    }
    // The layout a flow opens with is shown, not written, and only for the very definition it was computed for:
    // after an edit in the meantime, lay out again whatever is open now, if it still needs it.
    else if (now === def) host.setState({ openLayout: { for: def, display: applyLayout(def, positions) } });
    else if (needsLayout(now)) await layout(scope, false);
  };

  const history: EditingHistory = {
    record: (definition, label, coalesceKey) => applyEdit(label, () => definition, undefined, coalesceKey),

    replace: (definition, document, label) => {
      const before = host.getDefinition();
      if (!before) return false;
      lastCoalesce = null;
      const nextPast: HistoryEntry[] = [
        ...host.getEditing().past,
        { definition: before, label, document: host.getDocument() },
      ];
      if (nextPast.length > HISTORY_LIMIT) nextPast.splice(0, nextPast.length - HISTORY_LIMIT);
      host.commit(definition, { ...document, past: nextPast, future: [], selection: [] });
      return true;
    },
  };

  const slice: EditingSlice = {
    ...freshEditingState(),

    setSelection: (next) => {
      const current = host.getEditing().selection;
      if (current.length === next.length && current.every((n, i) => n === next[i])) return;
      host.setState({ selection: [...next] });
    },

    focusWidget: (name, options) => {
      const request = { widget: name, seq: ++focusSeq };
      host.setState({
        selection: [name],
        focusRequest: options?.moveFocus === true ? { ...request, moveFocus: true } : request,
      });
    },

    undo: () => travel('past'),
    redo: () => travel('future'),

    addWidget: (type, position) => {
      const def = host.getDefinition();
      if (!def) return '';
      const info = getWidgetType(type);
      const name = defaultWidgetName(type, names(def));
      applyEdit(
        `Add ${info?.title ?? type}`,
        (d) =>
          addWidgetCommand(d, {
            type,
            name,
            properties: structuredClone(info?.defaultProperties ?? {}),
            events: info?.events.filter((e) => e.event !== info.repeatingEvent).map((e) => e.event) ?? [],
            offset: { x: Math.round(position.x), y: Math.round(position.y) },
          }),
        [name],
      );
      return name;
    },

    connectPort: (from, port, to) => {
      applyEdit(`Connect ${from} to ${to}`, (d) => connect(d, from, port, to));
    },

    disconnectPort: (from, port) => {
      applyEdit(`Disconnect ${from}`, (d) => disconnect(d, from, port));
    },

    deleteWidgets: (toDelete) => {
      let refused: { name: string; reason: string }[] = [];
      applyEdit(
        toDelete.length === 1 ? `Delete ${toDelete[0] ?? ''}` : `Delete ${toDelete.length} widgets`,
        (d) => {
          const result = removeWidgets(d, toDelete);
          refused = result.refused;
          return result.removed.length > 0 ? result.def : d;
        },
      );
      if (refused.length > 0) host.announce(refused.map((r) => r.reason).join(' '));
      return { refused };
    },

    renameWidget: (oldName, newName) => {
      const def = host.getDefinition();
      if (!def) return { ok: false, reason: 'No flow is open.' };
      if (oldName === newName) return { ok: true };
      const result = renameWidgetCommand(def, oldName, newName, {
        checkName: (name, others) => widgetNameError(name) ?? widgetNameClash(name, others),
      });
      if (!result.ok) return result;
      const selection = host.getEditing().selection.map((n) => (n === oldName ? newName : n));
      applyEdit(`Rename ${oldName} to ${newName}`, () => result.def, selection);
      return { ok: true };
    },

    moveWidgets: (moves) => {
      if (moves.size === 0) return;
      applyEdit(moves.size === 1 ? `Move ${[...moves.keys()][0] ?? ''}` : `Move ${moves.size} widgets`, (d) =>
        moveWidgetsCommand(d, moves),
      );
    },

    copyWidgets: (toCopy) => {
      const def = host.getDefinition();
      if (!def) return null;
      const copyable = toCopy.filter((n) => def.states.some((w) => w.name === n && w.type !== TRIGGER_TYPE));
      if (copyable.length === 0) {
        if (toCopy.length > 0) host.announce('The Trigger cannot be copied or duplicated.');
        return null;
      }
      return copyWidgetsCommand(def, copyable);
    },

    pasteText: (text, at) => host.getEditing().pasteRestored(restoreWidgetsText(text), at),

    pasteRestored: (parsed, at) => {
      if (!parsed.ok) return { ok: false, reason: formatImportError(parsed.error), error: parsed.error };
      let pasted: string[] = [];
      applyEdit(`Paste ${parsed.states.length === 1 ? 'widget' : `${parsed.states.length} widgets`}`, (d) => {
        const result = pasteWidgets(d, parsed.states, at ? { at } : {});
        pasted = result.pasted;
        return result.def;
      });
      if (pasted.length === 0)
        return { ok: false, reason: 'There was nothing to paste (the Trigger is never pasted).' };
      host.setState({ selection: pasted });
      return { ok: true, pasted };
    },

    duplicateWidgets: (toDuplicate) => {
      const def = host.getDefinition();
      if (!def) return [];
      const duplicable = toDuplicate.filter((n) =>
        def.states.some((w) => w.name === n && w.type !== TRIGGER_TYPE),
      );
      if (duplicable.length < toDuplicate.length)
        host.announce('The Trigger cannot be copied or duplicated.');
      if (duplicable.length === 0) return [];
      let pasted: string[] = [];
      applyEdit(
        `Duplicate ${duplicable.length === 1 ? (duplicable[0] ?? '') : `${duplicable.length} widgets`}`,
        (d) => {
          const result = duplicateWidgetsCommand(d, duplicable);
          pasted = result.pasted;
          return result.def;
        },
      );
      host.setState({ selection: pasted });
      return pasted;
    },

    autoLayout: (scope) => layout(scope, true),

    layoutIfNeeded: async () => {
      const def = host.getDefinition();
      if (!def || host.getEditing().openLayout?.for === def) return;
      if (!needsLayout(def)) return;
      try {
        await layout('all', false);
      } catch (error) {
        // Drawn as it is rather than never: the canvas stops waiting, and the user hears why.
        host.setState({ openLayoutFailed: def });
        host.announce(
          `The flow could not be laid out automatically: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    },

    keepOpenLayout: () => {
      const current = host.getDefinition();
      const shown = host.getEditing().openLayout;
      if (!current || shown?.for !== current) return;
      lastCoalesce = null;
      const nextPast = [...host.getEditing().past, { definition: current, label: OPEN_LAYOUT_LABEL }];
      if (nextPast.length > HISTORY_LIMIT) nextPast.splice(0, nextPast.length - HISTORY_LIMIT);
      host.commit(shown.display, { past: nextPast, future: [] });
    },

    updateWidget: (name, widget, opts) => {
      applyEdit(`Edit ${name}`, (d) => replaceWidget(d, name, widget), undefined, opts?.coalesceKey);
    },

    setFlowFields: (patch, opts) => {
      applyEdit('Edit flow settings', (d) => setDefinitionFields(d, patch), undefined, opts?.coalesceKey);
    },
  };
  return { slice, history };
}
