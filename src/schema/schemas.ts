/**
 * The Studio JSON schemas, vendored from Twilio's "Studio Flow and Widget JSON Schemas" page (see
 * scripts/vendor-schemas.mjs), and the two schema sets the validator compiles:
 *
 * - `official`: the schemas exactly as published, plus the reconstructed `commons` and stubs they need to compile;
 * - `studio`: the same schemas with the documented extension layer (./extensions.ts) applied, i.e. what real
 *   Studio accepts and exports.
 *
 * Data and pure functions only: no ajv here (src/validation is the only importer of ajv).
 */
import addTwimlRedirect from './vendor/official/add-twiml-redirect.json' with { type: 'json' };
import capturePayments from './vendor/official/capture-payments.json' with { type: 'json' };
import connectCallTo from './vendor/official/connect-call-to.json' with { type: 'json' };
import connectVirtualAgentV2 from './vendor/official/connect-virtual-agent-v2.json' with { type: 'json' };
import enqueueCall from './vendor/official/enqueue-call.json' with { type: 'json' };
import flowDefinition from './vendor/official/flow-definition.json' with { type: 'json' };
import forkStream from './vendor/official/fork-stream.json' with { type: 'json' };
import gatherInputOnCall from './vendor/official/gather-input-on-call.json' with { type: 'json' };
import lookUpProfile from './vendor/official/look-up-profile.json' with { type: 'json' };
import makeHttpRequest from './vendor/official/make-http-request.json' with { type: 'json' };
import makeOutgoingCallV1 from './vendor/official/make-outgoing-call-v1.json' with { type: 'json' };
import makeOutgoingCallV2 from './vendor/official/make-outgoing-call-v2.json' with { type: 'json' };
import recordCall from './vendor/official/record-call.json' with { type: 'json' };
import recordVoicemail from './vendor/official/record-voicemail.json' with { type: 'json' };
import runFunction from './vendor/official/run-function.json' with { type: 'json' };
import sayPlay from './vendor/official/say-play.json' with { type: 'json' };
import sendAndWaitForReply from './vendor/official/send-and-wait-for-reply.json' with { type: 'json' };
import sendMessage from './vendor/official/send-message.json' with { type: 'json' };
import sendToAutoPilot from './vendor/official/send-to-auto-pilot.json' with { type: 'json' };
import sendToFlex from './vendor/official/send-to-flex.json' with { type: 'json' };
import setVariables from './vendor/official/set-variables.json' with { type: 'json' };
import splitBasedOn from './vendor/official/split-based-on.json' with { type: 'json' };
import trigger from './vendor/official/trigger.json' with { type: 'json' };
import addMemberToChatChannelStub from './vendor/reconstructed/add-member-to-chat-channel.stub.json' with { type: 'json' };
import commons from './vendor/reconstructed/commons.json' with { type: 'json' };
import createChatChannelStub from './vendor/reconstructed/create-chat-channel.stub.json' with { type: 'json' };
import createTaskStub from './vendor/reconstructed/create-task.stub.json' with { type: 'json' };
import understandStub from './vendor/reconstructed/understand.stub.json' with { type: 'json' };
import updateSyncObjectStub from './vendor/reconstructed/update-sync-object.stub.json' with { type: 'json' };
import { applyExtensions } from './extensions';

/** A JSON Schema document (draft-07), as plain data. */
export type JsonSchema = Record<string, unknown>;

export const SCHEMA_BASE = 'https://schemas.twilio.com/studio/draft/2019-09/';
export const FLOW_DEFINITION_ID = `${SCHEMA_BASE}flow-definition`;
/** The widget schemas declare `"$schema": ".../core#"`, a meta-schema Twilio never published: treat it as draft-07. */
export const CORE_META_SCHEMA_ID = `${SCHEMA_BASE}core`;
export const COMMONS_ID = `${SCHEMA_BASE}commons`;

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

const OFFICIAL_DOCUMENTS: readonly JsonSchema[] = [
  flowDefinition,
  addTwimlRedirect,
  capturePayments,
  connectCallTo,
  connectVirtualAgentV2,
  enqueueCall,
  forkStream,
  gatherInputOnCall,
  lookUpProfile,
  makeHttpRequest,
  makeOutgoingCallV1,
  makeOutgoingCallV2,
  recordCall,
  recordVoicemail,
  runFunction,
  sayPlay,
  sendAndWaitForReply,
  sendMessage,
  sendToAutoPilot,
  sendToFlex,
  setVariables,
  splitBasedOn,
  trigger,
];
/** Not official: stand-ins for what the official schemas reference but Twilio never published. */
const RECONSTRUCTED_DOCUMENTS: readonly JsonSchema[] = [
  commons,
  addMemberToChatChannelStub,
  createChatChannelStub,
  createTaskStub,
  understandStub,
  updateSyncObjectStub,
];

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

/** Whether a schema document is one of Twilio's published schemas (not reconstructed, not an extension). */
export function isOfficialDocument(id: string): boolean {
  return OFFICIAL_DOCUMENTS.some((s) => s.$id === id);
}
