/**
 * One generic field editor for every kind of the form model (formModel.ts): a switch over `FieldKind` and a small
 * component per kind. Nothing here knows a widget type: labels, required markers, defaults (as placeholders), help,
 * options and the rules that turn text into stored values all come from the model.
 *
 * A value the kind's editor cannot show without loss (`fitsField`: an object in a text field, Liquid in a checkbox)
 * is edited as JSON instead, so nothing is ever dropped or rewritten by the form.
 */
import { memo, useId, useState } from 'react';
import type { Problem } from '../model/types';
import { fieldKey } from './fieldProblems';
import { coerceInput, displayValue, fitsField, inputError } from './coercion';
import type { FieldModel } from './formModel';
import { listOrAbsent, valueAtPath } from './formEditing';
import {
  describedBy,
  FieldHelp,
  groupProblems,
  hasError,
  LiquidBadge,
  MissingReferences,
  ProblemList,
  RequiredMark,
  sameGroup,
  useWidgetEditing,
  type ProblemGroup,
} from './FieldParts';
import { EnumSelect } from './EnumSelect';
import { ListField } from './ListField';
import { TextInput, useDraft, useMissingReferences } from './TextInput';

export interface FieldEditorProps {
  field: FieldModel;
  /** The stored value (undefined when the property is absent). */
  value: unknown;
  /** Problems at the field's key and below. */
  problems: ProblemGroup;
}

/** The editor of one field, by kind. Re-renders only when its field, its value or its problems' content change. */
export const FieldEditor = memo(FieldEditorImpl, (a, b) => {
  return a.field === b.field && Object.is(a.value, b.value) && sameGroup(a.problems, b.problems);
});

function FieldEditorImpl({ field, value, problems }: FieldEditorProps) {
  if (!fitsField(field, value)) return <JsonField field={field} value={value} problems={problems} mismatch />;
  switch (field.kind) {
    case 'text':
    case 'multiline':
    case 'integer':
    case 'number':
      return <TextField field={field} value={value} problems={problems} />;
    case 'boolean':
      return <BooleanField field={field} value={value} problems={problems} />;
    case 'enum':
      return field.openOptions === true ? (
        <TextField field={field} value={value} problems={problems} />
      ) : (
        <EnumField field={field} value={value} problems={problems} />
      );
    case 'string-list':
      return field.options && field.options.length > 0 ? (
        <ChoiceListField field={field} value={value} problems={problems} />
      ) : (
        <TextField field={field} value={value} problems={problems} />
      );
    case 'key-value':
    case 'set-variables':
      return <ListField field={field} value={value} problems={problems} />;
    case 'object':
      return <ObjectField field={field} value={value} problems={problems} />;
    default:
      return <JsonField field={field} value={value} problems={problems} />;
  }
}

/** The field's problems, less the missing-widget warnings a Liquid field flags itself. */
function shownProblems(group: ProblemGroup, ownFlags: boolean): Problem[] {
  const all = groupProblems(group);
  return ownFlags ? all.filter((p) => p.code !== 'lint.unknown-widget-reference') : all;
}

function FieldLabel({ htmlFor, field }: { htmlFor: string; field: FieldModel }) {
  return (
    <div className="field-label-row">
      <label htmlFor={htmlFor} className="field-label">
        {field.label}
      </label>
      {field.required && <RequiredMark />}
      {field.liquid && <LiquidBadge />}
    </div>
  );
}

/** Text, multi-line text, numbers (which may hold Liquid or numeric strings), free text with suggestions. */
function TextField({ field, value, problems }: FieldEditorProps) {
  const { setValue, keyFor } = useWidgetEditing();
  const id = useId();
  const [text, setText, origin] = useDraft(value, (v) => displayValue(field, v));
  const missing = useMissingReferences(text, field.liquid);
  const shown = shownProblems(problems, missing.length > 0);
  const suggestions = field.kind === 'enum' ? (field.options ?? []) : [];
  const multiline = field.kind === 'multiline' || field.kind === 'string-list';
  const help =
    field.kind === 'string-list' ? [field.help, 'One item per line.'].filter(Boolean).join(' ') : field.help;

  const onChange = (next: string) => {
    const stored = coerceInput(field, next, origin);
    setText(next, stored);
    setValue(field.path, stored, keyFor(field.path));
  };

  return (
    <div className={`field field-${field.kind}`}>
      <FieldLabel htmlFor={id} field={field} />
      <TextInput
        id={id}
        value={text}
        onChange={onChange}
        multiline={multiline}
        minRows={field.kind === 'string-list' ? 2 : 3}
        liquid={field.liquid}
        placeholder={field.placeholder}
        required={field.required}
        invalid={hasError(shown)}
        list={suggestions.length > 0 ? `${id}-options` : undefined}
        inputMode={
          (field.kind === 'integer' || field.kind === 'number') && !field.liquid ? 'numeric' : undefined
        }
        describedBy={describedBy(
          help !== undefined && `${id}-help`,
          missing.length > 0 && `${id}-refs`,
          shown.length > 0 && `${id}-problems`,
        )}
      />
      {suggestions.length > 0 && (
        <datalist id={`${id}-options`}>
          {suggestions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label === o.value ? undefined : o.label}
            </option>
          ))}
        </datalist>
      )}
      {help !== undefined && <FieldHelp id={`${id}-help`}>{help}</FieldHelp>}
      <MissingReferences id={`${id}-refs`} names={missing} />
      <ProblemList id={`${id}-problems`} problems={shown} />
    </div>
  );
}

function isOn(v: unknown): boolean {
  return v === true || v === 'true';
}

/** A checkbox; stores booleans or the strings "true"/"false", as the schema (or the stored value) says. */
function BooleanField({ field, value, problems }: FieldEditorProps) {
  const { setValue } = useWidgetEditing();
  const id = useId();
  const shown = groupProblems(problems);
  const checked = value === undefined ? isOn(field.defaultValue) : isOn(value);
  return (
    <div className="field field-boolean">
      <div className="check-row">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-required={field.required || undefined}
          aria-invalid={hasError(shown) || undefined}
          aria-describedby={describedBy(
            field.help !== undefined && `${id}-help`,
            shown.length > 0 && `${id}-problems`,
          )}
          onChange={(event) =>
            setValue(field.path, coerceInput(field, String(event.currentTarget.checked), value))
          }
        />
        <label htmlFor={id} className="field-label">
          {field.label}
        </label>
        {field.required && <RequiredMark />}
        {value === undefined && <span className="default-tag">default</span>}
      </div>
      {field.help !== undefined && <FieldHelp id={`${id}-help`}>{field.help}</FieldHelp>}
      <ProblemList id={`${id}-problems`} problems={shown} />
    </div>
  );
}

function EnumField({ field, value, problems }: FieldEditorProps) {
  const { setValue } = useWidgetEditing();
  const id = useId();
  const shown = groupProblems(problems);
  return (
    <div className="field field-enum">
      <FieldLabel htmlFor={id} field={field} />
      <EnumSelect
        id={id}
        field={field}
        value={value}
        onChange={(next) => setValue(field.path, next)}
        invalid={hasError(shown)}
        describedBy={describedBy(
          field.help !== undefined && `${id}-help`,
          shown.length > 0 && `${id}-problems`,
        )}
      />
      {field.help !== undefined && <FieldHelp id={`${id}-help`}>{field.help}</FieldHelp>}
      <ProblemList id={`${id}-problems`} problems={shown} />
    </div>
  );
}

/** A list whose items come from a fixed set: one checkbox per item; stored items not in the set stay listed. */
function ChoiceListField({ field, value, problems }: FieldEditorProps) {
  const { setValue } = useWidgetEditing();
  const id = useId();
  const shown = groupProblems(problems);
  const items = Array.isArray(value) ? (value as unknown[]) : [];
  const options = [
    ...(field.options ?? []),
    ...items
      .filter((v): v is string => typeof v === 'string' && !(field.options ?? []).some((o) => o.value === v))
      .map((v) => ({ value: v, label: v })),
  ];
  const toggle = (item: string, on: boolean) => {
    const next = on ? [...items, item] : items.filter((v) => v !== item);
    setValue(field.path, listOrAbsent(next, field.required));
  };
  return (
    <fieldset
      className="field field-choices"
      aria-describedby={describedBy(
        field.help !== undefined && `${id}-help`,
        shown.length > 0 && `${id}-problems`,
      )}
    >
      <legend className="field-label">
        {field.label}
        {field.required && <RequiredMark />}
      </legend>
      <div className="choices">
        {options.map((o) => (
          <label key={o.value} className="check-row">
            <input
              type="checkbox"
              checked={items.includes(o.value)}
              onChange={(event) => toggle(o.value, event.currentTarget.checked)}
            />
            {o.label}
          </label>
        ))}
      </div>
      {field.help !== undefined && <FieldHelp id={`${id}-help`}>{field.help}</FieldHelp>}
      <ProblemList id={`${id}-problems`} problems={shown} />
    </fieldset>
  );
}

/** A nested object: its own fields in a group; problems of the object itself below them. */
function ObjectField({ field, value, problems }: FieldEditorProps) {
  const id = useId();
  const key = fieldKey(field.path);
  const own = problems.get(key) ?? [];
  const children = field.fields ?? [];
  return (
    <fieldset className="field field-object" aria-describedby={own.length > 0 ? `${id}-problems` : undefined}>
      <legend className="field-label">
        {field.label}
        {field.required && <RequiredMark />}
      </legend>
      {field.help !== undefined && <FieldHelp id={`${id}-help`}>{field.help}</FieldHelp>}
      {children.map((child) => (
        <FieldEditor
          key={child.key}
          field={child}
          value={valueAtPath(value, [child.key])}
          problems={subGroup(problems, fieldKey(child.path))}
        />
      ))}
      <ProblemList id={`${id}-problems`} problems={own} />
    </fieldset>
  );
}

function subGroup(group: ProblemGroup, key: string): ProblemGroup {
  const out = new Map<string, readonly Problem[]>();
  for (const [k, list] of group) if (k === key || k.startsWith(`${key}.`)) out.set(k, list);
  return out;
}

const JSON_KIND: Pick<FieldModel, 'kind'> = { kind: 'json' };

/**
 * A property edited as JSON text: the `json` kind, and any value another editor could not show as it is. Text that
 * does not parse is kept on screen with the parser's message, and the stored value stays the last good one.
 */
function JsonField({ field, value, problems, mismatch = false }: FieldEditorProps & { mismatch?: boolean }) {
  const { setValue, keyFor } = useWidgetEditing();
  const id = useId();
  const asJson: FieldModel = { ...field, ...JSON_KIND };
  const [text, setText, origin] = useDraft(value, (v) => (v === undefined ? '' : JSON.stringify(v, null, 2)));
  const [error, setError] = useState<string | null>(null);
  const shown = groupProblems(problems);
  const onChange = (next: string) => {
    const message = inputError(asJson, next);
    setError(message);
    const stored = message === null ? coerceInput(asJson, next, origin) : value;
    setText(next, stored);
    if (message === null) setValue(field.path, stored, keyFor(field.path));
  };
  const note = mismatch
    ? `Edited as JSON: this value is not what the ${field.kind === 'boolean' ? 'checkbox' : 'form'} expects, and is kept as it is.`
    : undefined;
  return (
    <div className="field field-json">
      <FieldLabel htmlFor={id} field={{ ...field, liquid: false }} />
      <TextInput
        id={id}
        value={text}
        onChange={onChange}
        multiline
        minRows={2}
        monospace
        required={field.required}
        invalid={error !== null || hasError(shown)}
        describedBy={describedBy(
          (note !== undefined || field.help !== undefined) && `${id}-help`,
          error !== null && `${id}-error`,
          shown.length > 0 && `${id}-problems`,
        )}
      />
      {(note !== undefined || field.help !== undefined) && (
        <FieldHelp id={`${id}-help`}>{[field.help, note].filter(Boolean).join(' ')}</FieldHelp>
      )}
      {error !== null && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      <ProblemList id={`${id}-problems`} problems={shown} />
    </div>
  );
}
