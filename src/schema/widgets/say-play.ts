/**
 * Say/Play: speaks text, plays an audio URL or sends DTMF digits on a call.
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const sayPlay: WidgetModule = {
  type: 'say-play',
  catalog: vendoredCatalogEntry('say-play'),
  summaryProperty: 'say',
  // Studio starts it with the prompt its schema requires one of.
  newWidgetProperties: { say: '' },
  fields: { say: { multiline: true } },
  form: { order: ['say', 'play', 'voice', 'language', 'loop', 'digits'] },
};
