/**
 * The inspector's form model: for each widget type, the fields of its property form, generated from the type's JSON
 * schema (studio profile) and the registry's form hints, plus one table of overrides where Studio's own inspector is
 * richer than the schema says (split conditions, Set Variables rows, the Trigger's events, Gather's sections, the
 * HTTP request's content types...). The React form components render these models; no per-type component.
 *
 * How a property becomes a field (`deriveField`), first match wins:
 * - `anyOf` of integer | numeric string (the `numeric-strings` extension: timeouts Studio writes as "3600") →
 *   `integer` with valueType `any` (numbers and strings both stay what they are);
 * - a string `enum` of exactly "true"/"false" (profanity_filter, play_beep...) → `boolean` with valueType `string`:
 *   a checkbox that stores the strings Studio stores;
 * - `enum` → `enum` (options: the schema's values, or the catalog's where they are a subset of them, which drops the
 *   schemas' misspellings such as fork-stream's "both_track");
 * - `type` string → `text`, or `multiline` by the registry hint; a string the schema leaves free but the catalog
 *   lists values for (speech_model, trim, callback methods) → `enum` with `openOptions` (other values, Liquid
 *   included, stay allowed);
 * - `integer` / `number` / `boolean` → the same kinds;
 * - an array of `Parameter` items → `key-value`; of strings (or of string enums) → `string-list`;
 * - an object with `properties` → `object` with nested `fields`;
 * - no usable schema (catalog-only keys such as run-function's `service_sid`, make-http-request's
 *   `add_twilio_auth`): the catalog's value type and enum, through the same rules;
 * - anything else → `json` (an inline JSON editor for that one property, e.g. start-conversation `participants`).
 *
 * Properties a widget holds that its form does not describe (`unknownProperties`) go to an "Advanced" raw JSON
 * section, edited as JSON and exported unchanged.
 *
 * Values keep their JSON type: see `coerceInput` for the rules that turn typed text into the stored value, and
 * `displayValue` for the reverse.
 *
 * Split conditions live in the split's transitions, not its properties: the `split-conditions` pseudo-field
 * (scope `transitions`) describes them, and the `*SplitCondition` functions below edit them (pure Widget → Widget
 * transforms for the store to apply with `replaceWidget`; the canvas ports follow the transitions).
 *
 * Pure TypeScript: no React, no DOM.
 */
import { parseJson } from '../io/json';
import { isObject } from '../model/object';
import type { SplitCondition, Transition, Widget } from '../model/types';
import { catalogEntry, type CatalogProperty } from '../schema/catalog';
import { getWidgetType, type WidgetPropertyInfo } from '../schema/registry';
import { STUDIO_SCHEMA_SET, type JsonSchema } from '../schema/schemas';

export type FieldKind =
  | 'text'
  | 'multiline'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'enum'
  | 'string-list'
  | 'key-value'
  | 'object'
  | 'split-conditions'
  | 'set-variables'
  | 'readonly-events'
  | 'json';

export interface FieldOption {
  value: string;
  label: string;
}

/** A field shows only while a sibling property has one of `values` (its default when absent). */
export interface VisibleWhen {
  key: string;
  values: readonly unknown[];
}

export interface FieldModel {
  /** The property key (the last segment of `path`); `transitions` for the pseudo-fields that edit transitions. */
  key: string;
  /**
   * Where the value is. Top-level fields: `[key]`, inside `properties`. Fields of an `object` field: the full path
   * from `properties` (`['connector_details', 'name']`). Fields of list items (the columns of `key-value` and
   * `set-variables` rows, the parts of a split condition): relative to the item (`['value']`). Pseudo-fields of
   * scope `transitions`: `[]`.
   */
  path: string[];
  /** `properties` for property fields; `transitions` for `split-conditions` and `readonly-events`. */
  scope: 'properties' | 'transitions';
  kind: FieldKind;
  label: string;
  required: boolean;
  /** The default, shown (greyed) while the property is absent, never stored by the form. */
  placeholder?: string;
  /** What Studio assumes while the property is absent (checkbox state, select's initial option). */
  defaultValue?: unknown;
  help?: string;
  /**
   * `enum`: the values offered; `string-list`: the allowed items (multi-select); `split-conditions`: the 17 condition
   * types; `readonly-events`: the events. A stored value outside the options is shown as an extra option, never
   * replaced.
   */
  options?: FieldOption[];
  /** `enum`: the options are suggestions; the schema accepts any text (Liquid too), so offer free entry. */
  openOptions?: boolean;
  /** Offer Liquid completions and flag references to missing widgets. */
  liquid: boolean;
  /**
   * The JSON type of the stored value: `any` where Studio stores either numbers or numeric strings (timeouts),
   * `string` for `boolean` fields whose value is the string "true"/"false".
   */
  valueType: 'string' | 'number' | 'boolean' | 'array' | 'object' | 'any';
  /**
   * `integer`/`number` fields: how a number typed into an absent property is stored (there is no previous value to
   * follow): `string` where Studio writes the field as a string ("3600"), else `number`.
   */
  numberAs?: 'number' | 'string';
  /** Bounds from the schema (`minimum`/`maximum`). */
  min?: number;
  max?: number;
  /** An empty string is a value of its own (finish_on_key "" = no finish key): clearing the field stores "". */
  keepEmpty?: boolean;
  /** `object`: its properties; `key-value`/`set-variables`: the row columns; `split-conditions`: condition parts. */
  fields?: FieldModel[];
  /** `key-value`/`set-variables`: the item keys the row edits, `['key', 'value']` (+ `'type'` for run-subflow). */
  itemKeys?: string[];
  visibleWhen?: VisibleWhen;
  /** The section the field belongs to when the form has several ('Prompt', 'Keypress', 'Speech recognition'). */
  group?: string;
}

export interface FormSection {
  title: string;
  fields: FieldModel[];
}

export interface FormModel {
  type: string;
  /** The widget type's title ("Send Message"). */
  title: string;
  /** Fields in Studio's inspector order. Empty for types with no known properties (enum-only stubs, unknown types). */
  sections: FormSection[];
}

// ---------------------------------------------------------------------------------------------------------------
// Overrides: only where Studio's inspector is richer than the schema. Data, not components.

const JSON_CONTENT_TYPES = ['application/json;charset=utf-8', 'application/json'];
const FORM_CONTENT_TYPES = [
  'application/x-www-form-urlencoded;charset=utf-8',
  'application/x-www-form-urlencoded',
];

/** The two content types Studio's HTTP widget offers (the only two in the 256 corpus requests). */
const CONTENT_TYPE_OPTIONS: FieldOption[] = [
  { value: 'application/x-www-form-urlencoded;charset=utf-8', label: 'Form URL Encoded' },
  { value: 'application/json;charset=utf-8', label: 'Application/JSON' },
];

interface FieldOverride {
  label?: string;
  help?: string;
  kind?: FieldKind;
  options?: FieldOption[];
  /** Labels for some enum values (the rest show the value). */
  optionLabels?: Record<string, string>;
  openOptions?: boolean;
  /** Replaces the registry default as placeholder/defaultValue. */
  defaultValue?: unknown;
  keepEmpty?: boolean;
  visibleWhen?: VisibleWhen;
  /** Extra columns of `key-value` rows after key and value. */
  extraColumns?: FieldModel[];
}

interface TypeOverride {
  /** These keys first, in this order; the others follow in registry (schema) order. */
  order?: readonly string[];
  /** Sections by key, in order; keys no section lists go to a last section, "Other". */
  sections?: readonly { title: string; keys: readonly string[] }[];
  fields?: Readonly<Record<string, FieldOverride>>;
  /** A pseudo-field editing (or showing) the transitions, in a section of its own after the properties. */
  transitions?: 'split-conditions' | 'readonly-events';
}

const MESSAGE_FIELDS: Record<string, FieldOverride> = {
  body: { label: 'Message body', visibleWhen: { key: 'message_type', values: ['custom'] } },
  media_url: { label: 'Media URL', visibleWhen: { key: 'message_type', values: ['custom'] } },
  message_type: { optionLabels: { custom: 'Custom message', content_template: 'Content template' } },
  content_sid: { visibleWhen: { key: 'message_type', values: ['content_template'] } },
  content_variables: { visibleWhen: { key: 'message_type', values: ['content_template'] } },
};
const MESSAGE_ORDER = ['body', 'message_type', 'content_sid', 'content_variables', 'from', 'to', 'media_url'];

const SUBFLOW_TYPE_COLUMN: FieldModel = {
  key: 'type',
  path: ['type'],
  scope: 'properties',
  kind: 'enum',
  label: 'Type',
  required: false,
  placeholder: 'string',
  defaultValue: 'string',
  help: 'Parse as JSON object: the subflow receives an object, not text.',
  // "json_object" is how Studio exports a ticked "Parse as JSON object" box (18 corpus parameters).
  options: [
    { value: 'string', label: 'Text' },
    { value: 'json_object', label: 'Parse as JSON object' },
  ],
  liquid: false,
  valueType: 'string',
};

const OVERRIDES: Readonly<Record<string, TypeOverride>> = {
  trigger: { transitions: 'readonly-events' },
  'split-based-on': {
    transitions: 'split-conditions',
    fields: {
      input: {
        help: 'The value the conditions test, usually Liquid such as {{widgets.gather_1.Digits}}.',
      },
    },
  },
  'set-variables': { fields: { variables: { kind: 'set-variables', label: 'Variables' } } },
  'send-message': { order: MESSAGE_ORDER, fields: MESSAGE_FIELDS },
  'send-and-wait-for-reply': {
    order: [...MESSAGE_ORDER.slice(0, 5), 'timeout'],
    fields: {
      ...MESSAGE_FIELDS,
      timeout: { label: 'Stop waiting after (seconds)' },
    },
  },
  'gather-input-on-call': {
    sections: [
      { title: 'Prompt', keys: ['say', 'play', 'voice', 'language', 'loop'] },
      { title: 'Keypress', keys: ['finish_on_key', 'number_of_digits', 'timeout', 'stop_gather'] },
      {
        title: 'Speech recognition',
        keys: ['hints', 'gather_language', 'speech_timeout', 'speech_model', 'profanity_filter'],
      },
    ],
    fields: {
      finish_on_key: { keepEmpty: true, help: 'Empty: no key ends the input.' },
      stop_gather: { label: 'Stop gathering on keypress' },
      number_of_digits: { label: 'Stop gathering after (digits)' },
      timeout: { label: 'Timeout (seconds)' },
      hints: { help: 'Comma-separated words or phrases the caller is likely to say.' },
      speech_timeout: { options: [{ value: 'auto', label: 'auto' }], openOptions: true },
    },
  },
  'say-play': { order: ['say', 'play', 'voice', 'language', 'loop', 'digits'] },
  'record-voicemail': {
    fields: { finish_on_key: { keepEmpty: true, help: 'Empty: no key ends the recording.' } },
  },
  'make-http-request': {
    order: ['method', 'url', 'content_type', 'body', 'parameters', 'add_twilio_auth'],
    fields: {
      method: { label: 'Request method' },
      url: { label: 'Request URL' },
      content_type: {
        kind: 'enum',
        options: CONTENT_TYPE_OPTIONS,
        // Studio appends the charset; the schema's default lacks it.
        defaultValue: 'application/x-www-form-urlencoded;charset=utf-8',
      },
      body: { label: 'Request body', visibleWhen: { key: 'content_type', values: JSON_CONTENT_TYPES } },
      parameters: {
        label: 'HTTP parameters',
        visibleWhen: { key: 'content_type', values: FORM_CONTENT_TYPES },
      },
      add_twilio_auth: { label: 'Add Twilio authentication' },
    },
  },
  'run-function': {
    order: ['service_sid', 'environment_sid', 'function_sid', 'url', 'parameters'],
    fields: {
      service_sid: { label: 'Service' },
      environment_sid: { label: 'Environment' },
      function_sid: { label: 'Function' },
      url: { label: 'Function URL' },
      parameters: { label: 'Function parameters' },
    },
  },
  'run-subflow': {
    fields: {
      flow_sid: { label: 'Subflow' },
      flow_revision: {
        label: 'Revision',
        options: [
          { value: 'LatestPublished', label: 'Latest published' },
          { value: 'LatestDraft', label: 'Latest draft' },
        ],
        openOptions: true,
      },
      parameters: { label: 'Subflow parameters', extraColumns: [SUBFLOW_TYPE_COLUMN] },
    },
  },
  'connect-call-to': {
    fields: {
      noun: {
        label: 'Connect call to',
        optionLabels: {
          client: 'Client',
          conference: 'Conference',
          number: 'Single number',
          'number-multi': 'Multiple numbers',
          sim: 'SIM',
          sip: 'SIP endpoint',
        },
      },
      sip_endpoint: { visibleWhen: { key: 'noun', values: ['sip'] } },
      sip_username: { visibleWhen: { key: 'noun', values: ['sip'] } },
      sip_password: { visibleWhen: { key: 'noun', values: ['sip'] } },
    },
  },
  'fork-stream': {
    fields: {
      stream_url: { visibleWhen: { key: 'stream_transport_type', values: ['websocket', 'webSocket'] } },
      stream_connector: { visibleWhen: { key: 'stream_transport_type', values: ['siprec', 'spirec'] } },
    },
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Schema helpers

const schemasById = new Map(STUDIO_SCHEMA_SET.schemas.map((s) => [s.$id as string, s]));
const PARAMETER_REF = /commons#\/definitions\/Parameter$/;

function asSchema(v: unknown): JsonSchema | undefined {
  return isObject(v) ? v : undefined;
}

/** Follows absolute `$ref`s (the property schemas only use commons definitions), merging sibling keywords. */
function resolve(schema: JsonSchema, depth = 0): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || depth > 8) return schema;
  const [base, fragment] = ref.split('#') as [string, string | undefined];
  let node: unknown = schemasById.get(base);
  for (const part of (fragment ?? '').split('/').filter(Boolean)) node = asSchema(node)?.[part];
  const target = asSchema(node);
  if (!target) return schema;
  const { $ref: _ref, ...siblings } = schema;
  return { ...resolve(target, depth + 1), ...siblings };
}

function stringEnum(schema: JsonSchema): string[] | undefined {
  const e = schema.enum;
  return Array.isArray(e) && e.every((v): v is string => typeof v === 'string') ? e : undefined;
}

function anyOfBranches(schema: JsonSchema): JsonSchema[] {
  const list = schema.anyOf ?? schema.oneOf;
  return Array.isArray(list) ? list.map((b) => resolve(asSchema(b) ?? {})) : [];
}

function isTrueFalse(values: readonly string[]): boolean {
  return values.length === 2 && values.includes('true') && values.includes('false');
}

const ACRONYMS: Record<string, string> = {
  url: 'URL',
  sid: 'SID',
  sip: 'SIP',
  id: 'ID',
  tts: 'TTS',
  dtmf: 'DTMF',
  http: 'HTTP',
  json: 'JSON',
};

/** "Caller id" → "Caller ID", "Transcription callback url" → "Transcription callback URL". */
function fixAcronyms(label: string): string {
  return label.replace(/\b[A-Za-z]+\b/g, (w) => ACRONYMS[w.toLowerCase()] ?? w);
}

function humanize(key: string): string {
  const words = key.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2');
  return fixAcronyms(words.charAt(0).toUpperCase() + words.slice(1));
}

function optionsOf(values: readonly string[], labels?: Record<string, string>): FieldOption[] {
  return values.map((value) => ({ value, label: labels?.[value] ?? value }));
}

function placeholderOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Derivation

interface Source {
  key: string;
  path: string[];
  schema: JsonSchema;
  title?: string;
  required: boolean;
  defaultValue?: unknown;
  multiline: boolean;
  liquid: boolean;
  catalog?: CatalogProperty | undefined;
  override?: FieldOverride | undefined;
}

/** The key/value columns of a `Parameter` row (+ override columns). */
function parameterColumns(extra: readonly FieldModel[] = []): FieldModel[] {
  return [
    {
      key: 'key',
      path: ['key'],
      scope: 'properties',
      kind: 'text',
      label: 'Key',
      required: true,
      liquid: false,
      valueType: 'string',
    },
    {
      key: 'value',
      path: ['value'],
      scope: 'properties',
      kind: 'text',
      label: 'Value',
      required: true,
      liquid: true,
      valueType: 'string',
    },
    ...extra,
  ];
}

function deriveField(src: Source): FieldModel {
  const ov = src.override;
  const schema = resolve(src.schema);
  const cat = src.catalog;
  const base = {
    key: src.key,
    path: src.path,
    scope: 'properties' as const,
    label: ov?.label ?? fixAcronyms(src.title ?? humanize(src.key)),
    required: src.required,
  };
  const field = { ...base, ...kindOf(schema, src, cat) } as FieldModel;
  if (ov?.kind !== undefined && ov.kind !== field.kind) {
    field.kind = ov.kind;
    if (ov.kind === 'set-variables') {
      field.valueType = 'array';
      field.liquid = false;
      field.itemKeys = ['key', 'value'];
      field.fields = parameterColumns();
    } else if (ov.kind === 'enum') {
      field.liquid = false;
    }
  }
  if (ov?.options) {
    field.options = ov.options;
    // A free text field with suggested values (run-subflow revision, speech timeout "auto").
    if (field.kind === 'text') field.kind = 'enum';
  }
  if (ov?.optionLabels && field.options)
    field.options = field.options.map((o) => ({
      value: o.value,
      label: ov.optionLabels?.[o.value] ?? o.label,
    }));
  if (ov?.openOptions !== undefined) field.openOptions = ov.openOptions;
  if (field.kind === 'enum' && field.openOptions === true) field.liquid = src.liquid;
  if (field.kind === 'key-value' && ov?.extraColumns) {
    field.fields = parameterColumns(ov.extraColumns);
    field.itemKeys = field.fields.map((f) => f.key);
  }
  const defaultValue = ov !== undefined && 'defaultValue' in ov ? ov.defaultValue : src.defaultValue;
  if (
    defaultValue !== undefined &&
    defaultValue !== '' &&
    !(Array.isArray(defaultValue) && defaultValue.length === 0)
  ) {
    field.defaultValue = defaultValue;
    const placeholder = field.kind === 'boolean' ? undefined : placeholderOf(defaultValue);
    if (placeholder !== undefined) field.placeholder = placeholder;
  }
  const help = ov?.help ?? (typeof schema.description === 'string' ? schema.description : undefined);
  if (help !== undefined) field.help = help;
  if (ov?.keepEmpty) field.keepEmpty = true;
  if (ov?.visibleWhen) field.visibleWhen = ov.visibleWhen;
  if (typeof schema.minimum === 'number') field.min = schema.minimum;
  if (typeof schema.maximum === 'number') field.max = schema.maximum;
  return field;
}

type KindPart = Omit<FieldModel, 'key' | 'path' | 'scope' | 'label' | 'required'>;

function kindOf(schema: JsonSchema, src: Source, cat: CatalogProperty | undefined): KindPart {
  const text: KindPart = {
    kind: src.multiline ? 'multiline' : 'text',
    liquid: src.liquid,
    valueType: 'string',
  };
  const branches = anyOfBranches(schema);
  if (branches.length > 0) {
    const types = new Set(branches.map((b) => b.type));
    if (types.has('integer') && types.has('string') && types.size === 2)
      return {
        kind: 'integer',
        liquid: true,
        valueType: 'any',
        // Studio writes these as strings (catalog: "accept both, emit string").
        numberAs: cat?.valueType === 'string' || typeof schema.default === 'string' ? 'string' : 'number',
      };
    const values = branches.flatMap((b) => stringEnum(b) ?? []);
    if (values.length > 0)
      return { kind: 'enum', liquid: false, valueType: 'string', options: optionsOf(values) };
  }
  const schemaEnum = stringEnum(schema);
  if (schemaEnum) {
    if (isTrueFalse(schemaEnum)) return { kind: 'boolean', liquid: false, valueType: 'string' };
    const catalogEnum = cat?.enum;
    const values =
      catalogEnum && catalogEnum.length > 0 && catalogEnum.every((v) => schemaEnum.includes(v))
        ? catalogEnum
        : schemaEnum;
    return { kind: 'enum', liquid: false, valueType: 'string', options: optionsOf(values) };
  }
  const type = typeof schema.type === 'string' ? schema.type : cat?.valueType;
  switch (type) {
    case 'string': {
      const catalogEnum = cat?.enum;
      if (catalogEnum && catalogEnum.length > 0) {
        if (isTrueFalse(catalogEnum)) return { kind: 'boolean', liquid: false, valueType: 'string' };
        return {
          kind: 'enum',
          liquid: src.liquid,
          valueType: 'string',
          options: optionsOf(catalogEnum),
          openOptions: true,
        };
      }
      return text;
    }
    case 'integer':
      return { kind: 'integer', liquid: false, valueType: 'number', numberAs: 'number' };
    case 'number':
      return { kind: 'number', liquid: false, valueType: 'number', numberAs: 'number' };
    case 'boolean':
      return { kind: 'boolean', liquid: false, valueType: 'boolean' };
    case 'array': {
      const items = resolve(asSchema(schema.items) ?? {});
      const rawItems = asSchema(schema.items);
      const isParameter =
        (typeof rawItems?.$ref === 'string' && PARAMETER_REF.test(rawItems.$ref)) ||
        (asSchema(items.properties)?.key !== undefined && asSchema(items.properties)?.value !== undefined);
      if (isParameter) {
        const fields = parameterColumns();
        return { kind: 'key-value', liquid: false, valueType: 'array', fields, itemKeys: ['key', 'value'] };
      }
      const itemValues = [
        ...(stringEnum(items) ?? []),
        ...anyOfBranches(items).flatMap((b) => stringEnum(b) ?? []),
      ];
      if (itemValues.length > 0)
        return {
          kind: 'string-list',
          liquid: false,
          valueType: 'array',
          options: optionsOf(cat?.enum && cat.enum.length > 0 ? cat.enum : itemValues),
        };
      if (items.type === 'string') return { kind: 'string-list', liquid: src.liquid, valueType: 'array' };
      return { kind: 'json', liquid: false, valueType: 'array' };
    }
    case 'object': {
      const props = asSchema(schema.properties);
      if (!props) return { kind: 'json', liquid: false, valueType: 'object' };
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
      const fields = Object.entries(props).map(([key, s]) => {
        const child = resolve(asSchema(s) ?? {});
        return deriveField({
          key,
          path: [...src.path, key],
          schema: child,
          ...(typeof child.title === 'string' ? { title: child.title } : {}),
          required: required.includes(key),
          defaultValue: child.default,
          multiline: false,
          liquid: child.type === 'string' && child.enum === undefined,
        });
      });
      return { kind: 'object', liquid: false, valueType: 'object', fields };
    }
    default:
      return { kind: 'json', liquid: false, valueType: 'any' };
  }
}

function propertyField(
  type: string,
  info: WidgetPropertyInfo,
  override: TypeOverride | undefined,
): FieldModel {
  const cat = catalogEntry(type)?.properties.find((p) => p.key === info.key);
  return deriveField({
    key: info.key,
    path: [info.key],
    schema: info.schema,
    title: info.title,
    required: info.required,
    defaultValue: info.default,
    multiline: info.hint.multiline === true,
    liquid: info.hint.liquid === true || (info.schema.type === undefined && cat?.valueType === 'string'),
    catalog: cat,
    override: override?.fields?.[info.key],
  });
}

function transitionsField(type: string, kind: 'split-conditions' | 'readonly-events'): FieldModel {
  const info = getWidgetType(type);
  if (kind === 'readonly-events') {
    return {
      key: 'transitions',
      path: [],
      scope: 'transitions',
      kind,
      label: 'Triggers',
      required: false,
      help: 'Each way a flow can start is one output; connect them on the canvas.',
      options: (info?.events ?? []).map((e) => ({ value: e.event, label: e.label })),
      liquid: false,
      valueType: 'array',
    };
  }
  const conditionTypes = info?.conditionTypes ?? [];
  const part = (key: string, rest: Omit<FieldModel, 'key' | 'path' | 'scope'>): FieldModel => ({
    key,
    path: [key],
    scope: 'transitions',
    ...rest,
  });
  return {
    key: 'transitions',
    path: [],
    scope: 'transitions',
    kind,
    label: 'Conditions',
    required: false,
    help: 'Each condition is one output of the widget, tested in this order; the first that matches is taken.',
    options: conditionTypes.map((c) => ({ value: c.type, label: c.label })),
    liquid: false,
    valueType: 'array',
    fields: [
      part('friendly_name', {
        kind: 'text',
        label: 'Name',
        required: true,
        liquid: false,
        valueType: 'string',
      }),
      part('type', {
        kind: 'enum',
        label: 'Condition',
        required: true,
        liquid: false,
        valueType: 'string',
        options: conditionTypes.map((c) => ({ value: c.type, label: c.label })),
      }),
      part('value', { kind: 'text', label: 'Value', required: true, liquid: true, valueType: 'string' }),
      part('arguments', {
        kind: 'string-list',
        label: 'Arguments',
        required: true,
        liquid: true,
        valueType: 'array',
        help: 'The value tested: Studio copies the widget’s input here.',
      }),
    ],
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function buildModel(type: string): FormModel {
  const info = getWidgetType(type);
  if (!info) return { type, title: type, sections: [] };
  const override = OVERRIDES[type];
  const fields = info.properties.map((p) => propertyField(type, p, override));
  // Studio's order where known; otherwise required fields first, each group in schema order.
  const order = override?.order ?? [];
  const rank = (f: FieldModel): number => {
    const i = order.indexOf(f.key);
    return i >= 0 ? i : order.length + (f.required ? 0 : 1);
  };
  const sorted = fields
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
    .map((x) => x.f);

  const sections: FormSection[] = [];
  if (override?.sections) {
    const placed = new Set<string>();
    for (const s of override.sections) {
      const list = s.keys.flatMap((k) => sorted.filter((f) => f.key === k));
      for (const f of list) {
        f.group = s.title;
        placed.add(f.key);
      }
      if (list.length > 0) sections.push({ title: s.title, fields: list });
    }
    const rest = sorted.filter((f) => !placed.has(f.key));
    for (const f of rest) f.group = 'Other';
    if (rest.length > 0) sections.push({ title: 'Other', fields: rest });
  } else if (sorted.length > 0) {
    sections.push({ title: 'Properties', fields: sorted });
  }
  if (override?.transitions) {
    const f = transitionsField(type, override.transitions);
    f.group = override.transitions === 'split-conditions' ? 'Conditions' : 'Triggers';
    sections.push({ title: f.group, fields: [f] });
  }
  return { type, title: info.title, sections };
}

const cache = new Map<string, FormModel>();

/** The form of a widget type (cached per type; the model is frozen). Unknown types get a form without fields. */
export function formModelFor(type: string): FormModel {
  let model = cache.get(type);
  if (!model) {
    model = deepFreeze(buildModel(type));
    cache.set(type, model);
  }
  return model;
}

/** Every field of the form, in order (top-level only; nested `fields` are the field's own business). */
export function formFields(model: FormModel): FieldModel[] {
  return model.sections.flatMap((s) => s.fields);
}

/**
 * Keys of `widget.properties` the form does not describe (`offset` excepted), in the widget's key order: the
 * Advanced raw JSON section shows and edits them, and they are exported unchanged. Only top-level keys: unknown
 * keys inside an object or a list item stay where they are (field editors change only the keys they edit).
 */
export function unknownProperties(widget: Widget, model: FormModel): string[] {
  const props: unknown = widget.properties;
  if (!isObject(props)) return [];
  const known = new Set<string>();
  for (const f of formFields(model)) if (f.scope === 'properties') known.add(f.key);
  return Object.keys(props).filter((k) => k !== 'offset' && !known.has(k));
}

/**
 * Whether a field shows for these properties: always when it has no `visibleWhen` or when it holds a value (data is
 * never hidden); otherwise when the controlling property (or, absent, its field's default) is one of the values.
 */
export function isFieldVisible(
  field: FieldModel,
  properties: Readonly<Record<string, unknown>>,
  model: FormModel,
): boolean {
  const when = field.visibleWhen;
  if (!when) return true;
  const own = properties[field.key];
  if (own !== undefined && own !== null && own !== '' && !(Array.isArray(own) && own.length === 0))
    return true;
  let controlling = properties[when.key];
  if (controlling === undefined)
    controlling = formFields(model).find((f) => f.key === when.key)?.defaultValue;
  return when.values.includes(controlling);
}

// ---------------------------------------------------------------------------------------------------------------
// Values

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const JSON_KINDS = new Set<FieldKind>(['json', 'object', 'key-value', 'set-variables']);

/**
 * Turns what the user typed into the value to store (`undefined`: remove the key). `previous` is the stored value.
 *
 * - Text (`text`, `multiline`, `enum`): stored as typed, never trimmed (whitespace and Liquid matter). Empty text
 *   removes an optional property, unless the field `keepEmpty`s or the stored value already was "" (an empty string
 *   Studio wrote stays one); a required property keeps "" (validation then says it is empty).
 * - `integer` / `number`: digits (after trimming) become a number, except that a value stored as a string stays a
 *   string ("3600" → "7200", never 7200) and an absent value follows `numberAs` (send-and-wait `timeout`: string).
 *   A number stays a number. Anything else (Liquid such as `{{flow.variables.t}}`, a typo) is stored as the typed
 *   string: nothing the user typed is lost, and validation reports what the schema rejects. Empty text removes the
 *   key (there is no empty number; a required one is then reported missing).
 * - `boolean`: "true"/"false" (any case) become `true`/`false`, or the strings "true"/"false" where the field's
 *   valueType is `string` (profanity_filter, play_beep: the schema says string) or the stored value is a string.
 *   Other text (Liquid) is stored as typed; empty text removes an optional key (a required one becomes false).
 * - `string-list`: one item per line, empty lines dropped; no items removes an optional key ([] when required).
 * - JSON kinds (`json`, `object`, `key-value`, `set-variables`): the text is parsed as JSON; text that does not
 *   parse returns `previous` unchanged (see `inputError` for the message to show). Empty text removes an optional
 *   key. (Row editors build their arrays themselves; this is for a raw-JSON view of the property.)
 * - `readonly-events`, `split-conditions`: return `previous` (transitions are edited with the split functions below).
 *
 * An input that results in a value equal to `previous` returns `previous` itself, so the definition is unchanged.
 */
export function coerceInput(field: FieldModel, text: string, previous: unknown): unknown {
  const next = coerce(field, text, previous);
  if (Object.is(next, previous)) return previous;
  if (typeof next === 'object' && next !== null && JSON.stringify(next) === JSON.stringify(previous))
    return previous;
  return next;
}

function coerce(field: FieldModel, text: string, previous: unknown): unknown {
  switch (field.kind) {
    case 'readonly-events':
    case 'split-conditions':
      return previous;
    case 'text':
    case 'multiline':
    case 'enum':
      if (text !== '') return text;
      return field.required || field.keepEmpty === true || previous === '' ? '' : undefined;
    case 'integer':
    case 'number': {
      const t = text.trim();
      if (t === '') return undefined;
      const numeric = field.kind === 'integer' ? INTEGER.test(t) : NUMBER.test(t);
      if (!numeric) return text;
      const n = Number(t);
      if (typeof previous === 'string') return t;
      if (typeof previous === 'number') return Number.isSafeInteger(n) || field.kind === 'number' ? n : t;
      if (field.numberAs === 'string') return t;
      return Number.isSafeInteger(n) || field.kind === 'number' ? n : t;
    }
    case 'boolean': {
      const t = text.trim().toLowerCase();
      const asString = field.valueType === 'string' || typeof previous === 'string';
      if (t === 'true' || t === 'false') return asString ? t : t === 'true';
      if (t === '') {
        if (!field.required) return undefined;
        return asString ? 'false' : false;
      }
      return text;
    }
    case 'string-list': {
      const items = text.split(/\r?\n/).filter((line) => line.trim() !== '');
      if (items.length > 0) return items;
      return field.required ? [] : undefined;
    }
    default: {
      if (!JSON_KINDS.has(field.kind)) return previous;
      if (text.trim() === '') return field.required ? previous : undefined;
      const parsed = parseJson(text);
      return parsed.ok ? parsed.value : previous;
    }
  }
}

/** Why the typed text cannot be stored, or null: JSON that does not parse (for the JSON kinds). */
export function inputError(field: FieldModel, text: string): string | null {
  if (!JSON_KINDS.has(field.kind) || text.trim() === '') return null;
  const parsed = parseJson(text);
  return parsed.ok ? null : `Not valid JSON: ${parsed.error.message}`;
}

/**
 * The text a field shows for a stored value: "" for absent/null, strings as they are, numbers and booleans as
 * text, `string-list` items one per line, structured values as 2-space JSON.
 */
export function displayValue(field: FieldModel, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (field.kind === 'string-list' && Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return value.join('\n');
  return JSON.stringify(value, null, 2);
}

/**
 * Whether the field's own editor can show and edit `value` without loss; when not (a text field holding an
 * object, a checkbox holding Liquid, a key-value list with non-object items), the inspector falls back to a raw
 * JSON editor for that property. Absent values always fit.
 */
export function fitsField(field: FieldModel, value: unknown): boolean {
  if (value === undefined || value === null) return true;
  switch (field.kind) {
    case 'text':
    case 'multiline':
    case 'enum':
      return typeof value === 'string';
    case 'integer':
    case 'number':
      return typeof value === 'number' || typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean' || value === 'true' || value === 'false';
    case 'string-list':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && !v.includes('\n'));
    case 'key-value':
    case 'set-variables':
      return (
        Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))
      );
    case 'object':
      return typeof value === 'object' && !Array.isArray(value);
    default:
      return true;
  }
}

/**
 * `root` with the value at `path` replaced (`undefined` removes an object key), copying only the objects and arrays
 * on the path and keeping key order; returns `root` itself when nothing changes. Numeric segments index arrays.
 * For nested fields: `setWidgetProperty(def, name, path[0], setAtPath(props[path[0]], path.slice(1), v))`.
 */
export function setAtPath(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(root) && (typeof head === 'number' || /^\d+$/.test(head))) {
    const i = Number(head);
    const next = setAtPath(root[i], rest, value);
    if (Object.is(next, root[i]) && i < root.length) return root;
    const copy = root.slice();
    copy[i] = next;
    return copy;
  }
  const obj = isObject(root) ? root : {};
  const key = String(head);
  const has = Object.hasOwn(obj, key);
  const next = setAtPath(obj[key], rest, value);
  if (next === undefined) {
    if (!has) return root;
    return Object.fromEntries(Object.entries(obj).filter(([k]) => k !== key));
  }
  if (has && Object.is(next, obj[key])) return root;
  return { ...obj, [key]: next };
}

// ---------------------------------------------------------------------------------------------------------------
// Split conditions (the `split-conditions` pseudo-field)

/** One condition port of a split: a `match` transition. */
export interface SplitConditionRow {
  /** Index in `widget.transitions`. */
  transitionIndex: number;
  /** The canvas port, `match:<k>`. */
  portId: string;
  /** Its conditions (Studio writes exactly one; more mean all must hold). */
  conditions: SplitCondition[];
  next?: string;
}

const MATCH = 'match';

/** The match transitions of a split, in order (one row, one port each). */
export function splitConditionRows(widget: Widget): SplitConditionRow[] {
  const rows: SplitConditionRow[] = [];
  const transitions = Array.isArray(widget.transitions) ? widget.transitions : [];
  transitions.forEach((t, i) => {
    if (!isObject(t) || t.event !== MATCH) return;
    const conditions = Array.isArray(t.conditions) ? t.conditions.filter(isObject) : [];
    const row: SplitConditionRow = { transitionIndex: i, portId: `${MATCH}:${rows.length}`, conditions };
    if (typeof t.next === 'string' && t.next !== '') row.next = t.next;
    rows.push(row);
  });
  return rows;
}

/** The name Studio pre-fills for a condition: "If value equal_to 5". */
export function autoConditionName(type: string, value: string): string {
  return `If value ${type} ${value}`;
}

/** Studio stores the label text as the value of the blank checks. */
const BLANK_VALUES: Record<string, string> = { is_blank: 'Is Blank', is_not_blank: 'Is Not Blank' };

function splitInput(widget: Widget): string {
  const input = widget.properties.input;
  return typeof input === 'string' ? input : '';
}

function withTransitions(widget: Widget, transitions: Transition[]): Widget {
  return { ...widget, transitions };
}

/**
 * Adds a condition port: a new unconnected `match` transition after the others (Studio writes `noMatch` first),
 * `{ event, conditions: [{ friendly_name, arguments: [input], type, value }] }` with Studio's pre-filled name.
 */
export function addSplitCondition(widget: Widget, type = 'equal_to', value = ''): Widget {
  const v = BLANK_VALUES[type] ?? value;
  const condition: SplitCondition = {
    friendly_name: autoConditionName(type, v),
    arguments: [splitInput(widget)],
    type,
    value: v,
  };
  return withTransitions(widget, [...widget.transitions, { event: MATCH, conditions: [condition] }]);
}

/** Removes the match transition at `transitionIndex` (its port and link go with it). */
export function removeSplitCondition(widget: Widget, transitionIndex: number): Widget {
  if (widget.transitions[transitionIndex]?.event !== MATCH) return widget;
  return withTransitions(
    widget,
    widget.transitions.filter((_, i) => i !== transitionIndex),
  );
}

/**
 * Moves the match transition at `transitionIndex` to row `toRow` among the match transitions (conditions are tested
 * in order); other transitions keep their places.
 */
export function moveSplitCondition(widget: Widget, transitionIndex: number, toRow: number): Widget {
  const rows = splitConditionRows(widget);
  const from = rows.findIndex((r) => r.transitionIndex === transitionIndex);
  if (from < 0) return widget;
  const to = Math.max(0, Math.min(rows.length - 1, toRow));
  if (to === from) return widget;
  const slots = rows.map((r) => r.transitionIndex);
  const order = slots.slice();
  const [moved] = order.splice(from, 1);
  if (moved === undefined) return widget;
  order.splice(to, 0, moved);
  const transitions = widget.transitions.slice();
  slots.forEach((slot, k) => {
    const source = widget.transitions[order[k] ?? slot];
    if (source) transitions[slot] = source;
  });
  return withTransitions(widget, transitions);
}

/**
 * Changes condition `conditionIndex` of the match transition at `transitionIndex`. A name that still is the
 * pre-filled one follows the new type and value, as in Studio; choosing Is Blank / Is Not Blank stores the label text
 * as value (what Studio exports); `arguments` are rewritten from the widget's input (Studio tests the input).
 */
export function updateSplitCondition(
  widget: Widget,
  transitionIndex: number,
  conditionIndex: number,
  patch: Partial<SplitCondition>,
): Widget {
  const t = widget.transitions[transitionIndex];
  if (t?.event !== MATCH) return widget;
  const conditions = Array.isArray(t.conditions) ? t.conditions.slice() : [];
  const old: SplitCondition = conditions[conditionIndex] ?? {};
  const next: SplitCondition = { ...old, ...patch };
  if (patch.type !== undefined && patch.type !== old.type) {
    const blank = BLANK_VALUES[patch.type];
    if (blank !== undefined && patch.value === undefined) next.value = blank;
    else if (BLANK_VALUES[old.type ?? ''] !== undefined && patch.value === undefined) next.value = '';
  }
  const oldAuto = autoConditionName(old.type ?? '', old.value ?? '');
  if (patch.friendly_name === undefined && (old.friendly_name === undefined || old.friendly_name === oldAuto))
    next.friendly_name = autoConditionName(next.type ?? '', next.value ?? '');
  if (patch.arguments === undefined) next.arguments = [splitInput(widget)];
  conditions[conditionIndex] = next;
  const transitions = widget.transitions.slice();
  transitions[transitionIndex] = { ...t, conditions };
  return withTransitions(widget, transitions);
}

/**
 * Sets the split's `input` and rewrites every condition's `arguments` to it (Studio tests the input and rewrites
 * the copies on save; this also clears `lint.split-stale-argument`).
 */
export function setSplitInput(widget: Widget, input: string): Widget {
  const properties = { ...widget.properties, input };
  const transitions = widget.transitions.map((t) => {
    if (t.event !== MATCH || !Array.isArray(t.conditions)) return t;
    const stale = t.conditions.some(
      (c) =>
        !isObject(c) || !Array.isArray(c.arguments) || c.arguments.length !== 1 || c.arguments[0] !== input,
    );
    if (!stale) return t;
    return {
      ...t,
      conditions: t.conditions.map((c) => (isObject(c) ? { ...c, arguments: [input] } : c)),
    };
  });
  return { ...widget, properties, transitions };
}
