import { describe, expect, it } from 'vitest';
import { corpusFlow as flow, widgetNamed as widget } from '../testing/flows';
import { getWidgetType } from '../schema/registry';
import { corpusFiles, LEGACY_FILE } from '../testing/corpus';
import { parsePortId, portTransitionIndex, repeatingPortId, widgetPorts } from './ports';
import type { FlowDefinition, Widget } from './types';

const camh = flow('real/tm__ca_988camh.json');

describe('port ids', () => {
  it('parses ordinary and repeating ids', () => {
    expect(parsePortId('noMatch')).toEqual({ event: 'noMatch' });
    expect(parsePortId('match:0')).toEqual({ event: 'match', k: 0 });
    expect(parsePortId('match:12')).toEqual({ event: 'match', k: 12 });
    expect(parsePortId(repeatingPortId('match', 3))).toEqual({ event: 'match', k: 3 });
    // not a repeating id: no number, or a leading zero
    expect(parsePortId('match:')).toEqual({ event: 'match:' });
    expect(parsePortId('match:01')).toEqual({ event: 'match:01' });
  });

  it('finds the transition of a port', () => {
    const split = widget(camh, 'split_keys_lang'); // noMatch, match, match, match
    expect(portTransitionIndex(split, 'noMatch')).toBe(0);
    expect(portTransitionIndex(split, 'match:0')).toBe(1);
    expect(portTransitionIndex(split, 'match:2')).toBe(3);
    expect(portTransitionIndex(split, 'match:3')).toBe(-1);
    expect(portTransitionIndex(split, 'timeout')).toBe(-1);
  });
});

describe('widgetPorts', () => {
  it('gives a split one port per condition transition, labelled with the first condition', () => {
    const split = widget(camh, 'split_keys_lang');
    const ports = widgetPorts(split, ['noMatch', 'match'], 'match');
    expect(ports.map((p) => [p.id, p.event, p.transitionIndex, p.next])).toEqual([
      ['noMatch', 'noMatch', 0, undefined],
      ['match:0', 'match', 1, 'send_to_Q988En'],
      ['match:1', 'match', 2, 'send_to_Q988Fr'],
      ['match:2', 'match', 3, 'send_to_Q988Fr'],
    ]);
    expect(ports.slice(1).map((p) => p.label)).toEqual(
      split.transitions.slice(1).map((t) => t.conditions?.[0]?.friendly_name),
    );
    expect(ports[0]).not.toHaveProperty('next');
    expect(ports[0]).not.toHaveProperty('label');
  });

  it('follows the registry order, marks missing events and lists unknown events last', () => {
    const w: Widget = {
      name: 'w',
      type: 'send-message',
      transitions: [
        { event: 'weird', next: 'x' },
        { event: 'failed', next: 'b' },
        { event: 'sent', next: '' },
      ],
      properties: {},
    };
    const ports = widgetPorts(w, ['sent', 'delivered', 'failed']);
    expect(ports).toEqual([
      { id: 'sent', event: 'sent', transitionIndex: 2 }, // an empty next is not a connection
      { id: 'delivered', event: 'delivered', transitionIndex: -1 },
      { id: 'failed', event: 'failed', transitionIndex: 1, next: 'b' },
      { id: 'weird', event: 'weird', transitionIndex: 0, next: 'x' },
    ]);
  });

  it('expands the repeating event even when the registry does not list it, and a split without conditions has none', () => {
    const split: Widget = {
      name: 's',
      type: 'split-based-on',
      transitions: [{ event: 'match', next: 'a', conditions: [] }, { event: 'noMatch' }],
      properties: {},
    };
    expect(widgetPorts(split, ['noMatch'], 'match').map((p) => p.id)).toEqual(['noMatch', 'match:0']);
    expect(widgetPorts({ ...split, transitions: [] }, ['noMatch', 'match'], 'match')).toEqual([
      { id: 'noMatch', event: 'noMatch', transitionIndex: -1 },
    ]);
  });

  it('does not hide a duplicated ordinary event: the second transition is port <event>:1', () => {
    const w: Widget = {
      name: 'w',
      type: 'x',
      transitions: [
        { event: 'a', next: 'one' },
        { event: 'a', next: 'two' },
      ],
      properties: {},
    };
    expect(widgetPorts(w, ['a'])).toEqual([
      { id: 'a', event: 'a', transitionIndex: 0, next: 'one' },
      { id: 'a:1', event: 'a', transitionIndex: 1, next: 'two' },
    ]);
    expect(portTransitionIndex(w, 'a:1')).toBe(1);
  });

  it('shows every transition of every corpus widget exactly once with the registry order', () => {
    let widgets = 0;
    for (const { file, text } of corpusFiles()) {
      if (file === LEGACY_FILE) continue;
      const def = JSON.parse(text) as FlowDefinition;
      for (const w of def.states) {
        const info = getWidgetType(w.type);
        const ports = widgetPorts(w, info?.events.map((e) => e.event) ?? [], info?.repeatingEvent);
        const shown = ports.filter((p) => p.transitionIndex >= 0).map((p) => p.transitionIndex);
        expect(new Set(shown).size, `${file} ${w.name}`).toBe(shown.length);
        expect(shown.length, `${file} ${w.name}`).toBe(w.transitions.length);
        for (const p of ports) {
          if (p.transitionIndex >= 0) expect(portTransitionIndex(w, p.id)).toBe(p.transitionIndex);
        }
        widgets++;
      }
    }
    expect(widgets).toBeGreaterThan(2000);
  });
});
