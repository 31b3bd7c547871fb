import { describe, expect, it } from 'vitest';
import { analyzeLiquid } from '../model/liquid';
import { executionsFixture } from '../testing/executions';
import { liquidExpression, liquidPath } from './liquid';
import { readExecutionsText } from './read';

/** Every leaf of a JSON value with its path. */
function leaves(
  value: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return [{ path, value }];
}

describe('liquidPath', () => {
  it('writes the Liquid a widget uses for each root of the context', () => {
    expect(liquidPath(['widgets', 'gather_1', 'Digits'])).toBe('{{widgets.gather_1.Digits}}');
    expect(liquidPath(['flow', 'variables', 'x'])).toBe('{{flow.variables.x}}');
    expect(liquidPath(['flow', 'data', 'name'])).toBe('{{flow.data.name}}');
    expect(liquidPath(['contact', 'channel', 'address'])).toBe('{{contact.channel.address}}');
    expect(liquidPath(['trigger', 'message', 'Body'])).toBe('{{trigger.message.Body}}');
    expect(liquidPath(['widgets', 'send-sms', 'status'])).toBe('{{widgets.send-sms.status}}');
  });

  it('indexes arrays and brackets keys that are not identifiers', () => {
    expect(liquidPath(['widgets', 'http_1', 'parsed', 'items', 0, 'id'])).toBe(
      '{{widgets.http_1.parsed.items[0].id}}',
    );
    expect(liquidPath(['flow', 'data', 'first name'])).toBe('{{flow.data["first name"]}}');
    expect(liquidPath(['flow', 'data', '0'])).toBe('{{flow.data["0"]}}');
    expect(liquidPath(['flow', 'data', '2fa'])).toBe('{{flow.data["2fa"]}}');
    expect(liquidPath(['flow', 'data', 'a.b'])).toBe('{{flow.data["a.b"]}}');
    expect(liquidPath(['flow', 'data', 'say "hi"'])).toBe(`{{flow.data['say "hi"']}}`);
    expect(liquidPath(['flow', 'data', ''])).toBe('{{flow.data[""]}}');
    expect(liquidPath(['first name'])).toBe('{{["first name"]}}');
  });

  it('gives nothing for the empty path', () => {
    expect(liquidPath([])).toBe('');
    expect(liquidExpression([])).toBe('');
    expect(liquidExpression(['flow', 'variables', 'x'])).toBe('flow.variables.x');
  });

  it('writes, for every value of an execution context, Liquid the editor reads back as that very path', () => {
    const read = readExecutionsText(executionsFixture('execution-context.json'));
    if (!read.ok) throw new Error(read.error.message);
    const all = leaves(read.contexts[0]?.context);
    expect(all.length).toBeGreaterThan(10);
    for (const { path } of all) {
      const liquid = liquidPath(path);
      const analysis = analyzeLiquid(liquid);
      expect(analysis.issues, liquid).toEqual([]);
      expect(analysis.references, liquid).toHaveLength(1);
      const [ref] = analysis.references;
      expect([ref?.root, ...(ref?.path.slice(1) ?? [])], liquid).toEqual(path.map(String));
    }
  });
});
