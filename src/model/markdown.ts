/**
 * Markdown text helpers shared by the reports written as GitHub-flavoured Markdown (the diff summary, the
 * executions summary): user text that must never become markup.
 *
 * Pure TypeScript: no DOM, no Node built-ins.
 */

/** U+2060 WORD JOINER: no width, no glyph, no line break opportunity. */
const WORD_JOINER = '\u2060';

/**
 * `text` as an inline code span, safe anywhere on a line of the summary (in a table cell when `inTable`).
 *
 * - The fence is one backtick longer than the longest backtick run in the text, so no run inside can close it.
 * - CommonMark strips one space from each end of the content when it begins *and* ends with a space and is not
 *   all spaces; so the content is padded with a space on each side exactly when that would eat user text (it begins
 *   and ends with a space), and also when it begins or ends with a backtick (which would otherwise merge with the
 *   fence). All-space text is never padded: it is not stripped.
 * - Backslash escapes do not exist inside code spans, so no other character needs escaping there, and a backslash
 *   at the end of the text cannot escape the closing fence.
 * - Tables are split into cells *before* inline parsing, code spans included: each `|` is written `\|`, which the
 *   table parser takes as cell content and unescapes to `|` before the code span is parsed. GFM parsers disagree
 *   about a backslash run before a pipe: cmark-gfm (github.com) never splits at a pipe preceded by a backslash and
 *   removes one backslash, whereas micromark (remark and many editors) pairs backslashes from left to right, so in
 *   `\\|` (a user `\` before an escaped `|`) the pipe ends the cell, the code span is left unclosed and the rest of
 *   the text is parsed as Markdown and HTML. So a user backslash right before a pipe is separated from the escaping
 *   backslash by an invisible WORD JOINER: every `|` in a cell is then preceded by exactly one backslash, itself not
 *   preceded by a backslash, which every parser reads the same way (an escaped pipe, shown as `|`).
 */
export function inlineCode(text: string, inTable = false): string {
  let t = text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ').replace(/\0/g, '\uFFFD');
  if (inTable) t = t.replace(/(\\?)\|/g, (_, bs: string) => (bs === '' ? '\\|' : `\\${WORD_JOINER}\\|`));
  if (t === '') return '` `';
  let longest = 0;
  for (const run of t.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const strippable = t.startsWith(' ') && t.endsWith(' ') && !/^ +$/.test(t);
  const pad = t.startsWith('`') || t.endsWith('`') || strippable ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}
