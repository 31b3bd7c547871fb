/**
 * Row editors: key/value parameter lists (HTTP and function parameters, subflow parameters with their type,
 * content variables) and Set Variables rows. One row per item, each cell labelled for its row ("Key 1",
 * "Value 1"), rows added and removed with buttons; keys of an item the row does not edit (`index` in Set Variables
 * items) stay in the item.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { Problem } from '../model/types';
import { fieldKey } from './fieldProblems';
import { coerceInput, displayValue } from './coercion';
import type { FieldModel } from './formModel';
import { addListRow, listItems, listOrAbsent, removeListRow, valueAtPath } from './formEditing';
import {
  describedBy,
  FieldHelp,
  groupProblems,
  hasError,
  MissingReferences,
  ProblemList,
  RequiredMark,
  useWidgetEditing,
  type Path,
  type ProblemGroup,
} from './FieldParts';
import { EnumSelect } from './EnumSelect';
import { TextInput, useDraft, useMissingReferences } from './TextInput';

export interface ListFieldProps {
  field: FieldModel;
  value: unknown;
  problems: ProblemGroup;
}

/** "Add variable" / "Add parameter", and the noun of the row for its buttons. */
function rowNoun(field: FieldModel): string {
  return field.kind === 'set-variables' ? 'variable' : 'parameter';
}

export function RemoveIcon() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d="M4 4l8 8m0-8l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}

export function AddIcon() {
  return (
    <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <path d="M8 3v10M3 8h10" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />
    </svg>
  );
}

export function ListField({ field, value, problems }: ListFieldProps) {
  const { setValue } = useWidgetEditing();
  const id = useId();
  const rows = listItems(value);
  const columns = field.fields ?? [];
  const noun = rowNoun(field);
  const base = fieldKey(field.path);
  const rootRef = useRef<HTMLFieldSetElement>(null);
  /** Where focus goes after the rows change: a row's first cell, or the Add button. */
  const focusNext = useRef<number | 'add' | null>(null);

  useEffect(() => {
    const target = focusNext.current;
    const root = rootRef.current;
    if (target === null || !root) return;
    focusNext.current = null;
    const el =
      target === 'add'
        ? root.querySelector<HTMLElement>('[data-add-row]')
        : root.querySelector<HTMLElement>(`[data-row="${target}"] input, [data-row="${target}"] select`);
    el?.focus();
  });

  // Problems of the list itself or of a row as a whole (not of one of its cells) go under the list.
  const cellKeys = new Set(rows.flatMap((_, i) => columns.map((c) => fieldKey([base, i, c.key]))));
  const own: Problem[] = [];
  for (const [k, list] of problems) {
    if ([...cellKeys].some((c) => k === c || k.startsWith(`${c}.`))) continue;
    for (const p of list) if (!own.includes(p)) own.push(p);
  }

  const add = () => {
    focusNext.current = rows.length;
    setValue(field.path, addListRow(value, field.itemKeys));
  };
  const remove = (i: number) => {
    focusNext.current = rows.length > 1 ? Math.min(i, rows.length - 2) : 'add';
    setValue(field.path, listOrAbsent(removeListRow(value, i), field.required));
  };

  const extra = columns.slice(2);
  return (
    <fieldset
      ref={rootRef}
      className="field field-list"
      aria-describedby={describedBy(
        field.help !== undefined && `${id}-help`,
        own.length > 0 && `${id}-problems`,
      )}
    >
      <legend className="field-label">
        {field.label}
        {field.required && <RequiredMark />}
      </legend>
      {field.help !== undefined && <FieldHelp id={`${id}-help`}>{field.help}</FieldHelp>}
      {rows.length > 0 ? (
        <div className="kv-table">
          <div className="kv-head" aria-hidden="true">
            {columns.slice(0, 2).map((c) => (
              <span key={c.key}>{c.label}</span>
            ))}
          </div>
          {rows.map((row, i) => (
            <div key={i} className="kv-row" data-row={i}>
              {columns.slice(0, 2).map((c) => (
                <Cell
                  key={c.key}
                  column={c}
                  path={[...field.path, i, c.key]}
                  row={i + 1}
                  value={valueAtPath(row, [c.key])}
                  problems={groupProblems(problems, fieldKey([base, i, c.key]))}
                />
              ))}
              <button
                type="button"
                className="icon-button kv-remove"
                aria-label={`Remove ${noun} ${i + 1}`}
                title={`Remove ${noun} ${i + 1}`}
                onClick={() => remove(i)}
              >
                <RemoveIcon />
              </button>
              {extra.map((c) => (
                <Cell
                  key={c.key}
                  column={c}
                  path={[...field.path, i, c.key]}
                  row={i + 1}
                  value={valueAtPath(row, [c.key])}
                  problems={groupProblems(problems, fieldKey([base, i, c.key]))}
                  wide
                />
              ))}
            </div>
          ))}
        </div>
      ) : (
        <p className="field-empty">No {noun}s.</p>
      )}
      <button type="button" className="button button-small add-row" data-add-row onClick={add}>
        <AddIcon />
        Add {noun}
      </button>
      <ProblemList id={`${id}-problems`} problems={own} />
    </fieldset>
  );
}

interface CellProps {
  column: FieldModel;
  path: Path;
  /** 1-based row number, for the cell's label ("Key 1"). */
  row: number;
  value: unknown;
  problems: readonly Problem[];
  wide?: boolean;
}

function Cell({ column, path, row, value, problems, wide = false }: CellProps) {
  const { setValue, keyFor } = useWidgetEditing();
  const id = useId();
  const [text, setText, origin] = useDraft(value, (v) => displayValue(column, v));
  const missing = useMissingReferences(text, column.liquid && column.kind !== 'enum');
  const shown =
    missing.length > 0 ? problems.filter((p) => p.code !== 'lint.unknown-widget-reference') : problems;
  const described = describedBy(missing.length > 0 && `${id}-refs`, shown.length > 0 && `${id}-problems`);

  let control: ReactNode;
  if (column.kind === 'enum') {
    control = (
      <EnumSelect
        id={id}
        field={column}
        value={value}
        onChange={(next) => setValue(path, next)}
        invalid={hasError(shown)}
        describedBy={described}
      />
    );
  } else {
    control = (
      <TextInput
        id={id}
        value={text}
        liquid={column.liquid}
        required={column.required}
        invalid={hasError(shown)}
        describedBy={described}
        placeholder={column.label}
        onChange={(next) => {
          const stored = coerceInput(column, next, origin);
          setText(next, stored);
          setValue(path, stored, keyFor(path));
        }}
      />
    );
  }
  return (
    <div className={wide ? 'kv-cell is-wide' : 'kv-cell'}>
      <label htmlFor={id} className={wide ? 'kv-cell-label' : 'visually-hidden'}>
        {column.label}
        <span className="visually-hidden"> {row}</span>
      </label>
      {control}
      <MissingReferences id={`${id}-refs`} names={missing} />
      <ProblemList id={`${id}-problems`} problems={shown} />
    </div>
  );
}
