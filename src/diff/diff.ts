/**
 * The revision diff: what changed between two flow definitions, widget by widget and edge by edge.
 *
 * How widgets are paired: by name (the k-th widget of a name in the base with the k-th of that name in the changed
 * version, so a malformed flow with a duplicated name still pairs deterministically), then by rename detection
 * among the rest (src/diff/renames.ts). Renames are then applied to the base side wherever the editor's rename
 * rewrites references — every `next`, `initial_state`, Liquid references in properties and in split conditions —
 * so widgets that merely follow a rename are not reported:
 * - a `next` is compared as `rename(base next)` against the changed `next`;
 * - a string is unchanged when it is the same, or when the base string with its references renamed reads the
 *   changed one (a string left as it was is never reported, even when it names a renamed widget);
 * - a `match` transition is keyed by its conditions with their references renamed.
 * Renames are applied all at once through a name map, so chains and swaps (A→B, B→C) are handled.
 *
 * Fast path: a widget whose object is the very same in both versions (editor commands share untouched widgets) is
 * unchanged without a deep comparison, unless one of its `next`s names a renamed widget.
 *
 * Pure TypeScript: no React, no DOM, no storage.
 */
import type { FlowDefinition, JsonValue, Offset, Widget } from '../model/types';
import { detectRenames, LiquidRenamer } from './renames';
import { portOrder, transitionEntries, type TransitionEntry } from './transitions';
import {
  WIDGET_CHANGE_KINDS,
  type DiffOptions,
  type DiffSummary,
  type EdgeDiff,
  type FlowDiff,
  type TransitionChange,
  type ValueChange,
  type WidgetChangeKind,
  type WidgetDiff,
} from './types';
import { deepEqual, diffValues, isPlainObject, sortChanges, type StringEquivalence } from './values';

const WIDGET_SKIP: ReadonlySet<string> = new Set(['name', 'transitions', 'properties']);
const PROPERTIES_SKIP: ReadonlySet<string> = new Set(['offset']);
const TRANSITION_SKIP: ReadonlySet<string> = new Set(['event', 'next', 'conditions']);
const FLOW_SKIP: ReadonlySet<string> = new Set(['states', 'initial_state']);

/** One output compared across the versions (either side may be missing). */
interface TransitionPair {
  b?: TransitionEntry;
  c?: TransitionEntry;
  change?: TransitionChange;
}

/** A widget of the union while the diff is built. */
interface Entry {
  base?: Widget;
  changed?: Widget;
  baseIndex: number;
  changedIndex: number;
  id: string;
  pairs: TransitionPair[];
}

interface Context {
  mapName: (baseName: string) => string;
  renamer: LiquidRenamer | undefined;
  renames: ReadonlyMap<string, string>;
  strings: StringEquivalence | undefined;
}

function statesOf(def: FlowDefinition): readonly Widget[] {
  return Array.isArray(def.states) ? def.states : [];
}

function nameOf(w: Widget): string {
  return typeof w.name === 'string' ? w.name : String(w.name);
}

function typeOf(w: Widget): string {
  return typeof w.type === 'string' ? w.type : JSON.stringify(w.type);
}

/** Appends the change of member `key` of two objects (present on one side only, or differing). */
function diffMember(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  key: string,
  path: string,
  out: ValueChange[],
  strings: StringEquivalence | undefined,
  skip?: ReadonlySet<string>,
): void {
  const inBefore = Object.hasOwn(before, key);
  const inAfter = Object.hasOwn(after, key);
  if (inBefore && inAfter) diffValues(before[key], after[key], path, out, strings, skip);
  else if (inBefore) out.push({ path, before: before[key] as JsonValue });
  else if (inAfter) out.push({ path, after: after[key] as JsonValue });
}

// ---------------------------------------------------------------------------------------------------------------
// Transitions of a matched pair

function pairTransitions(b: Widget, c: Widget, ctx: Context): TransitionPair[] {
  const bEntries = transitionEntries(b, ctx.renamer?.value);
  const cEntries = transitionEntries(c);
  const partner = new Map<TransitionEntry, TransitionEntry>(); // changed entry -> base entry
  const taken = new Set<TransitionEntry>(); // base entries paired
  const cByKey = new Map<string, TransitionEntry>();
  for (const e of cEntries) cByKey.set(e.key, e);
  const link = (be: TransitionEntry, ce: TransitionEntry | undefined): void => {
    if (ce === undefined || partner.has(ce) || taken.has(be)) return;
    partner.set(ce, be);
    taken.add(be);
  };
  for (const be of bEntries) link(be, cByKey.get(be.key));
  // conditions the changed version left as they were although they name a renamed widget
  if (ctx.renamer !== undefined)
    for (const be of bEntries) if (be.rawKey !== be.key) link(be, cByKey.get(be.rawKey));
  // as many conditions on both sides: one left over on both sides at the same position was edited in place
  const bMatch = bEntries.filter((e) => e.match);
  const cMatch = cEntries.filter((e) => e.match);
  if (bMatch.length === cMatch.length) {
    for (let k = 0; k < bMatch.length; k++) {
      const be = bMatch[k] as TransitionEntry;
      const ce = cMatch[k] as TransitionEntry;
      if (!taken.has(be) && !partner.has(ce)) link(be, ce);
    }
  }
  const pairs: TransitionPair[] = [];
  for (const i of portOrder(c)) {
    const ce = cEntries[i] as TransitionEntry;
    const be = partner.get(ce);
    pairs.push(be === undefined ? { c: ce } : { b: be, c: ce });
  }
  if (taken.size < bEntries.length) {
    for (const i of portOrder(b)) {
      const be = bEntries[i] as TransitionEntry;
      if (!taken.has(be)) pairs.push({ b: be });
    }
  }
  return pairs;
}

/** Sets `pair.change` when the output changed; appends changes of other transition keys to `properties`. */
function classify(pair: TransitionPair, ctx: Context, properties: ValueChange[]): void {
  const { b, c } = pair;
  let kind: TransitionChange['kind'] | undefined;
  const conditions: ValueChange[] = [];
  if (b !== undefined && c !== undefined) {
    if (b.match || c.match)
      diffMember(b.transition, c.transition, 'conditions', '/conditions', conditions, ctx.strings);
    diffValues(
      b.transition,
      c.transition,
      `/transitions/${c.index}`,
      properties,
      ctx.strings,
      TRANSITION_SKIP,
    );
    const before = b.next === undefined ? undefined : ctx.mapName(b.next);
    const after = c.next;
    if (before === after) kind = conditions.length > 0 ? 'conditions' : undefined;
    else if (before === undefined) kind = 'added';
    else if (after === undefined) kind = 'removed';
    else kind = 'retargeted';
  } else if (c !== undefined) {
    if (c.match || c.next !== undefined) kind = 'added';
  } else if (b !== undefined) {
    if (b.match || b.next !== undefined) kind = 'removed';
  }
  if (kind === undefined) return;
  const side = (c ?? b) as TransitionEntry;
  const change: TransitionChange = { key: c?.key ?? side.rawKey, event: side.event, kind };
  if (b?.next !== undefined) change.beforeNext = b.next;
  if (c?.next !== undefined) change.afterNext = c.next;
  const label = c?.label ?? b?.label;
  if (label !== undefined) change.label = label;
  if (conditions.length > 0) change.conditions = sortChanges(conditions);
  pair.change = change;
}

function offsetOf(w: Widget): unknown {
  return isPlainObject(w.properties) ? w.properties.offset : undefined;
}

/** Compares a matched pair; fills `entry.pairs` and returns the widget's diff fields. */
function comparePair(
  entry: Entry,
  b: Widget,
  c: Widget,
  ctx: Context,
): Pick<WidgetDiff, 'properties' | 'transitions' | 'offset'> {
  // the same object (editor commands share untouched widgets) or an equal one (two files): nothing to report,
  // unless a `next` still names a widget that was renamed (then the changed version did not follow the rename)
  const shared =
    (b === c || deepEqual(b, c)) &&
    (ctx.renames.size === 0 ||
      !c.transitions.some((t) => typeof t.next === 'string' && ctx.renames.has(t.next)));
  if (shared) {
    const entries = transitionEntries(c);
    entry.pairs = portOrder(c).map((i) => {
      const e = entries[i] as TransitionEntry;
      return { b: e, c: e };
    });
    return { properties: [], transitions: [] };
  }

  const properties: ValueChange[] = [];
  diffValues(b, c, '', properties, ctx.strings, WIDGET_SKIP);
  if (isPlainObject(b.properties) && isPlainObject(c.properties))
    diffValues(b.properties, c.properties, '/properties', properties, ctx.strings, PROPERTIES_SKIP);
  else diffMember(b, c, 'properties', '/properties', properties, ctx.strings);

  entry.pairs = pairTransitions(b, c, ctx);
  const transitions: TransitionChange[] = [];
  for (const pair of entry.pairs) {
    classify(pair, ctx, properties);
    if (pair.change !== undefined) transitions.push(pair.change);
  }

  const out: Pick<WidgetDiff, 'properties' | 'transitions' | 'offset'> = {
    properties: sortChanges(properties),
    transitions,
  };
  const before = offsetOf(b);
  const after = offsetOf(c);
  if (!deepEqual(before, after)) {
    const offset: { before?: Offset; after?: Offset } = {};
    if (before !== undefined) offset.before = before as Offset;
    if (after !== undefined) offset.after = after as Offset;
    out.offset = offset;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The union of widgets

/** Changed order, each removed widget right after the entry of the widget that preceded it in the base. */
function unionOrder(changedEntries: readonly Entry[], baseEntries: readonly Entry[]): Entry[] {
  const after = new Map<Entry | null, Entry[]>();
  for (let i = 0; i < baseEntries.length; i++) {
    const e = baseEntries[i] as Entry;
    if (e.changed !== undefined) continue;
    const anchor = i === 0 ? null : (baseEntries[i - 1] as Entry);
    const list = after.get(anchor);
    if (list === undefined) after.set(anchor, [e]);
    else list.push(e);
  }
  const out: Entry[] = [];
  const emit = (first: Entry): void => {
    const stack = [first];
    while (stack.length > 0) {
      const e = stack.pop() as Entry;
      out.push(e);
      const attached = after.get(e);
      if (attached !== undefined)
        for (let k = attached.length - 1; k >= 0; k--) stack.push(attached[k] as Entry);
    }
  };
  for (const e of after.get(null) ?? []) emit(e);
  for (const e of changedEntries) emit(e);
  return out;
}

/** Unique ids: the changed name, else the base name; a name taken already (duplicates) gets `#2`, `#3`… */
function assignIds(entries: readonly Entry[]): void {
  const used = new Set<string>();
  for (const e of entries) {
    const name = nameOf((e.changed ?? e.base) as Widget);
    let id = name;
    for (let k = 2; used.has(id); k++) id = `${name}#${k}`;
    used.add(id);
    e.id = id;
  }
}

function firstByName(entries: readonly Entry[], side: 'base' | 'changed'): Map<string, Entry> {
  const byIndex: Entry[] = [];
  for (const e of entries) {
    const i = side === 'base' ? e.baseIndex : e.changedIndex;
    if (i >= 0) byIndex[i] = e;
  }
  const map = new Map<string, Entry>();
  for (const e of byIndex) {
    const w = side === 'base' ? e.base : e.changed;
    if (w === undefined) continue;
    const name = nameOf(w);
    if (!map.has(name)) map.set(name, e);
  }
  return map;
}

function edgesOf(
  entry: Entry,
  baseByName: ReadonlyMap<string, Entry>,
  changedByName: ReadonlyMap<string, Entry>,
  out: EdgeDiff[],
): void {
  const source = entry.id;
  const push = (
    e: TransitionEntry,
    side: 'base' | 'changed' | 'both',
    target: Entry,
    kind: EdgeDiff['kind'],
  ): void => {
    const key = side === 'base' ? e.rawKey : e.key;
    const edge: EdgeDiff = {
      id: `${source}→${key}→${side}`,
      source,
      target: target.id,
      event: e.event,
      transitionIndex: e.index,
      kind,
    };
    if (e.label !== undefined) edge.label = e.label;
    out.push(edge);
  };
  for (const { b, c, change } of entry.pairs) {
    const tb = entry.base !== undefined && b?.next !== undefined ? baseByName.get(b.next) : undefined;
    const tc = entry.changed !== undefined && c?.next !== undefined ? changedByName.get(c.next) : undefined;
    const divergent = change !== undefined && change.kind !== 'conditions';
    if (tb !== undefined && tc !== undefined && tb === tc && !divergent) {
      push(c as TransitionEntry, 'both', tc, change === undefined ? 'unchanged' : 'changed');
      continue;
    }
    if (tb !== undefined) push(b as TransitionEntry, 'base', tb, 'removed');
    if (tc !== undefined) push(c as TransitionEntry, 'changed', tc, 'added');
  }
}

// ---------------------------------------------------------------------------------------------------------------

function kindsOf(
  entry: Entry,
  fields: Pick<WidgetDiff, 'properties' | 'transitions' | 'offset'>,
): WidgetChangeKind[] {
  if (entry.base === undefined) return ['added'];
  if (entry.changed === undefined) return ['removed'];
  const kinds: WidgetChangeKind[] = [];
  if (nameOf(entry.base) !== nameOf(entry.changed)) kinds.push('renamed');
  if (fields.properties.length > 0) kinds.push('changed');
  if (fields.transitions.length > 0) kinds.push('rewired');
  if (fields.offset !== undefined) kinds.push('moved');
  if (kinds.length === 0) kinds.push('unchanged');
  return kinds;
}

function summarize(widgets: readonly WidgetDiff[], flow: readonly ValueChange[]): DiffSummary {
  const counts = Object.fromEntries(WIDGET_CHANGE_KINDS.map((k) => [k, 0])) as Record<
    WidgetChangeKind,
    number
  >;
  let layoutOnly = true;
  for (const w of widgets) {
    counts[w.kind]++;
    if (w.kind !== 'unchanged' && w.kind !== 'moved') layoutOnly = false;
    else if (w.kinds.some((k) => k !== 'moved' && k !== 'unchanged')) layoutOnly = false;
  }
  const identicalButLayout = layoutOnly && flow.length === 0;
  return {
    counts,
    flowChanges: flow.length,
    identicalButLayout,
    identical: identicalButLayout && counts.moved === 0,
  };
}

/**
 * Compares two versions of a flow. `base` is the older one, `changed` the newer. Neither is modified; values in the
 * result (`before`/`after`) are the inputs' own objects: treat them as read-only. Same inputs, same output (down to
 * `JSON.stringify`).
 */
export function diffFlows(
  base: FlowDefinition,
  changed: FlowDefinition,
  options: DiffOptions = {},
): FlowDiff {
  const bStates = statesOf(base);
  const cStates = statesOf(changed);

  // 1. by name: the k-th widget of a name with the k-th of that name
  const baseToChanged = new Int32Array(bStates.length).fill(-1);
  const changedToBase = new Int32Array(cStates.length).fill(-1);
  const changedByName = new Map<string, number[]>();
  for (let j = 0; j < cStates.length; j++) {
    const name = nameOf(cStates[j] as Widget);
    const list = changedByName.get(name);
    if (list === undefined) changedByName.set(name, [j]);
    else list.push(j);
  }
  const occurrence = new Map<string, number>();
  for (let i = 0; i < bStates.length; i++) {
    const name = nameOf(bStates[i] as Widget);
    const k = occurrence.get(name) ?? 0;
    occurrence.set(name, k + 1);
    const j = changedByName.get(name)?.[k];
    if (j !== undefined) {
      baseToChanged[i] = j;
      changedToBase[j] = i;
    }
  }

  // 2. renames among the rest
  const renames = new Map<string, string>();
  if (options.detectRenames !== false) {
    const firstIndex = new Map<string, number>();
    for (let i = 0; i < bStates.length; i++) {
      const name = nameOf(bStates[i] as Widget);
      if (!firstIndex.has(name)) firstIndex.set(name, i);
    }
    for (const { base: i, changed: j } of detectRenames({
      base: bStates,
      changed: cStates,
      baseToChanged,
      changedToBase,
    })) {
      baseToChanged[i] = j;
      changedToBase[j] = i;
      const from = nameOf(bStates[i] as Widget);
      // references resolve to the first widget of a name: only its rename moves them
      if (firstIndex.get(from) === i) renames.set(from, nameOf(cStates[j] as Widget));
    }
  }
  const renamer = renames.size === 0 ? undefined : new LiquidRenamer(renames);
  const ctx: Context = {
    mapName: (n) => renames.get(n) ?? n,
    renamer,
    renames,
    strings: renamer?.equivalent,
  };

  // 3. the union, in order
  const baseEntries: Entry[] = new Array<Entry>(bStates.length);
  const changedEntries: Entry[] = [];
  for (let j = 0; j < cStates.length; j++) {
    const i = changedToBase[j] ?? -1;
    const entry: Entry = { changed: cStates[j], baseIndex: i, changedIndex: j, id: '', pairs: [] };
    if (i >= 0) {
      entry.base = bStates[i];
      baseEntries[i] = entry;
    }
    changedEntries.push(entry);
  }
  for (let i = 0; i < bStates.length; i++) {
    if (baseEntries[i] === undefined)
      baseEntries[i] = { base: bStates[i], baseIndex: i, changedIndex: -1, id: '', pairs: [] };
  }
  const entries = unionOrder(changedEntries, baseEntries);
  assignIds(entries);

  // 4. each widget
  const widgets: WidgetDiff[] = [];
  const renameList: { from: string; to: string }[] = [];
  for (const entry of entries) {
    const { base: b, changed: c } = entry;
    let fields: Pick<WidgetDiff, 'properties' | 'transitions' | 'offset'>;
    if (b !== undefined && c !== undefined) fields = comparePair(entry, b, c, ctx);
    else {
      const w = (c ?? b) as Widget;
      const list = transitionEntries(w);
      entry.pairs = portOrder(w).map((i) => {
        const e = list[i] as TransitionEntry;
        return c === undefined ? { b: e } : { c: e };
      });
      fields = { properties: [], transitions: [] };
    }
    const kinds = kindsOf(entry, fields);
    const diff: WidgetDiff = {
      id: entry.id,
      kind: kinds[0] as WidgetChangeKind,
      kinds,
      type: typeOf((c ?? b) as Widget),
      ...(b === undefined ? {} : { baseName: nameOf(b) }),
      ...(c === undefined ? {} : { changedName: nameOf(c) }),
      ...(entry.baseIndex < 0 ? {} : { baseIndex: entry.baseIndex }),
      ...(entry.changedIndex < 0 ? {} : { changedIndex: entry.changedIndex }),
      properties: fields.properties,
      transitions: fields.transitions,
      ...(fields.offset === undefined ? {} : { offset: fields.offset }),
    };
    widgets.push(diff);
    if (b !== undefined && c !== undefined && diff.baseName !== diff.changedName)
      renameList.push({ from: diff.baseName as string, to: diff.changedName as string });
  }

  // 5. edges of the union
  const baseByName = firstByName(entries, 'base');
  const changedByNameEntry = firstByName(entries, 'changed');
  const edges: EdgeDiff[] = [];
  for (const entry of entries) edgesOf(entry, baseByName, changedByNameEntry, edges);

  // 6. the flow itself
  const flow: ValueChange[] = [];
  diffValues(base, changed, '', flow, undefined, FLOW_SKIP);
  const bInitial: unknown = base.initial_state;
  const cInitial: unknown = changed.initial_state;
  if (typeof bInitial === 'string' && typeof cInitial === 'string') {
    if (ctx.mapName(bInitial) !== cInitial)
      flow.push({ path: '/initial_state', before: bInitial, after: cInitial });
  } else diffMember(base, changed, 'initial_state', '/initial_state', flow, undefined);
  sortChanges(flow);

  return { widgets, edges, flow, renames: renameList, summary: summarize(widgets, flow) };
}
