/**
 * Make Outgoing Call (v1): the legacy variant, still in older flows (Studio now writes v2).
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const makeOutgoingCallV1: WidgetModule = {
  type: 'make-outgoing-call-v1',
  catalog: vendoredCatalogEntry('make-outgoing-call-v1'),
  summaryProperty: 'to',
};
