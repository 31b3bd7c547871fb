/**
 * One table of hostile inputs, fed to every entry point through which a flow reaches the editor; each must give
 * the same verdict, in the same words, because each goes through the one restore boundary (src/io/restore.ts):
 * file open and drop (bytes, possibly read in a worker), the import dialog (text), a paste on the canvas, the JSON
 * view, the compare dialog (pasted text, an opened file), the CLI (validate, export) and a document read back from
 * storage (the value autosave kept). What a flow that opens keeps is the same everywhere too: its export.
 */
import { describe, expect, it } from 'vitest';
import { exportFiles, validateFiles } from '../cli/commands';
import { readJsonViewText } from '../jsonview/jsonViewText';
import {
  formatImportError,
  importFlowValue,
  MAX_OPEN_WIDGETS,
  serializeDefinition,
  type ImportError,
  type ImportResult,
} from '../io';
import type { FlowDefinition } from '../model/types';
import { resolveSide, type CompareContext, type SideInput } from '../store/compare';
import { createEditorStore, pasteOnCanvas } from '../store/editorStore';
import { importInput, WORKER_THRESHOLD } from '../store/importJob';
import { parseRecord } from './persistence/records';
import { sendMessage, trigger } from '../testing/flows';

const TRIGGER = trigger('reply');
const REPLY = sendMessage('reply', { body: 'Hi', offset: { x: 0, y: 200 } }, ['sent']);
const flow = (states: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify(
    { description: 'd', states, initial_state: 'Trigger', flags: { allow_concurrent_calls: true }, ...extra },
    null,
    2,
  );

interface Row {
  name: string;
  text: string;
  /** Expected: 'ok', or the error code every entry gives. */
  expect: string;
  /** A text that is not JSON cannot be a value kept in storage: that entry point never sees it. */
  textOnly?: boolean;
  /** The canvas takes widgets as well as flows, and nothing at all for empty text: it says so in its own words. */
  canvasOwnWords?: boolean;
}

const ROWS: Row[] = [
  { name: 'a valid flow', text: flow([TRIGGER, REPLY]), expect: 'ok' },
  {
    name: 'unknown keys and odd values, kept as they are',
    text: flow(
      [TRIGGER, { ...REPLY, sid: 'x', properties: { ...REPLY.properties, timeout: '3600', n: [1, '2'] } }],
      {
        extra: { nested: { deep: [null, true] } },
      },
    ),
    expect: 'ok',
  },
  {
    name: '__proto__ and constructor keys, read as data',
    text: flow([TRIGGER, REPLY]).replace(
      '"body": "Hi"',
      '"body": "Hi", "__proto__": { "x": 1 }, "constructor": 2',
    ),
    expect: 'ok',
  },
  {
    name: 'a lone surrogate in a string',
    text: flow([TRIGGER, { ...REPLY, properties: { body: '\ud800' } }]),
    expect: 'ok',
  },
  { name: 'a byte-order mark first', text: `\ufeff${flow([TRIGGER, REPLY])}`, expect: 'ok' },
  {
    name: 'a trailing comma',
    text: flow([TRIGGER, REPLY]).replace('"Hi",', '"Hi",,'),
    expect: 'json-syntax',
    textOnly: true,
  },
  { name: 'cut short', text: flow([TRIGGER, REPLY]).slice(0, 120), expect: 'json-syntax', textOnly: true },
  { name: 'empty text', text: '  \n', expect: 'empty', textOnly: true, canvasOwnWords: true },
  { name: 'nesting 600 deep', text: `${'['.repeat(600)}${']'.repeat(600)}`, expect: 'too-deep' },
  { name: '"states" is an object', text: flow([]).replace('"states": []', '"states": {}'), expect: 'shape' },
  {
    name: 'a transition whose next is a number',
    text: flow([TRIGGER, { ...REPLY, transitions: [{ event: 'sent', next: 42 }] }]),
    expect: 'shape',
  },
  {
    name: 'a transition without an event',
    text: flow([TRIGGER, { ...REPLY, transitions: [{ next: 'Trigger' }] }]),
    expect: 'shape',
  },
  {
    name: 'a widget without properties',
    text: flow([TRIGGER, { ...REPLY, properties: undefined }]),
    expect: 'shape',
  },
  { name: 'a widget whose name is a number', text: flow([TRIGGER, { ...REPLY, name: 7 }]), expect: 'shape' },
  {
    name: 'more widgets than the editor opens',
    text: flow([
      TRIGGER,
      ...Array.from({ length: MAX_OPEN_WIDGETS }, (_, i) => ({ ...REPLY, name: `w${i}` })),
    ]),
    expect: 'too-large',
  },
  {
    name: 'the legacy pre-2019 format',
    text: JSON.stringify({
      states: [{ name: 'Start', type: 'InitialState', transitions: [], properties: {} }],
    }),
    expect: 'legacy-format',
  },
  { name: 'a number, not a flow', text: '42', expect: 'not-an-object', canvasOwnWords: true },
];

/** What an entry point made of an input: a flow (its export), or its error in words. */
type Verdict = { ok: true; exported: string } | { ok: false; code: string; words: string };

function fromError(error: ImportError): Verdict {
  return { ok: false, code: error.code.replace(/^import\./, ''), words: formatImportError(error) };
}

function fromResult(result: ImportResult): Verdict {
  if (!result.ok) return fromError(result.error);
  const [first] = result.flows;
  return first
    ? { ok: true, exported: serializeDefinition(first.definition) }
    : { ok: false, code: '?', words: '?' };
}

function fromDefinition(definition: FlowDefinition | null | undefined): Verdict {
  return definition
    ? { ok: true, exported: serializeDefinition(definition) }
    : { ok: false, code: '?', words: '?' };
}

const CONTEXT: CompareContext = { definition: null, source: null, fileName: null, revisions: [] };

/** Every entry point, as the app calls it (the React components call exactly these). */
const ENTRIES: Record<string, (row: Row) => Verdict | null | Promise<Verdict | null>> = {
  'file open / drop': async ({ text }) =>
    fromResult(await importInput({ kind: 'file', file: new File([text], 'flow.json') })),
  'import dialog': async ({ text }) => {
    const store = createEditorStore();
    const result = store.getState().importResult(await importInput({ kind: 'text', text }));
    return result.ok ? fromDefinition(store.getState().definition) : fromError(result.error);
  },
  'canvas paste': (row) => {
    if (row.canvasOwnWords) return null;
    const store = createEditorStore();
    store.getState().createNewFlow();
    const outcome = pasteOnCanvas(store.getState(), row.text);
    if (outcome.kind === 'flow') {
      if (!outcome.result.ok) return fromError(outcome.result.error);
      return fromDefinition(store.getState().importPreview?.flow.definition);
    }
    const { result } = outcome;
    if (!result.ok)
      return result.error ? fromError(result.error) : { ok: false, code: '?', words: result.reason };
    // Pasted as widgets: the row is a whole flow, so this is a mismatch the comparison reports.
    return { ok: false, code: 'pasted-as-widgets', words: result.pasted.join(', ') };
  },
  'JSON view': ({ text }) => {
    const result = readJsonViewText(text);
    return result.ok ? fromDefinition(result.definition) : fromError(result.error);
  },
  'compare dialog (pasted)': async ({ text }) => {
    const input: SideInput = { choice: { kind: 'paste' }, file: null, pasteText: text, entry: 0 };
    // As the dialog does: text too large to read on every render is read once (in a worker in the browser).
    if (text.length >= WORKER_THRESHOLD)
      input.pasteRead = { text, result: await importInput({ kind: 'text', text }) };
    const side = resolveSide(input, CONTEXT);
    if (side.status === 'ready') return Promise.resolve(fromDefinition(side.version.definition));
    if (side.status === 'error') return Promise.resolve(fromError(side.error));
    return Promise.resolve({ ok: false, code: 'empty', words: side.message });
  },
  'compare dialog (file)': async ({ text }) => {
    const result = await importInput({ kind: 'file', file: new File([text], 'flow.json') });
    const side = resolveSide(
      { choice: { kind: 'file' }, file: { name: 'flow.json', result }, pasteText: '', entry: 0 },
      CONTEXT,
    );
    if (side.status === 'ready') return fromDefinition(side.version.definition);
    if (side.status === 'error') return fromError(side.error);
    return { ok: false, code: 'empty', words: side.message };
  },
  'CLI validate': async ({ text }) => {
    const [report] = validateFiles([{ file: 'flow.json', bytes: new TextEncoder().encode(text) }], 'studio');
    const first = report?.problems[0];
    if (report?.detected === null && first) {
      const error: ImportError = { code: first.code, message: first.message };
      if (first.pointer !== '') error.pointer = first.pointer;
      if (first.line !== undefined) error.line = first.line;
      if (first.column !== undefined) error.column = first.column;
      return Promise.resolve(fromError(error));
    }
    // Validated: what it validated is what export writes.
    const [exported] = exportFiles([{ file: 'flow.json', text }], { canonical: false });
    return Promise.resolve(exported?.output ? { ok: true, exported: exported.output } : null);
  },
  'autosaved document (read back from storage)': (row) => {
    if (row.textOnly) return null;
    // What storage hands back: a record of the current format holding the value, as structured clone keeps it.
    const definition: unknown = structuredClone(JSON.parse(row.text.replace(/^\ufeff/, '')));
    const record = {
      format: 2,
      id: 'doc',
      revision: 1,
      writer: 'tab',
      savedAt: '2026-12-07T00:00:00Z',
      definition,
    };
    const parsed = parseRecord(record, { id: 'doc' });
    if (parsed.ok) return fromDefinition(parsed.session.definition);
    // The record is refused with the boundary's own words, after saying it is the saved definition.
    const boundary = importFlowValue(definition);
    const words = boundary.ok ? '?' : boundary.error.message;
    expect(parsed.reason).toBe(
      typeof definition === 'object' && definition !== null && !Array.isArray(definition)
        ? `the saved definition is damaged: ${words}`
        : 'the saved definition is not an object',
    );
    return boundary.ok ? null : fromError(boundary.error);
  },
};

describe('one restore boundary: the same verdict from every entry point', () => {
  it.each(ROWS)('$name', async (row) => {
    const verdicts = new Map<string, Verdict>();
    for (const [entry, run] of Object.entries(ENTRIES)) {
      const verdict = await run(row);
      if (verdict !== null) verdicts.set(entry, verdict);
    }
    const expected = row.expect === 'ok' ? { ok: true } : { ok: false, code: row.expect };
    for (const [entry, verdict] of verdicts) {
      expect(verdict.ok ? { ok: true } : { ok: false, code: verdict.code }, entry).toEqual(expected);
    }
    // The same words (with the same line/column or pointer) from all of them, or the same export.
    const [firstEntry, first] = [...verdicts][0] ?? [];
    for (const [entry, verdict] of verdicts) {
      if (row.expect === 'ok' && first?.ok && verdict.ok) {
        expect(verdict.exported, `${entry} vs ${firstEntry ?? ''}`).toBe(first.exported);
      }
      if (row.expect !== 'ok' && first && !first.ok && !verdict.ok && row.expect !== 'empty') {
        // A value read back from storage has no text, so no line and column: the words are otherwise the same.
        const words = (v: string) =>
          entry.startsWith('autosaved') ? v.replace(/ \(line \d+, column \d+\)$/, '') : v;
        expect(verdict.words, `${entry} vs ${firstEntry ?? ''}`).toBe(words(first.words));
      }
    }
  });

  it('keeps unknown keys and values as they are: the export is the input, 2-space printed', async () => {
    const row = ROWS[1] as Row;
    const verdict = await (ENTRIES['import dialog'] as (r: Row) => Promise<Verdict | null>)(row);
    expect(verdict).toEqual({ ok: true, exported: `${JSON.stringify(JSON.parse(row.text), null, 2)}\n` });
  });
});
