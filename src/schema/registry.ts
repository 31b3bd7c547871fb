/**
 * The widget registry: one typed entry per widget type, the single source the palette, the canvas nodes, the forms,
 * the validator's messages, the diff and the model's commands read.
 *
 * Built from the widget modules (./widgets/: one per type, holding what is specific to it) and derived, not
 * hand-kept: output events come from each type's schema (studio profile, so extension events such as the
 * Trigger's incomingParent are included), ordered and labelled as Studio's canvas shows them (the module's catalog
 * facts); property defaults come from the schema's `default`s; titles, categories and default names from the
 * catalog facts; field labels and form hints from the module.
 */
import type { JsonSchema } from './jsonSchema';
import type { CatalogConditionType, CatalogEntry, CatalogProperty } from './catalog';
import { isWidgetCategory, type WidgetCategory } from './categories';
import { fixAcronyms, keyInWords } from './labels';
import { transitionEvents, widgetDocument, widgetProperties } from './walk';
import { WIDGET_MODULES } from './widgets';
import type { FieldHints, FormLayout, WidgetLint, WidgetModule } from './widgets/types';

export { CATEGORIES, categorySlug, type CategorySlug, type WidgetCategory } from './categories';

export interface WidgetEvent {
  event: string;
  /** Port label as Studio's canvas shows it. */
  label: string;
  /** When the event fires, for tooltips. */
  description: string;
}

/** How the inspector presents a property: its module's hints, with `multiline` and `liquid` decided. */
export interface PropertyHints extends FieldHints {
  multiline: boolean;
  /** The field usually holds Liquid: a free string (no enum) its module does not mark as a fixed value. */
  liquid: boolean;
}

export interface WidgetPropertyInfo {
  key: string;
  /** JSON Schema of the property in the studio profile (may be `{}` when unknown). */
  schema: JsonSchema;
  /**
   * The property's label, the same in the inspector, the problems and the diff: its module's label, else its
   * schema's title, else its key in words; acronyms in capitals ("Caller ID").
   */
  label: string;
  /**
   * Whether the label is the property's own name (its module's label or its schema's title) rather than its key
   * in words: problems then name the property by its label, else by its key only.
   */
  named: boolean;
  required: boolean;
  default?: unknown;
  hint: PropertyHints;
  /** The catalog's facts about the property (value type, enum), when the catalog lists it. */
  catalog?: CatalogProperty;
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
  /** How the inspector lays out the type's form (its module's; `{}` when Studio's inspector adds nothing). */
  form: FormLayout;
  /** What the validator checks on this type beyond its schema (its module's), if anything. */
  lint?: WidgetLint;
}

// ---------------------------------------------------------------------------------------------------------------
// Derivation from the modules and the schemas.

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

function propertyInfo(
  key: string,
  schema: JsonSchema,
  required: boolean,
  catalog: CatalogProperty | undefined,
  fields: WidgetModule['fields'],
): WidgetPropertyInfo {
  const hints = fields?.[key];
  // A catalog-only property (no schema): its type is the catalog's value type.
  const typed = schema.type === undefined && catalog ? { ...schema, type: catalog.valueType } : schema;
  const schemaTitle = typeof schema.title === 'string' ? schema.title : undefined;
  const info: WidgetPropertyInfo = {
    key,
    schema,
    label: hints?.label ?? fixAcronyms(schemaTitle ?? keyInWords(key)),
    named: hints?.label !== undefined || (schemaTitle !== undefined && schemaTitle.trim() !== ''),
    required,
    hint: {
      ...hints,
      multiline: hints?.multiline === true,
      liquid: typed.type === 'string' && typed.enum === undefined && hints?.liquid !== false,
    },
  };
  if (catalog) info.catalog = catalog;
  const d = defaultValue(schema, catalog?.default, required);
  if (d !== undefined) info.default = d;
  return info;
}

function buildEntry(module: WidgetModule): WidgetTypeInfo {
  const entry: CatalogEntry = module.catalog;
  const doc = widgetDocument(module.type);
  const fromSchema = doc ? transitionEvents(doc) : [];
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
      // A label in angle brackets describes it ("<friendly_name of the condition>"): the repeating port's own
      // label is its condition's name, "Condition" stands for them all.
      const label =
        c && !c.label.startsWith('<')
          ? c.label
          : event === module.repeatingEvent
            ? 'Condition'
            : keyInWords(event);
      return { event, label, description: c?.whenFires ?? '' };
    });

  const { bag, required } = widgetProperties(doc);
  const catalogProps = new Map(entry.properties.map((p) => [p.key, p]));
  const keys = [...new Set([...Object.keys(bag), ...entry.properties.map((p) => p.key)])].filter(
    (k) => k !== 'offset',
  );
  // The catalog's `required` covers what the schema makes conditional (a message's body, a Say/Play prompt).
  const properties = keys.map((key) => {
    const c = catalogProps.get(key);
    return propertyInfo(
      key,
      bag[key] ?? {},
      required.includes(key) || c?.required === true,
      c,
      module.fields,
    );
  });

  const defaultProperties: Record<string, unknown> = {};
  for (const p of properties) {
    if (p.default !== undefined) defaultProperties[p.key] = structuredClone(p.default);
  }
  Object.assign(defaultProperties, module.newWidgetProperties);

  const pattern = entry.defaultName.pattern.replace(/\?$/, '');
  const singleton = module.singleton === true;
  const info: WidgetTypeInfo = {
    type: module.type,
    title: cleanTitle(entry.title) ?? titleFromType(module.type),
    category: isWidgetCategory(entry.category) ? entry.category : 'Other',
    status: entry.status,
    description: entry.summary ?? '',
    events,
    defaultProperties,
    defaultNamePattern:
      pattern.includes('{n}') || singleton ? pattern : `${module.type.replace(/-/g, '_')}_{n}`,
    properties,
    liquidOutputs: entry.liquidOutputs.map((o) => o.path),
    creatable:
      !singleton && (entry.status === 'ga' || entry.status === 'beta' || entry.status === 'deprecated'),
    officialSchema: entry.inOfficialSchema,
    form: module.form ?? {},
  };
  if (module.repeatingEvent !== undefined) info.repeatingEvent = module.repeatingEvent;
  if (module.summaryProperty !== undefined) info.summaryProperty = module.summaryProperty;
  if (entry.conditionTypes) info.conditionTypes = entry.conditionTypes;
  if (module.lint) info.lint = module.lint;
  return info;
}

/** "Look Up Profile (docs: Search for a Profile?)" -> "Look Up Profile": keep research notes out of the UI. */
function cleanTitle(title: string | null): string | null {
  return title === null ? null : title.replace(/\s*\((docs|unverified|start)[^)]*\)\s*$/i, '');
}

// ---------------------------------------------------------------------------------------------------------------
// The registry

const modules: WidgetModule[] = [];
const types: WidgetTypeInfo[] = [];
const registry = new Map<string, WidgetTypeInfo>();
const propertyMaps = new WeakMap<WidgetTypeInfo, ReadonlyMap<string, WidgetPropertyInfo>>();

/**
 * Every widget type: the modules of ./widgets in their order (the Trigger first, then by category as Studio's
 * widget library lists them), then the types registered at run time. A live list: `registerWidgetType` appends.
 */
export const WIDGET_TYPES: readonly WidgetTypeInfo[] = types;

/**
 * Adds a widget type to the registry (the palette, the forms, the canvas, the validator and the diff read it from
 * here), as the modules of ./widgets are added at start-up. Call it before anything asks about the type: what the
 * layers above derived from an unknown type is not recomputed.
 *
 * A type added at run time has no schema of its own (the validators are precompiled, `npm run generate`): it is
 * validated by lint alone, its events against its module's, plus its module's own lint (src/validation/index.ts).
 * Throws when the type is registered already.
 */
export function registerWidgetType(module: WidgetModule): WidgetTypeInfo {
  if (registry.has(module.type)) throw new Error(`widget registry: “${module.type}” is registered already`);
  const info = buildEntry(module);
  modules.push(module);
  types.push(info);
  registry.set(info.type, info);
  return info;
}

for (const module of WIDGET_MODULES) registerWidgetType(module);

export function getWidgetType(type: string): WidgetTypeInfo | undefined {
  return registry.get(type);
}

/** One property of a widget type, or undefined when the type or the property is not known. */
export function getWidgetProperty(type: string, key: string): WidgetPropertyInfo | undefined {
  const info = registry.get(type);
  if (!info) return undefined;
  let byKey = propertyMaps.get(info);
  if (!byKey) {
    byKey = new Map(info.properties.map((p) => [p.key, p]));
    propertyMaps.set(info, byKey);
  }
  return byKey.get(key);
}

/** The events a widget type's schema (studio profile) allows on its transitions. */
export function schemaEventsOf(type: string): string[] {
  const doc = widgetDocument(type);
  return doc ? transitionEvents(doc) : [];
}

/** The label of a widget's output port, e.g. "Message Sent"; split conditions use their friendly name. */
export function eventLabel(type: string, event: string): string {
  return registry.get(type)?.events.find((e) => e.event === event)?.label ?? keyInWords(event);
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
  return modules.find((m) => Object.hasOwn(m.catalog.legacyAliases, legacyType))?.type;
}
