/**
 * Adding a widget type is one module plus one line: a fictional type, written and registered here (as ./index.ts
 * registers the real ones), shows up wherever a type does.
 */
import { describe, expect, it } from 'vitest';
import { cardContent } from '../../canvas/cards';
import { diffFlows } from '../../diff';
import { formFields, formModelFor } from '../../inspector/formModel';
import type { FlowDefinition, Widget } from '../../model/types';
import { fieldLabel, widgetDiffRows } from '../../panels/diffRows';
import { createValidator } from '../../validation';
import { paletteGroups } from '../palette';
import { defaultWidgetName, eventLabel, getWidgetType, registerWidgetType, WIDGET_TYPES } from '../registry';
import type { WidgetModule } from './types';

const sendPostcard: WidgetModule = {
  type: 'send-postcard',
  catalog: {
    type: 'send-postcard',
    title: 'Send Postcard',
    category: 'Messaging',
    status: 'ga',
    summary: 'Posts a postcard to the contact.',
    inOfficialSchema: false,
    legacyAliases: {},
    events: [
      { event: 'posted', label: 'Posted', whenFires: 'The postcard is in the mail.' },
      { event: 'lost', label: 'Lost in the Mail' },
    ],
    canvasPortOrder: ['posted', 'lost'],
    properties: [
      { key: 'address', valueType: 'string', required: true },
      { key: 'greeting', valueType: 'string', required: false },
      { key: 'stamps', valueType: 'integer', required: false, default: 1 },
    ],
    defaultName: { pattern: 'postcard_{n}' },
    liquidOutputs: [{ path: 'widgets.<name>.tracking_number' }],
  },
  summaryProperty: 'address',
  fields: {
    address: { label: 'Postal address' },
    greeting: { label: 'Message on the card', multiline: true },
  },
  form: { order: ['greeting', 'address'] },
  lint: {
    run(context) {
      const properties = context.widget.properties as Record<string, unknown>;
      const stamps = properties.stamps;
      if (typeof stamps === 'number' && stamps > 10)
        context.report({
          severity: 'warning',
          code: 'lint.postcard-stamps',
          message: `${context.label} has ${stamps} stamps; one is enough`,
          pointer: '/properties/stamps',
          field: 'stamps',
        });
    },
  },
};

registerWidgetType(sendPostcard);

function flow(postcard: Partial<Widget>): FlowDefinition {
  return {
    description: 'Postcards',
    initial_state: 'Trigger',
    states: [
      {
        name: 'Trigger',
        type: 'trigger',
        properties: {},
        transitions: [{ event: 'incomingMessage', next: 'postcard_1' }],
      },
      {
        name: 'postcard_1',
        type: 'send-postcard',
        properties: { address: '1 Main St', greeting: 'Hi', stamps: 1 },
        transitions: [{ event: 'posted' }],
        ...postcard,
      },
    ],
  };
}

describe('a widget type registered from a module', () => {
  it('is in the registry, after the modules of ./index.ts, with its facts', () => {
    expect(WIDGET_TYPES.at(-1)?.type).toBe('send-postcard');
    const info = getWidgetType('send-postcard');
    expect(info).toMatchObject({
      title: 'Send Postcard',
      category: 'Messaging',
      creatable: true,
      summaryProperty: 'address',
      defaultProperties: { address: '', stamps: 1 },
      liquidOutputs: ['widgets.<name>.tracking_number'],
    });
    expect(defaultWidgetName('send-postcard', new Set(['postcard_1']))).toBe('postcard_2');
    expect(() => registerWidgetType(sendPostcard)).toThrow(/registered already/);
  });

  it('is offered in the palette, under its category, and found by typing', () => {
    const messaging = paletteGroups().find((g) => g.category === 'Messaging');
    expect(messaging?.items.map((w) => w.type)).toContain('send-postcard');
    expect(paletteGroups('postcard').map((g) => [g.category, g.items.map((w) => w.type)])).toEqual([
      ['Messaging', ['send-postcard']],
    ]);
  });

  it('has a card with its title, category, summary and labelled ports', () => {
    const card = cardContent(flow({}).states[1] as Widget);
    expect(card).toMatchObject({ typeTitle: 'Send Postcard', category: 'messaging', summary: '1 Main St' });
    expect(card.ports.map((p) => p.label)).toEqual(['Posted', 'Lost in the Mail']);
    expect(eventLabel('send-postcard', 'lost')).toBe('Lost in the Mail');
  });

  it('has a form: its order, its labels, its hints', () => {
    const fields = formFields(formModelFor('send-postcard'));
    expect(fields.map((f) => [f.key, f.label, f.kind, f.required])).toEqual([
      ['greeting', 'Message on the card', 'multiline', false],
      ['address', 'Postal address', 'text', true],
      ['stamps', 'Stamps', 'integer', false],
    ]);
    expect(fields.find((f) => f.key === 'stamps')?.placeholder).toBe('1');
    expect(fields.find((f) => f.key === 'greeting')?.liquid).toBe(true);
  });

  it('is validated: its own lint runs, its events and Liquid are checked, the studio profile knows it', () => {
    const def = flow({
      properties: { address: '1 Main St', greeting: 'Hi {{widgets.nobody.name}}', stamps: 12 },
      transitions: [{ event: 'posted' }, { event: 'returned' }],
    });
    const problems = createValidator('studio').validate(def);
    expect(problems.map((p) => [p.code, p.field, p.message])).toEqual([
      [
        'lint.unknown-event',
        'transitions.returned.event',
        "“returned” is not an event of the Send Postcard (Studio's events: posted, lost)",
      ],
      ['lint.postcard-stamps', 'stamps', 'Send Postcard “postcard_1” has 12 stamps; one is enough'],
      [
        'lint.unknown-widget-reference',
        'greeting',
        '`greeting` refers to “widgets.nobody.name”, but no widget is named “nobody”',
      ],
    ]);
    expect(createValidator('studio').validate(flow({}))).toEqual([]);
  });

  it('is a type the official schemas do not know, as every type they lack', () => {
    const problems = createValidator('official').validate(flow({}));
    expect(problems.map((p) => [p.code, p.message])).toEqual([
      [
        'schema.unknown-type',
        'Unknown widget type “send-postcard”: the official schemas do not know it (Studio calls it Send Postcard)',
      ],
    ]);
  });

  it('is named in the diff as in its form and on its ports', () => {
    const base = flow({});
    const changed = flow({
      properties: { address: '1 Main St', greeting: 'Hello', stamps: 1 },
      transitions: [{ event: 'posted' }, { event: 'lost', next: 'Trigger' }],
    });
    const diff = diffFlows(base, changed);
    const widget = diff.widgets.find((w) => w.id === 'postcard_1');
    if (!widget) throw new Error('postcard_1 did not change');
    const rows = widgetDiffRows(widget, base.states[1], changed.states[1], false);
    expect(rows.map((r) => [r.field, r.before, r.after])).toEqual([
      ['Message on the card', 'Hi', 'Hello'],
      ['Next: Lost in the Mail', null, 'Trigger'],
    ]);
    expect(fieldLabel('send-postcard', '/properties/address')).toBe('Postal address');
  });
});
