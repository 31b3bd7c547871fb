import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { executionsFixture, fixtureFlow } from '../testing/executions';
import { readExecutionsText } from './read';
import { CSV_COLUMNS, csvCell, summaryToCsv, summaryToJson, summaryToMarkdown } from './report';
import { summarizeExecutions } from './summary';
import type { StepRecord } from './types';

function read(name: string) {
  const r = readExecutionsText(executionsFixture(name));
  if (!r.ok) throw new Error(r.error.message);
  return r;
}

const steps = read('cli-steps.json').steps;
const executions = read('cli-executions.json').executions;
const summary = summarizeExecutions(steps, executions, fixtureFlow('flow-other-revision.json'));

/** RFC 4180 parsing, strict: quoted fields with doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        cell += c;
        i++;
      }
    } else if (c === '"' && cell === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 2;
    } else {
      expect(c, `bare ${JSON.stringify(c)} at ${i}`).not.toMatch(/["\r\n]/);
      cell += c;
      i++;
    }
  }
  expect(cell).toBe('');
  expect(row).toEqual([]);
  return rows;
}

describe('summaryToCsv', () => {
  it('writes one table with the documented columns, every part of the summary', () => {
    const rows = parseCsv(summaryToCsv(summary));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
    const byKind = (kind: string) => rows.filter((r) => r[0] === kind);
    expect(byKind('total')).toEqual([
      ['total', '', '', '', '5', '', '', '', '', '', 'executions'],
      ['total', '', '', '', '5', '', '', '', '', '', 'executions-with-steps'],
      ['total', '', '', '', '22', '', '', '', '', '', 'steps'],
      ['total', '', '', '', '1', '', '', '', '', '', 'active'],
      ['total', '', '', '', '4', '', '', '', '', '', 'ended'],
      ['total', '', '', '', '3', '', '', '', '', '', 'failed'],
      ['total', '', '', '', '4', '', '', '', '', '', 'paths'],
    ]);
    expect(byKind('widget')[0]).toEqual(['widget', 'ask', '', '', '', '', '5', '8', '1', '1', '']);
    expect(byKind('transition')[1]).toEqual([
      'transition',
      'ask',
      'incomingMessage',
      'check',
      '4',
      '3',
      '',
      '',
      '',
      '',
      '',
    ]);
    expect(byKind('path')[0]).toEqual([
      'path',
      '',
      '',
      '',
      '2',
      '',
      '',
      '',
      '',
      '',
      'Trigger > ask > check > confirm > Ended',
    ]);
    expect(byKind('path')[3]?.[10]).toBe('Trigger > ask > reminder > ask');
    expect(byKind('failure')[0]).toEqual(['failure', 'ask', 'timeout', '', '2', '2', '', '', '', '', '']);
    expect(byKind('failure-ending').slice(0, 2)).toEqual([
      ['failure-ending', 'ask', 'timeout', 'ask', '', '1', '', '', '', '', ''],
      ['failure-ending', 'ask', 'timeout', 'confirm', '', '1', '', '', '', '', ''],
    ]);
    expect(byKind('mismatch-widget')).toEqual([
      ['mismatch-widget', 'reminder', '', '', '4', '2', '', '', '', '', ''],
      ['mismatch-widget', 'retry', '', '', '2', '1', '', '', '', '', ''],
    ]);
    expect(byKind('mismatch-transition')[0]).toEqual([
      'mismatch-transition',
      'ask',
      'timeout',
      'reminder',
      '2',
      '2',
      '',
      '',
      '',
      '',
      'in the flow this event leads to nudge',
    ]);
    expect(rows).toHaveLength(1 + 7 + 6 + 9 + 4 + 3 + 4 + 2 + 2);
  });

  it('quotes what RFC 4180 says and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(undefined)).toBe('');
  });

  it('keeps hostile widget and event names in their cells, defused', () => {
    const hostile: StepRecord[] = [
      {
        sid: 'FT1',
        executionSid: 'FN1',
        event: '=cmd|"/c calc"!A1',
        from: 'Trigger',
        to: 'a,"b"\r\nc',
        date: '2024-01-01T00:00:00Z',
      },
      {
        sid: 'FT2',
        executionSid: 'FN1',
        event: '@x',
        from: 'a,"b"\r\nc',
        to: '-2+3',
        date: '2024-01-01T00:00:01Z',
      },
    ];
    const rows = parseCsv(summaryToCsv(summarizeExecutions(hostile)));
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
    const transitions = rows.filter((r) => r[0] === 'transition').map((r) => r.slice(1, 4));
    expect(transitions).toEqual([
      ['Trigger', '\'=cmd|"/c calc"!A1', 'a,"b"\r\nc'],
      ['a,"b"\r\nc', "'@x", "'-2+3"],
    ]);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
  });
});

describe('summaryToMarkdown', () => {
  const GFM = { extensions: [gfm()], htmlExtensions: [gfmHtml()] };
  const render = (md: string) => micromark(md, { allowDangerousHtml: true, ...GFM });

  it('writes the totals and a table per part', () => {
    const md = summaryToMarkdown(summary, { sources: [{ name: 'steps.json', detail: 'Twilio CLI output' }] });
    expect(md).toContain('## Executions summary');
    expect(md).toContain('- `steps.json`: `Twilio CLI output`');
    expect(md).toContain(
      '**5 executions** (1 active, 4 ended), 22 steps, 4 distinct paths, 3 executions with a failure-like event.',
    );
    expect(md).toContain(
      '2 executions did what the flow does not have: they most likely ran on another revision of it.',
    );
    expect(md).toContain('| `ask` | `timeout` | `reminder` | 2 | 2 | leads to `nudge` |');
    expect(md).toContain('| `ask` | 5 | 8 | 1 | 1 |');
    expect(md).toContain('| 1 | 2 | `Trigger` → `ask` → `check` → `confirm` → `Ended` |');
    expect(md).toContain('| `ask` | `timeout` | 2 | 2 | `ask` (1), `confirm` (1) |');
    const html = render(md);
    expect(html.match(/<table>/g)).toHaveLength(6);
    expect(html).toContain('<h3>Failures</h3>');
  });

  it('leaves out the mismatch when the flow has everything, and empty parts', () => {
    const md = summaryToMarkdown(summarizeExecutions(steps, executions, fixtureFlow()));
    expect(md).not.toContain('Not in the flow definition');
    const empty = summaryToMarkdown(summarizeExecutions([]), { title: 'Nothing' });
    expect(empty).toBe(
      '## Nothing\n\n**0 executions**, 0 steps, 0 distinct paths, 0 executions with a failure-like event.\n',
    );
  });

  it('never lets a widget name become markup', () => {
    const evil = '<img src=x onerror=alert(1)>|`**x**`|';
    const hostile: StepRecord[] = [
      {
        sid: 'FT1',
        executionSid: 'FN1',
        event: 'e|vent',
        from: 'Trigger',
        to: evil,
        date: '2024-01-01T00:00:00Z',
      },
      {
        sid: 'FT2',
        executionSid: 'FN1',
        event: 'failed',
        from: evil,
        to: 'Ended',
        date: '2024-01-01T00:00:01Z',
      },
    ];
    const html = render(summaryToMarkdown(summarizeExecutions(hostile)));
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<strong>x');
    const tags = html.match(/<[^>]*>/g) ?? [];
    for (const tag of tags) {
      expect(tag).toMatch(/^<\/?(table|thead|tbody|tr|th|td|code|p|h2|h3|strong)( align="(left|right)")?>$/);
    }
    // Each table row has as many cells as its header.
    for (const table of html.match(/<table>[\s\S]*?<\/table>/g) ?? []) {
      const rows = (table.match(/<tr>[\s\S]*?<\/tr>/g) ?? []).map((tr) => (tr.match(/<t[dh]/g) ?? []).length);
      expect(new Set(rows).size).toBe(1);
    }
  });
});

describe('summaryToJson', () => {
  it('is the summary itself', () => {
    expect(JSON.parse(summaryToJson(summary))).toEqual(summary);
  });
});
