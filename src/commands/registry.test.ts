import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../model/types';
import { canRedo, canUndo, selectedWidget } from '../store/editing';
import { matchesBinding, type Platform } from './keys';
import { shortcutRows } from './overlay';
import { COMMANDS, GESTURES, getCommand, type CommandId } from './registry';
import { activeScopes, commandForKey, commandState, runCommand, type KeyTarget } from './run';
import { IN_CANVAS, press, testEditor, type TestEditor } from './testing';
import type { Command, CommandScope } from './types';

const NOWHERE: KeyTarget = { field: 'none', inCanvas: false };
const ON_CANVAS: KeyTarget = { field: 'none', inCanvas: true };

function run(editor: TestEditor, id: CommandId, input?: Parameters<typeof runCommand>[2]) {
  return runCommand(getCommand(id), editor.context, input);
}

/** The ids of the commands enabled now. */
function enabledIds(editor: TestEditor): string[] {
  const state = commandState(editor.context);
  return COMMANDS.filter((c) => c.enabled(state))
    .map((c) => c.id)
    .sort();
}

/** An editor with a new flow open (the Trigger only) and the canvas mounted. */
function withFlow(options: { canvas?: boolean } = {}): TestEditor {
  const editor = testEditor(options);
  editor.store.getState().createNewFlow();
  return editor;
}

/** An editor with the Trigger and two widgets added (one undo step each); the last one is selected. */
function withWidgets(): TestEditor {
  const editor = withFlow();
  editor.store.getState().addWidget('send-message', { x: 0, y: 300 });
  editor.store.getState().addWidget('send-message', { x: 400, y: 300 });
  return editor;
}

function names(editor: TestEditor): string[] {
  return editor.store.getState().definition?.states.map((w) => w.name) ?? [];
}

function offsetOf(editor: TestEditor, name: string) {
  return editor.store.getState().definition?.states.find((w) => w.name === name)?.properties.offset;
}

/** Starts comparing the open flow with a copy of it without its last widget (`send_message_2`). */
function startComparing(editor: TestEditor): void {
  const definition = editor.store.getState().definition as FlowDefinition;
  editor.compare.getState().start(
    { definition, label: 'Current flow', name: null, choice: { kind: 'current' } },
    {
      definition: { ...definition, states: definition.states.slice(0, 2) },
      label: 'Pasted JSON',
      name: null,
      choice: { kind: 'paste' },
    },
  );
}

/** Every set of scopes whose keys can apply at the same time (see `activeScopes`). */
const SCOPE_SETS: readonly (readonly CommandScope[])[] = [
  ['dialog'],
  ['app', 'compare'],
  ['app', 'editor'],
  ['app', 'editor', 'canvas'],
];

describe('the registry', () => {
  it('has unique ids, and every command a label and a group', () => {
    const ids = COMMANDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of COMMANDS) {
      expect(c.label, c.id).not.toBe('');
      expect(c.group, c.id).toBeTruthy();
    }
  });

  it('lists in the overlay every command with keys, and only commands and pointer gestures', () => {
    const rows = shortcutRows();
    const gestures = new Set<string>(GESTURES.map((g) => g.id));
    for (const row of rows) {
      if (gestures.has(row.id)) {
        // Performed by React Flow with the pointer: no key to bind.
        expect(
          row.keys.every((k) => /Click|Drag/.test(k)),
          row.id,
        ).toBe(true);
        continue;
      }
      const c = getCommand(row.id as CommandId);
      expect(c.keys?.length, row.id).toBeGreaterThan(0);
      expect(row.keys).toEqual(c.keyLabel === undefined ? c.keys : [c.keyLabel]);
      expect(row.description).toBe(c.description ?? c.label);
    }
    // Every command with keys has its row, or is told of by another row with the same keys.
    const listed = new Set(rows.map((r) => r.id));
    for (const c of COMMANDS) {
      if (!c.keys) continue;
      if (c.toldBy === undefined) expect(listed.has(c.id), c.id).toBe(true);
      else expect(getCommand(c.toldBy as CommandId).keys, c.id).toEqual(c.keys);
    }
  });

  it('keeps the rows of the overlay people know, in their groups and order', () => {
    const rows = shortcutRows().map((r) => `${r.group}: ${r.keys.join(' or ')} ${r.description}`);
    expect(rows).toEqual([
      'Editing: Mod+Z Undo',
      'Editing: Mod+Shift+Z or Mod+Y Redo',
      'Editing: Mod+C Copy the selected widgets (as Studio JSON)',
      'Editing: Mod+X Cut the selected widgets',
      'Editing: Mod+V Paste widgets',
      'Editing: Mod+D Duplicate the selected widgets',
      'Editing: Delete or Backspace Delete the selected widgets or connection',
      'Editing: F2 Rename the selected widget (or double-click its name)',
      'Canvas: Mod+A Select every widget',
      'Canvas: Shift+Click Add a widget to the selection',
      'Canvas: Shift+Drag Select the widgets inside a box',
      'Canvas: Arrow keys Move the selected widgets (Shift: 10× further)',
      'Canvas: Mod+Shift+L Auto-layout the selection, or the whole flow',
      'Canvas: Shift+1 Fit the whole flow in view',
      'Canvas: + Zoom in',
      'Canvas: - Zoom out',
      'Navigation: Mod+K or / Jump to a widget by name',
      'Navigation: Escape Clear the selection, close a dialog',
      'Compare: N Next change (while comparing)',
      'Compare: P Previous change (while comparing)',
      'Compare: Escape Clear the chosen change (while comparing)',
      'Application: ? Show these shortcuts',
      'Application: Mod+Shift+P Show all commands (command palette)',
    ]);
  });

  it.each<Platform>(['other', 'mac'])(
    'binds no key twice among scopes that apply together (%s)',
    (platform) => {
      for (const scopes of SCOPE_SETS) {
        const bound = COMMANDS.filter((c) => scopes.includes(c.scope) && c.keys);
        for (const a of bound) {
          for (const binding of a.keys ?? []) {
            const event = press(binding, platform);
            const matching = bound.filter((c) => c.keys?.some((k) => matchesBinding(event, k, platform)));
            expect(
              matching.map((c) => c.id),
              `${binding} in ${scopes.join('+')}`,
            ).toEqual([a.id]);
          }
        }
      }
    },
  );

  it.each<Platform>(['other', 'mac'])(
    'reaches, by each key the overlay lists, its command (%s)',
    (platform) => {
      // Where each command can run: the editor with a flow and a selection (focus on the canvas for its keys), or a
      // comparison with a change chosen.
      const editing = withWidgets();
      const comparing = withWidgets();
      startComparing(comparing);
      comparing.compare.getState().step(1);
      for (const row of shortcutRows()) {
        if (GESTURES.some((g) => g.id === row.id)) continue;
        const c = getCommand(row.id as CommandId);
        const editor = c.scope === 'compare' ? comparing : editing;
        for (const binding of c.keys ?? []) {
          const found = commandForKey(
            COMMANDS,
            press(binding, platform),
            commandState(editor.context),
            c.scope === 'canvas' ? ON_CANVAS : NOWHERE,
            platform,
            c.capture ? 'capture' : 'bubble',
          );
          // Copy, cut and paste keys stay the browser's: its clipboard events reach the commands (see FlowCanvas).
          expect(found?.command.id ?? null, binding).toBe(c.native ? null : c.id);
        }
      }
    },
  );
});

describe('keys', () => {
  it('apply in their scope only: the canvas keys with the focus on the canvas, compare keys while comparing', () => {
    const editor = withWidgets();
    const state = commandState(editor.context);
    const find = (binding: string, target: KeyTarget, phase: 'capture' | 'bubble' = 'bubble') =>
      commandForKey(COMMANDS, press(binding), state, target, 'other', phase)?.command.id ?? null;
    expect(find('Delete', NOWHERE)).toBeNull();
    expect(find('Delete', ON_CANVAS)).toBe('delete');
    expect(find('F2', ON_CANVAS)).toBe('rename');
    expect(find('N', ON_CANVAS)).toBeNull();
    expect(find('Mod+K', ON_CANVAS)).toBe('search');
    // The arrows come before the page's own handlers (React Flow would move the cards itself).
    expect(find('ArrowLeft', ON_CANVAS)).toBeNull();
    expect(find('ArrowLeft', ON_CANVAS, 'capture')).toBe('move-selection');
    expect(find('Shift+ArrowLeft', ON_CANVAS, 'capture')).toBe('move-selection');
    expect(find('Mod+ArrowLeft', ON_CANVAS, 'capture')).toBeNull();
    expect(find('Mod+K', ON_CANVAS, 'capture')).toBeNull();
    expect(activeScopes(state, true)).toEqual(['app', 'editor', 'canvas']);
  });

  it('leave text fields alone, but undo and redo in a live field and Escape in a dialog', () => {
    const editor = withWidgets();
    const state = commandState(editor.context);
    const find = (binding: string, field: KeyTarget['field']) =>
      commandForKey(COMMANDS, press(binding), state, { field, inCanvas: true }, 'other', 'bubble');
    expect(find('Mod+Z', 'field')).toBeNull();
    expect(find('Delete', 'field')).toBeNull();
    expect(find('Mod+Z', 'live-field')?.command.id).toBe('undo');
    expect(find('Mod+Shift+Z', 'live-field')).toEqual({ command: getCommand('redo'), run: false });
    expect(find('Mod+Y', 'live-field')?.command.id).toBe('redo');
    expect(find('Delete', 'live-field')).toBeNull();
    expect(find('Escape', 'live-field')).toBeNull();
    editor.store.getState().openDialog('search');
    const inDialog = commandState(editor.context);
    const escape = commandForKey(
      COMMANDS,
      press('Escape'),
      inDialog,
      { field: 'field', inCanvas: false },
      'other',
      'bubble',
    );
    expect(escape?.command.id).toBe('close-dialog');
    expect(commandForKey(COMMANDS, press('Mod+Z'), inDialog, NOWHERE, 'other', 'bubble')).toBeNull();
  });

  it('take Ctrl+Z and friends even with nothing to do, but not keys whose command cannot run', () => {
    const editor = withFlow();
    const state = commandState(editor.context);
    const find = (binding: string, target = NOWHERE) =>
      commandForKey(COMMANDS, press(binding), state, target, 'other', 'bubble');
    expect(find('Mod+Z')).toEqual({ command: getCommand('undo'), run: false });
    expect(find('Delete', ON_CANVAS)).toEqual({ command: getCommand('delete'), run: false });
    // Nothing selected: F2 and Mod+D stay the browser's.
    expect(find('F2', ON_CANVAS)).toBeNull();
    expect(find('Mod+D', ON_CANVAS)).toBeNull();
    expect(find('Escape')).toBeNull();
    // A held key opens no dialog again.
    expect(
      commandForKey(COMMANDS, press('?', 'other', { repeat: true }), state, NOWHERE, 'other', 'bubble'),
    ).toBeNull();
    expect(commandForKey(COMMANDS, press('Mod+Shift+P'), state, NOWHERE, 'other', 'bubble')?.command.id).toBe(
      'palette',
    );
  });

  it('know undo and redo as Ctrl (⌘ on macOS) + Z, + Shift + Z and + Y, and nothing close to them', () => {
    const isUndo = (platform: Platform, event: ReturnType<typeof press>) =>
      getCommand('undo').keys?.some((k) => matchesBinding(event, k, platform)) === true;
    const isRedo = (platform: Platform, event: ReturnType<typeof press>) =>
      getCommand('redo').keys?.some((k) => matchesBinding(event, k, platform)) === true;
    expect(isUndo('other', press('Mod+Z'))).toBe(true);
    expect(isUndo('mac', press('Mod+Z', 'mac'))).toBe(true);
    expect(isUndo('mac', press('Mod+Z', 'other'))).toBe(false);
    expect(isRedo('other', press('Mod+Shift+Z'))).toBe(true);
    expect(isRedo('other', press('Mod+Y'))).toBe(true);
    expect(isRedo('other', press('Mod+Shift+Y'))).toBe(false);
    expect(isUndo('other', press('Mod+Shift+Z'))).toBe(false);
    expect(isUndo('other', press('Z'))).toBe(false);
    expect(isUndo('other', press('Mod+Alt+Z'))).toBe(false);
    expect(isUndo('other', press('Mod+C'))).toBe(false);
  });
});

describe('each command is enabled exactly when it should be', () => {
  const ALWAYS = ['compare', 'help', 'palette', 'studio-account'];
  const FILE = ['new-flow', 'open-file', 'paste-json'];
  const STUDIO = ['studio-publish', 'studio-revisions', 'studio-save-draft', 'studio-test-users', 'studio-validate'];
  const FLOW = ['export', 'layout', 'search', ...STUDIO];
  const CANVAS = ['fit', 'paste', 'select-all', 'zoom-in', 'zoom-out'];
  const SELECTION = ['clear-selection', 'copy', 'cut', 'delete', 'duplicate', 'move-selection', 'rename'];
  const sorted = (...lists: string[][]) => lists.flat().sort();

  it('with no flow open', () => {
    expect(enabledIds(testEditor({ canvas: false }))).toEqual(sorted(ALWAYS, FILE));
  });

  it('with a flow open, nothing selected and nothing to undo', () => {
    expect(enabledIds(withFlow())).toEqual(sorted(ALWAYS, FILE, FLOW, CANVAS));
  });

  it('with a flow open while the canvas is still loading', () => {
    expect(enabledIds(withFlow({ canvas: false }))).toEqual(sorted(ALWAYS, FILE, FLOW));
  });

  it('with a widget selected and something to undo', () => {
    const editor = withWidgets();
    expect(selectedWidget(editor.store.getState())).toBe('send_message_2');
    expect(enabledIds(editor)).toEqual(sorted(ALWAYS, FILE, FLOW, CANVAS, SELECTION, ['undo']));
  });

  it('with something to redo and nothing selected', () => {
    const editor = withWidgets();
    editor.store.getState().undo();
    editor.store.getState().undo();
    expect(canUndo(editor.store.getState())).toBe(false);
    expect(canRedo(editor.store.getState())).toBe(true);
    expect(enabledIds(editor)).toEqual(sorted(ALWAYS, FILE, FLOW, CANVAS, ['redo']));
  });

  it('with only a connection selected: it can be deleted, not copied', () => {
    const editor = withWidgets();
    editor.store.getState().setSelection([]);
    editor.canvas.connections = [{ from: 'Trigger', port: 'incomingMessage', to: 'send_message_1' }];
    expect(enabledIds(editor)).toEqual(sorted(ALWAYS, FILE, FLOW, CANVAS, ['delete', 'undo']));
  });

  it('with a dialog open: it can be closed', () => {
    const editor = withFlow();
    editor.store.getState().openDialog('export');
    expect(enabledIds(editor)).toEqual(sorted(ALWAYS, FILE, FLOW, CANVAS, ['close-dialog']));
  });

  it('while a flow without positions is shown with its opening layout: it can be kept', async () => {
    const editor = testEditor();
    const definition: FlowDefinition = {
      description: 'no positions',
      initial_state: 'Trigger',
      states: [
        {
          name: 'Trigger',
          type: 'trigger',
          transitions: [{ event: 'incomingMessage', next: 'hi' }],
          properties: {},
        },
        { name: 'hi', type: 'send-message', transitions: [], properties: { body: 'Hi' } },
      ],
    };
    editor.store.getState().replaceDefinition(definition, { history: 'open' });
    await editor.store.getState().layoutIfNeeded();
    expect(enabledIds(editor)).toEqual(sorted(ALWAYS, FILE, FLOW, CANVAS, ['keep-layout']));
    await run(editor, 'keep-layout');
    expect(canUndo(editor.store.getState())).toBe(true);
    expect(enabledIds(editor)).not.toContain('keep-layout');
  });

  it('while comparing: the comparison’s commands, not the document’s', () => {
    const editor = withWidgets();
    startComparing(editor);
    const COMPARE = ['exit-compare', 'next-change', 'previous-change', 'swap-versions'];
    expect(enabledIds(editor)).toEqual(sorted(ALWAYS, COMPARE));
    editor.compare.getState().step(1);
    expect(enabledIds(editor)).toEqual(sorted(ALWAYS, COMPARE, ['clear-change']));
    const search = getCommand('search');
    expect(search.disabledReason?.(commandState(editor.context))).toBe('Leave compare mode to find widgets');
  });
});

describe('running a command', () => {
  it('does nothing when it is disabled', async () => {
    const editor = withFlow();
    expect(await run(editor, 'undo')).toBe(false);
    expect(await run(editor, 'rename')).toBe(false);
    expect(editor.log).toEqual([]);
    expect(editor.store.getState().status).toBeNull();
  });

  it('deletes the selection and the selected connections, and says what it deleted or why not', async () => {
    const editor = withWidgets();
    editor.store.getState().connectPort('Trigger', 'incomingMessage', 'send_message_1');
    editor.canvas.connections = [{ from: 'Trigger', port: 'incomingMessage', to: 'send_message_1' }];
    expect(await run(editor, 'delete')).toBe(true);
    expect(names(editor)).toEqual(['Trigger', 'send_message_1']);
    // The connection's ends both stay: the link is cleared.
    const trigger = editor.store.getState().definition?.states[0];
    expect(trigger?.transitions.find((t) => t.event === 'incomingMessage')?.next).toBeUndefined();
    expect(editor.store.getState().status?.text).toBe('Deleted send_message_2.');

    editor.canvas.connections = [];
    editor.store.getState().setSelection(['Trigger']);
    await run(editor, 'delete');
    expect(editor.store.getState().status?.text).toBe('The Trigger cannot be deleted.');
    expect(names(editor)).toEqual(['Trigger', 'send_message_1']);
  });

  it('duplicates, copies and cuts through the clipboard, and pastes back', async () => {
    const editor = withWidgets();
    await run(editor, 'duplicate');
    expect(editor.store.getState().status?.text).toBe('Duplicated a widget.');
    expect(names(editor)).toEqual(['Trigger', 'send_message_1', 'send_message_2', 'Copy_of_send_message_2']);

    editor.store.getState().setSelection(['Trigger', 'send_message_1']);
    await run(editor, 'copy');
    expect(editor.store.getState().status?.text).toBe('Copied 1 widget.');
    expect(JSON.parse(editor.clipboard.text)).toMatchObject({ states: [{ name: 'send_message_1' }] });

    editor.canvas.pointer = { x: 800, y: 800 };
    await run(editor, 'paste');
    expect(editor.store.getState().status?.text).toBe('Pasted 1 widget.');
    expect(names(editor)).toHaveLength(5);
    expect(offsetOf(editor, 'Copy_of_send_message_1')).toEqual({ x: 800, y: 800 });

    editor.store.getState().setSelection(['send_message_2']);
    await run(editor, 'cut');
    expect(editor.store.getState().status?.text).toBe('Cut 1 widget.');
    expect(names(editor)).not.toContain('send_message_2');
    expect(JSON.parse(editor.clipboard.text)).toMatchObject({ states: [{ name: 'send_message_2' }] });
  });

  it('keeps the widgets of a cut whose text could not reach the clipboard, and says so', async () => {
    const editor = withWidgets();
    editor.clipboard.refuse = true;
    expect(await run(editor, 'cut')).toBe(true);
    expect(names(editor)).toContain('send_message_2');
    expect(editor.store.getState().status?.text).toBe('Cut failed: Write permission denied.');
    await run(editor, 'paste');
    expect(editor.store.getState().status?.text).toMatch(
      /^The browser did not let the editor read the clipboard/,
    );
  });

  it('writes into the clipboard of a clipboard event while it lasts', () => {
    const editor = withWidgets();
    const written: string[] = [];
    void run(editor, 'copy', {
      clipboard: { readText: () => '', writeText: (text) => void written.push(text) },
    });
    // Synchronously: the canvas's copy event is still being dispatched.
    expect(written).toHaveLength(1);
  });

  it('moves the selection by the grid step with the arrows, ten times as far with Shift', async () => {
    const editor = withWidgets();
    await run(editor, 'move-selection', { key: press('ArrowRight') });
    expect(offsetOf(editor, 'send_message_2')).toEqual({ x: 410, y: 300 });
    await run(editor, 'move-selection', { key: press('Shift+ArrowUp') });
    expect(offsetOf(editor, 'send_message_2')).toEqual({ x: 410, y: 200 });
    expect(offsetOf(editor, 'send_message_1')).toEqual({ x: 0, y: 300 });
  });

  it('selects every widget, renames through the canvas, fits and zooms it', async () => {
    const editor = withWidgets();
    await run(editor, 'select-all');
    expect(editor.store.getState().selection).toEqual(['Trigger', 'send_message_1', 'send_message_2']);
    await run(editor, 'rename');
    await run(editor, 'fit');
    await run(editor, 'zoom-in');
    await run(editor, 'zoom-out');
    expect(editor.log).toEqual(['rename send_message_2', 'fit', 'zoom in', 'zoom out']);
  });

  it('lays out the whole flow, fits it in view and says so; a selection of several, alone', async () => {
    const editor = withWidgets();
    editor.store.getState().setSelection([]);
    const before = editor.store.getState().definition;
    await run(editor, 'layout');
    expect(editor.store.getState().definition).not.toBe(before);
    expect(editor.store.getState().past.at(-1)?.label).toBe('Auto-layout');
    expect(editor.log).toEqual(['fit']);
    expect(editor.store.getState().status?.text).toBe('Laid out the flow.');

    editor.store.getState().setSelection(['send_message_1', 'send_message_2']);
    expect(getCommand('layout').labelFor?.(commandState(editor.context))).toBe('Auto-layout selection');
    await run(editor, 'layout');
    expect(editor.store.getState().past.at(-1)?.label).toBe('Auto-layout selection');
    expect(editor.store.getState().status?.text).toBe('Laid out 2 widgets.');
  });

  it('undoes and redoes', async () => {
    const editor = withWidgets();
    await run(editor, 'undo');
    expect(names(editor)).toEqual(['Trigger', 'send_message_1']);
    await run(editor, 'redo');
    expect(names(editor)).toEqual(['Trigger', 'send_message_1', 'send_message_2']);
  });

  it('opens the dialogs, the file chooser and a new flow', async () => {
    const editor = testEditor({ canvas: false });
    const dialogs: (string | null)[] = [];
    for (const id of ['paste-json', 'compare', 'help', 'palette'] as const) {
      await run(editor, id);
      dialogs.push(editor.store.getState().dialog);
      editor.store.getState().closeDialog();
    }
    expect(dialogs).toEqual(['import', 'compare', 'shortcuts', 'commands']);
    await run(editor, 'open-file');
    expect(editor.log).toEqual(['choose file']);
    expect(await run(editor, 'export')).toBe(false);
    await run(editor, 'new-flow');
    expect(names(editor)).toEqual(['Trigger']);
    await run(editor, 'export');
    expect(editor.store.getState().dialog).toBe('export');
    await run(editor, 'close-dialog');
    await run(editor, 'search');
    expect(editor.store.getState().dialog).toBe('search');
  });

  it('steps through a comparison, swaps it and leaves it, giving the widgets list the keyboard', async () => {
    const editor = withWidgets();
    startComparing(editor);
    await run(editor, 'next-change');
    expect(editor.compare.getState().selectedId).toBe('send_message_2');
    await run(editor, 'clear-change');
    expect(editor.compare.getState().selectedId).toBeNull();
    await run(editor, 'swap-versions');
    expect(editor.compare.getState().session?.base.label).toBe('Pasted JSON');
    await run(editor, 'exit-compare');
    expect(editor.compare.getState().session).toBeNull();
    expect(editor.log).toEqual(['focus widgets']);
  });

  it('announces a failure instead of throwing it', async () => {
    const editor = withFlow();
    const failing: Command = {
      ...getCommand('fit'),
      run: () => {
        throw new Error('no viewport');
      },
    };
    expect(await runCommand(failing, editor.context)).toBe(true);
    expect(editor.store.getState().status?.text).toBe('Fit the flow in view failed: no viewport');
  });

  it('runs a key press on the canvas target', () => {
    const editor = withWidgets();
    expect(editor.canvas.contains(IN_CANVAS)).toBe(true);
    const found = commandForKey(
      COMMANDS,
      press('Mod+D'),
      commandState(editor.context),
      ON_CANVAS,
      'other',
      'bubble',
    );
    expect(found?.command.id).toBe('duplicate');
  });
});
