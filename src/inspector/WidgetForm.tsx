/**
 * The property form of one widget, generated from its form model (formModel.ts): sections of field editors, the
 * split's conditions or the Trigger's events where the type has them, the problems no field shows at the top, and
 * the Advanced section with the properties the form does not describe.
 *
 * It reads the widget, its index and its problems from the store (narrowly: it re-renders when the widget object
 * or its problems change, not on other edits) and writes through `updateWidget`, one undo step per field change:
 * typing in a field passes the same coalescing key (`<field>@<widget>`), so a burst of keystrokes is one step.
 */
import { useId, useMemo } from 'react';
import { useShallow } from 'zustand/shallow';
import { setSplitInput } from '../model/conditions';
import { findWidget, widgetIndex } from '../model/graph';
import type { Problem, Widget } from '../model/types';
import { AdvancedSection } from './AdvancedSection';
import { FieldEditor } from './FieldEditor';
import {
  FieldHelp,
  NO_PROBLEMS,
  ProblemList,
  WidgetEditingProvider,
  type ProblemGroup,
  type WidgetEditing,
} from './FieldParts';
import { fieldKey, problemsByField, unclaimedProblems } from './fieldProblems';
import { widgetProblems } from './formEditing';
import { formModelFor, isFieldVisible, setAtPath, unknownProperties, type FieldModel } from './formModel';
import { useEditor, useEditorApi } from '../store/react';
import { SplitConditionsEditor } from './SplitConditionsEditor';

/** The entries of `map` at `key` and below it. */
function groupAt(map: ReadonlyMap<string, Problem[]>, key: string): ProblemGroup {
  let out: Map<string, readonly Problem[]> | null = null;
  for (const [k, list] of map) {
    if (k !== key && !k.startsWith(`${key}.`)) continue;
    out ??= new Map();
    out.set(k, list);
  }
  return out ?? NO_PROBLEMS;
}

function TriggerEvents({
  field,
  widget,
  problems,
}: {
  field: FieldModel;
  widget: Widget;
  problems: ProblemGroup;
}) {
  const id = useId();
  const events = field.options ?? [];
  const known = new Set(events.map((e) => e.value));
  const extra = widget.transitions
    .filter((t) => !known.has(t.event))
    .map((t) => ({ value: t.event, label: t.event }));
  const all: Problem[] = [];
  for (const list of problems.values()) for (const p of list) if (!all.includes(p)) all.push(p);
  return (
    <div className="field field-events">
      <ul className="events" aria-labelledby={`${id}-label`}>
        {[...events, ...extra].map((e) => {
          const next = widget.transitions.find((t) => t.event === e.value)?.next;
          return (
            <li key={e.value} className="event">
              <span className="event-name">{e.label}</span>
              <span className={next !== undefined && next !== '' ? 'event-next' : 'event-next muted'}>
                {next !== undefined && next !== '' ? `→ ${next}` : 'not connected'}
              </span>
            </li>
          );
        })}
      </ul>
      <span id={`${id}-label`} className="visually-hidden">
        Trigger events
      </span>
      {field.help !== undefined && <FieldHelp id={`${id}-help`}>{field.help}</FieldHelp>}
      <ProblemList problems={all} />
    </div>
  );
}

export interface WidgetFormProps {
  name: string;
}

export function WidgetForm({ name }: WidgetFormProps) {
  const store = useEditorApi();
  const id = useId();
  const widget = useEditor((s) => (s.definition ? findWidget(s.definition, name) : undefined));
  const index = useEditor((s) => (s.definition ? (widgetIndex(s.definition).get(name) ?? -1) : -1));
  const problems = useEditor(useShallow((s) => widgetProblems(s.problems, index)));
  const map = useMemo(() => problemsByField(problems, index), [problems, index]);

  const editing = useMemo<WidgetEditing>(() => {
    const current = (): Widget | undefined => {
      const def = store.getState().definition;
      return def ? findWidget(def, name) : undefined;
    };
    const commit = (w: Widget, next: Widget, coalesceKey?: string) => {
      if (next === w) return;
      store.getState().updateWidget(name, next, coalesceKey === undefined ? undefined : { coalesceKey });
    };
    return {
      widgetName: name,
      keyFor: (path) => `${fieldKey(path)}@${name}`,
      setValue: (path, value, coalesceKey) => {
        const w = current();
        if (!w) return;
        if (w.type === 'split-based-on' && path.length === 1 && path[0] === 'input') {
          // The conditions test the input: Studio rewrites their copies (`arguments`) with it.
          const input = typeof value === 'string' ? value : '';
          if (w.properties.input !== input) commit(w, setSplitInput(w, input), coalesceKey);
          return;
        }
        const properties = setAtPath(w.properties, path, value) as Widget['properties'];
        if (properties !== w.properties) commit(w, { ...w, properties }, coalesceKey);
      },
      updateWidget: (update, coalesceKey) => {
        const w = current();
        if (w) commit(w, update(w), coalesceKey);
      },
    };
  }, [store, name]);

  if (!widget) return null;
  const model = formModelFor(widget.type);
  const properties = widget.properties as Readonly<Record<string, unknown>>;
  const top = unclaimedProblems(map, model, widget);
  const unknownKeys = unknownProperties(widget, model);
  const advancedProblems = new Map<string, readonly Problem[]>();
  for (const k of unknownKeys) for (const [key, list] of groupAt(map, k)) advancedProblems.set(key, list);

  const renderField = (field: FieldModel) => {
    if (field.kind === 'split-conditions')
      return (
        <SplitConditionsEditor
          key={field.key}
          field={field}
          widget={widget}
          problems={groupAt(map, 'transitions')}
        />
      );
    if (field.kind === 'readonly-events')
      return (
        <TriggerEvents key={field.key} field={field} widget={widget} problems={groupAt(map, 'transitions')} />
      );
    const group = groupAt(map, fieldKey(field.path));
    if (!isFieldVisible(field, properties, model) && group.size === 0) return null;
    return <FieldEditor key={field.key} field={field} value={properties[field.key]} problems={group} />;
  };

  return (
    <WidgetEditingProvider value={editing}>
      <div className="widget-form">
        {top.length > 0 && (
          <div className="form-problems" aria-label="Problems of this widget" role="group">
            <ProblemList problems={top} />
          </div>
        )}
        {model.sections.length === 0 && (
          <p className="form-note">
            There is no form for widgets of type <code>{widget.type}</code>. Their properties are edited as
            JSON under Advanced, and exported unchanged.
          </p>
        )}
        {model.sections.map((section, i) => (
          <section key={section.title} className="form-section" aria-labelledby={`${id}-s${i}`}>
            <h3 id={`${id}-s${i}`} className="form-section-title">
              {section.title}
            </h3>
            {section.fields.map(renderField)}
          </section>
        ))}
        <AdvancedSection
          widget={widget}
          model={model}
          problems={advancedProblems}
          defaultOpen={model.sections.length === 0}
        />
      </div>
    </WidgetEditingProvider>
  );
}
