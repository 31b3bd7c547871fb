import { describe, expect, it } from 'vitest';
import { importFlowText } from '../io';
import type { FlowDefinition } from '../model/types';
import { corpusFile } from '../testing/corpus';
import { liquidCompletions, missingWidgetReferences } from './liquidCompletions';

const def: FlowDefinition = {
  description: 'A New Flow',
  initial_state: 'Trigger',
  states: [
    { name: 'Trigger', type: 'trigger', properties: {}, transitions: [] },
    { name: 'gather_1', type: 'gather-input-on-call', properties: { say: 'Hi' }, transitions: [] },
    { name: 'send_message_1', type: 'send-message', properties: { body: 'x' }, transitions: [] },
    {
      name: 'set_variables_1',
      type: 'set-variables',
      properties: {
        variables: [
          { key: 'count', value: '1' },
          { key: 'lang', value: 'en', type: 'string' },
        ],
      },
      transitions: [],
    },
    { name: 'http_1', type: 'make-http-request', properties: {}, transitions: [] },
    { name: 'Zed', type: 'run-subflow', properties: {}, transitions: [] },
  ],
};

function labels(text: string): string[] | null {
  return liquidCompletions(def, text)?.items.map((i) => i.label) ?? null;
}

describe('liquidCompletions', () => {
  it('offers the roots after {{', () => {
    const r = liquidCompletions(def, 'Hello {{');
    expect(r?.from).toBe(8);
    expect(r?.items.map((i) => i.insertText)).toEqual(['flow.', 'trigger.', 'contact.', 'widgets.']);
    expect(labels('Hello {{ ')).toEqual(['flow', 'trigger', 'contact', 'widgets']);
    expect(labels('{{-')).toEqual(['flow', 'trigger', 'contact', 'widgets']);
  });

  it('filters by the prefix typed: {{wid', () => {
    const r = liquidCompletions(def, 'Hi {{wid');
    expect(r).toEqual({
      from: 5,
      items: [
        {
          label: 'widgets',
          insertText: 'widgets.',
          detail: 'Outputs of the flow’s widgets',
          kind: 'namespace',
        },
      ],
    });
    expect(labels('{{ T')).toEqual(['trigger']);
  });

  it('offers the flow’s widgets after {{widgets.', () => {
    const r = liquidCompletions(def, '{{widgets.');
    expect(r?.from).toBe(10);
    expect(r?.items.map((i) => i.label)).toEqual([
      'gather_1',
      'http_1',
      'send_message_1',
      'set_variables_1',
      'Zed',
    ]);
    const gather = r?.items.find((i) => i.label === 'gather_1');
    expect(gather).toEqual({
      label: 'gather_1',
      insertText: 'gather_1.',
      detail: 'Gather Input On Call',
      kind: 'widget',
    });
    expect(labels('{{widgets.se')).toEqual(['send_message_1', 'set_variables_1']);
    expect(labels('{{widgets.Trig')).toEqual([]); // the Trigger's data is trigger.*
  });

  it('offers a widget’s outputs after {{widgets.gather_1.', () => {
    const r = liquidCompletions(def, '{{widgets.gather_1.');
    expect(r?.from).toBe(19);
    const items = r?.items ?? [];
    expect(items.map((i) => i.label)).toEqual([
      'Digits',
      'SpeechResult',
      'Confidence',
      'CallStatus',
      'CallSid',
      'From',
      'To',
      'AccountSid',
    ]);
    expect(items.every((i) => i.kind === 'field' && i.insertText === i.label)).toBe(true);
    expect(labels('{{widgets.gather_1.Sp')).toEqual(['SpeechResult']);
  });

  it('expands nested outputs and open keys to a trailing dot', () => {
    const send = liquidCompletions(def, '{{ widgets.send_message_1.')?.items;
    expect(send).toEqual([{ label: 'outbound', insertText: 'outbound.', kind: 'namespace' }]);
    expect(labels('{{ widgets.send_message_1.outbound.')).toEqual(
      expect.arrayContaining(['Sid', 'Status', 'Body', 'ErrorCode', 'ConversationSid']),
    );
    const http = liquidCompletions(def, '{{widgets.http_1.')?.items ?? [];
    expect(http.find((i) => i.label === 'parsed')).toMatchObject({
      insertText: 'parsed.',
      kind: 'namespace',
    });
    expect(http.find((i) => i.label === 'status_code')).toMatchObject({
      insertText: 'status_code',
      kind: 'field',
    });
    expect(labels('{{widgets.http_1.parsed.')).toEqual([]);
    expect(labels('{{widgets.Zed.')).toEqual([]);
  });

  it('offers a Set Variables widget’s keys, and flow.variables from all of them', () => {
    expect(labels('{{widgets.set_variables_1.')).toEqual(['count', 'lang']);
    expect(labels('{{flow.variables.')).toEqual(['count', 'lang']);
    expect(labels('{{flow.')).toEqual(['sid', 'flow_sid', 'channel', 'data', 'variables']);
    expect(liquidCompletions(def, '{{flow.s')?.items).toEqual([
      { label: 'sid', insertText: 'sid', detail: 'execution SID', kind: 'field' },
    ]);
  });

  it('offers the trigger namespaces and their keys: {{trigger.message.B', () => {
    expect(labels('{{trigger.')).toEqual(['message', 'call', 'conversation', 'request', 'parent']);
    const r = liquidCompletions(def, 'Got: {{trigger.message.B');
    expect(r?.from).toBe(23);
    expect(r?.items).toEqual([{ label: 'Body', insertText: 'Body', kind: 'field' }]);
    expect(labels('{{trigger.message.ChannelA')).toEqual(['ChannelAttributes']);
    expect(liquidCompletions(def, '{{trigger.message.ChannelA')?.items[0]?.insertText).toBe(
      'ChannelAttributes.',
    );
    const sip = liquidCompletions(def, '{{trigger.call.Sip')?.items[0];
    expect(sip).toEqual({ label: 'SipHeader_<name>', insertText: 'SipHeader_', kind: 'field' });
    expect(labels('{{contact.channel.')).toEqual(['address']);
  });

  it('works inside logic tags and filter arguments', () => {
    expect(labels('{% if widgets.ga')).toEqual(['gather_1']);
    expect(labels('{% assign x = trigger.message.Bo')).toEqual(['Body']);
    expect(labels('{{ trigger.message.Body | default: flow.')).toContain('variables');
  });

  it('offers nothing outside an open tag, in strings, filter names and tag names', () => {
    expect(liquidCompletions(def, 'wid')).toBeNull();
    expect(liquidCompletions(def, '{{flow.sid}} wid')).toBeNull();
    expect(liquidCompletions(def, '{% if x %} wid')).toBeNull();
    expect(liquidCompletions(def, '{{ "wid')).toBeNull();
    expect(liquidCompletions(def, '{{ x | up')).toBeNull();
    expect(liquidCompletions(def, '{% i')).toBeNull();
    expect(liquidCompletions(def, '{{ widgets["x"].')).toBeNull();
    expect(liquidCompletions(def, '{{ nothing.')?.items).toEqual([]);
  });

  it('is computed once per definition', () => {
    const a = liquidCompletions(def, '{{widgets.')?.items;
    const edited: FlowDefinition = {
      ...def,
      states: [...def.states, { name: 'new_one', type: 'say-play', properties: {}, transitions: [] }],
    };
    expect(liquidCompletions(edited, '{{widgets.n')?.items.map((i) => i.label)).toEqual(['new_one']);
    expect(liquidCompletions(def, '{{widgets.')?.items).toEqual(a);
    // A large real flow: many completions stay fast.
    const r = importFlowText(corpusFile('real/tm__ca_webchat.json').text);
    if (!r.ok) throw new Error(r.error.message);
    const big = r.flows[0]?.definition as FlowDefinition;
    const start = performance.now();
    for (let i = 0; i < 1000; i++) liquidCompletions(big, `Body {{ widgets.${i % 2 ? 'a' : ''}`);
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe('missingWidgetReferences', () => {
  it('flags references to widgets that do not exist, with the span of the name', () => {
    const text = 'A {{widgets.gather_1.Digits}} B {{widgets.gone.parsed.x}} {{ widgets["also gone"].y }}';
    expect(missingWidgetReferences(def, text)).toEqual([
      { name: 'gone', start: text.indexOf('gone'), end: text.indexOf('gone') + 4 },
      { name: 'also gone', start: text.indexOf('also gone'), end: text.indexOf('also gone') + 9 },
    ]);
    expect(missingWidgetReferences(def, '{{widgets.Gather_1.Digits}}').map((m) => m.name)).toEqual([
      'Gather_1',
    ]);
    expect(missingWidgetReferences(def, 'widgets.gone outside a tag')).toEqual([]);
    expect(missingWidgetReferences(def, '{{flow.variables.x}}')).toEqual([]);
  });

  it('agrees with the validator on a real flow', () => {
    const r = importFlowText(corpusFile('real/tm__ca_webchat.json').text);
    if (!r.ok) throw new Error(r.error.message);
    const flow = r.flows[0]?.definition as FlowDefinition;
    const w = flow.states.find((s) => s.name === 'send_closed_fr');
    const body = w?.properties.body as string;
    expect(missingWidgetReferences(flow, body).map((m) => m.name)).toEqual(['check_hours_fr']);
  });
});
