/** The incremental validator: same answers as the stateless one, per-widget caching, speed, browser parity. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FlowDefinition, Widget } from '../model/types';
import { flow, sendAndWait, sendMessage, split, trigger } from './fixtures';
import { createValidator, validateDefinition } from './index';

/** A Trigger and then `n - 1` widgets in a chain of send-and-wait → split → send-message, with Liquid references. */
function syntheticFlow(n: number): FlowDefinition {
  const states: Widget[] = [trigger('w1')];
  for (let i = 1; i < n; i++) {
    const name = `w${i}`;
    const next = i + 1 < n ? `w${i + 1}` : undefined;
    const prev = `w${Math.max(1, i - 1)}`;
    if (i % 3 === 1) {
      const w = sendAndWait(name, {
        body: `Hi {{widgets.${prev}.inbound.Body | default: "there"}}, reply 1 or 2`,
      });
      states.push({
        ...w,
        transitions: [
          next === undefined ? { event: 'incomingMessage' } : { event: 'incomingMessage', next },
          { event: 'timeout' },
          { event: 'deliveryFailure' },
        ],
      });
    } else if (i % 3 === 2) {
      const input = `{{widgets.${prev}.inbound.Body}}`;
      const s = split(
        name,
        input,
        [[{ type: 'equal_to', value: '1' }], [{ type: 'contains', value: '2' }]],
        next,
      );
      states.push(s);
    } else {
      states.push(
        sendMessage(name, next, {
          body: `You chose {{widgets.${prev}.inbound.Body}} at {{flow.variables.when}}`,
        }),
      );
    }
  }
  return flow(...states);
}

function replaceState(def: FlowDefinition, index: number, widget: Widget): FlowDefinition {
  const states = def.states.slice();
  states[index] = widget;
  return { ...def, states };
}

describe('createValidator', () => {
  it('gives the same problems as validateDefinition, in both profiles, on every corpus flow', () => {
    const corpus = new URL('../../../shared/corpus/', import.meta.url);
    for (const dir of ['real', 'techmatters']) {
      const base = new URL(`${dir}/`, corpus);
      for (const f of readdirSync(base).filter((x) => x.endsWith('.json'))) {
        const def = JSON.parse(readFileSync(new URL(f, base), 'utf8')) as FlowDefinition;
        for (const profile of ['studio', 'official'] as const) {
          const v = createValidator(profile);
          expect(v.profile).toBe(profile);
          const first = v.validate(def);
          expect(first).toEqual(validateDefinition(def, { profile }));
          expect(v.validate(def)).toEqual(first);
        }
      }
    }
  });

  it('defaults to the studio profile', () => {
    expect(createValidator().profile).toBe('studio');
  });

  it('reuses the problems of unchanged widgets and recomputes an edited one', () => {
    const def = flow(
      trigger('a'),
      sendMessage('a', 'b', { body: '{{oops' }),
      sendMessage('b', undefined, { body: '{{also' }),
    );
    const v = createValidator();
    const before = v.validate(def);
    expect(before.map((p) => [p.widget, p.code])).toEqual([
      ['a', 'lint.liquid-syntax'],
      ['b', 'lint.liquid-syntax'],
    ]);
    const fixed = replaceState(def, 1, sendMessage('a', 'b', { body: 'fine' }));
    const after = v.validate(fixed);
    expect(after.map((p) => [p.widget, p.code])).toEqual([['b', 'lint.liquid-syntax']]);
    // Widget b did not change: its cached problem object is handed out again.
    expect(after[0]).toBe(before[1]);
  });

  it('re-attaches the index when a cached widget moves', () => {
    const b = sendMessage('b', undefined, { body: '{{oops' });
    const def = flow(trigger('b'), sendMessage('a'), b);
    const v = createValidator();
    expect(v.validate(def).find((p) => p.code === 'lint.liquid-syntax')?.pointer).toBe(
      '/states/2/properties/body',
    );
    const moved = { ...def, states: [def.states[0] as Widget, b] };
    expect(v.validate(moved).find((p) => p.code === 'lint.liquid-syntax')?.pointer).toBe(
      '/states/1/properties/body',
    );
    expect(v.validate(moved)).toEqual(validateDefinition(moved));
  });

  it('recomputes flow-level lint every time (a rename elsewhere breaks a link of an unchanged widget)', () => {
    const def = flow(trigger('greet'), sendMessage('greet', 'bye'), sendMessage('bye'));
    const v = createValidator();
    expect(v.validate(def)).toEqual([]);
    const renamed = replaceState(def, 2, sendMessage('farewell'));
    expect(v.validate(renamed).map((p) => [p.code, p.widget])).toEqual([
      ['lint.dangling-next', 'greet'],
      ['lint.unreachable', 'farewell'],
    ]);
  });

  it('keeps profiles apart', () => {
    const def = flow(trigger('a'), sendAndWait('a'));
    expect(createValidator('studio').validate(def)).toEqual([]);
    expect(
      createValidator('official')
        .validate(def)
        .map((p) => p.code),
    ).toEqual(['schema.event', 'schema.event', 'schema.type']);
  });
});

describe("incremental validation at Studio's 2,000-widget limit", () => {
  // Speed is measured by scripts/bench-core.ts (npm run bench); this checks that the cache stays correct.
  it('gives the same problems as a full validation after each of many one-widget edits', () => {
    const def = syntheticFlow(2000);
    const v = createValidator();
    expect(v.validate(def)).toEqual([]);
    let current = def;
    for (let i = 0; i < 41; i++) {
      const index = 1 + ((i * 37) % 1999);
      const w = current.states[index] as Widget;
      const edited =
        i % 2 === 0
          ? { ...w, properties: { ...w.properties, edited: `{{widgets.gone_${i}.x}}` } }
          : { ...w, properties: { ...w.properties, edited: `edit ${i}` } };
      current = replaceState(current, index, edited);
      expect(v.validate(current)).toEqual(validateDefinition(current));
    }
    expect(v.validate(current).some((p) => p.code.startsWith('lint.'))).toBe(true);
  });
});

describe('browser parity', () => {
  it('the validation sources import nothing Node-only', () => {
    const dir = new URL('./', import.meta.url);
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(sources.length).toBeGreaterThan(5);
    const builtins = /from\s+['"](node:|fs|path|url|os|crypto|util|module|child_process|perf_hooks)['"/]/;
    for (const f of sources) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      expect(builtins.test(text), f).toBe(false);
      expect(/\b(process|Buffer|require)\s*[.(]/.test(text), f).toBe(false);
      for (const m of text.matchAll(/from\s+'([^']+)'/g)) {
        const spec = m[1] ?? '';
        expect(spec.startsWith('.') || spec.startsWith('ajv'), `${f} imports ${spec}`).toBe(true);
      }
    }
  });
});
