/**
 * Gather Input On Call: prompts the caller, then waits for keys pressed or speech.
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

export const gatherInputOnCall: WidgetModule = {
  type: 'gather-input-on-call',
  catalog: vendoredCatalogEntry('gather-input-on-call'),
  summaryProperty: 'say',
  // Studio starts it with the prompt its schema requires one of.
  newWidgetProperties: { say: '' },
  fields: {
    say: { multiline: true },
    finish_on_key: { keepEmpty: true, help: 'Empty: no key ends the input.' },
    stop_gather: { label: 'Stop gathering on keypress' },
    number_of_digits: { label: 'Stop gathering after (digits)' },
    timeout: { label: 'Timeout (seconds)' },
    hints: { help: 'Comma-separated words or phrases the caller is likely to say.' },
    speech_timeout: { options: [{ value: 'auto', label: 'auto' }], openOptions: true },
  },
  form: {
    sections: [
      { title: 'Prompt', keys: ['say', 'play', 'voice', 'language', 'loop'] },
      { title: 'Keypress', keys: ['finish_on_key', 'number_of_digits', 'timeout', 'stop_gather'] },
      {
        title: 'Speech recognition',
        keys: ['hints', 'gather_language', 'speech_timeout', 'speech_model', 'profanity_filter'],
      },
    ],
  },
};
