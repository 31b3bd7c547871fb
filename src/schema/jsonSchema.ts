/**
 * What every schema module shares: the type of a schema document and the `$id`s of the Studio schemas. A module
 * of its own so that the extension layer and the schema sets do not import each other.
 */

/** A JSON Schema document (draft-07), as plain data. */
export type JsonSchema = Record<string, unknown>;

export const SCHEMA_BASE = 'https://schemas.twilio.com/studio/draft/2019-09/';
export const FLOW_DEFINITION_ID = `${SCHEMA_BASE}flow-definition`;
/** The widget schemas declare `"$schema": ".../core#"`, a meta-schema Twilio never published: treat it as draft-07. */
export const CORE_META_SCHEMA_ID = `${SCHEMA_BASE}core`;
/** The reconstructed `commons` schema: the definitions (NextLink, Parameter, WidgetName) the widget schemas share. */
export const COMMONS_ID = `${SCHEMA_BASE}commons`;
