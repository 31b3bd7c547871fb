import { describe, expect, it, vi } from 'vitest';
import type { FlowDefinition } from '../../model/types';
import { LEGACY_LOCAL_KEY, localStorageBackend } from './backend';
import { parseRecord, toSnapshot, toStoredRecord, type Stamp, type StoredRecord } from './records';
import { createDocumentStorage } from './storage';
import { fakeStorage, memoryBackend } from './testing';
import format1LocalText from './fixtures/format-1.localStorage.json?raw';

const definition = (description: string): FlowDefinition => ({
  description,
  states: [{ name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingMessage' }], properties: {} }],
  initial_state: 'Trigger',
});

function recordOf(id: string, description: string): (stamp: Stamp) => StoredRecord {
  const snapshot = toSnapshot(
    {
      definition: definition(description),
      source: null,
      fileName: `${description}.json`,
      revisions: [],
      profile: 'studio',
    },
    new Date('2026-03-04T10:20:00Z'),
    { edited: true },
  );
  if (!snapshot) throw new Error('no snapshot');
  return (stamp) => toStoredRecord(id, stamp, snapshot);
}

async function descriptionIn(storage: ReturnType<typeof createDocumentStorage>, id: string) {
  const read = await storage.read(id);
  if (!read?.ok) return null;
  const parsed = parseRecord(read.value, { id });
  return parsed.ok ? parsed.session.definition.description : null;
}

describe('localStorage backend', () => {
  it('keeps each document as JSON under its own key, with compare-and-set', async () => {
    const storage = fakeStorage();
    const local = localStorageBackend(storage);
    const first = await local.write({
      id: 'a',
      writer: 'tab-1',
      expected: null,
      record: recordOf('a', 'one'),
    });
    expect(first).toEqual({ ok: true, stamp: { revision: 1, writer: 'tab-1' } });
    expect(JSON.parse(storage.getItem('studio-flow-editor:doc:a') ?? '')).toMatchObject({
      format: 2,
      revision: 1,
    });

    // Creating again, or writing from a stale stamp, is refused and changes nothing.
    expect(
      await local.write({ id: 'a', writer: 'tab-2', expected: null, record: recordOf('a', 'x') }),
    ).toMatchObject({
      ok: false,
      current: { revision: 1, writer: 'tab-1' },
    });
    const second = await local.write({
      id: 'a',
      writer: 'tab-1',
      expected: { revision: 1, writer: 'tab-1' },
      record: recordOf('a', 'two'),
    });
    expect(second).toEqual({ ok: true, stamp: { revision: 2, writer: 'tab-1' } });
    expect(
      await local.write({
        id: 'a',
        writer: 'tab-2',
        expected: { revision: 1, writer: 'tab-1' },
        record: recordOf('a', 'stale'),
      }),
    ).toMatchObject({ ok: false });
    const read = await local.read('a');
    expect(read?.ok && (read.value as StoredRecord).definition.description).toBe('two');
  });

  it('never replaces damaged text or a newer format, and lists them', async () => {
    const storage = fakeStorage();
    storage.setItem('studio-flow-editor:doc:bad', '{"format": 2, "defin');
    storage.setItem('studio-flow-editor:doc:new', JSON.stringify({ format: 9, revision: 1, writer: 'x' }));
    const local = localStorageBackend(storage);
    expect(
      await local.write({ id: 'bad', writer: 't', expected: null, record: recordOf('bad', 'x') }),
    ).toMatchObject({ ok: false });
    expect(
      await local.write({
        id: 'new',
        writer: 't',
        expected: { revision: 1, writer: 'x' },
        record: recordOf('new', 'x'),
      }),
    ).toMatchObject({ ok: false, newerFormat: true });
    expect(storage.getItem('studio-flow-editor:doc:bad')).toBe('{"format": 2, "defin');
    expect((await local.list()).map((e) => e.where)).toEqual([
      { kind: 'document', id: 'bad' },
      { kind: 'document', id: 'new' },
    ]);
    expect(await local.raw({ kind: 'document', id: 'bad' })).toEqual({
      unparsableText: '{"format": 2, "defin',
    });
  });

  it('rejects with the quota error when the text does not fit', async () => {
    const local = localStorageBackend(fakeStorage(10));
    await expect(
      local.write({ id: 'a', writer: 't', expected: null, record: recordOf('a', 'x') }),
    ).rejects.toThrow('quota');
  });
});

describe('document storage over two backends', () => {
  it('falls back to localStorage when IndexedDB refuses a write, and removes that copy once IndexedDB takes one', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const db = memoryBackend();
    const storage = fakeStorage();
    const both = createDocumentStorage(db, localStorageBackend(storage));
    let stamp = await both.write({ id: 'a', writer: 't', expected: null, record: recordOf('a', 'one') });
    expect(db.state.writes).toBe(1);

    db.state.failWith = new DOMException('full', 'QuotaExceededError');
    stamp = await both.write({
      id: 'a',
      writer: 't',
      expected: stamp.ok ? stamp.stamp : null,
      record: recordOf('a', 'two'),
    });
    expect(stamp).toMatchObject({ ok: true, stamp: { revision: 2 } });
    expect(storage.getItem('studio-flow-editor:doc:a')).not.toBeNull();
    // IndexedDB still holds revision 1; the newest wins on reading and listing.
    expect(await descriptionIn(both, 'a')).toBe('two');
    expect((await both.list()).filter((e) => e.where.kind === 'document')).toHaveLength(1);

    db.state.failWith = null;
    await both.write({
      id: 'a',
      writer: 't',
      expected: stamp.ok ? stamp.stamp : null,
      record: recordOf('a', 'three'),
    });
    expect(storage.getItem('studio-flow-editor:doc:a')).toBeNull();
    expect(await descriptionIn(both, 'a')).toBe('three');
    warn.mockRestore();
  });

  it('a newer revision left in the fallback by another tab is not shadowed by a stale write to IndexedDB', async () => {
    const db = memoryBackend();
    const storage = fakeStorage();
    const local = localStorageBackend(storage);
    const both = createDocumentStorage(db, local);
    await both.write({ id: 'a', writer: 'tab-1', expected: null, record: recordOf('a', 'one') });
    await local.write({
      id: 'a',
      writer: 'tab-2',
      expected: { revision: 1, writer: 'tab-1' },
      record: recordOf('a', 'other tab'),
    });
    const stale = await both.write({
      id: 'a',
      writer: 'tab-1',
      expected: { revision: 1, writer: 'tab-1' },
      record: recordOf('a', 'stale'),
    });
    expect(stale).toMatchObject({ ok: false, current: { revision: 2, writer: 'tab-2' } });
    expect(await descriptionIn(both, 'a')).toBe('other tab');
  });

  it('migrates format 1 from localStorage once, under an id made from its text, even if cut short', async () => {
    const db = memoryBackend();
    const storage = fakeStorage();
    storage.setItem(LEGACY_LOCAL_KEY, format1LocalText);
    const both = createDocumentStorage(db, localStorageBackend(storage));
    const first = await both.migrateLegacy(
      () => 'unused',
      () => new Date(),
    );
    expect(first.migrated).toHaveLength(1);
    const id = first.migrated[0]?.id ?? '';
    expect(id).toMatch(/^migrated-/);
    expect(storage.getItem(LEGACY_LOCAL_KEY)).toBeNull();
    expect(await descriptionIn(both, id)).toBe('Opt-in');

    // Cut short: written to IndexedDB, the old key not yet removed (and the document edited since). Again:
    await both.write({
      id,
      writer: 't',
      expected: { revision: 1, writer: 'migration' },
      record: recordOf(id, 'edited'),
    });
    storage.setItem(LEGACY_LOCAL_KEY, format1LocalText);
    const again = await both.migrateLegacy(
      () => 'unused',
      () => new Date(),
    );
    expect(again.migrated).toEqual([]);
    expect(storage.getItem(LEGACY_LOCAL_KEY)).toBeNull();
    expect(await descriptionIn(both, id)).toBe('edited');
  });

  it('keeps a damaged format-1 record aside, as it was found', async () => {
    const db = memoryBackend();
    const storage = fakeStorage();
    storage.setItem(LEGACY_LOCAL_KEY, '{"format":1,"definition":');
    const both = createDocumentStorage(db, localStorageBackend(storage));
    const migration = await both.migrateLegacy(
      () => 'unused',
      () => new Date('2026-01-01T00:00:00Z'),
    );
    expect(migration.keptAside).toHaveLength(1);
    const where = migration.keptAside[0]?.where;
    if (!where) throw new Error('not kept');
    expect(await both.raw(where, 'IndexedDB')).toMatchObject({
      origin: 'localStorage studio-flow-editor:current',
      value: { unparsableText: '{"format":1,"definition":' },
    });
  });
});
