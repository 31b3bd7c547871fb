/**
 * Call Recording: turns recording of the current call on or off.
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const recordCall: WidgetModule = {
  type: 'record-call',
  catalog: vendoredCatalogEntry('record-call'),
};
