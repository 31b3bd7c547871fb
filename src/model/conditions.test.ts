import { describe, expect, it } from 'vitest';
import {
  addSplitCondition,
  autoConditionName,
  isValuelessCondition,
  moveSplitCondition,
  removeSplitCondition,
  setSplitInput,
  splitConditionRows,
  updateSplitCondition,
  VALUELESS_CONDITIONS,
} from './conditions';
import type { Widget } from './types';

const split = (transitions: Widget['transitions'], input = '{{trigger.message.Body}}'): Widget => ({
  name: 'split_1',
  type: 'split-based-on',
  properties: { input, offset: { x: 0, y: 0 } },
  transitions,
});

const match = (value: string, next?: string) => ({
  event: 'match',
  ...(next === undefined ? {} : { next }),
  conditions: [
    { friendly_name: autoConditionName('equal_to', value), arguments: ['x'], type: 'equal_to', value },
  ],
});

describe('valueless conditions', () => {
  it('are Is Blank and Is Not Blank, which store their label as value', () => {
    expect(VALUELESS_CONDITIONS).toEqual({ is_blank: 'Is Blank', is_not_blank: 'Is Not Blank' });
    expect(isValuelessCondition('is_blank')).toBe(true);
    expect(isValuelessCondition('is_not_blank')).toBe(true);
    expect(isValuelessCondition('equal_to')).toBe(false);
    expect(isValuelessCondition(undefined)).toBe(false);
    // Not a lookup on any object: inherited keys are no condition types.
    expect(isValuelessCondition('constructor')).toBe(false);
  });
});

describe('split condition commands', () => {
  it('reads the match transitions as rows with their ports, skipping noMatch and non-objects', () => {
    const w = split([{ event: 'noMatch', next: 'z' }, match('1', 'a'), match('2')]);
    expect(splitConditionRows(w)).toEqual([
      { transitionIndex: 1, portId: 'match:0', conditions: w.transitions[1]?.conditions, next: 'a' },
      { transitionIndex: 2, portId: 'match:1', conditions: w.transitions[2]?.conditions },
    ]);
    const odd = { ...w, transitions: [null, ...w.transitions] as unknown as Widget['transitions'] };
    expect(splitConditionRows(odd).map((r) => r.transitionIndex)).toEqual([2, 3]);
  });

  it('adds a condition that tests the input, and a valueless one with its label as value', () => {
    const w = addSplitCondition(split([]), 'is_not_blank', 'ignored');
    expect(w.transitions).toEqual([
      {
        event: 'match',
        conditions: [
          {
            friendly_name: 'If value is_not_blank Is Not Blank',
            arguments: ['{{trigger.message.Body}}'],
            type: 'is_not_blank',
            value: 'Is Not Blank',
          },
        ],
      },
    ]);
  });

  it('clears the label text when a valueless condition becomes one that compares', () => {
    const w = addSplitCondition(split([]), 'is_blank');
    const next = updateSplitCondition(w, 0, 0, { type: 'contains' });
    expect(next.transitions[0]?.conditions?.[0]).toMatchObject({
      type: 'contains',
      value: '',
      friendly_name: 'If value contains ',
    });
    // A value given with the type is kept.
    const given = updateSplitCondition(w, 0, 0, { type: 'contains', value: 'yes' });
    expect(given.transitions[0]?.conditions?.[0]?.value).toBe('yes');
  });

  it('keeps a name the user gave, and rewrites the arguments from the input', () => {
    const w = split([
      { event: 'match', conditions: [{ friendly_name: 'Yes', type: 'equal_to', value: 'y' }] },
    ]);
    const next = updateSplitCondition(w, 0, 0, { value: 'yes' });
    expect(next.transitions[0]?.conditions?.[0]).toEqual({
      friendly_name: 'Yes',
      type: 'equal_to',
      value: 'yes',
      arguments: ['{{trigger.message.Body}}'],
    });
  });

  it('changes nothing outside a match transition', () => {
    const w = split([{ event: 'noMatch' }, match('1')]);
    expect(updateSplitCondition(w, 0, 0, { value: '2' })).toBe(w);
    expect(updateSplitCondition(w, 5, 0, { value: '2' })).toBe(w);
    expect(removeSplitCondition(w, 0)).toBe(w);
    expect(moveSplitCondition(w, 0, 1)).toBe(w);
  });

  it('moves a condition among the match transitions only, clamping the target row', () => {
    const w = split([match('1'), { event: 'noMatch' }, match('2'), match('3')]);
    const moved = moveSplitCondition(w, 3, -5);
    expect(moved.transitions.map((t) => t.conditions?.[0]?.value ?? t.event)).toEqual([
      '3',
      'noMatch',
      '1',
      '2',
    ]);
    expect(moveSplitCondition(w, 0, 99).transitions.map((t) => t.conditions?.[0]?.value ?? t.event)).toEqual([
      '2',
      'noMatch',
      '3',
      '1',
    ]);
    expect(moveSplitCondition(w, 2, 1)).toBe(w);
  });

  it('sets the input and copies it into stale arguments only, sharing the transitions already up to date', () => {
    const fresh = { event: 'match', conditions: [{ type: 'equal_to', value: '1', arguments: ['{{new}}'] }] };
    const w = split([fresh, match('2')], '{{old}}');
    const next = setSplitInput(w, '{{new}}');
    expect(next.properties.input).toBe('{{new}}');
    expect(next.properties.offset).toEqual({ x: 0, y: 0 });
    expect(next.transitions[0]).toBe(fresh);
    expect(next.transitions[1]?.conditions?.[0]?.arguments).toEqual(['{{new}}']);
    expect(w.transitions[1]?.conditions?.[0]?.arguments).toEqual(['x']); // not mutated
  });
});
