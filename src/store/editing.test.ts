import { describe, expect, it } from 'vitest';
import type { FlowDefinition, Widget } from '../model/types';
import { corpusFile } from '../testing/corpus';
import { serializeDefinition } from '../io';
import { canRedo, canUndo, canvasDefinition, OPEN_LAYOUT_LABEL, selectedWidget } from './editing';
import { createEditorStore } from './editorStore';
import { importText } from '../testing/store';

function openCorpus(file: string) {
  const store = createEditorStore();
  const result = importText(store, corpusFile(file).text);
  if (!result.ok) throw new Error(result.error.message);
  return store;
}
const widget = (def: FlowDefinition | null, name: string): Widget | undefined =>
  def?.states.find((w) => w.name === name);

describe('editing and undo', () => {
  it('adds a widget with the registry defaults and a Studio default name, as one undo step', () => {
    const store = createEditorStore();
    store.getState().createNewFlow();
    const name = store.getState().addWidget('send-message', { x: 101.4, y: 250 });
    expect(name).toBe('send_message_1');
    const added = widget(store.getState().definition, name);
    expect(added?.transitions.map((t) => t.event)).toEqual(['sent', 'failed']);
    expect(added?.properties).toMatchObject({
      body: '',
      from: '{{flow.channel.address}}',
      offset: { x: 101, y: 250 },
    });
    expect(store.getState().selection).toEqual([name]);
    expect(store.getState().addWidget('send-message', { x: 0, y: 0 })).toBe('send_message_2');
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().definition?.states.map((w) => w.name)).toEqual(['Trigger']);
    expect(canUndo(store.getState())).toBe(false);
    store.getState().redo();
    expect(store.getState().definition?.states.map((w) => w.name)).toEqual(['Trigger', 'send_message_1']);
  });

  it('records a multi-widget move as a single step and restores every offset on undo', () => {
    const store = openCorpus('real/tm__ca_988camh.json');
    const before = store.getState().definition;
    store.getState().moveWidgets(
      new Map([
        ['send_to_Q988En', { x: 1000, y: 1000 }],
        ['send_to_Q988Fr', { x: 1400, y: 1000 }],
      ]),
    );
    expect(widget(store.getState().definition, 'send_to_Q988Fr')?.properties.offset).toEqual({
      x: 1400,
      y: 1000,
    });
    store.getState().undo();
    expect(store.getState().definition).toBe(before);
    expect(canRedo(store.getState())).toBe(true);
  });

  it('renames with references following, refuses clashes with the reason, and undoes the rename', () => {
    const store = openCorpus('real/tm__ca_988camh.json');
    const refused = store.getState().renameWidget('split_keys_lang', 'Trigger');
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.reason).toMatch(/already named/);
    expect(store.getState().renameWidget('split_keys_lang', 'bad name').ok).toBe(false);
    const incoming = store
      .getState()
      .definition?.states.filter((w) => w.transitions.some((t) => t.next === 'split_keys_lang'));
    expect(incoming?.length).toBeGreaterThan(0);
    expect(store.getState().renameWidget('split_keys_lang', 'language_menu')).toEqual({ ok: true });
    const def = store.getState().definition;
    expect(widget(def, 'split_keys_lang')).toBeUndefined();
    for (const w of incoming ?? [])
      expect(widget(def, w.name)?.transitions.some((t) => t.next === 'language_menu')).toBe(true);
    store.getState().undo();
    expect(widget(store.getState().definition, 'split_keys_lang')).toBeDefined();
  });

  it('deletes widgets, clears the links to them, refuses the Trigger and says why', () => {
    const store = openCorpus('real/tm__ca_988camh.json');
    const { refused } = store.getState().deleteWidgets(['Trigger', 'split_keys_lang']);
    expect(refused).toEqual([
      { name: 'Trigger', reason: expect.stringMatching(/Trigger cannot be deleted/) as unknown },
    ]);
    const def = store.getState().definition;
    expect(widget(def, 'Trigger')).toBeDefined();
    expect(def?.states.some((w) => w.transitions.some((t) => t.next === 'split_keys_lang'))).toBe(false);
    expect(store.getState().status?.text).toMatch(/Trigger/);
  });

  it('copies, pastes and duplicates widgets; the Trigger is never copied', () => {
    const store = openCorpus('real/tm__ca_988camh.json');
    expect(store.getState().copyWidgets(['Trigger'])).toBeNull();
    const text = store.getState().copyWidgets(['split_keys_lang', 'send_to_Q988En']);
    expect(text).not.toBeNull();
    const pasted = store.getState().pasteText(text ?? '', { x: 500, y: 500 });
    expect(pasted.ok && pasted.pasted.length).toBe(2);
    expect(store.getState().selection).toEqual(pasted.ok ? pasted.pasted : []);
    expect(store.getState().pasteText('not json').ok).toBe(false);
    expect(store.getState().duplicateWidgets(['send_to_Q988En'])).toHaveLength(1);
    expect(store.getState().duplicateWidgets(['Trigger'])).toEqual([]);
  });

  it('keeps the selection out of history and drops selected widgets that undo removes', () => {
    const store = createEditorStore();
    store.getState().createNewFlow();
    const name = store.getState().addWidget('say-play', { x: 0, y: 200 });
    store.getState().setSelection(['Trigger', name]);
    expect(canUndo(store.getState())).toBe(true);
    store.getState().undo();
    expect(store.getState().selection).toEqual(['Trigger']);
    expect(selectedWidget(store.getState())).toBe('Trigger');
  });

  it('starts a new document with an empty history; replacing through import is one more step', () => {
    const store = createEditorStore();
    store.getState().createNewFlow();
    store.getState().addWidget('say-play', { x: 0, y: 200 });
    importText(store, corpusFile('real/tm__ca_988camh.json').text);
    store.getState().confirmImport();
    expect(store.getState().past.map((e) => e.label)).toEqual(['Add Say/Play', 'Replace flow']);
    store.getState().createNewFlow();
    expect(canUndo(store.getState())).toBe(false);
    expect(store.getState().past).toEqual([]);
  });

  it('shows a flow without offsets laid out when it opens, writing nothing until an edit or Keep', async () => {
    const store = createEditorStore();
    const def = JSON.parse(corpusFile('real/tm__ca_988camh.json').text) as FlowDefinition;
    for (const w of def.states) delete w.properties.offset;
    const text = JSON.stringify(def, null, 2);
    importText(store, text);
    const opened = store.getState().definition;
    await store.getState().layoutIfNeeded();
    for (let i = 0; i < 50 && store.getState().openLayout === null; i++)
      await new Promise((r) => setTimeout(r, 20));

    // Drawn laid out, written as imported: export is the opened text, and there is nothing to undo.
    const state = store.getState();
    expect(state.definition).toBe(opened);
    expect(serializeDefinition(state.definition as FlowDefinition)).toBe(`${text}\n`);
    expect(canUndo(state)).toBe(false);
    const shown = canvasDefinition(state);
    expect(shown?.states.every((w) => w.properties.offset !== undefined)).toBe(true);
    const offsets = shown?.states.map((w) => JSON.stringify(w.properties.offset)) ?? [];
    expect(new Set(offsets).size).toBe(offsets.length);

    // An edit writes the layout first, as its own step: undo keeps the layout, undo again gives the import back.
    const [first] = def.states;
    store.getState().moveWidgets(new Map([[first?.name ?? '', { x: 5000, y: 5000 }]]));
    const after = store.getState();
    expect(after.past.map((e) => e.label)).toEqual([OPEN_LAYOUT_LABEL, `Move ${first?.name ?? ''}`]);
    expect(after.definition?.states[1]?.properties.offset).toEqual(shown?.states[1]?.properties.offset);
    store.getState().undo();
    expect(store.getState().definition).toBe(shown);
    store.getState().undo();
    expect(store.getState().definition).toBe(opened);
    expect(canvasDefinition(store.getState())).toBe(shown);

    // Keep this layout: one step.
    store.getState().keepOpenLayout();
    expect(store.getState().definition).toBe(shown);
    expect(store.getState().past.at(-1)?.label).toBe(OPEN_LAYOUT_LABEL);
  });

  it('auto-layout is undoable', async () => {
    const store = openCorpus('real/tm__ca_988camh.json');
    const before = store.getState().definition;
    await store.getState().autoLayout('all');
    expect(store.getState().definition).not.toBe(before);
    store.getState().undo();
    expect(store.getState().definition).toBe(before);
  });
});

describe('inspector edits', () => {
  it('coalesces typing in one field into one undo step, and separates fields', () => {
    const store = openCorpus('real/tm__ca_988camh.json');
    const original = store.getState().definition;
    const name = 'send_to_Q988En';
    const edit = (key: string, value: string) => {
      const w = widget(store.getState().definition, name);
      if (!w) throw new Error('missing');
      store
        .getState()
        .updateWidget(
          name,
          { ...w, properties: { ...w.properties, [key]: value } },
          { coalesceKey: `${key}@${name}` },
        );
    };
    edit('attributes', '{');
    edit('attributes', '{"a"');
    edit('attributes', '{"a": 1}');
    edit('priority', '5');
    expect(store.getState().past).toHaveLength(2);
    store.getState().undo();
    expect(widget(store.getState().definition, name)?.properties.attributes).toBe('{"a": 1}');
    store.getState().undo();
    expect(store.getState().definition).toBe(original);
  });

  it('edits flow settings as one step', () => {
    const store = openCorpus('real/tm__ca_988camh.json');
    store.getState().setFlowFields({ description: 'Crisis line', flags: { allow_concurrent_calls: false } });
    expect(store.getState().definition).toMatchObject({
      description: 'Crisis line',
      flags: { allow_concurrent_calls: false },
    });
    store.getState().undo();
    expect(store.getState().definition?.description).not.toBe('Crisis line');
  });
});

describe('the layout a flow opens with', () => {
  it('never lands on a flow that undo restored while it was computed', async () => {
    const store = openCorpus('real/tm__ca_988camh.json');
    const before = store.getState().definition;
    const def = JSON.parse(corpusFile('real/tm__ca_988camh.json').text) as FlowDefinition;
    for (const w of def.states) delete w.properties.offset;
    const pasted = importText(store, JSON.stringify(def));
    expect(pasted.ok).toBe(true);
    store.getState().confirmImport();
    // Let the automatic layout of the new flow start, then undo the replace before it has finished.
    const replaced = store.getState().definition;
    const layoutRun = store.getState().layoutIfNeeded();
    store.getState().undo();
    expect(store.getState().definition).toBe(before);
    await layoutRun;
    expect(store.getState().definition).toBe(before);
    store.getState().redo();
    expect(store.getState().definition).toBe(replaced);
  });
});
