import { describe, expect, it } from 'vitest';
import { corpusFiles } from '../testing/corpus';
import {
  analyzeLiquid,
  hasLiquid,
  MAX_LIQUID_ISSUES,
  missingWidgetReferences,
  referencedWidgets,
  referencesToMissingWidgets,
  renameWidgetInLiquid,
} from './liquid.ts';
import type { LiquidIssue } from './liquid.ts';

/** The messages of the issues found in `text`. */
function messages(text: string): string[] {
  return analyzeLiquid(text).issues.map((i) => i.message);
}

/** The single issue found in `text`, with the text it spans. */
function single(text: string): LiquidIssue & { spanned: string } {
  const { issues } = analyzeLiquid(text);
  expect(issues, JSON.stringify(issues)).toHaveLength(1);
  const issue = issues[0];
  if (issue === undefined) throw new Error('no issue');
  return { ...issue, spanned: text.slice(issue.start, issue.end) };
}

/** `root.path…` of every reference, and the text each spans. */
function refs(text: string): { path: string; text: string; widget?: string }[] {
  return analyzeLiquid(text).references.map((r) => ({
    path: r.path.join('.'),
    text: text.slice(r.start, r.end),
    ...(r.widget === undefined ? {} : { widget: r.widget }),
  }));
}

describe('fast path and hasLiquid', () => {
  it('returns one shared, frozen empty result for text without tags', () => {
    const a = analyzeLiquid('Hello there, {name} ${var.x} {"a": {"b": 1}} 50% }} %}');
    const b = analyzeLiquid('');
    expect(a).toBe(b);
    expect(a.issues).toHaveLength(0);
    expect(a.references).toHaveLength(0);
    expect(Object.isFrozen(a) && Object.isFrozen(a.issues) && Object.isFrozen(a.references)).toBe(true);
  });

  it('returns the shared empty result for tags without problems or references', () => {
    expect(analyzeLiquid('{{ "now" | date: "%Y" }}')).toBe(analyzeLiquid('plain'));
  });

  it('hasLiquid looks for {{ and {%', () => {
    expect(hasLiquid('{{x}}')).toBe(true);
    expect(hasLiquid('a {% if x %}')).toBe(true);
    expect(hasLiquid('{ {x} } ${var.x} % }')).toBe(false);
  });
});

describe('valid Liquid has no issues', () => {
  it.each([
    ['output with filters', '{{ widgets.gather_1.Digits | downcase | strip }}'],
    [
      'filter arguments',
      "{{ x | default: \"y\" | date: \"%Y-%m-%d\" | replace: '1', 'X' | remove:'whatsapp:' }}",
    ],
    ['keyword filter argument', '{{ x | default: "y", allow_false: true }}'],
    ['whitespace control', '{{- widgets.a.b -}} {%- if x -%} y {%- endif -%}'],
    [
      'if / elsif / else',
      '{% if flow.variables.x == "1" %}a{% elsif a != 2 and b contains "x" or c >= 3 %}b{% else %}c{% endif %}',
    ],
    [
      'all comparison operators',
      '{% if a == 1 or a != 1 or a <> 1 or a < 1 or a > 1 or a <= 1 or a >= 1 %}{% endif %}',
    ],
    ['literals', '{% if true and false or nil == empty or x == blank or y == null or -1.5 < 2 %}{% endif %}'],
    ['unless', '{% unless x %}y{% else %}z{% endunless %}'],
    ['case / when / else', '{% case x %}{% when "a", "b" or 1 %}A{% when c %}C{% else %}?{% endcase %}'],
    [
      'for over a range with a loop object',
      '{% for i in (1..widgets.g.parsed.count) %}{{ forloop.index0 }}{% else %}none{% endfor %}',
    ],
    [
      'for with attributes',
      '{% for x in arr reversed limit: 3 offset: continue %}{% break %}{% continue %}{% endfor %}',
    ],
    ['tablerow', '{% tablerow x in arr cols: 2, limit: 4 %}{{ x }}{% endtablerow %}'],
    ['capture', '{% capture v %}{{ widgets.a.b }}{% endcapture %}{{ v }}'],
    ['assign with filters', '{% assign idx = flow.variables.i | plus: 0 %}{{ sites[idx].name }}'],
    ['comment', '{% comment %} {{ broken {% if %} {% comment %}nested{% endcomment %} {% endcomment %}'],
    ['inline comment', '{% # just a note about widgets.x %}'],
    ['raw', '{% raw %}{{ not liquid {% if %}{% endraw %}'],
    [
      'increment, decrement, cycle, echo',
      '{% increment n %}{% decrement n %}{% cycle "g": "a", "b" %}{% echo x | upcase %}',
    ],
    [
      'include and render',
      '{% include "a" with x as y %}{% render "b", k: 1, j: widgets.a.b %}{% render "c" for list as item %}',
    ],
    [
      'liquid tag',
      '{% liquid\n  assign x = widgets.a.b\n  if x\n    echo x\n  endif\n  comment\n  anything\n  endcomment\n%}',
    ],
    ['ifchanged', '{% for x in a %}{% ifchanged %}{{ x }}{% endifchanged %}{% endfor %}'],
    ['bracket lookups', '{{ widgets["a b"].x[0]["k"][-1][flow.variables.i] }}'],
    [
      'whitespace around dots',
      '{% if widgets. \nget_reservation.parsed .count == 1%}{{ flow.variables. x }}{% endif %}',
    ],
    ['question-mark identifiers', '{% if user.admin? %}{% endif %}'],
    [
      'JSON body with Liquid values',
      '{"a": "{{flow.data.x}}", "memory": {{widgets.ChatBot.memory | to_json}}}',
    ],
    [
      'Terraform placeholders',
      '{"helpline": "${helpline}", "url": "https://x-${var.env}.example/{{flow.sid}}"}',
    ],
    ['stray closers in text', 'Save 50% }} now %} {{ x }}}'],
    ['string with braces and pipes', '{{ x | default: "} | %} {" }}{% if x == "}} {{" %}{% endif %}'],
    [
      'hyphenated names',
      '{{ trigger.call.SipHeader_X-Aselo-Call-Id | split: ":" | last }}{{ widgets.my-widget.body }}',
    ],
  ])('%s', (_name, text) => {
    expect(analyzeLiquid(text).issues).toEqual([]);
  });
});

describe('issues', () => {
  it('unclosed output tag, pointing after what was read', () => {
    const i = single('Hi {{widgets.x.Body, welcome');
    expect(i.message).toBe('Unclosed {{ … }}: add }} after “widgets.x.Body”');
    expect(i.spanned).toBe('{{widgets.x.Body');
  });

  it('unclosed output tag at the end of the text', () => {
    expect(messages('Hi {{')).toEqual(['Unclosed {{: add }} to close it']);
  });

  it('unclosed output tag followed by another tag', () => {
    const a = analyzeLiquid('{{ a {{ widgets.b.c }}');
    expect(a.issues.map((i) => i.message)).toEqual(['Unclosed {{ … }}: add }} after “a”']);
    expect(a.references.map((r) => r.path.join('.'))).toEqual(['a', 'widgets.b.c']);
  });

  it('output tag closed with a single }', () => {
    const i = single('{{widgets.x.Body} and {{ flow.y }}');
    expect(i.message).toBe('{{ … } is closed with a single }: use }}');
    expect(i.spanned).toBe('{{widgets.x.Body}');
  });

  it('output tag closed with %}', () => {
    expect(single('{{ x %}').message).toBe('{{ … }} is closed with %}: use }}');
  });

  it('unclosed logic tag', () => {
    const i = single('{% if x == 1 yes{% endif %}');
    expect(i.message).toBe('Unclosed {% … %}: add %} after “if x == 1”');
    expect(i.start).toBe(0);
  });

  it('logic tag closed with }} or }', () => {
    expect(messages('{% if x }}y{% endif %}')).toEqual(['{% … %} is closed with }}: use %}']);
    expect(messages('{% if x }y{% endif %}')).toEqual(['{% … } is closed with }: use %}']);
  });

  it('a block never closed', () => {
    const i = single('a {% if flow.variables.x %} b');
    expect(i.message).toBe('{% if %} is never closed with {% endif %}');
    expect(i.spanned).toBe('{% if flow.variables.x %}');
  });

  it.each(['unless', 'case', 'for', 'tablerow', 'capture'])('unclosed %s block', (tag) => {
    const markup = { unless: 'x', case: 'x', for: 'x in y', tablerow: 'x in y', capture: 'x' }[tag] ?? '';
    expect(messages(`{% ${tag} ${markup} %}`)).toEqual([`{% ${tag} %} is never closed with {% end${tag} %}`]);
  });

  it('raw and comment never closed', () => {
    expect(messages('{% raw %}{{ x }}')).toEqual(['{% raw %} is never closed with {% endraw %}']);
    expect(messages('{% comment %}{% comment %}{% endcomment %}')).toEqual([
      '{% comment %} is never closed with {% endcomment %}',
    ]);
  });

  it('an end tag without its block', () => {
    const i = single('x {% endfor %}');
    expect(i.message).toBe('{% endfor %} without a matching {% for %}');
    expect(i.spanned).toBe('{% endfor %}');
    expect(messages('{% endraw %}{% endcomment %}')).toEqual([
      '{% endraw %} without a matching {% raw %}',
      '{% endcomment %} without a matching {% comment %}',
    ]);
  });

  it('an end tag closing an outer block reports the inner one', () => {
    const i = single('{% if a %}{% for x in y %}{% endif %}');
    expect(i.message).toBe('{% for %} is never closed with {% endfor %}');
    expect(i.spanned).toBe('{% for x in y %}');
  });

  it('an end tag of the wrong kind inside a block', () => {
    expect(messages('{% if a %}{% endfor %}{% endif %}')).toEqual([
      '{% endfor %} without a matching {% for %}',
    ]);
  });

  it('branch tags outside their blocks', () => {
    expect(messages('{% else %}')).toEqual([
      '{% else %} outside of an {% if %}, {% unless %}, {% case %} or {% for %} block',
    ]);
    expect(messages('{% elsif x %}')).toEqual(['{% elsif %} outside of an {% if %} or {% unless %} block']);
    expect(messages('{% when 1 %}')).toEqual(['{% when %} outside of a {% case %} block']);
    expect(messages('{% if a %}{% capture b %}{% else %}{% endcapture %}{% endif %}')).toHaveLength(1);
  });

  it('else if instead of elsif', () => {
    const a = analyzeLiquid('{% if a %}1{% else if widgets.w.x %}2{% endif %}');
    expect(a.issues.map((i) => i.message)).toEqual(['Use {% elsif … %} instead of {% else if … %}']);
    expect(a.references.map((r) => r.widget)).toContain('w');
  });

  it('empty tags', () => {
    const i = single('a {{ }} b');
    expect(i.message).toBe('Empty output tag {{ }}');
    expect(i.spanned).toBe('{{ }}');
    expect(messages('{{}}{{-  -}}')).toEqual(['Empty output tag {{ }}', 'Empty output tag {{ }}']);
    expect(messages('{% %}')).toEqual(['Empty tag {% %}']);
  });

  it('unterminated string literal', () => {
    const i = single('{{ x | default: "abc }}');
    expect(i.message).toBe('Unterminated string literal in {{ … }}');
    expect(i.spanned).toBe('"abc ');
    expect(messages("{% if x == 'a %}{% endif %}")).toEqual(['Unterminated string literal in {% if %}']);
    // As in Liquid, an output tag ends at the first }}, even inside quotes.
    expect(messages('{{ x | append: "}}" }}')).toEqual(['Unterminated string literal in {{ … }}']);
  });

  it('unknown tags', () => {
    expect(messages('{% foo x %}')).toEqual(['Unknown tag {% foo %}']);
    expect(messages('{% if a %}{% elseif b %}{% endif %}')).toEqual([
      'Unknown tag {% elseif %}: did you mean {% elsif %}?',
    ]);
    expect(messages('{% if a %}{% end %}')).toEqual([
      '{% if %} is never closed with {% endif %}',
      'Unknown tag {% end %}: close {% if %} with {% endif %}',
    ]);
  });

  it('missing filter name and filter argument', () => {
    expect(messages('{{ a | }}')).toEqual(['Missing filter name after | in {{ … }}']);
    expect(messages('{{ a || b }}')).toEqual(['Missing filter name after | in {{ … }}']);
    expect(messages('{{ a | date: }}')).toEqual(['Missing argument for filter “date” in {{ … }}']);
    expect(messages('{{ a | date: | upcase }}')).toEqual(['Missing argument for filter “date” in {{ … }}']);
  });

  it('incomplete references and brackets', () => {
    const i = single('{{ widgets.x. }}');
    expect(i.message).toBe('Incomplete variable reference “widgets.x.” in {{ … }}');
    expect(i.spanned).toBe('widgets.x.');
    expect(messages('{{ a[0 }}')).toEqual(['Missing ] in {{ … }}']);
    expect(messages('{{ a[] }}')).toEqual(['Missing index inside [ ] in {{ … }}']);
  });

  it('broken ranges', () => {
    expect(messages('{% for i in (1.5) %}{% endfor %}')).toEqual([
      'Expected “..” in range (start..end) in {% for %}',
    ]);
    expect(messages('{% for i in (1..) %}{% endfor %}')).toEqual([
      'Missing end of range (start..end) in {% for %}',
    ]);
    expect(messages('{% for i in (..2) %}{% endfor %}')).toEqual([
      'Missing start of range (start..end) in {% for %}',
    ]);
    expect(messages('{% for i in (1..2 %}{% endfor %}')).toEqual(['Missing ) after range in {% for %}']);
  });

  it('unexpected tokens', () => {
    const i = single('{{ a b }}');
    expect(i.message).toBe('Unexpected “b” in {{ … }}');
    expect(i.spanned).toBe('b');
    expect(messages('{{ a == b }}')).toEqual([
      'Unexpected “==” in {{ … }}: comparisons only work in {% if %}, {% unless %} and {% elsif %}',
    ]);
    expect(messages('{{{ a }}}')).toEqual(['Unexpected “{” in {{ … }}']);
    expect(messages('{{ 😀 }}')).toEqual(['Unexpected “😀” in {{ … }}']);
  });

  it('conditions', () => {
    expect(messages('{% if %}{% endif %}')).toEqual(['{% if %} needs a condition']);
    expect(messages('{% if a and %}{% endif %}')).toEqual(['Missing value after “and” in {% if %}']);
    expect(messages('{% if a == %}{% endif %}')).toEqual(['Missing value after “==” in {% if %}']);
    expect(messages('{% if a = 1 %}{% endif %}')).toEqual(['Use == (not =) to compare in {% if %}']);
    expect(messages('{% if a && b %}{% endif %}')).toEqual([
      'Use “and” / “or” instead of “&&” / “||” in {% if %}',
    ]);
    expect(messages('{% unless a | downcase == "x" %}{% endunless %}')).toEqual([
      'Filters can’t be used in {% unless %}: {% assign %} the filtered value first',
    ]);
    expect(messages('{% case %}{% endcase %}')).toEqual(['{% case %} needs a value']);
    expect(messages('{% case x %}{% when %}{% endcase %}')).toEqual(['{% when %} needs a value']);
  });

  it('malformed for, assign, capture and friends', () => {
    expect(messages('{% for x %}{% endfor %}')).toEqual(['{% for %} needs the form {% for item in list %}']);
    expect(messages('{% for x in %}{% endfor %}')).toEqual([
      '{% for %} needs the form {% for item in list %}',
    ]);
    expect(messages('{% for x in y limit: %}{% endfor %}')).toEqual([
      'Missing value after “limit:” in {% for %}',
    ]);
    expect(messages('{% assign x %}')).toEqual(['{% assign %} needs the form {% assign name = value %}']);
    expect(messages('{% assign x == 1 %}')).toEqual([
      '{% assign %} needs the form {% assign name = value %}',
    ]);
    expect(messages('{% assign x = %}')).toEqual(['Missing value after “=” in {% assign %}']);
    expect(messages('{% capture %}{% endcapture %}')).toEqual(['{% capture %} needs a variable name']);
    expect(messages('{% increment %}')).toEqual(['{% increment %} needs a variable name']);
    expect(messages('{% echo %}')).toEqual(['{% echo %} needs a value']);
    expect(messages('{% cycle %}')).toEqual(['{% cycle %} needs values']);
    expect(messages('{% render %}')).toEqual(['{% render %} needs a template name']);
  });

  it('blocks opened in {% liquid %} must close there', () => {
    expect(messages('{% liquid\nif x\necho x\n%}')).toEqual(['{% if %} is never closed with {% endif %}']);
    expect(messages('{% liquid\nassign = 1\n%}')).toEqual([
      '{% assign %} needs the form {% assign name = value %}',
    ]);
  });

  it('an output tag inside a logic tag', () => {
    const a = analyzeLiquid('{% if {{widgets.a.b}} == 1 %}y{% endif %}');
    expect(a.issues.map((i) => i.message)).toEqual([
      'Don’t put {{ … }} inside {% … %}: write the variable without braces',
    ]);
    expect(a.references.map((r) => r.widget)).toEqual(['a']);
  });

  it('issues are listed in text order', () => {
    const starts = analyzeLiquid('{% if a %}{% for x in y %}{{ }}{% unless b %}{{ c | }}').issues.map(
      (i) => i.start,
    );
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(starts).toHaveLength(5);
  });

  it('issue offsets are within the text', () => {
    for (const text of ['{{', '{%', '{{ a', '{% if', '{{ "', '{% if x %}', 'ab {{ x | }} {% endfor %}']) {
      for (const i of analyzeLiquid(text).issues) {
        expect(i.start).toBeGreaterThanOrEqual(0);
        expect(i.end).toBeGreaterThanOrEqual(i.start);
        expect(i.end).toBeLessThanOrEqual(text.length);
      }
    }
  });
});

describe('references', () => {
  it('dotted widget reference', () => {
    const [r] = analyzeLiquid('Hi {{ widgets.gather_1.Digits | downcase }}').references;
    expect(r).toEqual({
      root: 'widgets',
      widget: 'gather_1',
      path: ['widgets', 'gather_1', 'Digits'],
      start: 6,
      end: 29,
    });
  });

  it('bracket widget reference, both quotes', () => {
    expect(refs(`{{ widgets["my-widget"].body }} {{ widgets['w2'].x }}`)).toEqual([
      { path: 'widgets.my-widget.body', text: 'widgets["my-widget"].body', widget: 'my-widget' },
      { path: 'widgets.w2.x', text: "widgets['w2'].x", widget: 'w2' },
    ]);
  });

  it('hyphenated widget names', () => {
    expect(refs('{{widgets.my-widget.body}}')).toEqual([
      { path: 'widgets.my-widget.body', text: 'widgets.my-widget.body', widget: 'my-widget' },
    ]);
  });

  it('flow, trigger and contact roots', () => {
    expect(
      refs(
        '{{flow.variables.x}} {{flow.data.y}} {{trigger.message.Body}} {{contact.channel.address}} {{trigger | to_json}}',
      ).map((r) => r.path),
    ).toEqual([
      'flow.variables.x',
      'flow.data.y',
      'trigger.message.Body',
      'contact.channel.address',
      'trigger',
    ]);
  });

  it('references in every kind of tag', () => {
    const text =
      '{% if widgets.a.x %}{% elsif widgets.b.x %}{% endif %}{% unless widgets.c.x %}{% endunless %}' +
      '{% case widgets.d.x %}{% when widgets.e.x %}{% endcase %}{% for i in widgets.f.list %}{% endfor %}' +
      '{% assign v = widgets.g.x | default: widgets.h.x %}{% echo widgets.i.x %}{% cycle widgets.j.x, 2 %}' +
      '{{ 1 | plus: widgets.k.x }}{% for i in (widgets.l.x..widgets.m.x) %}{% endfor %}' +
      '{% render "t", key: widgets.n.x %}{% liquid\necho widgets.o.x\n%}';
    expect(referencedWidgets(text)).toEqual('abcdefghijklmno'.split(''));
  });

  it('whitespace around dots', () => {
    expect(refs('{% if widgets. \nget_reservation.parsed.count == 1 %}{% endif %}')).toEqual([
      {
        path: 'widgets.get_reservation.parsed.count',
        text: 'widgets. \nget_reservation.parsed.count',
        widget: 'get_reservation',
      },
    ]);
    expect(refs('{{ trigger.conversation.ChannelAttributes .memory }}')[0]?.path).toBe(
      'trigger.conversation.ChannelAttributes.memory',
    );
  });

  it('index segments: numbers, keys and computed indexes', () => {
    expect(refs('{{ widgets.h.parsed.sites[0]["a b"][flow.variables.i].name }}')).toEqual([
      {
        path: 'widgets.h.parsed.sites.0.a b.*.name',
        text: 'widgets.h.parsed.sites[0]["a b"][flow.variables.i].name',
        widget: 'h',
      },
      { path: 'flow.variables.i', text: 'flow.variables.i' },
    ]);
    expect(refs('{{ widgets[flow.variables.w].x }}').map((r) => r.widget)).toEqual([undefined, undefined]);
  });

  it('references are listed in text order', () => {
    const starts = analyzeLiquid('{{ widgets.a.x[widgets.b.y] }}').references.map((r) => r.start);
    expect(starts).toEqual([3, 15]);
  });

  it('nothing outside tags, in string literals, raw or comments', () => {
    expect(refs('widgets.foo.bar {"x": "widgets.a.b"} ${widgets.c.d}')).toEqual([]);
    expect(refs('{{ "widgets.no.x" | append: \'flow.no\' }}')).toEqual([]);
    expect(
      refs('{% raw %}{{ widgets.no.x }}{% endraw %}{% comment %}{{ widgets.no.y }}{% endcomment %}'),
    ).toEqual([]);
    expect(refs('{% # widgets.no.z %}')).toEqual([]);
  });

  it('no references from keywords, operators, literals, filter names or ranges', () => {
    const text =
      '{% if a contains "x" and b or c == true and d != empty and e == blank or f == nil %}{% endif %}' +
      '{% for i in (1..5) reversed limit: 2 offset: continue %}{% endfor %}{{ "x" | downcase | date: "%Y" }}';
    expect(refs(text).map((r) => r.path)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('variables defined in the same text are not references', () => {
    const text =
      '{% assign idx = flow.variables.i | plus: 0 %}{% capture msg %}x{% endcapture %}{% increment n %}' +
      '{% for item in widgets.h.parsed.list %}{{ item.name }}{{ forloop.index }}{% endfor %}' +
      '{{ widgets.h.parsed.sites[idx].name }}{{ msg }}{{ n }}';
    expect(refs(text).map((r) => r.path)).toEqual([
      'flow.variables.i',
      'widgets.h.parsed.list',
      'widgets.h.parsed.sites.*.name',
    ]);
  });

  it('references are still found in broken tags', () => {
    expect(referencedWidgets('{{ widgets.a.x widgets.b.y | upcase }}')).toEqual(['a', 'b']);
    expect(referencedWidgets('{{ widgets.a.x')).toEqual(['a']);
    expect(referencedWidgets('{% frobnicate widgets.a.x %}')).toEqual(['a']);
  });

  it('referencedWidgets lists each widget once, in order', () => {
    expect(referencedWidgets('{{widgets.b.x}} {{widgets.a.y}} {{widgets.b.z}} {{flow.variables.q}}')).toEqual(
      ['b', 'a'],
    );
    expect(referencedWidgets('no liquid')).toEqual([]);
  });
});

describe('references to missing widgets', () => {
  const names = new Set(['gather_1', 'Trigger', '']);

  it('are those whose widget name no widget has, exactly (Liquid reads names case-sensitively)', () => {
    const references = [
      { target: 'gather_1' },
      { target: 'Gather_1' },
      { target: 'gone' },
      { target: undefined },
      { target: '' },
      { target: 'gone' },
    ];
    expect(referencesToMissingWidgets(references, (r) => r.target, names)).toEqual([
      { target: 'Gather_1' },
      { target: 'gone' },
      { target: 'gone' },
    ]);
    // A name index (a Map) does as well as a set.
    expect(referencesToMissingWidgets(references, (r) => r.target, new Map([['gone', 0]]))).toHaveLength(3);
  });

  it('are found in a text with the span of the name, in text order', () => {
    const text = 'A {{widgets.gather_1.Digits}} B {{widgets.gone.parsed.x}} {{ widgets["also gone"].y }}';
    expect(missingWidgetReferences(text, names)).toEqual([
      { name: 'gone', start: text.indexOf('gone'), end: text.indexOf('gone') + 4 },
      { name: 'also gone', start: text.indexOf('also gone'), end: text.indexOf('also gone') + 9 },
    ]);
    expect(missingWidgetReferences('{{widgets.Gather_1.Digits}} {{widgets.Gather_1.x}}', names)).toHaveLength(
      2,
    );
  });

  it('are none outside tags, for other variables, and for local variables named widgets', () => {
    expect(missingWidgetReferences('widgets.gone outside a tag', names)).toEqual([]);
    expect(missingWidgetReferences('{{flow.variables.x}} {{trigger.message.Body}}', names)).toEqual([]);
    expect(missingWidgetReferences('{% assign widgets = 1 %}{{ widgets.gone }}', names)).toEqual([]);
  });
});

describe('renameWidgetInLiquid', () => {
  it('does not touch names that merely start with the old name', () => {
    expect(renameWidgetInLiquid('{{widgets.a.b}} {{widgets.ab.c}}', 'a', 'z')).toBe(
      '{{widgets.z.b}} {{widgets.ab.c}}',
    );
    expect(renameWidgetInLiquid('{{widgets.ab.c}} {{widgets.a-b.c}}', 'a', 'z')).toBe(
      '{{widgets.ab.c}} {{widgets.a-b.c}}',
    );
  });

  it('renames hyphenated names', () => {
    expect(renameWidgetInLiquid('{{ widgets.my-widget.body }}', 'my-widget', 'your_widget')).toBe(
      '{{ widgets.your_widget.body }}',
    );
    expect(renameWidgetInLiquid('{{ widgets.my.body }}', 'my', 'my-new')).toBe('{{ widgets.my-new.body }}');
  });

  it('renames the bracket form', () => {
    expect(renameWidgetInLiquid(`{{ widgets["old"].x }} {{ widgets['old'].y }}`, 'old', 'new')).toBe(
      `{{ widgets["new"].x }} {{ widgets['new'].y }}`,
    );
  });

  it('renames every reference, in every tag kind, leaving the rest byte-identical', () => {
    const text =
      '{"to": "{{ widgets.w.inbound.From }}",\n  "n": {{widgets.w.count | plus: 1}}}' +
      '{% if widgets.w.Body == "w" %}widgets.w.Body{% elsif widgets. \n w.x %}{% endif %}' +
      '{{ widgets.w.list[widgets.w.i].name }} {{ flow.variables.w }} {{ widgets.ww.x }}';
    const expected =
      '{"to": "{{ widgets.n3.inbound.From }}",\n  "n": {{widgets.n3.count | plus: 1}}}' +
      '{% if widgets.n3.Body == "w" %}widgets.w.Body{% elsif widgets. \n n3.x %}{% endif %}' +
      '{{ widgets.n3.list[widgets.n3.i].name }} {{ flow.variables.w }} {{ widgets.ww.x }}';
    expect(renameWidgetInLiquid(text, 'w', 'n3')).toBe(expected);
  });

  it('leaves plain text, string literals, raw and comments alone', () => {
    const text =
      'widgets.a.x {{ "widgets.a.x" }} {% raw %}{{ widgets.a.x }}{% endraw %}{% comment %}{{widgets.a.x}}{% endcomment %}';
    expect(renameWidgetInLiquid(text, 'a', 'b')).toBe(text);
  });

  it('returns the same instance when nothing changes', () => {
    const text = '{{ widgets.a.x }} {{ flow.variables.old }}';
    expect(renameWidgetInLiquid(text, 'old', 'new')).toBe(text);
    expect(renameWidgetInLiquid(text, 'a', 'a')).toBe(text);
    expect(renameWidgetInLiquid(text, 'zzz', 'y')).toBe(text);
    const plain = 'no liquid at all, widgets.a.x';
    expect(renameWidgetInLiquid(plain, 'a', 'b')).toBe(plain);
  });

  it('renames in broken tags too', () => {
    expect(renameWidgetInLiquid('{{ widgets.a.x', 'a', 'b')).toBe('{{ widgets.b.x');
    expect(renameWidgetInLiquid('{{ widgets.a.x widgets.a.y }}', 'a', 'b')).toBe(
      '{{ widgets.b.x widgets.b.y }}',
    );
  });
});

describe('pathological input', () => {
  // Quadratic scanning would make these hang (speed itself is measured by the benchmark, not asserted here).
  it('is analysed without hanging or throwing', () => {
    const inputs = [
      '{{ '.repeat(50_000),
      '{% if x %}'.repeat(20_000),
      '{% endfor %}'.repeat(20_000),
      '{{ "'.repeat(50_000) + '}}',
      '{% raw %}' + '{% x %}'.repeat(30_000),
      '{{ ' + 'a['.repeat(10_000) + ' }}',
      '{'.repeat(200_000) + '}'.repeat(200_000),
      '{{ ' + 'a.'.repeat(100_000) + 'b }}',
      '{% if ' + 'a and '.repeat(50_000) + 'b %}{% endif %}',
    ];
    // Every input but the last two (long but valid) is broken and must be reported as such.
    const reported = inputs.map((text) => analyzeLiquid(text).issues.length > 0);
    expect(reported).toEqual([true, true, true, true, true, true, true, false, false]);
    expect(analyzeLiquid(inputs[7] ?? '').references).toHaveLength(1);
  });

  it('lists at most MAX_LIQUID_ISSUES issues and counts the rest (a 6 MB body of `{{` is not 3 million objects)', () => {
    const a = analyzeLiquid('{{'.repeat(3_000_000));
    expect(a.issues).toHaveLength(MAX_LIQUID_ISSUES);
    expect(a.omitted).toBe(3_000_000 - MAX_LIQUID_ISSUES);
    expect(a.issues[0]).toEqual({ message: 'Unclosed {{: add }} to close it', start: 0, end: 2 });
    // The scan still reads the whole text: references after the cap are found.
    const b = analyzeLiquid('{{ }}'.repeat(150) + '{{ widgets.last.x }}');
    expect(b.issues).toHaveLength(MAX_LIQUID_ISSUES);
    expect(b.omitted).toBe(50);
    expect(b.references.map((r) => r.widget)).toEqual(['last']);
    // Below the cap nothing is omitted.
    expect(analyzeLiquid('{{ a').omitted).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Corpus sweep: the 141 real flows must read without Liquid problems, except genuine breakage listed here.

/**
 * Genuinely broken Liquid in the corpus, as `file|widget|field`:
 * - real/apaleo__studio_flow.json, widget `cancel_reservation`, `properties.parameters[0].value` is
 *   `{{flow.variables.reservation_id` — the output tag is never closed, so Studio sends the text as is.
 */
const KNOWN_BROKEN = new Set([
  'real/apaleo__studio_flow.json|cancel_reservation|properties/parameters/0/value',
]);

interface CorpusString {
  file: string;
  widget: string;
  field: string;
  text: string;
}

function collectStrings(value: unknown, field: string, out: (field: string, text: string) => void): void {
  if (typeof value === 'string') out(field, value);
  else if (Array.isArray(value)) value.forEach((v, i) => collectStrings(v, `${field}/${i}`, out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) collectStrings(v, `${field}/${k}`, out);
}

function loadCorpus(): { files: number; widgets: Map<string, Set<string>>; strings: CorpusString[] } {
  const strings: CorpusString[] = [];
  const widgets = new Map<string, Set<string>>();
  let files = 0;
  for (const { file, text } of corpusFiles()) {
    files++;
    const flow = JSON.parse(text) as {
      states: {
        name: string;
        properties?: unknown;
        transitions?: { conditions?: { arguments?: unknown }[] }[];
      }[];
    };
    widgets.set(file, new Set(flow.states.map((s) => s.name)));
    for (const state of flow.states) {
      const add = (field: string, value: string): void => {
        strings.push({ file, widget: state.name, field, text: value });
      };
      collectStrings(state.properties, 'properties', add);
      (state.transitions ?? []).forEach((t, ti) => {
        (t.conditions ?? []).forEach((c, ci) => {
          collectStrings(c.arguments, `transitions/${ti}/conditions/${ci}/arguments`, add);
        });
      });
    }
  }
  return { files, widgets, strings };
}

describe('corpus sweep', () => {
  const corpus = loadCorpus();

  it('reads all 141 flows', () => {
    expect(corpus.files).toBe(141);
    expect(corpus.strings.filter((s) => hasLiquid(s.text)).length).toBeGreaterThan(3000);
  });

  it('finds no Liquid issues except the documented breakage', () => {
    const found: string[] = [];
    for (const s of corpus.strings) {
      for (const issue of analyzeLiquid(s.text).issues) {
        const key = `${s.file}|${s.widget}|${s.field}`;
        if (!KNOWN_BROKEN.has(key)) found.push(`${key}: ${issue.message}`);
      }
    }
    expect(found).toEqual([]);
    const broken = corpus.strings.filter((s) => KNOWN_BROKEN.has(`${s.file}|${s.widget}|${s.field}`));
    expect(broken.map((s) => messages(s.text))).toEqual([
      ['Unclosed {{ … }}: add }} after “flow.variables.reservation_id”'],
    ]);
  });

  it('computes the referenced widgets of every flow, and only Studio roots are referenced', () => {
    const roots = new Set<string>();
    let references = 0;
    let widgetRefs = 0;
    const dangling: string[] = [];
    for (const s of corpus.strings) {
      const { references: list } = analyzeLiquid(s.text);
      references += list.length;
      for (const r of list) roots.add(r.root);
      for (const w of referencedWidgets(s.text)) {
        widgetRefs++;
        if (!corpus.widgets.get(s.file)?.has(w)) dangling.push(`${s.file} ${s.widget} → ${w}`);
      }
    }
    expect([...roots].sort()).toEqual(['contact', 'flow', 'trigger', 'widgets']);
    expect(references).toBeGreaterThan(4000);
    expect(widgetRefs).toBeGreaterThan(1000);
    // References to widgets that are not in the flow (deleted or renamed in Studio, or living in another flow).
    console.log(`corpus: ${widgetRefs} widget references, ${dangling.length} to widgets not in their flow`);
  });

  it('rename round-trips on every corpus string', () => {
    for (const s of corpus.strings) {
      for (const w of referencedWidgets(s.text)) {
        const renamed = renameWidgetInLiquid(s.text, w, `${w}__renamed`);
        expect(renamed).not.toBe(s.text);
        expect(referencedWidgets(renamed)).toContain(`${w}__renamed`);
        expect(renameWidgetInLiquid(renamed, `${w}__renamed`, w)).toBe(s.text);
      }
    }
  });
});
