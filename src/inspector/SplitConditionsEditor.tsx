/**
 * The conditions of a Split Based On… widget, as Studio's inspector edits them: one entry per `match` transition
 * (one output port each, tested in order), with its name, its condition type (all 17), the value it compares with
 * (none for Is Blank / Is Not Blank) and the value tested (the widget's input, which Studio copies into
 * `arguments`). Conditions are added, removed and reordered here; the canvas ports follow the transitions at once.
 * Every change goes through the split commands of src/model/conditions.ts.
 */
import { useEffect, useId, useRef } from 'react';
import {
  addSplitCondition,
  isValuelessCondition,
  moveSplitCondition,
  removeSplitCondition,
  setSplitInput,
  splitConditionRows,
  updateSplitCondition,
  type SplitConditionRow,
} from '../model/conditions';
import type { Problem, SplitCondition, Widget } from '../model/types';
import { getWidgetType } from '../schema/registry';
import { fieldKey } from './fieldProblems';
import type { FieldModel } from './formModel';
import {
  describedBy,
  FieldHelp,
  groupProblems,
  hasError,
  LiquidBadge,
  MissingReferences,
  ProblemList,
  RequiredMark,
  useWidgetEditing,
  type ProblemGroup,
} from './FieldParts';
import { AddIcon, RemoveIcon } from './ListField';
import { TextInput, useDraft, useMissingReferences } from './TextInput';

const CONDITION_TYPES = getWidgetType('split-based-on')?.conditionTypes ?? [];

/** "comma-separated list", "time (24h HH:MM per twilio/ai)" → a placeholder: "Comma-separated list", "Time (24h HH:MM)". */
function operandHint(type: string | undefined): string | undefined {
  const operand = CONDITION_TYPES.find((c) => c.type === type)?.valueOperand;
  if (operand === undefined || operand.startsWith('none')) return undefined;
  const text = operand
    .replace(/\s*per [^)]*\)/, ')')
    .replace(/\(\s*\)/, '')
    .trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The first argument of a condition as text (data from a file may hold anything there). */
function showArgument(args: unknown): string {
  const first: unknown = Array.isArray(args) ? args[0] : undefined;
  if (first === undefined) return '(nothing)';
  return typeof first === 'string' ? first : JSON.stringify(first);
}

function ArrowIcon({ up }: { up: boolean }) {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path
        d={up ? 'M8 13V3M4 7l4-4 4 4' : 'M8 3v10M4 9l4 4 4-4'}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export interface SplitConditionsEditorProps {
  field: FieldModel;
  widget: Widget;
  /** Problems under `transitions`. */
  problems: ProblemGroup;
}

type FocusTarget = { row: number; part: 'name' | 'up' | 'down' } | 'add';

export function SplitConditionsEditor({ field, widget, problems }: SplitConditionsEditorProps) {
  const { updateWidget } = useWidgetEditing();
  const id = useId();
  const rows = splitConditionRows(widget);
  const input = typeof widget.properties.input === 'string' ? widget.properties.input : '';
  const rootRef = useRef<HTMLDivElement>(null);
  const focusNext = useRef<FocusTarget | null>(null);

  useEffect(() => {
    const target = focusNext.current;
    const root = rootRef.current;
    if (target === null || !root) return;
    focusNext.current = null;
    const selector =
      target === 'add'
        ? '[data-add-condition]'
        : target.part === 'name'
          ? `[data-condition="${target.row}"] input`
          : `[data-condition="${target.row}"] [data-focus="${target.part}"]`;
    root.querySelector<HTMLElement>(selector)?.focus();
  });

  // Problems of transitions that are not conditions (the No Condition Matches port's link...) go on top.
  const rowKeys = rows.map((r) => fieldKey(['transitions', r.transitionIndex]));
  const other: Problem[] = [];
  for (const [k, list] of problems) {
    if (rowKeys.some((r) => k === r || k.startsWith(`${r}.`))) continue;
    for (const p of list) if (!other.includes(p)) other.push(p);
  }
  const noMatch = widget.transitions.find((t) => t.event === 'noMatch');

  const add = () => {
    focusNext.current = { row: rows.length, part: 'name' };
    updateWidget((w) => addSplitCondition(w));
  };
  const remove = (row: SplitConditionRow, k: number) => {
    focusNext.current = rows.length > 1 ? { row: Math.min(k, rows.length - 2), part: 'name' } : 'add';
    updateWidget((w) => removeSplitCondition(w, row.transitionIndex));
  };
  const move = (row: SplitConditionRow, k: number, to: number) => {
    focusNext.current = { row: to, part: to < k ? 'up' : 'down' };
    // At the ends the button is disabled; keep focus where it makes sense.
    if (to === 0 && k === 1) focusNext.current = { row: 0, part: 'down' };
    if (to === rows.length - 1 && k === rows.length - 2) focusNext.current = { row: to, part: 'up' };
    updateWidget((w) => moveSplitCondition(w, row.transitionIndex, to));
  };

  return (
    <div className="field field-conditions" ref={rootRef}>
      {field.help !== undefined && <FieldHelp id={`${id}-help`}>{field.help}</FieldHelp>}
      <ProblemList problems={other} />
      {rows.length === 0 ? (
        <p className="field-empty">No conditions: every execution takes “No Condition Matches”.</p>
      ) : (
        <ol className="conditions">
          {rows.map((row, k) => (
            <li key={row.transitionIndex} className="condition" data-condition={k}>
              <ConditionRow
                row={row}
                k={k}
                count={rows.length}
                input={input}
                field={field}
                problems={problems}
                onRemove={() => remove(row, k)}
                onMove={(to) => move(row, k, to)}
                onSyncArguments={() => updateWidget((w) => setSplitInput(w, input))}
              />
            </li>
          ))}
        </ol>
      )}
      <div className="conditions-footer">
        <button type="button" className="button button-small add-row" data-add-condition onClick={add}>
          <AddIcon />
          Add condition
        </button>
        <span className="muted conditions-nomatch">
          Otherwise: <em>No Condition Matches</em>
          {noMatch?.next !== undefined && noMatch.next !== '' ? ` → ${noMatch.next}` : ' (not connected)'}
        </span>
      </div>
    </div>
  );
}

interface ConditionRowProps {
  row: SplitConditionRow;
  k: number;
  count: number;
  input: string;
  field: FieldModel;
  problems: ProblemGroup;
  onRemove: () => void;
  onMove: (to: number) => void;
  onSyncArguments: () => void;
}

function ConditionRow({
  row,
  k,
  count,
  input,
  field,
  problems,
  onRemove,
  onMove,
  onSyncArguments,
}: ConditionRowProps) {
  const legendId = useId();
  const conditions: SplitCondition[] = row.conditions.length > 0 ? row.conditions : [{}];
  const base = fieldKey(['transitions', row.transitionIndex]);
  const partKeys = conditions.flatMap((_, c) =>
    ['friendly_name', 'type', 'value'].map((p) => fieldKey([base, 'conditions', c, p])),
  );
  const rest: Problem[] = [];
  for (const [key, list] of problems) {
    if (key !== base && !key.startsWith(`${base}.`)) continue;
    if (partKeys.some((p) => key === p || key.startsWith(`${p}.`))) continue;
    for (const p of list) if (!rest.includes(p)) rest.push(p);
  }
  const stale = row.conditions.some(
    (c) => !Array.isArray(c.arguments) || c.arguments.length !== 1 || c.arguments[0] !== input,
  );
  const n = k + 1;
  return (
    <fieldset className="condition-box" aria-labelledby={legendId}>
      <div className="condition-head">
        <span id={legendId} className="condition-title">
          Condition {n}
        </span>
        <span className="condition-port muted" title="Where this output leads on the canvas">
          {row.next !== undefined ? `→ ${row.next}` : 'not connected'}
        </span>
        <div className="condition-tools">
          <button
            type="button"
            className="icon-button"
            data-focus="up"
            aria-label={`Move condition ${n} up`}
            title="Move up (tested earlier)"
            disabled={k === 0}
            onClick={() => onMove(k - 1)}
          >
            <ArrowIcon up />
          </button>
          <button
            type="button"
            className="icon-button"
            data-focus="down"
            aria-label={`Move condition ${n} down`}
            title="Move down (tested later)"
            disabled={k === count - 1}
            onClick={() => onMove(k + 1)}
          >
            <ArrowIcon up={false} />
          </button>
          <button
            type="button"
            className="icon-button danger"
            aria-label={`Remove condition ${n}`}
            title="Remove this condition and its output"
            onClick={onRemove}
          >
            <RemoveIcon />
          </button>
        </div>
      </div>
      {conditions.map((condition, c) => (
        <ConditionParts
          key={c}
          row={row}
          c={c}
          condition={condition}
          field={field}
          problems={problems}
          base={fieldKey([base, 'conditions', c])}
          multiple={conditions.length > 1}
        />
      ))}
      {stale && row.conditions.length > 0 && (
        <p className="condition-tests">
          <span>
            Tests an old copy of the input: <code>{showArgument(row.conditions[0]?.arguments)}</code>
          </span>
          <button type="button" className="link-button" onClick={onSyncArguments}>
            Test the input
          </button>
        </p>
      )}
      <ProblemList problems={rest} />
    </fieldset>
  );
}

interface ConditionPartsProps {
  row: SplitConditionRow;
  c: number;
  condition: SplitCondition;
  field: FieldModel;
  problems: ProblemGroup;
  base: string;
  multiple: boolean;
}

function ConditionParts({ row, c, condition, field, problems, base, multiple }: ConditionPartsProps) {
  const { updateWidget, keyFor } = useWidgetEditing();
  const id = useId();
  const parts = field.fields ?? [];
  const typeField = parts.find((p) => p.key === 'type');
  const options = typeField?.options ?? field.options ?? [];
  const type = typeof condition.type === 'string' ? condition.type : '';
  const known = options.some((o) => o.value === type);
  const noValue = isValuelessCondition(type);
  const typeProblems = groupProblems(problems, `${base}.type`);
  const suffix = multiple ? ` ${c + 1}` : '';

  const patch = (p: Partial<SplitCondition>, part?: string) =>
    updateWidget(
      (w) => updateSplitCondition(w, row.transitionIndex, c, p),
      part === undefined ? undefined : keyFor(['transitions', row.transitionIndex, 'conditions', c, part]),
    );

  return (
    <div className="condition-parts">
      <ConditionText
        id={`${id}-name`}
        label={`Name${suffix}`}
        value={condition.friendly_name}
        problems={groupProblems(problems, `${base}.friendly_name`)}
        onChange={(text) => patch({ friendly_name: text }, 'friendly_name')}
      />
      <div className="field field-enum">
        <div className="field-label-row">
          <label htmlFor={`${id}-type`} className="field-label">
            Condition type{suffix}
          </label>
          <RequiredMark />
        </div>
        <select
          id={`${id}-type`}
          className="select-input"
          value={type}
          aria-required="true"
          aria-invalid={hasError(typeProblems) || undefined}
          aria-describedby={typeProblems.length > 0 ? `${id}-type-problems` : undefined}
          onChange={(event) => patch({ type: event.currentTarget.value })}
        >
          {type === '' && <option value="">Choose…</option>}
          {!known && type !== '' && <option value={type}>{type}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <ProblemList id={`${id}-type-problems`} problems={typeProblems} />
      </div>
      {noValue ? (
        <p className="condition-novalue muted">
          No value to compare: the condition tests whether the input is blank.
        </p>
      ) : (
        <ConditionText
          id={`${id}-value`}
          label={`Value${suffix}`}
          value={condition.value}
          liquid
          placeholder={operandHint(type)}
          problems={groupProblems(problems, `${base}.value`)}
          onChange={(text) => patch({ value: text }, 'value')}
        />
      )}
    </div>
  );
}

interface ConditionTextProps {
  id: string;
  label: string;
  value: unknown;
  problems: readonly Problem[];
  onChange: (text: string) => void;
  liquid?: boolean;
  placeholder?: string | undefined;
  help?: string;
}

function ConditionText({
  id,
  label,
  value,
  problems,
  onChange,
  liquid = false,
  placeholder,
  help,
}: ConditionTextProps) {
  const [text, setText] = useDraft(value, (v) =>
    typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v),
  );
  const missing = useMissingReferences(text, liquid);
  const shown =
    missing.length > 0 ? problems.filter((p) => p.code !== 'lint.unknown-widget-reference') : problems;
  return (
    <div className="field field-text">
      <div className="field-label-row">
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        <RequiredMark />
        {liquid && <LiquidBadge />}
      </div>
      <TextInput
        id={id}
        value={text}
        liquid={liquid}
        required
        placeholder={placeholder}
        invalid={hasError(shown)}
        describedBy={describedBy(
          help !== undefined && `${id}-help`,
          missing.length > 0 && `${id}-refs`,
          shown.length > 0 && `${id}-problems`,
        )}
        onChange={(next) => {
          setText(next, next);
          onChange(next);
        }}
      />
      {help !== undefined && <FieldHelp id={`${id}-help`}>{help}</FieldHelp>}
      <MissingReferences id={`${id}-refs`} names={missing} />
      <ProblemList id={`${id}-problems`} problems={shown} />
    </div>
  );
}
