/**
 * ConversationRelay: connects the live call to a WebSocket application; the flow waits until the session ends.
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const runConversationRelay: WidgetModule = {
  type: 'run-conversation-relay',
  catalog: vendoredCatalogEntry('run-conversation-relay'),
  summaryProperty: 'url',
  fields: { welcome_greeting: { multiline: true } },
};
