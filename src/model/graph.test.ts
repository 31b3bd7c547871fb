import { describe, expect, it } from 'vitest';
import { corpusFlow as flow } from '../testing/flows';
import { findWidget, incomingLinks, reachableFrom, widgetIndex, widgetNames } from './graph';
import type { FlowDefinition } from './types';

const camh = flow('real/tm__ca_988camh.json');

describe('graph queries', () => {
  it('indexes widgets by name, cached per states array', () => {
    const index = widgetIndex(camh);
    expect(index.size).toBe(camh.states.length);
    expect(index.get('Trigger')).toBe(0);
    expect(index.get('split_keys_lang')).toBe(3);
    expect(widgetIndex(camh)).toBe(index);
    expect(widgetIndex({ ...camh })).toBe(index); // same states array
    expect(widgetIndex({ ...camh, states: camh.states.slice() })).not.toBe(index);
    expect(findWidget(camh, 'forward_call_camh')).toBe(camh.states[5]);
    expect(findWidget(camh, 'nope')).toBeUndefined();
    expect(widgetNames(camh)[0]).toBe('Trigger');
  });

  it('lets the first of two equal names win', () => {
    const def: FlowDefinition = {
      initial_state: 'a',
      states: [
        { name: 'a', type: 't', transitions: [], properties: {} },
        { name: 'a', type: 'u', transitions: [], properties: {} },
      ],
    };
    expect(findWidget(def, 'a')?.type).toBe('t');
  });

  it('lists incoming links in state and transition order', () => {
    expect(incomingLinks(camh, 'send_to_Q988En')).toEqual([
      { from: 'split_keys_lang', transitionIndex: 1, event: 'match' },
      { from: 'f_check_counsellors', transitionIndex: 1, event: 'fail' },
      { from: 'split_available_counsellors', transitionIndex: 0, event: 'noMatch' },
      { from: 'split_available_counsellors', transitionIndex: 1, event: 'match' },
    ]);
    expect(incomingLinks(camh, 'Trigger')).toEqual([]);
    expect(incomingLinks(camh, '')).toEqual([]);
  });

  it('finds what is reachable from a widget', () => {
    expect([...reachableFrom(camh, 'Trigger')].sort()).toEqual(
      [
        'Trigger',
        'run_subflow_system_down',
        'split_keys_lang',
        'send_to_Q988En',
        'send_to_Q988Fr',
        'forward_call_camh',
      ].sort(),
    );
    // the counsellor checks are not linked from anywhere
    expect([...reachableFrom(camh, 'f_check_counsellors')].sort()).toEqual(
      ['f_check_counsellors', 'split_available_counsellors', 'send_to_Q988En'].sort(),
    );
    expect(reachableFrom(camh, 'nope').size).toBe(0);
  });

  it('does not follow links to missing widgets', () => {
    const def: FlowDefinition = {
      initial_state: 'a',
      states: [
        {
          name: 'a',
          type: 't',
          transitions: [
            { event: 'e', next: 'ghost' },
            { event: 'f', next: 'a' },
          ],
          properties: {},
        },
      ],
    };
    expect([...reachableFrom(def, 'a')]).toEqual(['a']);
  });
});
