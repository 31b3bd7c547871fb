/**
 * TwiML Redirect: hands the call to TwiML at a URL, and continues when it returns.
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const addTwimlRedirect: WidgetModule = {
  type: 'add-twiml-redirect',
  catalog: vendoredCatalogEntry('add-twiml-redirect'),
  summaryProperty: 'url',
  fields: { method: { liquid: false } },
};
