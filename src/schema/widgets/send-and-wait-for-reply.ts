/**
 * Send & Wait For Reply: sends a message (as Send Message does) and waits for the reply.
 */
import { vendoredCatalogEntry } from '../catalog';
import { MESSAGE_FIELDS, MESSAGE_ORDER } from './send-message';
import type { WidgetModule } from './types';

export const sendAndWaitForReply: WidgetModule = {
  type: 'send-and-wait-for-reply',
  catalog: vendoredCatalogEntry('send-and-wait-for-reply'),
  summaryProperty: 'body',
  fields: { ...MESSAGE_FIELDS, timeout: { label: 'Stop waiting after (seconds)' } },
  form: { order: [...MESSAGE_ORDER.slice(0, 5), 'timeout'] },
};
