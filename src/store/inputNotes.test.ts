import { describe, expect, it } from 'vitest';
import type { FlowDefinition, Widget } from '../model/types';
import { createEditorStore } from './editorStore';
import { importText, settledProblems } from '../testing/store';

const TEXT = `{
  "description": "x",
  "initial_state": "Trigger",
  "flags": { "allow_concurrent_calls": true },
  "states": [
    { "name": "Trigger", "type": "trigger", "transitions": [{ "event": "incomingMessage", "next": "reply" }], "properties": { "offset": { "x": 0, "y": 0 } } },
    { "name": "reply", "type": "send-message", "transitions": [{ "event": "sent" }], "properties": { "body": "Hi", "ticket": 12345678901234567890, "offset": { "x": 0, "y": 200 } } }
  ]
}`;

function notes(store: ReturnType<typeof createEditorStore>) {
  return store.getState().problems.filter((p) => p.code.startsWith('input.'));
}

describe('input notes in the Problems list', () => {
  it('say where a number was changed by reading it, follow the widget, and go once the value is edited', async () => {
    const store = createEditorStore();
    importText(store, TEXT);
    await settledProblems(store);
    expect(notes(store)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'input.number-precision',
        widget: 'reply',
        pointer: '/states/1/properties/ticket',
      }),
    ]);
    expect(notes(store)[0]?.message).toContain('line 7');

    // Another widget before it: the note follows.
    const def = store.getState().definition as FlowDefinition;
    const added: Widget = { name: 'extra', type: 'send-message', transitions: [], properties: { body: 'x' } };
    store.getState().replaceDefinition({ ...def, states: [added, ...def.states] });
    expect(notes(store).map((p) => p.pointer)).toEqual(['/states/2/properties/ticket']);

    // The value edited: the note has been dealt with.
    const now = store.getState().definition as FlowDefinition;
    const reply = now.states[2] as Widget;
    store.getState().updateWidget('reply', {
      ...reply,
      properties: { ...reply.properties, ticket: '12345678901234567890' },
    });
    expect(notes(store)).toEqual([]);
    // Undo brings the value, and the note, back.
    store.getState().undo();
    expect(notes(store)).toHaveLength(1);
  });

  it('are listed in the preview of a flow replacing the open one, and belong to it once replaced', () => {
    const store = createEditorStore();
    importText(store, TEXT.replace('12345678901234567890', '1'));
    expect(notes(store)).toEqual([]);
    importText(store, TEXT);
    expect(store.getState().importPreview?.problems.some((p) => p.code === 'input.number-precision')).toBe(
      true,
    );
    expect(notes(store)).toEqual([]);
    store.getState().confirmImport();
    expect(notes(store)).toHaveLength(1);
  });
});
