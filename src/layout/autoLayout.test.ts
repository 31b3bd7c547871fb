import { describe, expect, it } from 'vitest';
import { generateFlow } from '../../scripts/generate-flow';
import type { FlowDefinition, Offset, Transition, Widget } from '../model/types';
import { corpusFile, corpusFiles, LEGACY_FILE } from '../testing/corpus';
import { applyLayout } from './applyLayout';
import { autoLayout, defaultNodeSize, outputPorts, type NodeSize } from './autoLayout';

const FOODNOW = 'real/accfb-foodnow__bot_flow.json';

function flow(file: string): FlowDefinition {
  return JSON.parse(corpusFile(file).text) as FlowDefinition;
}

function widget(
  name: string,
  type: string,
  next: Record<string, string | undefined>,
  offset?: Offset,
): Widget {
  const transitions: Transition[] = Object.entries(next).map(([event, to]) =>
    to === undefined ? { event } : { event, next: to },
  );
  return { name, type, transitions, properties: offset ? { offset } : {} };
}

function definition(states: Widget[]): FlowDefinition {
  return { description: 'test', states, initial_state: 'Trigger', flags: { allow_concurrent_calls: true } };
}

interface Edge {
  from: string;
  to: string;
}

function edges(def: FlowDefinition, among?: ReadonlySet<string>): Edge[] {
  const names = new Set(def.states.map((w) => w.name));
  return def.states.flatMap((w) =>
    outputPorts(w)
      .filter((p) => p.next !== undefined && names.has(p.next) && p.next !== w.name)
      .filter((p) => among === undefined || (among.has(w.name) && among.has(p.next as string)))
      .map((p) => ({ from: w.name, to: p.next as string })),
  );
}

/** Can `to` reach `from`, i.e. does the edge from → to close a cycle? */
function closesCycle(all: readonly Edge[], { from, to }: Edge): boolean {
  const seen = new Set([to]);
  const queue = [to];
  while (queue.length > 0) {
    const at = queue.pop() as string;
    if (at === from) return true;
    for (const e of all) {
      if (e.from === at && !seen.has(e.to)) {
        seen.add(e.to);
        queue.push(e.to);
      }
    }
  }
  return false;
}

/** Pairs of laid-out cards that overlap (touching edges allowed). */
function overlaps(
  def: FlowDefinition,
  pos: ReadonlyMap<string, Offset>,
  sizeOf: (w: Widget) => NodeSize = defaultNodeSize,
): string[] {
  const boxes = def.states
    .filter((w) => pos.has(w.name))
    .map((w) => ({ name: w.name, at: pos.get(w.name) as Offset, size: sizeOf(w) }));
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i] as (typeof boxes)[number];
      const b = boxes[j] as (typeof boxes)[number];
      const apart =
        a.at.x + a.size.width <= b.at.x ||
        b.at.x + b.size.width <= a.at.x ||
        a.at.y + a.size.height <= b.at.y ||
        b.at.y + b.size.height <= a.at.y;
      if (!apart) out.push(`${a.name} × ${b.name}`);
    }
  }
  return out;
}

function offGrid(pos: ReadonlyMap<string, Offset>): string[] {
  return [...pos]
    .filter(([, p]) => !Number.isInteger(p.x) || !Number.isInteger(p.y) || p.x % 10 !== 0 || p.y % 10 !== 0)
    .map(([name, p]) => `${name} ${p.x},${p.y}`);
}

function at(pos: ReadonlyMap<string, Offset>, name: string): Offset {
  const p = pos.get(name);
  if (!p) throw new Error(`no position for ${name}`);
  return p;
}

describe(`autoLayout on ${FOODNOW} (129 widgets, loops back to menus)`, () => {
  const def = flow(FOODNOW);

  it('places every widget on the 10 px grid without overlaps, the Trigger where it was', async () => {
    const pos = await autoLayout(def);
    expect(def.states).toHaveLength(129);
    expect([...pos.keys()].sort()).toEqual(def.states.map((w) => w.name).sort());
    expect(offGrid(pos)).toEqual([]);
    expect(overlaps(def, pos)).toEqual([]);
    expect(at(pos, 'Trigger')).toEqual({ x: 0, y: 0 });
  }, 30_000);

  it('puts the Trigger on top and sends every edge down except those that loop back', async () => {
    const pos = await autoLayout(def);
    const all = edges(def);
    const trigger = at(pos, 'Trigger');
    for (const w of def.states)
      if (w.name !== 'Trigger') expect(at(pos, w.name).y).toBeGreaterThan(trigger.y);
    const upward = all.filter((e) => at(pos, e.to).y <= at(pos, e.from).y);
    expect(upward.filter((e) => !closesCycle(all, e))).toEqual([]);
    // the flow has loops, and few edges go up: only loop-closing ones, far fewer than all of them
    expect(upward.length).toBeGreaterThan(0);
    expect(upward.length).toBeLessThan(all.length / 5);
  }, 30_000);

  it('is deterministic: the same input (or a copy of it) gives the same output', async () => {
    const a = await autoLayout(def);
    const b = await autoLayout(def);
    const c = await autoLayout(structuredClone(def));
    expect([...b]).toEqual([...a]);
    expect([...c]).toEqual([...a]);
  }, 30_000);

  it('honours a size function (no overlaps at that size) and the RIGHT direction', async () => {
    const big = (w: Widget): NodeSize => ({ width: 320 + (w.name.length % 3) * 40, height: 180 });
    const pos = await autoLayout(def, { nodeSize: big });
    expect(overlaps(def, pos, big)).toEqual([]);
    expect(offGrid(pos)).toEqual([]);
    const right = await autoLayout(def, { direction: 'RIGHT' });
    expect(overlaps(def, right)).toEqual([]);
    const trigger = at(right, 'Trigger');
    for (const w of def.states)
      if (w.name !== 'Trigger') expect(at(right, w.name).x).toBeGreaterThan(trigger.x);
  }, 30_000);

  it('with `only`, lays out just the selection where it was and leaves the rest alone', async () => {
    // a connected region of the English SMS branch, and a stray widget from elsewhere
    const only = new Set([
      'gather_city_sms_english',
      'valid_http_city_sms',
      'decide_valid_city_sms',
      'out_of_area_sms_english',
      'gather_address_sms_english',
      'gather_children_sms_english',
      'set_has_children_sms_english',
      'welcome_spanish',
    ]);
    for (const name of only) expect(def.states.some((w) => w.name === name)).toBe(true);
    const pos = await autoLayout(def, { only });
    expect(new Set(pos.keys())).toEqual(only);
    expect(offGrid(pos)).toEqual([]);
    expect(overlaps(def, pos)).toEqual([]);

    const before = def.states.filter((w) => only.has(w.name)).map((w) => w.properties.offset as Offset);
    const left = Math.min(...before.map((p) => p.x));
    const top = Math.min(...before.map((p) => p.y));
    const after = [...pos.values()];
    expect(Math.min(...after.map((p) => p.x))).toBe(Math.round(left / 10) * 10);
    expect(Math.min(...after.map((p) => p.y))).toBe(Math.round(top / 10) * 10);
    // within the selection, its edges go down (the region has no loop)
    for (const e of edges(def, only)) expect(at(pos, e.to).y).toBeGreaterThan(at(pos, e.from).y);

    const moved = applyLayout(def, pos);
    moved.states.forEach((w, i) => {
      if (!only.has(w.name)) expect(w).toBe(def.states[i]);
    });
  }, 30_000);

  it('with `only` including the Trigger, the Trigger stays put', async () => {
    const only = new Set(['Trigger', 'ask_language_sms_english', 'welcome_english']);
    const pos = await autoLayout(def, { only });
    expect(at(pos, 'Trigger')).toEqual({ x: 0, y: 0 });
    expect(at(pos, 'welcome_english').y).toBeGreaterThan(0);
    expect(at(pos, 'ask_language_sms_english').y).toBeGreaterThan(0);
  }, 30_000);
});

describe('autoLayout over corpus flows', () => {
  const files = corpusFiles()
    .filter((f) => f.file !== LEGACY_FILE)
    .map((f) => ({ file: f.file, def: JSON.parse(f.text) as FlowDefinition }))
    .filter((f) => f.def.states.length >= 8)
    .filter((_, i) => i % 4 === 0);

  it.each(files.map((f) => [f.file, f.def] as const))(
    '%s: every widget placed, on the grid, no overlaps, only loops go up',
    async (_file, def) => {
      const pos = await autoLayout(def);
      expect(pos.size).toBe(new Set(def.states.map((w) => w.name)).size);
      expect(offGrid(pos)).toEqual([]);
      expect(overlaps(def, pos)).toEqual([]);
      const all = edges(def);
      expect(all.filter((e) => at(pos, e.to).y <= at(pos, e.from).y && !closesCycle(all, e))).toEqual([]);
    },
    30_000,
  );
});

describe('autoLayout on small flows', () => {
  it('an acyclic flow: every edge goes down, the Trigger at 0,0 when it had no offset', async () => {
    const def = definition([
      widget('Trigger', 'trigger', { incomingMessage: 'a', incomingCall: 'd', incomingRequest: undefined }),
      widget('a', 'send-message', { sent: 'b', failed: 'c' }),
      widget('b', 'send-message', { sent: 'c', failed: undefined }),
      widget('c', 'set-variables', { next: 'e' }),
      widget('d', 'say-play', { audioComplete: 'e' }),
      widget('e', 'send-message', { sent: undefined, failed: undefined }),
    ]);
    const pos = await autoLayout(def);
    expect(at(pos, 'Trigger')).toEqual({ x: 0, y: 0 });
    expect(overlaps(def, pos)).toEqual([]);
    for (const e of edges(def)) {
      const from = def.states.find((w) => w.name === e.from) as Widget;
      expect(at(pos, e.to).y).toBeGreaterThanOrEqual(at(pos, e.from).y + defaultNodeSize(from).height);
    }
  });

  it('keeps the order of ports: targets of earlier ports sit further left', async () => {
    const def = definition([
      widget(
        'Trigger',
        'trigger',
        { incomingMessage: 'm', incomingCall: 'c', incomingRequest: 'r' },
        { x: 300, y: 100 },
      ),
      widget('r', 'send-message', {}),
      widget('c', 'say-play', {}),
      widget('m', 'send-message', {}),
    ]);
    const pos = await autoLayout(def);
    expect(at(pos, 'Trigger')).toEqual({ x: 300, y: 100 });
    expect(at(pos, 'm').x).toBeLessThan(at(pos, 'c').x);
    expect(at(pos, 'c').x).toBeLessThan(at(pos, 'r').x);

    // a split: noMatch first, then its conditions in transition order
    const split: Widget = {
      name: 'split',
      type: 'split-based-on',
      transitions: [
        { event: 'match', next: 'one', conditions: [{ friendly_name: '1', type: 'equal_to', value: '1' }] },
        { event: 'noMatch', next: 'none' },
        { event: 'match', next: 'two', conditions: [{ friendly_name: '2', type: 'equal_to', value: '2' }] },
      ],
      properties: {},
    };
    const def2 = definition([
      widget('Trigger', 'trigger', { incomingMessage: 'split' }),
      split,
      widget('two', 'send-message', {}),
      widget('one', 'send-message', {}),
      widget('none', 'send-message', {}),
    ]);
    const pos2 = await autoLayout(def2);
    expect(outputPorts(split).map((p) => p.next)).toEqual(['none', 'one', 'two']);
    expect(at(pos2, 'none').x).toBeLessThan(at(pos2, 'one').x);
    expect(at(pos2, 'one').x).toBeLessThan(at(pos2, 'two').x);
  });

  it('lays out a loop back to a menu with the menu above the loop', async () => {
    const def = definition([
      widget('Trigger', 'trigger', { incomingMessage: 'menu' }),
      widget('menu', 'send-and-wait-for-reply', {
        incomingMessage: 'split',
        timeout: 'bye',
        deliveryFailure: undefined,
      }),
      {
        name: 'split',
        type: 'split-based-on',
        transitions: [
          { event: 'noMatch', next: 'retry' },
          {
            event: 'match',
            next: 'bye',
            conditions: [{ friendly_name: 'stop', type: 'equal_to', value: 'stop' }],
          },
        ],
        properties: {},
      },
      widget('retry', 'send-message', { sent: 'menu', failed: 'retry' }),
      widget('bye', 'send-message', { sent: undefined, failed: undefined }),
    ]);
    const pos = await autoLayout(def);
    expect(overlaps(def, pos)).toEqual([]);
    const y = (n: string) => at(pos, n).y;
    expect(y('Trigger')).toBeLessThan(y('menu'));
    expect(y('menu')).toBeLessThan(y('split'));
    expect(y('split')).toBeLessThan(y('retry'));
    expect(y('split')).toBeLessThan(y('bye'));
  });

  it('places unreachable and disconnected widgets too, without overlaps', async () => {
    const def = definition([
      widget('Trigger', 'trigger', { incomingMessage: 'a' }),
      widget('a', 'send-message', { sent: 'b' }),
      widget('b', 'send-message', {}),
      widget('lost1', 'send-message', { sent: 'lost2' }),
      widget('lost2', 'set-variables', { next: 'a' }),
      widget('island', 'make-http-request', {}),
      widget('loop1', 'send-message', { sent: 'loop2' }),
      widget('loop2', 'send-message', { sent: 'loop1' }),
    ]);
    const pos = await autoLayout(def);
    expect(pos.size).toBe(8);
    expect(overlaps(def, pos)).toEqual([]);
    expect(offGrid(pos)).toEqual([]);
    expect(at(pos, 'lost1').y).toBeLessThan(at(pos, 'lost2').y);
  });

  it('lays out a flow with every widget at 0,0, and one without offsets', async () => {
    const synthetic = generateFlow(60);
    const piled: FlowDefinition = {
      ...synthetic,
      states: synthetic.states.map((w) => ({
        ...w,
        properties: { ...w.properties, offset: { x: 0, y: 0 } },
      })),
    };
    const pos = await autoLayout(piled);
    expect(pos.size).toBe(60);
    expect(overlaps(piled, pos)).toEqual([]);
    expect(at(pos, 'Trigger')).toEqual({ x: 0, y: 0 });
    for (const e of edges(piled)) expect(at(pos, e.to).y).toBeGreaterThan(at(pos, e.from).y);

    const bare = flow('real/twilio-ai__skill-studio-flows-1.json');
    const pos2 = await autoLayout(bare);
    expect(at(pos2, 'Trigger')).toEqual({ x: 0, y: 0 });
    expect(at(pos2, 'reply').y).toBeGreaterThan(0);
  });

  it('places a selection that had no offsets below the other widgets', async () => {
    const def = definition([
      widget('Trigger', 'trigger', { incomingMessage: 'a' }, { x: 0, y: 0 }),
      widget('a', 'send-message', { sent: 'new1' }, { x: 40, y: 300 }),
      widget('new1', 'send-message', { sent: 'new2' }),
      widget('new2', 'send-message', {}),
    ]);
    const pos = await autoLayout(def, { only: new Set(['new1', 'new2', 'unknown']) });
    expect([...pos.keys()].sort()).toEqual(['new1', 'new2']);
    const bottomOfA = 300 + defaultNodeSize(def.states[1] as Widget).height;
    expect(Math.min(at(pos, 'new1').y, at(pos, 'new2').y)).toBeGreaterThan(bottomOfA);
    expect(Math.min(at(pos, 'new1').x, at(pos, 'new2').x)).toBe(0);
    expect(at(pos, 'new2').y).toBeGreaterThan(at(pos, 'new1').y);
  });

  it('lays out a large flow (the faster settings above 400 widgets) with extra links and loops', async () => {
    const base = generateFlow(450);
    const parent = new Map<string, string>();
    for (const w of base.states)
      for (const t of w.transitions) if (t.next !== undefined) parent.set(t.next, w.name);
    const grandparent = (name: string) => parent.get(parent.get(name) ?? '') ?? 'widget_1';
    // wire some free events back to a grandparent (retry loops) and forward to later widgets (shared endings)
    const def: FlowDefinition = {
      ...base,
      states: base.states.map((w, i) => {
        if (i === 0 || i % 6 !== 0) return w;
        const target =
          i % 12 === 0 ? { name: grandparent(w.name) } : (base.states[Math.min(449, i + 25)] as Widget);
        const free = w.transitions.findIndex((t) => t.next === undefined);
        if (free < 0) return w;
        return {
          ...w,
          transitions: w.transitions.map((t, j) => (j === free ? { ...t, next: target.name } : t)),
        };
      }),
    };
    const pos = await autoLayout(def);
    expect(pos.size).toBe(450);
    expect(offGrid(pos)).toEqual([]);
    expect(overlaps(def, pos)).toEqual([]);
    const all = edges(def);
    const upward = all.filter((e) => at(pos, e.to).y <= at(pos, e.from).y);
    expect(upward.length).toBeGreaterThan(0);
    expect(upward.filter((e) => !closesCycle(all, e))).toEqual([]);
  }, 60_000);

  it('returns nothing for an empty selection, and rejects a bad size clearly', async () => {
    const def = flow(FOODNOW);
    expect((await autoLayout(def, { only: new Set() })).size).toBe(0);
    await expect(autoLayout(def, { nodeSize: () => ({ width: 0, height: 10 }) })).rejects.toThrow(
      /Automatic layout failed: nodeSize gave 0×10 for "Trigger"/,
    );
  });
});
