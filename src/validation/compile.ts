/**
 * The compiled schemas: per profile, the validators precompiled at build time (./generated/, written by
 * `npm run generate`), wrapped once on first use and shared by every validator.
 *
 * Loaded, not imported: the generated modules were half of the page's minified JavaScript (the `studio` one alone
 * 2.5 times React DOM), so the browser fetches them when they are first wanted, as chunks of their own: a
 * profile's root (`loadProfile`), then the validator of each widget type when a flow first holds a widget of that
 * type (`typesToLoad`, `loadWidgetTypes`; a flow uses a handful of the 34 types). Everything after loading is
 * synchronous (`compiledProfile`), so a validation never waits half-way; a widget whose type's validator is still
 * on its way is checked by lint alone and not cached (`hasWidget`), and checked again once it is in. Node callers
 * (the CLI, scripts, tests) import ./index.ts, which registers both profiles whole up front (`registerProfile`),
 * and never see anything not loaded.
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

/** What ./generated/<profile>/all.ts exports as `validators`: every validator of the profile, for Node. */
export interface PrecompiledValidators {
  /** The shallow root schema (see above). */
  readonly root: SchemaValidator;
  /** Widget type -> the validator of the schema the root dispatches it to (types without a schema are absent). */
  readonly widgets: ReadonlyMap<string, SchemaValidator>;
}

/** A widget type's generated module (./generated/<profile>/widget-<type>.ts). */
export interface WidgetValidatorModule {
  readonly validate: SchemaValidator;
}

/** The browser's door to a profile (./generated/<profile>/index.ts): the root, and each type's module on demand. */
export interface GeneratedProfile {
  readonly root: SchemaValidator;
  readonly widgetModules: ReadonlyMap<string, () => Promise<WidgetValidatorModule>>;
}

export interface CompiledProfile {
  readonly profile: Profile;
  readonly set: SchemaSet;
  /** The root flow schema with shallow `states.items`. */
  readonly root: SchemaValidator;
  /** Widget types the root's `type` enum accepts. */
  readonly knownTypes: ReadonlySet<string>;
  /**
   * The validator of one widget type, or undefined when the profile has no schema for it, or its validator is not
   * loaded yet (`hasWidget` tells the two apart).
   */
  widget(type: string): SchemaValidator | undefined;
  /**
   * Whether `widget(type)` is the final answer: the type's validator is loaded, or the type has none. False only
   * in the browser, for a type whose validator is yet to be fetched (`loadWidgetTypes`).
   */
  hasWidget(type: string): boolean;
  /**
   * Whether the type's schema itself rejects a transition event it does not define (so lint need not repeat it).
   * Probed once per type with a made-up event; false while the type's validator is not loaded.
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

function compileProfile(profile: Profile, loaded: Loaded): CompiledProfile {
  const set = schemaSet(profile);
  const { root, widgets, modules } = loaded;
  const documents = new Map<string, JsonSchema>();
  for (const schema of set.schemas) documents.set(schema.$id as string, schema);
  const knownTypes = new Set(set.knownTypes);
  const eventChecks = new Map<string, boolean>();

  const widget = (type: string): SchemaValidator | undefined =>
    knownTypes.has(type) ? widgets.get(type) : undefined;
  const hasWidget = (type: string): boolean =>
    !knownTypes.has(type) || widgets.has(type) || modules?.has(type) !== true;

  const checksEvents = (type: string): boolean => {
    const known = eventChecks.get(type);
    if (known !== undefined) return known;
    if (!hasWidget(type)) return false;
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

  return { profile, set, root, knownTypes, widget, hasWidget, checksEvents, widgetDocument };
}

/**
 * What is loaded of one profile: the root, the widget validators so far, and (in the browser) how to fetch the
 * others. Registered whole in Node (`registerProfile`), root first and types as wanted in the browser.
 */
interface Loaded {
  readonly root: SchemaValidator;
  readonly widgets: Map<string, SchemaValidator>;
  /** Types whose validator can still be fetched (absent when everything came up front). */
  readonly modules?: ReadonlyMap<string, () => Promise<WidgetValidatorModule>>;
}

const loadedByProfile = new Map<Profile, Loaded>();
const compiled = new Map<Profile, CompiledProfile>();

/**
 * Makes a profile's precompiled validators (all of them) the ones `compiledProfile` serves. The first registration
 * of a profile stands: ./index.ts and `loadProfile` may both register one.
 */
export function registerProfile(profile: Profile, precompiled: PrecompiledValidators): void {
  if (!loadedByProfile.has(profile))
    loadedByProfile.set(profile, { root: precompiled.root, widgets: new Map(precompiled.widgets) });
}

/** Whether `compiledProfile(profile)` can answer now (its root validator is loaded). */
export function isProfileLoaded(profile: Profile): boolean {
  return loadedByProfile.has(profile);
}

/**
 * The compiled schemas of a loaded profile; set up on first call, then shared (module level). Throws when the
 * profile is not loaded: in the browser, `loadProfile` first; in Node, ./index.ts has loaded both.
 */
export function compiledProfile(profile: Profile): CompiledProfile {
  let c = compiled.get(profile);
  if (!c) {
    const loaded = loadedByProfile.get(profile);
    if (!loaded) {
      throw new Error(
        `validation: the ${profile} validators are not loaded yet (await loadProfile('${profile}') first)`,
      );
    }
    c = compileProfile(profile, loaded);
    compiled.set(profile, c);
  }
  return c;
}

/**
 * The browser's door to each profile's generated modules (./generated/<profile>/index.ts: the root, and each widget
 * type's module as a dynamic import), imported on demand. Literal specifiers, so that the bundler makes each a
 * chunk of its own.
 */
const GENERATED: Readonly<Record<Profile, () => Promise<GeneratedProfile>>> = {
  studio: () => import('./generated/studio/index'),
  official: () => import('./generated/official/index'),
};

const loading = new Map<Profile, Promise<CompiledProfile>>();

/**
 * Loads a profile's root validator (once; every caller gets the same promise) and resolves with its compiled
 * schemas. The widget types' validators come with `loadWidgetTypes`. A failed load (a chunk that could not be
 * fetched) is forgotten, so the next call tries again.
 */
export function loadProfile(profile: Profile): Promise<CompiledProfile> {
  if (isProfileLoaded(profile)) return Promise.resolve(compiledProfile(profile));
  let pending = loading.get(profile);
  if (!pending) {
    pending = GENERATED[profile]().then(
      (module) => {
        if (!loadedByProfile.has(profile))
          loadedByProfile.set(profile, {
            root: module.root,
            widgets: new Map(),
            modules: module.widgetModules,
          });
        loading.delete(profile);
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
 * The widget types among `types` whose validator is still to be loaded (`loadWidgetTypes`), in the order first
 * met. Types without a schema, or that the profile does not know, need none. Empty when the profile is not loaded
 * (its root comes first, `loadProfile`).
 */
export function typesToLoad(profile: Profile, types: Iterable<string>): string[] {
  const loaded = loadedByProfile.get(profile);
  const modules = loaded?.modules;
  if (!loaded || !modules) return [];
  const out: string[] = [];
  for (const type of types) {
    if (modules.has(type) && !loaded.widgets.has(type) && !out.includes(type)) out.push(type);
  }
  return out;
}

/** The `type` of each state that has a string one (for `typesToLoad`). */
export function* stateTypes(states: readonly unknown[]): Generator<string> {
  for (const state of states) if (isObject(state) && typeof state.type === 'string') yield state.type;
}

const loadingTypes = new Map<string, Promise<void>>();

/**
 * Loads the validators of widget types of a loaded profile (each once; a failed one is forgotten, so the next call
 * tries again). Resolves when all of `types` are in; rejects with the first failure (the others still arrive).
 */
export async function loadWidgetTypes(profile: Profile, types: Iterable<string>): Promise<void> {
  const loaded = loadedByProfile.get(profile);
  if (!loaded) throw new Error(`validation: load the ${profile} profile first (loadProfile)`);
  const modules = loaded.modules;
  if (!modules) return;
  const waits: Promise<void>[] = [];
  for (const type of typesToLoad(profile, types)) {
    const key = `${profile}\u0000${type}`;
    let pending = loadingTypes.get(key);
    const load = modules.get(type);
    if (!pending && load) {
      pending = load().then(
        (module) => {
          loaded.widgets.set(type, module.validate);
          loadingTypes.delete(key);
        },
        (error: unknown) => {
          loadingTypes.delete(key);
          throw error;
        },
      );
      loadingTypes.set(key, pending);
    }
    if (pending) waits.push(pending);
  }
  await Promise.all(waits);
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
