/**
 * An executions summary written out: CSV (one table, for a spreadsheet), GitHub-flavoured Markdown (for a ticket
 * or a pull request) and JSON (for scripts).
 *
 * Everything in a summary that names something (widgets, events) comes from the steps, i.e. from whoever could
 * trigger the flow or edit it: in Markdown it is written as inline code (never markup), in CSV a text cell that a
 * spreadsheet would run as a formula is defused.
 *
 * Pure TypeScript: no DOM, no Node built-ins.
 */

import { inlineCode } from '../model/markdown';
import type { ExecutionsSummary } from './summary';
import { END_OF_FLOW } from './types';

/**
 * The CSV columns, in order. Every row has all of them; a cell that does not apply to its kind is empty.
 *
 * | kind | widget | event | to | count | executions | reached, visits, ended, waiting | detail |
 * |---|---|---|---|---|---|---|---|
 * | `total` | | | | the total | | | its name: executions, executions-with-steps, steps, active, ended, failed, paths |
 * | `widget` | the widget | | | | | its counts | |
 * | `transition` | from | event | to | times taken | executions that took it | | |
 * | `path` | | | | executions that took it | | | the widgets, ` > `-separated (` > Ended` when it reached the end) |
 * | `failure` | widget left | failure-like event | | times | executions | | |
 * | `failure-ending` | widget left | failure-like event | where those executions ended | | executions | | |
 * | `mismatch-widget` | the widget the flow lacks | | | steps naming it | executions | | |
 * | `mismatch-transition` | from | event | to | times taken | executions | | why: no such event, or where the flow's event leads |
 */
export const CSV_COLUMNS = [
  'kind',
  'widget',
  'event',
  'to',
  'count',
  'executions',
  'reached',
  'visits',
  'ended',
  'waiting',
  'detail',
] as const;

type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], string | number>>;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled. A text cell
 * starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'` so that a spreadsheet shows it
 * instead of running it as a formula (CSV injection); numbers are written as they are.
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The widgets of a path as one cell or line: `Trigger > ask > Ended`. */
function pathText(widgets: readonly string[], reachedEnd: boolean): string {
  return [...widgets, ...(reachedEnd ? [END_OF_FLOW] : [])].join(' > ');
}

function missingDetail(reason: 'no-event' | 'other-target', expected: string | null | undefined): string {
  if (reason === 'no-event') return 'the widget has no such event';
  return expected === null || expected === undefined
    ? 'in the flow this event ends the execution'
    : `in the flow this event leads to ${expected}`;
}

/** The summary as one CSV table (RFC 4180, CRLF line ends, a header row); see {@link CSV_COLUMNS}. */
export function summaryToCsv(summary: ExecutionsSummary): string {
  const rows: CsvRow[] = [];
  const t = summary.totals;
  const totals: [string, number][] = [
    ['executions', t.executions],
    ['executions-with-steps', t.withSteps],
    ['steps', t.steps],
    ['active', t.active],
    ['ended', t.ended],
    ['failed', t.failed],
    ['paths', t.paths],
  ];
  for (const [name, count] of totals) rows.push({ kind: 'total', count, detail: name });
  for (const w of summary.widgets) {
    rows.push({
      kind: 'widget',
      widget: w.widget,
      reached: w.reached,
      visits: w.visits,
      ended: w.ended,
      waiting: w.waiting,
    });
  }
  for (const tr of summary.transitions) {
    rows.push({
      kind: 'transition',
      widget: tr.from,
      event: tr.event,
      to: tr.to,
      count: tr.count,
      executions: tr.executions,
    });
  }
  for (const p of summary.paths) {
    rows.push({ kind: 'path', count: p.count, detail: pathText(p.widgets, p.reachedEnd) });
  }
  for (const f of summary.failures) {
    rows.push({
      kind: 'failure',
      widget: f.widget,
      event: f.event,
      count: f.count,
      executions: f.executions,
    });
    for (const e of f.endings) {
      rows.push({
        kind: 'failure-ending',
        widget: f.widget,
        event: f.event,
        to: e.widget,
        executions: e.executions,
      });
    }
  }
  const m = summary.mismatch;
  if (m) {
    for (const w of m.missingWidgets) {
      rows.push({ kind: 'mismatch-widget', widget: w.widget, count: w.steps, executions: w.executions });
    }
    for (const tr of m.missingTransitions) {
      rows.push({
        kind: 'mismatch-transition',
        widget: tr.from,
        event: tr.event,
        to: tr.to,
        count: tr.count,
        executions: tr.executions,
        detail: missingDetail(tr.reason, tr.expected),
      });
    }
  }
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) lines.push(CSV_COLUMNS.map((c) => csvCell(row[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** The summary as pretty-printed JSON: the {@link ExecutionsSummary} itself. */
export function summaryToJson(summary: ExecutionsSummary): string {
  return JSON.stringify(summary, null, 2);
}

export interface SummaryMarkdownOptions {
  /** The heading (default "Executions summary"). */
  title?: string;
  /** Lines said under the heading, e.g. which files were read (written as text, user parts as code). */
  sources?: readonly { name: string; detail: string }[];
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

const code = (text: string) => inlineCode(text, true);

function table(
  header: readonly string[],
  align: readonly ('l' | 'r')[],
  rows: readonly string[][],
): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${align.map((a) => (a === 'r' ? '---:' : ':---')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

/** The summary as GitHub-flavoured Markdown: totals, then one table per part (parts with no rows left out). */
export function summaryToMarkdown(summary: ExecutionsSummary, options: SummaryMarkdownOptions = {}): string {
  const t = summary.totals;
  const lines: string[] = [`## ${options.title ?? 'Executions summary'}`, ''];
  for (const s of options.sources ?? []) lines.push(`- ${inlineCode(s.name)}: ${inlineCode(s.detail)}`);
  if ((options.sources ?? []).length > 0) lines.push('');
  const status = [
    t.active > 0 ? `${t.active.toLocaleString('en-US')} active` : '',
    t.ended > 0 ? `${t.ended.toLocaleString('en-US')} ended` : '',
  ].filter((s) => s !== '');
  lines.push(
    `**${plural(t.executions, 'execution')}**${status.length > 0 ? ` (${status.join(', ')})` : ''}, ` +
      `${plural(t.steps, 'step')}, ${plural(t.paths, 'distinct path')}, ` +
      `${plural(t.failed, 'execution')} with a failure-like event.`,
  );
  if (t.withSteps < t.executions) {
    lines.push('', `${plural(t.executions - t.withSteps, 'execution')} without steps in the input.`);
  }

  const m = summary.mismatch;
  if (m && (m.likelyOtherRevision || m.likelyOtherFlow)) {
    lines.push(
      '',
      '### Not in the flow definition',
      '',
      m.likelyOtherFlow
        ? 'None of the widgets these executions entered is in the flow: the steps are most likely of another flow.'
        : `${plural(m.executions, 'execution')} did what the flow does not have: ` +
            `${m.executions === 1 ? 'it' : 'they'} most likely ran on another revision of it.`,
    );
    if (m.otherInitial > 0) {
      lines.push('', `${plural(m.otherInitial, 'execution')} did not start at the flow’s initial widget.`);
    }
    if (m.missingWidgets.length > 0) {
      lines.push(
        '',
        ...table(
          ['Widget not in the flow', 'Steps', 'Executions'],
          ['l', 'r', 'r'],
          m.missingWidgets.map((w) => [code(w.widget), String(w.steps), String(w.executions)]),
        ),
      );
    }
    if (m.missingTransitions.length > 0) {
      lines.push(
        '',
        ...table(
          ['From', 'Event', 'To', 'Times', 'Executions', 'In the flow'],
          ['l', 'l', 'l', 'r', 'r', 'l'],
          m.missingTransitions.map((tr) => [
            code(tr.from),
            code(tr.event),
            code(tr.to),
            String(tr.count),
            String(tr.executions),
            tr.reason === 'no-event'
              ? 'no such event'
              : tr.expected === null || tr.expected === undefined
                ? 'ends the execution'
                : `leads to ${code(tr.expected)}`,
          ]),
        ),
      );
    }
  }

  if (summary.widgets.length > 0) {
    lines.push(
      '',
      '### Widgets',
      '',
      ...table(
        ['Widget', 'Reached', 'Visits', 'Ended here', 'Waiting here'],
        ['l', 'r', 'r', 'r', 'r'],
        summary.widgets.map((w) => [
          code(w.widget),
          String(w.reached),
          String(w.visits),
          String(w.ended),
          String(w.waiting),
        ]),
      ),
    );
  }
  if (summary.transitions.length > 0) {
    lines.push(
      '',
      '### Transitions',
      '',
      ...table(
        ['From', 'Event', 'To', 'Times', 'Executions'],
        ['l', 'l', 'l', 'r', 'r'],
        summary.transitions.map((tr) => [
          code(tr.from),
          code(tr.event),
          code(tr.to),
          String(tr.count),
          String(tr.executions),
        ]),
      ),
    );
  }
  if (summary.paths.length > 0) {
    lines.push(
      '',
      '### Most frequent paths',
      '',
      ...table(
        ['#', 'Executions', 'Path'],
        ['r', 'r', 'l'],
        summary.paths.map((p, i) => [
          String(i + 1),
          String(p.count),
          [...p.widgets, ...(p.reachedEnd ? [END_OF_FLOW] : [])].map(code).join(' → '),
        ]),
      ),
    );
  }
  if (summary.failures.length > 0) {
    lines.push(
      '',
      '### Failures',
      '',
      'Executions that left a widget by a failure-like event, and where they ended.',
      '',
      ...table(
        ['Widget', 'Event', 'Times', 'Executions', 'Ended at'],
        ['l', 'l', 'r', 'r', 'l'],
        summary.failures.map((f) => [
          code(f.widget),
          code(f.event),
          String(f.count),
          String(f.executions),
          f.endings.map((e) => `${code(e.widget)} (${e.executions})`).join(', '),
        ]),
      ),
    );
  }
  return lines.join('\n') + '\n';
}
