import { describe, expect, it } from 'vitest';
import type { FlowDefinition, Offset, Widget } from '../model/types';
import { corpusFile } from '../testing/corpus';
import { applyLayout } from './applyLayout';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function flow(): FlowDefinition {
  return deepFreeze(JSON.parse(corpusFile('real/accfb-foodnow__bot_flow.json').text) as FlowDefinition);
}

function widget(def: FlowDefinition, name: string): Widget {
  const w = def.states.find((s) => s.name === name);
  if (!w) throw new Error(name);
  return w;
}

describe('applyLayout', () => {
  it('sets offsets without mutating, copying only the widgets that move', () => {
    const def = flow();
    const json = JSON.stringify(def);
    const [a, b, c] = def.states as [Widget, Widget, Widget];
    const positions = new Map<string, Offset>([
      [a.name, a.properties.offset as Offset], // unchanged
      [b.name, { x: 1000, y: 2000 }],
      [c.name, { x: -30, y: 40 }],
      ['no_such_widget', { x: 1, y: 1 }],
    ]);
    const after = applyLayout(def, positions);
    expect(JSON.stringify(def)).toBe(json);
    expect(after).not.toBe(def);
    expect(widget(after, b.name).properties.offset).toEqual({ x: 1000, y: 2000 });
    expect(widget(after, c.name).properties.offset).toEqual({ x: -30, y: 40 });
    const copied = after.states.filter((w, i) => w !== def.states[i]).map((w) => w.name);
    expect(copied).toEqual([b.name, c.name]);
    // only `properties` is copied: transitions and the other properties are shared
    expect(widget(after, b.name).transitions).toBe(b.transitions);
    // offset keeps its key position
    expect(Object.keys(widget(after, b.name).properties)).toEqual(Object.keys(b.properties));
  });

  it('returns the definition itself when nothing moves', () => {
    const def = flow();
    expect(applyLayout(def, new Map())).toBe(def);
    const same = new Map(def.states.map((w) => [w.name, w.properties.offset as Offset]));
    expect(applyLayout(def, same)).toBe(def);
  });

  it('appends offset last to a widget that had none', () => {
    const def = flow();
    const name = def.states[5]?.name ?? '';
    const stripped: FlowDefinition = {
      ...def,
      states: def.states.map((w) => {
        if (w.name !== name) return w;
        const { offset: _offset, ...rest } = w.properties;
        return { ...w, properties: rest };
      }),
    };
    const after = applyLayout(stripped, new Map([[name, { x: 10, y: 20 }]]));
    const keys = Object.keys(widget(after, name).properties);
    expect(keys.at(-1)).toBe('offset');
    expect(keys).toEqual([...Object.keys(widget(stripped, name).properties), 'offset']);
    expect(widget(after, name).properties.offset).toEqual({ x: 10, y: 20 });
  });
});
