/**
 * Make HTTP Request: calls a URL with form-encoded parameters or a JSON body.
 */
import { vendoredCatalogEntry } from '../catalog';
import type { WidgetModule } from './types';

const JSON_CONTENT_TYPES = ['application/json;charset=utf-8', 'application/json'];
const FORM_CONTENT_TYPES = [
  'application/x-www-form-urlencoded;charset=utf-8',
  'application/x-www-form-urlencoded',
];

export const makeHttpRequest: WidgetModule = {
  type: 'make-http-request',
  catalog: vendoredCatalogEntry('make-http-request'),
  summaryProperty: 'url',
  // Studio writes the charset; the schema's default omits it.
  newWidgetProperties: { content_type: 'application/x-www-form-urlencoded;charset=utf-8' },
  fields: {
    method: { label: 'Request method', liquid: false },
    url: { label: 'Request URL' },
    content_type: {
      kind: 'enum',
      liquid: false,
      // The two content types Studio's HTTP widget offers (the only two in the 256 corpus requests).
      options: [
        { value: 'application/x-www-form-urlencoded;charset=utf-8', label: 'Form URL Encoded' },
        { value: 'application/json;charset=utf-8', label: 'Application/JSON' },
      ],
      // Studio appends the charset; the schema's default lacks it.
      defaultValue: 'application/x-www-form-urlencoded;charset=utf-8',
    },
    body: {
      label: 'Request body',
      multiline: true,
      visibleWhen: { key: 'content_type', values: JSON_CONTENT_TYPES },
    },
    parameters: {
      label: 'HTTP parameters',
      visibleWhen: { key: 'content_type', values: FORM_CONTENT_TYPES },
    },
    add_twilio_auth: { label: 'Add Twilio authentication' },
  },
  form: { order: ['method', 'url', 'content_type', 'body', 'parameters', 'add_twilio_auth'] },
};
