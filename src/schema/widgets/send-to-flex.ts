/**
 * Send to Flex: creates a TaskRouter task / Flex interaction for the call, message or conversation.
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const sendToFlex: WidgetModule = {
  type: 'send-to-flex',
  catalog: vendoredCatalogEntry('send-to-flex'),
  summaryProperty: 'workflow',
  fields: { attributes: { multiline: true } },
};
