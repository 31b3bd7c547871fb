import { describe, expect, it } from 'vitest';
import { rangesForPointers, scanPointers, stateAt, stateRanges } from './pointerRanges';

const def = {
  description: 'A flow',
  states: [
    { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingMessage', next: 'a/b~c' }] },
    { name: 'a/b~c', type: 'send-message', properties: { body: 'Hi "there"', offset: { x: 1, y: -2.5e3 } } },
  ],
  flags: { allow_concurrent_calls: true },
  empty: [],
  nothing: null,
};
const text = JSON.stringify(def, null, 2) + '\n';

function slice(range: { start: number; end: number } | undefined): unknown {
  if (!range) throw new Error('no range');
  return JSON.parse(text.slice(range.start, range.end));
}

describe('scanPointers', () => {
  it('finds the exact text of every value', () => {
    const all = scanPointers(text, () => true);
    expect(slice(all.get(''))).toEqual(def);
    expect(slice(all.get('/states/1'))).toEqual(def.states[1]);
    expect(slice(all.get('/states/1/properties/body'))).toBe('Hi "there"');
    expect(slice(all.get('/states/1/properties/offset/y'))).toBe(-2500);
    expect(slice(all.get('/flags/allow_concurrent_calls'))).toBe(true);
    expect(slice(all.get('/empty'))).toEqual([]);
    expect(slice(all.get('/nothing'))).toBeNull();
  });

  it('records where the key of a property starts', () => {
    const range = scanPointers(text, (p) => p === '/description').get('/description');
    expect(range?.keyStart).toBe(text.indexOf('"description"'));
  });

  it('only records the pointers asked for', () => {
    expect([...scanPointers(text, (p) => p.startsWith('/flags')).keys()]).toEqual([
      '/flags/allow_concurrent_calls',
      '/flags',
    ]);
  });

  it('returns what it found before malformed text', () => {
    const found = scanPointers('{"a": 1, "b": [2, ', () => true);
    expect(found.get('/a')).toEqual({ start: 6, end: 7, keyStart: 1 });
    expect(found.has('')).toBe(false);
  });
});

describe('rangesForPointers', () => {
  it('maps pointers to their value, or to the nearest ancestor that exists', () => {
    const ranges = rangesForPointers(text, [
      '/states/1/properties/body',
      '/states/0/properties/missing',
      '/zzz',
    ]);
    expect(slice(ranges.get('/states/1/properties/body'))).toBe('Hi "there"');
    expect(slice(ranges.get('/states/0/properties/missing'))).toEqual(def.states[0]);
    expect(slice(ranges.get('/zzz'))).toEqual(def);
  });

  it('unescapes ~0 and ~1 in keys', () => {
    const t = '{"a/b": {"c~d": 1}}';
    const ranges = rangesForPointers(t, ['/a~1b/c~0d']);
    expect(ranges.get('/a~1b/c~0d')).toEqual({ start: 16, end: 17, keyStart: 9 });
  });
});

describe('stateRanges / stateAt', () => {
  it('lists the states with their names, and finds the state around an offset', () => {
    const states = stateRanges(text);
    expect(states.map((s) => s.name)).toEqual(['Trigger', 'a/b~c']);
    const inBody = text.indexOf('Hi \\"there');
    expect(stateAt(states, inBody)?.name).toBe('a/b~c');
    expect(stateAt(states, text.indexOf('incomingMessage'))?.name).toBe('Trigger');
    expect(stateAt(states, 0)).toBeUndefined();
  });
});
