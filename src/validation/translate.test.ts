/** Schema errors as Studio users read them: one clear problem per location, with code, pointer and field. */
import { describe, expect, it } from 'vitest';
import type { FlowDefinition, Problem, Widget } from '../model/types';
import type { Profile } from '../schema/schemas';
import { flow, sendAndWait, sendMessage, split, trigger } from './fixtures';
import { validateDefinition } from './index';

/** The flow Trigger → `w`. */
function withWidget(w: Widget): FlowDefinition {
  return flow(trigger(w.name), w);
}

/** Problems of the widget at index 1 (the one under test), schema problems only. */
function schemaProblems(def: FlowDefinition, profile: Profile = 'studio'): Problem[] {
  return validateDefinition(def, { profile }).filter(
    (p) => p.code.startsWith('schema.') && p.pointer.startsWith('/states/1'),
  );
}

function widget(type: string, name: string, properties: Record<string, unknown>, events: string[]): Widget {
  return { name, type, transitions: events.map((event) => ({ event })), properties };
}

describe('transition events', () => {
  it('collapses the anyOf branches of the Trigger into one problem per event, listing the allowed events', () => {
    const problems = validateDefinition(flow(trigger('greet'), sendMessage('greet')), {
      profile: 'official',
    });
    expect(problems).toEqual([
      {
        severity: 'error',
        code: 'schema.event',
        message:
          '“incomingConversationMessage” is not an event of the Trigger (allowed: incomingCall, incomingMessage, incomingRequest)',
        widget: 'Trigger',
        pointer: '/states/0/transitions/2/event',
        field: 'transitions.incomingConversationMessage.event',
      },
      {
        severity: 'error',
        code: 'schema.event',
        message:
          '“incomingParent” is not an event of the Trigger (allowed: incomingCall, incomingMessage, incomingRequest)',
        widget: 'Trigger',
        pointer: '/states/0/transitions/4/event',
        field: 'transitions.incomingParent.event',
      },
    ]);
  });

  it('accepts the Trigger events real Studio exports in the studio profile', () => {
    expect(validateDefinition(flow(trigger('greet'), sendMessage('greet')))).toEqual([]);
  });

  it('reports an event outside an enum (split) as schema.event', () => {
    const s = { ...split('s', '{{trigger.message.Body}}', []), transitions: [{ event: 'other' }] };
    expect(schemaProblems(withWidget(s))).toEqual([
      {
        severity: 'error',
        code: 'schema.event',
        message: '“other” is not an event of the Split Based On (allowed: match, noMatch)',
        widget: 's',
        pointer: '/states/1/transitions/0/event',
        field: 'transitions.other.event',
      },
    ]);
  });

  it('when the event is allowed, reports what else is wrong in its branch instead', () => {
    const t = trigger('greet');
    const def = flow(
      { ...t, transitions: [{ event: 'incomingMessage', next: 5 as unknown as string }] },
      sendMessage('greet'),
    );
    const problems = validateDefinition(def).filter((p) => p.code.startsWith('schema.'));
    expect(problems).toEqual([
      {
        severity: 'error',
        code: 'schema.type',
        message: '`transitions.incomingMessage.next` must be text (it is the number 5)',
        widget: 'Trigger',
        pointer: '/states/0/transitions/0/next',
        field: 'transitions.incomingMessage.next',
      },
    ]);
  });

  it('reports a transition without an event', () => {
    const w = {
      ...sendMessage('x'),
      transitions: [{ next: 'Trigger' } as unknown as Widget['transitions'][number]],
    };
    expect(schemaProblems(withWidget(w))).toEqual([
      {
        severity: 'error',
        code: 'schema.required',
        message: 'A transition of Send Message “x” has no event',
        widget: 'x',
        pointer: '/states/1/transitions/0',
        field: 'transitions[0].event',
      },
    ]);
  });
});

describe('missing properties', () => {
  const noBody = sendMessage('greet');
  delete noBody.properties.body;

  it.each(['official', 'studio'] as const)('names the property by its title (%s)', (profile) => {
    expect(schemaProblems(withWidget(noBody), profile)).toEqual([
      {
        severity: 'error',
        code: 'schema.required',
        message: 'Send Message “greet” is missing Message body (`body`)',
        widget: 'greet',
        pointer: '/states/1/properties',
        field: 'body',
      },
    ]);
  });

  it('uses the schema title when the property has one, also for then/else requirements', () => {
    const w = sendMessage('ct', undefined, { message_type: 'content_template' });
    delete w.properties.body;
    expect(schemaProblems(withWidget(w)).map((p) => p.message)).toEqual([
      'Send Message “ct” is missing Content Template SID (`content_sid`)',
    ]);
    const call = widget('make-outgoing-call-v2', 'call', { from: '{{flow.channel.address}}' }, [
      'answered',
      'busy',
      'noAnswer',
      'failed',
    ]);
    expect(schemaProblems(withWidget(call)).map((p) => p.message)).toEqual([
      'Make Outgoing Call “call” is missing Number to call (`to`)',
    ]);
  });

  it('falls back to the key when there is no title', () => {
    const http = widget('make-http-request', 'http', { method: 'GET', content_type: 'application/json' }, [
      'success',
      'failed',
    ]);
    expect(schemaProblems(withWidget(http)).map((p) => p.message)).toEqual([
      'Make HTTP Request “http” is missing Request URL (`url`)',
    ]);
    const redirect = widget('add-twiml-redirect', 'redirect', { method: 'POST' }, [
      'return',
      'timeout',
      'fail',
    ]);
    expect(schemaProblems(withWidget(redirect)).map((p) => p.message)).toEqual([
      'TwiML Redirect “redirect” is missing `url`',
    ]);
  });

  it('reports a missing widget key and nested keys with their field', () => {
    const w = { name: 'x', type: 'send-message', properties: { body: 'a', from: 'b' } } as unknown as Widget;
    expect(schemaProblems(withWidget(w))).toEqual([
      {
        severity: 'error',
        code: 'schema.required',
        message: 'Send Message “x” has no `transitions`',
        widget: 'x',
        pointer: '/states/1',
        field: 'transitions',
      },
    ]);
    const fn = widget('run-function', 'fn', { url: 'https://x.twil.io/f', parameters: [{ key: 'a' }] }, [
      'success',
      'fail',
    ]);
    expect(schemaProblems(withWidget(fn))).toEqual([
      {
        severity: 'error',
        code: 'schema.required',
        message: 'Run Function “fn”: `parameters[0]` is missing `value`',
        widget: 'fn',
        pointer: '/states/1/properties/parameters/0',
        field: 'parameters[0].value',
      },
    ]);
  });
});

describe('types, enums, empty strings', () => {
  it('says a string timeout must be a whole number (official)', () => {
    expect(schemaProblems(withWidget(sendAndWait('ask')), 'official')).toEqual([
      {
        severity: 'error',
        code: 'schema.type',
        message: '`timeout` must be a whole number (it is the text "3600")',
        widget: 'ask',
        pointer: '/states/1/properties/timeout',
        field: 'timeout',
      },
    ]);
  });

  it('studio accepts digits and Liquid in a timeout, and collapses its anyOf into one message otherwise', () => {
    expect(schemaProblems(withWidget(sendAndWait('ask', { timeout: '{{flow.variables.t}}' })))).toEqual([]);
    expect(schemaProblems(withWidget(sendAndWait('ask', { timeout: 3600 })))).toEqual([]);
    expect(
      schemaProblems(withWidget(sendAndWait('ask', { timeout: '36x' }))).map((p) => [p.code, p.message]),
    ).toEqual([['schema.type', '`timeout` must be a whole number (it is the text "36x")']]);
    expect(schemaProblems(withWidget(sendAndWait('ask', { timeout: true }))).map((p) => p.message)).toEqual([
      '`timeout` must be a whole number (it is true)',
    ]);
  });

  it('lists the allowed values of an enum', () => {
    const fork = widget(
      'fork-stream',
      'fork',
      { stream_action: 'start', stream_track: 'both', stream_url: 'wss://x' },
      ['next'],
    );
    expect(schemaProblems(withWidget(fork))).toEqual([
      {
        severity: 'error',
        code: 'schema.enum',
        message:
          '`stream_track` must be one of: both_track, inbound_track, outbound_track, both_tracks (it is the text "both")',
        widget: 'fork',
        pointer: '/states/1/properties/stream_track',
        field: 'stream_track',
      },
    ]);
  });

  it('says an empty string cannot be empty, once even when minLength and pattern both fail', () => {
    const http = widget(
      'make-http-request',
      'http',
      { method: 'GET', url: '', content_type: 'application/json' },
      ['success', 'failed'],
    );
    expect(schemaProblems(withWidget(http))).toEqual([
      {
        severity: 'error',
        code: 'schema.min-length',
        message: '`url` cannot be empty',
        widget: 'http',
        pointer: '/states/1/properties/url',
        field: 'url',
      },
    ]);
    const flex = widget('send-to-flex', 'flex', { workflow: '', channel: '  ' }, [
      'callComplete',
      'failedToEnqueue',
      'callFailure',
    ]);
    expect(schemaProblems(withWidget(flex), 'official').map((p) => [p.code, p.field, p.message])).toEqual([
      ['schema.min-length', 'workflow', '`workflow` cannot be empty'],
      ['schema.min-length', 'channel', '`channel` cannot be blank (it has only spaces)'],
    ]);
  });
});

describe('one of say / play', () => {
  const gather = (properties: Record<string, unknown>): Widget =>
    widget('gather-input-on-call', 'g', properties, ['keypress', 'speech', 'timeout']);

  it('official: a Gather needs a Say or a Play prompt (neither)', () => {
    expect(schemaProblems(withWidget(gather({ timeout: 5 })), 'official')).toEqual([
      {
        severity: 'error',
        code: 'schema.one-of',
        message: 'Gather Input On Call “g” needs either a Say or a Play prompt; it has neither',
        widget: 'g',
        pointer: '/states/1/properties',
        field: 'say|play',
      },
    ]);
  });

  it('studio: a Gather may have no prompt (extension gather-prompt-optional)', () => {
    expect(schemaProblems(withWidget(gather({ timeout: 5 })))).toEqual([]);
  });

  it('both profiles: a Say/Play cannot have both', () => {
    const sp = widget('say-play', 'sp', { say: 'Hello', play: 'https://x/a.mp3' }, ['audioComplete']);
    for (const profile of ['studio', 'official'] as const) {
      expect(schemaProblems(withWidget(sp), profile).map((p) => [p.code, p.message])).toEqual([
        ['schema.one-of', 'Say/Play “sp” needs either a Say or a Play prompt, not both'],
      ]);
    }
  });
});

describe('unknown widget types', () => {
  const subflow = widget(
    'run-subflow',
    'sub',
    { flow_sid: 'FW00000000000000000000000000000000', flow_revision: 'LatestPublished' },
    ['completed', 'failed'],
  );

  it('official: run-subflow is unknown to the official schemas', () => {
    expect(schemaProblems(withWidget(subflow), 'official')).toEqual([
      {
        severity: 'error',
        code: 'schema.unknown-type',
        message:
          'Unknown widget type “run-subflow”: the official schemas do not know it (Studio calls it Run Subflow)',
        widget: 'sub',
        pointer: '/states/1/type',
        field: 'type',
      },
    ]);
  });

  it('studio: run-subflow is fine, a made-up type is not, a legacy type is explained', () => {
    expect(schemaProblems(withWidget(subflow))).toEqual([]);
    expect(
      schemaProblems(withWidget(widget('foo-bar', 'x', {}, []))).map((p) => [p.code, p.message]),
    ).toEqual([['schema.unknown-type', 'Unknown widget type “foo-bar”: Studio has no such widget']]);
    expect(schemaProblems(withWidget(widget('SayPlay', 'x', {}, []))).map((p) => p.message)).toEqual([
      "“SayPlay” is a widget type of Studio's pre-2019 format; today's Studio calls it “say-play” (Say/Play)",
    ]);
  });

  it('a state without a type, or that is not an object', () => {
    const def = flow(
      trigger(),
      { name: 'x', transitions: [], properties: {} } as unknown as Widget,
      'oops' as unknown as Widget,
    );
    const problems = validateDefinition(def).filter((p) => p.code.startsWith('schema.'));
    expect(problems.map((p) => [p.code, p.pointer, p.message])).toEqual([
      ['schema.required', '/states/1', 'Widget “x” has no `type`'],
      ['schema.type', '/states/2', 'Widget #3 is not a JSON object'],
    ]);
  });
});

describe('flow level', () => {
  it('reports a definition that is not an object, and missing top-level keys', () => {
    expect(validateDefinition(null as unknown as FlowDefinition).map((p) => p.message)).toEqual([
      'A flow definition must be a JSON object (it is null)',
    ]);
    const problems = validateDefinition({} as FlowDefinition);
    expect(problems.map((p) => [p.code, p.field])).toEqual([
      ['schema.required', 'description'],
      ['schema.required', 'states'],
      ['lint.initial-state-missing', 'initial_state'],
    ]);
  });

  it('reports a flow without widgets and flags without allow_concurrent_calls', () => {
    const def = { ...flow(), flags: {} };
    expect(validateDefinition(def).map((p) => [p.code, p.pointer, p.field, p.message])).toEqual([
      [
        'schema.required',
        '/flags',
        'flags.allow_concurrent_calls',
        'The flow definition is missing `flags.allow_concurrent_calls`',
      ],
      ['schema.min-items', '/states', 'states', 'The flow has no widgets: it needs at least the Trigger'],
      [
        'lint.initial-state-unknown',
        '/initial_state',
        'initial_state',
        'The flow starts at “Trigger” (`initial_state`), but no widget has that name',
      ],
    ]);
  });

  it('reports more widgets than allowed (official 1,000; studio 2,000)', () => {
    const many = flow(trigger(), ...Array.from({ length: 1000 }, (_, i) => sendMessage(`m${i}`)));
    expect(
      validateDefinition(many, { profile: 'official' })
        .filter((p) => p.code === 'schema.max-items')
        .map((p) => p.message),
    ).toEqual(['The flow has 1,001 widgets; at most 1,000 are allowed']);
    expect(validateDefinition(many).filter((p) => p.code === 'schema.max-items')).toEqual([]);
  });
});
