/**
 * `update-sync-object`: only in the flow schema's type enum (no widget schema, docs or example found): the
 * editor keeps such widgets as they are.
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const updateSyncObject: WidgetModule = {
  type: 'update-sync-object',
  catalog: vendoredCatalogEntry('update-sync-object'),
};
