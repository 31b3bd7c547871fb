import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importFlowText, type ParsedFlow } from '../io';
import type { FlowDefinition } from '../model/types';
import {
  changeCounts,
  choiceKey,
  countsText,
  createCompareStore,
  defaultChoices,
  diffFileName,
  diffOf,
  emptyStateText,
  entryOptionLabel,
  entryShortLabel,
  formatDate,
  idAfterSwap,
  parseChoiceKey,
  resolveSide,
  stepChange,
  visibleChanges,
  type CompareContext,
  type SideInput,
} from './compare';

const FIXTURE = fileURLToPath(
  new URL('../../e2e/fixtures/levelup-studio__daily-sit-down-parent.revisions.json', import.meta.url),
);
const TEXT = readFileSync(FIXTURE, 'utf8');

function revisions(): ParsedFlow[] {
  const result = importFlowText(TEXT);
  if (!result.ok) throw new Error(result.error.message);
  return result.flows;
}

function flowAt(list: ParsedFlow[], index: number): ParsedFlow {
  const flow = list[index];
  if (!flow) throw new Error(`no entry ${index}`);
  return flow;
}

function context(overrides: Partial<CompareContext> = {}): CompareContext {
  const list = revisions();
  return {
    definition: flowAt(list, 0).definition,
    source: flowAt(list, 0).source,
    fileName: 'revisions.json',
    revisions: list,
    ...overrides,
  };
}

const input = (choice: SideInput['choice'], extra: Partial<SideInput> = {}): SideInput => ({
  choice,
  file: null,
  pasteText: '',
  entry: 0,
  ...extra,
});

/** Newest (3) and the one before (2) of the fixture: every kind of change between them. */
function fixtureDiff() {
  const list = revisions();
  return diffOf(flowAt(list, 1).definition, flowAt(list, 0).definition);
}

describe('version labels', () => {
  it('names revisions by number, commit message and date', () => {
    const [newest] = revisions();
    if (!newest) throw new Error('empty');
    expect(entryShortLabel(newest.source, 0)).toBe('Revision 3');
    expect(entryOptionLabel(newest.source, 0)).toBe(
      'Revision 3 — “Ask for feedback, say goodbye, drop the scheduler” — 2026-03-04 10:22 UTC',
    );
  });

  it('names entries of a list of flows by friendly name, revision and status', () => {
    const source = {
      kind: 'flow' as const,
      friendlyName: 'Support line',
      revision: 4,
      status: 'draft',
      label: '',
    };
    expect(entryShortLabel(source, 2)).toBe('Support line, revision 4');
    expect(entryOptionLabel(source, 2)).toBe('Support line, revision 4 — draft');
    expect(entryShortLabel({ kind: 'flow', label: '' }, 2)).toBe('Entry 3');
  });

  it('formats dates in UTC and leaves unreadable ones as they are', () => {
    expect(formatDate('2026-03-04T10:22:59Z')).toBe('2026-03-04 10:22 UTC');
    expect(formatDate('yesterday')).toBe('yesterday');
  });

  it('round-trips choices through select values', () => {
    for (const choice of [
      { kind: 'current' },
      { kind: 'revision', index: 3 },
      { kind: 'file' },
      { kind: 'paste' },
    ] as const) {
      expect(parseChoiceKey(choiceKey(choice))).toEqual(choice);
    }
    expect(parseChoiceKey('revision:x')).toBeNull();
  });
});

describe('choosing versions', () => {
  it('defaults to the revision before the newest against the newest', () => {
    expect(defaultChoices(context())).toEqual({
      base: { kind: 'revision', index: 1 },
      changed: { kind: 'revision', index: 0 },
    });
  });

  it('without a list, defaults to the open flow against pasted JSON; with one entry, it against the flow', () => {
    const list = revisions();
    expect(defaultChoices(context({ revisions: [] }))).toEqual({
      base: { kind: 'current' },
      changed: { kind: 'paste' },
    });
    expect(defaultChoices(context({ revisions: [flowAt(list, 0)] }))).toEqual({
      base: { kind: 'revision', index: 0 },
      changed: { kind: 'current' },
    });
    expect(defaultChoices(context({ revisions: [], definition: null })).base).toEqual({ kind: 'paste' });
  });

  it('resolves the open flow and revisions to their definitions and labels', () => {
    const ctx = context();
    const current = resolveSide(input({ kind: 'current' }), ctx);
    expect(current.status).toBe('ready');
    if (current.status === 'ready') {
      expect(current.version.definition).toBe(ctx.definition);
      expect(current.version.label).toBe('Current flow');
      expect(current.version.name).toBe('Daily Sit-Down Parent');
    }
    const revision = resolveSide(input({ kind: 'revision', index: 2 }), ctx);
    expect(revision.status === 'ready' && revision.version.label).toBe('Revision 1');
    expect(resolveSide(input({ kind: 'revision', index: 9 }), ctx).status).toBe('incomplete');
    expect(resolveSide(input({ kind: 'current' }), context({ definition: null })).status).toBe('incomplete');
  });

  it('offers the entries of a pasted or opened list and uses the chosen one', () => {
    const ctx = context();
    const pasted = resolveSide(input({ kind: 'paste' }, { pasteText: TEXT, entry: 1 }), ctx);
    expect(pasted.status).toBe('ready');
    if (pasted.status !== 'ready') return;
    expect(pasted.entries).toHaveLength(3);
    expect(pasted.entries?.[1]).toMatch(/^Revision 2 — “Friendlier rejection message”/);
    expect(pasted.version.label).toBe('Pasted JSON · Revision 2');
    expect(pasted.version.definition.states.some((w) => w.name === 'end')).toBe(true);

    const file = resolveSide(
      input(
        { kind: 'file' },
        { file: { name: 'flow.json', result: importFlowText(JSON.stringify(ctx.definition)) } },
      ),
      ctx,
    );
    expect(file.status === 'ready' && file.version.label).toBe('flow.json');
    expect(file.status === 'ready' && file.version.name).toBe('flow');
    expect(file.entries).toBeNull();
    expect(resolveSide(input({ kind: 'file' }), ctx).status).toBe('incomplete');
  });

  it('reports bad JSON with its line and column, and the legacy format; empty text is not an error', () => {
    const ctx = context();
    const bad = resolveSide(input({ kind: 'paste' }, { pasteText: '{\n  "states": [,]\n}' }), ctx);
    expect(bad.status).toBe('error');
    if (bad.status === 'error') {
      expect(bad.error.code).toBe('json-syntax');
      expect(bad.error.line).toBe(2);
      expect(bad.error.column).toBeGreaterThan(0);
    }
    const legacy = resolveSide(
      input(
        { kind: 'paste' },
        {
          pasteText: JSON.stringify({
            states: [
              { name: 'Start', type: 'InitialState', transitions: [{ event: 'incoming', next: 'FF1' }] },
            ],
          }),
        },
      ),
      ctx,
    );
    expect(legacy.status === 'error' && legacy.error.code).toBe('legacy-format');
    expect(resolveSide(input({ kind: 'paste' }, { pasteText: '  ' }), ctx).status).toBe('incomplete');
  });
});

describe('what the views show of a diff', () => {
  it('memoises the diff per pair of definitions', () => {
    const list = revisions();
    const a = flowAt(list, 1).definition;
    const b = flowAt(list, 0).definition;
    expect(diffOf(a, b)).toBe(diffOf(a, b));
    expect(diffOf(b, a)).not.toBe(diffOf(a, b));
  });

  it('counts changes per kind, moves only with layout', () => {
    const diff = fixtureDiff();
    expect(countsText(diff, false)).toBe(
      '1 added · 1 removed · 1 renamed · 1 changed · 3 rewired · 1 flow setting',
    );
    expect(countsText(diff, true)).toBe(
      '1 added · 1 removed · 1 renamed · 1 changed · 3 rewired · 1 moved · 1 flow setting',
    );
    expect(changeCounts(diff, false).unchanged).toBe(3);
    expect(changeCounts(diff, true).unchanged).toBe(2);
  });

  it('lists changed widgets in the diff order, the moved one only with layout', () => {
    const diff = fixtureDiff();
    const ids = (layout: boolean) => visibleChanges(diff, layout).map((w) => w.id);
    expect(ids(false)).toEqual([
      'Trigger',
      'schedule_multiple_messages',
      'invalid_user',
      'ask_feedback',
      'press_1',
      'airtable_link',
      'send_goodbye',
    ]);
    expect(ids(true)).toContain('get_names');
    expect(visibleChanges(diff, false)).toBe(visibleChanges(diff, false));
  });

  it('says "No differences" and "Only layout changed" when there is nothing else to show', () => {
    const list = revisions();
    const def = flowAt(list, 1).definition;
    expect(emptyStateText(diffOf(def, def), false)).toBe('No differences');
    const moved: FlowDefinition = {
      ...def,
      states: def.states.map((w) =>
        w.name === 'get_names' ? { ...w, properties: { ...w.properties, offset: { x: 1, y: 2 } } } : w,
      ),
    };
    const layoutOnly = diffOf(def, moved);
    expect(emptyStateText(layoutOnly, false)).toBe('Only layout changed');
    expect(emptyStateText(layoutOnly, true)).toBeNull();
    expect(countsText(layoutOnly, false)).toBe('No differences');
    expect(emptyStateText(fixtureDiff(), false)).toBeNull();
  });
});

describe('stepping through changes', () => {
  it('goes forward and back in list order, wrapping around', () => {
    const diff = fixtureDiff();
    expect(stepChange(diff, false, null, 1)).toBe('Trigger');
    expect(stepChange(diff, false, null, -1)).toBe('send_goodbye');
    expect(stepChange(diff, false, 'Trigger', 1)).toBe('schedule_multiple_messages');
    expect(stepChange(diff, false, 'send_goodbye', 1)).toBe('Trigger');
    expect(stepChange(diff, false, 'Trigger', -1)).toBe('send_goodbye');
  });

  it('from an unchanged widget, goes to the nearest change after or before it', () => {
    const diff = fixtureDiff();
    // Order: Trigger, schedule_multiple_messages, get_names (moved), ask_questions, validate_caller, invalid_user…
    expect(stepChange(diff, false, 'ask_questions', 1)).toBe('invalid_user');
    expect(stepChange(diff, false, 'ask_questions', -1)).toBe('schedule_multiple_messages');
    expect(stepChange(diff, true, 'ask_questions', -1)).toBe('get_names');
    expect(stepChange(diff, false, 'no such widget', 1)).toBe('Trigger');
  });

  it('returns null when nothing changed', () => {
    const def = flowAt(revisions(), 0).definition;
    expect(stepChange(diffOf(def, def), false, null, 1)).toBeNull();
  });
});

describe('compare store', () => {
  function started() {
    const list = revisions();
    const ctx = context();
    const store = createCompareStore();
    const base = resolveSide(input({ kind: 'revision', index: 1 }), ctx);
    const changed = resolveSide(input({ kind: 'revision', index: 0 }), ctx);
    if (base.status !== 'ready' || changed.status !== 'ready') throw new Error('not ready');
    store.getState().start(base.version, changed.version);
    return { store, list };
  }

  it('starts, steps with a new focus request each time, and exits', () => {
    const { store } = started();
    const state = () => store.getState();
    expect(state().session?.diff.widgets.length).toBeGreaterThan(0);
    expect(state().step(1)).toBe('Trigger');
    const first = state().focusRequest;
    expect(first).toEqual({ id: 'Trigger', seq: expect.any(Number) as number });
    expect(state().step(1)).toBe('schedule_multiple_messages');
    expect(state().focusRequest?.seq).not.toBe(first?.seq);
    state().select('press_1');
    expect(state().selectedId).toBe('press_1');
    expect(state().focusRequest?.id).toBe('schedule_multiple_messages');
    state().select('invalid_user', { focus: true });
    expect(state().focusRequest?.id).toBe('invalid_user');
    state().exit();
    expect(state().session).toBeNull();
    expect(state().selectedId).toBeNull();
    expect(state().step(1)).toBeNull();
  });

  it('swaps the sides and keeps the chosen widget, renamed or not', () => {
    const { store } = started();
    const before = store.getState().session;
    store.getState().select('ask_feedback');
    store.getState().swap();
    const after = store.getState().session;
    expect(after?.base.label).toBe('Revision 3');
    expect(after?.changed.label).toBe('Revision 2');
    // Swapped, the rename goes the other way: the widget is `end` in the changed version now.
    expect(store.getState().selectedId).toBe('end');
    const added = after?.diff.widgets.find((w) => w.id === 'send_goodbye');
    expect(added?.kind).toBe('removed');
    store.getState().swap();
    expect(store.getState().session?.diff).toBe(before?.diff);
    expect(store.getState().selectedId).toBe('ask_feedback');
  });

  it('keeps the chosen widget across a swap only when it exists on either side', () => {
    const diff = fixtureDiff();
    const list = revisions();
    const swapped = diffOf(flowAt(list, 0).definition, flowAt(list, 1).definition);
    expect(idAfterSwap(diff, swapped, 'schedule_multiple_messages')).toBe('schedule_multiple_messages');
    expect(idAfterSwap(diff, swapped, 'missing')).toBeNull();
    expect(idAfterSwap(diff, swapped, null)).toBeNull();
  });

  it('toggles layout-only changes', () => {
    const { store } = started();
    expect(store.getState().includeLayout).toBe(false);
    store.getState().setIncludeLayout(true);
    expect(store.getState().includeLayout).toBe(true);
  });

  it('names downloads after the flow', () => {
    const { store } = started();
    const session = store.getState().session;
    if (!session) throw new Error('no session');
    expect(diffFileName(session, 'md')).toBe('Daily Sit-Down Parent-diff.md');
    const unnamed = {
      base: { ...session.base, name: null },
      changed: { ...session.changed, name: 'a/b:c' },
    };
    expect(diffFileName(unnamed, 'svg')).toBe('a_b_c-diff.svg');
    expect(diffFileName({ base: unnamed.base, changed: { ...unnamed.changed, name: null } }, 'png')).toBe(
      'flow-diff.png',
    );
  });
});
