import { describe, expect, it } from 'vitest';
import { importFlowText } from '../io';
import { splitConditionRows } from '../model/conditions';
import type { FlowDefinition, Problem, Widget } from '../model/types';
import { corpusFile, corpusFiles, LEGACY_FILE } from '../testing/corpus';
import { createValidator } from '../validation';
import { fieldKey, problemsByField, problemsUnder, unclaimedProblems, WIDGET_LEVEL } from './fieldProblems';
import { formFields, formModelFor, unknownProperties } from './formModel';

function load(file: string): FlowDefinition {
  const r = importFlowText(corpusFile(file).text);
  if (!r.ok) throw new Error(r.error.message);
  return r.flows[0]?.definition as FlowDefinition;
}

function forWidget(
  def: FlowDefinition,
  name: string,
): { map: Map<string, Problem[]>; index: number; widget: Widget } {
  const index = def.states.findIndex((s) => s.name === name);
  const problems = createValidator('studio').validate(def);
  return { map: problemsByField(problems, index), index, widget: def.states[index] as Widget };
}

function codes(map: Map<string, Problem[]>): Record<string, string[]> {
  return Object.fromEntries([...map].map(([k, list]) => [k, list.map((p) => p.code)]));
}

describe('problemsByField on real validation problems', () => {
  it('puts a stale split argument on its condition, by transition index', () => {
    const def = load('real/tm__ca_khp-english-post-call-survey.json');
    const { map, widget } = forWidget(def, 'split_2');
    const rows = splitConditionRows(widget);
    const first = rows[0]?.transitionIndex ?? -1;
    expect(first).toBeGreaterThanOrEqual(0);
    const key = fieldKey(['transitions', first, 'conditions', 0, 'arguments', 0]);
    expect(map.get(key)?.map((p) => p.code)).toEqual(['lint.split-stale-argument']);
    // The split-conditions pseudo-field (key `transitions`) shows them all, a row shows its own.
    expect(problemsUnder(map, 'transitions').length).toBeGreaterThanOrEqual(rows.length - 1);
    expect(problemsUnder(map, `transitions.${first}`).map((p) => p.code)).toEqual([
      'lint.split-stale-argument',
    ]);
    expect(problemsUnder(map, `transitions.${first}`)[0]?.field).toBe(
      'transitions.match[0].conditions[0].arguments[0]',
    );
  });

  it('puts an empty required field on the field', () => {
    const def = load('real/apaleo__studio_flow.json');
    const { map } = forWidget(def, 'get_apaleo_token');
    expect(codes(map)).toMatchObject({ url: ['lint.empty-required'] });
  });

  it('puts a Liquid error in a parameter on its row and column', () => {
    const def = load('real/apaleo__studio_flow.json');
    const { map } = forWidget(def, 'cancel_reservation');
    expect(map.get('parameters.0.value')?.map((p) => p.code)).toEqual(['lint.liquid-syntax']);
    expect(problemsUnder(map, 'parameters').map((p) => p.code)).toContain('lint.liquid-syntax');
  });

  it('puts a reference to a missing widget on the field that holds it', () => {
    const def = load('real/tm__ca_webchat.json');
    const { map } = forWidget(def, 'send_closed_fr');
    expect(map.get('body')?.map((p) => p.code)).toEqual(['lint.unknown-widget-reference']);
  });

  it('keeps transition problems of other widgets for the top of the form', () => {
    const def = load('real/ft__vaccine-standby-list__sms-studio-flow.json');
    const { map, widget } = forWidget(def, 'Goodbye');
    expect(codes(map)).toMatchObject({ 'transitions.0.next': ['lint.dangling-next'] });
    const model = formModelFor(widget.type);
    expect(unclaimedProblems(map, model, widget).map((p) => p.code)).toEqual(['lint.dangling-next']);
  });

  it('puts widget-level problems under the empty key', () => {
    const def = load('real/tm__ca_988camh.json');
    const { map, widget } = forWidget(def, 'f_check_counsellors');
    expect(map.get(WIDGET_LEVEL)?.map((p) => p.code)).toEqual(['lint.unreachable']);
    expect(unclaimedProblems(map, formModelFor(widget.type), widget).map((p) => p.code)).toContain(
      'lint.unreachable',
    );
  });

  it('shows every problem of the corpus somewhere on its widget’s form', () => {
    const validator = createValidator('studio');
    let mapped = 0;
    for (const c of corpusFiles()) {
      if (c.file === LEGACY_FILE) continue;
      const def = load(c.file);
      const problems = validator.validate(def);
      def.states.forEach((w, i) => {
        const own = problems.filter(
          (p) => p.pointer === `/states/${i}` || p.pointer.startsWith(`/states/${i}/`),
        );
        const map = problemsByField(problems, i);
        const model = formModelFor(w.type);
        const fieldKeys = new Set(formFields(model).map((f) => f.key));
        const shown = new Set<Problem>(unclaimedProblems(map, model, w));
        for (const [k, list] of map) {
          const head = k.split('.')[0] ?? '';
          if (fieldKeys.has(head) || unknownProperties(w, model).includes(head))
            for (const p of list) shown.add(p);
        }
        for (const p of own) expect(shown.has(p), `${c.file} ${p.pointer} ${p.code}`).toBe(true);
        mapped += own.length;
      });
    }
    expect(mapped).toBeGreaterThan(30);
  });
});

describe('problemsByField on constructed problems', () => {
  const def: FlowDefinition = {
    description: 'x',
    initial_state: 'Trigger',
    states: [
      {
        name: 'Trigger',
        type: 'trigger',
        properties: { offset: { x: 0, y: 0 } },
        transitions: [{ event: 'incomingMessage', next: 'send' }],
      },
      {
        name: 'send',
        type: 'send-message',
        properties: { from: '{{flow.channel.address}}' },
        transitions: [{ event: 'sent' }, { event: 'failed' }],
      },
      {
        name: 'say',
        type: 'say-play',
        properties: { say: 'a', play: 'b', loop: 1 },
        transitions: [{ event: 'audioComplete' }],
      },
      {
        name: 'profile',
        type: 'look-up-profile',
        properties: { contact_identifier_value: 'x', profile_connector_instance: { sid: 'a' } },
        transitions: [],
      },
      {
        name: 'bad/name',
        type: 'send-message',
        properties: { body: 'x', from: 'y', timeout: 'soon' },
        transitions: [],
      },
    ],
  };
  const problems = createValidator('studio').validate(def);

  it('maps a missing required property to the missing key', () => {
    const map = problemsByField(problems, 1);
    expect(map.get('body')?.map((p) => p.code)).toEqual(['schema.required']);
    expect(map.get('body')?.[0]?.pointer).toBe('/states/1/properties');
  });

  it('maps a one-of problem to each alternative', () => {
    const map = problemsByField(problems, 2);
    const say = map.get('say') ?? [];
    expect(say.map((p) => p.code)).toContain('schema.one-of');
    expect(map.get('play')).toEqual(say.filter((p) => p.code === 'schema.one-of'));
  });

  it('maps a missing key of an object to the nested field', () => {
    const map = problemsByField(problems, 3);
    expect(map.get('profile_connector_instance.friendly_name')?.map((p) => p.code)).toEqual([
      'schema.required',
    ]);
    expect(problemsUnder(map, 'profile_connector_instance')).toHaveLength(1);
  });

  it('keeps other widgets’ and flow-level problems out', () => {
    const map = problemsByField(problems, 1);
    for (const list of map.values())
      for (const p of list) expect(p.pointer.startsWith('/states/1')).toBe(true);
    // `/states/1` must not match `/states/10`.
    expect(
      problemsByField([{ ...(problems[0] as Problem), pointer: '/states/10/properties/body' }], 1).size,
    ).toBe(0);
    expect(
      problemsByField([{ severity: 'error', code: 'x', message: 'x', pointer: '/states/1/name' }], 1).get(''),
    ).toHaveLength(1);
  });

  it('puts name problems at the top and unknown properties in Advanced', () => {
    const map = problemsByField(problems, 4);
    expect(map.get(WIDGET_LEVEL)?.map((p) => p.code)).toContain('lint.invalid-name');
    const w = def.states[4] as Widget;
    const model = formModelFor(w.type);
    expect(unknownProperties(w, model)).toEqual(['timeout']);
    expect(unclaimedProblems(map, model, w).map((p) => p.code)).toEqual([
      'lint.invalid-name',
      'lint.unreachable',
    ]);
  });
});
