/**
 * Connect Virtual Agent: hands the call (or a Conversation) to a Google Dialogflow CX agent.
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const connectVirtualAgentV2: WidgetModule = {
  type: 'connect-virtual-agent-v2',
  catalog: vendoredCatalogEntry('connect-virtual-agent-v2'),
};
