import { useEffect, useId, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';

export interface ComboboxListProps<T> {
  /** The input's label ("Jump to widget"). */
  label: string;
  /** The listbox's name ("Matching widgets"). */
  listLabel: string;
  placeholder: string;
  inputRef: RefObject<HTMLInputElement | null>;
  query: string;
  onQueryChange: (query: string) => void;
  /** What matches the query, best first: the first one is active after every change of the query. */
  items: readonly T[];
  itemKey: (item: T, index: number) => string;
  renderItem: (item: T) => ReactNode;
  /** Listed but not to be chosen (`aria-disabled`, class `is-unavailable`). */
  isDisabled?: (item: T) => boolean;
  onChoose: (item: T) => void;
  /** Said politely as the list changes: how many match, and how to choose. */
  hint: string;
}

/**
 * A text box that filters a list to choose from, as "Find widget…" and the command palette have it: a combobox
 * (ARIA 1.2) over a listbox. Focus stays in the input; ↑ ↓ move the active option (wrapping), PageUp/PageDown by
 * ten, Enter chooses it, a click chooses too; the active option is `aria-activedescendant` and stays in view.
 */
export function ComboboxList<T>({
  label,
  listLabel,
  placeholder,
  inputRef,
  query,
  onQueryChange,
  items,
  itemKey,
  renderItem,
  isDisabled = () => false,
  onChoose,
  hint,
}: ComboboxListProps<T>) {
  const inputId = useId();
  const listId = useId();
  const hintId = useId();
  const optionId = (index: number) => `${listId}-option-${index}`;
  const [active, setActive] = useState(0);
  const activeIndex = Math.min(active, items.length - 1);
  const activeItem = items[activeIndex];

  // The active option stays in view as the arrows move through a list taller than the dialog.
  useEffect(() => {
    document.getElementById(`${listId}-option-${activeIndex}`)?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex, listId]);

  const choose = (item: T) => {
    if (!isDisabled(item)) onChoose(item);
  };

  const move = (to: number) => {
    if (items.length === 0) return;
    setActive((to + items.length) % items.length);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        move(activeIndex + 1);
        break;
      case 'ArrowUp':
        move(activeIndex - 1);
        break;
      case 'PageDown':
        setActive(Math.min(items.length - 1, activeIndex + 10));
        break;
      case 'PageUp':
        setActive(Math.max(0, activeIndex - 10));
        break;
      case 'Enter':
        if (activeItem !== undefined) choose(activeItem);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <>
      <label htmlFor={inputId} className="field-label">
        {label}
      </label>
      <input
        id={inputId}
        ref={inputRef}
        className="search-input"
        type="text"
        role="combobox"
        aria-expanded={items.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeItem !== undefined ? optionId(activeIndex) : undefined}
        aria-describedby={hintId}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        placeholder={placeholder}
        value={query}
        onChange={(event) => {
          onQueryChange(event.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <p id={hintId} className="hint" aria-live="polite">
        {hint}
      </p>
      <ul id={listId} className="search-results" role="listbox" aria-label={listLabel}>
        {items.map((item, index) => {
          const disabled = isDisabled(item);
          return (
            <li
              key={itemKey(item, index)}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              aria-disabled={disabled || undefined}
              className={disabled ? 'search-option is-unavailable' : 'search-option'}
              // Keep focus in the input: the list is navigated from there.
              onMouseDown={(event) => event.preventDefault()}
              onMouseMove={() => {
                if (index !== activeIndex) setActive(index);
              }}
              onClick={() => choose(item)}
            >
              {renderItem(item)}
            </li>
          );
        })}
      </ul>
    </>
  );
}
