/**
 * Resume Conversation (REST API triggered flows): attaches the execution to an existing Conversation.
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const resumeConversation: WidgetModule = {
  type: 'resume-conversation',
  catalog: vendoredCatalogEntry('resume-conversation'),
};
