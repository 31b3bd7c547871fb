/**
 * Renames: rewriting references under a set of renames, and detecting which unmatched widgets were renamed.
 *
 * Detection works on the widgets left unmatched by name (base side: candidates for "removed", changed side: for
 * "added"), within the same type only, in rounds until a round finds nothing (at most {@link MAX_ROUNDS}):
 *
 * 1. Exact content: a base widget whose content (everything but its name and `properties.offset`, with the renames
 *    found so far applied to its `next`s and Liquid references) equals a changed widget's is paired with it; several
 *    identical ones pair up in index order. A round that pairs anything starts the next one, so renames propagate
 *    along chains (a renamed widget whose `next` leads to another renamed widget matches exactly once that one is
 *    known).
 * 2. Similarity: each widget is described by a set of features — every property leaf (objects are descended,
 *    arrays taken whole; never the offset), every other top-level key, every connected output and every condition
 *    (`key → target`; unconnected ordinary outputs are the same for the whole type, so left out) and every
 *    incoming link from an already paired widget (`source:event#occurrence`). Names are read as in 1, except that
 *    the names of widgets still unpaired (on either side) all read the same, in targets and in Liquid references:
 *    two widgets that differ only by which unpaired widget they lead to or mention look alike, which is what lets a
 *    cycle of renamed widgets (no anchor for exact matching) be found. The score is the Jaccard index
 *    |A ∩ B| / |A ∪ B|; pairs scoring at least {@link RENAME_THRESHOLD} are taken greedily, best first, ties
 *    broken by base index then changed index. Types never mix: a rename keeps the type.
 *
 * Cost: exact pairing is linear. Scoring is pairwise within a type, but when a type has more than
 * {@link PAIR_BUDGET} base × changed pairs only pairs sharing a distinctive feature (one that at most
 * {@link RARE_FEATURE} changed widgets of that type have) are scored.
 *
 * Pure TypeScript: no React, no DOM, no storage.
 */
import { referencedWidgets, renameWidgetInLiquid } from '../model/liquid';
import type { Transition, Widget } from '../model/types';
import { transitionEntries, type ValueRewrite } from './transitions';
import { canonicalJson, escapePointerToken, isPlainObject } from './values';

/** Minimum similarity for a rename (Jaccard index of the feature sets). */
export const RENAME_THRESHOLD = 0.5;
/** Above this many base × changed pairs of one type, only pairs sharing a distinctive feature are scored. */
export const PAIR_BUDGET = 40_000;
/** A feature at most this many changed widgets (of the type) have is distinctive. */
export const RARE_FEATURE = 8;
/** Rounds of detection at most (each one after the first only runs when the previous one paired something). */
export const MAX_ROUNDS = 12;

// ---------------------------------------------------------------------------------------------------------------
// Rewriting references

/**
 * Rewrites Liquid references (`{{widgets.OLD…}}`, `widgets["OLD"]`) in strings under a rename map, all names at
 * once (a chain or a swap — A→B with B→C — renames each reference once, through placeholders). Results are cached
 * per string: build one per rename map.
 */
export class LiquidRenamer {
  private readonly map = new Map<string, string>();
  private readonly cache = new Map<string, string>();

  constructor(renames: ReadonlyMap<string, string>) {
    for (const [from, to] of renames) if (from !== to && from !== '') this.map.set(from, to);
  }

  get size(): number {
    return this.map.size;
  }

  /** `text` with every reference renamed; the very input when nothing changed. */
  string(text: string): string {
    if (this.map.size === 0 || !text.includes('widgets')) return text;
    const cached = this.cache.get(text);
    if (cached !== undefined) return cached;
    const hits: (readonly [string, string])[] = [];
    for (const name of referencedWidgets(text)) {
      const to = this.map.get(name);
      if (to !== undefined) hits.push([name, to]);
    }
    let out = text;
    if (hits.length === 1) {
      const [from, to] = hits[0] as readonly [string, string];
      out = renameWidgetInLiquid(text, from, to);
    } else if (hits.length > 1) {
      const pending: [string, string][] = [];
      let n = 0;
      for (const [from, to] of hits) {
        let placeholder: string;
        do placeholder = `__studio_flow_diff_${n++}__`;
        while (text.includes(placeholder));
        const renamed = renameWidgetInLiquid(out, from, placeholder);
        if (renamed !== out) {
          pending.push([placeholder, to]);
          out = renamed;
        }
      }
      for (const [placeholder, to] of pending) out = renameWidgetInLiquid(out, placeholder, to);
    }
    this.cache.set(text, out);
    return out;
  }

  /** Whether `before`, its references renamed, reads `after`. */
  readonly equivalent = (before: string, after: string): boolean => this.string(before) === after;

  /** `value` with every string (deep) rewritten; the very input when nothing changed. */
  readonly value: ValueRewrite = (value) => {
    if (typeof value === 'string') return this.string(value);
    if (typeof value !== 'object' || value === null || this.map.size === 0) return value;
    if (Array.isArray(value)) {
      const items = value as unknown[];
      let out: unknown[] | undefined;
      for (let i = 0; i < items.length; i++) {
        const v = items[i];
        const r = this.value(v);
        if (r !== v) (out ??= items.slice())[i] = r;
      }
      return out ?? items;
    }
    let out: Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(value)) {
      const r = this.value(v);
      if (r !== v) (out ??= { ...value })[k] = r;
    }
    return out ?? value;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Detection

export interface RenameInput {
  base: readonly Widget[];
  changed: readonly Widget[];
  /** Base index → changed index of the widgets matched by name, -1 when unmatched. Not modified. */
  baseToChanged: Int32Array;
  changedToBase: Int32Array;
}

/** A detected rename: base index → changed index. */
export interface RenamePair {
  base: number;
  changed: number;
}

function typeKey(w: Widget): string {
  return typeof w.type === 'string' ? w.type : canonicalJson(w.type);
}

/** Everything but the name and the offset, as canonical JSON; `mapNext`/`str` rewrite the base side. */
function contentKey(w: Widget, renamer: LiquidRenamer | undefined, mapNext: (n: string) => string): string {
  const { name: _name, ...rest } = w;
  const normalized: Record<string, unknown> = { ...rest };
  if (isPlainObject(w.properties)) {
    const { offset: _offset, ...properties } = w.properties;
    normalized.properties = properties;
  }
  if (Array.isArray(w.transitions)) {
    normalized.transitions = w.transitions.map((t: Transition) =>
      typeof t.next === 'string' && t.next !== '' ? { ...t, next: mapNext(t.next) } : t,
    );
  }
  return canonicalJson(renamer === undefined ? normalized : renamer.value(normalized));
}

function leafFeatures(value: unknown, path: string, out: Set<string>): void {
  if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) leafFeatures(v, `${path}/${escapePointerToken(k)}`, out);
  } else out.add(`${path}=${canonicalJson(value)}`);
}

interface Side {
  widgets: readonly Widget[];
  /** Own index → other side's index (name matches and renames found so far), -1 when unpaired. */
  pair: Int32Array;
  /** Unpaired widget index → incoming links (source index, `event#occurrence`). */
  incoming: Map<number, { source: number; port: string }[]>;
}

/** The name a paired widget has in the changed version. */
function unionName(side: Side, other: Side, index: number, isBase: boolean): string | undefined {
  if (!isBase) return side.widgets[index]?.name;
  const j = side.pair[index] ?? -1;
  return j < 0 ? undefined : other.widgets[j]?.name;
}

/** How one side's names read in the features of a round (see `detectRenames`). */
interface Naming {
  renamer: LiquidRenamer | undefined;
  mapNext: (n: string) => string;
}

/**
 * Names of the widgets still unpaired read as this in similarity features, on both sides: two widgets that differ
 * only by which unpaired widget they lead to or mention look alike (a cycle of renamed widgets has no anchor).
 */
const UNPAIRED = '__unpaired__';

function naming(renames: ReadonlyMap<string, string>, unpaired: readonly string[]): Naming {
  const map = new Map(renames);
  for (const n of unpaired) if (!map.has(n)) map.set(n, UNPAIRED);
  return {
    renamer: map.size === 0 ? undefined : new LiquidRenamer(map),
    mapNext: (n) => map.get(n) ?? n,
  };
}

function unpairedNames(side: Side): string[] {
  const names: string[] = [];
  for (let i = 0; i < side.widgets.length; i++) {
    const name = side.widgets[i]?.name;
    if ((side.pair[i] ?? -1) < 0 && typeof name === 'string') names.push(name);
  }
  return names;
}

function features(index: number, side: Side, other: Side, isBase: boolean, names: Naming): Set<string> {
  const { renamer, mapNext } = names;
  const w = side.widgets[index] as Widget;
  const out = new Set<string>();
  const rewrite = <T>(v: T): T => (renamer === undefined ? v : (renamer.value(v) as T));
  for (const [k, v] of Object.entries(w)) {
    if (k === 'name' || k === 'transitions') continue;
    if (k === 'properties' && isPlainObject(v)) {
      for (const [pk, pv] of Object.entries(v)) {
        if (pk !== 'offset') leafFeatures(rewrite(pv), `/properties/${escapePointerToken(pk)}`, out);
      }
    } else out.add(`/${escapePointerToken(k)}=${canonicalJson(rewrite(v))}`);
  }
  if (Array.isArray(w.transitions)) {
    // unconnected ordinary outputs are left out: every widget of the type has them
    for (const e of transitionEntries(w, renamer?.value)) {
      if (e.match || e.next !== undefined)
        out.add(`→${e.key}→${e.next === undefined ? '' : mapNext(e.next)}`);
    }
  }
  for (const link of side.incoming.get(index) ?? []) {
    const source = unionName(side, other, link.source, isBase);
    if (source !== undefined) out.add(`←${source}:${link.port}`);
  }
  return out;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const f of small) if (large.has(f)) common++;
  const union = a.size + b.size - common;
  return union === 0 ? 0 : common / union;
}

/** Incoming links to the unpaired widgets of one side, from every widget of that side. */
function incomingLinks(widgets: readonly Widget[], pair: Int32Array): Side['incoming'] {
  const unpaired = new Map<string, number>();
  for (let i = 0; i < widgets.length; i++) {
    const name = widgets[i]?.name;
    if ((pair[i] ?? -1) < 0 && typeof name === 'string' && !unpaired.has(name)) unpaired.set(name, i);
  }
  const incoming: Side['incoming'] = new Map();
  if (unpaired.size === 0) return incoming;
  for (let s = 0; s < widgets.length; s++) {
    const transitions = widgets[s]?.transitions;
    if (!Array.isArray(transitions)) continue;
    const occurrences = new Map<string, number>();
    for (const t of transitions) {
      const k = occurrences.get(t.event) ?? 0;
      occurrences.set(t.event, k + 1);
      const target = typeof t.next === 'string' ? unpaired.get(t.next) : undefined;
      if (target === undefined) continue;
      let list = incoming.get(target);
      if (list === undefined) incoming.set(target, (list = []));
      list.push({ source: s, port: `${t.event}#${k}` });
    }
  }
  return incoming;
}

function unpairedByType(side: Side): Map<string, number[]> {
  const buckets = new Map<string, number[]>();
  for (let i = 0; i < side.widgets.length; i++) {
    if ((side.pair[i] ?? -1) >= 0) continue;
    const key = typeKey(side.widgets[i] as Widget);
    let list = buckets.get(key);
    if (list === undefined) buckets.set(key, (list = []));
    list.push(i);
  }
  return buckets;
}

/**
 * The renames among the widgets not matched by name, in the order found (see the module comment). Deterministic:
 * depends only on the two lists of widgets and the name matching.
 */
export function detectRenames(input: RenameInput): RenamePair[] {
  const base: Side = { widgets: input.base, pair: input.baseToChanged.slice(), incoming: new Map() };
  const changed: Side = { widgets: input.changed, pair: input.changedToBase.slice(), incoming: new Map() };
  const found: RenamePair[] = [];
  if (!base.pair.includes(-1) || !changed.pair.includes(-1)) return found;
  base.incoming = incomingLinks(base.widgets, base.pair);
  changed.incoming = incomingLinks(changed.widgets, changed.pair);
  const renames = new Map<string, string>();
  /** The changed side is never rewritten: its content keys hold across rounds. */
  const changedKeys = new Map<number, string>();

  const take = (b: number, c: number): void => {
    base.pair[b] = c;
    changed.pair[c] = b;
    found.push({ base: b, changed: c });
    const from = base.widgets[b]?.name;
    const to = changed.widgets[c]?.name;
    if (typeof from === 'string' && typeof to === 'string' && !renames.has(from)) renames.set(from, to);
  };

  for (let round = 0; round < MAX_ROUNDS; round++) {
    // the renames known when the round starts (pairs taken during the round count from the next one)
    const known = new Map(renames);
    const renamer = known.size === 0 ? undefined : new LiquidRenamer(known);
    const mapNext = (n: string): string => known.get(n) ?? n;
    const identity = (n: string): string => n;
    const baseBuckets = unpairedByType(base);
    const changedBuckets = unpairedByType(changed);
    const before = found.length;

    for (const [type, bs] of baseBuckets) {
      const cs = changedBuckets.get(type);
      if (cs === undefined) continue;
      const byContent = new Map<string, number[]>();
      for (const c of cs) {
        let key = changedKeys.get(c);
        if (key === undefined)
          changedKeys.set(c, (key = contentKey(changed.widgets[c] as Widget, undefined, identity)));
        const list = byContent.get(key);
        if (list === undefined) byContent.set(key, [c]);
        else list.push(c);
      }
      for (const b of bs) {
        const list = byContent.get(contentKey(base.widgets[b] as Widget, renamer, mapNext));
        const c = list?.shift();
        if (c !== undefined) take(b, c);
      }
    }
    if (found.length > before) continue;

    const baseNaming = naming(known, unpairedNames(base));
    const changedNaming = naming(new Map(), unpairedNames(changed));
    const candidates: { score: number; b: number; c: number }[] = [];
    for (const [type, bs] of baseBuckets) {
      const cs = changedBuckets.get(type);
      if (cs === undefined) continue;
      const cFeatures = new Map<number, Set<string>>();
      for (const c of cs) cFeatures.set(c, features(c, changed, base, false, changedNaming));
      const bFeatures = new Map<number, Set<string>>();
      for (const b of bs) bFeatures.set(b, features(b, base, changed, true, baseNaming));
      if (bs.length * cs.length <= PAIR_BUDGET) {
        for (const b of bs) {
          const fb = bFeatures.get(b) as Set<string>;
          for (const c of cs) {
            const score = jaccard(fb, cFeatures.get(c) as Set<string>);
            if (score >= RENAME_THRESHOLD) candidates.push({ score, b, c });
          }
        }
      } else {
        const postings = new Map<string, number[]>();
        for (const c of cs) {
          for (const f of cFeatures.get(c) as Set<string>) {
            const list = postings.get(f);
            if (list === undefined) postings.set(f, [c]);
            else list.push(c);
          }
        }
        for (const b of bs) {
          const fb = bFeatures.get(b) as Set<string>;
          const seen = new Set<number>();
          for (const f of fb) {
            const list = postings.get(f);
            if (list === undefined || list.length > RARE_FEATURE) continue;
            for (const c of list) {
              if (seen.has(c)) continue;
              seen.add(c);
              const score = jaccard(fb, cFeatures.get(c) as Set<string>);
              if (score >= RENAME_THRESHOLD) candidates.push({ score, b, c });
            }
          }
        }
      }
    }
    candidates.sort((x, y) => y.score - x.score || x.b - y.b || x.c - y.c);
    for (const { b, c } of candidates) {
      if ((base.pair[b] ?? -1) < 0 && (changed.pair[c] ?? -1) < 0) take(b, c);
    }
    // new renames may make more widgets match exactly: the next round starts with exact matching again
    if (found.length === before) break;
  }
  return found;
}
