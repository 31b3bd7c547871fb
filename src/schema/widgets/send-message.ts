/**
 * Send Message: sends an SMS, WhatsApp or chat message, typed or from a Content Template. Send & Wait For
 * Reply presents its message the same way (`MESSAGE_FIELDS`, `MESSAGE_ORDER`).
 */
import { vendoredCatalogEntry } from '../catalog';
import type { FieldHints, WidgetModule } from './types';

/** The message fields of Send Message and Send & Wait For Reply: a typed body, or a Content Template. */
export const MESSAGE_FIELDS: Readonly<Record<string, FieldHints>> = {
  body: { label: 'Message body', multiline: true, visibleWhen: { key: 'message_type', values: ['custom'] } },
  attributes: { multiline: true },
  media_url: { label: 'Media URL', visibleWhen: { key: 'message_type', values: ['custom'] } },
  message_type: { optionLabels: { custom: 'Custom message', content_template: 'Content template' } },
  content_sid: { visibleWhen: { key: 'message_type', values: ['content_template'] } },
  content_variables: { visibleWhen: { key: 'message_type', values: ['content_template'] } },
};

/** Studio's order of the message fields. */
export const MESSAGE_ORDER: readonly string[] = [
  'body',
  'message_type',
  'content_sid',
  'content_variables',
  'from',
  'to',
  'media_url',
];

export const sendMessage: WidgetModule = {
  type: 'send-message',
  catalog: vendoredCatalogEntry('send-message'),
  summaryProperty: 'body',
  fields: MESSAGE_FIELDS,
  form: { order: MESSAGE_ORDER },
};
