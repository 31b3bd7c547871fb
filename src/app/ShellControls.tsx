/**
 * The shell's own controls, mounted by AppHeader and App: undo/redo, "Find widget…", "Keyboard shortcuts", the
 * local-save status, and the store-connected search and shortcuts dialogs. Buttons that perform a command show it
 * as the registry has it (label, keys, whether it can run: `useCommand`).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { displayKeys, shortcutRows } from '../commands';
import { SearchDialog } from '../panels/SearchDialog';
import { SeverityIcon } from '../ui/SeverityIcon';
import { ShortcutsDialog, type ShortcutEntry } from '../panels/ShortcutsDialog';
import { useCommand, useCommandHost, type CommandView } from './CommandsContext';
import { useEditor } from '../store/react';
import type { PersistenceNotice } from './usePersistence';
import { WIDGETS_GRID_ID } from './ids';

const NO_WIDGETS: readonly never[] = [];

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

/** A command as an icon button: named by its label, its keys in the tooltip. */
function CommandIconButton({ view, icon }: { view: CommandView; icon: string }) {
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={view.label}
      aria-keyshortcuts={view.ariaKeys}
      title={view.title}
      disabled={!view.enabled}
      onClick={view.run}
    >
      <Icon d={icon} />
    </button>
  );
}

/** Undo and Redo, disabled when there is nothing to undo or redo. */
export function UndoRedoButtons() {
  const undo = useCommand('undo');
  const redo = useCommand('redo');
  return (
    <div className="header-actions header-edit" role="group" aria-label="Edit">
      <CommandIconButton view={undo} icon={UNDO_ICON} />
      <CommandIconButton view={redo} icon={REDO_ICON} />
    </div>
  );
}

/** "Find widget…" with its shortcut, and the shortcuts overlay's button. */
export function NavigationButtons() {
  // The search jumps to a widget of the open flow, which is out of view while comparing: it says so.
  const search = useCommand('search');
  const help = useCommand('help');
  const { platform } = useCommandHost().context.ui;
  const searchKeys = search.command.keys?.[0];
  return (
    <div className="header-nav">
      <button
        type="button"
        className="button search-button"
        aria-label={search.label}
        aria-keyshortcuts={search.ariaKeys}
        title={search.reason}
        disabled={!search.enabled}
        onClick={search.run}
      >
        {search.label}
        {searchKeys && <kbd aria-hidden="true">{displayKeys(searchKeys, platform)}</kbd>}
      </button>
      <CommandIconButton view={help} icon={KEYBOARD_ICON} />
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
  const open = useEditor((s) => s.dialog === 'search');
  const widgets = useEditor((s) => s.definition?.states ?? NO_WIDGETS);
  const focusWidget = useEditor((s) => s.focusWidget);
  const closeDialog = useEditor((s) => s.closeDialog);
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

/** Every shortcut, from the registry: the overlay lists exactly what the keys do. */
const SHORTCUT_ENTRIES: readonly ShortcutEntry[] = shortcutRows().map(({ id, keys, description, group }) => ({
  id,
  keys,
  description,
  scope: group,
}));

export function ShortcutsDialogContainer() {
  const open = useEditor((s) => s.dialog === 'shortcuts');
  const closeDialog = useEditor((s) => s.closeDialog);
  const { platform } = useCommandHost().context.ui;
  const formatKeys = useMemo(() => (keys: string) => displayKeys(keys, platform), [platform]);
  return (
    <ShortcutsDialog
      open={open}
      shortcuts={SHORTCUT_ENTRIES}
      formatKeys={formatKeys}
      onClose={closeDialog}
      fallbackFocusId={WIDGETS_GRID_ID}
    />
  );
}
