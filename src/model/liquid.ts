/**
 * Liquid in Studio widget properties: syntax problems, variable references, widget renames.
 *
 * Studio renders (almost) every string property as a Liquid template (Shopify dialect). This module reads such a
 * string the way Liquid does — text, output tags `{{ … }}` and logic tags `{% … %}`, a tag ending at the first
 * `}}` / `%}` — and reports what would stop Studio from rendering it, plus every variable the tags read
 * (`widgets.NAME.x`, `widgets["NAME"].x`, `flow.variables.x`, `trigger.message.Body`, …).
 *
 * Only tag contents are read as Liquid: `widgets.foo` in plain text, inside `{% raw %}` / `{% comment %}` or inside
 * a string literal is not a reference, and text that merely contains braces (JSON bodies, Terraform `${var.x}`)
 * is left alone.
 *
 * One linear pass, no regular expressions on the hot path; a string without `{{` and `{%` costs two `indexOf`s and
 * allocates nothing. The result is a pure function of the string, so callers may cache it by string.
 *
 * Bounded on hostile text: at most `MAX_LIQUID_ISSUES` issues are listed, the rest only counted (`omitted`): a 6 MB
 * body of `{{ {{ {{ …` has three million unclosed tags, and one issue object (with its message) per tag took
 * gigabytes for a list nobody reads past the first lines. The scan still reads the whole text, for references.
 *
 * Pure TypeScript: no DOM, no Node built-ins.
 */

/** A Liquid syntax problem; `start`/`end` are offsets into the analysed string (end exclusive). */
export interface LiquidIssue {
  message: string;
  start: number;
  end: number;
}

/**
 * A variable a tag reads. `path` holds every segment, root first: identifiers as written, static bracket keys
 * without their quotes (`["a b"]` → `a b`, `[0]` → `0`), and `*` for a computed index (`sites[idx]`).
 * `start`/`end` span the whole reference (`widgets.x.parsed.sites[idx].name`). `widget` is set for
 * `widgets.NAME…` and `widgets["NAME"]…`.
 *
 * Variables the same string defines itself (`assign`, `capture`, `for`/`tablerow` loop variables,
 * `increment`/`decrement`, `forloop`, `tablerowloop`) are not references to the flow and are not listed.
 */
export interface LiquidReference {
  root: string;
  path: string[];
  start: number;
  end: number;
  widget?: string;
}

export interface LiquidAnalysis {
  /** The issues, in text order: the first `MAX_LIQUID_ISSUES` found when there are more. */
  issues: LiquidIssue[];
  /** How many more issues there are than `issues` lists; absent when it lists them all. */
  omitted?: number;
  references: LiquidReference[];
}

/** How many issues one analysis lists at most; more are counted in `omitted`. */
export const MAX_LIQUID_ISSUES = 100;

// ---------------------------------------------------------------------------------------------------------------
// Character classes (char codes)

const TAB = 9;
const CR = 13;
const SPACE = 32;
const BANG = 33;
const DQUOTE = 34;
const HASH = 35;
const AMP = 38;
const SQUOTE = 39;
const LPAREN = 40;
const RPAREN = 41;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const COLON = 58;
const LT = 60;
const EQ = 61;
const GT = 62;
const QUESTION = 63;
const LBRACKET = 91;
const RBRACKET = 93;
const UNDERSCORE = 95;
const LBRACE = 123;
const PIPE = 124;
const RBRACE = 125;

function isSpace(c: number): boolean {
  return c === SPACE || (c >= TAB && c <= CR);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
/** Liquid identifiers start with a letter or `_`. */
function isIdentStart(c: number): boolean {
  return isLetter(c) || c === UNDERSCORE;
}
/** …and go on with letters, digits, `_` and `-` (widget names use the same alphabet). */
function isWordChar(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === UNDERSCORE || c === MINUS;
}

/** Words that are operators, never variables. */
const OPERATOR_WORDS: ReadonlySet<string> = new Set(['and', 'or', 'contains']);
/** Words that are literals unless followed by `.x` / `[x]`. */
const LITERAL_WORDS: ReadonlySet<string> = new Set(['true', 'false', 'nil', 'null', 'empty', 'blank']);
/** Words that are never references in the lax scan of a broken tag. */
const LAX_SKIP_WORDS: ReadonlySet<string> = new Set([
  ...OPERATOR_WORDS,
  ...LITERAL_WORDS,
  'in',
  'reversed',
  'with',
  'for',
  'as',
]);
/** Loop objects Liquid defines inside `for` / `tablerow`. */
const BUILTIN_LOCALS: readonly string[] = ['forloop', 'tablerowloop'];

/** Block tags (`raw` and `comment` are skipped wholesale and never reach the block stack). */
const BLOCKS: ReadonlySet<string> = new Set([
  'if',
  'unless',
  'case',
  'for',
  'tablerow',
  'capture',
  'ifchanged',
]);
const MISSPELLED: Readonly<Record<string, string>> = {
  elseif: 'elsif',
  elif: 'elsif',
  elsef: 'elsif',
  endelse: 'endif',
  endelsif: 'endif',
  endwhen: 'endcase',
};

const OK = 1;
const NONE = 0;
const FAIL = -1;
type Result = typeof OK | typeof NONE | typeof FAIL;

const MAX_DEPTH = 64;
const SNIPPET_MAX = 40;

const EMPTY_ISSUES = Object.freeze([]) as unknown as LiquidIssue[];
const EMPTY_REFERENCES = Object.freeze([]) as unknown as LiquidReference[];
/** Shared result for strings without Liquid problems or references. Frozen: callers must not mutate results. */
const EMPTY: LiquidAnalysis = Object.freeze({ issues: EMPTY_ISSUES, references: EMPTY_REFERENCES });

function snippet(raw: string): string {
  const s = raw.replace(/\s+/g, ' ').trim();
  return s.length > SNIPPET_MAX ? `${s.slice(0, SNIPPET_MAX - 1)}…` : s;
}

// ---------------------------------------------------------------------------------------------------------------
// The scanner

/**
 * `text.indexOf(needle, from)` for a search whose start only grows: the last match is the answer again while it is
 * still at or after the start, which keeps a whole scan linear even with many unclosed tags.
 */
class ForwardSearch {
  private readonly text: string;
  private readonly needle: string;
  private from = -1;
  private at = -1;

  constructor(text: string, needle: string) {
    this.text = text;
    this.needle = needle;
  }

  /** The first `needle` at or after `from`, or -1. */
  next(from: number): number {
    if (this.from >= 0 && this.from <= from && (this.at < 0 || this.at >= from)) return this.at;
    this.from = from;
    this.at = this.text.indexOf(this.needle, from);
    return this.at;
  }
}

class Scanner {
  readonly text: string;
  readonly n: number;
  issues: LiquidIssue[] | null = null;
  /** Issues found past MAX_LIQUID_ISSUES: counted, not built. */
  omitted = 0;
  refs: LiquidReference[] | null = null;
  /** Offsets of widget names in references (`[start, end, start, end, …]`), for renames. */
  widgetSpans: number[] | null = null;
  locals: Set<string> | null = null;

  /** > 0 while reading a tag whose problem is already reported (unclosed tag, lax scan). */
  mute = 0;
  /** Reading an unclosed tag: what follows the first problem is most likely plain text, not markup. */
  unclosedTag = false;
  /** Cursor and end of the markup being read. */
  pos = 0;
  end = 0;
  /** End of the last token read successfully (for "add }} after …"). */
  lastGood = 0;
  /** How the markup being read is named in messages: `{{ … }}`, `{% if %}`. */
  label = '';
  tagStart = 0;
  tagEnd = 0;
  failed = false;

  /** Open blocks: name and span of the opening tag. */
  stackNames: string[] = [];
  stackStarts: number[] = [];
  stackEnds: number[] = [];
  openCount = new Map<string, number>();

  // The openers and closers of tags, searched forward only (see ForwardSearch).
  private readonly outs: ForwardSearch;
  private readonly tags: ForwardSearch;
  private readonly outCloses: ForwardSearch;
  private readonly tagCloses: ForwardSearch;

  constructor(text: string) {
    this.text = text;
    this.outs = new ForwardSearch(text, '{{');
    this.tags = new ForwardSearch(text, '{%');
    this.outCloses = new ForwardSearch(text, '}}');
    this.tagCloses = new ForwardSearch(text, '%}');
    this.n = text.length;
  }

  code(i: number): number {
    return i < this.end ? this.text.charCodeAt(i) : -1;
  }

  /** First `{{` at or after `from`, or -1. */
  nextOut(from: number): number {
    return this.outs.next(from);
  }

  /** First `{%` at or after `from`, or -1. */
  nextTag(from: number): number {
    return this.tags.next(from);
  }

  /** First `{{` or `{%` at or after `from`, or -1. */
  nextOpen(from: number): number {
    const a = this.nextOut(from);
    const b = this.nextTag(from);
    return a < 0 ? b : b < 0 ? a : Math.min(a, b);
  }

  /** First `}}` at or after `from`, or -1. */
  closeOut(from: number): number {
    return this.outCloses.next(from);
  }

  /** First `%}` at or after `from`, or -1. */
  closeTag(from: number): number {
    return this.tagCloses.next(from);
  }

  // --- results ---------------------------------------------------------------------------------------------

  issue(message: string, start: number, end: number): void {
    if (this.mute > 0) return;
    if (this.full()) this.omitted++;
    else (this.issues ??= []).push({ message, start, end: Math.max(end, start) });
  }

  /** Whether issues are only counted now (callers may then skip building a message). */
  full(): boolean {
    return this.issues !== null && this.issues.length >= MAX_LIQUID_ISSUES;
  }

  /** Reports a problem in the markup being read and stops reading it. */
  fail(message: string, start: number, end: number): typeof FAIL {
    this.issue(message, start, end);
    this.failed = true;
    return FAIL;
  }

  record(path: string[], start: number, end: number, hasWidget: boolean): void {
    const root = path[0];
    if (root === undefined) return;
    const ref: LiquidReference = { root, path, start, end };
    if (hasWidget) {
      const widget = path[1];
      if (widget !== undefined) ref.widget = widget;
    }
    (this.refs ??= []).push(ref);
  }

  /** Notes where a widget name is written (spans come in text order: they are noted as they are read). */
  widgetSpan(start: number, end: number): true {
    (this.widgetSpans ??= []).push(start, end);
    return true;
  }

  addLocal(name: string): void {
    if (name !== '') (this.locals ??= new Set()).add(name);
  }

  /** The variable a tag defines (`{% assign name = … %}`): read and noted as local; false after failing with `form`. */
  localName(form: string): boolean {
    const vs = this.pos;
    this.ident();
    if (this.pos === vs) {
      this.fail(form, this.tagStart, this.tagEnd);
      return false;
    }
    this.addLocal(this.text.slice(vs, this.pos));
    return true;
  }

  /** The `name:` of a named argument (`limit: 3`), the colon and the space after it read; null after an error. */
  argumentName(): string | null {
    const start = this.pos;
    this.ident();
    const name = this.text.slice(start, this.pos);
    this.ws();
    if (name === '' || this.code(this.pos) !== COLON) {
      this.pos = start;
      this.unexpected();
      return null;
    }
    this.pos++;
    this.ws();
    return name;
  }

  // --- top level --------------------------------------------------------------------------------------------

  run(): void {
    const t = this.text;
    let i = 0;
    while (i < this.n) {
      const p = this.nextOpen(i);
      if (p < 0) break;
      i = t.charCodeAt(p + 1) === LBRACE ? this.outputTag(p) : this.logicTag(p);
    }
    for (let k = this.stackNames.length - 1; k >= 0; k--) this.neverClosed(k);
  }

  /**
   * `{{ … }}` at `p`; returns where scanning goes on. Like Liquid, the tag ends at the first `}}` (quotes or not);
   * when another `{{` comes first, this one is unclosed and ends where the next tag starts.
   */
  outputTag(p: number): number {
    const { c, close, e } = this.tagSpan(p, this.outCloses, this.outs);
    if (close >= 0) {
      this.outputMarkup(p, close + 2, c, e);
      return close + 2;
    }
    return this.unclosedMarkup(true, p, c, (limit) => {
      this.outputMarkup(p, limit, c, limit);
      return limit;
    });
  }

  /**
   * The tag opened at `p`: where its markup starts (`c`, after a `-`), and where it closes (`close`, its closer, or
   * -1 when another tag of its kind opens first) and its markup ends (`e`, before a `-`).
   */
  tagSpan(
    p: number,
    closers: ForwardSearch,
    openers: ForwardSearch,
  ): { c: number; close: number; e: number } {
    const t = this.text;
    let c = p + 2;
    if (t.charCodeAt(c) === MINUS) c++;
    const close = closers.next(c);
    const again = openers.next(c);
    if (close < 0 || (again >= 0 && again < close)) return { c, close: -1, e: -1 };
    let e = close;
    if (e > c && t.charCodeAt(e - 1) === MINUS) e--;
    return { c, close, e };
  }

  /**
   * An unclosed tag at `p`, markup from `c`: read by `read` up to where the next tag starts, with its problems
   * muted (what follows the first one is most likely plain text), then reported as unclosed. Returns where
   * scanning goes on.
   */
  unclosedMarkup(output: boolean, p: number, c: number, read: (limit: number) => number): number {
    const bound = this.nextOpen(c);
    const limit = bound < 0 ? this.n : bound;
    this.mute++;
    this.unclosedTag = true;
    const next = read(limit);
    this.unclosedTag = false;
    this.mute--;
    this.unclosed(output, p, c);
    return Math.max(next, limit);
  }

  /** `{% … %}` at `p`, ending at the first `%}` unless another `{%` comes first; returns where scanning goes on. */
  logicTag(p: number): number {
    const { c, close, e } = this.tagSpan(p, this.tagCloses, this.tags);
    if (close >= 0) {
      // `{% if {{ x }} == 1 %}`: an output tag nested in a logic tag.
      const inner = this.nextOut(c);
      if (inner >= 0 && inner < close) {
        const innerClose = this.closeOut(inner + 2);
        if (innerClose >= 0 && innerClose < close) {
          this.issue(
            'Don’t put {{ … }} inside {% … %}: write the variable without braces',
            inner,
            innerClose + 2,
          );
          this.mute++;
          const next = this.tagMarkup(p, close + 2, c, e);
          this.mute--;
          return next;
        }
      }
      return this.tagMarkup(p, close + 2, c, e);
    }
    return this.unclosedMarkup(false, p, c, (limit) => this.tagMarkup(p, limit, c, limit));
  }

  /** Reports a tag that has no closing delimiter, using how far its markup could be read. */
  unclosed(output: boolean, p: number, c: number): void {
    if (this.mute === 0 && this.full()) {
      this.omitted++;
      return;
    }
    const t = this.text;
    const good = Math.max(this.lastGood, c);
    let k = good;
    while (k < this.n && isSpace(t.charCodeAt(k))) k++;
    const open = output ? '{{' : '{%';
    const shown = output ? '{{ … }}' : '{% … %}';
    if (output && t.startsWith('%}', k)) {
      this.issue('{{ … }} is closed with %}: use }}', p, k + 2);
    } else if (!output && t.startsWith('}}', k)) {
      this.issue('{% … %} is closed with }}: use %}', p, k + 2);
    } else if (t.charCodeAt(k) === RBRACE) {
      this.issue(
        output ? '{{ … } is closed with a single }: use }}' : '{% … } is closed with }: use %}',
        p,
        k + 1,
      );
    } else {
      const what = snippet(t.slice(c, good));
      const close = output ? '}}' : '%}';
      this.issue(
        what === ''
          ? `Unclosed ${open}: add ${close} to close it`
          : `Unclosed ${shown}: add ${close} after “${what}”`,
        p,
        Math.max(good, p + 2),
      );
    }
  }

  /** Sets up reading the markup `[s, e)` of a tag spanning `[tagStart, tagEnd)`. */
  begin(s: number, e: number, label: string, tagStart: number, tagEnd: number): void {
    this.pos = s;
    this.end = e;
    this.lastGood = s;
    this.label = label;
    this.tagStart = tagStart;
    this.tagEnd = tagEnd;
    this.failed = false;
  }

  /** After a markup handler: on failure, still collect the references in the rest of the markup. */
  done(): void {
    if (this.failed && !this.unclosedTag) this.laxReferences();
    this.failed = false;
  }

  outputMarkup(tagStart: number, tagEnd: number, s: number, e: number): void {
    this.begin(s, e, '{{ … }}', tagStart, tagEnd);
    this.ws();
    if (this.pos >= this.end) {
      this.issue('Empty output tag {{ }}', tagStart, tagEnd);
      return;
    }
    this.expressionWithFilters();
    this.done();
  }

  /** Reads a logic tag's name and markup; returns where scanning goes on (past `raw` / `comment` bodies). */
  tagMarkup(tagStart: number, tagEnd: number, s: number, e: number): number {
    const t = this.text;
    this.begin(s, e, '{% … %}', tagStart, tagEnd);
    this.ws();
    const nameStart = this.pos;
    if (this.code(this.pos) === HASH) this.pos++;
    else this.ident();
    const name = t.slice(nameStart, this.pos);
    if (name === '') {
      if (this.pos >= this.end) this.issue('Empty tag {% %}', tagStart, tagEnd);
      else this.unexpected();
      this.done();
      return tagEnd;
    }
    this.label = `{% ${name} %}`;
    this.lastGood = this.pos;
    const next = this.dispatch(name, nameStart);
    this.done();
    return next ?? tagEnd;
  }

  /** Handles one tag; returns a resume position when the tag swallows what follows (raw, comment). */
  dispatch(name: string, nameStart: number): number | undefined {
    const tagStart = this.tagStart;
    const tagEnd = this.tagEnd;
    switch (name) {
      case 'if':
      case 'unless':
      case 'ifchanged':
      case 'case':
      case 'for':
      case 'tablerow':
      case 'capture':
        this.push(name, tagStart, tagEnd);
        if (name === 'if' || name === 'unless') this.condition();
        else if (name === 'case') this.caseMarkup();
        else if (name === 'for' || name === 'tablerow') this.forMarkup();
        else if (name === 'capture') this.captureMarkup();
        return undefined;
      case 'elsif':
        if (!this.inside('if', 'unless'))
          this.issue('{% elsif %} outside of an {% if %} or {% unless %} block', tagStart, tagEnd);
        this.condition();
        return undefined;
      case 'else':
        this.ws();
        if (this.keyword('if')) {
          // `{% else if … %}`: Liquid would silently read it as a plain `{% else %}`.
          this.issue('Use {% elsif … %} instead of {% else if … %}', tagStart, tagEnd);
          this.mute++;
          this.condition();
          this.mute--;
        } else if (!this.inside('if', 'unless', 'case', 'for'))
          this.issue(
            '{% else %} outside of an {% if %}, {% unless %}, {% case %} or {% for %} block',
            tagStart,
            tagEnd,
          );
        return undefined;
      case 'when':
        if (!this.inside('case')) this.issue('{% when %} outside of a {% case %} block', tagStart, tagEnd);
        this.whenMarkup();
        return undefined;
      case 'assign':
        this.assignMarkup();
        return undefined;
      case 'increment':
      case 'decrement':
        this.counterMarkup();
        return undefined;
      case 'cycle':
        this.cycleMarkup();
        return undefined;
      case 'echo':
        this.ws();
        if (this.pos >= this.end) this.issue('{% echo %} needs a value', tagStart, tagEnd);
        else this.expressionWithFilters();
        return undefined;
      case 'include':
      case 'render':
        this.includeMarkup();
        return undefined;
      case 'liquid':
        this.liquidMarkup();
        return undefined;
      case 'break':
      case 'continue':
      case '#':
        return undefined;
      case 'raw':
        return this.skipBlock('raw', tagStart, tagEnd);
      case 'comment':
        return this.skipBlock('comment', tagStart, tagEnd);
      case 'endraw':
      case 'endcomment':
        this.issue(`{% ${name} %} without a matching {% ${name.slice(3)} %}`, tagStart, tagEnd);
        return undefined;
      default:
        break;
    }
    if (name.startsWith('end') && BLOCKS.has(name.slice(3))) {
      this.closeBlock(name.slice(3), tagStart, tagEnd);
      return undefined;
    }
    const hint = MISSPELLED[name];
    if (hint !== undefined)
      this.issue(`Unknown tag {% ${name} %}: did you mean {% ${hint} %}?`, nameStart, this.pos);
    else if (name === 'end' && this.stackNames.length > 0) {
      const top = this.stackNames[this.stackNames.length - 1] ?? '';
      this.issue(`Unknown tag {% end %}: close {% ${top} %} with {% end${top} %}`, nameStart, this.pos);
    } else this.issue(`Unknown tag {% ${name} %}`, nameStart, this.pos);
    // Unknown tags still get their references read, leniently.
    this.failed = true;
    return undefined;
  }

  // --- blocks -----------------------------------------------------------------------------------------------

  push(name: string, start: number, end: number): void {
    this.stackNames.push(name);
    this.stackStarts.push(start);
    this.stackEnds.push(end);
    this.openCount.set(name, (this.openCount.get(name) ?? 0) + 1);
  }

  pop(): void {
    const name = this.stackNames.pop();
    this.stackStarts.pop();
    this.stackEnds.pop();
    if (name !== undefined) this.openCount.set(name, (this.openCount.get(name) ?? 1) - 1);
  }

  inside(...names: string[]): boolean {
    const top = this.stackNames[this.stackNames.length - 1];
    return top !== undefined && names.includes(top);
  }

  neverClosed(k: number): void {
    const name = this.stackNames[k] ?? '';
    this.issue(
      `{% ${name} %} is never closed with {% end${name} %}`,
      this.stackStarts[k] ?? 0,
      this.stackEnds[k] ?? 0,
    );
  }

  closeBlock(name: string, start: number, end: number): void {
    if ((this.openCount.get(name) ?? 0) === 0) {
      this.issue(`{% end${name} %} without a matching {% ${name} %}`, start, end);
      return;
    }
    // Blocks opened inside the one being closed and never closed themselves.
    for (;;) {
      const k = this.stackNames.length - 1;
      const top = this.stackNames[k];
      if (top === undefined) return;
      if (top === name) {
        this.pop();
        return;
      }
      this.neverClosed(k);
      this.pop();
    }
  }

  /**
   * After `{% raw %}` or `{% comment %}`: everything up to the matching `{% endraw %}` or `{% endcomment %}` is
   * text, or ignored. Comments nest; raw does not (a `{% raw %}` in raw text is text).
   */
  skipBlock(name: 'raw' | 'comment', tagStart: number, tagEnd: number): number {
    const t = this.text;
    const end = `end${name}`;
    const wordAt = (w: number, word: string) =>
      t.startsWith(word, w) && !isWordChar(t.charCodeAt(w + word.length));
    let depth = 1;
    let k = tagEnd;
    for (;;) {
      k = t.indexOf('{%', k);
      if (k < 0) {
        this.issue(`{% ${name} %} is never closed with {% ${end} %}`, tagStart, tagEnd);
        return this.n;
      }
      const w = this.wordAfterOpen(k);
      if (wordAt(w, end)) {
        if (--depth === 0) {
          const close = this.closeTag(w + end.length);
          return close < 0 ? this.n : close + 2;
        }
      } else if (name === 'comment' && wordAt(w, name)) depth++;
      k += 2;
    }
  }

  /** Skips white space to the tag's markup: false, after failing with `message`, when the tag has none. */
  markupAfter(message: string): boolean {
    this.ws();
    if (this.pos < this.end) return true;
    this.fail(message, this.tagStart, this.tagEnd);
    return false;
  }

  /** Offset of the tag name after the `{%` at `k`. */
  wordAfterOpen(k: number): number {
    const t = this.text;
    let w = k + 2;
    if (t.charCodeAt(w) === MINUS) w++;
    while (w < this.n && isSpace(t.charCodeAt(w))) w++;
    return w;
  }

  // --- tag markups ------------------------------------------------------------------------------------------

  /** `{% if a == 1 and b contains "x" or c %}` (also elsif, unless). */
  condition(): void {
    if (!this.markupAfter(`${this.label} needs a condition`)) return;
    let after = '';
    for (;;) {
      const r = this.value(0);
      if (r === FAIL) return;
      if (r === NONE) {
        if (this.pos >= this.end)
          this.fail(`Missing value after “${after}” in ${this.label}`, this.tagStart, this.tagEnd);
        else this.unexpected();
        return;
      }
      this.ws();
      const opStart = this.pos;
      const op = this.operator();
      if (op !== '') {
        this.ws();
        const r2 = this.value(0);
        if (r2 === FAIL) return;
        if (r2 === NONE) {
          if (this.pos >= this.end)
            this.fail(`Missing value after “${op}” in ${this.label}`, opStart, this.pos);
          else this.unexpected();
          return;
        }
        this.ws();
      } else {
        const c = this.code(this.pos);
        if (c === EQ) {
          this.fail(`Use == (not =) to compare in ${this.label}`, this.pos, this.pos + 1);
          return;
        }
        if (
          (c === AMP && this.code(this.pos + 1) === AMP) ||
          (c === PIPE && this.code(this.pos + 1) === PIPE)
        ) {
          this.fail(`Use “and” / “or” instead of “&&” / “||” in ${this.label}`, this.pos, this.pos + 2);
          return;
        }
        if (c === PIPE) {
          this.fail(
            `Filters can’t be used in ${this.label}: {% assign %} the filtered value first`,
            this.pos,
            this.pos + 1,
          );
          return;
        }
      }
      const logic = this.keyword('and') ? 'and' : this.keyword('or') ? 'or' : '';
      if (logic === '') break;
      after = logic;
      this.ws();
    }
    this.finish();
  }

  caseMarkup(): void {
    if (!this.markupAfter('{% case %} needs a value')) return;
    if (this.required(`{% case %} needs a value`) !== OK) return;
    this.finish();
  }

  /** `{% when "a", "b" or c %}` */
  whenMarkup(): void {
    if (!this.markupAfter('{% when %} needs a value')) return;
    for (;;) {
      if (this.required(`Missing value in ${this.label}`) !== OK) return;
      this.ws();
      if (this.code(this.pos) === COMMA) this.pos++;
      else if (!this.keyword('or')) break;
      this.ws();
    }
    this.finish();
  }

  /** `{% for item in list reversed limit: 3 offset: continue %}` (also tablerow, with `cols:`). */
  forMarkup(): void {
    const form = `${this.label} needs the form {% ${this.label.slice(3, -3)} item in list %}`;
    this.ws();
    if (!this.localName(form)) return;
    this.ws();
    if (!this.keyword('in')) {
      this.fail(form, this.tagStart, this.tagEnd);
      return;
    }
    this.ws();
    if (this.required(form) !== OK) return;
    for (;;) {
      this.ws();
      if (this.pos >= this.end) return;
      if (this.code(this.pos) === COMMA) {
        this.pos++;
        continue;
      }
      if (this.keyword('reversed')) continue;
      const attr = this.argumentName();
      if (attr === null) return;
      if (attr === 'offset' && this.keyword('continue')) continue;
      if (this.required(`Missing value after “${attr}:” in ${this.label}`) !== OK) return;
    }
  }

  /** `{% assign name = value | filter %}` */
  assignMarkup(): void {
    const form = '{% assign %} needs the form {% assign name = value %}';
    this.ws();
    if (!this.localName(form)) return;
    this.ws();
    if (this.code(this.pos) !== EQ || this.code(this.pos + 1) === EQ) {
      this.fail(form, this.tagStart, this.tagEnd);
      return;
    }
    this.pos++;
    this.ws();
    if (this.required('Missing value after “=” in {% assign %}') !== OK) return;
    if (this.filters() !== OK) return;
    this.finish();
  }

  /** `{% capture name %}` or `{% capture "name" %}` */
  captureMarkup(): void {
    this.ws();
    const vs = this.pos;
    const q = this.code(vs);
    if (q === DQUOTE || q === SQUOTE) {
      if (this.str() !== OK) return;
      this.addLocal(this.text.slice(vs + 1, this.pos - 1));
    } else if (!this.localName('{% capture %} needs a variable name')) return;
    this.finish();
  }

  /** `{% increment name %}` */
  counterMarkup(): void {
    this.ws();
    if (!this.localName(`${this.label} needs a variable name`)) return;
    this.finish();
  }

  /** `{% cycle "group": "a", "b" %}` */
  cycleMarkup(): void {
    if (!this.markupAfter('{% cycle %} needs values')) return;
    let first = true;
    for (;;) {
      if (this.required(`Missing value in ${this.label}`) !== OK) return;
      this.ws();
      const c = this.code(this.pos);
      if (c === COLON && first) this.pos++;
      else if (c === COMMA) this.pos++;
      else break;
      first = false;
      this.ws();
    }
    this.finish();
  }

  /** `{% render "name", key: value %}`, `{% include x with y as z %}` */
  includeMarkup(): void {
    if (!this.markupAfter(`${this.label} needs a template name`)) return;
    if (this.required(`${this.label} needs a template name`) !== OK) return;
    for (;;) {
      this.ws();
      if (this.pos >= this.end) return;
      if (this.code(this.pos) === COMMA) {
        this.pos++;
        continue;
      }
      if (this.keyword('with') || this.keyword('for')) {
        this.ws();
        if (this.required(`Missing value in ${this.label}`) !== OK) return;
        this.ws();
        if (this.keyword('as')) {
          this.ws();
          const vs = this.pos;
          this.ident();
          this.addLocal(this.text.slice(vs, this.pos));
        }
        continue;
      }
      const key = this.argumentName();
      if (key === null) return;
      if (this.required(`Missing value after “${key}:” in ${this.label}`) !== OK) return;
    }
  }

  /** `{% liquid %}`: one tag per line, without delimiters. */
  liquidMarkup(): void {
    const t = this.text;
    const end = this.end;
    const tagStart = this.tagStart;
    const tagEnd = this.tagEnd;
    const base = this.stackNames.length;
    let comment = 0;
    let k = this.pos;
    while (k < end) {
      let lineEnd = t.indexOf('\n', k);
      if (lineEnd < 0 || lineEnd > end) lineEnd = end;
      this.begin(k, lineEnd, '{% liquid %}', k, lineEnd);
      this.ws();
      const nameStart = this.pos;
      if (this.code(this.pos) === HASH) this.pos++;
      else this.ident();
      const name = t.slice(nameStart, this.pos);
      if (comment > 0) {
        if (name === 'comment') comment++;
        else if (name === 'endcomment') comment--;
      } else if (name === 'comment') comment = 1;
      else if (name !== '') {
        this.label = `{% ${name} %}`;
        this.lastGood = this.pos;
        if (name === 'raw') this.issue('{% raw %} can’t be used inside {% liquid %}', nameStart, this.pos);
        else this.dispatch(name, nameStart);
        this.done();
      } else if (this.pos < this.end) {
        this.unexpected();
        this.done();
      }
      k = lineEnd + 1;
    }
    for (let j = this.stackNames.length - 1; j >= base; j--) {
      this.neverClosed(j);
      this.pop();
    }
    this.begin(end, end, '{% liquid %}', tagStart, tagEnd);
  }

  // --- expressions ------------------------------------------------------------------------------------------

  /** `value | filter: arg, key: arg | filter`, then the end of the markup. */
  expressionWithFilters(): void {
    if (this.required(`Missing value in ${this.label}`) !== OK) return;
    if (this.filters() !== OK) return;
    this.finish();
  }

  /** A value that must be there. */
  required(missing: string): Result {
    const r = this.value(0);
    if (r === NONE) {
      if (this.pos >= this.end) return this.fail(missing, this.tagStart, this.tagEnd);
      return this.unexpected();
    }
    return r;
  }

  filters(): Result {
    for (;;) {
      this.ws();
      if (this.code(this.pos) !== PIPE) return OK;
      const bar = this.pos;
      this.pos++;
      this.ws();
      const ns = this.pos;
      this.ident();
      if (this.pos === ns) return this.fail(`Missing filter name after | in ${this.label}`, bar, bar + 1);
      const name = this.text.slice(ns, this.pos);
      this.ws();
      if (this.code(this.pos) !== COLON) continue;
      const colon = this.pos;
      this.pos++;
      for (;;) {
        this.ws();
        // keyword argument `key: value`
        const ks = this.pos;
        this.ident();
        if (this.pos > ks) {
          this.ws();
          if (this.code(this.pos) === COLON) {
            this.pos++;
            this.ws();
          } else this.pos = ks;
        }
        const r = this.value(0);
        if (r === FAIL) return FAIL;
        if (r === NONE) {
          if (this.pos >= this.end || this.code(this.pos) === PIPE)
            return this.fail(`Missing argument for filter “${name}” in ${this.label}`, colon, colon + 1);
          return this.unexpected();
        }
        this.ws();
        if (this.code(this.pos) !== COMMA) break;
        this.pos++;
      }
    }
  }

  /** The markup must end here. */
  finish(): void {
    this.ws();
    if (this.pos < this.end) this.unexpected();
  }

  unexpected(): typeof FAIL {
    const t = this.text;
    const s = this.pos;
    const c = this.code(s);
    let e = s + 1;
    if (isWordChar(c)) {
      while (isWordChar(this.code(e))) e++;
    } else if (c === DQUOTE || c === SQUOTE) {
      while (e < this.end && this.code(e) !== c) e++;
      e = Math.min(e + 1, this.end);
    } else if (
      (c === EQ || c === BANG || c === LT || c === GT) &&
      (this.code(s + 1) === EQ || (c === LT && this.code(s + 1) === GT))
    ) {
      e = s + 2;
    } else if (c >= 0xd800 && c <= 0xdbff) e = Math.min(s + 2, this.end);
    let hint = '';
    if (this.label === '{{ … }}' && this.operatorAt(s) !== '')
      hint = ': comparisons only work in {% if %}, {% unless %} and {% elsif %}';
    return this.fail(`Unexpected “${snippet(t.slice(s, e))}” in ${this.label}${hint}`, s, e);
  }

  /** One value: string, number, range, literal or variable lookup. */
  value(depth: number): Result {
    if (depth > MAX_DEPTH)
      return this.fail(`Expression nested too deeply in ${this.label}`, this.pos, this.pos + 1);
    const c = this.code(this.pos);
    if (c === DQUOTE || c === SQUOTE) return this.str();
    if (isDigit(c) || (c === MINUS && isDigit(this.code(this.pos + 1)))) {
      this.num();
      return OK;
    }
    if (c === LPAREN) return this.range(depth);
    if (isIdentStart(c) || c === LBRACKET) return this.lookup(depth);
    return NONE;
  }

  str(): Result {
    const s = this.pos;
    const q = this.code(s);
    let k = s + 1;
    while (k < this.end && this.code(k) !== q) k++;
    if (k >= this.end) return this.fail(`Unterminated string literal in ${this.label}`, s, this.end);
    this.pos = k + 1;
    return OK;
  }

  num(): void {
    if (this.code(this.pos) === MINUS) this.pos++;
    while (isDigit(this.code(this.pos))) this.pos++;
    if (this.code(this.pos) === DOT && isDigit(this.code(this.pos + 1))) {
      this.pos++;
      while (isDigit(this.code(this.pos))) this.pos++;
    }
  }

  /** `(from..to)` */
  range(depth: number): Result {
    const open = this.pos;
    this.pos++;
    this.ws();
    let r = this.value(depth + 1);
    if (r === FAIL) return FAIL;
    if (r === NONE)
      return this.fail(`Missing start of range (start..end) in ${this.label}`, open, this.pos + 1);
    this.ws();
    if (this.code(this.pos) !== DOT || this.code(this.pos + 1) !== DOT)
      return this.fail(`Expected “..” in range (start..end) in ${this.label}`, open, this.pos + 1);
    this.pos += 2;
    this.ws();
    r = this.value(depth + 1);
    if (r === FAIL) return FAIL;
    if (r === NONE)
      return this.fail(`Missing end of range (start..end) in ${this.label}`, open, this.pos + 1);
    this.ws();
    if (this.code(this.pos) !== RPAREN)
      return this.fail(`Missing ) after range in ${this.label}`, open, this.pos);
    this.pos++;
    return OK;
  }

  /** `name`, `name.x`, `name[0]`, `name["key"]`, `name[expr]`, `["name"]`, with whitespace allowed around dots. */
  lookup(depth: number): Result {
    const t = this.text;
    const start = this.pos;
    const path: string[] = [];
    let hasWidget = false;
    if (this.code(start) === LBRACKET) {
      const r = this.bracket(path, depth);
      if (r !== OK) return r;
    } else {
      this.ident();
      const word = t.slice(start, this.pos);
      if (OPERATOR_WORDS.has(word)) {
        this.pos = start;
        return NONE;
      }
      if (LITERAL_WORDS.has(word)) {
        const save = this.pos;
        this.ws();
        const c = this.code(this.pos);
        const continues = (c === DOT && this.code(this.pos + 1) !== DOT) || c === LBRACKET;
        this.pos = save;
        if (!continues) return OK;
      }
      path.push(word);
    }
    let end = this.pos;
    for (;;) {
      const save = this.pos;
      this.ws();
      const c = this.code(this.pos);
      if (c === DOT && this.code(this.pos + 1) !== DOT) {
        const dot = this.pos;
        this.pos++;
        this.ws();
        const ss = this.pos;
        while (isWordChar(this.code(this.pos))) this.pos++;
        if (this.pos > ss && this.code(this.pos) === QUESTION) this.pos++;
        if (this.pos === ss) {
          this.record(path, start, end, hasWidget);
          return this.fail(
            `Incomplete variable reference “${snippet(t.slice(start, dot + 1))}” in ${this.label}`,
            start,
            dot + 1,
          );
        }
        if (path.length === 1 && path[0] === 'widgets') hasWidget = this.widgetSpan(ss, this.pos);
        path.push(t.slice(ss, this.pos));
      } else if (c === LBRACKET) {
        const isWidget = path.length === 1 && path[0] === 'widgets';
        const r = this.bracket(path, depth);
        if (r !== OK) {
          this.record(path, start, end, hasWidget);
          return FAIL;
        }
        if (isWidget && this.bracketKeyStart >= 0)
          hasWidget = this.widgetSpan(this.bracketKeyStart, this.bracketKeyEnd);
      } else {
        this.pos = save;
        break;
      }
      end = this.pos;
    }
    this.record(path, start, end, hasWidget);
    return OK;
  }

  /** Span of the quoted key of the last bracket read, or -1. */
  bracketKeyStart = -1;
  bracketKeyEnd = -1;

  /** `[0]`, `["key"]`, `[expr]` at pos; pushes the segment. */
  bracket(path: string[], depth: number): Result {
    const t = this.text;
    const open = this.pos;
    this.pos++;
    this.ws();
    const c = this.code(this.pos);
    let keyStart = -1;
    let keyEnd = -1;
    let segment: string;
    if (c === DQUOTE || c === SQUOTE) {
      const qs = this.pos;
      if (this.str() !== OK) return FAIL;
      keyStart = qs + 1;
      keyEnd = this.pos - 1;
      segment = t.slice(keyStart, keyEnd);
    } else if (isDigit(c) || (c === MINUS && isDigit(this.code(this.pos + 1)))) {
      const ns = this.pos;
      this.num();
      segment = t.slice(ns, this.pos);
    } else {
      const r = this.value(depth + 1);
      if (r === FAIL) return FAIL;
      if (r === NONE) return this.fail(`Missing index inside [ ] in ${this.label}`, open, this.pos + 1);
      segment = '*';
    }
    this.ws();
    if (this.code(this.pos) !== RBRACKET) return this.fail(`Missing ] in ${this.label}`, open, this.pos);
    this.pos++;
    path.push(segment);
    this.bracketKeyStart = keyStart;
    this.bracketKeyEnd = keyEnd;
    return OK;
  }

  // --- tokens -----------------------------------------------------------------------------------------------

  /** Skips whitespace; what was read before it is good. */
  ws(): void {
    this.lastGood = this.pos;
    while (this.pos < this.end && isSpace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  /** Reads an identifier (`[A-Za-z_][A-Za-z0-9_-]*\??`) at pos, if any. */
  ident(): void {
    if (!isIdentStart(this.code(this.pos))) return;
    this.pos++;
    while (isWordChar(this.code(this.pos))) this.pos++;
    if (this.code(this.pos) === QUESTION) this.pos++;
  }

  /** Consumes the whole word `word` at pos, if it is there. */
  keyword(word: string): boolean {
    const p = this.pos;
    if (
      p + word.length > this.end ||
      !this.text.startsWith(word, p) ||
      isWordChar(this.code(p + word.length))
    )
      return false;
    this.pos = p + word.length;
    return true;
  }

  /** Comparison operator at `p`, or ''. */
  operatorAt(p: number): string {
    const c = this.code(p);
    const d = this.code(p + 1);
    if ((c === EQ || c === BANG) && d === EQ) return c === EQ ? '==' : '!=';
    if (c === LT) return d === GT ? '<>' : d === EQ ? '<=' : '<';
    if (c === GT) return d === EQ ? '>=' : '>';
    if (c === 99 /* c */ && this.text.startsWith('contains', p) && !isWordChar(this.code(p + 8)))
      return 'contains';
    return '';
  }

  /** Consumes a comparison operator at pos; returns it or ''. */
  operator(): string {
    const op = this.operatorAt(this.pos);
    this.pos += op.length;
    return op;
  }

  /** After a problem in a tag: still find the variables in the rest of it (for references and renames). */
  laxReferences(): void {
    const t = this.text;
    this.mute++;
    while (this.pos < this.end) {
      const c = this.code(this.pos);
      if (c === DQUOTE || c === SQUOTE) {
        let k = this.pos + 1;
        while (k < this.end && this.code(k) !== c) k++;
        this.pos = k + 1;
        continue;
      }
      if (isWordChar(c) || c === QUESTION) {
        const s = this.pos;
        const prev = s > 0 ? t.charCodeAt(s - 1) : -1;
        if (isIdentStart(c) && prev !== DOT && prev !== RBRACKET) {
          let k = s;
          while (isWordChar(this.code(k))) k++;
          const word = t.slice(s, k);
          // the previous non-blank character: a filter name follows `|`
          let b = s - 1;
          while (b >= 0 && isSpace(t.charCodeAt(b))) b--;
          let a = k;
          while (a < this.end && isSpace(t.charCodeAt(a))) a++;
          const isFilter = b >= 0 && t.charCodeAt(b) === PIPE;
          const isKey = this.code(a) === COLON;
          if (!isFilter && !isKey && !LAX_SKIP_WORDS.has(word)) {
            this.failed = false;
            this.lookup(0);
            if (this.pos > s) continue;
          }
          this.pos = k;
          continue;
        }
        while (isWordChar(this.code(this.pos)) || this.code(this.pos) === QUESTION) this.pos++;
        continue;
      }
      this.pos++;
    }
    this.mute--;
    this.failed = false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Public API

function scan(text: string): Scanner | null {
  if (text.indexOf('{{') < 0 && text.indexOf('{%') < 0) return null;
  const s = new Scanner(text);
  s.run();
  return s;
}

function isLocal(s: Scanner, root: string): boolean {
  return (s.locals !== null && s.locals.has(root)) || BUILTIN_LOCALS.includes(root);
}

/**
 * Syntax problems and variable references of a Liquid template (a widget property), both in text order.
 * Treat the result as read-only: strings without problems or references all get one shared, frozen result.
 */
export function analyzeLiquid(text: string): LiquidAnalysis {
  const s = scan(text);
  if (s === null) return EMPTY;
  let refs = s.refs;
  if (refs !== null) {
    let hasLocal = false;
    let sorted = true;
    let prev = -1;
    for (const r of refs) {
      if (isLocal(s, r.root)) hasLocal = true;
      // a lookup inside an index (`a[b.c]`) is finished, and noted, before the one around it
      if (r.start < prev) sorted = false;
      prev = r.start;
    }
    if (hasLocal) refs = refs.filter((r) => !isLocal(s, r.root));
    if (!sorted) refs.sort((a, b) => a.start - b.start);
  }
  const issues = s.issues ?? EMPTY_ISSUES;
  // blocks left open are found at the end, but belong where they open
  for (let k = 1; k < issues.length; k++) {
    if ((issues[k]?.start ?? 0) < (issues[k - 1]?.start ?? 0)) {
      issues.sort((a, b) => a.start - b.start);
      break;
    }
  }
  const references = refs === null || refs.length === 0 ? EMPTY_REFERENCES : refs;
  if (issues === EMPTY_ISSUES && references === EMPTY_REFERENCES) return EMPTY;
  return s.omitted > 0 ? { issues, omitted: s.omitted, references } : { issues, references };
}

/** Whether the text contains a Liquid tag opener (`{{` or `{%`). */
export function hasLiquid(text: string): boolean {
  return text.includes('{{') || text.includes('{%');
}

/**
 * Rewrites every reference to widget `oldName` (dotted and bracket forms) to `newName`, leaving everything else
 * byte-identical; returns the same string instance when nothing changed.
 */
export function renameWidgetInLiquid(text: string, oldName: string, newName: string): string {
  if (oldName === newName || oldName === '' || !text.includes(oldName)) return text;
  const s = scan(text);
  if (s === null || s.widgetSpans === null || (s.locals !== null && s.locals.has('widgets'))) return text;
  const spans = s.widgetSpans;
  let out = '';
  let last = 0;
  for (let k = 0; k + 1 < spans.length; k += 2) {
    const a = spans[k] ?? 0;
    const b = spans[k + 1] ?? 0;
    if (a < last || b - a !== oldName.length || !text.startsWith(oldName, a)) continue;
    out += text.slice(last, a) + newName;
    last = b;
  }
  if (last === 0) return text;
  return out + text.slice(last);
}

/** Whether the flow has a widget of a name: a `widgetIndex`, a set of the widgets' names. */
export interface WidgetNames {
  has(name: string): boolean;
}

/**
 * The references to widgets the flow does not have: those whose widget name (`widgetOf`: `widgets.NAME…` gives
 * NAME, other references nothing) no widget has, exactly. Liquid reads names case-sensitively, so
 * `widgets.Gather_1` does not reach `gather_1`. The one rule behind the validator's `lint.unknown-widget-reference`
 * (src/validation/lintFlow.ts) and the inspector's "No widget named" note ({@link missingWidgetReferences}).
 */
export function referencesToMissingWidgets<R>(
  references: Iterable<R>,
  widgetOf: (reference: R) => string | undefined,
  names: WidgetNames,
): R[] {
  const missing: R[] = [];
  for (const r of references) {
    const name = widgetOf(r);
    if (name !== undefined && !names.has(name)) missing.push(r);
  }
  return missing;
}

/** A reference to a widget the flow does not have: the name, and where it is written (end exclusive). */
export interface MissingWidgetReference {
  name: string;
  start: number;
  end: number;
}

/**
 * References in `text` to widgets the flow does not have (`{{widgets.gone.Body}}`; see
 * {@link referencesToMissingWidgets}), in text order, each with the span of the name in `text`: the whole reference
 * when the name is not written out as it is (an escaped bracket key).
 */
export function missingWidgetReferences(text: string, names: WidgetNames): MissingWidgetReference[] {
  if (!text.includes('widgets')) return [];
  const { references } = analyzeLiquid(text);
  return referencesToMissingWidgets(references, (r) => r.widget, names).map((r) => {
    const name = r.widget as string;
    const at = text.indexOf(name, r.start + 'widgets'.length);
    return at >= 0 && at < r.end
      ? { name, start: at, end: at + name.length }
      : { name, start: r.start, end: r.end };
  });
}

/** Every widget name referenced in the text, each once, in order of first reference. */
export function referencedWidgets(text: string): string[] {
  const { references } = analyzeLiquid(text);
  if (references.length === 0) return [];
  const seen = new Set<string>();
  for (const r of references) if (r.widget !== undefined) seen.add(r.widget);
  return [...seen];
}
