/**
 * Look Up Profile (beta): looks up a customer profile in a connected CDP / Unified Profiles by identifier.
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const lookUpProfile: WidgetModule = {
  type: 'look-up-profile',
  catalog: vendoredCatalogEntry('look-up-profile'),
  fields: { context: { multiline: true } },
};
