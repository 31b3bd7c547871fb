import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../model/types';
import { generateFlow } from '../../scripts/generate-flow';
import { validateDefinition } from '../validation';
import {
  createEditorStore,
  IMPORT_PREVIEW_PROBLEMS,
  isWholeFlowText,
  PREVIEW_SLICED_FROM,
  problemsPending,
} from './editorStore';
import { canRedo, canUndo, selectedWidget } from './editing';
import { summarizeProblems } from './problemSummary';
import { importText, settledProblems } from '../testing/store';

function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../e2e/fixtures/${name}`, import.meta.url)), 'utf8');
}

const SIMPLE = fixture('twilio-docs__simple-flow-definition.json');
const DANGLING = fixture('ft__vaccine-standby-list__sms-studio-flow.json');

function definitionOf(text: string): FlowDefinition {
  return JSON.parse(text) as FlowDefinition;
}

/** A Flow Revisions list response (`GET /v2/Flows/{sid}/Revisions`), newest first. */
function revisionList(): string {
  const definition = definitionOf(SIMPLE);
  const revision = (n: number, message: string) => ({
    sid: 'FW0123456789abcdef0123456789abcdef',
    account_sid: 'AC0123456789abcdef0123456789abcdef',
    friendly_name: 'Docs sample',
    definition: { ...definition, description: `Revision ${n}` },
    status: n === 3 ? 'draft' : 'published',
    revision: n,
    commit_message: message,
    valid: true,
    errors: [],
    date_created: '2024-05-01T10:00:00Z',
    date_updated: `2024-05-0${n}T10:00:00Z`,
    url: `https://studio.twilio.com/v2/Flows/FW0123456789abcdef0123456789abcdef/Revisions/${n}`,
  });
  return JSON.stringify({
    revisions: [revision(3, 'Third'), revision(2, 'Second'), revision(1, 'First')],
    meta: { page: 0, page_size: 50, key: 'revisions' },
  });
}

describe('editor store: importing', () => {
  it('opens a pasted definition and validates it', () => {
    const store = createEditorStore();
    const result = importText(store, SIMPLE);

    expect(result.ok).toBe(true);
    const state = store.getState();
    expect(state.definition?.states.map((w) => w.name)).toEqual(
      definitionOf(SIMPLE).states.map((w) => w.name),
    );
    expect(state.source?.kind).toBe('definition');
    expect(state.documentId).toBe(1);
    expect(state.revisions).toEqual([]);
    expect(state.dialog).toBeNull();
    expect(state.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('keeps the open flow, untouched, when an import fails', () => {
    const store = createEditorStore();
    importText(store, DANGLING, { fileName: 'standby.json' });
    store.getState().selectWidget('Goodbye');
    store.getState().openDialog('import');
    const before = store.getState();

    const result = importText(store, '{\n  "states": [\n    { "name": "x",, }\n  ]\n}');

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).not.toBe('');
    expect(result.error.line).toBe(3);
    // Not a single field changed: same objects, same selection, dialog still open for the user to fix the text.
    expect(store.getState()).toBe(before);
    expect(store.getState().fileName).toBe('standby.json');
    expect(selectedWidget(store.getState())).toBe('Goodbye');
    expect(store.getState().dialog).toBe('import');
  });

  it('reports the dangling transition of a real flow on its widget, once the flow is on screen', async () => {
    const store = createEditorStore();
    importText(store, DANGLING);
    // Counted after the canvas has had its frame: pending until then.
    expect(problemsPending(store.getState().problems)).toBe(true);

    const problems = await settledProblems(store);
    const onGoodbye = problems.filter((p) => p.widget === 'Goodbye' && p.severity === 'error');
    expect(onGoodbye.some((p) => p.message.includes('SaveToAirtable'))).toBe(true);
    expect(summarizeProblems(problems).byWidget.get('Goodbye')?.error).toBeGreaterThan(0);
  });

  it('opens a Flow resource with what was detected about it', () => {
    const store = createEditorStore();
    // A Flow fetch response (`GET /v2/Flows/{sid}`), trimmed.
    const resource = {
      sid: 'FW0123456789abcdef0123456789abcdef',
      friendly_name: 'Docs sample',
      status: 'draft',
      revision: 7,
      definition: definitionOf(SIMPLE),
      webhook_url:
        'https://webhooks.twilio.com/v1/Accounts/AC0123456789abcdef0123456789abcdef/Flows/FW0123456789abcdef0123456789abcdef',
      url: 'https://studio.twilio.com/v2/Flows/FW0123456789abcdef0123456789abcdef',
    };
    const result = importText(store, JSON.stringify(resource));

    expect(result.ok).toBe(true);
    const { source } = store.getState();
    expect(source?.kind).toBe('flow');
    expect(source?.revision).toBe(7);
    expect(source?.status).toBe('draft');
    expect(source?.label).toContain('7');
  });

  it('asks which entry of a list to open, then keeps all entries as revisions', () => {
    const store = createEditorStore();
    importText(store, SIMPLE);
    const opened = store.getState().definition;

    const result = importText(store, revisionList());

    expect(result.ok).toBe(true);
    // Nothing replaced yet: the user has not chosen.
    expect(store.getState().definition).toBe(opened);
    expect(store.getState().dialog).toBe('import');
    expect(store.getState().pendingImport?.flows.map((f) => f.source.revision)).toEqual([3, 2, 1]);

    store.getState().openImportEntry(1);
    // A flow is open: the chosen entry waits in the preview until the user replaces.
    expect(store.getState().importPreview?.flow.source.revision).toBe(2);
    expect(store.getState().definition).toBe(opened);
    store.getState().confirmImport();

    const state = store.getState();
    expect(state.definition?.description).toBe('Revision 2');
    expect(state.source?.revision).toBe(2);
    expect(state.revisions.map((f) => f.source.revision)).toEqual([3, 2, 1]);
    expect(state.pendingImport).toBeNull();
    expect(state.dialog).toBeNull();
  });

  it('drops a pending list when the dialog closes, keeping the open flow', () => {
    const store = createEditorStore();
    importText(store, SIMPLE);
    const opened = store.getState().definition;
    importText(store, revisionList());

    store.getState().closeDialog();

    expect(store.getState().pendingImport).toBeNull();
    expect(store.getState().definition).toBe(opened);
    expect(store.getState().revisions).toEqual([]);
  });

  it('forgets the revisions of an earlier list when a single flow is imported', () => {
    const store = createEditorStore();
    importText(store, revisionList());
    store.getState().openImportEntry(0);
    expect(store.getState().revisions).toHaveLength(3);

    importText(store, DANGLING);
    store.getState().confirmImport();

    expect(store.getState().revisions).toEqual([]);
  });
});

describe('editor store: importing over an open flow', () => {
  it('previews the incoming flow (label, widgets, problems) without replacing the open one', () => {
    const store = createEditorStore();
    importText(store, SIMPLE, { fileName: 'simple.json' });
    const opened = store.getState().definition;

    const result = importText(store, DANGLING, { fileName: 'standby.json' });

    expect(result.ok).toBe(true);
    const { importPreview, definition, dialog, fileName } = store.getState();
    expect(definition).toBe(opened);
    expect(fileName).toBe('simple.json');
    expect(dialog).toBe('import');
    expect(importPreview?.label).toBe('Flow definition');
    expect(importPreview?.fileName).toBe('standby.json');
    expect(importPreview?.widgetCount).toBe(importPreview?.flow.definition.states.length);
    expect(importPreview?.counts.error).toBeGreaterThan(0);
    expect(importPreview?.problems[0]?.severity).toBe('error');
    expect(importPreview?.problems.length).toBeLessThanOrEqual(IMPORT_PREVIEW_PROBLEMS);
  });

  it('cancelling the preview keeps the open flow', () => {
    const store = createEditorStore();
    importText(store, SIMPLE);
    const opened = store.getState().definition;
    importText(store, DANGLING);

    store.getState().closeDialog();

    expect(store.getState().importPreview).toBeNull();
    expect(store.getState().definition).toBe(opened);
    expect(canUndo(store.getState())).toBe(false);
  });

  it('replacing is one undo step that brings back the previous flow and its source; redo replaces again', () => {
    const store = createEditorStore();
    importText(store, SIMPLE, { fileName: 'simple.json' });
    store.getState().addWidget('say-play', { x: 0, y: 400 });
    const before = store.getState();
    const documentId = before.documentId;

    importText(store, DANGLING, { fileName: 'standby.json' });
    store.getState().confirmImport();

    let state = store.getState();
    expect(state.importPreview).toBeNull();
    expect(state.dialog).toBeNull();
    expect(state.definition).not.toBe(before.definition);
    expect(state.fileName).toBe('standby.json');
    expect(state.documentId).toBe(documentId + 1);
    expect(state.past).toHaveLength(2);
    expect(state.past.at(-1)?.label).toBe('Replace flow');
    expect(state.problems.some((p) => p.severity === 'error')).toBe(true);

    store.getState().undo();
    state = store.getState();
    expect(state.definition).toBe(before.definition);
    expect(state.source).toBe(before.source);
    expect(state.fileName).toBe('simple.json');
    expect(state.publish).toBe(before.publish);
    expect(state.problems).toEqual(before.problems);
    expect(canRedo(state)).toBe(true);

    // The earlier edit is still in history.
    store.getState().undo();
    expect(store.getState().definition?.states).toHaveLength((before.definition?.states.length ?? 0) - 1);

    store.getState().redo();
    store.getState().redo();
    state = store.getState();
    expect(state.fileName).toBe('standby.json');
    expect(state.source?.label).toBe('Flow definition');
  });

  it('tells whole flows from widget fragments', () => {
    expect(isWholeFlowText(SIMPLE)).toBe(true);
    const def = JSON.parse(SIMPLE) as { states: { type: string }[] };
    expect(
      isWholeFlowText(JSON.stringify({ definition: def, sid: 'FW0123456789abcdef0123456789abcdef' })),
    ).toBe(true);
    const widgets = def.states.filter((w) => w.type !== 'trigger');
    expect(isWholeFlowText(JSON.stringify({ states: widgets }))).toBe(false);
    expect(isWholeFlowText(JSON.stringify(widgets))).toBe(false);
    expect(isWholeFlowText(JSON.stringify(widgets[0]))).toBe(false);
    expect(isWholeFlowText('not json')).toBe(false);
  });
});

describe('editor store: validation', () => {
  it('recomputes problems when the definition changes', () => {
    const store = createEditorStore();
    importText(store, SIMPLE);
    const definition = store.getState().definition;
    if (!definition) throw new Error('not loaded');
    const before = store.getState().problems;
    expect(before.some((p) => p.message.includes('Nowhere'))).toBe(false);

    const [first, ...rest] = definition.states;
    if (!first) throw new Error('no widgets');
    const broken: FlowDefinition = {
      ...definition,
      states: [{ ...first, transitions: [{ event: 'incomingMessage', next: 'Nowhere' }] }, ...rest],
    };
    store.getState().replaceDefinition(broken);

    const after = store.getState().problems;
    expect(after).not.toBe(before);
    expect(after.some((p) => p.widget === first.name && p.message.includes('Nowhere'))).toBe(true);
  });

  it('an edit made before a flow just opened is counted wins: the count scheduled by the opening is dropped', async () => {
    const tasks: (() => void)[] = [];
    const store = createEditorStore({ afterOpen: (task) => tasks.push(task) });
    importText(store, SIMPLE);
    expect(problemsPending(store.getState().problems)).toBe(true);
    expect(tasks).toHaveLength(1);

    const definition = store.getState().definition as FlowDefinition;
    const [first, ...rest] = definition.states;
    if (!first) throw new Error('no widgets');
    store.getState().replaceDefinition({
      ...definition,
      states: [{ ...first, transitions: [{ event: 'incomingMessage', next: 'Nowhere' }] }, ...rest],
    });
    const edited = store.getState().problems;
    expect(edited.some((p) => p.message.includes('Nowhere'))).toBe(true);

    // The opening's count runs late, and leaves the edit's problems alone.
    tasks.forEach((task) => task());
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(store.getState().problems).toBe(edited);
  });

  it('counts the problems of a large flow just opened in slices, and only after the flow is shown', async () => {
    const tasks: (() => void)[] = [];
    const store = createEditorStore({ afterOpen: (task) => tasks.push(task) });
    importText(store, JSON.stringify(generateFlow(PREVIEW_SLICED_FROM)));
    expect(store.getState().definition?.states).toHaveLength(PREVIEW_SLICED_FROM);
    expect(problemsPending(store.getState().problems)).toBe(true);

    tasks.forEach((task) => task());
    // The first slice waits for the event loop: nothing is counted in the task that runs the count.
    expect(problemsPending(store.getState().problems)).toBe(true);
    const problems = await settledProblems(store);
    expect(problems).toEqual(
      validateDefinition(store.getState().definition as FlowDefinition, { profile: 'studio' }),
    );
  });

  it('revalidates with the chosen profile', async () => {
    const store = createEditorStore();
    importText(store, DANGLING);
    const studio = await settledProblems(store);

    store.getState().setProfile('official');

    expect(store.getState().profile).toBe('official');
    // The official schemas want send-and-wait-for-reply `timeout` as an integer; this flow has a string.
    expect(store.getState().problems.length).toBeGreaterThan(studio.length);

    store.getState().setProfile('studio');
    expect(store.getState().problems).toEqual(studio);
  });

  it('has no problems and no definition before anything is opened', () => {
    const store = createEditorStore();
    expect(store.getState().definition).toBeNull();
    expect(store.getState().problems).toEqual([]);
    store.getState().setProfile('official');
    expect(store.getState().problems).toEqual([]);
  });
});

describe('editor store: new flow and selection', () => {
  it('creates the flow Studio creates, valid and with the Trigger as initial state', () => {
    const store = createEditorStore();
    store.getState().createNewFlow();

    const state = store.getState();
    expect(state.definition?.initial_state).toBe('Trigger');
    expect(state.definition?.states.map((w) => [w.name, w.type])).toEqual([['Trigger', 'trigger']]);
    expect(state.source?.label).toBe('New flow');
    expect(state.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('selects widgets, and clears the selection when another flow opens', () => {
    const store = createEditorStore();
    importText(store, DANGLING);
    store.getState().selectWidget('Goodbye');
    expect(selectedWidget(store.getState())).toBe('Goodbye');

    store.getState().createNewFlow();
    expect(selectedWidget(store.getState())).toBeNull();
    expect(store.getState().documentId).toBe(2);
  });

  it('keeps the selection across an edit only while the widget still exists', () => {
    const store = createEditorStore();
    importText(store, DANGLING);
    const definition = store.getState().definition;
    if (!definition) throw new Error('not loaded');
    store.getState().selectWidget('Goodbye');

    store.getState().replaceDefinition({ ...definition, description: 'edited' });
    expect(selectedWidget(store.getState())).toBe('Goodbye');

    store
      .getState()
      .replaceDefinition({ ...definition, states: definition.states.filter((w) => w.name !== 'Goodbye') });
    expect(selectedWidget(store.getState())).toBeNull();
  });

  it('gives every store its own state', () => {
    const a = createEditorStore();
    const b = createEditorStore();
    a.getState().createNewFlow();
    expect(b.getState().definition).toBeNull();
  });
});

describe('the import preview of a large flow', () => {
  it('is shown at once and its problems counted in slices, then filled in', async () => {
    const store = createEditorStore();
    store.getState().createNewFlow();
    const states = [
      {
        name: 'Trigger',
        type: 'trigger',
        transitions: [{ event: 'incomingMessage', next: 'w0' }],
        properties: {},
      },
      ...Array.from({ length: PREVIEW_SLICED_FROM }, (_, i) => ({
        name: `w${i}`,
        type: 'send-message',
        transitions: [{ event: 'sent', next: 'nowhere' }],
        properties: { body: 'x' },
      })),
    ];
    importText(store, JSON.stringify({ initial_state: 'Trigger', states }));
    const first = store.getState().importPreview;
    expect(first).toMatchObject({ checking: true, problems: [], widgetCount: PREVIEW_SLICED_FROM + 1 });
    for (let i = 0; i < 200 && store.getState().importPreview?.checking === true; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const done = store.getState().importPreview;
    expect(done?.checking).toBeUndefined();
    expect(done?.counts.error).toBeGreaterThanOrEqual(PREVIEW_SLICED_FROM);
    // Closing the dialog drops the work: nothing comes back afterwards.
    importText(store, JSON.stringify({ initial_state: 'Trigger', states }));
    store.getState().closeDialog();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(store.getState().importPreview).toBeNull();
  });
});

describe('editor store: replaceDefinition, the one verb for a whole definition from outside', () => {
  it('records an edit as one undo step, coalescing successive edits with the same key', () => {
    const store = createEditorStore();
    expect(store.getState().replaceDefinition(definitionOf(SIMPLE))).toBe(false);
    importText(store, SIMPLE);
    const opened = store.getState().definition as FlowDefinition;
    const source = store.getState().source;
    store.getState().selectWidget('say_play_1');

    expect(store.getState().replaceDefinition(opened)).toBe(false);
    const edited = { ...opened, description: 'one' };
    expect(store.getState().replaceDefinition(edited, { label: 'Edit JSON', coalesceKey: 'json' })).toBe(
      true,
    );
    store
      .getState()
      .replaceDefinition({ ...edited, description: 'two' }, { label: 'Edit JSON', coalesceKey: 'json' });
    expect(store.getState().past.map((e) => e.label)).toEqual(['Edit JSON']);
    expect(store.getState().source).toBe(source);
    expect(selectedWidget(store.getState())).toBe('say_play_1');
    store.getState().undo();
    expect(store.getState().definition).toBe(opened);
    expect(store.getState().status).toBeNull();
  });

  it('replaces the document as one undo step that brings the previous one back, and announces it', () => {
    const store = createEditorStore();
    importText(store, SIMPLE, { fileName: 'simple.json' });
    const other = definitionOf(DANGLING);
    const document = {
      source: { kind: 'definition' as const, label: 'Other flow' },
      fileName: 'other.json',
      revisions: [],
      publish: { friendlyName: 'Other', status: 'draft' as const, commitMessage: '' },
    };
    store.getState().selectWidget('say_play_1');
    const taken = store.getState().replaceDefinition(other, {
      history: 'replace',
      label: 'Replace flow',
      document,
      announce: 'Other flow replaced the open flow.',
    });
    expect(taken).toBe(true);
    expect(store.getState()).toMatchObject({ definition: other, fileName: 'other.json', selection: [] });
    expect(store.getState().status?.text).toBe('Other flow replaced the open flow.');
    store.getState().undo();
    expect(store.getState().fileName).toBe('simple.json');
    expect(canRedo(store.getState())).toBe(true);
  });

  it('opens a document: no undo step, history and views start afresh, under the profile given', () => {
    const store = createEditorStore();
    importText(store, SIMPLE);
    store.getState().addWidget('send-message', { x: 0, y: 0 });
    const documentId = store.getState().documentId;
    const publish = { friendlyName: 'Saved', status: 'published' as const, commitMessage: 'v2' };
    store.getState().replaceDefinition(definitionOf(DANGLING), {
      history: 'open',
      fileName: 'saved.json',
      profile: 'official',
      publish,
    });
    const state = store.getState();
    expect(state).toMatchObject({ fileName: 'saved.json', profile: 'official', publish, revisions: [] });
    expect(state.source).toEqual({ kind: 'definition', label: 'Flow definition' });
    expect(state.documentId).toBe(documentId + 1);
    expect(canUndo(state)).toBe(false);
    expect(state.selection).toEqual([]);
  });
});
