/**
 * The Studio JSON schemas, vendored from Twilio's "Studio Flow and Widget JSON Schemas" page (see
 * scripts/vendor-schemas.mjs; the list of documents, ./vendor/documents.ts, is generated from the vendored files), and
 * the two schema sets the validator compiles:
 *
 * - `official`: the schemas exactly as published, plus the reconstructed `commons` and stubs they need to compile;
 * - `studio`: the same schemas with the documented extension layer (./extensions.ts) applied, i.e. what real
 *   Studio accepts and exports.
 *
 * Data and pure functions only: no ajv here (src/validation is the only importer of ajv).
 */
import { applyExtensions } from './extensions';
import { FLOW_DEFINITION_ID, type JsonSchema } from './jsonSchema';
import { OFFICIAL_DOCUMENTS, RECONSTRUCTED_DOCUMENTS } from './vendor/documents';

export { CORE_META_SCHEMA_ID, FLOW_DEFINITION_ID, SCHEMA_BASE, type JsonSchema } from './jsonSchema';

export type Profile = 'studio' | 'official';

/** Everything a validator needs to compile one profile. */
export interface SchemaSet {
  profile: Profile;
  /** Every schema document of the profile, each with its `$id`. */
  schemas: readonly JsonSchema[];
  /** `$id` of the flow-definition schema (the root). */
  rootId: string;
  /** Widget type -> `$id` of its schema, in the order the root schema lists them. */
  widgetSchemaIds: ReadonlyMap<string, string>;
  /** Widget types the root schema's `type` enum accepts. */
  knownTypes: readonly string[];
}

/** Reads the `if type const X then $ref Y` dispatch of a flow-definition schema. */
export function widgetDispatch(root: JsonSchema): Map<string, string> {
  const map = new Map<string, string>();
  const states = (root.properties as Record<string, JsonSchema> | undefined)?.states;
  const items = states?.items as JsonSchema | undefined;
  const allOf = (items?.allOf ?? []) as JsonSchema[];
  for (const branch of allOf) {
    const ifType = (
      (branch.if as JsonSchema | undefined)?.properties as Record<string, JsonSchema> | undefined
    )?.type;
    const ref = (branch.then as JsonSchema | undefined)?.$ref;
    if (typeof ifType?.const === 'string' && typeof ref === 'string') map.set(ifType.const, ref);
  }
  return map;
}

function typeEnum(root: JsonSchema): string[] {
  const states = (root.properties as Record<string, JsonSchema>).states as JsonSchema;
  const items = states.items as JsonSchema;
  const typeProp = (items.properties as Record<string, JsonSchema>).type as JsonSchema;
  return [...(typeProp.enum as string[])];
}

function makeSet(profile: Profile, schemas: readonly JsonSchema[]): SchemaSet {
  const root = schemas.find((s) => s.$id === FLOW_DEFINITION_ID);
  if (!root) throw new Error('flow-definition schema missing');
  return {
    profile,
    schemas,
    rootId: FLOW_DEFINITION_ID,
    widgetSchemaIds: widgetDispatch(root),
    knownTypes: typeEnum(root),
  };
}

/** The official schemas as published (plus the reconstructed commons and stubs they need to compile). */
export const OFFICIAL_SCHEMA_SET: SchemaSet = makeSet('official', [
  ...OFFICIAL_DOCUMENTS,
  ...RECONSTRUCTED_DOCUMENTS,
]);

/** The official schemas with the extension layer applied: what real Studio accepts. */
export const STUDIO_SCHEMA_SET: SchemaSet = makeSet(
  'studio',
  applyExtensions([...OFFICIAL_DOCUMENTS, ...RECONSTRUCTED_DOCUMENTS]),
);

export function schemaSet(profile: Profile): SchemaSet {
  return profile === 'official' ? OFFICIAL_SCHEMA_SET : STUDIO_SCHEMA_SET;
}

/** The schema document of one widget type in a profile, if it has one. */
export function widgetSchema(profile: Profile, type: string): JsonSchema | undefined {
  const set = schemaSet(profile);
  const id = set.widgetSchemaIds.get(type);
  return id === undefined ? undefined : set.schemas.find((s) => s.$id === id);
}
