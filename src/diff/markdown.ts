/**
 * A diff as a pull-request summary in GitHub-flavoured Markdown.
 *
 * Everything that comes from the flow or the caller (widget names and types, property keys and JSON pointer paths,
 * values, event names, condition labels, the version labels in the heading) is user text, and every piece of it
 * goes through {@link inlineCode}: it is written as one inline code span, the only Markdown construct whose content
 * is not parsed (no emphasis, links, autolinks, HTML or entities inside), so nothing the user wrote can become
 * markup. What the code span shows is the user text except for these documented flattenings:
 * - line breaks (CRLF, CR, LF, U+2028, U+2029) become one space each: a summary line must stay one line;
 * - U+0000 becomes U+FFFD (what CommonMark does anyway; some table scanners stop at it);
 * - the empty string is shown as one space (a code span cannot be empty);
 * - in a table cell, a backslash right before a `|` is followed by an invisible U+2060 WORD JOINER (see
 *   {@link inlineCode} for why);
 * - values are JSON, cut at {@link MAX_VALUE_LENGTH} with an ellipsis.
 *
 * Pure TypeScript: no React, no DOM, no storage.
 */
import { inlineCode } from '../model/markdown';
import type { Offset } from '../model/types';
import {
  WIDGET_CHANGE_LABELS,
  type FlowDiff,
  type TransitionChange,
  type ValueChange,
  type WidgetChangeKind,
  type WidgetDiff,
} from './types';
import { effectiveKinds } from './visibility';

export interface DiffMarkdownOptions {
  /** Names of the two versions in the heading (file names, revision numbers…). */
  baseLabel?: string;
  changedLabel?: string;
  /** Show moves and offsets (default false: widgets that only moved are left out, offsets never listed). */
  includeLayout?: boolean;
}

export { inlineCode };

/** Values longer than this (as JSON) are cut, with an ellipsis. */
export const MAX_VALUE_LENGTH = 80;

function truncate(text: string, max = MAX_VALUE_LENGTH): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  // never split a surrogate pair
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…`;
}

/** A JSON value, truncated, as inline code; `—` when absent. */
function value(v: unknown, inTable: boolean): string {
  if (v === undefined) return '—';
  return inlineCode(truncate(JSON.stringify(v)), inTable);
}

function nameOf(w: WidgetDiff): string {
  return w.changedName ?? w.baseName ?? w.id;
}

function title(w: WidgetDiff): string {
  const renamed =
    w.baseName !== undefined && w.changedName !== undefined && w.baseName !== w.changedName
      ? ` (was ${inlineCode(w.baseName)})`
      : '';
  return `${inlineCode(nameOf(w))}${renamed} (${inlineCode(w.type)})`;
}

function table(changes: readonly ValueChange[]): string[] {
  const lines = ['| path | before | after |', '| --- | --- | --- |'];
  for (const c of changes)
    lines.push(`| ${inlineCode(c.path, true)} | ${value(c.before, true)} | ${value(c.after, true)} |`);
  return lines;
}

function target(name: string | undefined): string {
  return name === undefined ? '(none)' : inlineCode(name);
}

function transitionLine(t: TransitionChange): string {
  const port =
    t.event === 'match'
      ? `condition ${t.label !== undefined ? inlineCode(t.label) : inlineCode(t.key)}`
      : inlineCode(t.event);
  const note =
    t.kind === 'added' && t.event === 'match'
      ? ' (new condition)'
      : t.kind === 'removed' && t.event === 'match'
        ? ' (condition removed)'
        : '';
  let line =
    t.kind === 'conditions' && t.beforeNext === t.afterNext
      ? `${port}: conditions changed`
      : `${port}: ${target(t.beforeNext)} → ${target(t.afterNext)}${note}`;
  if (t.conditions !== undefined && t.conditions.length > 0) {
    const details = t.conditions
      .slice(0, 3)
      .map((c) => `${inlineCode(c.path)} ${value(c.before, false)} → ${value(c.after, false)}`);
    if (t.conditions.length > 3) details.push(`${t.conditions.length - 3} more`);
    line += ` (${details.join('; ')})`;
  }
  return line;
}

function formatOffset(o: Offset | undefined): string {
  if (o === undefined) return '(none)';
  return inlineCode(`(${String(o.x)}, ${String(o.y)})`);
}

const HEADINGS = WIDGET_CHANGE_LABELS;

const SECTIONS: readonly WidgetChangeKind[] = ['added', 'removed', 'renamed', 'changed', 'rewired', 'moved'];

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * A Markdown summary of the diff: heading, one-line totals, flow-level changes, then one section per kind listing
 * the widgets that have it (a widget renamed and edited is in both Renamed and Changed; the totals count the same
 * way), with a path | before | after table per changed widget and one line per rewired output.
 */
export function diffToMarkdown(diff: FlowDiff, options: DiffMarkdownOptions = {}): string {
  const includeLayout = options.includeLayout === true;
  const lines: string[] = [];
  const { baseLabel, changedLabel } = options;
  lines.push(
    baseLabel !== undefined || changedLabel !== undefined
      ? `## Flow changes: ${inlineCode(baseLabel ?? 'base')} → ${inlineCode(changedLabel ?? 'changed')}`
      : '## Flow changes',
  );
  lines.push('');

  const byKind = new Map<WidgetChangeKind, WidgetDiff[]>(SECTIONS.map((k) => [k, []]));
  for (const w of diff.widgets) {
    for (const k of effectiveKinds(w, includeLayout)) byKind.get(k)?.push(w);
  }
  const totals = SECTIONS.filter((k) => (byKind.get(k)?.length ?? 0) > 0).map(
    (k) => `${byKind.get(k)?.length ?? 0} ${k}`,
  );
  if (diff.flow.length > 0) totals.push(plural(diff.flow.length, 'flow setting') + ' changed');

  if (totals.length === 0) {
    const moved = diff.widgets.filter((w) => w.kinds.includes('moved')).length;
    lines.push(moved > 0 ? `Only layout changes (${plural(moved, 'widget')} moved).` : 'No changes.');
    return lines.join('\n') + '\n';
  }
  lines.push(`**${totals.join(', ')}**`);

  if (diff.flow.length > 0) {
    lines.push('', '### Flow settings', '', ...table(diff.flow));
  }
  for (const kind of SECTIONS) {
    const list = byKind.get(kind) ?? [];
    if (list.length === 0) continue;
    lines.push('', `### ${HEADINGS[kind]} (${list.length})`, '');
    switch (kind) {
      case 'added':
      case 'removed':
        for (const w of list) lines.push(`- ${inlineCode(nameOf(w))} (${inlineCode(w.type)})`);
        break;
      case 'renamed':
        for (const w of list)
          lines.push(
            `- ${inlineCode(w.baseName ?? '')} → ${inlineCode(w.changedName ?? '')} (${inlineCode(w.type)})`,
          );
        break;
      case 'changed':
        list.forEach((w, i) => {
          if (i > 0) lines.push('');
          lines.push(`**${title(w)}**`, '', ...table(w.properties));
        });
        break;
      case 'rewired':
        for (const w of list) {
          lines.push(`- ${title(w)}`);
          for (const t of w.transitions) lines.push(`  - ${transitionLine(t)}`);
        }
        break;
      case 'moved':
        for (const w of list)
          lines.push(
            `- ${inlineCode(nameOf(w))}: ${formatOffset(w.offset?.before)} → ${formatOffset(w.offset?.after)}`,
          );
        break;
      case 'unchanged':
        break;
    }
  }
  return lines.join('\n') + '\n';
}
