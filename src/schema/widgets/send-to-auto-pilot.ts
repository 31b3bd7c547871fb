/**
 * Send to Autopilot: the retired Autopilot handoff, still in old flows.
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const sendToAutoPilot: WidgetModule = {
  type: 'send-to-auto-pilot',
  catalog: vendoredCatalogEntry('send-to-auto-pilot'),
  fields: { body: { multiline: true }, chat_attributes: { multiline: true } },
};
