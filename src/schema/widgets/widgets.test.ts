import { describe, expect, it } from 'vitest';
import { formFields, formModelFor } from '../../inspector/formModel';
import { fieldLabel } from '../../panels/diffRows';
import { validateDefinition } from '../../validation';
import { propertyTitle } from '../../validation/names';
import { CATALOG } from '../catalog';
import { getWidgetType, WIDGET_TYPES } from '../registry';
import { WIDGET_MODULES } from '.';

describe('the widget modules', () => {
  it('are one per type of the vendored catalog, in its order', () => {
    expect(WIDGET_MODULES.map((m) => m.type)).toEqual(CATALOG.map((c) => c.type));
    for (const m of WIDGET_MODULES) expect(m.catalog.type, m.type).toBe(m.type);
  });

  it('give hints, order and sections only for properties their type has', () => {
    for (const m of WIDGET_MODULES) {
      const keys = new Set(getWidgetType(m.type)?.properties.map((p) => p.key));
      const named = [
        ...Object.keys(m.fields ?? {}),
        ...(m.form?.order ?? []),
        ...(m.form?.sections ?? []).flatMap((s) => s.keys),
        ...(m.summaryProperty === undefined ? [] : [m.summaryProperty]),
      ];
      for (const key of named) expect(keys.has(key), `${m.type}.${key}`).toBe(true);
    }
  });
});

describe('field labels', () => {
  it('are the same in the inspector, the problems and the diff', () => {
    for (const info of WIDGET_TYPES) {
      const fields = formFields(formModelFor(info.type));
      for (const p of info.properties) {
        const where = `${info.type}.${p.key}`;
        expect(fields.find((f) => f.key === p.key)?.label, where).toBe(p.label);
        expect(fieldLabel(info.type, `/properties/${p.key}`), where).toBe(p.label);
        expect(propertyTitle(info.type, p.key), where).toBe(p.named ? p.label : undefined);
      }
    }
  });

  it('name the message body as the inspector does, in every problem about it', () => {
    const def = {
      initial_state: 'Trigger',
      states: [
        {
          name: 'Trigger',
          type: 'trigger',
          properties: {},
          transitions: [{ event: 'incomingMessage', next: 'a' }],
        },
        {
          name: 'a',
          type: 'send-message',
          properties: { body: ' ' },
          transitions: [{ event: 'sent', next: 'b' }],
        },
        { name: 'b', type: 'send-and-wait-for-reply', properties: {}, transitions: [] },
      ],
    };
    const messages = validateDefinition(def).map((p) => p.message);
    expect(messages).toContain(
      'Send Message “a” has an empty Message body (`body`): Studio saves it as a draft, but the widget fails when it runs',
    );
    expect(messages).toContain('Send & Wait For Reply “b” is missing Message body (`body`)');
    expect(fieldLabel('send-and-wait-for-reply', '/properties/body')).toBe('Message body');
  });
});
