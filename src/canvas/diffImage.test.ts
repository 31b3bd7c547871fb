import { describe, expect, it } from 'vitest';
import { diffFlows } from '../diff';
import type { FlowDefinition, Widget } from '../model/types';
import { corpusFile } from '../testing/corpus';
import { diffPositions, diffToSvg } from './diffImage';
import { DIFF_COLOURS, EDGE_COLOURS } from './diffCards';
import { createDiffMapper } from './diffMapping';
import { MAX_OFFSET } from '../layout/offsets';
import { escapeXml } from './exportImage';
import { assertWellFormed, diffInput } from '../testing/canvas';

function widget(
  name: string,
  type: string,
  transitions: Widget['transitions'],
  x: number,
  y: number,
): Widget {
  return { name, type, transitions, properties: { body: name, offset: { x, y } } };
}

function pair(): { base: FlowDefinition; changed: FlowDefinition } {
  const base: FlowDefinition = {
    initial_state: 'Trigger',
    states: [
      widget('Trigger', 'trigger', [{ event: 'incomingMessage', next: 'hello' }], 0, 0),
      widget('hello', 'send-message', [{ event: 'sent', next: 'bye' }], 0, 200),
      widget('bye', 'send-message', [{ event: 'sent' }], 0, 400),
      widget('gone', 'send-message', [{ event: 'sent', next: 'bye' }], 300, 200),
    ],
  };
  const changed: FlowDefinition = {
    initial_state: 'Trigger',
    states: [
      widget('Trigger', 'trigger', [{ event: 'incomingMessage', next: 'hello' }], 0, 0),
      widget('hello', 'send-message', [{ event: 'sent', next: 'new_one' }], 0, 200),
      { ...widget('bye', 'send-message', [{ event: 'sent' }], 0, 450) },
      widget('new_one', 'send-message', [{ event: 'sent', next: 'bye' }], 300, 300),
    ],
  };
  return { base, changed };
}

describe('diffToSvg', () => {
  it('draws every widget and connection of the union, coloured by change, with a title and a legend', () => {
    const { base, changed } = pair();
    const diff = diffFlows(base, changed);
    const svg = diffToSvg(diff, base, changed, { includeLayout: false, title: 'Revision 3 → Revision 4' });
    assertWellFormed(svg);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="-?\d+ -?\d+ \d+ \d+"/);
    expect(svg.endsWith('</svg>\n')).toBe(true);
    expect(svg).toContain('>Revision 3 → Revision 4</text>');
    expect(svg.match(/<g class="card"/g)?.length).toBe(diff.widgets.length);
    expect(svg.match(/<path class="edge /g)?.length).toBe(diff.edges.length);
    for (const w of diff.widgets) expect(svg).toContain(`<title>${w.id}</title>`);
    // Badges in words.
    expect(svg).toContain('>Added</text>');
    expect(svg).toContain('>Removed</text>');
    // Removed card: faded, dashed, red.
    expect(svg).toMatch(
      new RegExp(
        `<g class="card" transform="[^"]+" opacity="0.62"><title>gone</title><rect [^>]*stroke="${DIFF_COLOURS.removed}" stroke-width="2" stroke-dasharray`,
      ),
    );
    // Edges: the removed hello -> bye is dashed red, the added hello -> new_one green.
    expect(svg).toMatch(
      new RegExp(
        `class="edge edge-removed" d="[^"]+" fill="none" stroke="${EDGE_COLOURS.removed}" stroke-width="2.2" stroke-dasharray="6 4" marker-end="url\\(#arrow-removed\\)"`,
      ),
    );
    expect(svg).toContain(`<title>hello: Sent to new_one (added)</title>`);
    for (const kind of ['added', 'removed', 'changed', 'unchanged'])
      expect(svg).toContain(`id="arrow-${kind}"`);
    // Legend: every kind but Moved without layout.
    for (const label of [
      'Added',
      'Removed',
      'Renamed',
      'Changed',
      'Rewired',
      'Unchanged',
      'Removed connection',
    ]) {
      expect(svg).toContain(`>${label}</text>`);
    }
    expect(svg).not.toContain('>Moved</text>');
  });

  it('lists and badges moves with layout changes', () => {
    const { base, changed } = pair();
    const diff = diffFlows(base, changed);
    const svg = diffToSvg(diff, base, changed, { includeLayout: true });
    expect(svg.match(/>Moved<\/text>/g)?.length).toBe(2); // the legend and `bye`'s badge
    expect(svg).not.toContain('<text class="title"');
    assertWellFormed(svg);
  });

  it('escapes user text, never interpreting it as markup', () => {
    const evil = '<b>"x" & \'y\'</b>';
    const base: FlowDefinition = {
      initial_state: 'Trigger',
      states: [widget('Trigger', 'trigger', [{ event: 'incomingMessage' }], 0, 0)],
    };
    const changed: FlowDefinition = {
      initial_state: 'Trigger',
      states: [
        widget('Trigger', 'trigger', [{ event: 'incomingMessage', next: evil }], 0, 0),
        widget(evil, 'send-message', [{ event: 'sent' }], 0, 200),
      ],
    };
    const diff = diffFlows(base, changed);
    const svg = diffToSvg(diff, base, changed, { includeLayout: false, title: `${evil} title` });
    assertWellFormed(svg);
    expect(svg).not.toContain('<b>');
    expect(svg).toContain(`<title>${escapeXml(evil)}</title>`);
    expect(svg).toContain(`${escapeXml(evil)} title</text>`);
  });

  it('places widgets at given positions (a laid-out union), and lays out a union that needs it', async () => {
    const { base, changed } = pair();
    const diff = diffFlows(base, changed);
    const svg = diffToSvg(diff, base, changed, {
      includeLayout: false,
      positions: new Map([['hello', { x: 1000, y: 2000 }]]),
    });
    expect(svg).toContain('<g class="card" transform="translate(1000 2000)"><title>hello</title>');
    expect(await diffPositions(diff, base, changed)).toBeNull();

    const pile = (def: FlowDefinition): FlowDefinition => ({
      ...def,
      states: def.states.map((s) => ({ ...s, properties: { body: s.name } })),
    });
    const b = pile(base);
    const c = pile(changed);
    const d = diffFlows(b, c);
    const positions = await diffPositions(d, b, c);
    expect(positions && [...positions.keys()].sort()).toEqual(d.widgets.map((w) => w.id).sort());
    const spots = new Set([...(positions?.values() ?? [])].map((p) => `${p.x},${p.y}`));
    expect(spots.size).toBe(d.widgets.length);
  });

  it('draws a corpus flow against an edited copy of itself', () => {
    const base = JSON.parse(corpusFile('real/tm__ca_988camh.json').text) as FlowDefinition;
    const states = base.states.slice();
    const [first, second] = [states[1], states[2]];
    if (!first || !second) throw new Error('corpus flow too small');
    states[1] = { ...first, name: `${first.name}_renamed` };
    states.splice(2, 1);
    const changed: FlowDefinition = { ...base, states };
    const input = diffInput(base, changed);
    const svg = diffToSvg(input.diff, base, changed, { includeLayout: false, title: 'a → b' });
    assertWellFormed(svg);
    const { nodes, edges } = createDiffMapper()(input);
    expect(svg.match(/<g class="card"/g)?.length).toBe(nodes.length);
    expect(svg.match(/<path class="edge /g)?.length).toBe(edges.length);
    expect(svg).toContain('>Removed</text>');
  });
});

describe('diffToSvg with positions no canvas can draw', () => {
  /** `pair()` with offsets as JSON.parse reads them from a file: 1e400 is Infinity, "100" a string. */
  function hostilePair(): { base: FlowDefinition; changed: FlowDefinition } {
    const { base, changed } = pair();
    const rewrite = (def: FlowDefinition) =>
      JSON.parse(
        JSON.stringify(def)
          .replace('"offset":{"x":0,"y":0}', '"offset":{"x":1e308,"y":-1e308}')
          .replace('"offset":{"x":0,"y":200}', '"offset":{"x":-1e308,"y":1e308}')
          .replace('"offset":{"x":0,"y":450}', '"offset":{"x":1e400,"y":-1e400}')
          .replace('"offset":{"x":300,"y":300}', '"offset":{"x":"100","y":"100"}'),
      ) as FlowDefinition;
    return { base: rewrite(base), changed: rewrite(changed) };
  }

  function viewBoxOf(svg: string): number[] {
    const match = /^<svg [^>]*viewBox="([^"]*)" width="([^"]*)" height="([^"]*)"/.exec(svg);
    if (!match) throw new Error('no viewBox');
    const box = (match[1] ?? '').split(' ').map(Number);
    expect([Number(match[2]), Number(match[3])]).toEqual([box[2], box[3]]);
    return box;
  }

  it('has a finite viewBox and size, with every widget of the union named', () => {
    const { base, changed } = hostilePair();
    const before = structuredClone([base, changed]);
    const diff = diffFlows(base, changed);
    const svg = diffToSvg(diff, base, changed, { includeLayout: true, title: 'hostile' });
    const box = viewBoxOf(svg);
    expect(box).toHaveLength(4);
    for (const v of box) expect(Number.isFinite(v)).toBe(true);
    expect(box[2]).toBeGreaterThan(2 * MAX_OFFSET);
    expect(svg).not.toMatch(/NaN|Infinity|e\+|e-\d/);
    for (const w of diff.widgets)
      expect(svg).toContain(`<title>${escapeXml(w.changedName ?? w.baseName ?? w.id)}</title>`);
    assertWellFormed(svg);
    expect([base, changed]).toEqual(before);
  });

  it('lays out a union with missing offsets near the origin, not at a Trigger that is out of range', async () => {
    const { base, changed } = hostilePair();
    const diff = diffFlows(base, changed);
    const positions = await diffPositions(diff, base, changed);
    expect(positions).not.toBeNull();
    for (const p of positions?.values() ?? []) {
      expect(Math.abs(p.x)).toBeLessThan(10_000);
      expect(Math.abs(p.y)).toBeLessThan(10_000);
    }
    const svg = diffToSvg(diff, base, changed, { includeLayout: false, positions });
    const box = viewBoxOf(svg);
    for (const v of box) expect(Math.abs(v)).toBeLessThan(10_000);
  });
});
