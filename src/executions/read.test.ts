import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, MAX_TEXT_LENGTH, formatImportError } from '../io';
import {
  EXECUTIONS_FIXTURES,
  executionsFixture,
  executionsFixtureJson,
  fixtureExecutionSid,
} from '../testing/executions';
import { mergeExecutionsData, readExecutionsBytes, readExecutionsText, readExecutionsValue } from './read';
import type { ExecutionsImport } from './read';

const ACCOUNT = 'AC' + 'a'.repeat(32);
const FLOW = 'FW' + '0f'.repeat(16);

function ok(result: ExecutionsImport): Extract<ExecutionsImport, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got: ${result.error.message}`);
  return result;
}

function error(result: ExecutionsImport) {
  if (result.ok) throw new Error(`expected an error, got ${result.label}`);
  return result.error;
}

/** A snake_case step as the API writes it. */
function apiStep(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sid: `FT${String(n).padStart(32, '0')}`,
    account_sid: ACCOUNT,
    flow_sid: FLOW,
    execution_sid: fixtureExecutionSid(1),
    name: 'sent',
    context: {},
    transitioned_from: `w${n}`,
    transitioned_to: `w${n + 1}`,
    date_created: `2024-05-02T10:00:0${n}Z`,
    date_updated: null,
    ...overrides,
  };
}

describe('the fixtures', () => {
  // The API's schemas, from the seed spec: every snake_case fixture record holds only their properties, with
  // SIDs of their patterns. The CLI fixtures are the same records with camelCase keys.
  const spec = JSON.parse(readFileSync(new URL('../studio/openapi.json', import.meta.url), 'utf8')) as {
    components: { schemas: Record<string, { properties: Record<string, { pattern?: string }> }> };
  };
  const schema = (name: string) => spec.components.schemas[`studio.v2.flow.execution${name}`];
  const schemas = {
    execution: schema(''),
    step: schema('.execution_step'),
    context: schema('.execution_context'),
    stepContext: schema('.execution_step.execution_step_context'),
  };
  const snakeOf = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

  function checkRecord(record: Record<string, unknown>, kind: keyof typeof schemas): void {
    const properties = schemas[kind]?.properties ?? {};
    expect(Object.keys(properties).length).toBeGreaterThan(3);
    for (const [key, value] of Object.entries(record)) {
      const property = properties[snakeOf(key)];
      expect(property, `${kind} has no property ${key}`).toBeDefined();
      if (property?.pattern !== undefined && value !== null) {
        expect(value).toMatch(new RegExp(property.pattern));
      }
    }
  }

  function kindOf(record: Record<string, unknown>): keyof typeof schemas {
    if ('transitioned_from' in record || 'transitionedFrom' in record) return 'step';
    if ('step_sid' in record || 'stepSid' in record) return 'stepContext';
    if ('status' in record) return 'execution';
    return 'context';
  }

  it('hold only what the seed spec’s schemas define, with SIDs of their patterns', () => {
    const files = readdirSync(EXECUTIONS_FIXTURES).filter((f) => !f.startsWith('flow'));
    expect(files.length).toBeGreaterThanOrEqual(10);
    let records = 0;
    for (const file of files) {
      const value = executionsFixtureJson(file) as Record<string, unknown>;
      const list = Array.isArray(value)
        ? (value as Record<string, unknown>[])
        : Array.isArray(value.steps)
          ? (value.steps as Record<string, unknown>[])
          : Array.isArray(value.executions)
            ? (value.executions as Record<string, unknown>[])
            : [value];
      for (const record of list) {
        checkRecord(record, kindOf(record));
        records++;
      }
    }
    expect(records).toBeGreaterThan(40);
  });
});

describe('readExecutionsText: every shape', () => {
  it('reads a single Execution', () => {
    const r = ok(readExecutionsText(executionsFixture('execution.json')));
    expect(r.kind).toBe('execution');
    expect(r.label).toBe('Execution FN01010101…, ended');
    expect(r.fromCli).toBe(false);
    expect(r.steps).toEqual([]);
    expect(r.executions).toHaveLength(1);
    const [e] = r.executions;
    expect(e).toMatchObject({
      sid: fixtureExecutionSid(1),
      flowSid: FLOW,
      status: 'ended',
      contactChannelAddress: '+15005550001',
      dateCreated: '2024-05-02T10:00:00Z',
      dateUpdated: '2024-05-02T10:00:31Z',
    });
    expect(e?.context).toMatchObject({ widgets: { gather_1: { Digits: '1' } } });
  });

  it('reads a ListExecution page and notes that more pages follow', () => {
    const r = ok(readExecutionsText(executionsFixture('executions-page.json')));
    expect(r.kind).toBe('execution-list');
    expect(r.label).toBe('ListExecution page: 2 executions');
    expect(r.executions.map((e) => [e.sid, e.status])).toEqual([
      [fixtureExecutionSid(4), 'active'],
      [fixtureExecutionSid(3), 'ended'],
    ]);
    expect(r.page).toMatchObject({ list: 'ListExecution', page: 0, pageSize: 2 });
    expect(r.page?.nextPageUrl).toContain('Page=1');
    expect(r.notes).toEqual([
      'This is page 0 of a longer ListExecution list (meta.next_page_url is set): only its executions are read; add the following pages for complete counts.',
    ]);
  });

  it('reads a ListExecutionStep page (the last page: no note)', () => {
    const r = ok(readExecutionsText(executionsFixture('steps-page.json')));
    expect(r.kind).toBe('step-list');
    expect(r.label).toBe('ListExecutionStep page: 9 steps of 1 execution');
    expect(r.page).toEqual({ list: 'ListExecutionStep', page: 0, pageSize: 50 });
    expect(r.notes).toEqual([]);
    // Newest first, as the API lists them; normalised.
    expect(r.steps[0]).toMatchObject({
      sid: 'FT02090000000000000000000000000000',
      executionSid: fixtureExecutionSid(2),
      flowSid: FLOW,
      event: 'sent',
      from: 'confirm',
      to: 'Ended',
      date: '2024-05-02T11:07:01Z',
    });
  });

  it('reads a single step', () => {
    const r = ok(readExecutionsText(executionsFixture('step.json')));
    expect(r.kind).toBe('step');
    expect(r.label).toBe('Step FT01010000… of execution FN01010101…: Trigger → ask (incomingMessage)');
    expect(r.steps).toHaveLength(1);
    expect(r.steps[0]?.context).toEqual({ flow: { flow_sid: FLOW, variables: {} }, widgets: {} });
  });

  it('reads an ExecutionContext and an ExecutionStepContext', () => {
    const e = ok(readExecutionsText(executionsFixture('execution-context.json')));
    expect(e.kind).toBe('execution-context');
    expect(e.label).toBe('ExecutionContext of execution FN01010101…');
    expect(e.contexts).toEqual([
      expect.objectContaining({ executionSid: fixtureExecutionSid(1), flowSid: FLOW }),
    ]);
    expect(e.contexts[0]?.stepSid).toBeUndefined();
    expect(e.contexts[0]?.context).toMatchObject({ flow: { data: { 'first name': 'Ada' } } });

    const s = ok(readExecutionsText(executionsFixture('step-context.json')));
    expect(s.kind).toBe('step-context');
    expect(s.label).toBe('ExecutionStepContext of step FT01030000… (execution FN01010101…)');
    expect(s.contexts[0]).toMatchObject({
      executionSid: fixtureExecutionSid(1),
      stepSid: 'FT01030000000000000000000000000000',
    });
  });

  it('reads the Twilio CLI’s output: camelCase arrays, and a single camelCase object', () => {
    const steps = ok(readExecutionsText(executionsFixture('cli-steps.json')));
    expect(steps.kind).toBe('step-list');
    expect(steps.fromCli).toBe(true);
    expect(steps.label).toBe('Twilio CLI output: 22 steps of 5 executions');
    expect(steps.steps.find((s) => s.sid === 'FT02020000000000000000000000000000')).toEqual({
      sid: 'FT02020000000000000000000000000000',
      executionSid: fixtureExecutionSid(2),
      flowSid: FLOW,
      event: 'timeout',
      from: 'ask',
      to: 'reminder',
      date: '2024-05-02T11:05:00.000Z',
      context: { flow: { flow_sid: FLOW, variables: {} }, widgets: {} },
    });

    const executions = ok(readExecutionsText(executionsFixture('cli-executions.json')));
    expect(executions.kind).toBe('execution-list');
    expect(executions.label).toBe('Twilio CLI output: 5 executions');
    expect(executions.executions.map((e) => e.status)).toEqual([
      'ended',
      'active',
      'ended',
      'ended',
      'ended',
    ]);
    expect(executions.executions[1]).toMatchObject({ contactChannelAddress: '+15005550004', flowSid: FLOW });

    const one = ok(readExecutionsText(executionsFixture('cli-step.json')));
    expect(one.kind).toBe('step');
    expect(one.fromCli).toBe(true);
    expect(one.label).toBe(
      'Step FT03020000… of execution FN03030303…: ask → Ended (deliveryFailure) (Twilio CLI output)',
    );
  });

  it('reads a JSON array mixing the steps of several executions', () => {
    const r = ok(readExecutionsText(executionsFixture('mixed-steps.json')));
    expect(r.kind).toBe('step-list');
    expect(r.fromCli).toBe(false);
    expect(r.label).toBe('JSON array: 10 steps of 3 executions');
    expect(new Set(r.steps.map((s) => s.executionSid))).toEqual(new Set([1, 3, 5].map(fixtureExecutionSid)));
  });

  it('reads an array mixing executions, steps and contexts', () => {
    const value = [
      executionsFixtureJson('execution.json'),
      executionsFixtureJson('step.json'),
      executionsFixtureJson('step-context.json'),
    ];
    const r = ok(readExecutionsValue(value));
    expect(r.kind).toBe('mixed');
    expect(r.label).toBe('JSON array: 1 execution, 1 step of 1 execution, 1 context');
    expect([r.executions.length, r.steps.length, r.contexts.length]).toEqual([1, 1, 1]);
  });

  it('takes the execution and flow SIDs of a record from its URL when the fields are missing', () => {
    const step = apiStep(1, { execution_sid: undefined, flow_sid: null });
    step.url = `https://studio.twilio.com/v2/Flows/${FLOW}/Executions/${fixtureExecutionSid(7)}/Steps/${String(step.sid)}`;
    const r = ok(readExecutionsValue(JSON.parse(JSON.stringify(step))));
    expect(r.steps[0]).toMatchObject({ executionSid: fixtureExecutionSid(7), flowSid: FLOW });
  });

  it('reads an empty array and an empty page', () => {
    const empty = ok(readExecutionsText('[]'));
    expect(empty).toMatchObject({ kind: 'empty', label: 'Empty JSON array: no executions or steps' });
    const page = ok(
      readExecutionsText('{"steps": [], "meta": {"page": 0, "page_size": 50, "next_page_url": null}}'),
    );
    expect(page).toMatchObject({
      kind: 'step-list',
      label: 'ListExecutionStep page: no executions or steps',
    });
    expect(page.notes).toEqual([]);
  });

  it('unwraps JSON given as a JSON string once', () => {
    const r = ok(readExecutionsText(JSON.stringify(executionsFixture('step.json'))));
    expect(r.kind).toBe('step');
  });

  it('counts records given twice once, with a note; merges several inputs the same way', () => {
    const twice = ok(readExecutionsValue([apiStep(1), apiStep(2), apiStep(1)]));
    expect(twice.steps.map((s) => s.from)).toEqual(['w1', 'w2']);
    expect(twice.notes).toEqual(['1 step appeared more than once (same SID) and counted once.']);

    const a = ok(readExecutionsText(executionsFixture('mixed-steps.json')));
    const b = ok(readExecutionsText(executionsFixture('cli-steps.json')));
    const c = ok(readExecutionsText(executionsFixture('cli-executions.json')));
    const d = ok(readExecutionsText(executionsFixture('executions-page.json')));
    const merged = mergeExecutionsData([a, b, c, d]);
    expect(merged.steps).toHaveLength(22);
    expect(merged.executions).toHaveLength(5);
    // The first read wins: the snake_case step of mixed-steps.json (whole-second date).
    expect(merged.steps.find((s) => s.sid === 'FT01010000000000000000000000000000')?.date).toBe(
      '2024-05-02T10:00:00Z',
    );
    expect(merged.notes).toEqual([
      d.notes[0],
      '2 executions, 10 steps appeared more than once (same SID) and counted once.',
    ]);
  });

  it('reads bytes: UTF-16 with a byte-order mark, with a note', () => {
    const text = executionsFixture('step.json');
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let i = 0; i < text.length; i++) {
      bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
      bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    const r = ok(readExecutionsBytes(bytes));
    expect(r.kind).toBe('step');
    expect(r.notes).toHaveLength(1);
    expect(r.notes[0]).toMatch(/UTF-16/);
  });
});

describe('readExecutionsText: errors say what and where', () => {
  it('names the step that lacks what a path needs, with its pointer', () => {
    const page = {
      steps: [apiStep(1), apiStep(2), apiStep(3, { transitioned_to: undefined })],
      meta: { page: 0 },
    };
    const e = error(readExecutionsText(JSON.stringify(page)));
    expect(e).toMatchObject({ code: 'shape', pointer: '/steps/2' });
    expect(e.message).toBe('Step 3 (/steps/2) has no transitioned_to.');

    const nulled = error(readExecutionsValue({ steps: [apiStep(1, { name: null })] }));
    expect(nulled.message).toBe(
      'Step 1 (/steps/0) has no name (the event that led to the step) (it is null).',
    );

    const typed = error(readExecutionsValue([apiStep(1), apiStep(2, { transitioned_from: 4 })]));
    expect(typed).toMatchObject({ pointer: '/1/transitioned_from' });
    expect(typed.message).toBe('Step 2 (/1): transitioned_from must be a string, found a number.');

    const date = error(readExecutionsValue([apiStep(1, { date_created: 'yesterday' })]));
    expect(date.message).toBe('Step 1 (/0): date_created is not a date: “yesterday”.');

    const noExecution = error(readExecutionsValue(apiStep(1, { execution_sid: undefined })));
    expect(noExecution).toMatchObject({ pointer: '' });
    expect(noExecution.message).toBe('The step has no execution_sid.');
  });

  it('names keys as the CLI spells them in CLI output', () => {
    const cli = executionsFixtureJson('cli-steps.json') as Record<string, unknown>[];
    const broken = cli.map((s, i) => (i === 4 ? { ...s, transitionedTo: undefined } : s));
    const e = error(readExecutionsValue(JSON.parse(JSON.stringify(broken))));
    expect(e.message).toBe('Step 5 (/4) has no transitionedTo.');
  });

  it('names executions and contexts that lack what they need', () => {
    const page = executionsFixtureJson('executions-page.json') as { executions: Record<string, unknown>[] };
    delete page.executions[1]?.status;
    expect(error(readExecutionsValue(page)).message).toBe('Execution 2 (/executions/1) has no status.');
    const context = executionsFixtureJson('execution-context.json') as Record<string, unknown>;
    delete context.context;
    // Without its context it is not recognised as a context at all.
    expect(error(readExecutionsValue(context)).message).toMatch(
      /^The JSON is not a Studio execution, step or context/,
    );
    const stepContext = executionsFixtureJson('step-context.json') as Record<string, unknown>;
    delete stepContext.context;
    expect(error(readExecutionsValue(stepContext)).message).toBe('The step context has no context.');
  });

  it('says a flow is a flow', () => {
    const flow = executionsFixture('flow.json');
    expect(error(readExecutionsText(flow))).toMatchObject({
      code: 'is-flow',
      message: 'This is a flow definition, not executions: open it as a flow.',
    });
    const resource = JSON.stringify({
      sid: FLOW,
      friendly_name: 'x',
      definition: JSON.parse(flow) as unknown,
    });
    expect(error(readExecutionsText(resource)).message).toBe(
      'This is a flow definition, not executions: open it as a flow.',
    );
    const list = error(readExecutionsValue([apiStep(1), JSON.parse(flow)]));
    expect(list).toMatchObject({ pointer: '/1' });
    expect(list.message).toBe('Item 2 (/1): This is a flow definition, not executions: open it as a flow.');
  });

  it('reports JSON syntax errors with line and column', () => {
    const e = error(readExecutionsText('[\n  {"sid": "FT1",\n   "name" "sent"}\n]'));
    expect(e.code).toBe('json-syntax');
    expect(e.line).toBe(3);
    expect(e.column).toBe(11);
    expect(e.message).toMatch(/^This is not valid JSON: .*\(line 3, column 11\)/);
    expect(formatImportError(e)).toBe(e.message);
  });

  it('refuses what is not executions, in words', () => {
    expect(error(readExecutionsText('  \n')).message).toBe(
      'The text is empty: paste or open the JSON of Studio executions or steps.',
    );
    expect(error(readExecutionsText('42')).message).toBe(
      'The JSON is a number, not Studio executions or steps.',
    );
    expect(error(readExecutionsText('[1]'))).toMatchObject({
      pointer: '/0',
      message: 'Item 1 (/0) must be an object, found a number.',
    });
    expect(error(readExecutionsText('{"steps": {}}')).message).toBe(
      '"steps" must be an array, found an object.',
    );
    expect(error(readExecutionsText('{"steps": [null]}')).message).toBe(
      'Step 1 (/steps/0) must be an object, found null.',
    );
    const unknown = error(readExecutionsText('{"sid": "TU123", "test_users": []}'));
    expect(unknown.message).toBe(
      'The JSON is not a Studio execution, step or context (its keys are "sid", "test_users"): expected an Execution, an ExecutionStep, an ExecutionContext or ExecutionStepContext, a ListExecution or ListExecutionStep page, or the Twilio CLI’s -o json output of them.',
    );
  });

  it('applies the limits of flow imports: text length and nesting depth', () => {
    const long = error(readExecutionsText(' '.repeat(MAX_TEXT_LENGTH + 1)));
    expect(long.code).toBe('too-large');
    const deep = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
    expect(error(readExecutionsText(deep)).code).toBe('too-deep');
    const cyclic: Record<string, unknown> = { steps: [] };
    (cyclic.steps as unknown[]).push(cyclic);
    expect(error(readExecutionsValue(cyclic)).code).toBe('too-deep');
  });

  it('never throws on hostile values', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('boom');
        },
      },
    );
    expect(error(readExecutionsValue(hostile)).code).toBe('internal');
  });
});
