/**
 * The editor's state: one store per editor, made by `createEditorStore()` and handed to React through context
 * (src/app/EditorStoreContext.tsx), so tests and a second editor get their own.
 *
 * Four slices, each typed against the whole state:
 * - document: the open definition, where it came from, and the other entries of a list import (for comparing);
 * - validation: the profile and the problems of the open definition;
 * - ui: the open dialog, a list import or an import preview waiting for the user, and the status message;
 * - editing (editing.ts): selection, every edit as one model command, and the undo history.
 *
 * Every change of the definition goes through `commitDefinition` below, which revalidates (a flow just opened is
 * validated right after it is shown: its problems are pending for that moment). Edits are intent-named
 * actions of the editing slice, one undo step each; a whole definition from outside (the JSON view, an import over
 * the open flow, a saved session) comes in through the one verb `replaceDefinition`, whose options say how it is
 * recorded in history and announced. What can be derived from the state is not stored: `selectedWidget`,
 * `canUndo` and `canRedo` are functions of it (editing.ts).
 *
 * No React, no DOM, no network: this runs unchanged in Node tests.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { TRIGGER_TYPE } from '../model';
import type { FlowDefinition, Offset, Problem } from '../model/types';
import {
  formatImportError,
  importFlowText,
  type FlowSourceInfo,
  type ImportResult,
  type ParsedFlow,
  type SourceKind,
} from '../io';
import {
  createValidator,
  isProfileLoaded,
  loadProfile,
  loadWidgetTypes,
  stateTypes,
  typesToLoad,
  type Profile,
  type Validator,
} from '../validation/lazy';
import { createNewFlowDefinition } from './newFlow';
import {
  createEditingSlice,
  freshEditingState,
  type DocumentFields,
  type EditingHistory,
  type EditingSlice,
  type PasteResult,
} from './editing';
import { initialPublishSettings, type PublishSettings } from './publishSettings';
import { summarizeProblems, type SeverityCounts } from './problemSummary';
import { anchorNotes, noteProblems, type NoteAnchor } from './inputNotes';

export type { Profile, PublishSettings };

/** The modal dialogs of the app. One at a time. */
export type DialogId = 'import' | 'search' | 'shortcuts' | 'export' | 'compare' | 'commands';

/** A document as persistence saves and restores it (src/app/persistence.ts). */
export interface SavedSession {
  definition: FlowDefinition;
  source: FlowSourceInfo | null;
  fileName: string | null;
  revisions: ParsedFlow[];
  profile: Profile;
  /** Absent in sessions saved before the export dialog existed: derived from `source` then. */
  publish?: PublishSettings;
  savedAt: string;
}

/** A list import (several flows or revisions) waiting for the user to choose which entry to open. */
export interface PendingImport {
  kind: SourceKind;
  label: string;
  flows: ParsedFlow[];
  fileName: string | null;
}

/** How many problem messages the import preview lists. */
export const IMPORT_PREVIEW_PROBLEMS = 5;

/**
 * A flow imported while another is open, waiting in the import dialog for the user to replace the open flow with
 * it (one undo step) or cancel.
 */
export interface ImportPreview {
  /** What was detected ("Flow definition", "Flow “IVR” (FW…), revision 7, draft"…). */
  label: string;
  flow: ParsedFlow;
  /** The entries of the list the flow was chosen from (kept as `revisions`), or empty. */
  revisions: ParsedFlow[];
  fileName: string | null;
  widgetCount: number;
  /** Problems of the incoming flow under the current profile. */
  counts: SeverityCounts;
  /** The first IMPORT_PREVIEW_PROBLEMS problems, most severe first. */
  problems: Problem[];
  /**
   * A large flow's problems are still being counted (in slices, so the page stays responsive): `counts` and
   * `problems` are empty until then.
   */
  checking?: boolean;
}

/** Flows with at least this many widgets are checked in slices for the import preview. */
export const PREVIEW_SLICED_FROM = 500;
/** Widgets checked per slice (a few milliseconds each). */
const PREVIEW_SLICE = 200;

/**
 * Whether pasted text is a whole flow to import rather than widgets to paste: a Flow, Revision or list resource, or
 * a definition with a Trigger and an `initial_state`. `{ "states": [...] }` without a Trigger, arrays of states and
 * single states are widget fragments.
 */
export function isWholeFlowText(text: string): boolean {
  return isWholeFlow(importFlowText(text));
}

/** {@link isWholeFlowText} for text already read through the restore boundary. */
export function isWholeFlow(result: ImportResult): boolean {
  if (!result.ok) return false;
  if (result.kind !== 'definition') return true;
  const def = result.flows[0]?.definition;
  return (
    def !== undefined &&
    typeof def.initial_state === 'string' &&
    def.states.some((w) => w.type === TRIGGER_TYPE)
  );
}

/** What a paste on the canvas did: a whole flow goes to the import (preview), anything else is pasted as widgets. */
export type CanvasPasteOutcome =
  { kind: 'flow'; result: ImportResult } | { kind: 'widgets'; result: PasteResult };

/**
 * Text pasted on the canvas, through the restore boundary: a whole flow (see {@link isWholeFlow}) is imported as
 * if pasted into the import dialog; widgets are pasted at `at`. Returns what happened, for the canvas to say.
 */
export function pasteOnCanvas(state: EditorState, text: string, at?: Offset): CanvasPasteOutcome {
  const whole = importFlowText(text);
  if (isWholeFlow(whole)) return { kind: 'flow', result: state.importResult(whole) };
  return { kind: 'widgets', result: state.pasteText(text, at) };
}

/** What the canvas says after a paste. */
export function describeCanvasPaste(outcome: CanvasPasteOutcome): string | null {
  if (outcome.kind === 'flow') return outcome.result.ok ? null : formatImportError(outcome.result.error);
  const { result } = outcome;
  if (!result.ok) return result.reason;
  return `Pasted ${result.pasted.length === 1 ? '1 widget' : `${result.pasted.length} widgets`}.`;
}

/**
 * How `replaceDefinition` records a definition from outside, and what it announces (`announce`, through the
 * status line, when the definition was taken).
 */
export type ReplaceOptions =
  | {
      /** An edit of the open flow (the default): one undo step, labelled `label` ("Edit" by default). */
      history?: 'step';
      label?: string;
      /** Successive edits with the same key within COALESCE_MS are one step (typing in the JSON view). */
      coalesceKey?: string;
      announce?: string;
    }
  | {
      /**
       * Another flow replaces the open one as one undo step ("Replace flow"): undo brings back the previous
       * definition with its document fields (source, file name, revisions, publish settings); the selection clears.
       */
      history: 'replace';
      label: string;
      document: DocumentFields;
      announce?: string;
    }
  | {
      /**
       * A document is opened (a saved session, a parsed flow): no undo step, history and selection start afresh,
       * views start over (`documentId`), a flow without usable positions gets its opening layout.
       */
      history: 'open';
      /** Where it came from; a plain "Flow definition" when not known. */
      source?: FlowSourceInfo | null;
      fileName?: string | null;
      revisions?: ParsedFlow[];
      /** Derived from `source` and `fileName` when not given (sessions saved before the export dialog existed). */
      publish?: PublishSettings;
      /** Validate under this profile from now on. */
      profile?: Profile;
      announce?: string;
    };

export interface DocumentSlice {
  definition: FlowDefinition | null;
  source: FlowSourceInfo | null;
  /**
   * Counts the documents opened in this editor: changes when another flow is opened, not on edits. Views key
   * on it to reset scroll positions and, later, the canvas viewport and undo history.
   */
  documentId: number;
  /** Name of the file the flow was opened from, when it was (a default for saving later). */
  fileName: string | null;
  /** Every entry of the last list import, newest first, kept for comparing; empty after a single-flow import. */
  revisions: ParsedFlow[];
  /**
   * Friendly name, status and commit message for the Flows API (export dialog), remembered with the document:
   * initialised from `source` (or the file name) when a flow is opened.
   */
  publish: PublishSettings;
  /** Changes some of the publish settings (not an undo step: they are not part of the definition). */
  setPublish: (patch: Partial<PublishSettings>) => void;
  /**
   * Opens what the restore boundary made of pasted or opened text (read in a worker for large inputs). A single
   * flow (or a list of one) is opened at once when no flow is open; over an open flow it becomes `importPreview` and
   * the import dialog shows it before replacing. A longer list is kept as `pendingImport` and the import dialog asks
   * which entry to open. On failure nothing changes and the error is returned for the UI.
   */
  importResult: (result: ImportResult, options?: { fileName?: string }) => ImportResult;
  /**
   * Opens one entry of the pending list import and keeps all its entries as `revisions` (over an open flow: goes on
   * to the preview first).
   */
  openImportEntry: (index: number) => void;
  /**
   * Replaces the open flow with `importPreview` as one undo step ("Replace flow"): undo brings back the previous
   * definition with its source, file name, revisions and publish settings; history is kept.
   */
  confirmImport: () => void;
  /** Opens the definition Studio creates for a new flow. */
  createNewFlow: () => void;
  /**
   * Opens a parsed flow (an import confirmed, a flow or revision of the account): over an open flow it replaces it
   * as one undo step ("Replace flow", undo brings the previous document back); otherwise it opens as a new document.
   */
  openFlow: (
    flow: ParsedFlow,
    options?: { fileName?: string | null; revisions?: ParsedFlow[]; announce?: string },
  ) => void;
  /**
   * Changes where the open document came from, without an undo step: after a save to Studio the document is that
   * flow's new revision (its SID, revision and status), saved with the session.
   */
  setSource: (source: FlowSourceInfo | null) => void;
  /**
   * The one way a whole definition from outside replaces the open one; `options` say how it is recorded in
   * history (by default one undo step labelled "Edit", keeping source and the selection that still exists) and
   * what is announced. Returns false when nothing was taken: no flow open to edit or replace, or no change.
   */
  replaceDefinition: (definition: FlowDefinition, options?: ReplaceOptions) => boolean;
}

/**
 * `problems` while the profile's validators are still being fetched (each profile's are a chunk of their own,
 * src/validation/lazy.ts): an empty list, so nothing is marked on the canvas or in forms, but not "no problems":
 * views that say so check `problemsPending` first (the Problems panel says "Checking…"). Told apart by identity,
 * so a view given only the list can tell.
 */
export const PENDING_PROBLEMS: Problem[] = Object.freeze<Problem[]>([]) as Problem[];

/** Whether `problems` (a state's) are still to be computed: see {@link PENDING_PROBLEMS}. */
export function problemsPending(problems: readonly Problem[]): boolean {
  return problems === PENDING_PROBLEMS;
}

export interface ValidationSlice {
  profile: Profile;
  /**
   * Problems of `definition` under `profile`; recomputed whenever either changes. {@link PENDING_PROBLEMS} while
   * the profile's validators load; the problems follow as soon as they are there.
   */
  problems: Problem[];
  setProfile: (profile: Profile) => void;
}

export interface UiSlice {
  dialog: DialogId | null;
  pendingImport: PendingImport | null;
  /** An imported flow waiting to replace the open one (see `importResult`). */
  importPreview: ImportPreview | null;
  selectWidget: (name: string | null) => void;
  openDialog: (dialog: DialogId) => void;
  /** Closes the dialog and drops a pending list import or import preview (the open flow stays as it was). */
  closeDialog: () => void;
  /** Back from choosing a list entry to pasting text, keeping the dialog open. */
  discardPendingImport: () => void;
  /**
   * The app's one status message, polite feedback of the last action ("Copied 2 widgets.", "The Trigger cannot be
   * deleted."), shown and announced by the status line (an `aria-live` region). `seq` tells a repeated message
   * apart, so it is said again.
   */
  status: { text: string; seq: number } | null;
  /** Says `text` through the status line. Commands, store actions and views all announce this way. */
  announce: (text: string) => void;
}

export type EditorState = DocumentSlice & ValidationSlice & UiSlice & EditingSlice;
export type EditorStore = StoreApi<EditorState>;

export interface EditorStoreOptions {
  profile?: Profile;
  /**
   * Schedules the counting of a flow's problems when it has just been opened, so the flow is on screen first (its
   * problems are pending meanwhile). Default: the next turn of the event loop. The app passes one that waits for
   * the next painted frame (src/store/react.tsx).
   */
  afterOpen?: (task: () => void) => void;
}

type Set = StoreApi<EditorState>['setState'];
type Get = StoreApi<EditorState>['getState'];

/** Shared by the slices: validation and the single path through which the definition changes. */
interface StoreContext {
  /** Validation problems, then what the input said about the open document (notes still true of it). */
  validate: (definition: FlowDefinition | null, profile: Profile) => Problem[];
  /** Validation problems only (for a flow that is not the open document). */
  validateOnly: (definition: FlowDefinition | null, profile: Profile) => Problem[];
  /**
   * Does the per-widget validation of `definition` in slices, yielding to the event loop between them; `validate`
   * is then quick. Resolves false when `stillWanted` says the work is no longer needed.
   */
  prepare: (definition: FlowDefinition, profile: Profile, stillWanted: () => boolean) => Promise<boolean>;
  /** The open document's input notes (set when a flow is opened). */
  notes: NoteAnchor[];
  /**
   * Whether validating `definition` under `profile` gives the whole answer now: the profile's root and the
   * validators of the definition's widget types are loaded.
   */
  ready: (profile: Profile, definition: FlowDefinition) => boolean;
  /** See EditorStoreOptions.afterOpen. */
  afterOpen: (task: () => void) => void;
  /** State fields that change together with the definition. */
  commitDefinition: (
    definition: FlowDefinition,
    profile: Profile,
  ) => Pick<EditorState, 'definition' | 'problems'>;
}

/** Why a profile's validators could not be fetched, as a problem (in place of the profile's problems). */
function loadFailedProblem(profile: Profile, error: unknown): Problem {
  const why = error instanceof Error ? error.message : String(error);
  return {
    severity: 'error',
    code: 'internal.validator-failed',
    message: `Validation could not run: the ${profile} validators could not be loaded (${why}). They are tried again with the next change; reloading the page also helps.`,
    pointer: '',
  };
}

/**
 * `refresh(profile)`: a profile's validators have arrived (or failed to); the store validates its document again
 * if `profile` is still its profile. `verdictShown(profile)`: the store shows problems computed under `profile`
 * (not pending).
 */
function createContext(
  refresh: (profile: Profile) => void,
  afterOpen: (task: () => void) => void,
  verdictShown: (profile: Profile) => boolean,
): StoreContext {
  // One validator per profile and store: it caches results per widget object, so revalidating after an edit only
  // revisits the widgets that changed. Created lazily, since compiling schemas is the costly part.
  const validators = new Map<Profile, Validator>();
  const validatorFor = (profile: Profile): Validator => {
    let validator = validators.get(profile);
    if (!validator) {
      validator = createValidator(profile);
      validators.set(profile, validator);
    }
    return validator;
  };
  // The profiles whose validators this store is fetching, and the last failure of those that could not be.
  const loads = new Map<Profile, Promise<void>>();
  const failures = new Map<Profile, Problem>();
  /**
   * Waits for a load of `profile`'s validators (`done` when it settles), then validates again; a failure is kept
   * to be reported. A retry that fails again changes nothing on screen: refreshing would only start the next retry.
   */
  const settle = (profile: Profile, loading: Promise<unknown>, done: () => void): Promise<void> => {
    const failedBefore = failures.has(profile);
    return loading.then(
      () => {
        done();
        failures.delete(profile);
        refresh(profile);
      },
      (error: unknown) => {
        done();
        failures.set(profile, loadFailedProblem(profile, error));
        if (!failedBefore) refresh(profile);
      },
    );
  };
  const load = (profile: Profile): Promise<void> => {
    let pending = loads.get(profile);
    if (!pending) {
      pending = settle(profile, loadProfile(profile), () => loads.delete(profile));
      loads.set(profile, pending);
    }
    return pending;
  };
  // The widget types' validators come on demand too (a flow uses a handful of the types): fetched when a definition
  // first holds a widget of the type, then `refresh`. Meanwhile such widgets are checked by lint alone. One load at
  // a time per profile: types that appear meanwhile are asked for by the validation its `refresh` makes.
  const typeLoads = new Map<Profile, Promise<void>>();
  const loadTypes = (profile: Profile, types: readonly string[]): void => {
    if (typeLoads.has(profile)) return;
    typeLoads.set(
      profile,
      settle(profile, loadWidgetTypes(profile, types), () => typeLoads.delete(profile)),
    );
  };
  /** The widget types of `definition` whose validators are still to be loaded. */
  const missingTypes = (profile: Profile, definition: FlowDefinition): string[] =>
    typesToLoad(profile, stateTypes(definition.states));
  const validate = (definition: FlowDefinition | null, profile: Profile): Problem[] => {
    if (!definition) return [];
    if (!isProfileLoaded(profile)) {
      // Fetched now (main.tsx has already asked for the default profile's); `refresh` validates once they are in.
      void load(profile);
      const failure = failures.get(profile);
      return failure ? [failure] : PENDING_PROBLEMS;
    }
    const missing = missingTypes(profile, definition);
    const failure = missing.length > 0 ? failures.get(profile) : undefined;
    if (missing.length > 0) {
      loadTypes(profile, missing);
      // The first verdict under a profile (a flow just opened, a profile just chosen) waits for them: no lint-only
      // verdict that changes a moment later. After that, an edit that brings a new type (a widget added or pasted)
      // is checked at once, its new widgets by lint alone until their type's validator is in (`refresh`).
      if (!failure && !verdictShown(profile)) return PENDING_PROBLEMS;
    }
    try {
      const problems = validatorFor(profile).validate(definition);
      return failure ? [failure, ...problems] : problems;
    } catch (error) {
      // A validator bug must not take the open flow down with it: report it as a problem instead.
      return [
        {
          severity: 'error',
          code: 'internal.validator-failed',
          message: `Validation could not run: ${error instanceof Error ? error.message : String(error)}`,
          pointer: '',
        },
      ];
    }
  };
  const ctx: StoreContext = {
    validate: (definition, profile) => {
      const problems = validate(definition, profile);
      if (problemsPending(problems)) return problems;
      const notes = noteProblems(definition, ctx.notes);
      return notes.length === 0 ? problems : [...problems, ...notes];
    },
    validateOnly: validate,
    prepare: async (definition, profile, stillWanted) => {
      if (!isProfileLoaded(profile)) await load(profile);
      if (!isProfileLoaded(profile)) return stillWanted(); // `validate` reports why.
      const missing = missingTypes(profile, definition);
      if (missing.length > 0) {
        try {
          await loadWidgetTypes(profile, missing);
        } catch {
          // `validate` reports it (and asks again).
        }
        if (!stillWanted()) return false;
      }
      const validator = validatorFor(profile);
      const states: readonly unknown[] = definition.states;
      for (let i = 0; i < states.length; i += PREVIEW_SLICE) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (!stillWanted()) return false;
        try {
          validator.prepare(states.slice(i, i + PREVIEW_SLICE));
        } catch {
          // `validate` reports it, as for any flow.
        }
      }
      return true;
    },
    ready: (profile, definition) =>
      isProfileLoaded(profile) && missingTypes(profile, definition).length === 0,
    afterOpen,
    notes: [],
    commitDefinition: (definition, profile) => ({ definition, problems: ctx.validate(definition, profile) }),
  };
  return ctx;
}

function createDocumentSlice(set: Set, get: Get, ctx: StoreContext, history: EditingHistory): DocumentSlice {
  const preview = (
    label: string,
    flow: ParsedFlow,
    revisions: ParsedFlow[],
    fileName: string | null,
  ): ImportPreview => {
    const base = { label, flow, revisions, fileName, widgetCount: flow.definition.states.length };
    if (base.widgetCount >= PREVIEW_SLICED_FROM || !ctx.ready(get().profile, flow.definition)) {
      // Counted in slices (after the profile's validators are loaded), then filled in (if this preview is still
      // the one shown): see `prepare`.
      const pending: ImportPreview = {
        ...base,
        counts: { error: 0, warning: 0, info: 0 },
        problems: [],
        checking: true,
      };
      const profile = get().profile;
      void ctx
        .prepare(flow.definition, profile, () => get().importPreview === pending)
        .then((wanted) => {
          if (wanted && get().importPreview === pending)
            set({ importPreview: { ...base, ...previewProblems(flow) } });
        });
      return pending;
    }
    return { ...base, ...previewProblems(flow) };
  };

  const previewProblems = (flow: ParsedFlow): Pick<ImportPreview, 'counts' | 'problems'> => {
    const problems = [
      ...ctx.validateOnly(flow.definition, get().profile),
      ...noteProblems(flow.definition, anchorNotes(flow.definition, flow.notes)),
    ];
    const rank = { error: 0, warning: 1, info: 2 } as const;
    return {
      counts: summarizeProblems(problems).total,
      problems: [...problems]
        .sort((a, b) => rank[a.severity] - rank[b.severity])
        .slice(0, IMPORT_PREVIEW_PROBLEMS),
    };
  };

  const open = (
    parsed: ParsedFlow,
    fileName: string | null,
    profile: Profile = get().profile,
  ): Partial<EditorState> => {
    // Flows without offsets (or piled up at one spot) are laid out once they are open; not an undo step.
    queueMicrotask(() => void get().layoutIfNeeded());
    ctx.notes = anchorNotes(parsed.definition, parsed.notes);
    // The flow is shown first, its problems counted after (in slices, as for an import preview): opening a flow
    // costs its first frame no validation, and a large one no long task. An edit or another profile meanwhile makes
    // this count moot (they validate on their own).
    const { definition } = parsed;
    const current = () => get().definition === definition && get().profile === profile;
    ctx.afterOpen(() => {
      if (!current()) return;
      void ctx.prepare(definition, profile, current).then((wanted) => {
        // Validators that arrived meanwhile have had the store count them already (`refresh`): not twice.
        if (wanted && current() && problemsPending(get().problems))
          set({ problems: ctx.validate(definition, profile) });
      });
    });
    return {
      definition,
      problems: PENDING_PROBLEMS,
      source: parsed.source,
      documentId: get().documentId + 1,
      fileName,
      publish: initialPublishSettings(parsed.source, fileName),
      ...freshEditingState(),
    };
  };

  return {
    definition: null,
    source: null,
    documentId: 0,
    fileName: null,
    revisions: [],
    publish: initialPublishSettings(null, null),

    setPublish: (patch) => set({ publish: { ...get().publish, ...patch } }),

    setSource: (source) => set({ source }),

    openFlow: (flow, options = {}) => {
      const fileName = options.fileName ?? null;
      const revisions = options.revisions ?? [];
      ctx.notes = anchorNotes(flow.definition, flow.notes);
      const replaced = get().replaceDefinition(flow.definition, {
        history: 'replace',
        label: 'Replace flow',
        document: {
          source: flow.source,
          fileName,
          revisions,
          publish: initialPublishSettings(flow.source, fileName),
        },
        announce: options.announce ?? `${flow.source.label} replaced the open flow; undo brings it back.`,
      });
      if (!replaced) {
        // No flow open (or closed meanwhile): open it as a new document.
        set({ ...open(flow, fileName), revisions });
        if (options.announce !== undefined) get().announce(options.announce);
      } else {
        // Another flow on screen: views start over (canvas fit, list scroll); history is kept. Not an undo step.
        set({ documentId: get().documentId + 1 });
        queueMicrotask(() => void get().layoutIfNeeded());
      }
    },

    importResult: (result, options) => {
      if (!result.ok) return result;
      const fileName = options?.fileName ?? null;
      const [first, ...rest] = result.flows;
      if (!first) {
        // A list response with no entries parses, but there is nothing to open: leave the current flow alone.
        return {
          ok: false,
          error: { code: 'import.empty-list', message: `${result.label} has no entries to open.` },
        };
      }
      if (rest.length === 0) {
        const isList = result.kind === 'flow-list' || result.kind === 'revision-list';
        if (get().definition) {
          set({
            importPreview: preview(first.source.label, first, isList ? result.flows : [], fileName),
            pendingImport: null,
            dialog: 'import',
          });
          return result;
        }
        set({
          ...open(first, fileName),
          revisions: isList ? result.flows : [],
          pendingImport: null,
          dialog: null,
        });
      } else {
        set({
          pendingImport: { kind: result.kind, label: result.label, flows: result.flows, fileName },
          dialog: 'import',
        });
      }
      return result;
    },

    openImportEntry: (index) => {
      const pending = get().pendingImport;
      const chosen = pending?.flows[index];
      if (!pending || !chosen) return;
      if (get().definition) {
        set({
          importPreview: preview(chosen.source.label, chosen, pending.flows, pending.fileName),
          pendingImport: null,
        });
        return;
      }
      set({ ...open(chosen, pending.fileName), revisions: pending.flows, pendingImport: null, dialog: null });
    },

    confirmImport: () => {
      const incoming = get().importPreview;
      if (!incoming) return;
      const { flow, fileName, revisions } = incoming;
      get().openFlow(flow, {
        fileName,
        revisions,
        announce: `${incoming.label} replaced the open flow; undo brings it back.`,
      });
      set({ importPreview: null, pendingImport: null, dialog: null });
    },

    createNewFlow: () =>
      set({
        ...open(
          { definition: createNewFlowDefinition(), source: { kind: 'definition', label: 'New flow' } },
          null,
        ),
        revisions: [],
        pendingImport: null,
        dialog: null,
      }),

    replaceDefinition: (definition, options = {}) => {
      let taken: boolean;
      if (options.history === 'open') {
        const source = options.source ?? { kind: 'definition', label: 'Flow definition' };
        const profile = options.profile ?? get().profile;
        set({
          profile,
          ...open({ definition, source }, options.fileName ?? null, profile),
          ...(options.publish ? { publish: options.publish } : {}),
          revisions: options.revisions ?? [],
          pendingImport: null,
        });
        taken = true;
      } else if (options.history === 'replace') {
        taken = history.replace(definition, options.document, options.label);
      } else {
        taken = history.record(definition, options.label ?? 'Edit', options.coalesceKey);
      }
      if (taken && options.announce !== undefined) get().announce(options.announce);
      return taken;
    },
  };
}

function createValidationSlice(set: Set, get: Get, ctx: StoreContext, profile: Profile): ValidationSlice {
  return {
    profile,
    problems: [],
    setProfile: (next) => {
      if (next === get().profile) return;
      set({ profile: next, problems: ctx.validate(get().definition, next) });
    },
  };
}

function createUiSlice(set: Set): UiSlice {
  let statusSeq = 0;
  return {
    dialog: null,
    pendingImport: null,
    importPreview: null,
    selectWidget: (name) => set({ selection: name === null ? [] : [name] }),
    openDialog: (dialog) => set({ dialog }),
    closeDialog: () => set({ dialog: null, pendingImport: null, importPreview: null }),
    discardPendingImport: () => set({ pendingImport: null, importPreview: null }),
    status: null,
    announce: (text) => set({ status: { text, seq: ++statusSeq } }),
  };
}

/** Creates one editor's store. */
export function createEditorStore(options: EditorStoreOptions = {}): EditorStore {
  // `refresh` runs when a load settles, always after this function has returned: `store` is set by then.
  const ctx = createContext(
    (profile) => {
      const { definition, profile: current } = store.getState();
      if (profile === current && definition) store.setState({ problems: ctx.validate(definition, profile) });
    },
    options.afterOpen ?? ((task) => setTimeout(task, 0)),
    (profile) => {
      const state = store.getState();
      return state.profile === profile && !problemsPending(state.problems);
    },
  );
  const store = createStore<EditorState>()((set, get) => {
    const editing = createEditingSlice({
      getDefinition: () => get().definition,
      getDocument: () => {
        const { source, fileName, revisions, publish } = get();
        return { source, fileName, revisions, publish };
      },
      commit: (definition, extra) => set({ ...ctx.commitDefinition(definition, get().profile), ...extra }),
      setState: (partial) => set(partial),
      announce: (text) => get().announce(text),
      getEditing: () => get(),
      getDocumentId: () => get().documentId,
    });
    return {
      ...createDocumentSlice(set, get, ctx, editing.history),
      ...createValidationSlice(set, get, ctx, options.profile ?? 'studio'),
      ...createUiSlice(set),
      ...editing.slice,
    };
  });
  return store;
}
