/**
 * The compiled schemas: per profile, the validators precompiled at build time (./generated/, written by
 * `npm run generate`), wrapped once on first use and shared by every validator.
 *
 * Loaded, not imported: the generated modules were half of the page's minified JavaScript (the `studio` one alone
 * 2.5 times React DOM), so the browser fetches each when it is first wanted (`loadProfile`, a dynamic import: a
 * chunk of its own) instead of with the page. Everything after loading is synchronous (`compiledProfile`), so a
 * validation never waits half-way. Node callers (the CLI, scripts, tests) import ./index.ts, which registers both
 * profiles up front (`registerProfile`), and never see a profile that is not loaded.
 *
 * Precompiled, not compiled here: ajv compiles a schema into JavaScript and evaluates it with `new Function`, which
 * the app's Content-Security-Policy forbids (no 'unsafe-eval', see csp.config.ts). ajv's standalone code is that same
 * JavaScript written to a module instead, so the browser, the CLI and the tests run the very same functions, and
 * ajv's compiler is not in the browser bundle. A unit test (scripts/generate-validators.test.ts) fails when the
 * generated modules no longer match the schemas.
 *
 * Instead of the root flow schema as published (whose `states.items` dispatches every state through 25+ `if type
 * const X then $ref Y` branches), we compile:
 * - a *shallow* root: the root schema with `states.items` reduced to what it checks on every state by itself
 *   (`required: ['type']` and the `type` enum), `minItems`/`maxItems` kept;
 * - one validator per widget type (the widget schema the root dispatches that type to).
 * The top level is validated once and each state with its type's validator: the same verdict as the full root
 * schema (pinned on the whole corpus by corpus.test.ts), errors attributed to one state each, and a state's result
 * can be cached per state object.
 */
import { isObject } from '../model/object';
import Ajv, { type CodeOptions, type ErrorObject, type ValidateFunction } from 'ajv';
import draft07MetaSchema from 'ajv/dist/refs/json-schema-draft-07.json' with { type: 'json' };
import {
  CORE_META_SCHEMA_ID,
  schemaSet,
  type JsonSchema,
  type Profile,
  type SchemaSet,
} from '../schema/schemas';

export type { ErrorObject };

/**
 * A validation function as ajv generates it: `true` when the data is valid, else `false` with `errors` set (the
 * errors of the last call, the same objects ajv's compiled functions report: `verbose`, so with `schema`,
 * `parentSchema` and `data`).
 */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** What a generated module (./generated/<profile>.ts) exports as `validators`. */
export interface PrecompiledValidators {
  /** The shallow root schema (see above). */
  readonly root: SchemaValidator;
  /** Widget type -> the validator of the schema the root dispatches it to (types without a schema are absent). */
  readonly widgets: ReadonlyMap<string, SchemaValidator>;
}

export interface CompiledProfile {
  readonly profile: Profile;
  readonly set: SchemaSet;
  /** The root flow schema with shallow `states.items`. */
  readonly root: SchemaValidator;
  /** Widget types the root's `type` enum accepts. */
  readonly knownTypes: ReadonlySet<string>;
  /** The validator of one widget type, or undefined when the profile has no schema for it. */
  widget(type: string): SchemaValidator | undefined;
  /**
   * Whether the type's schema itself rejects a transition event it does not define (so lint need not repeat it).
   * Probed once per type with a made-up event.
   */
  checksEvents(type: string): boolean;
  /** The widget schema document of a type in this profile. */
  widgetDocument(type: string): JsonSchema | undefined;
}

/**
 * ajv with the options every profile uses and the `core` meta-schema the widget schemas declare. Used at build time
 * (scripts/generate-validators.ts, with `code` options for standalone source) and by tests; never in the browser.
 */
export function createAjv(code?: CodeOptions): Ajv {
  // strict: false because of the schemas' non-standard `maturity` / `schema_revision` keywords; verbose: true so
  // errors carry their parent schema (property titles, `const` of failing anyOf branches).
  const ajv = new Ajv({ strict: false, allErrors: true, verbose: true, ...(code ? { code } : {}) });
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

/**
 * Widget type -> `$id` of its schema, for the types that get a validator: those the root's `type` enum accepts and
 * that the root dispatches to a schema of the set. The generator precompiles exactly these.
 */
export function validatedTypes(set: SchemaSet): Map<string, string> {
  const ids = new Set(set.schemas.map((s) => s.$id));
  const out = new Map<string, string>();
  for (const type of set.knownTypes) {
    const id = set.widgetSchemaIds.get(type);
    if (id !== undefined && id !== set.rootId && ids.has(id)) out.set(type, id);
  }
  return out;
}

const PROBE_EVENT = '\u0000probe-event';

function compileProfile(profile: Profile, precompiled: PrecompiledValidators): CompiledProfile {
  const set = schemaSet(profile);
  const { root, widgets } = precompiled;
  const documents = new Map<string, JsonSchema>();
  for (const schema of set.schemas) documents.set(schema.$id as string, schema);
  const knownTypes = new Set(set.knownTypes);
  const eventChecks = new Map<string, boolean>();

  const widget = (type: string): SchemaValidator | undefined =>
    knownTypes.has(type) ? widgets.get(type) : undefined;

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
    const d = id === undefined || id === set.rootId ? undefined : documents.get(id);
    return isObject(d) ? d : undefined;
  };

  return { profile, set, root, knownTypes, widget, checksEvents, widgetDocument };
}

const precompiledByProfile = new Map<Profile, PrecompiledValidators>();
const compiled = new Map<Profile, CompiledProfile>();

/**
 * Makes a profile's precompiled validators the ones `compiledProfile` serves. The first registration of a profile
 * stands: a profile has one generated module, which ./index.ts and `loadProfile` may both register.
 */
export function registerProfile(profile: Profile, precompiled: PrecompiledValidators): void {
  if (!precompiledByProfile.has(profile)) precompiledByProfile.set(profile, precompiled);
}

/** Whether `compiledProfile(profile)` can answer now (its validators are loaded). */
export function isProfileLoaded(profile: Profile): boolean {
  return precompiledByProfile.has(profile);
}

/**
 * The compiled schemas of a loaded profile; set up on first call, then shared (module level). Throws when the
 * profile is not loaded: in the browser, `loadProfile` first; in Node, ./index.ts has loaded both.
 */
export function compiledProfile(profile: Profile): CompiledProfile {
  let c = compiled.get(profile);
  if (!c) {
    const precompiled = precompiledByProfile.get(profile);
    if (!precompiled) {
      throw new Error(
        `validation: the ${profile} validators are not loaded yet (await loadProfile('${profile}') first)`,
      );
    }
    c = compileProfile(profile, precompiled);
    compiled.set(profile, c);
  }
  return c;
}

/**
 * The generated module of each profile, imported on demand. Literal specifiers, so that the bundler makes each
 * module a chunk of its own, fetched only when its profile is first wanted.
 */
const GENERATED: Readonly<Record<Profile, () => Promise<{ validators: PrecompiledValidators }>>> = {
  studio: () => import('./generated/studio'),
  official: () => import('./generated/official'),
};

const loading = new Map<Profile, Promise<CompiledProfile>>();

/**
 * Loads a profile's validators (once; every caller gets the same promise) and resolves with its compiled schemas.
 * A failed load (a chunk that could not be fetched) is forgotten, so the next call tries again.
 */
export function loadProfile(profile: Profile): Promise<CompiledProfile> {
  if (isProfileLoaded(profile)) return Promise.resolve(compiledProfile(profile));
  let pending = loading.get(profile);
  if (!pending) {
    pending = GENERATED[profile]().then(
      (module) => {
        registerProfile(profile, module.validators);
        return compiledProfile(profile);
      },
      (error: unknown) => {
        loading.delete(profile);
        throw error;
      },
    );
    loading.set(profile, pending);
  }
  return pending;
}

/**
 * The full root flow schema of a profile, compiled at run time as published (for tests in Node: the shallow-root +
 * per-type approach must give the same verdict).
 */
export function compileFullRoot(profile: Profile): ValidateFunction {
  const set = schemaSet(profile);
  const ajv = createAjv();
  for (const schema of set.schemas) ajv.addSchema(schema);
  const validate = ajv.getSchema(set.rootId);
  if (!validate) throw new Error(`validation: cannot compile the ${profile} root schema`);
  return validate;
}
