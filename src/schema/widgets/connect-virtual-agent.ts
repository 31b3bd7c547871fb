/**
 * Connect Virtual Agent (Dialogflow ES): the deprecated first version (Twilio stopped supporting ES in 2024).
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const connectVirtualAgent: WidgetModule = {
  type: 'connect-virtual-agent',
  catalog: vendoredCatalogEntry('connect-virtual-agent'),
};
