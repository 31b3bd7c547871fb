/**
 * The inspector's text inputs: a single-line input or a text area that
 * - keeps what the user types as a draft while the document holds the coerced value (`useDraft`), so the caret
 *   never jumps and "007" stays "007" on screen while 7 is stored; the draft follows the document when the value
 *   changes from elsewhere (undo, a rename, another field);
 * - offers Liquid completions inside `{{ … }}` (`liquidCompletions`): an accessible listbox under the field,
 *   ArrowUp/ArrowDown to move, Enter or Tab to accept, Escape to close, Ctrl+Space to ask; a click accepts too;
 * - says whether it edits the document live (`data-undo="editor"`: every change is already in the document, one
 *   step per field): then the app's key handler gives Ctrl+Z and Ctrl+Shift+Z to the editor's undo and redo
 *   commands, as anywhere else, rather than to the field's own undo.
 */
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type KeyboardEvent,
} from 'react';
import type { FlowDefinition } from '../model/types';
import { applyCompletion, widgetNamesKey } from './formEditing';
import { useEditor, useEditorApi } from '../store/react';
import { liquidCompletions, missingWidgetReferences, type Completion } from './liquidCompletions';

/**
 * Local text for a stored value. `basis` is the stored value the text stands for: when the document's value is no
 * longer it (changed elsewhere: undo, a rename, another widget), the text is rebuilt from the document.
 * `set(text, stored)` records a keystroke and the value it was stored as.
 *
 * `origin` is the value the document held when the text was last taken from it, before this round of typing: the
 * type to keep is read from it, not from what a half-typed value made of it (5 → "soon" → "10" stores 10, a
 * number, as the field held before; "3600" → "7200" stays a string).
 */
export function useDraft(
  value: unknown,
  toText: (value: unknown) => string,
): [text: string, set: (text: string, stored: unknown) => void, origin: unknown] {
  const [state, setState] = useState(() => ({ text: toText(value), basis: value, origin: value }));
  const set = useCallback(
    (text: string, stored: unknown) => setState((s) => ({ text, basis: stored, origin: s.origin })),
    [],
  );
  if (!Object.is(state.basis, value)) {
    const next = { text: toText(value), basis: value, origin: value };
    setState(next);
    return [next.text, set, next.origin];
  }
  return [state.text, set, state.origin];
}

/** Names of widgets that `text` refers to but the flow does not have (unique, in text order). */
export function useMissingReferences(text: string, enabled: boolean): string[] {
  const store = useEditorApi();
  // Subscribing to the names (not the definition) re-renders only when widgets come, go or are renamed.
  const namesKey = useEditor((s) => widgetNamesKey(s.definition));
  return useMemo(() => {
    if (!enabled || !text.includes('widgets')) return [];
    return missingNames(store.getState().definition, text, namesKey);
  }, [store, text, enabled, namesKey]);
}

function missingNames(def: FlowDefinition | null, text: string, _namesKey: string): string[] {
  if (!def) return [];
  return [...new Set(missingWidgetReferences(def, text).map((r) => r.name))];
}

interface Popup {
  from: number;
  items: Completion[];
  active: number;
  /** Opens upwards: not enough room under the field in the scrolling panel. */
  above: boolean;
}

/** Height of the list at most (CSS `.completions` max-height + margins). */
const LIST_HEIGHT = 240;

/** Whether a list under `el` would overflow the panel it scrolls in while there is more room above. */
function opensAbove(el: HTMLElement | null): boolean {
  if (!el) return false;
  const frame = el.closest('.inspector-body') ?? document.documentElement;
  const box = frame.getBoundingClientRect();
  const rect = el.getBoundingClientRect();
  const below = box.bottom - rect.bottom;
  return below < LIST_HEIGHT && rect.top - box.top > below;
}

/** At most this many completions are listed (a flow can have hundreds of widgets: typing narrows them). */
const MAX_ITEMS = 100;

export interface TextInputProps {
  id: string;
  /** The draft text shown. */
  value: string;
  /** The user changed the text (typing, a completion accepted). */
  onChange: (text: string) => void;
  multiline?: boolean;
  /** Offer Liquid completions. */
  liquid?: boolean;
  placeholder?: string | undefined;
  required?: boolean;
  invalid?: boolean;
  describedBy?: string | undefined;
  /** The id of a `<datalist>` of suggested values. */
  list?: string | undefined;
  /**
   * Each change is already in the document: Ctrl+Z / Ctrl+Shift+Z undo and redo the editor, not the field. Off for
   * a field applied only when asked (its own undo takes back what was typed since).
   */
  liveUndo?: boolean;
  inputMode?: 'text' | 'numeric' | 'decimal';
  monospace?: boolean;
  /** Text area height in lines (it grows with its content up to 16). */
  minRows?: number;
  disabled?: boolean;
  onBlur?: () => void;
  onKeyDown?: (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
  'aria-label'?: string;
}

export function TextInput({
  id,
  value,
  onChange,
  multiline = false,
  liquid = false,
  placeholder,
  required = false,
  invalid = false,
  describedBy,
  list,
  liveUndo = true,
  inputMode,
  monospace = false,
  minRows = 3,
  disabled = false,
  onBlur,
  onKeyDown,
  'aria-label': ariaLabel,
}: TextInputProps) {
  const store = useEditorApi();
  const inputRef = useRef<HTMLInputElement>(null);
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const listboxId = useId();
  const [popup, setPopup] = useState<Popup | null>(null);
  const pendingCaret = useRef<number | null>(null);

  const element = (): HTMLInputElement | HTMLTextAreaElement | null =>
    multiline ? areaRef.current : inputRef.current;

  // After a completion is accepted, put the caret after the inserted text (once React has written the value).
  useLayoutEffect(() => {
    const caret = pendingCaret.current;
    const el = multiline ? areaRef.current : inputRef.current;
    if (caret === null || !el) return;
    pendingCaret.current = null;
    el.setSelectionRange(caret, caret);
  });

  const optionId = (i: number) => `${listboxId}-${i}`;
  const activeId = popup ? optionId(popup.active) : undefined;

  useEffect(() => {
    if (activeId === undefined) return;
    document.getElementById(activeId)?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  const refresh = (text: string, caret: number) => {
    if (!liquid) return;
    const def = store.getState().definition;
    const result = def ? liquidCompletions(def, text.slice(0, caret)) : null;
    if (!result || result.items.length === 0) {
      setPopup(null);
      return;
    }
    // Where the list opens is decided when it opens, not on every keystroke.
    const above = popup ? popup.above : opensAbove(element());
    setPopup({ from: result.from, items: result.items.slice(0, MAX_ITEMS), active: 0, above });
  };

  const accept = (item: Completion) => {
    const el = element();
    if (!el || !popup) return;
    const caret = el.selectionStart ?? el.value.length;
    const next = applyCompletion(el.value, caret, popup.from, item.insertText);
    pendingCaret.current = next.cursor;
    onChange(next.text);
    // A namespace (`widgets.`) goes on to its own keys; a leaf closes the list.
    if (item.insertText.endsWith('.')) refresh(next.text, next.cursor);
    else setPopup(null);
  };

  const handleChange = (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const el = event.currentTarget;
    onChange(el.value);
    refresh(el.value, el.selectionStart ?? el.value.length);
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (popup) {
      const n = popup.items.length;
      switch (event.key) {
        case 'ArrowDown':
        case 'ArrowUp': {
          event.preventDefault();
          const step = event.key === 'ArrowDown' ? 1 : -1;
          setPopup({ ...popup, active: (popup.active + step + n) % n });
          return;
        }
        case 'PageDown':
        case 'PageUp': {
          event.preventDefault();
          const step = event.key === 'PageDown' ? 8 : -8;
          setPopup({ ...popup, active: Math.max(0, Math.min(n - 1, popup.active + step)) });
          return;
        }
        case 'Enter':
        case 'Tab': {
          const item = popup.items[popup.active];
          if (!item || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) break;
          event.preventDefault();
          accept(item);
          return;
        }
        case 'Escape':
          // Closing the list is all Escape does here (the editor must not also clear the selection).
          event.preventDefault();
          event.stopPropagation();
          setPopup(null);
          return;
        case 'ArrowLeft':
        case 'ArrowRight':
        case 'Home':
        case 'End':
          setPopup(null);
          break;
        default:
          break;
      }
    }
    if (liquid && event.ctrlKey && event.key === ' ') {
      event.preventDefault();
      const el = event.currentTarget;
      refresh(el.value, el.selectionStart ?? el.value.length);
      return;
    }
    onKeyDown?.(event);
  };

  const common = {
    id,
    value,
    placeholder,
    disabled,
    spellCheck: false,
    autoComplete: 'off',
    'aria-label': ariaLabel,
    'aria-required': required || undefined,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    'aria-autocomplete': liquid ? ('list' as const) : undefined,
    'aria-controls': popup ? listboxId : undefined,
    // Read by the app's key handler: undo here is the editor's, or the field's own.
    'data-undo': liveUndo ? 'editor' : 'field',
    'aria-activedescendant': activeId,
    onChange: handleChange,
    onKeyDown: handleKeyDown,
    onBlur: () => {
      setPopup(null);
      onBlur?.();
    },
  };

  const lines = multiline ? value.split('\n').length : 1;
  const className = ['text-input', monospace ? 'is-mono' : '', multiline ? 'is-multiline' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <div className="text-input-wrap">
      {multiline ? (
        <textarea
          ref={areaRef}
          className={className}
          rows={Math.min(16, Math.max(minRows, lines + 1))}
          {...common}
        />
      ) : (
        <input
          ref={inputRef}
          type="text"
          className={className}
          list={list}
          inputMode={inputMode}
          // A single-line field with a completion list is a combobox (ARIA 1.2): its state is announced.
          role={liquid && list === undefined ? 'combobox' : undefined}
          aria-expanded={liquid && list === undefined ? popup !== null : undefined}
          {...common}
        />
      )}
      {popup && (
        <ul
          id={listboxId}
          role="listbox"
          aria-label="Liquid completions"
          className={popup.above ? 'completions is-above' : 'completions'}
        >
          {popup.items.map((item, i) => (
            <li
              key={`${item.label}-${i}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === popup.active}
              className={`completion kind-${item.kind}`}
              // Keep the focus in the field: the click accepts.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => accept(item)}
            >
              <span className="completion-icon" aria-hidden="true">
                {item.kind === 'widget' ? 'W' : item.kind === 'namespace' ? '{}' : '·'}
              </span>
              <span className="completion-label">{item.label}</span>
              {item.detail !== undefined && <span className="completion-detail">{item.detail}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
