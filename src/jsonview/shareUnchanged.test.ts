import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../model/types';
import { shareUnchanged } from './shareUnchanged';

const prev: FlowDefinition = {
  description: 'd',
  states: [
    { name: 'Trigger', type: 'trigger', properties: {}, transitions: [] },
    { name: 'a', type: 'send-message', properties: { body: 'x' }, transitions: [] },
  ],
  initial_state: 'Trigger',
};

describe('shareUnchanged', () => {
  it('reuses identical widgets and keeps changed ones and the key order', () => {
    const next = JSON.parse(JSON.stringify(prev)) as FlowDefinition;
    (next.states[1]?.properties as Record<string, unknown>).body = 'y';
    const shared = shareUnchanged(prev, next);
    expect(shared.states[0]).toBe(prev.states[0]);
    expect(shared.states[1]).toBe(next.states[1]);
    expect(Object.keys(shared)).toEqual(Object.keys(next));
    expect(shared).toEqual(next);
  });

  it('does not share a widget whose keys were reordered', () => {
    const first = prev.states[0];
    if (!first) throw new Error('fixture');
    const { name, type, properties, transitions } = first;
    const next: FlowDefinition = { ...prev, states: [{ type, name, properties, transitions }] };
    expect(shareUnchanged(prev, next).states[0]).not.toBe(prev.states[0]);
  });
});
