/** The select of an `enum` field (and of enum columns of list rows). */
import { coerceInput } from './coercion';
import type { FieldModel, FieldOption } from './formModel';

export interface EnumSelectProps {
  id: string;
  field: FieldModel;
  value: unknown;
  onChange: (value: unknown) => void;
  invalid?: boolean;
  describedBy?: string | undefined;
  'aria-label'?: string;
}

/**
 * A select over the field's options. While the value is absent a first option says what Studio assumes
 * ("Default (GET)"); an optional field keeps that option to remove the value again. A stored value that is not
 * an option is shown as one of its own, never replaced.
 */
export function EnumSelect({
  id,
  field,
  value,
  onChange,
  invalid = false,
  describedBy: described,
  'aria-label': ariaLabel,
}: EnumSelectProps) {
  const options: readonly FieldOption[] = field.options ?? [];
  const current = typeof value === 'string' ? value : '';
  const known = options.some((o) => o.value === current);
  const fallback =
    field.defaultValue !== undefined ? options.find((o) => o.value === field.defaultValue) : undefined;
  const showEmpty = value === undefined || !field.required || current === '';
  const emptyLabel =
    current === '' && value !== undefined
      ? '(empty)'
      : fallback
        ? `Default (${fallback.label})`
        : field.required
          ? 'Choose…'
          : 'Not set';
  return (
    <select
      id={id}
      className="select-input"
      value={value === undefined ? '' : current}
      aria-label={ariaLabel}
      aria-required={field.required || undefined}
      aria-invalid={invalid || undefined}
      aria-describedby={described}
      onChange={(event) => onChange(coerceInput(field, event.currentTarget.value, value))}
    >
      {showEmpty && <option value="">{emptyLabel}</option>}
      {!known && current !== '' && <option value={current}>{current}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
