/**
 * Compare mode: two versions of a flow side by side as one diff (src/diff), chosen from the open flow, the entries
 * of the last list import (revisions), an opened file or pasted JSON.
 *
 * A store of its own, next to the editor's (one per editor, made by `createCompareStore()`): comparing only reads the
 * open document (a snapshot of its definition, taken when the comparison starts) and never changes it, its undo
 * history or what persistence saves. Leaving compare mode drops the session; the editor is as it was.
 *
 * The pure parts (choosing and labelling versions, defaults, counts, navigation order, file names) are exported
 * for the dialog and the views, and unit-tested.
 *
 * The diff itself (src/diff/diff.ts and what it needs) is loaded on demand (`loadDiff`): in the browser it is a chunk
 * fetched with the compare dialog, not with the page; the store is here from the start, empty. Node tests load it
 * up front (src/testing/setup.ts).
 *
 * No React, no DOM, no network: this runs unchanged in Node tests.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
// Not from '../diff' (its index): that would bring the diff itself into every page load, see `loadDiff`.
import type { diffFlows } from '../diff/diff';
import { WIDGET_CHANGE_KINDS, type FlowDiff, type WidgetChangeKind, type WidgetDiff } from '../diff/types';
import { effectiveKind, isVisibleChange } from '../diff/visibility';
import {
  formatSize,
  importFlowText,
  type FlowSourceInfo,
  type ImportError,
  type ImportResult,
  type ParsedFlow,
} from '../io';
import type { FlowDefinition } from '../model/types';
import { WORKER_THRESHOLD } from './importJob';
import { exportFileName } from './publishSettings';

// ---------------------------------------------------------------------------------------------------------------
// Versions: where each side of a comparison comes from

export type CompareSide = 'base' | 'changed';

/** Where one side of the comparison comes from. */
export type VersionChoice =
  | { kind: 'current' }
  /** An entry of the last list import (`revisions`, newest first), by index. */
  | { kind: 'revision'; index: number }
  | { kind: 'file' }
  | { kind: 'paste' };

/** One side as the compare dialog holds it while the user chooses. */
export interface SideInput {
  choice: VersionChoice;
  /** The file opened for this side: its name and what the restore boundary made of it. */
  file: { name: string; result: ImportResult } | null;
  pasteText: string;
  /**
   * Pasted text of WORKER_THRESHOLD or more is read in a worker (see importJob.ts) instead of on every render:
   * its result, for the text it was read from.
   */
  pasteRead?: { text: string; result: ImportResult } | null;
  /** The entry chosen when the file or pasted text is a list (index into its flows). */
  entry: number;
}

/** What the dialog can offer: the open document and the entries of its last list import. */
export interface CompareContext {
  definition: FlowDefinition | null;
  source: FlowSourceInfo | null;
  fileName: string | null;
  revisions: readonly ParsedFlow[];
}

/** One side of a running comparison. */
export interface CompareVersion {
  definition: FlowDefinition;
  /** Short, for the toolbar, the Markdown heading and the image title: "Revision 7", "Current flow", "a.json". */
  label: string;
  /** A name for downloaded files: the flow's friendly name or the file name without `.json`. */
  name: string | null;
  /** How it was chosen (the dialog reopens with it). */
  choice: VersionChoice;
}

export type SideResolution =
  | {
      status: 'ready';
      version: CompareVersion;
      /** Labels of the entries when the file or pasted text is a list of several flows, else null. */
      entries: string[] | null;
    }
  /** Nothing to compare yet (no file chosen, nothing pasted): not an error, but not ready either. */
  | { status: 'incomplete'; message: string; entries: null }
  | { status: 'error'; error: ImportError; entries: null };

export const CURRENT_FLOW_LABEL = 'Current flow';
export const PASTED_LABEL = 'Pasted JSON';

/** An ISO timestamp as "2024-05-03 14:22 UTC" (the same for every user, like the API's own values). */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A file name without its `.json` extension, or null when nothing is left. */
function stem(fileName: string | null): string | null {
  if (fileName === null) return null;
  const base = fileName.replace(/\.json$/i, '').trim();
  return base === '' ? null : base;
}

/** "Revision 7", or for an entry of a list of flows its friendly name (or SID, or position) and revision. */
export function entryShortLabel(source: FlowSourceInfo, index: number): string {
  if (source.kind === 'revision' && source.revision !== undefined) return `Revision ${source.revision}`;
  const name = source.friendlyName ?? source.flowSid ?? `Entry ${index + 1}`;
  return source.revision === undefined ? name : `${name}, revision ${source.revision}`;
}

/**
 * One entry of a list import as the dialog offers it: "Revision 7 — “Add greeting” — 2026-03-04 10:22 UTC", or
 * for a list of flows "Support line, revision 3 — draft — 2026-03-04 10:22 UTC".
 */
export function entryOptionLabel(source: FlowSourceInfo, index: number): string {
  const parts = [entryShortLabel(source, index)];
  if (source.kind !== 'revision' && source.status !== undefined) parts.push(source.status);
  if (source.commitMessage !== undefined && source.commitMessage !== '')
    parts.push(`“${source.commitMessage}”`);
  const date = source.dateCreated ?? source.dateUpdated;
  if (date !== undefined) parts.push(formatDate(date));
  return parts.join(' — ');
}

/** The last successful parses of pasted or opened text: the dialog resolves both sides on every render. */
const parseCache: { text: string; result: ImportResult }[] = [];
const PARSE_CACHE_SIZE = 4;

function parseText(text: string): ImportResult {
  const hit = parseCache.find((entry) => entry.text === text);
  if (hit) return hit.result;
  const result = importFlowText(text);
  parseCache.unshift({ text, result });
  parseCache.length = Math.min(parseCache.length, PARSE_CACHE_SIZE);
  return result;
}

function fromResult(
  result: ImportResult,
  entry: number,
  origin: { label: string; fileName: string | null; choice: VersionChoice },
): SideResolution {
  if (!result.ok) {
    if (result.error.code === 'empty') {
      return { status: 'incomplete', message: result.error.message, entries: null };
    }
    return { status: 'error', error: result.error, entries: null };
  }
  if (result.flows.length === 0) {
    return {
      status: 'error',
      error: { code: 'import.empty-list', message: `${result.label} has no entries to compare.` },
      entries: null,
    };
  }
  const isList = result.flows.length > 1;
  const index = Math.min(Math.max(0, entry), result.flows.length - 1);
  const flow = result.flows[index] ?? result.flows[0];
  if (!flow) return { status: 'incomplete', message: 'Nothing to compare.', entries: null };
  const label = isList ? `${origin.label} · ${entryShortLabel(flow.source, index)}` : origin.label;
  return {
    status: 'ready',
    version: {
      definition: flow.definition,
      label,
      name: flow.source.friendlyName ?? stem(origin.fileName),
      choice: origin.choice,
    },
    entries: isList ? result.flows.map((f, i) => entryOptionLabel(f.source, i)) : null,
  };
}

/** The version one side of the dialog stands for, or why there is none (yet). */
export function resolveSide(input: SideInput, ctx: CompareContext): SideResolution {
  const { choice } = input;
  switch (choice.kind) {
    case 'current': {
      if (!ctx.definition) {
        return { status: 'incomplete', message: 'No flow is open.', entries: null };
      }
      return {
        status: 'ready',
        version: {
          definition: ctx.definition,
          label: CURRENT_FLOW_LABEL,
          name: ctx.source?.friendlyName ?? stem(ctx.fileName),
          choice,
        },
        entries: null,
      };
    }
    case 'revision': {
      const flow = ctx.revisions[choice.index];
      if (!flow) return { status: 'incomplete', message: 'Choose a revision.', entries: null };
      return {
        status: 'ready',
        version: {
          definition: flow.definition,
          label: entryShortLabel(flow.source, choice.index),
          name: flow.source.friendlyName ?? stem(ctx.fileName),
          choice,
        },
        entries: null,
      };
    }
    case 'file': {
      if (!input.file) return { status: 'incomplete', message: 'Choose a file.', entries: null };
      return fromResult(input.file.result, input.entry, {
        label: input.file.name,
        fileName: input.file.name,
        choice,
      });
    }
    case 'paste': {
      const origin = { label: PASTED_LABEL, fileName: null, choice };
      const text = input.pasteText;
      if (text.length < WORKER_THRESHOLD) return fromResult(parseText(text), input.entry, origin);
      const read = input.pasteRead;
      if (read?.text !== text) {
        return {
          status: 'incomplete',
          message: `Reading the pasted text (${formatSize(text.length)})…`,
          entries: null,
        };
      }
      return fromResult(read.result, input.entry, origin);
    }
  }
}

/**
 * What the dialog starts with. With two or more entries of a list import: the one before the newest as the base,
 * the newest as the changed version (revisions are kept newest first). With one entry: it against the open flow.
 * Otherwise the open flow against pasted JSON (or, with nothing open, pasted against pasted).
 */
export function defaultChoices(ctx: CompareContext): Record<CompareSide, VersionChoice> {
  if (ctx.revisions.length >= 2) {
    return { base: { kind: 'revision', index: 1 }, changed: { kind: 'revision', index: 0 } };
  }
  if (ctx.revisions.length === 1 && ctx.definition) {
    return { base: { kind: 'revision', index: 0 }, changed: { kind: 'current' } };
  }
  if (ctx.definition) return { base: { kind: 'current' }, changed: { kind: 'paste' } };
  return { base: { kind: 'paste' }, changed: { kind: 'paste' } };
}

/** A choice as one string (for a `<select>` value), and back. */
export function choiceKey(choice: VersionChoice): string {
  return choice.kind === 'revision' ? `revision:${choice.index}` : choice.kind;
}

export function parseChoiceKey(key: string): VersionChoice | null {
  if (key === 'current' || key === 'file' || key === 'paste') return { kind: key };
  const match = /^revision:(\d+)$/.exec(key);
  return match ? { kind: 'revision', index: Number(match[1]) } : null;
}

// ---------------------------------------------------------------------------------------------------------------
// The diff and what the views show of it

let differ: typeof diffFlows | undefined;
let loadingDiff: Promise<void> | undefined;

/**
 * Loads the diff (once; a failed load is forgotten, so the next call tries again). Until it resolves, `diffOf` and
 * so the store's `start` and `swap` throw: the compare dialog, which calls `start`, is loaded together with it.
 */
export function loadDiff(): Promise<void> {
  if (differ) return Promise.resolve();
  loadingDiff ??= import('../diff/diff').then(
    (module) => {
      differ = module.diffFlows;
    },
    (error: unknown) => {
      loadingDiff = undefined;
      throw error;
    },
  );
  return loadingDiff;
}

const diffCache = new WeakMap<FlowDefinition, WeakMap<FlowDefinition, FlowDiff>>();

/**
 * The diff of two definitions, computed once per pair of definition objects (definitions are never mutated, so
 * identity is enough): swapping back and forth, or reopening the same comparison, costs nothing. Once `loadDiff`
 * has resolved.
 */
export function diffOf(base: FlowDefinition, changed: FlowDefinition): FlowDiff {
  let byChanged = diffCache.get(base);
  if (!byChanged) {
    byChanged = new WeakMap();
    diffCache.set(base, byChanged);
  }
  let diff = byChanged.get(changed);
  if (!diff) {
    if (!differ) throw new Error('compare: the diff is not loaded yet (await loadDiff() first)');
    diff = differ(base, changed);
    byChanged.set(changed, diff);
  }
  return diff;
}

const visibleCache = new WeakMap<FlowDiff, { withLayout?: WidgetDiff[]; withoutLayout?: WidgetDiff[] }>();

/** The widgets the change list shows, in the diff's order: those with a change (moves only with layout). */
export function visibleChanges(diff: FlowDiff, includeLayout: boolean): WidgetDiff[] {
  let cached = visibleCache.get(diff);
  if (!cached) {
    cached = {};
    visibleCache.set(diff, cached);
  }
  const key = includeLayout ? 'withLayout' : 'withoutLayout';
  let list = cached[key];
  if (!list) {
    list = diff.widgets.filter((w) => isVisibleChange(w, includeLayout));
    cached[key] = list;
  }
  return list;
}

/** Widgets per kind as the views show them (layout hidden: a widget that only moved is unchanged). */
export function changeCounts(diff: FlowDiff, includeLayout: boolean): Record<WidgetChangeKind, number> {
  const counts = Object.fromEntries(WIDGET_CHANGE_KINDS.map((k) => [k, 0])) as Record<
    WidgetChangeKind,
    number
  >;
  for (const w of diff.widgets) counts[effectiveKind(w, includeLayout)] += 1;
  return counts;
}

/**
 * The counts as one line, most significant kind first, zeros left out: "2 added · 1 removed · 1 renamed", plus
 * "1 flow setting" for flow-level changes; "No differences" when nothing is left to show.
 */
export function countsText(diff: FlowDiff, includeLayout: boolean): string {
  const counts = changeCounts(diff, includeLayout);
  const parts = WIDGET_CHANGE_KINDS.filter((k) => k !== 'unchanged' && counts[k] > 0).map(
    (k) => `${counts[k]} ${k}`,
  );
  if (diff.flow.length > 0) {
    parts.push(`${diff.flow.length} flow ${diff.flow.length === 1 ? 'setting' : 'settings'}`);
  }
  return parts.length === 0 ? 'No differences' : parts.join(' · ');
}

/** What the views say when the change list is empty. */
export function emptyStateText(diff: FlowDiff, includeLayout: boolean): string | null {
  if (visibleChanges(diff, includeLayout).length > 0 || diff.flow.length > 0) return null;
  if (diff.summary.identical) return 'No differences';
  if (!includeLayout && diff.summary.identicalButLayout) return 'Only layout changed';
  return 'No differences';
}

/**
 * The change n (direction 1) or p (direction -1) goes to from `selectedId`, wrapping around; null when there is no
 * change. From a widget that is not in the list (unchanged, or a move while layout is hidden), the nearest change
 * after (or before) it in the diff's widget order; with nothing selected, the first (or last) change.
 */
export function stepChange(
  diff: FlowDiff,
  includeLayout: boolean,
  selectedId: string | null,
  direction: 1 | -1,
): string | null {
  const list = visibleChanges(diff, includeLayout);
  if (list.length === 0) return null;
  const first = list[0];
  const last = list[list.length - 1];
  if (!first || !last) return null;
  if (selectedId !== null) {
    const index = list.findIndex((w) => w.id === selectedId);
    if (index >= 0) {
      const next = list[(index + direction + list.length) % list.length];
      return next ? next.id : null;
    }
    const position = diff.widgets.findIndex((w) => w.id === selectedId);
    if (position >= 0) {
      const order = new Map(diff.widgets.map((w, i) => [w, i]));
      const at = (w: WidgetDiff) => order.get(w) ?? -1;
      if (direction === 1) return (list.find((w) => at(w) > position) ?? first).id;
      return (list.findLast((w) => at(w) < position) ?? last).id;
    }
  }
  return (direction === 1 ? first : last).id;
}

/** The same widget in the swapped diff (its id may change: ids are changed names when present there). */
export function idAfterSwap(before: FlowDiff, after: FlowDiff, id: string | null): string | null {
  if (id === null) return null;
  const widget = before.widgets.find((w) => w.id === id);
  if (!widget) return null;
  const match = after.widgets.find(
    (w) =>
      (widget.changedName !== undefined && w.baseName === widget.changedName) ||
      (widget.baseName !== undefined && w.changedName === widget.baseName),
  );
  return match?.id ?? null;
}

/** `<flow>-diff.md` (and `.svg`, `.png`): named after the changed version's flow, else the base's, else "flow". */
export function diffFileName(session: Pick<CompareSession, 'base' | 'changed'>, extension: string): string {
  const name = session.changed.name ?? session.base.name ?? 'flow';
  const safe = exportFileName(name, null).replace(/\.json$/i, '');
  return `${safe}-diff.${extension}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The store

export interface CompareSession {
  base: CompareVersion;
  changed: CompareVersion;
  diff: FlowDiff;
}

export interface CompareState {
  /** The running comparison; null outside compare mode. */
  session: CompareSession | null;
  /** Show widgets that only moved (and offsets). Off by default. */
  includeLayout: boolean;
  /** Union id (WidgetDiff.id) of the chosen widget. */
  selectedId: string | null;
  /** A request for the canvas to centre a widget; `seq` changes on every request. */
  focusRequest: { id: string; seq: number } | null;
  /** Enters compare mode (or replaces the running comparison). */
  start: (base: CompareVersion, changed: CompareVersion) => void;
  /** Leaves compare mode. */
  exit: () => void;
  /** Exchanges base and changed; the chosen widget stays chosen (under its id in the swapped diff). */
  swap: () => void;
  setIncludeLayout: (includeLayout: boolean) => void;
  /** Chooses a widget; with `focus`, the canvas centres it too. */
  select: (id: string | null, options?: { focus?: boolean }) => void;
  /** Chooses and centres the next (1) or previous (-1) change, wrapping; returns its id (null: no changes). */
  step: (direction: 1 | -1) => string | null;
}

export type CompareStore = StoreApi<CompareState>;

export function createCompareStore(): CompareStore {
  let seq = 0;
  const focus = (id: string) => ({ id, seq: ++seq });
  return createStore<CompareState>()((set, get) => ({
    session: null,
    includeLayout: false,
    selectedId: null,
    focusRequest: null,

    start: (base, changed) =>
      set({
        session: { base, changed, diff: diffOf(base.definition, changed.definition) },
        selectedId: null,
        focusRequest: null,
      }),

    exit: () => set({ session: null, selectedId: null, focusRequest: null }),

    swap: () => {
      const { session, selectedId } = get();
      if (!session) return;
      const diff = diffOf(session.changed.definition, session.base.definition);
      const id = idAfterSwap(session.diff, diff, selectedId);
      // The canvas fits the swapped diff in view; the chosen widget stays chosen, without a centring request.
      set({
        session: { base: session.changed, changed: session.base, diff },
        selectedId: id,
        focusRequest: null,
      });
    },

    setIncludeLayout: (includeLayout) => set({ includeLayout }),

    select: (id, options) =>
      set({
        selectedId: id,
        ...(id !== null && options?.focus === true ? { focusRequest: focus(id) } : {}),
      }),

    step: (direction) => {
      const { session, includeLayout, selectedId } = get();
      if (!session) return null;
      const id = stepChange(session.diff, includeLayout, selectedId, direction);
      if (id !== null) set({ selectedId: id, focusRequest: focus(id) });
      return id;
    },
  }));
}
