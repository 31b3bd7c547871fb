/**
 * Connect Call To: connects the caller to a number, a client, a conference, a SIM or a SIP endpoint.
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const connectCallTo: WidgetModule = {
  type: 'connect-call-to',
  catalog: vendoredCatalogEntry('connect-call-to'),
  summaryProperty: 'to',
  fields: {
    noun: {
      label: 'Connect call to',
      optionLabels: {
        client: 'Client',
        conference: 'Conference',
        number: 'Single number',
        'number-multi': 'Multiple numbers',
        sim: 'SIM',
        sip: 'SIP endpoint',
      },
    },
    sip_endpoint: { visibleWhen: { key: 'noun', values: ['sip'] } },
    sip_username: { visibleWhen: { key: 'noun', values: ['sip'] } },
    sip_password: { visibleWhen: { key: 'noun', values: ['sip'] } },
  },
};
