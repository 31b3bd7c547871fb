/**
 * JSON pointers and `field` names.
 *
 * `pointer` is an RFC 6901 pointer into the definition. `field` names the same place for forms, relative to the
 * widget (see the scheme in index.ts): a property path inside `properties` (`timeout`, `parameters[0].value`), a
 * transition by its event (`transitions.sent`, `transitions.match[0].conditions[1].value`), or `name` / `type`.
 */
import { repeatingEvent } from './names';

export function escapeSegment(segment: string): string {
  return segment.includes('~') || segment.includes('/')
    ? segment.replace(/~/g, '~0').replace(/\//g, '~1')
    : segment;
}

export function unescapeSegment(segment: string): string {
  return segment.includes('~') ? segment.replace(/~1/g, '/').replace(/~0/g, '~') : segment;
}

/** The segments of a pointer (`/a/b` → `['a', 'b']`), unescaped. */
export function segmentsOf(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map(unescapeSegment);
}

const INDEX = /^(0|[1-9][0-9]*)$/;

/** `['parameters', '0', 'value']` → `parameters[0].value`. */
export function formatPath(segments: readonly string[]): string {
  let out = '';
  for (const s of segments) {
    if (INDEX.test(s)) out += `[${s}]`;
    else out += out === '' ? s : `.${s}`;
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * How a widget's transition is named in `field`: `transitions.<event>`, with the occurrence index when the event
 * repeats by design (split `match`: `transitions.match[0]`) or by mistake (`transitions.sent[1]`), and
 * `transitions[<index>]` when the transition has no usable event.
 */
export function transitionField(widget: unknown, index: number): string {
  const transitions = isRecord(widget) ? widget.transitions : undefined;
  if (!Array.isArray(transitions)) return `transitions[${index}]`;
  const t: unknown = transitions[index];
  const event = isRecord(t) ? t.event : undefined;
  if (typeof event !== 'string' || event === '') return `transitions[${index}]`;
  let count = 0;
  let occurrence = 0;
  for (let j = 0; j < transitions.length; j++) {
    const other: unknown = transitions[j];
    if (isRecord(other) && other.event === event) {
      if (j < index) occurrence++;
      count++;
    }
  }
  const type = isRecord(widget) && typeof widget.type === 'string' ? widget.type : '';
  return count > 1 || repeatingEvent(type) === event
    ? `transitions.${event}[${occurrence}]`
    : `transitions.${event}`;
}

/** The `field` of a place inside a widget, given its pointer relative to the widget (`/properties/timeout`). */
export function fieldOf(widget: unknown, relative: string): string | undefined {
  const segs = segmentsOf(relative);
  const [head, second] = segs;
  if (head === undefined) return undefined;
  if (head === 'properties') return segs.length === 1 ? 'properties' : formatPath(segs.slice(1));
  if (head === 'transitions' && second !== undefined && INDEX.test(second)) {
    const rest = formatPath(segs.slice(2));
    const base = transitionField(widget, Number(second));
    return rest === '' ? base : rest.startsWith('[') ? base + rest : `${base}.${rest}`;
  }
  return formatPath(segs);
}

/** Appends a key to a field name (`parameters[0]` + `value`). */
export function joinField(field: string | undefined, key: string): string {
  if (field === undefined || field === '' || field === 'properties') return key;
  return INDEX.test(key) ? `${field}[${key}]` : `${field}.${key}`;
}

/** The value at a relative pointer inside `root`, or undefined. */
export function valueAt(root: unknown, relative: string): unknown {
  let node: unknown = root;
  for (const s of segmentsOf(relative)) {
    if (Array.isArray(node)) node = INDEX.test(s) ? (node as unknown[])[Number(s)] : undefined;
    else if (isRecord(node)) node = node[s];
    else return undefined;
  }
  return node;
}
