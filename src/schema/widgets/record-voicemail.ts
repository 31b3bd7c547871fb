/**
 * Record Voicemail: records the caller.
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const recordVoicemail: WidgetModule = {
  type: 'record-voicemail',
  catalog: vendoredCatalogEntry('record-voicemail'),
  summaryProperty: 'transcription_callback_url',
  fields: { finish_on_key: { keepEmpty: true, help: 'Empty: no key ends the recording.' } },
};
