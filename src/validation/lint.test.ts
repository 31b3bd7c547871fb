/** One test (or a few) per lint rule, on small hand-made flows. */
import { describe, expect, it } from 'vitest';
import type { FlowDefinition, Problem, Widget } from '../model/types';
import type { Profile } from '../schema/schemas';
import { flow, sendAndWait, sendMessage, split, trigger, type ConditionSpec } from './fixtures';
import { validateDefinition } from './index';

function lint(def: FlowDefinition, code?: string, profile: Profile = 'studio'): Problem[] {
  return validateDefinition(def, { profile }).filter(
    (p) => p.code.startsWith('lint.') && (code === undefined || p.code === code),
  );
}

function brief(problems: Problem[]): string[][] {
  return problems.map((p) => [p.severity, p.code, p.pointer, p.field ?? '', p.message]);
}

describe('a clean flow', () => {
  it('has no problems at all', () => {
    expect(
      validateDefinition(flow(trigger('greet'), sendMessage('greet', 'bye'), sendMessage('bye'))),
    ).toEqual([]);
  });
});

describe('initial_state and the Trigger', () => {
  it('initial_state missing or empty', () => {
    const def = flow(trigger('greet'), sendMessage('greet'));
    const { initial_state: _drop, ...without } = def;
    expect(brief(lint(without as FlowDefinition))).toEqual([
      [
        'error',
        'lint.initial-state-missing',
        '',
        'initial_state',
        'The flow has no `initial_state`: it must name the Trigger widget',
      ],
    ]);
    expect(brief(lint({ ...def, initial_state: '' }))).toEqual([
      [
        'error',
        'lint.initial-state-missing',
        '/initial_state',
        'initial_state',
        '`initial_state` is empty: it must name the Trigger widget',
      ],
    ]);
    // The schema's own minLength / required errors on initial_state are left to lint: reported once.
    expect(
      validateDefinition({ ...def, initial_state: '' }).filter((p) => p.code.startsWith('schema.')),
    ).toEqual([]);
  });

  it('initial_state naming a missing widget, or a widget that is not the Trigger', () => {
    const def = flow(trigger('greet'), sendMessage('greet'));
    expect(brief(lint({ ...def, initial_state: 'Start' }, 'lint.initial-state-unknown'))).toEqual([
      [
        'error',
        'lint.initial-state-unknown',
        '/initial_state',
        'initial_state',
        'The flow starts at “Start” (`initial_state`), but no widget has that name',
      ],
    ]);
    expect(brief(lint({ ...def, initial_state: 'greet' }, 'lint.initial-state-not-trigger'))).toEqual([
      [
        'error',
        'lint.initial-state-not-trigger',
        '/initial_state',
        'initial_state',
        'The flow starts at Send Message “greet” (`initial_state`); it must start at the Trigger',
      ],
    ]);
  });

  it('no Trigger, or more than one', () => {
    const none = { ...flow(sendMessage('greet')), initial_state: 'greet' };
    expect(lint(none, 'lint.no-trigger').map((p) => [p.severity, p.pointer, p.message])).toEqual([
      ['error', '/states', 'The flow has no Trigger widget: every Studio flow starts at one'],
    ]);
    const two = flow(trigger('greet'), sendMessage('greet'), trigger('greet', 'Trigger2'));
    expect(brief(lint(two, 'lint.multiple-triggers'))).toEqual([
      [
        'error',
        'lint.multiple-triggers',
        '/states/2',
        '',
        'Trigger “Trigger2” is a second Trigger: a flow has exactly one',
      ],
    ]);
  });
});

describe('names', () => {
  it('duplicate names, also differing only in case', () => {
    const def = flow(
      trigger('greet'),
      sendMessage('greet', 'Greet'),
      sendMessage('Greet'),
      sendMessage('greet'),
    );
    expect(brief(lint(def, 'lint.duplicate-name'))).toEqual([
      [
        'error',
        'lint.duplicate-name',
        '/states/2/name',
        'name',
        'Send Message “Greet”: Another widget is named “greet”; names must differ by more than case.',
      ],
      [
        'error',
        'lint.duplicate-name',
        '/states/3/name',
        'name',
        'Send Message “greet”: Another widget is already named “greet”.',
      ],
    ]);
  });

  it('names Studio refuses', () => {
    const def = flow(trigger('my message'), sendMessage('my message'), sendMessage('9lives'));
    expect(brief(lint(def, 'lint.invalid-name'))).toEqual([
      [
        'error',
        'lint.invalid-name',
        '/states/1/name',
        'name',
        'Send Message “my message”: A widget name can only contain letters, digits, underscores and hyphens (not spaces).',
      ],
      [
        'error',
        'lint.invalid-name',
        '/states/2/name',
        'name',
        'Send Message “9lives”: A widget name must start with a letter or an underscore.',
      ],
    ]);
  });

  it('an empty name is reported once (by the schema)', () => {
    const def = flow(trigger(''), sendMessage(''));
    const nameProblems = validateDefinition(def).filter((p) => p.field === 'name');
    expect(nameProblems.map((p) => [p.code, p.message])).toEqual([
      ['schema.min-length', '`name` cannot be empty'],
    ]);
  });
});

describe('transitions', () => {
  it('a transition to a widget that does not exist', () => {
    const def = flow(trigger('Goodbye'), sendMessage('Goodbye', 'SaveToAirtable'));
    expect(lint(def)).toEqual([
      {
        severity: 'error',
        code: 'lint.dangling-next',
        message: '“Goodbye” → event “sent” leads to “SaveToAirtable”, which does not exist',
        widget: 'Goodbye',
        pointer: '/states/1/transitions/0/next',
        field: 'transitions.sent.next',
      },
    ]);
  });

  it('an empty next is an unconnected event, and a widget may lead to itself', () => {
    const loop = sendMessage('again', 'again');
    loop.transitions[1] = { event: 'failed', next: '' };
    expect(lint(flow(trigger('again'), loop))).toEqual([]);
  });

  it('unreachable widgets, one warning each (also a cycle nothing leads into)', () => {
    const def = flow(trigger('a'), sendMessage('a'), sendMessage('b', 'c'), sendMessage('c', 'b'));
    expect(brief(lint(def))).toEqual([
      [
        'warning',
        'lint.unreachable',
        '/states/2',
        '',
        'Send Message “b” cannot be reached: no path from the Trigger leads to it',
      ],
      [
        'warning',
        'lint.unreachable',
        '/states/3',
        '',
        'Send Message “c” cannot be reached: no path from the Trigger leads to it',
      ],
    ]);
  });

  it('duplicate events (a warning), except the split `match` which repeats by design', () => {
    const dup = sendMessage('m');
    dup.transitions.push({ event: 'sent' });
    const s = split('s', '{{trigger.message.Body}}', [[{ value: '1' }], [{ value: '2' }]], 'm');
    s.transitions[1] = { ...s.transitions[1], next: 'm' } as Widget['transitions'][number];
    const def = flow(trigger('s'), s, dup);
    expect(brief(lint(def))).toEqual([
      [
        'warning',
        'lint.duplicate-event',
        '/states/2/transitions/2/event',
        'transitions.sent[1].event',
        'Send Message “m” has more than one “sent” transition; each event should appear once (the canvas has one port per event)',
      ],
    ]);
  });

  it('an event the catalog does not list, where the schema does not check events (official run-subflow)', () => {
    const sub: Widget = {
      name: 'sub',
      type: 'run-subflow',
      transitions: [{ event: 'completed' }, { event: 'done' }],
      properties: { flow_sid: 'FW00000000000000000000000000000000', flow_revision: 'LatestPublished' },
    };
    expect(brief(lint(flow(trigger('sub'), sub), 'lint.unknown-event', 'official'))).toEqual([
      [
        'warning',
        'lint.unknown-event',
        '/states/1/transitions/1/event',
        'transitions.done.event',
        "“done” is not an event of the Run Subflow (Studio's events: completed, failed)",
      ],
    ]);
    // In the studio profile the schema checks it: one schema.event problem, no lint duplicate.
    const studio = validateDefinition(flow(trigger('sub'), sub));
    expect(studio.map((p) => p.code)).toEqual(['schema.event']);
  });
});

describe('split conditions', () => {
  const INPUT = '{{widgets.ask.inbound.Body}}';
  const splitFlow = (matches: (ConditionSpec[] | undefined)[]): FlowDefinition =>
    flow(
      trigger('ask'),
      {
        ...sendAndWait('ask'),
        transitions: [
          { event: 'incomingMessage', next: 's' },
          { event: 'timeout' },
          { event: 'deliveryFailure' },
        ],
      },
      split('s', INPUT, matches),
    );

  it('a clean split has no problems', () => {
    expect(
      validateDefinition(
        splitFlow([[{ type: 'equal_to', value: '1' }], [{ type: 'is_blank', value: 'Is Blank' }]]),
      ),
    ).toEqual([]);
  });

  it('a match transition without conditions', () => {
    for (const profile of ['studio', 'official'] as const) {
      expect(brief(lint(splitFlow([undefined, []]), undefined, profile))).toEqual([
        [
          'error',
          'lint.split-no-condition',
          '/states/2/transitions/1',
          'transitions.match[0]',
          'A condition port of Split Based On “s” has no condition, so Studio can never take it',
        ],
        [
          'error',
          'lint.split-no-condition',
          '/states/2/transitions/2',
          'transitions.match[1]',
          'A condition port of Split Based On “s” has no condition, so Studio can never take it',
        ],
      ]);
    }
  });

  it('an unknown or missing condition type', () => {
    const problems = lint(
      splitFlow([[{ type: 'equals', friendly_name: 'One' }], [{ type: undefined, friendly_name: 'Two' }]]),
    );
    expect(brief(problems)).toEqual([
      [
        'error',
        'lint.split-condition-type',
        '/states/2/transitions/1/conditions/0/type',
        'transitions.match[0].conditions[0].type',
        'Condition “One” of Split Based On “s” has the type “equals”, which Studio does not know',
      ],
      [
        'error',
        'lint.split-condition-type',
        '/states/2/transitions/2/conditions/0',
        'transitions.match[1].conditions[0].type',
        'Condition “Two” of Split Based On “s” has no type (Equal To, Contains, …)',
      ],
    ]);
  });

  it('a missing or empty value, except for Is Blank / Is Not Blank', () => {
    const problems = lint(
      splitFlow([
        [{ value: '', friendly_name: 'A' }],
        [{ value: undefined, friendly_name: 'B' }],
        [{ type: 'is_blank', value: '', friendly_name: 'C' }],
        [{ type: 'is_not_blank', value: undefined, friendly_name: 'D' }],
      ]),
    );
    expect(problems.map((p) => [p.code, p.field, p.message])).toEqual([
      [
        'lint.split-condition-value',
        'transitions.match[0].conditions[0].value',
        'Condition “A” of Split Based On “s” has an empty value to compare with',
      ],
      [
        'lint.split-condition-value',
        'transitions.match[1].conditions[0].value',
        'Condition “B” of Split Based On “s” has no value to compare with',
      ],
    ]);
    // The studio schema (value minLength 1) does not report them a second time.
    expect(
      validateDefinition(splitFlow([[{ value: '' }]])).filter((p) => p.code.startsWith('schema.')),
    ).toEqual([]);
  });

  it('arguments missing, not strings, or more than one; a stale argument is info', () => {
    const problems = lint(
      splitFlow([
        [{ arguments: undefined, friendly_name: 'A' }],
        [{ arguments: [5], friendly_name: 'B' }],
        [{ arguments: [INPUT, INPUT], friendly_name: 'C' }],
        [{ arguments: ['{{widgets.old.inbound.Body}}'], friendly_name: 'D' }],
      ]),
    );
    expect(problems.map((p) => [p.severity, p.code, p.pointer, p.message])).toEqual([
      [
        'error',
        'lint.split-condition-arguments',
        '/states/2/transitions/1/conditions/0',
        "Condition “A” of Split Based On “s” has no argument: it needs exactly one, the split's input (`arguments`)",
      ],
      [
        'error',
        'lint.split-condition-arguments',
        '/states/2/transitions/2/conditions/0/arguments',
        "Condition “B” of Split Based On “s” has no argument: it needs exactly one, the split's input (`arguments`)",
      ],
      [
        'warning',
        'lint.split-condition-arguments',
        '/states/2/transitions/3/conditions/0/arguments',
        "Condition “C” of Split Based On “s” has 2 arguments; Studio uses exactly one, the split's input",
      ],
      [
        'info',
        'lint.split-stale-argument',
        '/states/2/transitions/4/conditions/0/arguments/0',
        'Condition “D” of Split Based On “s” still carries an old copy of the input (“{{widgets.old.inbound.Body}}”, now “{{widgets.ask.inbound.Body}}”); Studio tests the input and rewrites the copy on save',
      ],
    ]);
  });

  it('a condition that is not an object, and one without a label', () => {
    const def = splitFlow([[{ friendly_name: undefined }]]);
    const s = def.states[2] as Widget;
    s.transitions.push({ event: 'match', conditions: ['x' as unknown as never] });
    expect(lint(def).map((p) => [p.severity, p.code, p.field])).toEqual([
      ['warning', 'lint.split-condition-label', 'transitions.match[0].conditions[0].friendly_name'],
      ['error', 'lint.split-condition', 'transitions.match[1].conditions[0]'],
    ]);
  });
});

describe('Liquid', () => {
  it('Liquid that does not parse, in any string, with the pointer of that string', () => {
    const fn: Widget = {
      name: 'fn',
      type: 'run-function',
      transitions: [{ event: 'success' }, { event: 'fail' }],
      properties: { url: 'https://x.twil.io/f', parameters: [{ key: 'id', value: '{{flow.variables.id' }] },
    };
    const greet = sendMessage('greet', 'fn', { body: 'Hi {% if x %}there' });
    expect(brief(lint(flow(trigger('greet'), greet, fn)))).toEqual([
      [
        'warning',
        'lint.liquid-syntax',
        '/states/1/properties/body',
        'body',
        expect.stringMatching(/^Liquid error in `body`: .*\{% if %\}/) as unknown as string,
      ],
      [
        'warning',
        'lint.liquid-syntax',
        '/states/2/properties/parameters/0/value',
        'parameters[0].value',
        'Liquid error in `parameters[0].value`: Unclosed {{ … }}: add }} after “flow.variables.id”',
      ],
    ]);
  });

  it('Liquid in split condition values is checked too', () => {
    const s = split('s', '{{trigger.message.Body}}', [[{ value: '{{flow.variables.x' }]]);
    expect(lint(flow(trigger('s'), s)).map((p) => [p.code, p.field])).toEqual([
      ['lint.liquid-syntax', 'transitions.match[0].conditions[0].value'],
    ]);
  });

  it('a reference to a widget that does not exist is a warning', () => {
    const def = flow(
      trigger('greet'),
      sendMessage('greet', undefined, {
        body: 'You said {{widgets.ask.inbound.Body}} to {{widgets.greet.sid}}',
      }),
    );
    expect(brief(lint(def))).toEqual([
      [
        'warning',
        'lint.unknown-widget-reference',
        '/states/1/properties/body',
        'body',
        '`body` refers to “widgets.ask.inbound.Body”, but no widget is named “ask”',
      ],
    ]);
  });

  it('offsets are not Liquid', () => {
    const w = sendMessage('greet');
    w.properties.offset = { x: '{{' as unknown as number, y: 0 };
    expect(lint(flow(trigger('greet'), w))).toEqual([]);
  });
});

describe('empty required values', () => {
  it('warns (studio, empty-drafts) where the official schema errs', () => {
    const flex: Widget = {
      name: 'flex',
      type: 'send-to-flex',
      transitions: [{ event: 'callComplete' }, { event: 'failedToEnqueue' }, { event: 'callFailure' }],
      properties: { workflow: '', channel: 'TC00000000000000000000000000000000', attributes: '{}' },
    };
    const def = flow(trigger('flex'), flex);
    expect(brief(validateDefinition(def))).toEqual([
      [
        'warning',
        'lint.empty-required',
        '/states/1/properties/workflow',
        'workflow',
        'Send to Flex “flex” has an empty `workflow`: Studio saves it as a draft, but the widget fails when it runs',
      ],
    ]);
    expect(
      validateDefinition(def, { profile: 'official' })
        .filter((p) => p.widget === 'flex')
        .map((p) => p.code),
    ).toEqual(['schema.min-length']);
  });

  it("follows the schema's if/then/else: an empty body only matters without a content template", () => {
    const empty = sendMessage('m', undefined, { body: ' ' });
    expect(lint(flow(trigger('m'), empty)).map((p) => [p.code, p.message])).toEqual([
      [
        'lint.empty-required',
        'Send Message “m” has an empty Message body (`body`): Studio saves it as a draft, but the widget fails when it runs',
      ],
    ]);
    const template = sendMessage('m', undefined, {
      body: '',
      message_type: 'content_template',
      content_sid: 'HX00000000000000000000000000000000',
    });
    expect(lint(flow(trigger('m'), template))).toEqual([]);
  });
});
