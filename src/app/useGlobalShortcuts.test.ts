// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createCompareStore } from '../store/compare';
import { createEditorStore } from '../store/editorStore';
import { handleGlobalKey } from './useGlobalShortcuts';
import { isEditableTarget as isTypingTarget } from './shortcuts';

function key(init: KeyboardEventInit, target: EventTarget = document.body): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
  Object.defineProperty(event, 'target', { value: target });
  return event;
}

/** An editor with a flow and a comparison of it against a copy with one more widget. */
function comparing() {
  const store = storeWithFlow();
  const definition = store.getState().definition;
  if (!definition) throw new Error('no flow');
  const changed = {
    ...definition,
    states: [
      ...definition.states,
      { name: 'hello', type: 'send-message', transitions: [], properties: { body: 'Hi' } },
      { name: 'bye', type: 'send-message', transitions: [], properties: { body: 'Bye' } },
    ],
  };
  const compare = createCompareStore();
  compare
    .getState()
    .start(
      { definition, label: 'Current flow', name: null, choice: { kind: 'current' } },
      { definition: changed, label: 'Pasted JSON', name: null, choice: { kind: 'paste' } },
    );
  return { store, compare };
}

function storeWithFlow() {
  const store = createEditorStore();
  store.getState().createNewFlow();
  return store;
}

describe('global shortcuts', () => {
  it('Ctrl+K and / open the search, ? the shortcuts, only with no dialog open', () => {
    const store = storeWithFlow();
    expect(handleGlobalKey(store, key({ key: 'k', ctrlKey: true }))).toBe(true);
    expect(store.getState().dialog).toBe('search');
    // A dialog is open: other shortcuts wait.
    expect(handleGlobalKey(store, key({ key: '?', shiftKey: true }))).toBe(false);
    expect(store.getState().dialog).toBe('search');
    expect(handleGlobalKey(store, key({ key: 'Escape' }))).toBe(true);
    expect(store.getState().dialog).toBeNull();

    expect(handleGlobalKey(store, key({ key: '/' }))).toBe(true);
    expect(store.getState().dialog).toBe('search');
    store.getState().closeDialog();
    expect(handleGlobalKey(store, key({ key: '?', shiftKey: true }))).toBe(true);
    expect(store.getState().dialog).toBe('shortcuts');
  });

  it('the search needs an open flow; a held key does not reopen dialogs', () => {
    const empty = createEditorStore();
    expect(handleGlobalKey(empty, key({ key: 'k', ctrlKey: true }))).toBe(false);
    const store = storeWithFlow();
    expect(handleGlobalKey(store, key({ key: '?', repeat: true }))).toBe(false);
  });

  it('is silent while typing in a field, but not on a checkbox or the file input', () => {
    const store = storeWithFlow();
    const textarea = document.createElement('textarea');
    const search = Object.assign(document.createElement('input'), { type: 'search' });
    const checkbox = Object.assign(document.createElement('input'), { type: 'checkbox' });
    const file = Object.assign(document.createElement('input'), { type: 'file' });
    expect(isTypingTarget(textarea)).toBe(true);
    expect(isTypingTarget(search)).toBe(true);
    expect(isTypingTarget(checkbox)).toBe(false);
    expect(isTypingTarget(file)).toBe(false);
    expect(handleGlobalKey(store, key({ key: '?' }, textarea))).toBe(false);
    expect(handleGlobalKey(store, key({ key: 'k', ctrlKey: true }, search))).toBe(false);
    expect(store.getState().dialog).toBeNull();
    expect(handleGlobalKey(store, key({ key: 'k', ctrlKey: true }, file))).toBe(true);
  });

  it('undo and redo go through the store; the keys are claimed even with nothing to undo', () => {
    const store = storeWithFlow();
    expect(handleGlobalKey(store, key({ key: 'z', ctrlKey: true }))).toBe(true);
    store.getState().addWidget('send-message', { x: 0, y: 300 });
    expect(store.getState().definition?.states).toHaveLength(2);
    expect(handleGlobalKey(store, key({ key: 'z', ctrlKey: true }))).toBe(true);
    expect(store.getState().definition?.states).toHaveLength(1);
    expect(handleGlobalKey(store, key({ key: 'Z', ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(store.getState().definition?.states).toHaveLength(2);
    expect(handleGlobalKey(store, key({ key: 'z', ctrlKey: true }))).toBe(true);
    expect(handleGlobalKey(store, key({ key: 'y', ctrlKey: true }))).toBe(true);
    expect(store.getState().definition?.states).toHaveLength(2);
  });

  it('Escape clears the selection; keys already handled inside the page are left alone', () => {
    const store = storeWithFlow();
    expect(handleGlobalKey(store, key({ key: 'Escape' }))).toBe(false);
    store.getState().setSelection(['Trigger']);
    const handled = key({ key: 'Escape' });
    handled.preventDefault();
    expect(handleGlobalKey(store, handled)).toBe(false);
    expect(store.getState().selection).toEqual(['Trigger']);
    expect(handleGlobalKey(store, key({ key: 'Escape' }))).toBe(true);
    expect(store.getState().selection).toEqual([]);
  });

  it('leaves canvas keys to the canvas', () => {
    const store = storeWithFlow();
    store.getState().setSelection(['Trigger']);
    expect(handleGlobalKey(store, key({ key: 'Delete' }))).toBe(false);
    expect(handleGlobalKey(store, key({ key: 'c', ctrlKey: true }))).toBe(false);
  });

  it('while comparing: n and p step through the changes, Escape clears the chosen one', () => {
    const { store, compare } = comparing();
    expect(handleGlobalKey(store, key({ key: 'n' }), compare)).toBe(true);
    expect(compare.getState().selectedId).toBe('hello');
    expect(handleGlobalKey(store, key({ key: 'N', shiftKey: true }), compare)).toBe(false); // Shift+N is not n
    expect(handleGlobalKey(store, key({ key: 'n' }), compare)).toBe(true);
    expect(compare.getState().selectedId).toBe('bye');
    expect(handleGlobalKey(store, key({ key: 'p' }), compare)).toBe(true);
    expect(compare.getState().selectedId).toBe('hello');
    // Typing in a field, or a dialog open: the keys are the field's or the dialog's.
    const textarea = document.createElement('textarea');
    expect(handleGlobalKey(store, key({ key: 'n' }, textarea), compare)).toBe(false);
    store.getState().openDialog('compare');
    expect(handleGlobalKey(store, key({ key: 'n' }), compare)).toBe(false);
    store.getState().closeDialog();
    expect(compare.getState().selectedId).toBe('hello');
    expect(handleGlobalKey(store, key({ key: 'Escape' }), compare)).toBe(true);
    expect(compare.getState().selectedId).toBeNull();
    expect(handleGlobalKey(store, key({ key: 'Escape' }), compare)).toBe(false);
  });

  it('while comparing, the document is left alone: no undo, redo or widget search; help still opens', () => {
    const { store, compare } = comparing();
    store.getState().addWidget('send-message', { x: 0, y: 300 });
    expect(handleGlobalKey(store, key({ key: 'z', ctrlKey: true }), compare)).toBe(false);
    expect(store.getState().definition?.states).toHaveLength(2);
    expect(handleGlobalKey(store, key({ key: 'k', ctrlKey: true }), compare)).toBe(false);
    expect(store.getState().dialog).toBeNull();
    expect(handleGlobalKey(store, key({ key: '?' }), compare)).toBe(true);
    expect(store.getState().dialog).toBe('shortcuts');
  });

  it('n and p do nothing outside compare mode', () => {
    const store = storeWithFlow();
    expect(handleGlobalKey(store, key({ key: 'n' }), createCompareStore())).toBe(false);
    expect(handleGlobalKey(store, key({ key: 'p' }))).toBe(false);
  });
});
