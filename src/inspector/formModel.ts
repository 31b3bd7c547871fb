/**
 * The inspector's form model: for each widget type, the fields of its property form, generated from the type's JSON
 * schema (studio profile) and its widget module's hints (src/schema/widgets/: labels, order and sections, and where
 * Studio's own inspector is richer than the schema: split conditions, Set Variables rows, the Trigger's events,
 * Gather's sections, the HTTP request's content types...). The React form components render these models; no
 * per-type component.
 *
 * How a property becomes a field (`deriveField`), first match wins:
 * - `anyOf` of integer | numeric string (the `numeric-strings` extension: timeouts Studio writes as "3600") →
 *   `integer` with valueType `any` (numbers and strings both stay what they are);
 * - a string `enum` of exactly "true"/"false" (profanity_filter, play_beep...) → `boolean` with valueType `string`:
 *   a checkbox that stores the strings Studio stores;
 * - `enum` → `enum` (options: the schema's values, or the catalog's where they are a subset of them, which drops the
 *   schemas' misspellings such as fork-stream's "both_track");
 * - `type` string → `text`, or `multiline` by the module's hint; a string the schema leaves free but the catalog
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
 * Values keep their JSON type: see ./coercion.ts for the rules that turn typed text into the stored value and back.
 *
 * Split conditions live in the split's transitions, not its properties: the `split-conditions` pseudo-field
 * (scope `transitions`) describes them, and the commands of src/model/conditions.ts edit them.
 *
 * Pure TypeScript: no React, no DOM.
 */
import { isObject } from '../model/object';
import type { Widget } from '../model/types';
import type { CatalogProperty } from '../schema/catalog';
import type { JsonSchema } from '../schema/jsonSchema';
import { keyLabel, fixAcronyms } from '../schema/labels';
import { getWidgetType, type PropertyHints, type WidgetPropertyInfo } from '../schema/registry';
import { anyOfBranches, asSchema, resolveSchema, stringEnum } from '../schema/walk';
import type {
  ColumnHint,
  FieldHints,
  FieldKind,
  FieldOption,
  FormLayout,
  VisibleWhen,
} from '../schema/widgets/types';

export type { FieldKind, FieldOption, VisibleWhen };

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
// Schema helpers

const PARAMETER_REF = /commons#\/definitions\/Parameter$/;

function isTrueFalse(values: readonly string[]): boolean {
  return values.length === 2 && values.includes('true') && values.includes('false');
}

function optionsOf(values: readonly string[], labels?: Readonly<Record<string, string>>): FieldOption[] {
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
  label: string;
  required: boolean;
  defaultValue?: unknown;
  multiline: boolean;
  liquid: boolean;
  catalog?: CatalogProperty | undefined;
  hints?: FieldHints | undefined;
}

/** A column a module adds to key-value rows, as a field of the row. */
function columnField(column: ColumnHint): FieldModel {
  const field: FieldModel = {
    key: column.key,
    path: [column.key],
    scope: 'properties',
    kind: 'enum',
    label: column.label,
    required: false,
    placeholder: column.defaultValue,
    defaultValue: column.defaultValue,
    options: [...column.options],
    liquid: false,
    valueType: 'string',
  };
  if (column.help !== undefined) field.help = column.help;
  return field;
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
  const ov = src.hints;
  const schema = resolveSchema(src.schema);
  const cat = src.catalog;
  const base = {
    key: src.key,
    path: src.path,
    scope: 'properties' as const,
    label: src.label,
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
    field.options = [...ov.options];
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
    field.fields = parameterColumns(ov.extraColumns.map(columnField));
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
      const items = resolveSchema(asSchema(schema.items) ?? {});
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
        const child = resolveSchema(asSchema(s) ?? {});
        return deriveField({
          key,
          path: [...src.path, key],
          schema: child,
          label: typeof child.title === 'string' ? fixAcronyms(child.title) : keyLabel(key),
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

function propertyField(info: WidgetPropertyInfo): FieldModel {
  const cat = info.catalog;
  const hints: PropertyHints = info.hint;
  return deriveField({
    key: info.key,
    path: [info.key],
    schema: info.schema,
    label: info.label,
    required: info.required,
    defaultValue: info.default,
    multiline: hints.multiline,
    liquid: hints.liquid || (info.schema.type === undefined && cat?.valueType === 'string'),
    catalog: cat,
    hints,
  });
}

function transitionsField(type: string, kind: NonNullable<FormLayout['transitions']>): FieldModel {
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
  const layout = info.form;
  const fields = info.properties.map(propertyField);
  // Studio's order where known; otherwise required fields first, each group in schema order.
  const order = layout.order ?? [];
  const rank = (f: FieldModel): number => {
    const i = order.indexOf(f.key);
    return i >= 0 ? i : order.length + (f.required ? 0 : 1);
  };
  const sorted = fields
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
    .map((x) => x.f);

  const sections: FormSection[] = [];
  if (layout.sections) {
    const placed = new Set<string>();
    for (const s of layout.sections) {
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
  if (layout.transitions) {
    const f = transitionsField(type, layout.transitions);
    f.group = layout.transitions === 'split-conditions' ? 'Conditions' : 'Triggers';
    sections.push({ title: f.group, fields: [f] });
  }
  return { type, title: info.title, sections };
}

// Kept apart, so that the form of a type registered after it was asked for (registerWidgetType) is not the one
// made while it was unknown.
const known = new Map<string, FormModel>();
const unknown = new Map<string, FormModel>();

/** The form of a widget type (cached per type; the model is frozen). Unknown types get a form without fields. */
export function formModelFor(type: string): FormModel {
  const cache = getWidgetType(type) === undefined ? unknown : known;
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
