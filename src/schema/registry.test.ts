import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../model/types';
import { CATALOG } from './catalog';
import {
  defaultWidgetName,
  eventLabel,
  getWidgetType,
  modernTypeForLegacy,
  schemaEventsOf,
  WIDGET_TYPES,
} from './registry';
import { OFFICIAL_SCHEMA_SET, STUDIO_SCHEMA_SET, widgetSchema } from './schemas';

const corpusDir = new URL('../../../shared/corpus/', import.meta.url);
const corpus: { file: string; def: FlowDefinition }[] = ['real', 'techmatters'].flatMap((sub) =>
  readdirSync(new URL(`${sub}/`, corpusDir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({
      file: `${sub}/${f}`,
      def: JSON.parse(readFileSync(new URL(`${sub}/${f}`, corpusDir), 'utf8')) as FlowDefinition,
    })),
);
const LEGACY = 'real/accfb-foodnow__flow-old.json';

describe('widget registry', () => {
  it('has one entry per catalog type, each with a title, category and default name', () => {
    expect(WIDGET_TYPES.map((w) => w.type)).toEqual(CATALOG.map((c) => c.type));
    for (const w of WIDGET_TYPES) {
      expect(w.title, w.type).not.toMatch(/^\s*$|\(docs|null/);
      expect(w.defaultNamePattern, w.type).toBeTruthy();
      expect(w.category, w.type).toBeTruthy();
    }
  });

  it('covers every widget type and every event used in the 141 corpus flows', () => {
    let states = 0;
    for (const { file, def } of corpus) {
      if (file === LEGACY) continue;
      for (const state of def.states) {
        states++;
        const info = getWidgetType(state.type);
        expect(info, `${file}: ${state.type}`).toBeDefined();
        const events = new Set(info?.events.map((e) => e.event));
        for (const t of state.transitions) {
          // Say/Play and Gather may carry a schema-allowed `hangup` that Studio shows no port for.
          if (t.event === 'hangup' && !events.has('hangup')) continue;
          expect(events.has(t.event), `${file}: ${state.name} (${state.type}) event ${t.event}`).toBe(true);
        }
      }
    }
    expect(states).toBeGreaterThan(2000);
  });

  it('maps every legacy PascalCase type of the pre-2019 file to a modern type', () => {
    const legacy = corpus.find((c) => c.file === LEGACY);
    for (const s of legacy?.def.states ?? []) expect(modernTypeForLegacy(s.type), s.type).toBeDefined();
  });

  it('derives events from the schemas: every schema event is in the registry', () => {
    for (const w of WIDGET_TYPES) {
      if (!widgetSchema('studio', w.type)) continue;
      const ports = new Set(w.events.map((e) => e.event));
      const schemaEvents = schemaEventsOf(w.type);
      if (w.officialSchema && w.status !== 'enum-only')
        expect(schemaEvents.length, w.type).toBeGreaterThan(0);
      // Every schema event is a port, except the `hangup` Studio never shows on Say/Play and Gather.
      for (const e of schemaEvents)
        if (!(e === 'hangup' && ['say-play', 'gather-input-on-call'].includes(w.type)))
          expect(ports.has(e), `${w.type}.${e}`).toBe(true);
    }
  });

  it('orders and labels ports as Studio does', () => {
    expect(getWidgetType('trigger')?.events.map((e) => e.event)).toEqual([
      'incomingMessage',
      'incomingCall',
      'incomingConversationMessage',
      'incomingRequest',
      'incomingParent',
    ]);
    expect(getWidgetType('split-based-on')?.events.map((e) => e.label)).toEqual([
      'No Condition Matches',
      'Condition',
    ]);
    expect(getWidgetType('split-based-on')?.repeatingEvent).toBe('match');
    expect(eventLabel('send-message', 'failed')).toBe('Failed to Send');
    expect(getWidgetType('say-play')?.events.map((e) => e.event)).toEqual(['audioComplete']);
    expect(getWidgetType('run-subflow')?.events.map((e) => e.event)).toEqual(['completed', 'failed']);
  });

  it('gives new widgets Studio-like default properties and corrects wrong schema defaults', () => {
    expect(getWidgetType('send-message')?.defaultProperties).toMatchObject({
      body: '',
      from: '{{flow.channel.address}}',
      to: '{{contact.channel.address}}',
    });
    const call = getWidgetType('make-outgoing-call-v2')?.defaultProperties;
    expect(call?.from).toBe('{{flow.channel.address}}');
    expect(call?.to).toBe('{{contact.channel.address}}');
    expect(getWidgetType('fork-stream')?.defaultProperties.stream_transport_type).toBe('websocket');
    expect(getWidgetType('make-http-request')?.defaultProperties).toMatchObject({ method: 'GET', url: '' });
  });

  it('offers every creatable type and keeps the Trigger, retired and enum-only types out of the palette', () => {
    const creatable = WIDGET_TYPES.filter((w) => w.creatable).map((w) => w.type);
    expect(creatable).toContain('run-subflow');
    expect(creatable).toContain('send-message');
    expect(creatable).not.toContain('trigger');
    expect(creatable).not.toContain('send-to-auto-pilot');
    expect(creatable).not.toContain('understand');
  });

  it('names new widgets like Studio: the first free <prefix>_<n>', () => {
    expect(defaultWidgetName('send-message', new Set())).toBe('send_message_1');
    expect(defaultWidgetName('send-message', new Set(['send_message_1', 'Send_Message_2']))).toBe(
      'send_message_3',
    );
    expect(defaultWidgetName('split-based-on', new Set(['split_1']))).toBe('split_2');
    expect(defaultWidgetName('make-outgoing-call-v2', new Set())).toBe('call_user_1');
  });
});

describe('schema sets', () => {
  it('keeps the official set exactly as published and extends only copies', () => {
    const official = OFFICIAL_SCHEMA_SET.schemas.find((s) => s.$id === OFFICIAL_SCHEMA_SET.rootId);
    const states = (official?.properties as Record<string, Record<string, unknown>>).states;
    expect(states?.maxItems).toBe(1000);
    expect(OFFICIAL_SCHEMA_SET.knownTypes).not.toContain('run-subflow');
    expect(STUDIO_SCHEMA_SET.knownTypes).toContain('run-subflow');
    expect(STUDIO_SCHEMA_SET.knownTypes).toContain('connect-virtual-agent-v2');
    for (const w of WIDGET_TYPES) expect(STUDIO_SCHEMA_SET.widgetSchemaIds.has(w.type), w.type).toBe(true);
  });
});
