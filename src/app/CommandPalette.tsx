/**
 * The command palette (Ctrl/⌘+Shift+P): every command of the registry by name, with its keys, filtered as you
 * type; ↑ ↓ move, Enter runs, Escape closes and gives focus back. Commands that cannot run now are listed too,
 * marked unavailable (with why, when there is something to say), after those that can: the list is the same
 * whatever the state, only their order and availability change.
 *
 * The same combobox over a listbox in a modal dialog as "Find widget…" (ComboboxList: focus stays in the input, the
 * active option is `aria-activedescendant`).
 */
import { Fragment, useCallback, useRef, useState, type RefObject } from 'react';
import { COMMANDS, commandState, displayKeys, paletteEntries, runCommand, type Command } from '../commands';
import { ComboboxList } from '../panels/ComboboxList';
import { Modal } from '../ui/Modal';
import { useCommandHost } from './CommandsContext';
import { useCompareStore } from './CompareStoreContext';
import { useEditor } from '../store/react';
import { WIDGETS_GRID_ID } from './ids';

function summary(query: string, count: number): string {
  if (count === 0) return 'No command matches.';
  if (!query.trim()) return count === 1 ? '1 command.' : `${count} commands.`;
  return count === 1 ? '1 command matches.' : `${count} commands match.`;
}

function PaletteBody({
  inputRef,
  onChoose,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  onChoose: (command: Command) => void;
}) {
  const { context } = useCommandHost();
  // Listed from the state as it is now, and again as it changes while the palette is open.
  useEditor((s) => s);
  useCompareStore((s) => s);
  const [query, setQuery] = useState('');
  const entries = paletteEntries(COMMANDS, commandState(context), query);
  const { platform } = context.ui;
  return (
    <div className="modal-body search-body">
      <ComboboxList
        label="Command"
        listLabel="Commands"
        placeholder="Type to filter the commands"
        inputRef={inputRef}
        query={query}
        onQueryChange={setQuery}
        items={entries}
        itemKey={(entry) => entry.command.id}
        isDisabled={(entry) => !entry.enabled}
        renderItem={(entry) => (
          <>
            <span className="palette-option-label">
              {entry.label}
              {entry.reason !== undefined && <span className="palette-option-reason"> · {entry.reason}</span>}
            </span>{' '}
            {entry.command.keys && (
              <span className="palette-option-keys">
                {entry.command.keyLabel ??
                  entry.command.keys.map((keys, i) => (
                    <Fragment key={keys}>
                      {i > 0 && ' '}
                      <kbd>{displayKeys(keys, platform)}</kbd>
                    </Fragment>
                  ))}
              </span>
            )}
          </>
        )}
        onChoose={(entry) => onChoose(entry.command)}
        hint={`${summary(query, entries.length)} ↑ ↓ to move, Enter to run.`}
      />
    </div>
  );
}

/** The palette, open while the store's dialog is `commands`. */
export function CommandPaletteContainer() {
  const open = useEditor((s) => s.dialog === 'commands');
  const closeDialog = useEditor((s) => s.closeDialog);
  const { context } = useCommandHost();
  const inputRef = useRef<HTMLInputElement>(null);
  const choose = useCallback(
    (command: Command) => {
      closeDialog();
      // Once the palette has closed and given focus back: a command that opens a dialog returns focus there.
      setTimeout(() => void runCommand(command, context), 0);
    },
    [closeDialog, context],
  );
  return (
    <Modal
      open={open}
      title="Command palette"
      onClose={closeDialog}
      initialFocus={() => inputRef.current}
      fallbackFocusId={WIDGETS_GRID_ID}
      className="search-dialog"
    >
      {/* Mounted only while open: every search starts empty. */}
      {open && <PaletteBody inputRef={inputRef} onChoose={choose} />}
    </Modal>
  );
}
