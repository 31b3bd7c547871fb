/**
 * Start Conversation (REST API triggered flows): creates a Conversation and makes it the execution's channel.
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const startConversation: WidgetModule = {
  type: 'start-conversation',
  catalog: vendoredCatalogEntry('start-conversation'),
  summaryProperty: 'conversation_service_sid',
  fields: { attributes: { multiline: true } },
};
