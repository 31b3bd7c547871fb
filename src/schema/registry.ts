/**
 * The widget registry: one typed entry per Studio widget type, the single source the palette, the canvas nodes,
 * the forms, the validator's messages and the model's commands read.
 *
 * Derived, not hand-kept: output events come from each type's schema (studio profile, so extension events such as
 * the Trigger's incomingParent are included), ordered and labelled as Studio's canvas shows them (catalog);
 * property defaults come from the schema's `default`s; titles, categories and default names come from the catalog.
 * The only hand-kept facts are the form hints and summary fields below, which no schema or catalog states.
 */
import { isObject } from '../model/object';
import { CATALOG, type CatalogConditionType, type CatalogEntry } from './catalog';
import { STUDIO_SCHEMA_SET, type JsonSchema } from './schemas';

export type WidgetCategory =
  'Flow Control' | 'Voice' | 'Messaging' | 'Tools & Execute Code' | 'Connect Other Products' | 'Other';
export const CATEGORIES: readonly WidgetCategory[] = [
  'Flow Control',
  'Voice',
  'Messaging',
  'Tools & Execute Code',
  'Connect Other Products',
  'Other',
];

export interface WidgetEvent {
  event: string;
  /** Port label as Studio's canvas shows it. */
  label: string;
  /** When the event fires, for tooltips. */
  description: string;
}

/** Hints for the property form that no schema states (how Studio's own inspector presents a field). */
export interface FieldHint {
  /** Multi-line text area (message bodies, prompts, JSON bodies). */
  multiline?: boolean;
  /** The field usually holds Liquid; offer completions. */
  liquid?: boolean;
  /** Label when the schema has no title. */
  label?: string;
  help?: string;
}

export interface WidgetPropertyInfo {
  key: string;
  /** JSON Schema of the property in the studio profile (may be `{}` when unknown). */
  schema: JsonSchema;
  title: string;
  required: boolean;
  default?: unknown;
  hint: FieldHint;
}

export interface WidgetTypeInfo {
  type: string;
  /** Title as Studio shows it ("Send & Wait For Reply"). */
  title: string;
  category: WidgetCategory;
  status: CatalogEntry['status'];
  description: string;
  /** Output events in canvas order. For split-based-on, `match` stands for one port per condition transition. */
  events: readonly WidgetEvent[];
  /** The event that repeats, once per condition (split-based-on `match`). */
  repeatingEvent?: string;
  /** Properties a new widget of this type starts with (without `offset`). */
  defaultProperties: Readonly<Record<string, unknown>>;
  /** Studio's default-name pattern, `{n}` standing for a counter: `send_message_{n}`. */
  defaultNamePattern: string;
  /** The property the canvas summarises on one line (message body, URL, variable tested...). */
  summaryProperty?: string;
  properties: readonly WidgetPropertyInfo[];
  /** Liquid paths this widget exposes to later widgets, `<name>` standing for its name. */
  liquidOutputs: readonly string[];
  /** Offered in the palette for new widgets (retired, enum-only and legacy types are not). */
  creatable: boolean;
  /** The type has an official Twilio schema (as opposed to a generated extension schema or a stub). */
  officialSchema: boolean;
  /** Split condition types (split-based-on only). */
  conditionTypes?: readonly CatalogConditionType[];
}

// ---------------------------------------------------------------------------------------------------------------
// Hand-kept presentation facts (no schema or catalog states them).

const SUMMARY_PROPERTY: Record<string, string> = {
  'split-based-on': 'input',
  'set-variables': 'variables',
  'run-subflow': 'flow_sid',
  'say-play': 'say',
  'gather-input-on-call': 'say',
  'connect-call-to': 'to',
  'make-outgoing-call-v2': 'to',
  'make-outgoing-call-v1': 'to',
  'record-voicemail': 'transcription_callback_url',
  'enqueue-call': 'queue_name',
  'send-message': 'body',
  'send-and-wait-for-reply': 'body',
  'run-function': 'url',
  'run-function-v2': 'url',
  'make-http-request': 'url',
  'add-twiml-redirect': 'url',
  'send-to-flex': 'workflow',
  'capture-payments': 'payment_amount',
  'fork-stream': 'stream_url',
  'run-conversation-relay': 'url',
  'start-conversation': 'conversation_service_sid',
};

/** What Studio puts in a new widget beyond the schema defaults: the prompt that its schema requires one of. */
const NEW_WIDGET_EXTRAS: Record<string, Record<string, unknown>> = {
  'say-play': { say: '' },
  'gather-input-on-call': { say: '' },
  // Studio writes the charset; the schema's default omits it.
  'make-http-request': { content_type: 'application/x-www-form-urlencoded;charset=utf-8' },
};

const MULTILINE = new Set([
  'body',
  'say',
  'attributes',
  'task_attributes',
  'chat_attributes',
  'welcome_greeting',
  'context',
]);
const NOT_LIQUID = new Set([
  'method',
  'content_type',
  'noun',
  'offset',
  'message_type',
  'stream_action',
  'stream_track',
]);

function hintFor(key: string, schema: JsonSchema): FieldHint {
  const hint: FieldHint = {};
  if (MULTILINE.has(key)) hint.multiline = true;
  if (schema.type === 'string' && schema.enum === undefined && !NOT_LIQUID.has(key)) hint.liquid = true;
  return hint;
}

// ---------------------------------------------------------------------------------------------------------------
// Derivation from the schemas.

const schemasById = new Map(STUDIO_SCHEMA_SET.schemas.map((s) => [s.$id as string, s]));

function asSchema(v: unknown): JsonSchema | undefined {
  return isObject(v) ? v : undefined;
}

/** Resolves a `$ref` relative to the document it appears in. */
function resolveRef(ref: string, doc: JsonSchema): { schema: JsonSchema; doc: JsonSchema } | undefined {
  const [base, fragment] = ref.split('#') as [string, string | undefined];
  const target = base === '' ? doc : schemasById.get(base);
  if (!target) return undefined;
  let node: unknown = target;
  for (const part of (fragment ?? '').split('/').filter(Boolean)) node = asSchema(node)?.[part];
  const schema = asSchema(node);
  return schema ? { schema, doc: target } : undefined;
}

/** Every event constant a transition-item schema admits. */
function eventsOf(schema: JsonSchema, doc: JsonSchema, depth = 0): string[] {
  if (depth > 8) return [];
  const out: string[] = [];
  if (typeof schema.$ref === 'string') {
    const r = resolveRef(schema.$ref, doc);
    if (r) out.push(...eventsOf(r.schema, r.doc, depth + 1));
  }
  const event = asSchema(asSchema(schema.properties)?.event);
  if (event) {
    if (typeof event.const === 'string') out.push(event.const);
    if (Array.isArray(event.enum)) out.push(...event.enum.filter((e): e is string => typeof e === 'string'));
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list))
      for (const s of list) if (asSchema(s)) out.push(...eventsOf(s as JsonSchema, doc, depth + 1));
  }
  return [...new Set(out)];
}

function widgetDoc(type: string): JsonSchema | undefined {
  const id = STUDIO_SCHEMA_SET.widgetSchemaIds.get(type);
  return id === undefined ? undefined : schemasById.get(id);
}

/** The events a widget type's schema (studio profile) allows on its transitions. */
export function schemaEventsOf(type: string): string[] {
  const doc = widgetDoc(type);
  return doc ? schemaEvents(doc) : [];
}

function schemaEvents(doc: JsonSchema): string[] {
  const transitions = asSchema(asSchema(doc.properties)?.transitions);
  const items = asSchema(transitions?.items);
  return items ? eventsOf(items, doc) : [];
}

function schemaProperties(doc: JsonSchema | undefined): {
  bag: Record<string, JsonSchema>;
  required: string[];
} {
  const props = asSchema(asSchema(doc?.properties)?.properties);
  const bag = (asSchema(props?.properties) ?? {}) as Record<string, JsonSchema>;
  const required = Array.isArray(props?.required) ? (props.required as string[]) : [];
  return { bag, required };
}

function humanize(key: string): string {
  const words = key.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function titleFromType(type: string): string {
  return type
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/** A new widget's value for a property: the schema default, else the catalog default, else empty when required. */
function defaultValue(schema: JsonSchema, catalogDefault: unknown, required: boolean): unknown {
  const corrected = catalogDefault !== undefined && catalogDefault !== null ? catalogDefault : undefined;
  let value: unknown = schema.default ?? corrected;
  // The schemas carry a few wrong defaults (catalog: make-outgoing-call has from/to swapped; fork-stream's transport
  // "webSocket" is not in its own enum): where the catalog disagrees, the catalog wins.
  if (corrected !== undefined && schema.default !== undefined && corrected !== schema.default)
    value = corrected;
  if (Array.isArray(schema.enum) && value !== undefined && !schema.enum.includes(value)) value = corrected;
  if (value === undefined && required) {
    if (schema.type === 'string' || schema.type === undefined) value = '';
    else if (schema.type === 'array') value = [];
  }
  // Studio writes some integer defaults as they are typed in the schema; keep strings where the schema says string.
  if (schema.type === 'string' && typeof value === 'number') value = String(value);
  return value;
}

function buildEntry(entry: CatalogEntry): WidgetTypeInfo {
  const doc = widgetDoc(entry.type);
  const fromSchema = doc ? schemaEvents(doc) : [];
  const catalogEvents = new Map(entry.events.map((e) => [e.event, e]));
  // Canvas order: the catalog's port order ("match..." stands for the repeating match ports), then whatever else
  // the schema allows, then catalog-only events.
  const order = entry.canvasPortOrder.map((e) => e.replace(/\.\.\.$/, ''));
  const names = [
    ...new Set([
      ...order.filter((e) => fromSchema.includes(e) || catalogEvents.has(e)),
      ...fromSchema,
      ...catalogEvents.keys(),
    ]),
  ];
  // Say/Play and Gather never export `hangup` although the schema allows it: Studio shows no such port.
  const hidden = new Set(entry.events.filter((e) => e.canvasPort === false).map((e) => e.event));
  const events: WidgetEvent[] = names
    .filter((e) => !hidden.has(e))
    .map((event) => {
      const c = catalogEvents.get(event);
      const label =
        c && !c.label.startsWith('<') ? c.label : event === 'match' ? 'Condition' : humanize(event);
      return { event, label, description: c?.whenFires ?? '' };
    });

  const { bag, required } = schemaProperties(doc);
  const catalogProps = new Map(entry.properties.map((p) => [p.key, p]));
  const keys = [...new Set([...Object.keys(bag), ...entry.properties.map((p) => p.key)])].filter(
    (k) => k !== 'offset',
  );
  const properties: WidgetPropertyInfo[] = keys.map((key) => {
    const schema = bag[key] ?? {};
    const c = catalogProps.get(key);
    // The catalog's `required` covers what the schema makes conditional (a message's body, a Say/Play prompt).
    const isRequired = required.includes(key) || c?.required === true;
    const info: WidgetPropertyInfo = {
      key,
      schema,
      title: typeof schema.title === 'string' ? schema.title : humanize(key),
      required: isRequired,
      hint: hintFor(key, schema.type === undefined && c ? { ...schema, type: c.valueType } : schema),
    };
    const d = defaultValue(schema, c?.default, isRequired);
    if (d !== undefined) info.default = d;
    return info;
  });

  const defaultProperties: Record<string, unknown> = {};
  for (const p of properties) {
    if (p.default !== undefined) defaultProperties[p.key] = structuredClone(p.default);
  }

  Object.assign(defaultProperties, NEW_WIDGET_EXTRAS[entry.type]);

  const category = (CATEGORIES as readonly string[]).includes(entry.category)
    ? (entry.category as WidgetCategory)
    : 'Other';
  const pattern = entry.defaultName.pattern.replace(/\?$/, '');
  const info: WidgetTypeInfo = {
    type: entry.type,
    title: cleanTitle(entry.title) ?? titleFromType(entry.type),
    category,
    status: entry.status,
    description: entry.summary ?? '',
    events,
    defaultProperties,
    defaultNamePattern:
      pattern.includes('{n}') || entry.type === 'trigger' ? pattern : `${entry.type.replace(/-/g, '_')}_{n}`,
    properties,
    liquidOutputs: entry.liquidOutputs.map((o) => o.path),
    creatable:
      entry.type !== 'trigger' &&
      (entry.status === 'ga' || entry.status === 'beta' || entry.status === 'deprecated'),
    officialSchema: entry.inOfficialSchema,
  };
  if (entry.type === 'split-based-on') info.repeatingEvent = 'match';
  const summary = SUMMARY_PROPERTY[entry.type];
  if (summary !== undefined) info.summaryProperty = summary;
  if (entry.conditionTypes) info.conditionTypes = entry.conditionTypes;
  return info;
}

/** "Look Up Profile (docs: Search for a Profile?)" -> "Look Up Profile": keep research notes out of the UI. */
function cleanTitle(title: string | null): string | null {
  return title === null ? null : title.replace(/\s*\((docs|unverified|start)[^)]*\)\s*$/i, '');
}

/** Every widget type, in catalog order (Trigger first, then by category as Studio's widget library lists them). */
export const WIDGET_TYPES: readonly WidgetTypeInfo[] = CATALOG.map(buildEntry);

const registry = new Map(WIDGET_TYPES.map((w) => [w.type, w]));

export function getWidgetType(type: string): WidgetTypeInfo | undefined {
  return registry.get(type);
}

/** The label of a widget's output port, e.g. "Message Sent"; split conditions use their friendly name. */
export function eventLabel(type: string, event: string): string {
  return registry.get(type)?.events.find((e) => e.event === event)?.label ?? humanize(event);
}

/** Studio's next free default name for a new widget of `type`: `send_message_3`. */
export function defaultWidgetName(type: string, existing: ReadonlySet<string>): string {
  const pattern = registry.get(type)?.defaultNamePattern ?? `${type.replace(/-/g, '_')}_{n}`;
  if (!pattern.includes('{n}')) {
    if (!existing.has(pattern)) return pattern;
    return defaultWidgetName('', new Set([...existing]).add(pattern)).replace(/^_/, `${pattern}_`);
  }
  const lower = new Set([...existing].map((n) => n.toLowerCase()));
  for (let n = 1; ; n++) {
    const name = pattern.replace('{n}', String(n));
    if (!lower.has(name.toLowerCase())) return name;
  }
}

/** Modern type for a legacy (pre-2019) PascalCase type such as `SayPlay`, when known. */
export function modernTypeForLegacy(legacyType: string): string | undefined {
  return CATALOG.find((e) => legacyType in e.legacyAliases)?.type;
}
