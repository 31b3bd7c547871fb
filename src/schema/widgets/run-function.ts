/**
 * Run Function: calls a Twilio Function.
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const runFunction: WidgetModule = {
  type: 'run-function',
  catalog: vendoredCatalogEntry('run-function'),
  summaryProperty: 'url',
  fields: {
    service_sid: { label: 'Service' },
    environment_sid: { label: 'Environment' },
    function_sid: { label: 'Function' },
    url: { label: 'Function URL' },
    parameters: { label: 'Function parameters' },
  },
  form: { order: ['service_sid', 'environment_sid', 'function_sid', 'url', 'parameters'] },
};
