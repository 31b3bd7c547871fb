/**
 * Run Function (v2): in the newer flow-definition type enum; unverified (no schema, doc or example found).
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const runFunctionV2: WidgetModule = {
  type: 'run-function-v2',
  catalog: vendoredCatalogEntry('run-function-v2'),
  summaryProperty: 'url',
};
