/**
 * Make Outgoing Call: places an outbound call to the contact.
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const makeOutgoingCallV2: WidgetModule = {
  type: 'make-outgoing-call-v2',
  catalog: vendoredCatalogEntry('make-outgoing-call-v2'),
  summaryProperty: 'to',
};
