/**
 * Test support (Node only): a command context over a real editor store, with UI hooks that record what they are
 * asked to do instead of touching a page, and key presses written as the registry writes bindings.
 */
import { createCompareStore, type CompareStore } from '../store/compare';
import { canvasDefinition } from '../store/editing';
import { createEditorStore, type EditorStore } from '../store/editorStore';
import { readOffset } from '../layout';
import { findWidget } from '../model/graph';
import type { Offset } from '../model/types';
import type { Platform } from './keys';
import type { KeyPress } from './run';
import type { CanvasConnection, CanvasHooks, CommandContext, CommandUi } from './types';

/** Stands for a DOM node inside the canvas (the fake canvas `contains` it). */
export const IN_CANVAS = { inside: 'canvas' };

/** What the fake UI was asked to do, in order ("fit", "rename send_1", "choose file"…). */
export type UiLog = string[];

export interface FakeCanvas extends CanvasHooks {
  /** The connections the next `selectedConnections` returns. */
  connections: CanvasConnection[];
  /** Where the next paste lands. */
  pointer: Offset | undefined;
}

/** A canvas that draws every widget where its offset says (the opening layout while it is shown). */
export function fakeCanvas(store: EditorStore, log: UiLog): FakeCanvas {
  const canvas: FakeCanvas = {
    connections: [],
    pointer: undefined,
    contains: (target) => target === IN_CANVAS,
    fitView: () => {
      log.push('fit');
    },
    zoomIn: () => {
      log.push('zoom in');
    },
    zoomOut: () => {
      log.push('zoom out');
    },
    rename: (name) => {
      log.push(`rename ${name}`);
    },
    selectedConnections: () => canvas.connections,
    position: (name) => {
      const def = canvasDefinition(store.getState());
      const widget = def ? findWidget(def, name) : undefined;
      return widget && readOffset(widget);
    },
    pasteAt: () => canvas.pointer,
  };
  return canvas;
}

export interface TestEditor {
  store: EditorStore;
  compare: CompareStore;
  context: CommandContext;
  ui: CommandUi;
  canvas: FakeCanvas;
  log: UiLog;
  /** The fake clipboard's text. */
  clipboard: { text: string; refuse: boolean };
}

/**
 * A real editor store and compare store with fake UI hooks. `canvas`: whether the canvas is mounted (lends its
 * hooks); it can be attached later with `editor.ui.canvas = editor.canvas`.
 */
export function testEditor(options: { canvas?: boolean; platform?: Platform } = {}): TestEditor {
  const store = createEditorStore();
  const compare = createCompareStore();
  const log: UiLog = [];
  const clipboard = { text: '', refuse: false };
  const canvas = fakeCanvas(store, log);
  const ui: CommandUi = {
    platform: options.platform ?? 'other',
    chooseFile: () => {
      log.push('choose file');
    },
    clipboard: {
      readText: () => {
        if (clipboard.refuse) return Promise.reject(new Error('Read permission denied.'));
        return Promise.resolve(clipboard.text);
      },
      writeText: (text) => {
        if (clipboard.refuse) return Promise.reject(new Error('Write permission denied.'));
        clipboard.text = text;
        return Promise.resolve();
      },
    },
    focusWidgets: () => {
      log.push('focus widgets');
    },
    canvas: options.canvas === false ? null : canvas,
  };
  return { store, compare, context: { store, compare, ui }, ui, canvas, log, clipboard };
}

/**
 * A key press for a binding as the registry writes it (`Mod+Shift+Z`, `Shift+1`, `?`), typed on a US keyboard:
 * Shift+1 gives "!", ? and + take Shift.
 */
export function press(
  binding: string,
  platform: Platform = 'other',
  extra: Partial<KeyPress> = {},
): KeyPress {
  const key = binding === '+' || binding.endsWith('++') ? '+' : binding.slice(binding.lastIndexOf('+') + 1);
  const mods = binding.slice(0, binding.length - key.length).split('+');
  const shifted: Record<string, string> = { '1': '!', '/': '?' };
  const shift = mods.includes('Shift') || key === '?' || key === '+';
  const typed = key.length === 1 ? (shift ? (shifted[key] ?? key.toUpperCase()) : key.toLowerCase()) : key;
  return {
    key: typed,
    code: /^[0-9]$/.test(key) ? `Digit${key}` : key.length === 1 ? `Key${key.toUpperCase()}` : key,
    ctrlKey: mods.includes('Mod') && platform !== 'mac',
    metaKey: mods.includes('Mod') && platform === 'mac',
    shiftKey: shift,
    altKey: mods.includes('Alt'),
    ...extra,
  };
}
