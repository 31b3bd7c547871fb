/**
 * Enqueue Call: puts the call in a TaskRouter workflow or a queue, with hold music.
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const enqueueCall: WidgetModule = {
  type: 'enqueue-call',
  catalog: vendoredCatalogEntry('enqueue-call'),
  summaryProperty: 'queue_name',
  fields: { task_attributes: { multiline: true } },
};
