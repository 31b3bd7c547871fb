import { describe, expect, it } from 'vitest';
import { canonicalizeDefinition, importFlowText, serializeDefinition, snapDefinitionOffsets } from './index';
import type { FlowDefinition, Widget } from '../model/types';

/** Keys deliberately out of canonical order everywhere. */
const messy = JSON.parse(`{
  "flags": {"allow_concurrent_calls": true},
  "zeta": {"b": 1, "a": 2},
  "initial_state": "Trigger",
  "states": [
    {
      "properties": {"offset": {"y": 13, "x": -24}, "flow_url": "u", "body": "hi"},
      "transitions": [{"next": "split", "event": "incomingMessage", "uuid": "1"}, {"event": "incomingCall"}],
      "type": "trigger",
      "name": "Trigger"
    },
    {
      "sid": "x",
      "type": "split-based-on",
      "name": "split",
      "properties": {"input": "{{trigger.message.Body}}", "offset": {"x": 205, "y": 195}},
      "transitions": [
        {"conditions": [{"value": "1", "type": "equal_to", "friendly_name": "one", "arguments": ["{{trigger.message.Body}}"], "z": 0}], "next": "Trigger", "event": "match"},
        {"event": "noMatch"}
      ]
    }
  ],
  "description": "Messy"
}`) as FlowDefinition;

describe('serializeDefinition', () => {
  it('default: JSON.stringify with 2 spaces plus a trailing newline, key order as held', () => {
    expect(serializeDefinition(messy)).toBe(`${JSON.stringify(messy, null, 2)}\n`);
  });

  it('canonical: documented key order at every level', () => {
    const out = JSON.parse(serializeDefinition(messy, { canonical: true })) as FlowDefinition;
    expect(Object.keys(out)).toEqual(['description', 'states', 'initial_state', 'flags', 'zeta']);
    expect(Object.keys(out.zeta as object)).toEqual(['a', 'b']);
    const [trigger, split] = out.states as [Widget, Widget];
    expect(Object.keys(trigger)).toEqual(['name', 'type', 'transitions', 'properties']);
    expect(Object.keys(split)).toEqual(['name', 'type', 'transitions', 'properties', 'sid']);
    expect(Object.keys(trigger.properties)).toEqual(['body', 'flow_url', 'offset']);
    expect(Object.keys(trigger.properties.offset as object)).toEqual(['x', 'y']);
    expect(Object.keys(trigger.transitions[0] as object)).toEqual(['event', 'next', 'uuid']);
    expect(Object.keys(split.transitions[0] as object)).toEqual(['event', 'next', 'conditions']);
    expect(Object.keys(split.transitions[0]?.conditions?.[0] as object)).toEqual([
      'friendly_name',
      'arguments',
      'type',
      'value',
      'z',
    ]);
    expect(out).toEqual(messy);
  });

  it('canonical is idempotent, shares what is already canonical and does not mutate', () => {
    const before = JSON.stringify(messy);
    const once = canonicalizeDefinition(messy);
    expect(JSON.stringify(messy)).toBe(before);
    expect(canonicalizeDefinition(once)).toBe(once);
    expect(serializeDefinition(once, { canonical: true })).toBe(
      serializeDefinition(messy, { canonical: true }),
    );
    const canonicalState = once.states[0];
    const edited = { ...once, description: 'changed' };
    expect(canonicalizeDefinition(edited).states[0]).toBe(canonicalState);
  });

  it('snapOffsets rounds offsets to the grid and leaves the rest alone', () => {
    const snapped = JSON.parse(serializeDefinition(messy, { snapOffsets: 10 })) as FlowDefinition;
    expect(snapped.states.map((s) => s.properties.offset)).toEqual([
      { y: 10, x: -20 },
      { x: 210, y: 200 },
    ]);
    expect(Object.keys(snapped)).toEqual(Object.keys(messy));
    const canonical = JSON.parse(
      serializeDefinition(messy, { canonical: true, snapOffsets: 10 }),
    ) as FlowDefinition;
    expect(canonical.states[0]?.properties.offset).toEqual({ x: -20, y: 10 });
    // Already on the grid: same object back.
    const onGrid = snapDefinitionOffsets(messy, 10);
    expect(snapDefinitionOffsets(onGrid, 10)).toBe(onGrid);
    expect(snapDefinitionOffsets(messy, 0)).toBe(messy);
    expect(
      Object.is(
        (
          snapDefinitionOffsets(
            {
              states: [{ name: 'a', type: 't', transitions: [], properties: { offset: { x: -4, y: 0 } } }],
              initial_state: 'a',
            },
            10,
          ).states[0]?.properties.offset as { x: number }
        ).x,
        -0,
      ),
    ).toBe(false);
  });

  it('is fast for 2,000 widgets', () => {
    const states: Widget[] = Array.from({ length: 2000 }, (_, i) => ({
      name: `widget_${i}`,
      type: 'send-and-wait-for-reply',
      transitions: [
        { event: 'incomingMessage', next: `widget_${i + 1}` },
        { event: 'timeout' },
        { event: 'deliveryFailure' },
      ],
      properties: {
        offset: { x: (i % 10) * 300, y: Math.floor(i / 10) * 250 },
        body: `Message ${i}: {{widgets.widget_${i > 0 ? i - 1 : 0}.inbound.Body}} ${'lorem ipsum '.repeat(40)}`,
        from: '{{flow.channel.address}}',
        timeout: '3600',
      },
    }));
    const def: FlowDefinition = {
      description: 'Big',
      states,
      initial_state: 'widget_0',
      flags: { allow_concurrent_calls: true },
    };
    const text = JSON.stringify(def, null, 2);
    expect(text.length).toBeGreaterThan(1_000_000);
    const result = importFlowText(text);
    const imported = result.ok ? result.flows[0]?.definition : undefined;
    expect(imported).toBeDefined();
    const out = serializeDefinition(imported as FlowDefinition);
    const canonical = serializeDefinition(imported as FlowDefinition, { canonical: true, snapOffsets: 10 });
    expect(out).toBe(`${text}\n`);
    expect(canonical.length).toBeGreaterThan(1_000_000);
  });
});
