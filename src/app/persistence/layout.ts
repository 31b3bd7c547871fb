/**
 * How a format-2 record is laid out in IndexedDB, as pure functions (the fixture tests use them without a
 * database): a header in the `documents` store (everything but the widgets and the revisions, with the definition's
 * other keys kept in place as `head`), the widgets in chunks of CHUNK_SIZE in the `parts` store under
 * `[id, 'states', i]`, and the revisions of a list import under `[id, 'revisions']`.
 *
 * Why chunks: IndexedDB clones what it stores on the main thread. The whole definition of a 2,000-widget flow
 * (1.4 MB) takes about 7 ms to clone and 9 ms to commit on the project's machine; one chunk of 64 widgets and the
 * header take under 1 ms and 1.3 ms. Edits share every untouched widget object, so a write compares widgets by
 * identity with what this tab last wrote and stores only the chunks that changed: saving after every keystroke
 * costs the same at 2,000 widgets as at 100.
 */
import type { FlowDefinition, Widget } from '../../model/types';
import type { StoredRecord } from './records';

/** Widgets per chunk: small enough to clone in well under a millisecond, few enough keys to read fast. */
export const CHUNK_SIZE = 64;

export type PartKey = [string, 'states', number] | [string, 'revisions'];

/** The header as stored in `documents`. */
export type IdbHeader = Omit<StoredRecord, 'definition' | 'revisions'> & {
  /** The definition with `states` emptied (its other keys, in their order). */
  head: Record<string, unknown>;
  chunkSize: number;
  chunkCount: number;
  /** How many revisions the `[id, 'revisions']` part holds (0: no part). */
  revisionCount: number;
};

export function chunkCount(widgets: number, size = CHUNK_SIZE): number {
  return Math.ceil(widgets / size);
}

export function chunkOf(states: readonly Widget[], index: number, size = CHUNK_SIZE): Widget[] {
  return states.slice(index * size, (index + 1) * size);
}

/** Whether chunk `index` holds other widget objects (or another number of them) in `next` than in `previous`. */
export function chunkChanged(
  previous: readonly Widget[],
  next: readonly Widget[],
  index: number,
  size = CHUNK_SIZE,
): boolean {
  const end = (index + 1) * size;
  for (let i = index * size; i < end; i++) {
    if (previous[i] !== next[i]) return true;
  }
  return false;
}

/** The header of a record (shallow: nothing is copied but the definition's top level). */
export function toHeader(record: StoredRecord, size = CHUNK_SIZE): IdbHeader {
  const { definition, revisions, ...rest } = record;
  // Spreading keeps the key order, and `states` stays where it was: reassembling gives the same key order back.
  const head: Record<string, unknown> = { ...definition, states: [] };
  return {
    ...rest,
    head,
    chunkSize: size,
    chunkCount: chunkCount(definition.states.length, size),
    revisionCount: revisions.length,
  };
}

export type Assembled = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

/**
 * The logical record back from a header, its chunks (in key order) and its revisions part; not checked beyond the
 * layout itself (`parseRecord` does that). A header of another format is returned as it is.
 */
export function assemble(header: unknown, chunks: readonly unknown[], revisions: unknown): Assembled {
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    return { ok: false, reason: 'the saved record is not an object' };
  }
  const h = header as Record<string, unknown>;
  if (h.format !== 2) return { ok: true, value: h };
  const { head, chunkCount: count, revisionCount, chunkSize: _size, ...rest } = h;
  if (typeof head !== 'object' || head === null || Array.isArray(head)) {
    return { ok: false, reason: 'the saved record has no definition' };
  }
  if (typeof count !== 'number' || chunks.length !== count) {
    return {
      ok: false,
      reason: `the saved record is incomplete (${chunks.length} of ${String(count)} parts of its widgets)`,
    };
  }
  const states: unknown[] = [];
  for (const chunk of chunks) {
    if (!Array.isArray(chunk)) return { ok: false, reason: 'a part of the saved widgets is damaged' };
    states.push(...(chunk as unknown[]));
  }
  const hasRevisions = typeof revisionCount === 'number' && revisionCount > 0;
  if (hasRevisions && !Array.isArray(revisions)) {
    return { ok: false, reason: 'the saved revisions are missing' };
  }
  const definition = { ...(head as Record<string, unknown>), states } as unknown as FlowDefinition;
  return { ok: true, value: { ...rest, definition, revisions: hasRevisions ? revisions : [] } };
}

/**
 * A write-ahead entry (IndexedDB store `wal`, key `[id, writer]`): what a tab's next compare-and-set write of a
 * document will store, written and committed in the same script as the edit, before the editor re-renders, so
 * that the edit is in the browser's storage within about a millisecond even when the page is busy afterwards
 * (a 2,000-widget flow re-renders for tens of milliseconds, and a transaction that waits for the page to read its
 * compare cannot commit before that). It holds the new header and every chunk that differs from the record it
 * was based on; the compare-and-set write that follows deletes it in its own transaction.
 */
export interface WriteAheadEntry {
  id: string;
  writer: string;
  /** The stamp of the stored record this entry goes on top of. */
  base: { revision: number; writer: string };
  header: IdbHeader;
  chunks: [index: number, widgets: Widget[]][];
  /** Present when the revisions changed too. */
  revisions?: unknown;
  at: string;
}

export interface Recovered {
  header: unknown;
  chunks: unknown[];
  revisions: unknown;
  /** A write-ahead entry was applied: the document differs from its stored record until it is written again. */
  recovered: boolean;
}

/**
 * The document as its writer meant it: the stored record, with the newest write-ahead entry based on exactly that
 * record applied on top (its compare-and-set write would have succeeded). Entries based on another revision are
 * obsolete (their write happened) or lost a race with another tab (which has the newer version): not applied.
 */
export function applyWriteAhead(
  header: unknown,
  chunks: readonly unknown[],
  revisions: unknown,
  entries: readonly unknown[],
): Recovered {
  const stored = header as { revision?: unknown; writer?: unknown } | undefined;
  const matching = entries
    .filter((e): e is WriteAheadEntry => {
      if (typeof e !== 'object' || e === null) return false;
      const entry = e as Partial<WriteAheadEntry>;
      return (
        typeof entry.header === 'object' &&
        Array.isArray(entry.chunks) &&
        typeof entry.at === 'string' &&
        entry.base?.revision === stored?.revision &&
        entry.base?.writer === stored?.writer
      );
    })
    .sort((a, b) => b.at.localeCompare(a.at));
  const entry = matching[0];
  if (!entry || stored === undefined) return { header, chunks: [...chunks], revisions, recovered: false };
  const merged = [...chunks];
  for (const [index, widgets] of entry.chunks) merged[index] = widgets;
  merged.length = entry.header.chunkCount;
  return {
    header: entry.header,
    chunks: merged,
    revisions: 'revisions' in entry ? entry.revisions : revisions,
    recovered: true,
  };
}
