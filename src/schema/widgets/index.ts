/**
 * Every widget type, one module each: what is specific to a type (its catalog facts and port labels, the property
 * its card summarises, what a new widget holds, its field labels and form hints, its own lint) lives in its module,
 * and this list registers them all. The registry (../registry.ts) derives the rest from the schemas; the palette,
 * the canvas, the inspector's forms, the validator and the diff read the registry.
 *
 * Adding a widget type: write `./<type>.ts` exporting a `WidgetModule` (its facts: `vendoredCatalogEntry(type)` when
 * the vendored widget catalog has the type, else written in the module), add it to this list (palette order),
 * then `npm run generate`, so that the precompiled validators include the schema the extension layer makes for a
 * type without an official one (a unit test fails until then). Code can also add a type at run time,
 * `registerWidgetType` (../registry.ts).
 */
import { addMemberToChatChannel } from './add-member-to-chat-channel';
import { addTwimlRedirect } from './add-twiml-redirect';
import { capturePayments } from './capture-payments';
import { connectCallTo } from './connect-call-to';
import { connectVirtualAgent } from './connect-virtual-agent';
import { connectVirtualAgentV2 } from './connect-virtual-agent-v2';
import { createChatChannel } from './create-chat-channel';
import { createTask } from './create-task';
import { enqueueCall } from './enqueue-call';
import { forkStream } from './fork-stream';
import { gatherInputOnCall } from './gather-input-on-call';
import { lookUpProfile } from './look-up-profile';
import { makeHttpRequest } from './make-http-request';
import { makeOutgoingCallV1 } from './make-outgoing-call-v1';
import { makeOutgoingCallV2 } from './make-outgoing-call-v2';
import { recordCall } from './record-call';
import { recordVoicemail } from './record-voicemail';
import { resumeConversation } from './resume-conversation';
import { runConversationRelay } from './run-conversation-relay';
import { runFunction } from './run-function';
import { runFunctionV2 } from './run-function-v2';
import { runModelInference } from './run-model-inference';
import { runSubflow } from './run-subflow';
import { sayPlay } from './say-play';
import { sendAndWaitForReply } from './send-and-wait-for-reply';
import { sendMessage } from './send-message';
import { sendToAutoPilot } from './send-to-auto-pilot';
import { sendToFlex } from './send-to-flex';
import { setVariables } from './set-variables';
import { splitBasedOn } from './split-based-on';
import { startConversation } from './start-conversation';
import { trigger } from './trigger';
import { understand } from './understand';
import { updateSyncObject } from './update-sync-object';
import type { WidgetModule } from './types';

/** Every widget module, in the order Studio's widget library lists them (the Trigger first, then by category). */
export const WIDGET_MODULES: readonly WidgetModule[] = [
  trigger,
  splitBasedOn,
  setVariables,
  runSubflow,
  sayPlay,
  gatherInputOnCall,
  connectCallTo,
  makeOutgoingCallV2,
  makeOutgoingCallV1,
  recordVoicemail,
  recordCall,
  enqueueCall,
  capturePayments,
  forkStream,
  connectVirtualAgentV2,
  connectVirtualAgent,
  runConversationRelay,
  sendMessage,
  sendAndWaitForReply,
  startConversation,
  resumeConversation,
  runFunction,
  runFunctionV2,
  makeHttpRequest,
  addTwimlRedirect,
  sendToFlex,
  lookUpProfile,
  sendToAutoPilot,
  understand,
  createChatChannel,
  addMemberToChatChannel,
  createTask,
  updateSyncObject,
  runModelInference,
];
