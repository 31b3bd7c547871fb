import { describe, expect, it } from 'vitest';
import { ariaKeyShortcuts, displayKeys, matchesBinding, withKeys } from './keys';
import { paletteEntries } from './palette';
import { COMMANDS } from './registry';
import { commandState } from './run';
import { press, testEditor } from './testing';

function flowOpen() {
  const editor = testEditor();
  editor.store.getState().createNewFlow();
  return editor;
}

describe('the palette', () => {
  it('lists every command but those run only by a key or the palette itself, the runnable ones first', () => {
    const editor = flowOpen();
    const entries = paletteEntries(COMMANDS, commandState(editor.context), '');
    const ids = entries.map((e) => e.command.id);
    expect(ids).toHaveLength(COMMANDS.filter((c) => !c.hidden).length);
    expect(ids).not.toContain('move-selection');
    expect(ids).not.toContain('palette');
    expect(ids).not.toContain('close-dialog');
    const firstUnavailable = entries.findIndex((e) => !e.enabled);
    expect(firstUnavailable).toBeGreaterThan(0);
    expect(entries.slice(firstUnavailable).every((e) => !e.enabled)).toBe(true);
    // In registry order within each part.
    expect(ids.slice(0, 4)).toEqual(['open-file', 'paste-json', 'new-flow', 'export']);
  });

  it('filters as you type: label starts first, then words of the label, then descriptions and keywords', () => {
    const state = commandState(flowOpen().context);
    const ids = (query: string) => paletteEntries(COMMANDS, state, query).map((e) => e.command.id);
    expect(ids('auto')[0]).toBe('layout');
    expect(ids('auto')).toContain('keep-layout');
    expect(ids('exp')).toEqual(['export']);
    expect(ids('EXPORT')).toEqual(['export']);
    // "Jump to a widget by name" is the search's description; "zoom" a keyword of Fit.
    expect(ids('jump')).toEqual(['search']);
    expect(ids('zoom')).toEqual(['zoom-in', 'zoom-out', 'fit']);
    // Every word must match, in any order.
    expect(ids('in zoom')[0]).toBe('zoom-in');
    expect(ids('in zoom')).not.toContain('zoom-out');
    expect(ids('nothing like this')).toEqual([]);
  });

  it('labels commands as the state makes them, and says why one cannot run', () => {
    const editor = flowOpen();
    editor.store.getState().addWidget('send-message', { x: 0, y: 300 });
    editor.store.getState().setSelection(['Trigger', 'send_message_1']);
    const [layout] = paletteEntries(COMMANDS, commandState(editor.context), 'auto-layout');
    expect(layout?.label).toBe('Auto-layout selection');

    const empty = testEditor({ canvas: false });
    const search = paletteEntries(COMMANDS, commandState(empty.context), 'find widget')[0];
    expect(search).toMatchObject({ enabled: false, reason: 'Open a flow to find its widgets' });
  });
});

describe('key bindings', () => {
  it('are written as the platform writes them', () => {
    expect(displayKeys('Mod+Shift+Z', 'other')).toBe('Ctrl+Shift+Z');
    expect(displayKeys('Mod+Shift+Z', 'mac')).toBe('⌘⇧Z');
    expect(displayKeys('?', 'mac')).toBe('?');
    expect(ariaKeyShortcuts(['Mod+Shift+Z', 'Mod+Y'], 'other')).toBe('Control+Shift+Z Control+Y');
    expect(ariaKeyShortcuts(['Mod+K', '/'], 'mac')).toBe('Meta+K /');
    expect(withKeys('Undo', ['Mod+Z'], 'other')).toBe('Undo (Ctrl+Z)');
    expect(withKeys('Export…', undefined, 'other')).toBe('Export…');
  });

  it('match symbols by the character typed, letters and digits with their modifiers exactly', () => {
    expect(matchesBinding(press('?'), '?', 'other')).toBe(true);
    expect(matchesBinding(press('+'), '+', 'other')).toBe(true);
    expect(matchesBinding(press('-'), '+', 'other')).toBe(false);
    // Shift+1 types "!" on a US keyboard and something else elsewhere: the key's code says 1.
    expect(matchesBinding(press('Shift+1'), 'Shift+1', 'other')).toBe(true);
    expect(matchesBinding({ ...press('Shift+1'), key: '§' }, 'Shift+1', 'other')).toBe(true);
    expect(matchesBinding(press('1'), 'Shift+1', 'other')).toBe(false);
    expect(matchesBinding(press('N'), 'N', 'other')).toBe(true);
    expect(matchesBinding(press('Shift+N'), 'N', 'other')).toBe(false);
    // Ctrl is not ⌘ on macOS, and the Windows key is not Ctrl elsewhere.
    expect(matchesBinding({ ...press('Mod+K', 'other'), metaKey: true }, 'Mod+K', 'other')).toBe(false);
    expect(matchesBinding({ ...press('Mod+K', 'mac'), ctrlKey: true }, 'Mod+K', 'mac')).toBe(false);
  });
});
