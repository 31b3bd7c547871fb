/**
 * Small hand-made flows for the unit tests of this folder (not used by the validator itself).
 */
import type { FlowDefinition, Transition, Widget } from '../model/types';

export function trigger(next?: string, name = 'Trigger'): Widget {
  const t = (event: string, to?: string): Transition => (to === undefined ? { event } : { event, next: to });
  return {
    name,
    type: 'trigger',
    transitions: [
      t('incomingMessage', next),
      t('incomingCall'),
      t('incomingConversationMessage'),
      t('incomingRequest'),
      t('incomingParent'),
    ],
    properties: { offset: { x: 0, y: 0 } },
  };
}

export function sendMessage(name: string, next?: string, properties: Record<string, unknown> = {}): Widget {
  return {
    name,
    type: 'send-message',
    transitions: [next === undefined ? { event: 'sent' } : { event: 'sent', next }, { event: 'failed' }],
    properties: {
      offset: { x: 0, y: 200 },
      from: '{{flow.channel.address}}',
      to: '{{contact.channel.address}}',
      body: 'Hello',
      ...properties,
    },
  };
}

export function sendAndWait(name: string, properties: Record<string, unknown> = {}): Widget {
  return {
    name,
    type: 'send-and-wait-for-reply',
    transitions: [{ event: 'incomingMessage' }, { event: 'timeout' }, { event: 'deliveryFailure' }],
    properties: {
      offset: { x: 0, y: 400 },
      from: '{{flow.channel.address}}',
      body: 'Reply please',
      timeout: '3600',
      ...properties,
    },
  };
}

export interface ConditionSpec {
  type?: unknown;
  value?: unknown;
  arguments?: unknown;
  friendly_name?: unknown;
}

export function split(
  name: string,
  input: string,
  matches: (ConditionSpec[] | undefined)[],
  noMatch?: string,
): Widget {
  return {
    name,
    type: 'split-based-on',
    transitions: [
      noMatch === undefined ? { event: 'noMatch' } : { event: 'noMatch', next: noMatch },
      ...matches.map((conditions): Transition =>
        conditions === undefined
          ? { event: 'match' }
          : {
              event: 'match',
              conditions: conditions.map((c) => {
                const defaults: Record<string, unknown> = {
                  friendly_name: `If value ${String(c.type)} ${String(c.value)}`,
                  arguments: [input],
                  type: 'equal_to',
                  value: '1',
                };
                // A key given as undefined is left out.
                const merged = Object.entries({ ...defaults, ...c }).filter(([, v]) => v !== undefined);
                return Object.fromEntries(merged);
              }),
            },
      ),
    ],
    properties: { offset: { x: 0, y: 600 }, input },
  };
}

/** A definition with the given states, starting at `Trigger`. */
export function flow(...states: Widget[]): FlowDefinition {
  return {
    description: 'A test flow',
    states,
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
  };
}
