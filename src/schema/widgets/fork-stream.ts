/**
 * Fork Stream: starts or stops a media stream of the call to a WebSocket or a SIPREC endpoint.
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const forkStream: WidgetModule = {
  type: 'fork-stream',
  catalog: vendoredCatalogEntry('fork-stream'),
  summaryProperty: 'stream_url',
  fields: {
    stream_url: { visibleWhen: { key: 'stream_transport_type', values: ['websocket', 'webSocket'] } },
    stream_connector: { visibleWhen: { key: 'stream_transport_type', values: ['siprec', 'spirec'] } },
  },
};
