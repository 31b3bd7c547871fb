import { describe, expect, it } from 'vitest';
import {
  addWidget,
  connect,
  moveWidgets,
  removeWidgets,
  renameWidget,
  setDefinitionFields,
  setWidgetProperty,
} from '../model/commands';
import type { FlowDefinition, Widget } from '../model/types';
import { corpusFile } from '../testing/corpus';
import { diffFlows, diffToMarkdown, diffToReport, inlineCode, MAX_VALUE_LENGTH } from './index';

const apaleo = JSON.parse(corpusFile('real/apaleo__studio_flow.json').text) as FlowDefinition;

function edited(): FlowDefinition {
  const r = renameWidget(apaleo, 'connect_with_agent', 'agent_handoff');
  if (!r.ok) throw new Error(r.reason);
  let def = setWidgetProperty(r.def, 'agent_handoff', 'body', 'Connecting…');
  def = setWidgetProperty(def, 'greeting', 'timeout', '60');
  def = connect(def, 'apaleo_conn_fail', 'sent', 'send_to_flex');
  def = removeWidgets(def, ['split_cancel']).def;
  def = moveWidgets(def, new Map([['send_to_flex', { x: 0, y: 0 }]]));
  def = setDefinitionFields(def, { description: 'Hotel bot' });
  return addWidget(def, {
    type: 'say-play',
    name: 'hold_music',
    properties: { play: 'https://example.com/music.mp3' },
    events: ['audioComplete'],
    offset: { x: 5, y: 5 },
  });
}

/** The cells of a Markdown table row (splitting on unescaped pipes only). */
function cells(row: string): string[] {
  return row
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((c) => c.trim());
}

describe('diffToMarkdown', () => {
  it('summarizes a pull request: totals, flow settings, one section per kind', () => {
    const md = diffToMarkdown(diffFlows(apaleo, edited()), { baseLabel: 'main', changedLabel: 'feature' });
    const lines = md.split('\n');
    expect(lines[0]).toBe('## Flow changes: `main` → `feature`');
    expect(md).toContain('**1 added, 1 removed, 1 renamed, 2 changed, 2 rewired, 1 flow setting changed**');
    expect(md).toContain('### Flow settings');
    expect(md).toContain('| `/description` | `"A New Flow"` | `"Hotel bot"` |');
    expect(md).toContain('### Added (1)\n\n- `hold_music` (`say-play`)');
    expect(md).toContain('### Removed (1)\n\n- `split_cancel` (`split-based-on`)');
    expect(md).toContain('### Renamed (1)\n\n- `connect_with_agent` → `agent_handoff` (`send-message`)');
    expect(md).toContain('### Changed (2)');
    expect(md).toContain('**`greeting` (`send-and-wait-for-reply`)**');
    expect(md).toContain('| `/properties/timeout` | `"3600"` | `"60"` |');
    expect(md).toContain('**`agent_handoff` (was `connect_with_agent`) (`send-message`)**');
    expect(md).toContain('### Rewired (2)');
    // targets are named as in their version
    expect(md).toContain(
      '- `apaleo_conn_fail` (`send-message`)\n  - `sent`: `connect_with_agent` → `send_to_flex`',
    );
    // cancel_reservation_confirm lost the link to the removed split
    expect(md).toContain('  - `incomingMessage`: `split_cancel` → (none)');
    // layout is hidden by default
    expect(md).not.toContain('Moved');
    expect(md).not.toContain('offset');
    expect(md.endsWith('\n')).toBe(true);
  });

  it('shows moves and their offsets when asked', () => {
    const md = diffToMarkdown(diffFlows(apaleo, edited()), { includeLayout: true });
    expect(md.split('\n')[0]).toBe('## Flow changes');
    expect(md).toContain(', 1 moved,');
    expect(md).toContain('### Moved (1)\n\n- `send_to_flex`: `(780, 3120)` → `(0, 0)`');
  });

  it('says when nothing, or only layout, changed', () => {
    expect(diffToMarkdown(diffFlows(apaleo, apaleo))).toBe('## Flow changes\n\nNo changes.\n');
    const moved = moveWidgets(
      apaleo,
      new Map([
        ['greeting', { x: 1, y: 1 }],
        ['send_to_flex', { x: 2, y: 2 }],
      ]),
    );
    const d = diffFlows(apaleo, moved);
    expect(diffToMarkdown(d)).toBe('## Flow changes\n\nOnly layout changes (2 widgets moved).\n');
    expect(diffToMarkdown(d, { includeLayout: true })).toContain('**2 moved**');
  });

  it('lists condition edits with what changed', () => {
    const w = structuredClone(apaleo.states.find((s) => s.name === 'split_booking_1')) as Widget;
    const cond = w.transitions[1]?.conditions?.[0] as { value: string; friendly_name: string };
    cond.value = 'human';
    cond.friendly_name = 'If value equal_to human';
    const def = { ...apaleo, states: apaleo.states.map((s) => (s.name === w.name ? w : s)) };
    const md = diffToMarkdown(diffFlows(apaleo, def));
    expect(md).toContain(
      '  - condition `If value equal_to human`: conditions changed (`/conditions/0/friendly_name` `"If value equal_to agent"` → `"If value equal_to human"`; `/conditions/0/value` `"agent"` → `"human"`)',
    );
  });

  it('escapes pipes and backticks so that tables never break, and truncates long values', () => {
    const long = 'x'.repeat(200);
    let def = setWidgetProperty(apaleo, 'greeting', 'body', 'Reply `1` | or `2`');
    def = setWidgetProperty(def, 'greeting', 'timeout', long);
    const md = diffToMarkdown(diffFlows(apaleo, def));
    const rows = md.split('\n').filter((l) => l.startsWith('| `/properties'));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(cells(row)).toHaveLength(3);
    const body = rows.find((r) => r.includes('body')) ?? '';
    expect(cells(body)[2]).toBe('``"Reply `1` \\| or `2`"``');
    const timeout = rows.find((r) => r.includes('timeout')) ?? '';
    const after = cells(timeout)[2] ?? '';
    expect(after).toBe('`' + `"${'x'.repeat(MAX_VALUE_LENGTH - 2)}…` + '`');
  });

  it('writes user-provided names as code, whatever they contain', () => {
    const def = structuredClone(apaleo);
    const w = def.states.find((s) => s.name === 'greeting') as Widget;
    w.properties.body = 'changed';
    const evil = 'a|b `c` *d* <script>';
    for (const s of def.states) for (const t of s.transitions) if (t.next === 'greeting') t.next = evil;
    w.name = evil;
    const md = diffToMarkdown(diffFlows(apaleo, def));
    expect(md).toContain('- `greeting` → ``a|b `c` *d* <script>`` (`send-and-wait-for-reply`)');
    expect(md).toContain('**``a|b `c` *d* <script>`` (was `greeting`) (`send-and-wait-for-reply`)**');
    // outside code spans, nothing of the name is left
    const outside = md.replace(/(`+)[^`](?:.*?[^`])?\1(?!`)/g, '');
    expect(outside).not.toContain('<script>');
    expect(outside).not.toContain('*d*');
  });

  it('makes inline code of anything', () => {
    expect(inlineCode('plain')).toBe('`plain`');
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('`edge`')).toBe('`` `edge` ``');
    expect(inlineCode('two\nlines')).toBe('`two lines`');
    expect(inlineCode('a|b', true)).toBe('`a\\|b`');
    expect(inlineCode('')).toBe('` `');
    // CommonMark strips one space from each end unless the content is all spaces
    expect(inlineCode(' a ')).toBe('`  a  `');
    expect(inlineCode('   ')).toBe('`   `');
    expect(inlineCode('nul\0')).toBe('`nul\uFFFD`');
  });

  it('never lets a user backslash pair with the backslash that escapes a pipe in a table', () => {
    // micromark reads `\\|` as an escaped backslash then a cell delimiter; an invisible word joiner keeps them apart
    expect(inlineCode('a\\|b', true)).toBe('`a\\\u2060\\|b`');
    expect(inlineCode('a\\\\|b', true)).toBe('`a\\\\\u2060\\|b`');
    expect(inlineCode('a\\|b')).toBe('`a\\|b`');
    expect(inlineCode('a\\b|', true)).toBe('`a\\b\\|`');
  });
});

describe('diffToReport', () => {
  it('lists every change with its kinds, both names and its paths', () => {
    const report = diffToReport(diffFlows(apaleo, edited()));
    expect(report.summary.counts).toMatchObject({ added: 1, removed: 1, renamed: 1, changed: 1, rewired: 2 });
    expect(report.summary.counts.moved).toBe(0);
    expect(report.flow).toEqual([{ path: '/description', before: 'A New Flow', after: 'Hotel bot' }]);
    expect(report.renames).toEqual([{ from: 'connect_with_agent', to: 'agent_handoff' }]);
    const renamed = report.changes.find((c) => c.widget.changed === 'agent_handoff');
    expect(renamed).toEqual({
      kind: 'renamed',
      kinds: ['renamed', 'changed'],
      widget: { base: 'connect_with_agent', changed: 'agent_handoff' },
      type: 'send-message',
      paths: [
        {
          path: '/properties/body',
          before: 'We will now connect you with an available agent.',
          after: 'Connecting…',
        },
      ],
      transitions: [],
    });
    expect(report.changes.find((c) => c.kind === 'removed')?.widget).toEqual({ base: 'split_cancel' });
    expect(report.changes.find((c) => c.kind === 'added')?.widget).toEqual({ changed: 'hold_music' });
    // the widget that only moved is not a change without layout
    expect(report.changes.some((c) => c.widget.changed === 'send_to_flex')).toBe(false);
    expect(report.changes.every((c) => c.offset === undefined)).toBe(true);
    expect(report.changes).toHaveLength(6);
  });

  it('includes layout and unchanged widgets when asked', () => {
    const d = diffFlows(apaleo, edited());
    const withLayout = diffToReport(d, { includeLayout: true });
    const moved = withLayout.changes.find((c) => c.widget.changed === 'send_to_flex');
    expect(moved).toMatchObject({ kind: 'moved', kinds: ['moved'], offset: { after: { x: 0, y: 0 } } });
    expect(withLayout.summary.counts.moved).toBe(1);
    const all = diffToReport(d, { includeUnchanged: true });
    expect(all.changes).toHaveLength(d.widgets.length);
    expect(all.changes.find((c) => c.widget.changed === 'send_to_flex')?.kind).toBe('unchanged');
  });

  it('is plain JSON', () => {
    const report = diffToReport(diffFlows(apaleo, edited()));
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
