/**
 * Set Variables: sets flow variables (`flow.variables.<key>`) from rows of key and value.
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const setVariables: WidgetModule = {
  type: 'set-variables',
  catalog: vendoredCatalogEntry('set-variables'),
  summaryProperty: 'variables',
  fields: { variables: { kind: 'set-variables', label: 'Variables' } },
};
