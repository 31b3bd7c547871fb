/**
 * Value coercion between what a field shows and what the widget stores: typed text becomes the stored value
 * (`coerceInput`, `inputError` for text that cannot be stored), a stored value becomes text (`displayValue`), and
 * whether a field's own editor can show a value at all (`fitsField`).
 *
 * Values keep their JSON type: numbers Studio writes as strings stay strings, Liquid typed into a number field is
 * kept as typed, and an input that changes nothing returns the stored value itself (the definition is unchanged).
 *
 * Pure TypeScript: no React, no DOM.
 */
import { parseJson } from '../io/json';
import type { FieldKind, FieldModel } from './formModel';

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const JSON_KINDS = new Set<FieldKind>(['json', 'object', 'key-value', 'set-variables']);

/**
 * Turns what the user typed into the value to store (`undefined`: remove the key). `previous` is the stored value.
 *
 * - Text (`text`, `multiline`, `enum`): stored as typed, never trimmed (whitespace and Liquid matter). Empty text
 *   removes an optional property, unless the field `keepEmpty`s or the stored value already was "" (an empty string
 *   Studio wrote stays one); a required property keeps "" (validation then says it is empty).
 * - `integer` / `number`: digits (after trimming) become a number, except that a value stored as a string stays a
 *   string ("3600" → "7200", never 7200) and an absent value follows `numberAs` (send-and-wait `timeout`: string).
 *   A number stays a number. Anything else (Liquid such as `{{flow.variables.t}}`, a typo) is stored as the typed
 *   string: nothing the user typed is lost, and validation reports what the schema rejects. Empty text removes the
 *   key (there is no empty number; a required one is then reported missing).
 * - `boolean`: "true"/"false" (any case) become `true`/`false`, or the strings "true"/"false" where the field's
 *   valueType is `string` (profanity_filter, play_beep: the schema says string) or the stored value is a string.
 *   Other text (Liquid) is stored as typed; empty text removes an optional key (a required one becomes false).
 * - `string-list`: one item per line, empty lines dropped; no items removes an optional key ([] when required).
 * - JSON kinds (`json`, `object`, `key-value`, `set-variables`): the text is parsed as JSON; text that does not
 *   parse returns `previous` unchanged (see `inputError` for the message to show). Empty text removes an optional
 *   key. (Row editors build their arrays themselves; this is for a raw-JSON view of the property.)
 * - `readonly-events`, `split-conditions`: return `previous` (transitions are edited with the split commands of
 *   src/model/conditions.ts).
 *
 * An input that results in a value equal to `previous` returns `previous` itself, so the definition is unchanged.
 */
export function coerceInput(field: FieldModel, text: string, previous: unknown): unknown {
  const next = coerce(field, text, previous);
  if (Object.is(next, previous)) return previous;
  if (typeof next === 'object' && next !== null && JSON.stringify(next) === JSON.stringify(previous))
    return previous;
  return next;
}

function coerce(field: FieldModel, text: string, previous: unknown): unknown {
  switch (field.kind) {
    case 'readonly-events':
    case 'split-conditions':
      return previous;
    case 'text':
    case 'multiline':
    case 'enum':
      if (text !== '') return text;
      return field.required || field.keepEmpty === true || previous === '' ? '' : undefined;
    case 'integer':
    case 'number': {
      const t = text.trim();
      if (t === '') return undefined;
      const numeric = field.kind === 'integer' ? INTEGER.test(t) : NUMBER.test(t);
      if (!numeric) return text;
      const n = Number(t);
      if (typeof previous === 'string') return t;
      if (typeof previous === 'number') return Number.isSafeInteger(n) || field.kind === 'number' ? n : t;
      if (field.numberAs === 'string') return t;
      return Number.isSafeInteger(n) || field.kind === 'number' ? n : t;
    }
    case 'boolean': {
      const t = text.trim().toLowerCase();
      const asString = field.valueType === 'string' || typeof previous === 'string';
      if (t === 'true' || t === 'false') return asString ? t : t === 'true';
      if (t === '') {
        if (!field.required) return undefined;
        return asString ? 'false' : false;
      }
      return text;
    }
    case 'string-list': {
      const items = text.split(/\r?\n/).filter((line) => line.trim() !== '');
      if (items.length > 0) return items;
      return field.required ? [] : undefined;
    }
    default: {
      if (!JSON_KINDS.has(field.kind)) return previous;
      if (text.trim() === '') return field.required ? previous : undefined;
      const parsed = parseJson(text);
      return parsed.ok ? parsed.value : previous;
    }
  }
}

/** Why the typed text cannot be stored, or null: JSON that does not parse (for the JSON kinds). */
export function inputError(field: FieldModel, text: string): string | null {
  if (!JSON_KINDS.has(field.kind) || text.trim() === '') return null;
  const parsed = parseJson(text);
  return parsed.ok ? null : `Not valid JSON: ${parsed.error.message}`;
}

/**
 * The text a field shows for a stored value: "" for absent/null, strings as they are, numbers and booleans as
 * text, `string-list` items one per line, structured values as 2-space JSON.
 */
export function displayValue(field: FieldModel, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (field.kind === 'string-list' && Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return value.join('\n');
  return JSON.stringify(value, null, 2);
}

/**
 * Whether the field's own editor can show and edit `value` without loss; when not (a text field holding an
 * object, a checkbox holding Liquid, a key-value list with non-object items), the inspector falls back to a raw
 * JSON editor for that property. Absent values always fit.
 */
export function fitsField(field: FieldModel, value: unknown): boolean {
  if (value === undefined || value === null) return true;
  switch (field.kind) {
    case 'text':
    case 'multiline':
    case 'enum':
      return typeof value === 'string';
    case 'integer':
    case 'number':
      return typeof value === 'number' || typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean' || value === 'true' || value === 'false';
    case 'string-list':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && !v.includes('\n'));
    case 'key-value':
    case 'set-variables':
      return (
        Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))
      );
    case 'object':
      return typeof value === 'object' && !Array.isArray(value);
    default:
      return true;
  }
}
