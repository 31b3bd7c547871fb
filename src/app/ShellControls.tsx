/**
 * The shell's own controls, mounted by AppHeader and App: undo/redo, "Find widget…", "Keyboard shortcuts", the
 * local-save status, and the store-connected search and shortcuts dialogs.
 */
import { useCallback, useEffect, useState } from 'react';
import { SearchDialog } from '../panels/SearchDialog';
import { SeverityIcon } from '../ui/SeverityIcon';
import { ShortcutsDialog } from '../panels/ShortcutsDialog';
import { useCompareStore } from './CompareStoreContext';
import { useEditorStore } from './EditorStoreContext';
import { SHORTCUTS, displayKeys, type ShortcutId } from './shortcuts';
import type { PersistenceNotice } from './usePersistence';
import { WIDGETS_GRID_ID } from './ids';

const NO_WIDGETS: readonly never[] = [];

function keysOf(id: ShortcutId): readonly string[] {
  return SHORTCUTS.find((s) => s.id === id)?.keys ?? [];
}

/** `Mod+Shift+Z` as `aria-keyshortcuts` wants it: `Control+Shift+Z` (or `Meta+…` on macOS). */
function ariaKeys(id: ShortcutId): string {
  const mod = displayKeys('Mod+Z').startsWith('Ctrl') ? 'Control' : 'Meta';
  return keysOf(id)
    .map((keys) => keys.replace(/Mod/g, mod))
    .join(' ');
}

/** "Undo (Ctrl+Z)": the action and its first binding, for tooltips. */
function withKeys(label: string, id: ShortcutId): string {
  const first = keysOf(id)[0];
  return first ? `${label} (${displayKeys(first)})` : label;
}

function Icon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path
        d={d}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

const UNDO_ICON = 'M5.5 3.5 2.5 6.5l3 3M2.8 6.5h6.7a3.5 3.5 0 0 1 0 7H7';
const REDO_ICON = 'M10.5 3.5l3 3-3 3M13.2 6.5H6.5a3.5 3.5 0 0 0 0 7H9';
const KEYBOARD_ICON =
  'M2 4.5h12a.5.5 0 0 1 .5.5v6a.5.5 0 0 1-.5.5H2a.5.5 0 0 1-.5-.5V5a.5.5 0 0 1 .5-.5zM4 7h.01M6.5 7h.01M9 7h.01M11.5 7h.01M5 9.3h6';

/** Undo and Redo, disabled when there is nothing to undo or redo. */
export function UndoRedoButtons() {
  const canUndo = useEditorStore((s) => s.canUndo);
  const canRedo = useEditorStore((s) => s.canRedo);
  const undo = useEditorStore((s) => s.undo);
  const redo = useEditorStore((s) => s.redo);
  return (
    <div className="header-actions header-edit" role="group" aria-label="Edit">
      <button
        type="button"
        className="icon-button"
        aria-label="Undo"
        aria-keyshortcuts={ariaKeys('undo')}
        title={withKeys('Undo', 'undo')}
        disabled={!canUndo}
        onClick={undo}
      >
        <Icon d={UNDO_ICON} />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Redo"
        aria-keyshortcuts={ariaKeys('redo')}
        title={withKeys('Redo', 'redo')}
        disabled={!canRedo}
        onClick={redo}
      >
        <Icon d={REDO_ICON} />
      </button>
    </div>
  );
}

/** "Find widget…" with its shortcut, and the shortcuts overlay's button. */
export function NavigationButtons() {
  const hasFlow = useEditorStore((s) => s.definition !== null);
  // The search jumps to a widget of the open flow, which is out of view while comparing.
  const comparing = useCompareStore((s) => s.session !== null);
  const openDialog = useEditorStore((s) => s.openDialog);
  const searchKeys = keysOf('search')[0];
  return (
    <div className="header-nav">
      <button
        type="button"
        className="button search-button"
        aria-label="Find widget…"
        aria-keyshortcuts={ariaKeys('search')}
        title={
          comparing
            ? 'Leave compare mode to find widgets'
            : hasFlow
              ? undefined
              : 'Open a flow to find its widgets'
        }
        disabled={!hasFlow || comparing}
        onClick={() => openDialog('search')}
      >
        Find widget…{searchKeys && <kbd aria-hidden="true">{displayKeys(searchKeys)}</kbd>}
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Keyboard shortcuts"
        aria-keyshortcuts={ariaKeys('help')}
        title={withKeys('Keyboard shortcuts', 'help')}
        onClick={() => openDialog('shortcuts')}
      >
        <Icon d={KEYBOARD_ICON} />
      </button>
    </div>
  );
}

/** How long a purely informative notice ("Restored your last session…") stays before it steps aside. */
const INFO_NOTICE_MS = 10_000;

/**
 * What local saving has to say (a restored session, a failed save, a saved record that cannot be read, with what
 * to do about it: "Download it"), as a small notice just under the header,
 * over the top of the canvas, so it takes no room from the header. The live region is always there, so a message
 * appearing in it is announced; not `role="status"`, which is the document status beside it. Information steps
 * aside after a while; warnings and errors stay until dismissed or resolved.
 */
export function PersistenceStatus({ notice }: { notice: PersistenceNotice | null }) {
  const [dismissed, setDismissed] = useState<PersistenceNotice | null>(null);
  const shown = notice !== null && notice !== dismissed ? notice : null;

  useEffect(() => {
    if (notice?.tone !== 'info') return;
    const timer = setTimeout(() => setDismissed(notice), INFO_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  return (
    <div className={shown ? `save-notice is-shown save-notice-${shown.tone}` : 'save-notice'}>
      <p aria-live="polite">
        {shown && (
          <>
            {shown.tone !== 'info' && <SeverityIcon severity={shown.tone} />}
            <strong>{shown.text}</strong>
            {shown.detail && <span className="save-notice-detail">{shown.detail}</span>}
          </>
        )}
      </p>
      {shown?.action && (
        <button type="button" className="button button-small" onClick={shown.action.run}>
          {shown.action.label}
        </button>
      )}
      {shown && (
        <button
          type="button"
          className="icon-button"
          aria-label="Dismiss message"
          onClick={() => setDismissed(shown)}
        >
          <Icon d="M4 4l8 8m0-8-8 8" />
        </button>
      )}
    </div>
  );
}

export function SearchDialogContainer() {
  const open = useEditorStore((s) => s.dialog === 'search');
  const widgets = useEditorStore((s) => s.definition?.states ?? NO_WIDGETS);
  const focusWidget = useEditorStore((s) => s.focusWidget);
  const closeDialog = useEditorStore((s) => s.closeDialog);
  const choose = useCallback(
    (name: string) => {
      closeDialog();
      // Focus goes back where it was, except from one card of the canvas to another: then to the chosen card.
      focusWidget(name, { moveFocus: true });
    },
    [closeDialog, focusWidget],
  );
  return (
    <SearchDialog
      open={open}
      widgets={widgets}
      onChoose={choose}
      onClose={closeDialog}
      fallbackFocusId={WIDGETS_GRID_ID}
    />
  );
}

export function ShortcutsDialogContainer() {
  const open = useEditorStore((s) => s.dialog === 'shortcuts');
  const closeDialog = useEditorStore((s) => s.closeDialog);
  return (
    <ShortcutsDialog
      open={open}
      shortcuts={SHORTCUTS}
      formatKeys={displayKeys}
      onClose={closeDialog}
      fallbackFocusId={WIDGETS_GRID_ID}
    />
  );
}
