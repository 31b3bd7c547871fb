/**
 * The compiled schemas: one ajv instance per profile, created lazily on first use and shared by every validator.
 *
 * Instead of the root flow schema as published (whose `states.items` dispatches every state through 25+ `if type
 * const X then $ref Y` branches), we compile:
 * - a *shallow* root: the root schema with `states.items` reduced to what it checks on every state by itself
 *   (`required: ['type']` and the `type` enum), `minItems`/`maxItems` kept;
 * - one validator per widget type (the widget schema the root dispatches that type to), compiled on first use.
 * The top level is validated once and each state with its type's validator: the same verdict as the full root
 * schema (pinned on the whole corpus by compile.test.ts), errors attributed to one state each, and a state's result
 * can be cached per state object.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import draft07MetaSchema from 'ajv/dist/refs/json-schema-draft-07.json' with { type: 'json' };
import {
  CORE_META_SCHEMA_ID,
  schemaSet,
  type JsonSchema,
  type Profile,
  type SchemaSet,
} from '../schema/schemas';

export type { ErrorObject };

export interface CompiledProfile {
  readonly profile: Profile;
  readonly set: SchemaSet;
  /** The root flow schema with shallow `states.items`. */
  readonly root: ValidateFunction;
  /** Widget types the root's `type` enum accepts. */
  readonly knownTypes: ReadonlySet<string>;
  /** The validator of one widget type (compiled on first use), or undefined when the profile has no schema for it. */
  widget(type: string): ValidateFunction | undefined;
  /**
   * Whether the type's schema itself rejects a transition event it does not define (so lint need not repeat it).
   * Probed once per type with a made-up event.
   */
  checksEvents(type: string): boolean;
  /** The widget schema document of a type in this profile. */
  widgetDocument(type: string): JsonSchema | undefined;
}

function isObject(v: unknown): v is JsonSchema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** ajv with the options every profile uses and the `core` meta-schema the widget schemas declare. */
export function createAjv(): Ajv {
  // strict: false because of the schemas' non-standard `maturity` / `schema_revision` keywords; verbose: true so
  // errors carry their parent schema (property titles, `const` of failing anyOf branches).
  const ajv = new Ajv({ strict: false, allErrors: true, verbose: true });
  ajv.addMetaSchema({ ...draft07MetaSchema, $id: CORE_META_SCHEMA_ID });
  return ajv;
}

/** The root schema with `states.items` replaced by the checks it makes on every state by itself. */
export function shallowRoot(root: JsonSchema): JsonSchema {
  const properties = root.properties as Record<string, JsonSchema>;
  const states = properties.states as JsonSchema;
  const items = states.items as JsonSchema;
  const shallowItems: JsonSchema = {};
  if (items.properties !== undefined) shallowItems.properties = items.properties;
  if (items.required !== undefined) shallowItems.required = items.required;
  return { ...root, properties: { ...properties, states: { ...states, items: shallowItems } } };
}

const PROBE_EVENT = '\u0000probe-event';

function compileProfile(profile: Profile): CompiledProfile {
  const set = schemaSet(profile);
  const ajv = createAjv();
  let rootDocument: JsonSchema | undefined;
  const documents = new Map<string, JsonSchema>();
  for (const schema of set.schemas) {
    if (schema.$id === set.rootId) rootDocument = schema;
    else {
      ajv.addSchema(schema);
      documents.set(schema.$id as string, schema);
    }
  }
  if (!rootDocument) throw new Error(`validation: the ${profile} schema set has no root schema`);
  const root = ajv.compile(shallowRoot(rootDocument));
  const knownTypes = new Set(set.knownTypes);
  const validators = new Map<string, ValidateFunction | undefined>();
  const eventChecks = new Map<string, boolean>();

  const widget = (type: string): ValidateFunction | undefined => {
    if (validators.has(type)) return validators.get(type);
    const id = knownTypes.has(type) ? set.widgetSchemaIds.get(type) : undefined;
    const validate = id === undefined ? undefined : ajv.getSchema(id);
    validators.set(type, validate);
    return validate;
  };

  const checksEvents = (type: string): boolean => {
    const known = eventChecks.get(type);
    if (known !== undefined) return known;
    const validate = widget(type);
    let checks = false;
    if (validate) {
      validate({ type, name: 'probe', properties: {}, transitions: [{ event: PROBE_EVENT }] });
      checks = (validate.errors ?? []).some((e) => e.instancePath.startsWith('/transitions/0'));
    }
    eventChecks.set(type, checks);
    return checks;
  };

  const widgetDocument = (type: string): JsonSchema | undefined => {
    const id = knownTypes.has(type) ? set.widgetSchemaIds.get(type) : undefined;
    const d = id === undefined ? undefined : documents.get(id);
    return isObject(d) ? d : undefined;
  };

  return { profile, set, root, knownTypes, widget, checksEvents, widgetDocument };
}

const compiled = new Map<Profile, CompiledProfile>();

/** The compiled schemas of a profile; compiled on first call, then shared (module level). */
export function compiledProfile(profile: Profile): CompiledProfile {
  let c = compiled.get(profile);
  if (!c) {
    c = compileProfile(profile);
    compiled.set(profile, c);
  }
  return c;
}

/**
 * The full root flow schema of a profile, compiled as published (for tests: the shallow-root + per-type
 * approach must give the same verdict).
 */
export function compileFullRoot(profile: Profile): ValidateFunction {
  const set = schemaSet(profile);
  const ajv = createAjv();
  for (const schema of set.schemas) ajv.addSchema(schema);
  const validate = ajv.getSchema(set.rootId);
  if (!validate) throw new Error(`validation: cannot compile the ${profile} root schema`);
  return validate;
}
