/**
 * Saved documents as records: what is written, every format that was ever written, and how an older format is
 * brought up to the current one. Pure (no storage, no DOM): the backends store and read these shapes, the tests
 * feed them fixtures of every format (./fixtures).
 *
 * Formats:
 * - 1: one record for the whole browser (IndexedDB `session`/`current`, or localStorage
 *   `studio-flow-editor:current`): `{ format: 1, definition, source, fileName, revisions, profile, publish?,
 *   savedAt }`. Two tabs overwrote each other's.
 * - 2 (current): one record per document, keyed by a document id, with a revision counter and the id of the tab
 *   instance that wrote it (compare-and-set), a summary for the start screen, and whether the document was edited
 *   since it was opened. The backends lay it out physically as they see fit (IndexedDB splits the widgets into
 *   chunks so that an edit rewrites only the chunk it touched); `StoredRecord` is the logical shape they assemble.
 *
 * A record this code cannot read (a newer format, or damaged) is never rewritten: the caller keeps it aside and
 * offers its raw content for download.
 */
import { isObject, type UnknownObject } from '../../model/object';
import type { FlowDefinition } from '../../model/types';
import { importFlowValue, type FlowSourceInfo, type ParsedFlow, type SourceKind } from '../../io';
import type { EditorState, Profile, PublishSettings, SavedSession } from '../../store/editorStore';
import {
  DEFAULT_FRIENDLY_NAME,
  initialPublishSettings,
  parsePublishSettings,
} from '../../store/publishSettings';

/** The format this code writes. Bump it (and add a migration) whenever the logical shape changes. */
export type { SavedSession };

export const FORMAT = 2;

// ---------------------------------------------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------------------------------------------

/** Who wrote which revision of a document: what a write compares before it replaces a record. */
export interface Stamp {
  revision: number;
  writer: string;
}

/** The document fields of the editor that are saved, and the moment they were. */
export interface DocumentSnapshot extends SavedSession {
  publish: PublishSettings;
  /** Changed since it was opened (a document never edited is a copy of its source and may be dropped). */
  edited: boolean;
  /** The document this one was copied from ("Open a copy here", "Keep my version as a copy"). */
  copyOf?: string;
}

/** Format 2, as the backends assemble it: the document, its stamp and its summary. */
export interface StoredRecord extends Stamp {
  format: typeof FORMAT;
  id: string;
  savedAt: string;
  edited: boolean;
  copyOf?: string;
  /** For the start screen, readable without the widgets. */
  name: string;
  widgetCount: number;
  definition: FlowDefinition;
  source: FlowSourceInfo | null;
  fileName: string | null;
  revisions: ParsedFlow[];
  profile: Profile;
  publish: PublishSettings;
}

/** The fields of a record the start screen lists, readable without assembling the definition. */
export interface DocumentSummary {
  id: string;
  name: string;
  widgetCount: number;
  savedAt: string;
  /** The file name or where the flow came from, when it says more than the name. */
  detail: string | null;
  copyOf?: string;
}

/** The state fields whose change means "the document changed: save it". */
export const SAVED_FIELDS = ['definition', 'source', 'fileName', 'revisions', 'profile', 'publish'] as const;

/** The saved fields; `publish` may be missing (derived from the source then). */
export type SessionState = Pick<EditorState, Exclude<(typeof SAVED_FIELDS)[number], 'publish'>> &
  Partial<Pick<EditorState, 'publish'>>;

export function documentChanged(state: SessionState, previous: SessionState): boolean {
  return SAVED_FIELDS.some((field) => state[field] !== previous[field]);
}

/** The snapshot to write for the current state, or null when no flow is open (nothing to keep). */
export function toSnapshot(
  state: SessionState,
  now: Date,
  extra: { edited: boolean; copyOf?: string | undefined },
): DocumentSnapshot | null {
  if (!state.definition) return null;
  return {
    definition: state.definition,
    source: state.source,
    fileName: state.fileName,
    revisions: state.revisions,
    profile: state.profile,
    publish: state.publish ?? initialPublishSettings(state.source, state.fileName),
    savedAt: now.toISOString(),
    edited: extra.edited,
    ...(extra.copyOf !== undefined ? { copyOf: extra.copyOf } : {}),
  };
}

/** The record a write stores for a snapshot (the definition is the snapshot's own object: nothing is copied). */
export function toStoredRecord(id: string, stamp: Stamp, snapshot: DocumentSnapshot): StoredRecord {
  return {
    format: FORMAT,
    id,
    revision: stamp.revision,
    writer: stamp.writer,
    savedAt: snapshot.savedAt,
    edited: snapshot.edited,
    ...(snapshot.copyOf !== undefined ? { copyOf: snapshot.copyOf } : {}),
    name: documentName(snapshot.publish, snapshot.fileName),
    widgetCount: snapshot.definition.states.length,
    definition: snapshot.definition,
    source: snapshot.source,
    fileName: snapshot.fileName,
    revisions: snapshot.revisions,
    profile: snapshot.profile,
    publish: snapshot.publish,
  };
}

/**
 * The name a document is listed under: its friendly name (what the Flows API will call it), unless that is still
 * the default "My flow" and the document came from a file, whose name says more.
 */
export function documentName(publish: PublishSettings, fileName: string | null): string {
  const friendly = publish.friendlyName.trim();
  if (fileName && (friendly === '' || friendly === DEFAULT_FRIENDLY_NAME)) return fileName;
  return friendly === '' ? DEFAULT_FRIENDLY_NAME : friendly;
}

// ---------------------------------------------------------------------------------------------------------------
// Compare-and-set
// ---------------------------------------------------------------------------------------------------------------

/**
 * Whether a write that expects `expected` (the stamp this tab last read or wrote; null to create a new document)
 * may replace what is stored (`current`, undefined when nothing is). Allowed: creating where nothing is; replacing
 * the very revision this tab knows; replacing an older revision (a copy left behind in a fallback backend); writing
 * where the record has gone (forgotten meanwhile: the tab holding the document wins, nothing is lost). Refused:
 * anything newer than what the tab knows, or the same revision by another writer.
 */
export function mayReplace(current: Stamp | undefined, expected: Stamp | null): boolean {
  if (current === undefined) return true;
  if (expected === null) return false;
  if (current.revision < expected.revision) return true;
  return current.revision === expected.revision && current.writer === expected.writer;
}

export function nextStamp(current: Stamp | undefined, expected: Stamp | null, writer: string): Stamp {
  return { revision: Math.max(current?.revision ?? 0, expected?.revision ?? 0) + 1, writer };
}

/** The stamp of a stored value of any format, when it has one (format 1 had none). */
export function stampOf(value: unknown): Stamp | undefined {
  if (!isObject(value)) return undefined;
  const { revision, writer } = value;
  if (typeof revision !== 'number' || !Number.isFinite(revision) || typeof writer !== 'string')
    return undefined;
  return { revision, writer };
}

/** A stored value's format number, or null when it has none. */
export function formatOf(value: unknown): number | null {
  return isObject(value) && typeof value.format === 'number' ? value.format : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading and migrating
// ---------------------------------------------------------------------------------------------------------------

type Obj = UnknownObject;

const SOURCE_KINDS: readonly SourceKind[] = ['definition', 'flow', 'revision', 'flow-list', 'revision-list'];
const PROFILES: readonly Profile[] = ['studio', 'official'];

export type ParsedRecord =
  | { ok: true; record: StoredRecord; session: SavedSession; migratedFrom: number | null }
  /** `newer`: written by a newer version of the editor (kept as it is for that version). */
  | { ok: false; reason: string; newer: boolean };

/**
 * One step per past format, from format n to n + 1, over plain values (they may be damaged: the final check is
 * `parseRecord`'s). `id` names the document for formats that had no id.
 */
const MIGRATIONS: Record<number, (value: Obj, context: { id: string }) => Obj> = {
  // Format 1 → 2: the one browser-wide record becomes a document of its own, at revision 1 of a writer that is
  // no tab ("migration"), counted as edited (it is the user's last session, never to be dropped as a mere copy).
  1: (value, { id }) => {
    const fileName = typeof value.fileName === 'string' ? value.fileName : null;
    const source = parseSource(value.source);
    const publish = parsePublishSettings(value.publish) ?? initialPublishSettings(source, fileName);
    const states = isObject(value.definition) ? value.definition.states : undefined;
    return {
      ...value,
      format: 2,
      id,
      revision: 1,
      writer: 'migration',
      edited: true,
      name: documentName(publish, fileName),
      widgetCount: Array.isArray(states) ? states.length : 0,
      publish,
    };
  },
};

/** The oldest format that can still be read (every later one has a migration). */
export const OLDEST_FORMAT = 1;

/**
 * Reads a stored value of any known format into a current record and the session to restore. The definition
 * goes through the editor's one input boundary, `importFlowValue` (the shape every view relies on, with the
 * depth and cycle guard); what only loses context (an unknown profile, a damaged source or revision entry, bad
 * publish settings) is repaired; anything else rejects the record, which is then kept aside, never rewritten.
 */
export function parseRecord(value: unknown, context: { id: string }): ParsedRecord {
  if (!isObject(value)) return { ok: false, reason: 'the saved record is not an object', newer: false };
  const format = value.format;
  if (typeof format !== 'number' || !Number.isInteger(format) || format < OLDEST_FORMAT) {
    return { ok: false, reason: `the saved record has no known format (${String(format)})`, newer: false };
  }
  if (format > FORMAT) {
    return {
      ok: false,
      reason: `it was saved by a newer version of the editor (format ${format}; this version reads up to ${FORMAT})`,
      newer: true,
    };
  }
  let current: Obj = value;
  for (let from = format; from < FORMAT; from++) {
    const step = MIGRATIONS[from];
    if (!step) return { ok: false, reason: `no migration from format ${from}`, newer: false };
    current = step(current, context);
  }
  const parsed = parseCurrent(current, context.id);
  if (!parsed.ok) return parsed;
  return { ...parsed, migratedFrom: format === FORMAT ? null : format };
}

function parseCurrent(
  value: Obj,
  id: string,
): { ok: true; record: StoredRecord; session: SavedSession } | { ok: false; reason: string; newer: false } {
  const fail = (reason: string) => ({ ok: false as const, reason, newer: false as const });
  const definition = checkDefinition(value.definition);
  if (typeof definition === 'string') return fail(definition);
  if (typeof value.savedAt !== 'string') return fail('the saved record has no date');
  const stamp = stampOf(value);
  if (!stamp) return fail('the saved record has no revision');

  const revisions: ParsedFlow[] = [];
  if (Array.isArray(value.revisions)) {
    for (const entry of value.revisions) {
      if (!isObject(entry)) continue;
      const revision = checkDefinition(entry.definition);
      const source = parseSource(entry.source);
      if (typeof revision !== 'string' && source) revisions.push({ definition: revision, source });
    }
  }
  const source = parseSource(value.source);
  const fileName = typeof value.fileName === 'string' ? value.fileName : null;
  const profile = PROFILES.find((p) => p === value.profile) ?? 'studio';
  const publish = parsePublishSettings(value.publish) ?? initialPublishSettings(source, fileName);
  const copyOf = typeof value.copyOf === 'string' ? value.copyOf : undefined;
  const record: StoredRecord = {
    format: FORMAT,
    id,
    ...stamp,
    savedAt: value.savedAt,
    edited: value.edited !== false,
    ...(copyOf !== undefined ? { copyOf } : {}),
    name: documentName(publish, fileName),
    widgetCount: definition.states.length,
    definition,
    source,
    fileName,
    revisions,
    profile,
    publish,
  };
  return {
    ok: true,
    record,
    session: { definition, source, fileName, revisions, profile, publish, savedAt: value.savedAt },
  };
}

/** The definition itself when it passes import's shape check as a bare definition, else why not. */
function checkDefinition(value: unknown): FlowDefinition | string {
  if (!isObject(value)) return 'the saved definition is not an object';
  const imported = importFlowValue(value);
  if (!imported.ok) return `the saved definition is damaged: ${imported.error.message}`;
  const [flow] = imported.flows;
  // Import returns the very object it was given for a bare definition; anything else (a value that reads as a
  // Flow resource or a list) is not what was saved.
  if (imported.kind !== 'definition' || imported.flows.length !== 1 || flow?.definition !== value) {
    return 'the saved definition is not a flow definition';
  }
  return flow.definition;
}

function parseSource(value: unknown): FlowSourceInfo | null {
  if (!isObject(value)) return null;
  const { kind, label } = value;
  if (typeof label !== 'string' || !SOURCE_KINDS.some((k) => k === kind)) return null;
  return value as unknown as FlowSourceInfo;
}

/**
 * The start-screen summary of a stored record, read from its header only (name, widget count, date): null when
 * those are missing (the record is then read in full to say why).
 */
export function summaryOf(value: unknown, id: string): DocumentSummary | null {
  if (!isObject(value) || value.format !== FORMAT) return null;
  const { name, widgetCount, savedAt } = value;
  if (typeof name !== 'string' || typeof widgetCount !== 'number' || typeof savedAt !== 'string') return null;
  const fileName = typeof value.fileName === 'string' ? value.fileName : null;
  const source = parseSource(value.source);
  const detail = fileName !== null && fileName !== name ? fileName : (source?.label ?? null);
  return {
    id,
    name,
    widgetCount,
    savedAt,
    detail: detail === name ? null : detail,
    ...(typeof value.copyOf === 'string' ? { copyOf: value.copyOf } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Words and downloads
// ---------------------------------------------------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, '0');

/** `14:05` for a save today, `2024-05-03 14:05` for an older one (local time); null for an unreadable date. */
export function formatSavedAt(savedAt: string, now: Date): string | null {
  const date = new Date(savedAt);
  if (Number.isNaN(date.getTime())) return null;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  const sameDay =
    date.getFullYear() === now.getFullYear() &&
    date.getMonth() === now.getMonth() &&
    date.getDate() === now.getDate();
  return sameDay ? time : `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${time}`;
}

export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError';
}

/** A save failure in words, e.g. "the browser's storage for this page is full". */
export function describeSaveError(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'QuotaExceededError') return 'the browser’s storage for this page is full';
  if (error instanceof StorageUnavailableError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return message || 'the browser refused to store it';
}

/**
 * A stored value of any shape as JSON text for download, losing nothing JSON can hold: a record that cannot be
 * read may hold what JSON.stringify refuses or drops (a BigInt, a cycle, a Map, a Date, typed arrays), which are
 * written out as tagged values instead of throwing. Repeated references (not cycles) are written in full.
 */
export function toDownloadableJson(value: unknown): string {
  const ancestors = new Set<object>();
  const convert = (v: unknown): unknown => {
    switch (typeof v) {
      case 'bigint':
        return { $bigint: v.toString() };
      case 'undefined':
        return { $undefined: true };
      case 'number':
        return Number.isFinite(v) ? v : { $number: String(v) };
      case 'function':
      case 'symbol':
        return { $unsupported: typeof v };
      case 'object':
        break;
      default:
        return v;
    }
    if (v === null) return null;
    if (ancestors.has(v)) return { $circular: true };
    if (v instanceof Date) return { $date: Number.isNaN(v.getTime()) ? String(v) : v.toISOString() };
    if (ArrayBuffer.isView(v))
      return { $bytes: Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
    if (v instanceof ArrayBuffer) return { $bytes: Array.from(new Uint8Array(v)) };
    ancestors.add(v);
    try {
      if (v instanceof Map) return { $map: [...v.entries()].map(([k, x]) => [convert(k), convert(x)]) };
      if (v instanceof Set) return { $set: [...v].map(convert) };
      if (Array.isArray(v)) return v.map(convert);
      const out: Record<string, unknown> = {};
      for (const [key, x] of Object.entries(v)) out[key] = convert(x);
      return out;
    } finally {
      ancestors.delete(v);
    }
  };
  return `${JSON.stringify(convert(value), null, 2)}\n`;
}
