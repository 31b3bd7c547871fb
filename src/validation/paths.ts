/**
 * JSON pointers and `field` names.
 *
 * `pointer` is an RFC 6901 pointer into the definition. `field` names the same place for forms, relative to the
 * widget (see the scheme in index.ts): a property path inside `properties` (`timeout`, `parameters[0].value`), a
 * transition by its event (`transitions.sent`, `transitions.match[0].conditions[1].value`), or `name` / `type`.
 */
import { isObject } from '../model/object';
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

/** Names the transitions of one widget in `field`s: `names(index)` (see `transitionField`). */
export type TransitionNames = (index: number) => string;

/**
 * How a widget's transitions are named in `field`: `transitions.<event>`, with the occurrence index when the event
 * repeats by design (split `match`: `transitions.match[0]`) or by mistake (`transitions.sent[1]`), and
 * `transitions[<index>]` when the transition has no usable event.
 *
 * Naming one transition needs every other transition's event (how often it occurs, and before it), so naming each
 * transition of a widget one by one would be quadratic (100,000 transitions with the same event: 10^10 steps).
 * The returned function scans the few transitions of an ordinary widget each time (nothing to allocate), and for a
 * widget with many counts the events once, on its first call, then names any transition in constant time.
 */
export function transitionNames(widget: unknown): TransitionNames {
  const namer = new TransitionNamer(widget);
  return (index) => namer.name(index);
}

/** Up to this many transitions, a name is found by scanning them (cheaper than building the index). */
const SCAN_MAX = 32;

class TransitionNamer {
  private readonly transitions: readonly unknown[] | undefined;
  private readonly repeating: string | undefined;
  /** The index (many transitions only): each transition's occurrence of its event, and each event's count. */
  private occurrence: Uint32Array | undefined;
  private counts: Map<string, number> | undefined;

  constructor(widget: unknown) {
    const transitions = isObject(widget) ? widget.transitions : undefined;
    this.transitions = Array.isArray(transitions) ? (transitions as unknown[]) : undefined;
    this.repeating = repeatingEvent(isObject(widget) && typeof widget.type === 'string' ? widget.type : '');
  }

  name(index: number): string {
    const transitions = this.transitions;
    const event = transitions === undefined ? undefined : eventOf(transitions[index]);
    if (transitions === undefined || event === undefined) return `transitions[${index}]`;
    let count = 0;
    let occurrence = 0;
    if (transitions.length <= SCAN_MAX) {
      for (let j = 0; j < transitions.length; j++) {
        if (eventOf(transitions[j]) !== event) continue;
        if (j < index) occurrence++;
        count++;
      }
    } else {
      if (this.counts === undefined) this.index(transitions);
      count = this.counts?.get(event) ?? 0;
      occurrence = this.occurrence?.[index] ?? 0;
    }
    return count > 1 || this.repeating === event
      ? `transitions.${event}[${occurrence}]`
      : `transitions.${event}`;
  }

  private index(transitions: readonly unknown[]): void {
    const n = transitions.length;
    const occurrence = new Uint32Array(n);
    const counts = new Map<string, number>();
    for (let j = 0; j < n; j++) {
      const event = eventOf(transitions[j]);
      if (event === undefined) continue;
      const before = counts.get(event) ?? 0;
      occurrence[j] = before;
      counts.set(event, before + 1);
    }
    this.occurrence = occurrence;
    this.counts = counts;
  }
}

/** The event of a transition, when it has a usable one. */
function eventOf(t: unknown): string | undefined {
  const event = isObject(t) ? t.event : undefined;
  return typeof event === 'string' && event !== '' ? event : undefined;
}

/**
 * How one transition of a widget is named in `field` (see `transitionNames`). Reads all the widget's transitions:
 * to name several, make one `transitionNames(widget)` and call it.
 */
export function transitionField(widget: unknown, index: number): string {
  return transitionNames(widget)(index);
}

/**
 * The `field` of a place inside a widget, given its pointer relative to the widget (`/properties/timeout`).
 * `names`: the widget's `transitionNames`, when many fields of one widget are wanted.
 */
export function fieldOf(widget: unknown, relative: string, names?: TransitionNames): string | undefined {
  return fieldOfSegments(widget, segmentsOf(relative), names);
}

/** `fieldOf` for a place given by its (unescaped) segments relative to the widget. */
export function fieldOfSegments(
  widget: unknown,
  segs: readonly string[],
  names?: TransitionNames,
): string | undefined {
  const [head, second] = segs;
  if (head === undefined) return undefined;
  if (head === 'properties') return segs.length === 1 ? 'properties' : formatPath(segs.slice(1));
  if (head === 'transitions' && second !== undefined && INDEX.test(second)) {
    const rest = formatPath(segs.slice(2));
    const base = (names ?? transitionNames(widget))(Number(second));
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
    else if (isObject(node)) node = node[s];
    else return undefined;
  }
  return node;
}
