import { describe, expect, it } from 'vitest';
import { importFlowText } from '../io';
import type { FlowDefinition, Widget } from '../model/types';
import { WIDGET_TYPES, getWidgetType } from '../schema/registry';
import { corpusFile, corpusFiles, LEGACY_FILE } from '../testing/corpus';
import { createValidator } from '../validation';
import {
  addSplitCondition,
  autoConditionName,
  moveSplitCondition,
  removeSplitCondition,
  setSplitInput,
  splitConditionRows,
  updateSplitCondition,
} from '../model/conditions';
import { coerceInput, displayValue, fitsField, inputError } from './coercion';
import {
  formFields,
  formModelFor,
  isFieldVisible,
  setAtPath,
  unknownProperties,
  type FieldModel,
} from './formModel';

function field(type: string, key: string): FieldModel {
  const f = formFields(formModelFor(type)).find((x) => x.key === key);
  if (!f) throw new Error(`${type} has no field ${key}`);
  return f;
}

function load(file: string): FlowDefinition {
  const r = importFlowText(corpusFile(file).text);
  if (!r.ok) throw new Error(r.error.message);
  const def = r.flows[0]?.definition;
  if (!def) throw new Error('no flow');
  return def;
}

const corpus = corpusFiles()
  .filter((c) => c.file !== LEGACY_FILE)
  .map((c) => ({ file: c.file, def: load(c.file) }));

describe('formModelFor: every widget type of the registry', () => {
  it.each(WIDGET_TYPES.map((t) => [t.type, t] as const))('%s', (type, info) => {
    const model = formModelFor(type);
    expect(model.type).toBe(type);
    expect(model.title).toBe(info.title);
    const fields = formFields(model);
    if (info.properties.length === 0 && type !== 'trigger') {
      // Enum-only stubs: no schema, no catalog properties. Their properties can only be edited as raw JSON: the
      // form has no field, so every key is an Advanced property.
      expect(info.status).toBe('enum-only');
      expect(fields).toEqual([]);
      const w: Widget = {
        name: 'x',
        type,
        transitions: [],
        properties: { offset: { x: 0, y: 0 }, a: 1, b: 'c' },
      };
      expect(unknownProperties(w, model)).toEqual(['a', 'b']);
      return;
    }
    expect(fields.some((f) => f.kind !== 'json')).toBe(true);
    // No property of the registry is left out of the form.
    const keys = new Set(fields.filter((f) => f.scope === 'properties').map((f) => f.key));
    for (const p of info.properties) expect(keys, p.key).toContain(p.key);
    // Required markers come from the registry (schema required + catalog).
    for (const p of info.properties) expect(field(type, p.key).required, p.key).toBe(p.required);
    // Every field is well formed.
    for (const f of fields) {
      expect(f.label).not.toBe('');
      if (f.kind === 'enum') expect(f.options?.length, f.key).toBeGreaterThan(0);
      if (f.kind === 'key-value' || f.kind === 'set-variables')
        expect(f.itemKeys?.slice(0, 2)).toEqual(['key', 'value']);
      if (f.kind === 'object') expect(f.fields?.length).toBeGreaterThan(0);
      if (f.scope === 'properties') expect(f.path).toEqual([f.key]);
    }
  });

  it('is cached and frozen', () => {
    const m = formModelFor('send-message');
    expect(formModelFor('send-message')).toBe(m);
    expect(Object.isFrozen(m.sections[0]?.fields[0])).toBe(true);
  });

  it('has no field for an unknown type: everything is Advanced', () => {
    const model = formModelFor('SayPlay');
    expect(model.sections).toEqual([]);
    const w: Widget = {
      name: 'x',
      type: 'SayPlay',
      transitions: [],
      properties: { offset: { x: 0, y: 0 }, say: 'hi' },
    };
    expect(unknownProperties(w, model)).toEqual(['say']);
  });
});

describe('formModelFor: kinds', () => {
  it('derives the basic kinds from the schema and the hints', () => {
    expect(field('send-message', 'body').kind).toBe('multiline');
    expect(field('send-message', 'to').kind).toBe('text');
    expect(field('gather-input-on-call', 'timeout')).toMatchObject({ kind: 'integer', valueType: 'number' });
    expect(field('gather-input-on-call', 'stop_gather')).toMatchObject({
      kind: 'boolean',
      valueType: 'boolean',
    });
    expect(field('connect-call-to', 'noun').options?.map((o) => o.value)).toEqual([
      'client',
      'conference',
      'number',
      'number-multi',
      'sim',
      'sip',
    ]);
    expect(field('look-up-profile', 'identifiers')).toMatchObject({
      kind: 'string-list',
      valueType: 'array',
    });
    expect(field('capture-payments', 'valid_card_types').options?.map((o) => o.value)).toContain('visa');
    expect(field('fork-stream', 'stream_parameters').kind).toBe('key-value');
    const details = field('connect-virtual-agent-v2', 'connector_details');
    expect(details.kind).toBe('object');
    expect(details.fields?.map((f) => [f.key, f.path, f.required])).toEqual([
      ['addon_sid', ['connector_details', 'addon_sid'], true],
      ['installed_addon_sid', ['connector_details', 'installed_addon_sid'], true],
      ['name', ['connector_details', 'name'], true],
    ]);
    expect(field('start-conversation', 'participants').kind).toBe('json');
  });

  it('keeps the numeric strings Studio writes: integer kind with valueType any', () => {
    expect(field('send-and-wait-for-reply', 'timeout')).toMatchObject({
      kind: 'integer',
      valueType: 'any',
      numberAs: 'string',
      placeholder: '3600',
    });
    expect(field('send-to-flex', 'timeout')).toMatchObject({
      kind: 'integer',
      valueType: 'any',
      numberAs: 'string',
    });
  });

  it('shows string flags as checkboxes that store strings', () => {
    expect(field('gather-input-on-call', 'profanity_filter')).toMatchObject({
      kind: 'boolean',
      valueType: 'string',
      defaultValue: 'true',
    });
    expect(field('record-voicemail', 'play_beep')).toMatchObject({ kind: 'boolean', valueType: 'string' });
  });

  it('offers enum options from the schema, minus its misspellings', () => {
    expect(field('make-http-request', 'method').options?.map((o) => o.value)).toEqual(['GET', 'POST']);
    expect(field('enqueue-call', 'wait_url_method').options?.map((o) => o.value)).toEqual(['GET', 'POST']);
    expect(field('fork-stream', 'stream_track').options?.map((o) => o.value)).toEqual([
      'inbound_track',
      'outbound_track',
      'both_tracks',
    ]);
    // A free string with suggestions from the catalog.
    expect(field('gather-input-on-call', 'speech_model')).toMatchObject({ kind: 'enum', openOptions: true });
  });

  it('covers catalog-only properties the schemas lack', () => {
    for (const key of ['service_sid', 'environment_sid', 'function_sid'])
      expect(field('run-function', key)).toMatchObject({ kind: 'text', liquid: true });
    expect(field('make-http-request', 'add_twilio_auth').kind).toBe('boolean');
    expect(field('send-message', 'message_type').options?.map((o) => o.value)).toEqual([
      'custom',
      'content_template',
    ]);
    expect(field('send-message', 'content_sid').kind).toBe('text');
    expect(field('send-to-flex', 'from').kind).toBe('text');
  });

  it('puts defaults in placeholders, not values', () => {
    expect(field('send-message', 'from')).toMatchObject({
      placeholder: '{{flow.channel.address}}',
      required: true,
    });
    expect(field('send-message', 'to').placeholder).toBe('{{contact.channel.address}}');
    // The schema swaps these; the registry (catalog) corrects them.
    expect(field('make-outgoing-call-v2', 'from').placeholder).toBe('{{flow.channel.address}}');
    expect(field('make-outgoing-call-v2', 'to').placeholder).toBe('{{contact.channel.address}}');
    expect(field('gather-input-on-call', 'timeout').placeholder).toBe('5');
    expect(field('make-http-request', 'method').placeholder).toBe('GET');
    expect(field('gather-input-on-call', 'stop_gather').placeholder).toBeUndefined();
    expect(field('send-message', 'body').placeholder).toBeUndefined();
  });

  it('marks required fields', () => {
    expect(field('send-message', 'body').required).toBe(true);
    expect(field('send-message', 'media_url').required).toBe(false);
    expect(field('make-http-request', 'url').required).toBe(true);
    expect(field('split-based-on', 'input').required).toBe(true);
    expect(field('set-variables', 'variables').required).toBe(true);
  });

  it('flags Liquid text fields and not the rest', () => {
    expect(field('send-message', 'body').liquid).toBe(true);
    expect(field('split-based-on', 'input').liquid).toBe(true);
    expect(field('make-http-request', 'method').liquid).toBe(false);
    expect(field('make-http-request', 'content_type').liquid).toBe(false);
    expect(field('gather-input-on-call', 'timeout').liquid).toBe(false);
  });
});

describe('formModelFor: Studio’s richer inspectors', () => {
  it('split-based-on: the input, then the conditions pseudo-field with all 17 condition types', () => {
    const model = formModelFor('split-based-on');
    const fields = formFields(model);
    expect(fields.map((f) => f.key)).toEqual(['input', 'transitions']);
    const conditions = field('split-based-on', 'transitions');
    expect(conditions).toMatchObject({ kind: 'split-conditions', scope: 'transitions', path: [] });
    expect(conditions.options).toHaveLength(17);
    expect(conditions.options?.find((o) => o.value === 'matches_any_of')?.label).toBe('Matches Any Of');
    expect(conditions.fields?.map((f) => f.key)).toEqual(['friendly_name', 'type', 'value', 'arguments']);
    expect(conditions.fields?.find((f) => f.key === 'type')?.options).toHaveLength(17);
  });

  it('set-variables: key/value rows', () => {
    expect(field('set-variables', 'variables')).toMatchObject({
      kind: 'set-variables',
      valueType: 'array',
      itemKeys: ['key', 'value'],
    });
  });

  it('trigger: its events, read-only', () => {
    const events = field('trigger', 'transitions');
    expect(events.kind).toBe('readonly-events');
    expect(events.options?.map((o) => o.value)).toEqual(getWidgetType('trigger')?.events.map((e) => e.event));
    expect(events.options?.[3]?.label).toBe('REST API');
  });

  it('make-http-request: method, URL, content type, body or parameters', () => {
    const fields = formFields(formModelFor('make-http-request'));
    expect(fields.map((f) => f.key)).toEqual([
      'method',
      'url',
      'content_type',
      'body',
      'parameters',
      'add_twilio_auth',
    ]);
    const ct = field('make-http-request', 'content_type');
    expect(ct.kind).toBe('enum');
    expect(ct.options?.map((o) => o.value)).toEqual([
      'application/x-www-form-urlencoded;charset=utf-8',
      'application/json;charset=utf-8',
    ]);
    expect(field('make-http-request', 'body').kind).toBe('multiline');
    expect(field('make-http-request', 'parameters').kind).toBe('key-value');
    // Every content type of the corpus is an option.
    for (const { def } of corpus)
      for (const w of def.states)
        if (w.type === 'make-http-request')
          expect(ct.options?.map((o) => o.value)).toContain(w.properties.content_type);
  });

  it('make-http-request: body for JSON, parameters for forms (a field holding a value always shows)', () => {
    const model = formModelFor('make-http-request');
    const body = field('make-http-request', 'body');
    const params = field('make-http-request', 'parameters');
    const json = { content_type: 'application/json;charset=utf-8' };
    expect(isFieldVisible(body, json, model)).toBe(true);
    expect(isFieldVisible(params, json, model)).toBe(false);
    expect(isFieldVisible(body, {}, model)).toBe(false); // default: form encoded
    expect(isFieldVisible(params, {}, model)).toBe(true);
    expect(isFieldVisible(params, { ...json, parameters: [{ key: 'a', value: 'b' }] }, model)).toBe(true);
    expect(isFieldVisible(field('make-http-request', 'url'), json, model)).toBe(true);
  });

  it('run-function and run-subflow parameters; the subflow parse-as-JSON column', () => {
    expect(field('run-function', 'parameters')).toMatchObject({
      kind: 'key-value',
      itemKeys: ['key', 'value'],
    });
    const params = field('run-subflow', 'parameters');
    expect(params).toMatchObject({ kind: 'key-value', itemKeys: ['key', 'value', 'type'] });
    const type = params.fields?.find((f) => f.key === 'type');
    expect(type?.options?.map((o) => o.value)).toEqual(['string', 'json_object']);
    expect(field('run-subflow', 'flow_revision')).toMatchObject({ kind: 'enum', openOptions: true });
  });

  it('gather-input-on-call: prompt, keypress and speech sections', () => {
    const model = formModelFor('gather-input-on-call');
    expect(model.sections.map((s) => [s.title, s.fields.map((f) => f.key)])).toEqual([
      ['Prompt', ['say', 'play', 'voice', 'language', 'loop']],
      ['Keypress', ['finish_on_key', 'number_of_digits', 'timeout', 'stop_gather']],
      [
        'Speech recognition',
        ['hints', 'gather_language', 'speech_timeout', 'speech_model', 'profanity_filter'],
      ],
      ['Other', ['save_response_as']],
    ]);
    expect(field('gather-input-on-call', 'hints').group).toBe('Speech recognition');
    expect(field('gather-input-on-call', 'finish_on_key').keepEmpty).toBe(true);
  });

  it('orders fields as Studio does: the message body first, required fields before optional ones', () => {
    expect(formFields(formModelFor('send-message'))[0]?.key).toBe('body');
    expect(formFields(formModelFor('send-and-wait-for-reply'))[0]?.key).toBe('body');
    expect(formFields(formModelFor('connect-call-to'))[0]?.key).toBe('noun');
    expect(formFields(formModelFor('look-up-profile'))[0]?.key).toBe('contact_identifier_value');
  });

  it('send-message: body for custom messages, content SID for templates', () => {
    const model = formModelFor('send-message');
    const body = field('send-message', 'body');
    const sid = field('send-message', 'content_sid');
    expect(isFieldVisible(body, {}, model)).toBe(true);
    expect(isFieldVisible(sid, {}, model)).toBe(false);
    expect(isFieldVisible(body, { message_type: 'content_template' }, model)).toBe(false);
    expect(isFieldVisible(sid, { message_type: 'content_template' }, model)).toBe(true);
  });
});

describe('the corpus through the forms', () => {
  it('leaves no property of a real flow to the Advanced section', () => {
    const leftovers = new Map<string, number>();
    let widgets = 0;
    for (const { def } of corpus)
      for (const w of def.states) {
        widgets++;
        for (const k of unknownProperties(w, formModelFor(w.type))) {
          const key = `${w.type}.${k}`;
          leftovers.set(key, (leftovers.get(key) ?? 0) + 1);
        }
      }
    expect(widgets).toBeGreaterThan(2000);
    expect(Object.fromEntries(leftovers)).toEqual({});
  });

  it('shows every stored value in its own editor, and typing it back changes nothing', () => {
    const misfits: string[] = [];
    let checked = 0;
    for (const { file, def } of corpus)
      for (const w of def.states) {
        const model = formModelFor(w.type);
        for (const f of formFields(model)) {
          if (f.scope !== 'properties') continue;
          const value = w.properties[f.key];
          if (value === undefined) continue;
          if (!fitsField(f, value)) misfits.push(`${file} ${w.name}.${f.key}`);
          if (['text', 'multiline', 'enum', 'integer', 'number', 'boolean', 'string-list'].includes(f.kind)) {
            checked++;
            expect(coerceInput(f, displayValue(f, value), value), `${file} ${w.name}.${f.key}`).toBe(value);
          }
        }
      }
    expect(misfits).toEqual([]);
    expect(checked).toBeGreaterThan(5000);
  });
});

describe('coerceInput', () => {
  const timeout = field('send-and-wait-for-reply', 'timeout');
  const gatherTimeout = field('gather-input-on-call', 'timeout');

  it('keeps strings strings and numbers numbers', () => {
    expect(coerceInput(timeout, '3600', '3600')).toBe('3600');
    expect(coerceInput(timeout, '7200', '3600')).toBe('7200');
    expect(coerceInput(timeout, '7200', 3600)).toBe(7200);
    expect(coerceInput(gatherTimeout, '5', 5)).toBe(5);
    expect(coerceInput(gatherTimeout, '7', 5)).toBe(7);
    expect(coerceInput(gatherTimeout, ' 7 ', '5')).toBe('7');
  });

  it('stores a new number as Studio would: a number, or a string where Studio writes strings', () => {
    expect(coerceInput(gatherTimeout, '5', undefined)).toBe(5);
    expect(coerceInput(timeout, '60', undefined)).toBe('60');
    expect(coerceInput(field('send-to-flex', 'timeout'), '60', undefined)).toBe('60');
  });

  it('keeps what is not a number as typed (Liquid)', () => {
    expect(coerceInput(timeout, '{{flow.variables.wait}}', '3600')).toBe('{{flow.variables.wait}}');
    expect(coerceInput(gatherTimeout, 'abc', 5)).toBe('abc');
    expect(coerceInput(gatherTimeout, '', 5)).toBeUndefined();
  });

  it('removes optional text when emptied, keeps required text and meaningful empty strings', () => {
    expect(coerceInput(field('send-message', 'media_url'), '', 'http://x')).toBeUndefined();
    expect(coerceInput(field('send-message', 'body'), '', 'Hi')).toBe('');
    expect(coerceInput(field('gather-input-on-call', 'finish_on_key'), '', '#')).toBe('');
    expect(coerceInput(field('gather-input-on-call', 'hints'), '', '')).toBe('');
    expect(coerceInput(field('send-message', 'body'), '  Hi {{x}} ', 'Hi')).toBe('  Hi {{x}} ');
  });

  it('turns checkboxes into booleans, or the string flags the schema asks for', () => {
    const stop = field('gather-input-on-call', 'stop_gather');
    const profanity = field('gather-input-on-call', 'profanity_filter');
    expect(coerceInput(stop, 'true', undefined)).toBe(true);
    expect(coerceInput(stop, 'false', true)).toBe(false);
    expect(coerceInput(profanity, 'false', 'true')).toBe('false');
    expect(coerceInput(profanity, 'true', undefined)).toBe('true');
    expect(coerceInput(stop, '', true)).toBeUndefined();
    expect(coerceInput(field('record-call', 'record_call'), '', true)).toBe(false);
    expect(coerceInput(profanity, '{{flow.variables.p}}', 'true')).toBe('{{flow.variables.p}}');
  });

  it('reads lists one item per line and JSON kinds as JSON', () => {
    const ids = field('look-up-profile', 'identifiers');
    expect(coerceInput(ids, 'a\n\nb\n', undefined)).toEqual(['a', 'b']);
    expect(coerceInput(ids, '', ['a'])).toBeUndefined();
    const participants = field('start-conversation', 'participants');
    expect(coerceInput(participants, '[{"type":"messaging"}]', [])).toEqual([{ type: 'messaging' }]);
    const previous = [{ type: 'chat' }];
    expect(coerceInput(participants, '[{"type":', previous)).toBe(previous);
    expect(inputError(participants, '[{"type":')).toMatch(/^Not valid JSON/);
    expect(inputError(participants, '[]')).toBeNull();
    expect(coerceInput(participants, '[\n  {\n    "type": "chat"\n  }\n]', previous)).toBe(previous);
  });

  it('never changes the read-only and transition pseudo-fields', () => {
    const prev = [{ event: 'incomingMessage' }];
    expect(coerceInput(field('trigger', 'transitions'), '[]', prev)).toBe(prev);
    expect(coerceInput(field('split-based-on', 'transitions'), '[]', prev)).toBe(prev);
  });
});

describe('displayValue and fitsField', () => {
  it('shows values as text', () => {
    expect(displayValue(field('send-message', 'body'), undefined)).toBe('');
    expect(displayValue(field('gather-input-on-call', 'timeout'), 5)).toBe('5');
    expect(displayValue(field('send-and-wait-for-reply', 'timeout'), '3600')).toBe('3600');
    expect(displayValue(field('gather-input-on-call', 'stop_gather'), false)).toBe('false');
    expect(displayValue(field('look-up-profile', 'identifiers'), ['a', 'b'])).toBe('a\nb');
    expect(displayValue(field('start-conversation', 'participants'), [{ a: 1 }])).toBe(
      '[\n  {\n    "a": 1\n  }\n]',
    );
  });

  it('tells when a value needs the raw JSON editor', () => {
    expect(fitsField(field('send-message', 'body'), { a: 1 })).toBe(false);
    expect(fitsField(field('gather-input-on-call', 'stop_gather'), '{{x}}')).toBe(false);
    expect(fitsField(field('gather-input-on-call', 'profanity_filter'), 'false')).toBe(true);
    expect(fitsField(field('run-function', 'parameters'), ['a'])).toBe(false);
  });
});

describe('setAtPath', () => {
  it('copies only the path and keeps key order', () => {
    const root = { a: { b: 1, c: 2 }, d: [{ key: 'k', value: 'v', index: 0 }] };
    const next = setAtPath(root, ['d', 0, 'value'], 'w') as typeof root;
    expect(next.d[0]).toEqual({ key: 'k', value: 'w', index: 0 });
    expect(Object.keys(next.d[0] ?? {})).toEqual(['key', 'value', 'index']);
    expect(next.a).toBe(root.a);
    expect(setAtPath(root, ['a', 'b'], 1)).toBe(root);
    expect(setAtPath(root, ['a', 'b'], undefined)).toEqual({ a: { c: 2 }, d: root.d });
    expect(setAtPath(root, ['x'], undefined)).toBe(root);
    expect(setAtPath(undefined, ['sid'], 'ZS1')).toEqual({ sid: 'ZS1' });
  });
});

describe('split conditions', () => {
  const split: Widget = {
    name: 'split_1',
    type: 'split-based-on',
    transitions: [{ event: 'noMatch' }],
    properties: { input: '{{widgets.gather_1.Digits}}', offset: { x: 0, y: 0 } },
  };

  it('adds condition ports as Studio writes them, after noMatch', () => {
    const one = addSplitCondition(split, 'equal_to', '1');
    expect(one.transitions).toEqual([
      { event: 'noMatch' },
      {
        event: 'match',
        conditions: [
          {
            friendly_name: 'If value equal_to 1',
            arguments: ['{{widgets.gather_1.Digits}}'],
            type: 'equal_to',
            value: '1',
          },
        ],
      },
    ]);
    const blank = addSplitCondition(one, 'is_blank');
    expect(blank.transitions[2]?.conditions?.[0]?.value).toBe('Is Blank');
    expect(splitConditionRows(blank).map((r) => [r.transitionIndex, r.portId])).toEqual([
      [1, 'match:0'],
      [2, 'match:1'],
    ]);
    expect(split.transitions).toHaveLength(1); // not mutated
  });

  it('edits, reorders and removes conditions; the ports follow', () => {
    let w = addSplitCondition(addSplitCondition(split, 'equal_to', '1'), 'equal_to', '2');
    w = updateSplitCondition(w, 1, 0, { value: '9' });
    expect(w.transitions[1]?.conditions?.[0]).toMatchObject({
      friendly_name: 'If value equal_to 9',
      value: '9',
    });
    w = updateSplitCondition(w, 1, 0, { friendly_name: 'Nine' });
    w = updateSplitCondition(w, 1, 0, { type: 'is_not_blank' });
    expect(w.transitions[1]?.conditions?.[0]).toMatchObject({
      friendly_name: 'Nine',
      type: 'is_not_blank',
      value: 'Is Not Blank',
    });
    const moved = moveSplitCondition(w, 1, 1);
    expect(splitConditionRows(moved).map((r) => r.conditions[0]?.value)).toEqual(['2', 'Is Not Blank']);
    expect(moved.transitions[0]).toBe(w.transitions[0]);
    const removed = removeSplitCondition(moved, 1);
    expect(splitConditionRows(removed).map((r) => [r.portId, r.conditions[0]?.value])).toEqual([
      ['match:0', 'Is Not Blank'],
    ]);
    expect(removeSplitCondition(removed, 0)).toBe(removed); // noMatch is not a condition
    expect(autoConditionName('contains', 'yes')).toBe('If value contains yes');
  });

  it('setSplitInput rewrites stale arguments (clearing the validator’s info)', () => {
    const def = load('real/tm__ca_khp-english-post-call-survey.json');
    const validator = createValidator('studio');
    const stale = (d: FlowDefinition) =>
      validator.validate(d).filter((p) => p.code === 'lint.split-stale-argument' && p.widget === 'split_2');
    expect(stale(def).length).toBeGreaterThan(0);
    const i = def.states.findIndex((s) => s.name === 'split_2');
    const w = def.states[i] as Widget;
    const fixed = setSplitInput(w, w.properties.input as string);
    const states = def.states.slice();
    states[i] = fixed;
    expect(stale({ ...def, states })).toEqual([]);
    expect(
      validator.validate({ ...def, states }).filter((p) => p.widget === 'split_2' && p.severity === 'error'),
    ).toEqual([]);
  });

  it('a new condition validates', () => {
    const def: FlowDefinition = {
      description: 'A New Flow',
      initial_state: 'Trigger',
      states: [
        {
          name: 'Trigger',
          type: 'trigger',
          properties: { offset: { x: 0, y: 0 } },
          transitions: [{ event: 'incomingMessage', next: 'split_1' }],
        },
        addSplitCondition(setSplitInput(split, '{{trigger.message.Body}}'), 'contains', 'yes'),
      ],
    };
    expect(
      createValidator('studio')
        .validate(def)
        .filter((p) => p.severity !== 'info'),
    ).toEqual([]);
  });
});
