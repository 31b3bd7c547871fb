import { useId, type KeyboardEvent, type RefObject } from 'react';
import { formatSize } from '../io';

/**
 * Pasted or dropped text at least this long is not put into the text box: a browser's text area takes seconds to
 * lay out a few megabytes of one-line JSON and freezes the tab for longer with tens of megabytes. The text is held
 * in memory and summarised instead; a 2,000-widget flow (~1.5 MB) is over the limit, a hand-edited snippet is not.
 */
export const INLINE_TEXT_LIMIT = 256 * 1024;

const PREVIEW_LENGTH = 300;

export interface LargeTextAreaProps {
  /** Names the box (the text area's label, or the summary's group name when the text is held). */
  label: string;
  value: string;
  onChange: (text: string) => void;
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
  describedBy?: string;
  invalid?: boolean;
  className?: string;
  rows?: number;
  onKeyDown?: (event: KeyboardEvent<HTMLTextAreaElement>) => void;
}

/** Where the pasted text goes: replacing the selection (all of the box when everything or nothing is selected). */
function spliced(area: HTMLTextAreaElement, inserted: string): string {
  const { value, selectionStart, selectionEnd } = area;
  if (value === '' || (selectionStart === 0 && selectionEnd === value.length)) return inserted;
  return value.slice(0, selectionStart) + inserted + value.slice(selectionEnd);
}

/**
 * A JSON text box that stays responsive whatever is pasted into it: text up to INLINE_TEXT_LIMIT is edited in a
 * plain text area; a longer paste or drop is taken from the event before the browser inserts it, kept in `value`,
 * and shown as a summary (its size and first characters) with a Clear button. Controlled: `value` is the whole
 * text either way.
 */
export function LargeTextArea({
  label,
  value,
  onChange,
  textareaRef,
  describedBy,
  invalid = false,
  className = 'json-input',
  rows = 18,
  onKeyDown,
}: LargeTextAreaProps) {
  const id = useId();
  const summaryId = useId();
  if (value.length >= INLINE_TEXT_LIMIT) {
    const preview = value.slice(0, PREVIEW_LENGTH);
    return (
      <div
        role="group"
        aria-label={label}
        aria-describedby={[summaryId, describedBy].filter(Boolean).join(' ')}
        className="held-text"
        aria-invalid={invalid}
      >
        <p id={summaryId} className="held-text-summary">
          Pasted text: <strong>{formatSize(value.length)}</strong>, too large to show here; it is kept as it
          is and read when you continue.
        </p>
        <pre className="held-text-preview" aria-label="Beginning of the pasted text">
          {preview}
          {value.length > PREVIEW_LENGTH ? '…' : ''}
        </pre>
        <button type="button" className="button button-small" onClick={() => onChange('')}>
          Clear pasted text
        </button>
      </div>
    );
  }
  const takeLarge = (text: string, area: HTMLTextAreaElement): boolean => {
    if (text.length < INLINE_TEXT_LIMIT && value.length + text.length < INLINE_TEXT_LIMIT) return false;
    onChange(spliced(area, text));
    return true;
  };
  return (
    <>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <textarea
        id={id}
        ref={textareaRef}
        className={className}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        wrap="off"
        rows={rows}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        onPaste={(event) => {
          const text = event.clipboardData.getData('text/plain');
          if (takeLarge(text, event.currentTarget)) event.preventDefault();
        }}
        onDrop={(event) => {
          if (event.dataTransfer.types.includes('Files')) return;
          const text = event.dataTransfer.getData('text/plain');
          if (takeLarge(text, event.currentTarget)) event.preventDefault();
        }}
        onKeyDown={onKeyDown}
      />
    </>
  );
}
