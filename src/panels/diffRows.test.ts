import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diffFlows } from '../diff';
import type { WidgetDiff } from '../diff/types';
import { importFlowText } from '../io';
import type { FlowDefinition, Widget } from '../model/types';
import {
  changeDetail,
  fieldLabel,
  flowFieldLabel,
  pointerSegments,
  valueText,
  widgetDiffRows,
  widgetTitle,
} from './diffRows';

const FIXTURE = fileURLToPath(
  new URL('../../e2e/fixtures/levelup-studio__daily-sit-down-parent.revisions.json', import.meta.url),
);

function versions(): { base: FlowDefinition; changed: FlowDefinition } {
  const result = importFlowText(readFileSync(FIXTURE, 'utf8'));
  if (!result.ok) throw new Error(result.error.message);
  const [newest, previous] = result.flows;
  if (!newest || !previous) throw new Error('two revisions expected');
  return { base: previous.definition, changed: newest.definition };
}

function rowsOf(id: string, includeLayout = false) {
  const { base, changed } = versions();
  const diff = diffFlows(base, changed);
  const w = diff.widgets.find((x) => x.id === id);
  if (!w) throw new Error(`no ${id}`);
  const before = w.baseIndex === undefined ? undefined : base.states[w.baseIndex];
  const after = w.changedIndex === undefined ? undefined : changed.states[w.changedIndex];
  return { widget: w, rows: widgetDiffRows(w, before, after, includeLayout) };
}

describe('field labels', () => {
  it('names properties as the inspector does', () => {
    expect(fieldLabel('send-message', '/properties/body')).toBe('Message body');
    expect(fieldLabel('make-http-request', '/properties/url')).toBe('Request URL');
    expect(fieldLabel('split-based-on', '/properties/input')).toBe('Variable to test');
  });

  it('names list items and their columns', () => {
    expect(fieldLabel('make-http-request', '/properties/parameters/0/value')).toBe(
      'HTTP parameters › item 1 › Value',
    );
    expect(fieldLabel('make-http-request', '/properties/parameters')).toBe('HTTP parameters');
  });

  it('falls back to the JSON path for what the form does not know', () => {
    expect(fieldLabel('send-message', '/properties/not_a_field')).toBe('/properties/not_a_field');
    expect(fieldLabel('no-such-type', '/properties/body')).toBe('/properties/body');
    expect(fieldLabel('send-message', '/type')).toBe('Widget type');
    expect(fieldLabel('send-message', '/something')).toBe('/something');
    expect(flowFieldLabel('/flags/allow_concurrent_calls')).toBe('Allow concurrent calls');
    expect(flowFieldLabel('/x~1y')).toBe('/x~1y');
  });

  it('decodes pointer escapes', () => {
    expect(pointerSegments('/a~1b/c~0d')).toEqual(['a/b', 'c~d']);
    expect(pointerSegments('')).toEqual([]);
  });
});

describe('values', () => {
  it('keeps strings as they are (line breaks too) and writes the rest as JSON', () => {
    expect(valueText('a\nb')).toBe('a\nb');
    expect(valueText(3)).toBe('3');
    expect(valueText({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(valueText(undefined)).toBeNull();
    expect(valueText('<b>x</b>')).toBe('<b>x</b>');
  });
});

describe('property rows', () => {
  it('lists a changed property by its label with both values', () => {
    const { rows } = rowsOf('invalid_user');
    expect(rows).toEqual([
      {
        key: 'p:/properties/body',
        field: 'Message body',
        before: 'Daily Sit-Down is a sacred ritual, and you are not allowed to join.',
        after: 'Daily Sit-Down is for the team only.\nAsk your lead to add you to the list.',
      },
    ]);
  });

  it('lists a rename, rewired outputs and split conditions', () => {
    expect(rowsOf('ask_feedback').rows).toEqual([
      { key: 'name', field: 'Name', before: 'end', after: 'ask_feedback' },
    ]);
    const trigger = rowsOf('Trigger').rows;
    expect(trigger).toHaveLength(1);
    expect(trigger[0]?.field).toMatch(/^Next: /);
    expect(trigger[0]?.before).toBe('schedule_multiple_messages');
    expect(trigger[0]?.after).toBeNull();
    const split = rowsOf('press_1').rows;
    expect(split.map((r) => r.field)).toEqual([
      'If value matches_any_of 1, yes › Name',
      'If value matches_any_of 1, yes › Operator',
      'If value matches_any_of 1, yes › Value',
    ]);
    expect(split[2]).toMatchObject({ before: '1', after: '1, yes' });
  });

  it('lists every property and connection of an added or removed widget on its side only', () => {
    const added = rowsOf('send_goodbye').rows;
    expect(added.find((r) => r.field === 'Message body')).toMatchObject({
      before: null,
      after: 'See you tomorrow!',
    });
    expect(added.every((r) => r.before === null)).toBe(true);
    const removed = rowsOf('schedule_multiple_messages').rows;
    expect(removed.find((r) => r.field === 'Request URL')?.before).toMatch(/^https:/);
    expect(removed.every((r) => r.after === null)).toBe(true);
    expect(removed.some((r) => r.field.includes('offset'))).toBe(false);
  });

  it('shows the position only with layout', () => {
    expect(rowsOf('get_names').rows).toEqual([]);
    expect(rowsOf('get_names', true).rows).toEqual([
      { key: 'offset', field: 'Position', before: 'x -200, y 540', after: 'x -260, y 560' },
    ]);
  });
});

describe('titles', () => {
  it('shows renames as old → new and summarises what changed', () => {
    const { widget } = rowsOf('ask_feedback');
    expect(widgetTitle(widget)).toBe('end → ask_feedback');
    expect(changeDetail(rowsOf('invalid_user').widget, false)).toBe('1 property');
    expect(changeDetail(rowsOf('Trigger').widget, false)).toBe('1 connection');
    expect(changeDetail(rowsOf('send_goodbye').widget, false)).toBe('Send Message');
    expect(changeDetail(rowsOf('get_names').widget, true)).toBe('position');
    const bare: WidgetDiff = {
      id: 'x',
      kind: 'unchanged',
      kinds: ['unchanged'],
      type: 'unknown-type',
      properties: [],
      transitions: [],
    };
    expect(widgetTitle(bare)).toBe('x');
    expect(changeDetail(bare, false)).toBe('unknown-type');
  });

  it('tolerates a widget whose properties are not an object', () => {
    const odd = { name: 'w', type: 'send-message', transitions: [], properties: null } as unknown as Widget;
    const diff: WidgetDiff = {
      id: 'w',
      kind: 'added',
      kinds: ['added'],
      type: 'send-message',
      changedName: 'w',
      properties: [],
      transitions: [],
    };
    expect(widgetDiffRows(diff, undefined, odd, false)).toEqual([]);
  });
});
