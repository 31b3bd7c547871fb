/**
 * The widget's properties that its form does not describe, as one JSON object: shown, edited and applied back in
 * place, so nothing the form does not know is ever lost. Applying (the button, leaving the text area, or
 * Ctrl+Enter) replaces just those keys; text that is not JSON shows the parser's message with its line and column
 * and leaves the widget as it was.
 */
import { useId, useState } from 'react';
import type { Widget } from '../model/types';
import { advancedText, advancedValue, applyAdvancedProperties, parseAdvancedText } from './formEditing';
import { groupProblems, ProblemList, useWidgetEditing, type ProblemGroup } from './FieldParts';
import { unknownProperties, type FormModel } from './formModel';
import { TextInput, useDraft } from './TextInput';

export interface AdvancedSectionProps {
  widget: Widget;
  model: FormModel;
  /** Problems of the unknown properties, by key. */
  problems: ProblemGroup;
  /** Open at first (a widget type without a form); it also opens when its properties have problems. */
  defaultOpen?: boolean;
}

export function AdvancedSection({ widget, model, problems, defaultOpen = false }: AdvancedSectionProps) {
  const { updateWidget } = useWidgetEditing();
  const id = useId();
  const keys = unknownProperties(widget, model);
  const currentText = advancedText(advancedValue(widget.properties, keys));
  const [draft, setDraft] = useDraft(currentText, (v) => String(v));
  const [error, setError] = useState<string | null>(null);
  const shown = groupProblems(problems);
  const [open, setOpen] = useState(defaultOpen || shown.length > 0);
  const dirty = draft !== currentText;

  const apply = () => {
    const parsed = parseAdvancedText(draft);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    setError(null);
    let appliedText = currentText;
    updateWidget((w) => {
      const properties = applyAdvancedProperties(w.properties, unknownProperties(w, model), parsed.value);
      const next = properties === w.properties ? w : { ...w, properties };
      appliedText = advancedText(advancedValue(next.properties, unknownProperties(next, model)));
      return next;
    });
    // The text now stands for what was applied (reformatted), even when nothing changed.
    setDraft(appliedText, appliedText);
  };

  const count = keys.length;
  return (
    <details className="advanced" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        <span className="advanced-title">Advanced</span>
        <span className="advanced-count muted">
          {count === 0
            ? 'no other properties'
            : count === 1
              ? '1 other property'
              : `${count} other properties`}
        </span>
      </summary>
      <div className="advanced-body">
        <label htmlFor={id} className="field-label">
          Advanced properties (JSON)
        </label>
        <TextInput
          id={id}
          value={draft}
          multiline
          monospace
          minRows={3}
          liveUndo={false}
          invalid={error !== null}
          describedBy={[`${id}-help`, error !== null ? `${id}-error` : ''].filter(Boolean).join(' ')}
          onChange={(text) => {
            setDraft(text, currentText);
            if (error !== null) setError(null);
          }}
          onBlur={() => {
            if (dirty) apply();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              apply();
            }
          }}
        />

        {error !== null && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {error}
          </p>
        )}
        <p id={`${id}-help`} className="field-help">
          Properties this form does not know, kept and exported unchanged. Edit them as a JSON object, then
          apply (Ctrl+Enter, or leave the field).
        </p>
        <div className="advanced-actions">
          <button type="button" className="button button-small" disabled={!dirty} onClick={apply}>
            Apply
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={!dirty}
            onClick={() => {
              setDraft(currentText, currentText);
              setError(null);
            }}
          >
            Revert
          </button>
        </div>
        <ProblemList problems={shown} />
      </div>
    </details>
  );
}
