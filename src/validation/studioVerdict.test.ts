import { describe, expect, it } from 'vitest';
import type { FlowDefinition, Problem } from '../model/types';
import { disagreements, studioProblems } from './studioVerdict';

const definition = {
  description: 'd',
  initial_state: 'Trigger',
  flags: { allow_concurrent_calls: true },
  states: [
    { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingMessage', next: 'greet' }], properties: {} },
    {
      name: 'greet',
      type: 'send-message',
      transitions: [{ event: 'sent' }, { event: 'failed' }],
      properties: { body: '', from: '{{flow.channel.address}}' },
    },
  ],
} as unknown as FlowDefinition;

const problem = (pointer: string, severity: Problem['severity'] = 'error'): Problem => ({
  severity,
  code: 'x',
  message: pointer,
  pointer,
});

describe("Studio's verdict as problems", () => {
  it('maps property paths to the widget and its field', () => {
    const [body, flow, transition] = studioProblems(definition, [
      { message: 'body must not be empty', property_path: '#/states/1/properties/body' },
      { message: 'bad flags', property_path: '#/flags' },
      { message: 'next missing', property_path: '#/states/1/transitions/1' },
    ]);
    expect(body).toEqual({
      severity: 'error',
      code: 'studio.remote',
      message: 'Studio: body must not be empty',
      pointer: '/states/1/properties/body',
      widget: 'greet',
      field: 'body',
    });
    expect(flow).toMatchObject({ pointer: '/flags' });
    expect(flow?.widget).toBeUndefined();
    expect(transition).toMatchObject({ widget: 'greet', field: 'transitions.failed' });
  });

  it('keeps an error without a path, or with a path outside the flow, as a flow-level problem', () => {
    const [none, outside] = studioProblems(definition, [
      { message: 'Invalid' },
      { message: 'no such widget', property_path: '#/states/9/name' },
    ]);
    expect(none).toMatchObject({ pointer: '', message: 'Studio: Invalid' });
    expect(outside?.widget).toBeUndefined();
  });

  it('reports where the verdicts differ, by place (a parent and a child place agree)', () => {
    const studio = studioProblems(definition, [
      { message: 'a', property_path: '#/states/1/properties/body' },
      { message: 'b', property_path: '#/states/1/properties/from' },
    ]);
    const offline = [
      problem('/states/1/properties'),
      problem('/states/0/transitions/0/next'),
      problem('/description', 'warning'),
    ];
    const result = disagreements(studio, offline);
    expect(result.map((d) => [d.only, d.problem.pointer])).toEqual([['offline', '/states/0/transitions/0/next']]);
    expect(disagreements(studio, [])).toHaveLength(2);
    expect(disagreements([], [])).toEqual([]);
  });
});
