import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../../model/types';
import { flowOf, sendMessage, trigger } from '../../testing/flows';
import { applyWriteAhead, assemble, chunkChanged, toHeader, type WriteAheadEntry } from './layout';
import {
  FORMAT,
  describeSaveError,
  documentChanged,
  documentName,
  formatSavedAt,
  mayReplace,
  nextStamp,
  parseRecord,
  summaryOf,
  toDownloadableJson,
  toSnapshot,
  toStoredRecord,
  type SessionState,
  type StoredRecord,
} from './records';
import format1IndexedDb from './fixtures/format-1.indexeddb.json';
import format1LocalText from './fixtures/format-1.localStorage.json?raw';
import format2IndexedDb from './fixtures/format-2.indexeddb.json';
import format2LocalText from './fixtures/format-2.localStorage.json?raw';

function definition(description = 'A flow'): FlowDefinition {
  return flowOf(description, [
    trigger('hello'),
    {
      ...sendMessage('hello', { body: 'Hi', offset: { x: 0, y: 200 }, unknown_key: '3600' }),
      extra: [1, 2, 3],
    },
  ]);
}

function sessionState(overrides: Partial<SessionState> = {}): SessionState {
  return {
    definition: definition(),
    source: { kind: 'flow', label: 'Flow “IVR”', flowSid: 'FW1', revision: 3 },
    fileName: 'ivr.json',
    revisions: [],
    profile: 'official',
    ...overrides,
  };
}

function stored(overrides: Partial<SessionState> = {}): StoredRecord {
  const snapshot = toSnapshot(sessionState(overrides), new Date('2026-03-04T10:20:00Z'), { edited: true });
  if (!snapshot) throw new Error('no snapshot');
  return toStoredRecord('doc-1', { revision: 4, writer: 'tab-a' }, snapshot);
}

function parsedOk(value: unknown, id = 'doc-1') {
  const parsed = parseRecord(value, { id });
  if (!parsed.ok) throw new Error(`not readable: ${parsed.reason}`);
  return parsed;
}

describe('records (format 2)', () => {
  it('keeps the document exactly through JSON and a structured clone: key order, unknown keys, numeric strings', () => {
    const state = sessionState();
    const snapshot = toSnapshot(state, new Date('2026-03-04T10:20:00Z'), { edited: true });
    if (!snapshot) throw new Error('no snapshot');
    const record = toStoredRecord('doc-1', { revision: 4, writer: 'tab-a' }, snapshot);
    expect(record).toMatchObject({
      format: FORMAT,
      id: 'doc-1',
      revision: 4,
      writer: 'tab-a',
      widgetCount: 2,
    });
    // Nothing is copied: what is stored is the document itself (the backend clones or stringifies it).
    expect(record.definition).toBe(state.definition);
    for (const copy of [JSON.parse(JSON.stringify(record)) as unknown, structuredClone(record)]) {
      const { session, record: back } = parsedOk(copy);
      expect(JSON.stringify(session.definition)).toBe(JSON.stringify(record.definition));
      expect(Object.keys(session.definition.states[1]?.properties ?? {})).toEqual([
        'body',
        'offset',
        'unknown_key',
      ]);
      expect(session.source).toEqual(record.source);
      expect(back.revision).toBe(4);
    }
  });

  it('the restored definition is the very object that was read (import returns it as given)', () => {
    const value = structuredClone(stored());
    const { session } = parsedOk(value);
    expect(session.definition).toBe(value.definition);
  });

  it('is not written when no flow is open', () => {
    expect(toSnapshot(sessionState({ definition: null }), new Date(), { edited: false })).toBeNull();
  });

  it.each([
    ['not an object', 'a string', /not an object/],
    ['no format', { ...stored(), format: undefined }, /no known format/],
    ['no definition', { ...stored(), definition: undefined }, /definition is not an object/],
    [
      'states not a list',
      { ...stored(), definition: { initial_state: 'x', states: {} } },
      /"states".*must be an array/,
    ],
    [
      'a widget without transitions',
      {
        ...stored(),
        definition: { initial_state: 'T', states: [{ name: 'T', type: 'trigger', properties: {} }] },
      },
      /"transitions"/,
    ],
    [
      'a transition whose next is not a string (the old checker let it through)',
      {
        ...stored(),
        definition: {
          initial_state: 'T',
          states: [{ name: 'T', type: 'trigger', properties: {}, transitions: [{ event: 'x', next: 5 }] }],
        },
      },
      /next/,
    ],
    [
      'a definition given as a Flow resource',
      { ...stored(), definition: { sid: 'FW1', definition: definition() } },
      /not a flow definition/,
    ],
    ['no date', { ...stored(), savedAt: 5 }, /no date/],
    ['no revision', { ...stored(), revision: 'x' }, /no revision/],
  ])('rejects a damaged record: %s', (_label, value, reason) => {
    const parsed = parseRecord(value, { id: 'doc-1' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.reason).toMatch(reason);
      expect(parsed.newer).toBe(false);
    }
  });

  it('reads a definition without initial_state (import leaves that to validation; the old checker refused it)', () => {
    const { initial_state: _dropped, ...rest } = definition();
    expect(parseRecord({ ...stored(), definition: rest }, { id: 'doc-1' }).ok).toBe(true);
  });

  it('guards against cyclic values (a damaged record can hold anything a structured clone can)', () => {
    const cyclic: Record<string, unknown> = { ...definition() };
    cyclic.self = cyclic;
    const parsed = parseRecord({ ...stored(), definition: cyclic }, { id: 'doc-1' });
    expect(parsed.ok).toBe(false);
  });

  it('says when a record comes from a newer version, and never reads it', () => {
    const parsed = parseRecord({ ...stored(), format: FORMAT + 1 }, { id: 'doc-1' });
    expect(parsed).toMatchObject({ ok: false, newer: true });
    if (!parsed.ok) expect(parsed.reason).toMatch(/newer version of the editor \(format 3/);
  });

  it('repairs what only loses context: profile, source, file name, publish settings, bad revisions', () => {
    const parsed = parsedOk({
      ...stored(),
      profile: 'strict',
      source: { kind: 'nonsense' },
      fileName: 42,
      publish: { friendlyName: 3 },
      revisions: [
        null,
        { definition: definition(), source: { kind: 'revision', label: 'Revision 1' } },
        { x: 1 },
      ],
    });
    expect(parsed.session.profile).toBe('studio');
    expect(parsed.session.source).toBeNull();
    expect(parsed.session.fileName).toBeNull();
    expect(parsed.session.publish).toEqual({ friendlyName: 'My flow', status: 'draft', commitMessage: '' });
    expect(parsed.session.revisions).toHaveLength(1);
  });

  it('lists a record by its friendly name, or its file name while the friendly name is the default', () => {
    expect(documentName({ friendlyName: 'IVR', status: 'draft', commitMessage: '' }, 'ivr.json')).toBe('IVR');
    expect(documentName({ friendlyName: 'My flow', status: 'draft', commitMessage: '' }, 'ivr.json')).toBe(
      'ivr.json',
    );
    expect(documentName({ friendlyName: ' ', status: 'draft', commitMessage: '' }, null)).toBe('My flow');
    expect(summaryOf(stored(), 'doc-1')).toEqual({
      id: 'doc-1',
      name: 'ivr',
      widgetCount: 2,
      savedAt: '2026-03-04T10:20:00.000Z',
      detail: 'ivr.json',
    });
    expect(summaryOf({ format: 1 }, 'x')).toBeNull();
  });

  it('tells document changes from other changes by identity', () => {
    const state = sessionState();
    expect(documentChanged(state, { ...state })).toBe(false);
    expect(documentChanged({ ...state, definition: definition() }, state)).toBe(true);
    expect(documentChanged({ ...state, profile: 'studio' }, state)).toBe(true);
  });
});

describe('compare-and-set', () => {
  const a3 = { revision: 3, writer: 'a' };
  it.each([
    ['nothing stored, creating', undefined, null, true],
    ['something stored, creating', a3, null, false],
    ['the revision this tab knows', a3, a3, true],
    ['an older revision (a copy left in the fallback)', { revision: 2, writer: 'b' }, a3, true],
    ['a newer revision by another tab', { revision: 4, writer: 'b' }, a3, false],
    ['the same revision by another tab', { revision: 3, writer: 'b' }, a3, false],
    ['the record is gone (forgotten elsewhere): the tab holding it writes it back', undefined, a3, true],
  ])('%s', (_label, current, expected, allowed) => {
    expect(mayReplace(current, expected)).toBe(allowed);
  });

  it('numbers revisions past everything known', () => {
    expect(nextStamp(undefined, null, 'a')).toEqual({ revision: 1, writer: 'a' });
    expect(nextStamp({ revision: 7, writer: 'b' }, { revision: 9, writer: 'a' }, 'a')).toEqual({
      revision: 10,
      writer: 'a',
    });
  });
});

describe('every past format is read (fixtures of each shape)', () => {
  it('format 1 in IndexedDB (session/current) becomes a document at revision 1, counted as edited', () => {
    const parsed = parsedOk(structuredClone(format1IndexedDb), 'migrated-idb');
    expect(parsed.migratedFrom).toBe(1);
    expect(parsed.record).toMatchObject({
      format: 2,
      id: 'migrated-idb',
      revision: 1,
      writer: 'migration',
      edited: true,
      name: 'IVR (support line)',
      widgetCount: 2,
      fileName: 'ivr.json',
      profile: 'official',
    });
    expect(parsed.session.publish).toEqual(format1IndexedDb.publish);
    expect(parsed.session.definition.states.map((w) => w.name)).toEqual(['Trigger', 'hello']);
    expect(Object.keys(parsed.session.definition)).toEqual([
      'description',
      'states',
      'initial_state',
      'flags',
    ]);
  });

  it('format 1 in localStorage (JSON text), without publish settings: derived from the source', () => {
    const parsed = parsedOk(JSON.parse(format1LocalText), 'migrated-local');
    expect(parsed.record.name).toBe('opt-in.revisions');
    expect(parsed.session.publish).toEqual({
      friendlyName: 'opt-in.revisions',
      status: 'draft',
      commitMessage: '',
    });
    // The damaged revision entry is dropped; the readable one is kept.
    expect(parsed.session.revisions.map((r) => r.source.label)).toEqual(['Revision 1']);
  });

  it('format 2 in IndexedDB: header and chunks put back together, key order kept', () => {
    const id = Object.keys(format2IndexedDb.documents)[0] ?? '';
    const header = (format2IndexedDb.documents as Record<string, unknown>)[id];
    const chunks = format2IndexedDb.parts.map(([, value]) => value);
    const assembled = assemble(structuredClone(header), structuredClone(chunks), undefined);
    if (!assembled.ok) throw new Error(assembled.reason);
    const parsed = parsedOk(assembled.value, id);
    expect(parsed.migratedFrom).toBeNull();
    expect(parsed.record).toMatchObject({ revision: 12, name: 'Appointments', widgetCount: 3 });
    expect(parsed.session.definition.states.map((w) => w.name)).toEqual(['Trigger', 'greet', 'bye']);
    expect(Object.keys(parsed.session.definition)).toEqual([
      'description',
      'states',
      'initial_state',
      'flags',
    ]);
  });

  it('format 2 in localStorage (JSON text)', () => {
    const parsed = parsedOk(JSON.parse(format2LocalText), 'migrated-1x2y3z');
    expect(parsed.record).toMatchObject({
      revision: 3,
      edited: false,
      copyOf: '7f1c2a9e-0000-4000-8000-00000000f002',
      profile: 'official',
    });
  });
});

describe('IndexedDB layout', () => {
  const big = (n: number): FlowDefinition => ({
    description: 'big',
    states: Array.from({ length: n }, (_, i) => ({
      name: `w${i}`,
      type: 'send-message',
      transitions: [{ event: 'sent' }],
      properties: {},
    })),
    initial_state: 'w0',
    flags: { allow_concurrent_calls: true },
  });

  it('splits the widgets into chunks and puts them back in order, with the definition’s key order', () => {
    const record = { ...stored(), definition: big(10) };
    const header = toHeader(record, 4);
    expect(header).toMatchObject({ chunkCount: 3, chunkSize: 4, revisionCount: 0 });
    expect(Object.keys(header.head)).toEqual(['description', 'states', 'initial_state', 'flags']);
    expect(header.head.states).toEqual([]);
    const chunks = [0, 1, 2].map((i) => record.definition.states.slice(i * 4, i * 4 + 4));
    const back = assemble(structuredClone(header), structuredClone(chunks), undefined);
    if (!back.ok) throw new Error(back.reason);
    expect(JSON.stringify(back.value.definition)).toBe(JSON.stringify(record.definition));
  });

  it('says when a part is missing rather than opening a flow with widgets gone', () => {
    const record = { ...stored(), definition: big(10) };
    const back = assemble(toHeader(record, 4), [[], []], undefined);
    expect(back).toEqual({
      ok: false,
      reason: expect.stringMatching(/incomplete \(2 of 3 parts/) as unknown,
    });
  });

  it('finds the chunks an edit touched by identity', () => {
    const before = big(10).states;
    const after = [...before];
    after[5] = { ...before[5], name: 'renamed' } as (typeof before)[number];
    expect([0, 1, 2].map((i) => chunkChanged(before, after, i, 4))).toEqual([false, true, false]);
    // A widget added at the end touches only the last chunk; removing one shifts the rest.
    expect([0, 1, 2].map((i) => chunkChanged(before, [...before, after[5] as never], i, 4))).toEqual([
      false,
      false,
      true,
    ]);
    expect([0, 1, 2].map((i) => chunkChanged(before, before.slice(1), i, 4))).toEqual([true, true, true]);
  });
});

describe('write-ahead entries', () => {
  const widget = (name: string) => ({ name, type: 'send-message', transitions: [], properties: {} });
  const header = (revision: number, writer: string, chunkCount: number) =>
    ({ ...toHeader({ ...stored(), revision, writer }, 2), chunkCount }) as WriteAheadEntry['header'];
  const entry = (
    base: { revision: number; writer: string },
    at: string,
    chunks: WriteAheadEntry['chunks'],
    count = 2,
  ) =>
    ({
      id: 'doc-1',
      writer: 'tab-a',
      base,
      header: header(base.revision + 1, 'tab-a', count),
      chunks,
      at,
    }) as WriteAheadEntry;
  const chunks = [[widget('a'), widget('b')], [widget('c')]];

  it('applies the newest entry based on exactly the stored record: its write would have succeeded', () => {
    const stored = header(4, 'tab-a', 2);
    const older = entry({ revision: 4, writer: 'tab-a' }, '2026-01-01T00:00:01Z', [[1, [widget('old')]]]);
    const newer = entry({ revision: 4, writer: 'tab-a' }, '2026-01-01T00:00:02Z', [
      [1, [widget('new'), widget('d')]],
    ]);
    const applied = applyWriteAhead(stored, chunks, undefined, [older, newer]);
    expect(applied.recovered).toBe(true);
    expect(applied.header).toMatchObject({ revision: 5, writer: 'tab-a' });
    expect(applied.chunks).toEqual([chunks[0], [widget('new'), widget('d')]]);
  });

  it('ignores entries based on another revision: already written, or lost to another tab’s newer version', () => {
    const stored = header(5, 'tab-b', 2);
    const done = entry({ revision: 4, writer: 'tab-a' }, '2026-01-01T00:00:03Z', [[0, [widget('x')]]]);
    const applied = applyWriteAhead(stored, chunks, undefined, [done, 'junk', null]);
    expect(applied).toEqual({ header: stored, chunks, revisions: undefined, recovered: false });
  });

  it('drops chunks past the entry’s count (widgets deleted by the edit)', () => {
    const stored = header(4, 'tab-a', 2);
    const shrink = entry({ revision: 4, writer: 'tab-a' }, '2026-01-01T00:00:02Z', [[0, [widget('a')]]], 1);
    expect(applyWriteAhead(stored, chunks, undefined, [shrink]).chunks).toEqual([[widget('a')]]);
  });
});

describe('words and downloads', () => {
  it('formats the save time as HH:MM, with the date when it was not today', () => {
    const now = new Date(2026, 2, 4, 18, 0);
    expect(formatSavedAt(new Date(2026, 2, 4, 9, 5).toISOString(), now)).toBe('09:05');
    expect(formatSavedAt(new Date(2026, 2, 1, 23, 59).toISOString(), now)).toBe('2026-03-01 23:59');
    expect(formatSavedAt('yesterday', now)).toBeNull();
  });

  it('says why a save failed in words', () => {
    expect(describeSaveError(new DOMException('full', 'QuotaExceededError'))).toMatch(/storage .* is full/);
    expect(describeSaveError(new Error('disk on fire'))).toBe('disk on fire');
  });

  it('downloads any stored value as JSON: BigInt, cycles, Maps, Dates and bytes do not throw or vanish', () => {
    const value: Record<string, unknown> = {
      n: 10n,
      when: new Date('2026-01-02T03:04:05Z'),
      map: new Map([['k', 1]]),
      set: new Set([1]),
      bytes: new Uint8Array([1, 2]),
      nan: Number.NaN,
      missing: undefined,
    };
    value.self = value;
    const shared = { a: 1 };
    value.twice = [shared, shared];
    const parsed = JSON.parse(toDownloadableJson(value)) as Record<string, unknown>;
    expect(parsed).toEqual({
      n: { $bigint: '10' },
      when: { $date: '2026-01-02T03:04:05.000Z' },
      map: { $map: [['k', 1]] },
      set: { $set: [1] },
      bytes: { $bytes: [1, 2] },
      nan: { $number: 'NaN' },
      missing: { $undefined: true },
      self: { $circular: true },
      twice: [{ a: 1 }, { a: 1 }],
    });
  });
});
