/**
 * Editing commands: each takes a definition and returns a new one (or a result holding one), never mutating its
 * input.
 *
 * Rules every command follows:
 * - Structural sharing: only the objects on the path to a change are copied (definition → `states` → widget →
 *   `transitions`/`properties` → …); every other object is the very one of the input, so identity tells what
 *   changed (the validator caches by widget object, React Flow re-renders only changed nodes).
 * - A command that changes nothing returns the input definition itself.
 * - Copied objects keep their key order (spread); keys a command adds go where Studio writes them (see `connect`).
 * - Facts about widget types (events, default properties, name rules) belong to the registry (src/schema), which the
 *   model may not import: callers pass them in (`addWidget`'s `events`, `renameWidget`'s `checkName`).
 * - Misuse the UI cannot cause (a missing widget or port, connecting to a missing widget) throws an Error; what a
 *   user can get wrong (a clashing name, deleting the Trigger) is returned as a reason.
 *
 * When two states share a name (a malformed flow that validation reports), commands that address one widget act on
 * the first; `removeWidgets` and `moveWidgets` act on every state with the name.
 *
 * Pure TypeScript: no DOM, no Node built-ins.
 */
import { isObject } from './object';
import { renameWidgetInLiquid } from './liquid';
import { widgetIndex } from './graph';
import { parsePortId, portTransitionIndex, type PortId } from './ports';
import type { FlowDefinition, FlowFlags, Offset, SplitCondition, Transition, Widget } from './types';

/** The type of the Trigger widget: it cannot be deleted, nothing connects to it, it is never copied. */
export const TRIGGER_TYPE = 'trigger';

/**
 * Why `name` cannot be given to a widget when the other widgets are named `others`, or null when it can. The store
 * passes Studio's rules: `(n, others) => widgetNameError(n) ?? widgetNameClash(n, others)` (names.ts).
 */
export type NameCheck = (name: string, others: string[]) => string | null;

export type RenameResult = { ok: true; def: FlowDefinition } | { ok: false; reason: string };

export interface RemoveResult {
  /** The definition without the removed widgets (the input itself when nothing was removed). */
  def: FlowDefinition;
  /** Names removed, in the order asked. */
  removed: string[];
  /** Names not removed, and why. */
  refused: { name: string; reason: string }[];
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

function hasOwn(obj: object, key: string): boolean {
  return Object.hasOwn(obj, key);
}

function indexOrThrow(def: FlowDefinition, name: string, what: string): number {
  const i = widgetIndex(def).get(name);
  if (i === undefined) throw new Error(`${what}: the flow has no widget named “${name}”.`);
  return i;
}

function widgetAt(def: FlowDefinition, i: number): Widget {
  const w = def.states[i];
  if (w === undefined) throw new Error(`No state at index ${i}.`);
  return w;
}

/** A copy of `def` with state `i` replaced (the input itself when `w` is that very state). */
function withState(def: FlowDefinition, i: number, w: Widget): FlowDefinition {
  if (def.states[i] === w) return def;
  const states = def.states.slice();
  states[i] = w;
  return { ...def, states };
}

/** Maps an array, returning the input array itself when `fn` returned every element unchanged. */
function mapShared<T>(items: readonly T[], fn: (item: T, index: number) => T): T[] | undefined {
  let out: T[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as T;
    const mapped = fn(item, i);
    if (mapped !== item) {
      out ??= items.slice();
      out[i] = mapped;
    }
  }
  return out;
}

/** A copy of `obj` without `key`, other keys in order. */
function without<T extends object>(obj: T, key: string): T {
  return Object.fromEntries(Object.entries(obj).filter(([k]) => k !== key)) as T;
}

function roundOffset(offset: Offset, what: string): Offset {
  const x = Math.round(offset.x);
  const y = Math.round(offset.y);
  if (!Number.isFinite(x) || !Number.isFinite(y))
    throw new Error(`${what}: offset (${offset.x}, ${offset.y}) is not a finite position.`);
  // Math.round(-0.4) is -0, which JSON writes as 0 anyway; keep plain 0
  return { x: x === 0 ? 0 : x, y: y === 0 ? 0 : y };
}

// ---------------------------------------------------------------------------------------------------------------
// Where `next` goes in a transition that lacks it

/**
 * Keys of an existing connected transition to copy the position of `next` from. Studio writes either
 * `{ "next", "event" }` or `{ "event", "next" }` (and `{ "event", "conditions", "next", "uuid" }` for some splits):
 * the closest sibling wins — same widget and event, same widget, same widget type and event, same type, any widget.
 */
function nextKeyTemplate(def: FlowDefinition, widget: Widget, event: string): string[] | undefined {
  let best: Transition | undefined;
  let bestRank = 6;
  const consider = (t: Transition, rank: number): void => {
    if (rank < bestRank && hasOwn(t, 'next')) {
      best = t;
      bestRank = rank;
    }
  };
  for (const t of widget.transitions) consider(t, t.event === event ? 1 : 2);
  if (bestRank > 2) {
    for (const w of def.states) {
      if (w === widget) continue;
      const sameType = w.type === widget.type;
      for (const t of w.transitions) consider(t, sameType ? (t.event === event ? 3 : 4) : 5);
      if (bestRank === 3) break;
    }
  }
  return best === undefined ? undefined : Object.keys(best);
}

/** `t` with `next` set: in place when it has the key, else inserted where `template` (or `{event, next}`) puts it. */
function withNext(t: Transition, next: string, template: readonly string[] | undefined): Transition {
  if (hasOwn(t, 'next')) return t.next === next ? t : { ...t, next };
  const keys = Object.keys(t);
  let at = -1;
  if (template !== undefined) {
    const i = template.indexOf('next');
    const before = template[i - 1];
    const after = template[i + 1];
    if (before !== undefined && keys.includes(before)) at = keys.indexOf(before) + 1;
    else if (after !== undefined && keys.includes(after)) at = keys.indexOf(after);
  }
  if (at < 0) {
    const e = keys.indexOf('event');
    at = e < 0 ? keys.length : e + 1;
  }
  const entries: [string, unknown][] = Object.entries(t);
  entries.splice(at, 0, ['next', next]);
  return Object.fromEntries(entries) as Transition;
}

// ---------------------------------------------------------------------------------------------------------------
// Liquid references

/**
 * `value` with every Liquid reference to widget `oldName` in every string (deep: arrays and objects) rewritten to
 * `newName`. Returns the very input when nothing changed; only containers on the path to a change are copied.
 */
export function renameWidgetInValue(value: unknown, oldName: string, newName: string): unknown {
  if (typeof value === 'string') return renameWidgetInLiquid(value, oldName, newName);
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value))
    return mapShared(value as unknown[], (v) => renameWidgetInValue(v, oldName, newName)) ?? value;
  let entries: [string, unknown][] | undefined;
  const keys = Object.keys(value);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k] as string;
    const v: unknown = (value as Record<string, unknown>)[key];
    const mapped = renameWidgetInValue(v, oldName, newName);
    if (mapped !== v) {
      entries ??= Object.entries(value);
      entries[k] = [key, mapped];
    }
  }
  return entries === undefined ? value : Object.fromEntries(entries);
}

/**
 * `widget` with the Liquid references to widget `oldName` renamed to `newName`: in every string of its properties
 * (deep) and of its split conditions (`arguments` and `value`, and `friendly_name`, which Studio writes from the
 * value: "If value less_than {{widgets.x.parsed.size}}"). Not its `next`s, not its own name. Returns the very input
 * when nothing changed.
 */
export function renameLiquidReferences(widget: Widget, oldName: string, newName: string): Widget {
  if (oldName === newName) return widget;
  const properties = renameWidgetInValue(widget.properties, oldName, newName) as Widget['properties'];
  const transitions =
    mapShared(widget.transitions, (t) => {
      if (!hasOwn(t, 'conditions')) return t;
      const conditions = renameWidgetInValue(t.conditions, oldName, newName);
      return conditions === t.conditions ? t : { ...t, conditions: conditions as SplitCondition[] };
    }) ?? widget.transitions;
  if (properties === widget.properties && transitions === widget.transitions) return widget;
  return { ...widget, transitions, properties };
}

/**
 * `widget` with every reference to widget `oldName` renamed to `newName`: its Liquid references (see
 * `renameLiquidReferences`) and every transition `next`. Not its own name. Returns the very input when nothing
 * changed.
 */
export function renameWidgetReferences(widget: Widget, oldName: string, newName: string): Widget {
  if (oldName === newName) return widget;
  const w = renameLiquidReferences(widget, oldName, newName);
  const transitions = mapShared(w.transitions, (t) => (t.next === oldName ? { ...t, next: newName } : t));
  return transitions === undefined ? w : { ...w, transitions };
}

// ---------------------------------------------------------------------------------------------------------------
// Commands

export interface NewWidget {
  type: string;
  /** Must not be taken (the store picks a free one with the registry's `defaultWidgetName`). */
  name: string;
  /** The registry's defaults for the type (copied, never shared with the new widget). */
  properties?: Readonly<Record<string, unknown>>;
  /** The type's events in canvas order (the registry's `events`): each becomes a transition without `next`. */
  events: readonly string[];
  /** An event among `events` that stands for one port per condition (split `match`): a new widget has none. */
  repeatingEvent?: string;
  /** Canvas position, rounded to integers. */
  offset: Offset;
}

/**
 * Appends a new widget `{ name, type, transitions: [{ event }, …], properties: { ...properties, offset } }`: Studio
 * exports every event of a widget, unwired ones without `next`. Throws when the name is taken.
 */
export function addWidget(def: FlowDefinition, widget: NewWidget): FlowDefinition {
  const { type, name, events, repeatingEvent } = widget;
  if (widgetIndex(def).has(name)) throw new Error(`addWidget: a widget named “${name}” already exists.`);
  const properties = structuredClone(widget.properties ?? {}) as Record<string, unknown>;
  const state: Widget = {
    name,
    type,
    transitions: events.filter((e) => e !== repeatingEvent).map((event) => ({ event })),
    properties: { ...properties, offset: roundOffset(widget.offset, 'addWidget') },
  };
  return { ...def, states: [...def.states, state] };
}

/**
 * Removes the named widgets and every `next` that led to them (the transitions stay, with their event: Studio
 * exports unwired events without `next`). The Trigger and the widget `initial_state` names are refused, as are
 * names no widget has.
 */
export function removeWidgets(def: FlowDefinition, names: Iterable<string>): RemoveResult {
  const index = widgetIndex(def);
  const removed: string[] = [];
  const refused: { name: string; reason: string }[] = [];
  const gone = new Set<string>();
  for (const name of names) {
    if (gone.has(name) || refused.some((r) => r.name === name)) continue;
    const i = index.get(name);
    if (i === undefined) {
      refused.push({ name, reason: `There is no widget named “${name}”.` });
      continue;
    }
    const isTrigger = def.states.some((w) => w.name === name && w.type === TRIGGER_TYPE);
    if (isTrigger) refused.push({ name, reason: 'The Trigger cannot be deleted.' });
    else if (name === def.initial_state)
      refused.push({
        name,
        reason: `“${name}” is where the flow starts (initial_state): it cannot be deleted.`,
      });
    else {
      gone.add(name);
      removed.push(name);
    }
  }
  if (gone.size === 0) return { def, removed, refused };

  const states: Widget[] = [];
  for (const w of def.states) {
    if (gone.has(w.name)) continue;
    const transitions = mapShared(w.transitions, (t) =>
      t.next !== undefined && gone.has(t.next) ? without(t, 'next') : t,
    );
    states.push(transitions === undefined ? w : { ...w, transitions });
  }
  return { def: { ...def, states }, removed, refused };
}

/**
 * Connects port `portId` of widget `from` to widget `to` (replacing any previous connection). An ordinary event the
 * widget has no transition for gets one, appended; `match:<k>` needs the k-th match transition to exist. A new
 * `next` key goes where the flow's other transitions have it (`{next, event}` or `{event, next}`; `{event, next}`
 * when none is connected). Throws for a missing widget or port, and for connecting to the Trigger.
 */
export function connect(def: FlowDefinition, from: string, portId: PortId, to: string): FlowDefinition {
  const fromIndex = indexOrThrow(def, from, 'connect');
  const target = widgetAt(def, indexOrThrow(def, to, 'connect'));
  if (target.type === TRIGGER_TYPE) throw new Error(`connect: nothing can connect to the Trigger (“${to}”).`);
  const widget = widgetAt(def, fromIndex);
  const ti = portTransitionIndex(widget, portId);
  const { event, k } = parsePortId(portId);
  if (ti < 0 && k !== undefined)
    throw new Error(`connect: widget “${from}” has no port ${portId} (too few “${event}” transitions).`);
  const template = nextKeyTemplate(def, widget, event);
  let transitions: Transition[];
  if (ti < 0) {
    transitions = [...widget.transitions, withNext({ event }, to, template)];
  } else {
    const t = widget.transitions[ti] as Transition;
    const updated = withNext(t, to, template);
    if (updated === t) return def;
    transitions = widget.transitions.slice();
    transitions[ti] = updated;
  }
  return withState(def, fromIndex, { ...widget, transitions });
}

/** Removes the `next` of port `portId` of widget `from` (keeping the transition). Throws for a missing widget/port. */
export function disconnect(def: FlowDefinition, from: string, portId: PortId): FlowDefinition {
  const fromIndex = indexOrThrow(def, from, 'disconnect');
  const widget = widgetAt(def, fromIndex);
  const ti = portTransitionIndex(widget, portId);
  if (ti < 0) {
    if (parsePortId(portId).k !== undefined)
      throw new Error(`disconnect: widget “${from}” has no port ${portId}.`);
    return def;
  }
  const t = widget.transitions[ti] as Transition;
  if (!hasOwn(t, 'next')) return def;
  const transitions = widget.transitions.slice();
  transitions[ti] = without(t, 'next');
  return withState(def, fromIndex, { ...widget, transitions });
}

export interface RenameOptions {
  /** The registry's name rules (see `NameCheck`); without it only empty names and exact clashes are refused. */
  checkName?: NameCheck;
}

/**
 * Renames widget `oldName` to `newName`, and everything that names it: every `next`, `initial_state`, and every
 * Liquid reference (`{{widgets.OLD…}}`, `widgets["OLD"]`) in every string of every widget's properties (deep) and of
 * split conditions (`arguments`, `value`, and the `friendly_name` Studio derives from the value). Widgets that do
 * not mention it are shared. The Trigger can be renamed too (`initial_state` follows). Renaming to the current name
 * is an ok no-op.
 *
 * Refused with a reason: no such widget, an empty name, a name another widget has, or whatever `checkName` refuses.
 */
export function renameWidget(
  def: FlowDefinition,
  oldName: string,
  newName: string,
  opts: RenameOptions = {},
): RenameResult {
  const index = widgetIndex(def).get(oldName);
  if (index === undefined) return { ok: false, reason: `There is no widget named “${oldName}”.` };
  if (newName === oldName) return { ok: true, def };
  if (newName === '') return { ok: false, reason: 'A widget name cannot be empty.' };
  const others = def.states.filter((_, i) => i !== index).map((w) => w.name);
  if (others.includes(newName)) return { ok: false, reason: `Another widget is already named “${newName}”.` };
  const reason = opts.checkName?.(newName, others) ?? null;
  if (reason !== null) return { ok: false, reason };

  const states = def.states.map((w, i) => {
    const renamed = renameWidgetReferences(w, oldName, newName);
    return i === index ? { ...renamed, name: newName } : renamed;
  });
  const out: FlowDefinition = { ...def, states };
  if (def.initial_state === oldName) out.initial_state = newName;
  return { ok: true, def: out };
}

/**
 * Moves widgets: sets `properties.offset` (in place when present, else added last), rounded to integers as Studio
 * stores them. Names no widget has are ignored (a drag that outlived its widget); unchanged positions share the widget.
 * Throws for a non-finite position.
 */
export function moveWidgets(def: FlowDefinition, moves: ReadonlyMap<string, Offset>): FlowDefinition {
  if (moves.size === 0) return def;
  const states = mapShared(def.states, (w) => {
    const move = moves.get(w.name);
    if (move === undefined) return w;
    const { x, y } = roundOffset(move, 'moveWidgets');
    const old: unknown = w.properties.offset;
    if (isObject(old)) {
      const o = old as unknown as Offset;
      if (o.x === x && o.y === y) return w;
      return { ...w, properties: { ...w.properties, offset: { ...o, x, y } } };
    }
    return { ...w, properties: { ...w.properties, offset: { x, y } } };
  });
  return states === undefined ? def : { ...def, states };
}

/**
 * Sets property `key` of widget `name` to `value` (a JSON value; in place when present, else added last), or
 * removes it when `value` is undefined. An identical value (`Object.is`) changes nothing. Throws for a missing widget.
 */
export function setWidgetProperty(
  def: FlowDefinition,
  name: string,
  key: string,
  value: unknown,
): FlowDefinition {
  const i = indexOrThrow(def, name, 'setWidgetProperty');
  const w = widgetAt(def, i);
  const has = hasOwn(w.properties, key);
  if (value === undefined) {
    if (!has) return def;
    return withState(def, i, { ...w, properties: without(w.properties, key) });
  }
  if (has && Object.is(w.properties[key], value)) return def;
  return withState(def, i, { ...w, properties: { ...w.properties, [key]: value } });
}

/**
 * Replaces widget `name` with `widget` (the inspector's edit of its JSON), at the same position. The name must stay:
 * rename through `renameWidget` so that links and references follow. Throws for a missing widget or another name.
 */
export function replaceWidget(def: FlowDefinition, name: string, widget: Widget): FlowDefinition {
  const i = indexOrThrow(def, name, 'replaceWidget');
  if (widget.name !== name)
    throw new Error(`replaceWidget: the widget is named “${widget.name}”, not “${name}”; use renameWidget.`);
  return withState(def, i, widget);
}

/**
 * Flow settings. A field absent from the patch stays as it is; a field given as `undefined` is removed.
 * `flags` is merged into the existing flags (each flag in place, new flags last, an `undefined` flag removed).
 * A new `description` goes first and new `flags` last, where Studio writes them.
 */
export interface DefinitionFieldsPatch {
  description?: string;
  flags?: FlowFlags;
}

export function setDefinitionFields(def: FlowDefinition, patch: DefinitionFieldsPatch): FlowDefinition {
  let out = def;
  if (hasOwn(patch, 'description')) {
    const description = patch.description;
    if (description === undefined) {
      if (hasOwn(out, 'description')) out = without(out, 'description');
    } else if (!hasOwn(out, 'description')) {
      out = { description, ...out };
    } else if (out.description !== description) {
      out = { ...out, description };
    }
  }
  if (hasOwn(patch, 'flags')) {
    const patchFlags = patch.flags;
    if (patchFlags === undefined) {
      if (hasOwn(out, 'flags')) out = without(out, 'flags');
    } else {
      const base: FlowFlags = out.flags ?? {};
      let flags = base;
      for (const [key, value] of Object.entries(patchFlags)) {
        if (value === undefined) {
          if (hasOwn(flags, key)) flags = without(flags, key);
        } else if (!hasOwn(flags, key) || !Object.is(flags[key], value)) {
          flags = { ...flags, [key]: value };
        }
      }
      if (flags !== base) out = { ...out, flags };
    }
  }
  return out;
}
