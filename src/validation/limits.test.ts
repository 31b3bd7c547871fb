/**
 * Validation on hostile input: work that grows linearly with the definition, problem lists capped per code,
 * numbers JSON cannot hold, canvas positions out of range. Nothing here measures time (speed is measured by
 * scripts/bench-hostile.ts); linearity is checked by counting the work done.
 */
import { describe, expect, it } from 'vitest';
import type { FlowDefinition, Problem, Widget } from '../model/types';
import { flow, sendAndWait, sendMessage, split, trigger } from './fixtures';
import { findNonFinite } from './numbers';
import { transitionNames } from './paths';
import {
  clampCoordinate,
  createValidator,
  MAX_OFFSET,
  MAX_PROBLEMS_PER_CODE,
  MORE_CODE,
  NON_FINITE_CODE,
  validateDefinition,
} from './index';

function triggerWith(transitions: unknown[]): Widget {
  return { ...trigger(), transitions: transitions as Widget['transitions'] };
}

function sameEvent(n: number): unknown[] {
  return Array.from({ length: n }, () => ({ event: 'incomingMessage', next: 'w' }));
}

function codes(problems: readonly Problem[]): string[] {
  return problems.map((p) => p.code);
}

/** An array that counts how often its items are read (index reads, not `length`). */
function counting<T>(items: T[]): { array: T[]; reads: () => number } {
  let reads = 0;
  const array = new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { array, reads: () => reads };
}

describe('one widget with 100,000 transitions of the same event', () => {
  const def = flow(triggerWith(sameEvent(100_000)), sendMessage('w'));

  it('lists 20 duplicate-event warnings and one summary with the exact count', () => {
    const problems = validateDefinition(def);
    expect(problems).toHaveLength(MAX_PROBLEMS_PER_CODE + 1);
    const listed = problems.slice(0, MAX_PROBLEMS_PER_CODE);
    expect(new Set(codes(listed))).toEqual(new Set(['lint.duplicate-event']));
    expect(listed[0]).toMatchObject({
      pointer: '/states/0/transitions/1/event',
      field: 'transitions.incomingMessage[1].event',
      widget: 'Trigger',
    });
    expect(listed[19]?.pointer).toBe('/states/0/transitions/20/event');
    expect(problems[20]).toEqual({
      severity: 'warning',
      code: MORE_CODE,
      message:
        '…and 99,979 more “lint.duplicate-event” problems on Trigger “Trigger”; only the first 20 are listed',
      widget: 'Trigger',
      pointer: '/states/0',
    });
  });

  it('reads each transition a bounded number of times: the work is linear, not quadratic', () => {
    // Naming each transition in `field` used to scan all the others (n² reads: 10^10 at 100,000).
    const readsFor = (n: number): number => {
      const { array, reads } = counting(sameEvent(n));
      validateDefinition(flow(triggerWith(array), sendMessage('w')));
      return reads();
    };
    const small = readsFor(5_000);
    const large = readsFor(10_000);
    expect(large).toBeLessThanOrEqual(10 * 10_000);
    expect(large / small).toBeLessThan(2.2);
  });

  it('caps links to a missing widget the same way (errors: the summary is an error)', () => {
    const t = Array.from({ length: 30 }, (_, i) => ({
      event: i === 0 ? 'incomingMessage' : 'incomingCall',
      next: 'gone',
    }));
    const problems = validateDefinition(flow(triggerWith(t)));
    const dangling = problems.filter((p) => p.code === 'lint.dangling-next');
    expect(dangling).toHaveLength(20);
    expect(dangling[1]?.field).toBe('transitions.incomingCall[0].next');
    const more = problems.filter((p) => p.code === MORE_CODE);
    expect(more.map((p) => [p.severity, p.message])).toEqual([
      [
        'warning',
        '…and 8 more “lint.duplicate-event” problems on Trigger “Trigger”; only the first 20 are listed',
      ],
      [
        'error',
        '…and 10 more “lint.dangling-next” problems on Trigger “Trigger”; only the first 20 are listed',
      ],
    ]);
  });
});

describe('a 6 MB body of `{{`', () => {
  it('gives 20 Liquid warnings and one summary, not three million problems', () => {
    const def = flow(trigger('w'), sendMessage('w', undefined, { body: '{{'.repeat(3_000_000) }));
    const problems = validateDefinition(def);
    expect(codes(problems)).toEqual([...Array<string>(20).fill('lint.liquid-syntax'), MORE_CODE]);
    expect(problems[0]).toMatchObject({ pointer: '/states/1/properties/body', field: 'body' });
    expect(problems[20]?.message).toBe(
      '…and 2,999,980 more “lint.liquid-syntax” problems on Send Message “w”; only the first 20 are listed',
    );
  });
});

describe('the cap', () => {
  /** A widget with 25 duplicate events and 25 Liquid errors, the codes interleaved. */
  function noisy(name: string): Widget {
    const w = sendMessage(name, undefined, {
      body: '{{'.repeat(25),
    });
    return {
      ...w,
      transitions: [...w.transitions, ...Array.from({ length: 25 }, () => ({ event: 'sent' }))],
    };
  }

  it('is per widget and per code, deterministic, with each summary where its code overflowed', () => {
    const def = flow(trigger('a'), noisy('a'), noisy('b'));
    const problems = validateDefinition(def);
    expect(validateDefinition(def)).toEqual(problems);
    const ofA = problems.filter((p) => p.widget === 'a');
    expect(codes(ofA)).toEqual([
      ...Array<string>(20).fill('lint.duplicate-event'),
      MORE_CODE,
      ...Array<string>(20).fill('lint.liquid-syntax'),
      MORE_CODE,
    ]);
    expect(ofA.filter((p) => p.code === MORE_CODE).map((p) => p.message)).toEqual([
      '…and 5 more “lint.duplicate-event” problems on Send Message “a”; only the first 20 are listed',
      '…and 5 more “lint.liquid-syntax” problems on Send Message “a”; only the first 20 are listed',
    ]);
    // b has the same problems (and is unreachable), capped on its own.
    expect(problems.filter((p) => p.widget === 'b' && p.code === MORE_CODE)).toHaveLength(2);
  });

  it('lives in the per-widget cache: an unchanged widget hands out the same capped list', () => {
    const def = flow(trigger('a'), noisy('a'), sendMessage('c'));
    const v = createValidator();
    const before = v.validate(def);
    const edited: FlowDefinition = {
      ...def,
      states: [def.states[0] as Widget, def.states[1] as Widget, sendMessage('d')],
    };
    const after = v.validate(edited);
    const summary = before.find((p) => p.code === MORE_CODE);
    expect(summary).toBeDefined();
    expect(after.find((p) => p.code === MORE_CODE)).toBe(summary);
    expect(after).toEqual(validateDefinition(edited));
  });

  it('applies to the flow itself, per code', () => {
    const flags = { allow_concurrent_calls: true, list: Array.from({ length: 30 }, () => Infinity) };
    const problems = validateDefinition({ ...flow(trigger()), flags });
    expect(problems.filter((p) => p.code === NON_FINITE_CODE)).toHaveLength(20);
    expect(problems.find((p) => p.code === MORE_CODE)).toEqual({
      severity: 'error',
      code: MORE_CODE,
      message: '…and 10 more “value.non-finite” problems on the flow; only the first 20 are listed',
      pointer: '',
    });
  });
});

describe('numbers JSON cannot hold', () => {
  const text = JSON.stringify(
    flow(trigger('ask'), sendAndWait('ask', { timeout: 7, parameters: [{ key: 'k', value: 8 }], 'a/b': 9 })),
  )
    .replace('"timeout":7', '"timeout":1e400')
    .replace('"value":8', '"value":-1e999')
    .replace('"a/b":9', '"a/b":1e400')
    .replace('"allow_concurrent_calls":true', '"allow_concurrent_calls":true,"x":[1e400]');

  it('reports each one where it is, with the widget, in the message the user can act on', () => {
    const def = JSON.parse(text) as FlowDefinition;
    const found = validateDefinition(def).filter((p) => p.code === NON_FINITE_CODE);
    expect(found).toEqual([
      {
        severity: 'error',
        code: NON_FINITE_CODE,
        message:
          '`flags.x[0]` is a number too large for JSON (it becomes Infinity): Studio cannot store it, and it would be exported as null. Write a smaller number.',
        pointer: '/flags/x/0',
        field: 'flags.x[0]',
      },
      {
        severity: 'error',
        code: NON_FINITE_CODE,
        message:
          '`timeout` is a number too large for JSON (it becomes Infinity): Studio cannot store it, and it would be exported as null. Write a smaller number.',
        widget: 'ask',
        pointer: '/states/1/properties/timeout',
        field: 'timeout',
      },
      expect.objectContaining({
        message: expect.stringContaining(
          '`parameters[0].value` is a negative number too large for JSON (it becomes -Infinity)',
        ) as unknown,
        pointer: '/states/1/properties/parameters/0/value',
      }),
      expect.objectContaining({ pointer: '/states/1/properties/a~1b', field: 'a/b' }),
    ]);
  });

  it('finds them anywhere in a widget, also in transitions, and NaN made in code', () => {
    const s = split('s', '{{trigger.message.Body}}', [[{ value: '1' }]]);
    const t = s.transitions[1] as unknown as { conditions: Record<string, unknown>[] };
    const odd = {
      ...s,
      extra: { deep: [[[NaN]]] },
      transitions: [s.transitions[0], { ...t, conditions: [{ ...t.conditions[0], weight: Infinity }] }],
    } as unknown as Widget;
    const found = validateDefinition(flow(trigger('s'), odd)).filter((p) => p.code === NON_FINITE_CODE);
    expect(found.map((p) => [p.pointer, p.field])).toEqual([
      ['/states/1/transitions/1/conditions/0/weight', 'transitions.match[0].conditions[0].weight'],
      ['/states/1/extra/deep/0/0/0', 'extra.deep[0][0][0]'],
    ]);
    expect(found[1]?.message).toBe(
      '`extra.deep[0][0][0]` is not a number (NaN): Studio cannot store it, and it would be exported as null. Write a number.',
    );
  });

  it('is part of the cached per-widget pass: an unchanged widget is not looked at again', () => {
    const def = JSON.parse(text) as FlowDefinition;
    const v = createValidator();
    const before = v.validate(def).filter((p) => p.code === NON_FINITE_CODE);
    const states = [...def.states];
    states[0] = trigger('ask', 'Start');
    const after = v
      .validate({ ...def, states, initial_state: 'Start' })
      .filter((p) => p.code === NON_FINITE_CODE);
    expect(after).toHaveLength(before.length);
    for (let i = 1; i < after.length; i++) expect(after[i]).toBe(before[i]);
  });

  it('walks shared sub-objects once and cycles not at all (bounded on documents built in code)', () => {
    // 2^40 paths lead to the one Infinity at the bottom: walking each path would never end.
    let node: unknown = [Infinity];
    for (let i = 0; i < 40; i++) node = [node, node];
    const seen: string[] = [];
    const total = findNonFinite(node, (segments) => {
      seen.push(segments.join('/'));
      return seen.length < 3;
    });
    expect(total).toBe(2 ** 40);
    expect(seen).toHaveLength(3);
    const loop: Record<string, unknown> = { a: -Infinity };
    loop.self = loop;
    expect(findNonFinite(loop, () => true)).toBe(1);
  });
});

describe('canvas positions', () => {
  const at = (x: number, y: number): FlowDefinition => {
    const w = sendMessage('w');
    return flow(trigger('w'), { ...w, properties: { ...w.properties, offset: { x, y } } });
  };

  it('warns about an offset out of range, saying the canvas cannot show the widget there', () => {
    expect(MAX_OFFSET).toBe(1_000_000);
    expect(validateDefinition(at(MAX_OFFSET, -MAX_OFFSET))).toEqual([]);
    expect(validateDefinition(at(5_000_000, -1_000_001))).toEqual([
      {
        severity: 'warning',
        code: 'lint.offset-range',
        message:
          'Send Message “w” is placed far off the canvas (`offset.x` is 5,000,000, beyond ±1,000,000): the canvas cannot show it there, so it draws the widget laid out or at its edge. Move the widget, or use Auto-layout',
        widget: 'w',
        pointer: '/states/1/properties/offset/x',
        field: 'offset.x',
      },
      expect.objectContaining({
        severity: 'warning',
        pointer: '/states/1/properties/offset/y',
        message: expect.stringContaining('(`offset.y` is -1,000,001, beyond ±1,000,000)') as unknown,
      }),
    ]);
  });

  it('reports a non-finite coordinate as an error, once, saying the canvas cannot show it there', () => {
    const problems = validateDefinition(
      JSON.parse(JSON.stringify(at(0, 7)).replace('"y":7', '"y":-1e400')) as FlowDefinition,
    );
    expect(problems).toEqual([
      {
        severity: 'error',
        code: NON_FINITE_CODE,
        message:
          '`offset.y` is a negative number too large for JSON (it becomes -Infinity): Studio cannot store it, and it would be exported as null; the canvas cannot show the widget there, so it draws it laid out or at its edge. Write a smaller number.',
        widget: 'w',
        pointer: '/states/1/properties/offset/y',
        field: 'offset.y',
      },
    ]);
  });

  it('clampCoordinate is what the messages say', () => {
    expect([5, 2e6, -2e6, Infinity, -Infinity, NaN, '3'].map(clampCoordinate)).toEqual([
      5, 1_000_000, -1_000_000, 1_000_000, -1_000_000, 0, 0,
    ]);
  });
});

describe('transitionNames', () => {
  /** The definition of `field` names, one transition at a time (what transitionNames computes in one pass). */
  function naive(widget: Widget, index: number): string {
    const t = widget.transitions[index];
    const event = t?.event;
    if (typeof event !== 'string' || event === '') return `transitions[${index}]`;
    const same = widget.transitions.map((x, j) => [x.event, j] as const).filter(([e]) => e === event);
    const occurrence = same.findIndex(([, j]) => j === index);
    return same.length > 1 || (widget.type === 'split-based-on' && event === 'match')
      ? `transitions.${event}[${occurrence}]`
      : `transitions.${event}`;
  }

  it('names every transition as naming them one by one does', () => {
    const s = split('s', 'x', [[{ value: '1' }], [{ value: '2' }]]);
    const dup = {
      ...sendMessage('d'),
      transitions: [{ event: 'sent' }, { event: 'failed' }, { event: 'sent' }, { event: '' }],
    };
    const odd = { ...sendMessage('o'), transitions: [{ next: 'x' }, { event: 'sent' }] } as unknown as Widget;
    for (const w of [s, dup, odd, trigger('x')]) {
      const names = transitionNames(w);
      for (let i = 0; i <= w.transitions.length; i++) expect(names(i), `${w.name} ${i}`).toBe(naive(w, i));
    }
  });
});
