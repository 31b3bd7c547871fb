/**
 * Deterministic synthetic Studio flows of any size, shaped like real ones: a Trigger, then a tree of the widget
 * types real flows use most (send-and-wait, split with conditions, send-message, set-variables, HTTP, functions,
 * say/gather on the voice branch), each wired to the next, with Liquid references to earlier widgets and offsets on
 * Studio's 10 px grid. Used by the benchmarks (core and canvas) so every figure is measured on the same flows.
 */
import type { FlowDefinition, Transition, Widget } from '../src/model/types';

/** A small deterministic PRNG (mulberry32) so the same size always gives the same flow. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface WidgetBody {
  type: string;
  transitions: Transition[];
  properties: Record<string, unknown>;
}
/** Makes a widget's body; `prev` is the widget that leads to it (for Liquid references). */
type Maker = (prev: string) => WidgetBody;

const MAKERS: { weight: number; make: Maker }[] = [
  {
    weight: 4,
    make: (prev) => ({
      type: 'send-and-wait-for-reply',
      transitions: t(['incomingMessage', 'timeout', 'deliveryFailure']),
      properties: {
        body: `Thanks {{widgets.${prev}.inbound.Body | default: "friend"}}! Reply 1 for hours, 2 for an agent.`,
        from: '{{flow.channel.address}}',
        timeout: '3600',
      },
    }),
  },
  {
    weight: 3,
    make: (prev) => ({
      type: 'split-based-on',
      transitions: [
        { event: 'noMatch' },
        ...['1', '2', '3'].map((v) => ({
          event: 'match',
          conditions: [
            {
              friendly_name: `If value equal_to ${v}`,
              arguments: [`{{widgets.${prev}.inbound.Body}}`],
              type: 'equal_to',
              value: v,
            },
          ],
        })),
      ],
      properties: { input: `{{widgets.${prev}.inbound.Body}}` },
    }),
  },
  {
    weight: 3,
    make: (prev) => ({
      type: 'send-message',
      transitions: t(['sent', 'failed']),
      properties: {
        service: '{{trigger.message.InstanceSid}}',
        channel: '{{trigger.message.ChannelSid}}',
        from: '{{flow.channel.address}}',
        to: '{{contact.channel.address}}',
        body: `Your reference is {{widgets.${prev}.parsed.reference}}. {% if flow.variables.vip == "true" %}Priority line.{% endif %}`,
      },
    }),
  },
  {
    weight: 2,
    make: () => ({
      type: 'set-variables',
      transitions: t(['next']),
      properties: {
        variables: [
          { value: '{{trigger.message.From}}', key: 'caller' },
          { value: 'true', key: 'vip' },
        ],
      },
    }),
  },
  {
    weight: 2,
    make: () => ({
      type: 'make-http-request',
      transitions: t(['success', 'failed']),
      properties: {
        method: 'POST',
        content_type: 'application/json;charset=utf-8',
        body: '{"from": "{{contact.channel.address}}", "text": "{{trigger.message.Body}}"}',
        url: 'https://example.com/api/lookup',
      },
    }),
  },
  {
    weight: 2,
    make: () => ({
      type: 'run-function',
      transitions: t(['success', 'fail']),
      properties: {
        service_sid: 'ZS00000000000000000000000000000000',
        environment_sid: 'ZE00000000000000000000000000000000',
        function_sid: 'ZH00000000000000000000000000000000',
        parameters: [{ value: '{{flow.variables.caller}}', key: 'caller' }],
        url: 'https://example-1234.twil.io/lookup',
      },
    }),
  },
  {
    weight: 1,
    make: () => ({
      type: 'say-play',
      transitions: t(['audioComplete']),
      properties: {
        voice: 'Polly.Joanna',
        loop: 1,
        say: 'Please hold while we connect you.',
        language: 'en-US',
      },
    }),
  },
  {
    weight: 1,
    make: () => ({
      type: 'gather-input-on-call',
      transitions: t(['keypress', 'speech', 'timeout']),
      properties: {
        speech_timeout: 'auto',
        loop: 1,
        finish_on_key: '#',
        say: 'Press 1 or say sales.',
        stop_gather: true,
        timeout: 5,
      },
    }),
  },
];

function t(events: string[]): Transition[] {
  return events.map((event) => ({ event }));
}

/**
 * A flow of exactly `states` widgets (Trigger included), every widget reachable from the Trigger.
 * Widgets are placed on a layered grid like Studio's canvas.
 */
export function generateFlow(states: number, seed = 42): FlowDefinition {
  const random = rng(seed + states);
  const total = MAKERS.reduce((s, m) => s + m.weight, 0);
  const pick = (): Maker => {
    let r = random() * total;
    for (const m of MAKERS) if ((r -= m.weight) < 0) return m.make;
    return (MAKERS[0] as { make: Maker }).make;
  };
  const trigger: Widget = {
    name: 'Trigger',
    type: 'trigger',
    transitions: t([
      'incomingMessage',
      'incomingCall',
      'incomingConversationMessage',
      'incomingRequest',
      'incomingParent',
    ]),
    properties: { offset: { x: 0, y: 0 } },
  };
  const widgets: Widget[] = [trigger];
  const depthOf = [0];
  // Breadth-first: each new widget takes the oldest free output event as its way in, so every widget is reachable
  // and the flow fans out layer by layer. Two trigger events and at most three events per widget are wired; the rest
  // stay unconnected, as in real flows.
  const free: { widget: number; transition: number }[] = [
    { widget: 0, transition: 0 },
    { widget: 0, transition: 1 },
  ];
  const perRow = new Map<number, number>();
  for (let i = 1; i < states; i++) {
    const slot = free.shift();
    if (!slot) throw new Error('no free event left');
    const parent = widgets[slot.widget] as Widget;
    const name = `widget_${i}`;
    const transition = parent.transitions[slot.transition] as Transition;
    parent.transitions[slot.transition] = { ...transition, next: name };
    const depth = (depthOf[slot.widget] ?? 0) + 1;
    depthOf.push(depth);
    const col = perRow.get(depth) ?? 0;
    perRow.set(depth, col + 1);
    const body = pick()(parent.name);
    widgets.push({
      name,
      type: body.type,
      transitions: body.transitions,
      properties: { ...body.properties, offset: { x: col * 400, y: depth * 300 } },
    });
    body.transitions.slice(0, 3).forEach((_, transition) => free.push({ widget: i, transition }));
  }
  return {
    description: `Synthetic flow of ${states} widgets`,
    states: widgets,
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
  };
}
