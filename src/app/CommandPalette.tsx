/**
 * The command palette (Ctrl/⌘+Shift+P): every command of the registry by name, with its keys, filtered as you
 * type; ↑ ↓ move, Enter runs, Escape closes and gives focus back. Commands that cannot run now are listed too,
 * marked unavailable (with why, when there is something to say), after those that can: the list is the same
 * whatever the state, only their order and availability change.
 *
 * A combobox over a listbox in a modal dialog, as "Find widget…" is (ARIA 1.2: focus stays in the input, the active
 * option is `aria-activedescendant`).
 */
import {
  Fragment,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import { COMMANDS, commandState, displayKeys, paletteEntries, runCommand, type Command } from '../commands';
import { Modal } from '../panels/Modal';
import { useCommandHost } from './CommandsContext';
import { useCompareStore } from './CompareStoreContext';
import { useEditorStore } from './EditorStoreContext';
import { WIDGETS_GRID_ID } from './ids';

function summary(query: string, count: number): string {
  if (count === 0) return 'No command matches.';
  const commands = count === 1 ? '1 command' : `${count} commands`;
  return query.trim() ? `${commands} match.` : `${commands}.`;
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
  useEditorStore((s) => s);
  useCompareStore((s) => s);
  const inputId = useId();
  const listId = useId();
  const hintId = useId();
  const optionId = (index: number) => `${listId}-option-${index}`;
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const entries = paletteEntries(COMMANDS, commandState(context), query);
  const activeIndex = Math.min(active, entries.length - 1);
  const activeEntry = entries[activeIndex];
  const { platform } = context.ui;

  // The active option stays in view as the arrows move through a list taller than the dialog.
  useEffect(() => {
    document.getElementById(`${listId}-option-${activeIndex}`)?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex, listId]);

  const move = (to: number) => {
    if (entries.length === 0) return;
    setActive((to + entries.length) % entries.length);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        move(activeIndex + 1);
        break;
      case 'ArrowUp':
        move(activeIndex - 1);
        break;
      case 'Home':
      case 'End':
        // In the box, Home and End move the caret; with Ctrl they go to the ends of the list.
        if (!event.ctrlKey && !event.metaKey) return;
        setActive(event.key === 'Home' ? 0 : entries.length - 1);
        break;
      case 'Enter':
        if (activeEntry?.enabled === true) onChoose(activeEntry.command);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <div className="modal-body search-body">
      <label htmlFor={inputId} className="field-label">
        Command
      </label>
      <input
        id={inputId}
        ref={inputRef}
        className="search-input"
        type="text"
        role="combobox"
        aria-expanded={entries.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeEntry ? optionId(activeIndex) : undefined}
        aria-describedby={hintId}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        placeholder="Type to filter the commands"
        value={query}
        onChange={(event) => {
          setQuery(event.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <p id={hintId} className="hint" aria-live="polite">
        {summary(query, entries.length)} ↑ ↓ to move, Enter to run.
      </p>
      <ul id={listId} className="search-results" role="listbox" aria-label="Commands">
        {entries.map((entry, index) => (
          <li
            key={entry.command.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === activeIndex}
            aria-disabled={!entry.enabled || undefined}
            className={entry.enabled ? 'search-option' : 'search-option is-unavailable'}
            // Keep focus in the input: the list is navigated from there.
            onMouseDown={(event) => event.preventDefault()}
            onMouseMove={() => {
              if (index !== activeIndex) setActive(index);
            }}
            onClick={() => {
              if (entry.enabled) onChoose(entry.command);
            }}
          >
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
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The palette, open while the store's dialog is `commands`. */
export function CommandPaletteContainer() {
  const open = useEditorStore((s) => s.dialog === 'commands');
  const closeDialog = useEditorStore((s) => s.closeDialog);
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
