/**
 * `run-model-inference`: seen only in a third-party converter (unverified); no schema, doc or example found.
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const runModelInference: WidgetModule = {
  type: 'run-model-inference',
  catalog: vendoredCatalogEntry('run-model-inference'),
};
