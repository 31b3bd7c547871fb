import { describe, expect, it } from 'vitest';
import { canUndo } from './editing';
import { createEditorStore } from './editorStore';
import { exportFileName, initialPublishSettings, parsePublishSettings } from './publishSettings';
import { importText } from '../testing/store';

const FLOW_RESOURCE = JSON.stringify({
  sid: 'FW0123456789abcdef0123456789abcdef',
  friendly_name: 'IVR',
  status: 'published',
  commit_message: 'v7',
  revision: 7,
  definition: {
    description: 'IVR',
    states: [{ name: 'Trigger', type: 'trigger', transitions: [], properties: { offset: { x: 0, y: 0 } } }],
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
  },
});

describe('publish settings', () => {
  it('start from the source, else the file name, else "My flow"', () => {
    expect(
      initialPublishSettings({ kind: 'flow', label: '', friendlyName: 'IVR', status: 'published' }, 'x.json'),
    ).toEqual({ friendlyName: 'IVR', status: 'published', commitMessage: '' });
    expect(initialPublishSettings({ kind: 'definition', label: '' }, 'support.JSON')).toEqual({
      friendlyName: 'support',
      status: 'draft',
      commitMessage: '',
    });
    expect(initialPublishSettings(null, null).friendlyName).toBe('My flow');
  });

  it('are read back only when complete', () => {
    const ok = { friendlyName: 'a', status: 'draft', commitMessage: '' };
    expect(parsePublishSettings(ok)).toEqual(ok);
    expect(parsePublishSettings({ ...ok, status: 'live' })).toBeNull();
    expect(parsePublishSettings({ friendlyName: 'a', status: 'draft' })).toBeNull();
    expect(parsePublishSettings('a')).toBeNull();
  });

  it('name the download after the friendly name, made safe for file systems', () => {
    expect(exportFileName('IVR: main/menu?', null)).toBe('IVR_ main_menu_.json');
    expect(exportFileName('  ..hidden  ', null)).toBe('hidden.json');
    expect(exportFileName('flow.json', null)).toBe('flow.json');
    expect(exportFileName('', 'opened.json')).toBe('opened.json');
    expect(exportFileName('', null)).toBe('flow.json');
  });

  it('are set when a flow is opened, changed without an undo step, and restored with the session', () => {
    const store = createEditorStore();
    importText(store, FLOW_RESOURCE, { fileName: 'ivr.json' });
    expect(store.getState().publish).toEqual({
      friendlyName: 'IVR',
      status: 'published',
      commitMessage: 'v7',
    });

    store.getState().setPublish({ status: 'draft', commitMessage: 'next' });
    expect(store.getState().publish).toEqual({ friendlyName: 'IVR', status: 'draft', commitMessage: 'next' });
    expect(canUndo(store.getState())).toBe(false);

    const { definition, source, fileName, revisions, profile, publish } = store.getState();
    if (!definition) throw new Error('no definition');
    const restored = createEditorStore();
    restored
      .getState()
      .replaceDefinition(definition, { history: 'open', source, fileName, revisions, profile, publish });
    expect(restored.getState().publish).toEqual(publish);

    // A session saved without settings gets them from its source.
    const older = createEditorStore();
    older.getState().replaceDefinition(definition, { history: 'open', source, fileName, revisions, profile });
    expect(older.getState().publish).toEqual({
      friendlyName: 'IVR',
      status: 'published',
      commitMessage: 'v7',
    });
  });
});
