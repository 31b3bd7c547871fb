import { describe, expect, it } from 'vitest';
import type { Widget } from '../model/types';
import { labelledPorts } from './ports';

const split = {
  name: 'check',
  type: 'split-based-on',
  transitions: [
    { event: 'noMatch', next: 'fallback' },
    { event: 'match', next: 'yes', conditions: [] },
    { event: 'match', next: 'no', conditions: [] },
  ],
  properties: { input: '{{flow.data.x}}', offset: { x: 0, y: 0 } },
} as unknown as Widget;

describe('labelledPorts', () => {
  it("names each port with its type's words, numbering repeated events, in the card's order", () => {
    const ports = labelledPorts(split);
    expect(ports.map((p) => [p.id, p.label, p.next, p.transitionIndex])).toEqual([
      ['noMatch', 'No Condition Matches', 'fallback', 0],
      ['match:0', 'Condition 1', 'yes', 1],
      ['match:1', 'Condition 2', 'no', 2],
    ]);
    expect(ports.filter((p) => p.event === 'match').map((p) => p.next)).toEqual(['yes', 'no']);
    expect(ports.every((p) => p.connected === (p.next !== undefined))).toBe(true);
  });

  it('gives a widget whose transitions are not a list the ports of its type, none connected', () => {
    const widget = { name: 'ask', type: 'send-and-wait-for-reply', transitions: 'bad', properties: {} };
    expect(labelledPorts(widget as unknown as Widget).map((p) => [p.event, p.label, p.connected])).toEqual([
      ['incomingMessage', 'Reply', false],
      ['timeout', 'No Reply', false],
      ['deliveryFailure', 'Delivery Failure', false],
    ]);
  });

  it('has no ports for a type it does not know and no transitions', () => {
    expect(labelledPorts({ name: 'x', type: 'nope', transitions: [], properties: {} })).toEqual([]);
  });
});
