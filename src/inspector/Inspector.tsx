/**
 * The inspector: the properties of the selected widget, or the flow's settings when no single widget is selected.
 *
 * The form of a widget is generated from its type's schema and form hints (src/inspector); the header names its type
 * and category and edits its name (with the rename rules of the canvas: references follow, clashes are refused
 * with the reason); its Transitions section connects each output from the keyboard. Every edit is one undo step per
 * field and shows on the canvas at once, so undo here is the editor's (`data-undo="editor"`, read by the app's
 * key handler), but for the name, which is renamed only on Enter and keeps the field's own undo until then.
 *
 * Mounted by the workspace inside the app's `<EditorProvider>` (src/store/react.tsx).
 */
import { useDeferredValue, useId, useState, type KeyboardEvent } from 'react';
import { TRIGGER_TYPE } from '../model/commands';
import { findWidget } from '../model/graph';
import { categorySlug, getWidgetType } from '../schema/registry';
import { useEditor, useEditorApi } from '../store/react';
import { usePressActive } from '../ui/gesture';
import { WidgetForm } from './WidgetForm';
import { FlowSettings } from './FlowSettings';
import { TransitionsSection } from './TransitionsSection';
import '../styles/inspector.css';

export function Inspector() {
  const headingId = useId();
  // Deferred: a press on a card shows its selection on the canvas (and starts its drag) at once, and the inspector
  // follows in a render React can interrupt, not in the same task (a form is hundreds of elements to lay out). While
  // the press lasts (a card held down, a drag) it keeps what it showed, and follows when the card is released.
  const current = useEditor((s) => s.selection);
  const pressing = usePressActive();
  const [held, setHeld] = useState(current);
  if (!pressing && held !== current) setHeld(current);
  const urgent = pressing ? held : current;
  const deferred = useDeferredValue(urgent);
  // Not when the deferred selection names a widget that is gone (renamed or deleted with the selection following):
  // the form of the new name shows at once, keeping the focus in it.
  const deferredGone = useEditor(
    (s) =>
      deferred.length === 1 &&
      s.definition !== null &&
      findWidget(s.definition, deferred[0] ?? '') === undefined,
  );
  const selection = deferredGone ? urgent : deferred;
  const hasFlow = useEditor((s) => s.definition !== null);
  const only = selection.length === 1 ? selection[0] : undefined;
  const exists = useEditor(
    (s) => only !== undefined && s.definition !== null && findWidget(s.definition, only) !== undefined,
  );

  return (
    // Every control in here changes the document at once (selects included): Ctrl+Z is the editor's undo.
    <section className="panel inspector" aria-label="Inspector" data-undo="editor">
      {only !== undefined && exists ? (
        <WidgetInspector name={only} headingId={headingId} />
      ) : (
        <>
          <header className="panel-header inspector-header">
            <h2 id={headingId}>Inspector</h2>
            <span className="panel-meta">{hasFlow ? 'Flow' : 'No flow open'}</span>
          </header>
          <div className="inspector-body">
            {selection.length > 1 && (
              <p className="inspector-note" role="status">
                {selection.length} widgets selected. Select one widget to edit its properties.
              </p>
            )}
            {hasFlow && <FlowSettings />}
          </div>
        </>
      )}
    </section>
  );
}

function WidgetInspector({ name, headingId }: { name: string; headingId: string }) {
  const type = useEditor((s) => (s.definition ? findWidget(s.definition, name)?.type : undefined)) ?? '';
  const info = getWidgetType(type);
  // The category's colour and icon, as on the canvas cards and in the widget library.
  const tone = type === TRIGGER_TYPE ? 'wn-trigger' : `wn-cat-${categorySlug(info?.category ?? 'Other')}`;
  return (
    <>
      <header className={`inspector-header widget-header ${tone}`}>
        <div className="widget-header-title">
          <h2 id={headingId}>{info?.title ?? type}</h2>
          <span className="category-chip">{info?.category ?? 'Unknown type'}</span>
        </div>
        {info?.description !== undefined && info.description !== '' && (
          <p className="widget-header-description" title={info.description}>
            {info.description}
          </p>
        )}
        <WidgetNameField name={name} />
      </header>
      <div className="inspector-body">
        {/* A fresh form per widget: drafts, open sections and pending completions belong to the widget. */}
        <WidgetForm key={name} name={name} />
        <TransitionsSection name={name} />
      </div>
    </>
  );
}

/**
 * The widget's name, renamed on Enter or when leaving the field, through the store's rename (references follow).
 * A refused name stays in the field with the reason under it; Escape puts the current name back.
 */
function WidgetNameField({ name }: { name: string }) {
  const store = useEditorApi();
  const id = useId();
  const [state, setState] = useState({ basis: name, text: name, error: null as string | null });
  let { text, error } = state;
  if (state.basis !== name) {
    // Another widget, or renamed elsewhere (canvas, undo): show the current name.
    text = name;
    error = null;
    setState({ basis: name, text: name, error: null });
  }

  const commit = () => {
    const next = text.trim();
    if (next === name) {
      if (text !== name || error !== null) setState({ basis: name, text: name, error: null });
      return;
    }
    const result = store.getState().renameWidget(name, next);
    // On success the selection follows the new name and `name` changes: the state resets above.
    if (!result.ok) setState({ basis: name, text, error: result.reason });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape') {
      // Only the field reverts: the editor must not also clear the selection.
      event.preventDefault();
      event.stopPropagation();
      setState({ basis: name, text: name, error: null });
    }
  };

  return (
    <div className="field widget-name">
      <label htmlFor={id} className="field-label">
        Widget name
      </label>
      <input
        id={id}
        type="text"
        className="text-input is-mono"
        value={text}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error !== null || undefined}
        aria-describedby={error !== null ? `${id}-error` : `${id}-help`}
        // Renamed on Enter or on leaving the field: until then, undo takes back what was typed.
        data-undo="field"
        onChange={(event) => setState({ basis: name, text: event.currentTarget.value, error: null })}
        onKeyDown={onKeyDown}
        onBlur={commit}
      />
      {error !== null ? (
        <p id={`${id}-error`} role="alert" className="field-error">
          {error}
        </p>
      ) : (
        <p id={`${id}-help`} className="field-help">
          Letters, digits, _ and -. Links and Liquid references to it follow a rename.
        </p>
      )}
    </div>
  );
}
