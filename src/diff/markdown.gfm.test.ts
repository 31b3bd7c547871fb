/**
 * The Markdown summary rendered by a real GFM renderer (micromark + its GFM extensions, ESM-only, which Vitest loads
 * as is), with raw HTML passed through as github.com does before sanitising: whatever user text a diff holds, the
 * output must contain only the elements the summary itself writes, and each code span must show the user text.
 */
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { setWidgetProperty } from '../model/commands';
import type { FlowDefinition, JsonValue } from '../model/types';
import { corpusFile } from '../testing/corpus';
import { diffFlows } from './diff';
import { diffToMarkdown, MAX_VALUE_LENGTH, type DiffMarkdownOptions } from './markdown';
import type { FlowDiff, TransitionChange, ValueChange, WidgetChangeKind, WidgetDiff } from './types';

const apaleo = JSON.parse(corpusFile('real/apaleo__studio_flow.json').text) as FlowDefinition;

const GFM = { extensions: [gfm()], htmlExtensions: [gfmHtml()] };

function render(md: string): string {
  // allowDangerousHtml: raw HTML is kept, so that anything that escaped a code span shows up as an element
  return micromark(md, { allowDangerousHtml: true, ...GFM });
}

/** Every element diffToMarkdown writes; never with attributes (no table column is aligned). */
const SUMMARY_TAGS = /^<\/?(table|thead|tbody|tr|th|td|code|p|h2|h3|ul|li|strong)>$/;

function decodeHtml(text: string): string {
  return text.replace(
    /&(quot|lt|gt|amp);/g,
    (_, e: string) => ({ quot: '"', lt: '<', gt: '>', amp: '&' })[e] ?? '',
  );
}

interface Rendered {
  html: string;
  /** Every `<…>` of the HTML: micromark encodes `<` in text, so each one is an element it wrote or raw HTML. */
  tags: string[];
  /** Cells of each table row. */
  rows: string[][];
  /** The text of each code span, decoded, with the documented word joiner (see inlineCode) taken out. */
  codes: string[];
  /** The text outside code spans and tags. */
  outside: string;
}

function analyse(md: string): Rendered {
  const html = render(md);
  const tags = html.match(/<[^>]*>?/g) ?? [];
  const rows = (html.match(/<tr>[\s\S]*?<\/tr>/g) ?? []).map((tr) =>
    [...tr.matchAll(/<t[dh]>([\s\S]*?)<\/t[dh]>/g)].map((m) => m[1] ?? ''),
  );
  const codes = [...html.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) =>
    decodeHtml(m[1] ?? '').replaceAll('\\\u2060|', '\\|'),
  );
  const outside = decodeHtml(html.replace(/<code>[\s\S]*?<\/code>/g, '').replace(/<[^>]*>/g, ''));
  return { html, tags, rows, codes, outside };
}

/** What a code span shows for `text` (the flattening rules documented in markdown.ts). */
function shown(text: string): string {
  const t = text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ').replace(/\0/g, '\uFFFD');
  return t === '' ? ' ' : t;
}

/** What a code span shows for a value: its JSON, cut at MAX_VALUE_LENGTH without splitting a surrogate pair. */
function shownValue(v: JsonValue): string {
  const json = JSON.stringify(v);
  if (json.length <= MAX_VALUE_LENGTH) return shown(json);
  let cut = MAX_VALUE_LENGTH - 1;
  const code = json.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return shown(`${json.slice(0, cut)}…`);
}

/** A table cell: a header, a dash for an absent value, or exactly one code span. */
const CELL = /^(path|before|after|—|<code>[^<]*<\/code>)$/;

/** The text the summary writes around code spans (headings, totals, arrows, parentheses). */
const OWN_WORDS = /^[A-Za-z0-9 ,:;()→—.\n]*$/;

/** The structural checks every summary must pass. */
function expectWellFormed(r: Rendered): void {
  for (const tag of r.tags) expect(tag, r.html).toMatch(SUMMARY_TAGS);
  expect(r.html).not.toContain('<a');
  for (const row of r.rows) {
    expect(row, r.html).toHaveLength(3);
    // a data cell is one code span or a dash: nothing of the user text around it
    for (const cell of row) expect(cell, r.html).toMatch(CELL);
  }
}

describe('diffToMarkdown rendered as GitHub-flavoured Markdown', () => {
  it.each([
    ['\\|<img src=x onerror=alert(1)>', '<img'],
    ['\\|[x](javascript:alert(1))', 'javascript'],
    ['a\\\\\\|b\\|`c`|<b>x\\', '<b>'],
  ])('keeps a property key %j inside its code span and cell', (key, payload) => {
    const def = setWidgetProperty(apaleo, 'greeting', key, '<i>v</i> \\|');
    const r = analyse(diffToMarkdown(diffFlows(apaleo, def)));
    expectWellFormed(r);
    expect(r.outside).not.toContain(payload);
    expect(r.codes).toContain(`/properties/${key}`);
    expect(r.codes).toContain('"<i>v</i> \\\\|"');
    const row = r.rows.find((cells) => cells[0]?.includes('/properties/'));
    expect(row?.[1]).toBe('—');
  });

  it('keeps names, events and labels with the same payloads inside code spans', () => {
    const evil = 'x\\|<img src=x onerror=alert(1)> [y](javascript:alert(1)) ` **z** ';
    const diff: FlowDiff = {
      widgets: [
        {
          id: evil,
          kind: 'renamed',
          kinds: ['renamed', 'changed', 'rewired'],
          type: evil,
          baseName: `${evil}old`,
          changedName: evil,
          properties: [{ path: `/properties/${evil}`, before: evil, after: { [evil]: evil } }],
          transitions: [
            { key: evil, event: evil, kind: 'retargeted', beforeNext: evil, afterNext: `${evil}2` },
            {
              key: `match:${evil}`,
              event: 'match',
              kind: 'conditions',
              beforeNext: evil,
              afterNext: evil,
              label: evil,
              conditions: [{ path: `/conditions/0/${evil}`, before: evil, after: evil }],
            },
          ],
        },
      ],
      edges: [],
      flow: [{ path: `/${evil}`, after: evil }],
      renames: [],
      summary: emptySummary(),
    };
    const r = analyse(diffToMarkdown(diff, { baseLabel: evil, changedLabel: evil }));
    expectWellFormed(r);
    expect(r.codes).toContain(evil);
    expect(r.codes).toContain(`/properties/${evil}`);
    expect(r.codes).toContain(`/conditions/0/${evil}`);
    expect(r.outside).toMatch(OWN_WORDS);
  });

  it('shows leading and trailing spaces, all-space text and backticks exactly', () => {
    for (const text of [' a ', '  a  ', ' a', 'a ', ' ', '   ', '`', '``a`', ' ` ', '\\', 'a\\', '\\`']) {
      const diff = changedWidgets([text], [{ path: `/${text}`, before: text }]);
      const r = analyse(diffToMarkdown(diff));
      expectWellFormed(r);
      expect(r.codes).toContain(shown(text));
      expect(r.codes).toContain(shown(`/${text}`));
      expect(r.codes).toContain(shownValue(text));
    }
  });

  it('renders a few hundred generated diffs: only its own elements, every cell in place, every text intact', () => {
    const random = mulberry32(20240611);
    for (let n = 0; n < 400; n++) {
      const { diff, options, texts, tableRows } = generate(random);
      const md = diffToMarkdown(diff, options);
      const r = analyse(md);
      // collected, then asserted once per case: building a message per check would dominate the run time
      const problems: string[] = [];
      for (const tag of r.tags) if (!SUMMARY_TAGS.test(tag)) problems.push(`element ${tag}`);
      if (r.html.includes('<a')) problems.push('a link');
      if (r.rows.length !== tableRows) problems.push(`${r.rows.length} table rows, expected ${tableRows}`);
      for (const row of r.rows) {
        if (row.length !== 3) problems.push(`a row of ${row.length} cells`);
        for (const cell of row) if (!CELL.test(cell)) problems.push(`cell ${cell}`);
      }
      // Parser-independent: no pipe in a row is preceded by two backslashes, so cmark-gfm (never splits after a
      // backslash) and micromark (never splits after an odd run) split every row at the same pipes.
      for (const line of md.split('\n'))
        if (line.startsWith('|') && /\\\\\|/.test(line)) problems.push(`\\\\| in ${line}`);
      // every code span shows one of the user texts, and every user text is shown
      const expected = new Set(texts);
      for (const code of r.codes)
        if (!expected.has(code)) problems.push(`unexpected code ${JSON.stringify(code)}`);
      const codes = new Set(r.codes);
      for (const text of texts) if (!codes.has(text)) problems.push(`missing code ${JSON.stringify(text)}`);
      // nothing of the user text outside code spans: only the summary's own words
      if (!OWN_WORDS.test(r.outside)) problems.push(`text outside code spans: ${JSON.stringify(r.outside)}`);
      if (problems.length > 0) expect.fail(`case ${n}: ${problems.join('\n')}\n\n${md}\n${r.html}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Generated diffs

/** Small, seedable PRNG (mulberry32): the same cases on every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '\\',
  '\\',
  '|',
  '|',
  '`',
  '``',
  '<',
  '>',
  '[',
  ']',
  '(',
  ')',
  '*',
  '_',
  '\n',
  '\r\n',
  '&',
  ' ',
  ' ',
  'é',
  '😀',
  '漢字',
  '\u2028',
  '\t',
  'a',
  'b',
  'x',
  '~',
  '#',
  '!',
  '&amp;',
  '&#124;',
  '\\|',
  '\\\\|',
  '<img src=x onerror=alert(1)>',
  '<script>',
  '](javascript:alert(1))',
  '[x](javascript:alert(1))',
  'https://example.com',
  'www.example.com',
  'a@b.co',
  '**',
  '~~',
  '[^1]',
  '<!--',
];

function emptySummary(): FlowDiff['summary'] {
  const counts = { added: 0, removed: 0, renamed: 0, changed: 0, rewired: 0, moved: 0, unchanged: 0 };
  return { counts, flowChanges: 0, identicalButLayout: false, identical: false };
}

/** One changed widget per name, with these property changes (for the small targeted cases). */
function changedWidgets(names: string[], properties: ValueChange[]): FlowDiff {
  return {
    widgets: names.map((name) => ({
      id: name,
      kind: 'changed',
      kinds: ['changed'],
      type: name,
      baseName: name,
      changedName: name,
      properties,
      transitions: [],
    })),
    edges: [],
    flow: [],
    renames: [],
    summary: emptySummary(),
  };
}

interface Generated {
  diff: FlowDiff;
  options: DiffMarkdownOptions;
  /** Every user text the summary shows, as its code span should show it. */
  texts: string[];
  /** Table rows expected, header rows included. */
  tableRows: number;
}

function generate(random: () => number): Generated {
  const int = (n: number): number => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  const text = (): string => {
    const r = random();
    if (r < 0.04) return '';
    if (r < 0.08) return ' '.repeat(1 + int(3));
    let s = '';
    for (let i = 1 + int(8); i > 0; i--) s += pick(PIECES);
    if (random() < 0.2) s = ` ${s}`;
    if (random() < 0.2) s = `${s} `;
    return s;
  };
  const jsonValue = (depth = 0): JsonValue => {
    const r = random();
    if (r < 0.5 || depth > 1) return text();
    if (r < 0.6) return int(1000) - 500;
    if (r < 0.65) return random() < 0.5;
    if (r < 0.7) return null;
    if (r < 0.85) return [jsonValue(depth + 1), jsonValue(depth + 1)];
    return { [text()]: jsonValue(depth + 1) };
  };
  const pointer = (prefix: string): string => `${prefix}/${text().replace(/~/g, '~0').replace(/\//g, '~1')}`;

  const texts: string[] = [];
  const show = (t: string): void => void texts.push(shown(t));
  let tableRows = 0;
  const changes = (prefix: string): ValueChange[] => {
    const list: ValueChange[] = [];
    for (let i = 1 + int(3); i > 0; i--) {
      const c: ValueChange = { path: pointer(prefix) };
      const shape = int(3);
      if (shape !== 1) c.before = jsonValue();
      if (shape !== 0) c.after = jsonValue();
      list.push(c);
    }
    return list;
  };
  const showChanges = (list: ValueChange[]): void => {
    for (const c of list) {
      show(c.path);
      if (c.before !== undefined) texts.push(shownValue(c.before));
      if (c.after !== undefined) texts.push(shownValue(c.after));
    }
  };

  const includeLayout = random() < 0.5;
  const options: DiffMarkdownOptions = { includeLayout };
  if (random() < 0.5) {
    options.baseLabel = text();
    options.changedLabel = text();
    show(options.baseLabel);
    show(options.changedLabel);
  }

  const widgets: WidgetDiff[] = [];
  const shapes: WidgetChangeKind[][] = [
    ['added'],
    ['removed'],
    ['renamed'],
    ['changed'],
    ['rewired'],
    ['moved'],
    ['renamed', 'changed'],
    ['changed', 'rewired', 'moved'],
    ['renamed', 'rewired'],
  ];
  for (let i = 1 + int(4); i > 0; i--) {
    const kinds = pick(shapes);
    const kind = kinds[0] ?? 'changed';
    const name = text();
    const type = text();
    const w: WidgetDiff = { id: name, kind, kinds, type, properties: [], transitions: [] };
    if (kind !== 'added') w.baseName = kinds.includes('renamed') ? text() : name;
    if (kind !== 'removed') w.changedName = name;
    // the Moved section names the widget without its type
    if (kinds.some((k) => k !== 'moved' || includeLayout)) show(name);
    if (kinds.some((k) => k !== 'moved')) show(type);
    if (kinds.includes('renamed')) show(w.baseName ?? '');
    if (kinds.includes('changed')) {
      w.properties = changes('/properties');
      showChanges(w.properties);
      tableRows += 1 + w.properties.length;
    }
    if (kinds.includes('rewired')) {
      for (let j = 1 + int(3); j > 0; j--) {
        const match = random() < 0.4;
        const t: TransitionChange = {
          key: match ? `match:${text()}` : text(),
          event: match ? 'match' : text(),
          kind: pick(['added', 'removed', 'retargeted', 'conditions'] as const),
        };
        if (random() < 0.8) t.beforeNext = text();
        if (random() < 0.8) t.afterNext = text();
        if (match && random() < 0.7) t.label = text();
        if (match && random() < 0.6) t.conditions = changes('/conditions/0');
        w.transitions.push(t);
        show(!match ? t.event : (t.label ?? t.key));
        if (!(t.kind === 'conditions' && t.beforeNext === t.afterNext)) {
          if (t.beforeNext !== undefined) show(t.beforeNext);
          if (t.afterNext !== undefined) show(t.afterNext);
        }
        if (t.conditions !== undefined) showChanges(t.conditions.slice(0, 3));
      }
    }
    if (kinds.includes('moved')) {
      const coordinate = (): number => pick([0, -1, 1e308, -1e-7, 0.5, int(2000)]);
      w.offset = {
        before: { x: coordinate(), y: coordinate() },
        after: { x: coordinate(), y: coordinate() },
      };
      if (includeLayout)
        for (const o of [w.offset.before, w.offset.after])
          if (o !== undefined) show(`(${String(o.x)}, ${String(o.y)})`);
    }
    widgets.push(w);
  }
  const flow = random() < 0.5 ? changes('') : [];
  showChanges(flow);
  if (flow.length > 0) tableRows += 1 + flow.length;

  return {
    diff: { widgets, edges: [], flow, renames: [], summary: emptySummary() },
    options,
    texts,
    tableRows,
  };
}
