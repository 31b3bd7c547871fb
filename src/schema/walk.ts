/**
 * The schema walker: how the registry and the form model read the studio profile's schema documents (following
 * `$ref`s, reading a widget schema's properties and transition events). Schemas are untyped JSON, so every step
 * checks the shape it reads and yields nothing where the shape is not there.
 */
import { isObject } from '../model/object';
import type { JsonSchema } from './jsonSchema';
import { STUDIO_SCHEMA_SET } from './schemas';

const documents = new Map(STUDIO_SCHEMA_SET.schemas.map((s) => [s.$id as string, s]));

/** A `$ref` chain deeper than this is taken for a cycle and not followed. */
const MAX_DEPTH = 8;

/** `value` when it is a schema (an object), else undefined. */
export function asSchema(value: unknown): JsonSchema | undefined {
  return isObject(value) ? value : undefined;
}

/**
 * The target of a `$ref` and the document it is in: `#/definitions/X` within `doc` (when given), or an absolute
 * `<$id>#/…` in another document of the studio profile.
 */
export function resolveRef(
  ref: string,
  doc?: JsonSchema,
): { schema: JsonSchema; doc: JsonSchema } | undefined {
  const [base, fragment] = ref.split('#') as [string, string | undefined];
  const target = base === '' ? doc : documents.get(base);
  if (!target) return undefined;
  let node: unknown = target;
  for (const part of (fragment ?? '').split('/').filter(Boolean)) node = asSchema(node)?.[part];
  const schema = asSchema(node);
  return schema ? { schema, doc: target } : undefined;
}

/**
 * `schema` with its `$ref` followed (through chains of them), the keywords beside the `$ref` winning over the
 * target's. Without `doc`, only absolute `$ref`s are followed (property schemas only use commons definitions).
 */
export function resolveSchema(schema: JsonSchema, doc?: JsonSchema, depth = 0): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || depth > MAX_DEPTH) return schema;
  const target = resolveRef(ref, doc);
  if (!target) return schema;
  const { $ref: _ref, ...siblings } = schema;
  return { ...resolveSchema(target.schema, target.doc, depth + 1), ...siblings };
}

/** The `enum` of a schema when every value is a string. */
export function stringEnum(schema: JsonSchema): string[] | undefined {
  const e = schema.enum;
  return Array.isArray(e) && e.every((v): v is string => typeof v === 'string') ? e : undefined;
}

/** The branches of an `anyOf` (else a `oneOf`), resolved. */
export function anyOfBranches(schema: JsonSchema): JsonSchema[] {
  const list = schema.anyOf ?? schema.oneOf;
  return Array.isArray(list) ? list.map((b) => resolveSchema(asSchema(b) ?? {})) : [];
}

/** The studio profile's schema document of a widget type, if it has one. */
export function widgetDocument(type: string): JsonSchema | undefined {
  const id = STUDIO_SCHEMA_SET.widgetSchemaIds.get(type);
  return id === undefined ? undefined : documents.get(id);
}

/** Every event constant a transition-item schema admits (through `$ref`s and `anyOf`/`oneOf`/`allOf`). */
function eventsOf(schema: JsonSchema, doc: JsonSchema, depth = 0): string[] {
  if (depth > MAX_DEPTH) return [];
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
      for (const s of list) {
        const branch = asSchema(s);
        if (branch) out.push(...eventsOf(branch, doc, depth + 1));
      }
  }
  return [...new Set(out)];
}

/** The events a widget schema document allows on its transitions. */
export function transitionEvents(doc: JsonSchema): string[] {
  const transitions = asSchema(asSchema(doc.properties)?.transitions);
  const items = asSchema(transitions?.items);
  return items ? eventsOf(items, doc) : [];
}

/** The schema of a widget schema document's `properties` object (where `required`, `if`/`then`/`else` are). */
export function propertiesSchema(doc: JsonSchema | undefined): JsonSchema | undefined {
  return asSchema(asSchema(doc?.properties)?.properties);
}

/** A widget schema document's property schemas by key, and the keys it always requires. */
export function widgetProperties(doc: JsonSchema | undefined): {
  bag: Record<string, JsonSchema>;
  required: string[];
} {
  const props = propertiesSchema(doc);
  const bag = (asSchema(props?.properties) ?? {}) as Record<string, JsonSchema>;
  const required = Array.isArray(props?.required) ? (props.required as string[]) : [];
  return { bag, required };
}
