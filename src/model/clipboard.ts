/**
 * Copy and paste of widgets, within a flow and between browser tabs, as Studio JSON text
 * (`{ "states": [ … ] }`, the shape of a flow definition's `states`).
 *
 * Pasting gives the widgets names free in the flow (Studio's duplicate pattern `Copy_of_<name>`, `Copy_of_<name>_2`,
 * …), keeps the links among them, drops the links that leave the group, renames the Liquid references among them
 * and keeps the group's shape on the canvas.
 *
 * Pure TypeScript: no DOM, no Node built-ins (the system clipboard is the app's business).
 */
import { renameLiquidReferences, TRIGGER_TYPE, type NameCheck } from './commands';
import { referencedWidgets } from './liquid';
import { toWidgetNameAlphabet, WIDGET_NAME_MAX_LENGTH, widgetNameError } from './names';
import { isObject } from './object';
import type { FlowDefinition, Offset, Transition, Widget } from './types';

export interface PasteOptions {
  /** Top-left of the pasted group on the canvas (e.g. the pointer). */
  at?: Offset;
  /** Without `at`: how far the group moves from where it was copied. Default `{ x: 40, y: 40 }`. */
  nudge?: Offset;
  /**
   * The registry's name rules (see `NameCheck`), applied to every name the paste gives. Without it names are kept
   * to Studio's widget-name rules (names.ts: its alphabet, 128 characters at most), unique regardless of case.
   */
  checkName?: NameCheck;
}

export interface PasteResult {
  /** The definition with the pasted widgets appended (the input itself when nothing was pasted). */
  def: FlowDefinition;
  /** The names the pasted widgets got, in clipboard order (Trigger states skipped). */
  pasted: string[];
}

export const DEFAULT_NUDGE: Offset = Object.freeze({ x: 40, y: 40 });

const COPY_PREFIX = 'Copy_of_';
const MAX_NAME_ATTEMPTS = 10_000;

// ---------------------------------------------------------------------------------------------------------------
// Copy

/**
 * The named widgets as clipboard text: `{ "states": [ … ] }` with the states exactly as they are, in flow order,
 * pretty-printed with 2 spaces. The Trigger is never copied; names no widget has are ignored.
 */
export function copyWidgets(def: FlowDefinition, names: Iterable<string>): string {
  const wanted = new Set(names);
  const states = def.states.filter((w) => wanted.has(w.name) && w.type !== TRIGGER_TYPE);
  return JSON.stringify({ states }, null, 2);
}

// ---------------------------------------------------------------------------------------------------------------
// Paste

/** `base` + `suffix`, `base` shortened so that the whole fits Studio's length limit. */
function fit(base: string, suffix: string): string {
  return base.slice(0, Math.max(1, WIDGET_NAME_MAX_LENGTH - suffix.length)) + suffix;
}

/** Names the pasted widgets get, in order; `reserved` holds lower-cased names no new name may take. */
function allocateNames(
  originals: readonly string[],
  flowNames: readonly string[],
  reserved: Set<string>,
  checkName: NameCheck | undefined,
): string[] {
  const taken = [...flowNames];
  const free = (name: string): boolean =>
    !reserved.has(name.toLowerCase()) && (checkName === undefined || checkName(name, taken) === null);
  const flowLower = new Set(flowNames.map((n) => n.toLowerCase()));

  // Widgets whose name is valid and free keep it (the first of equal names does); the others avoid those names.
  const keep = originals.map((name) => {
    const lower = name.toLowerCase();
    if (widgetNameError(name) !== null || flowLower.has(lower) || reserved.has(lower)) return false;
    if (checkName !== undefined && checkName(name, flowNames.slice()) !== null) return false;
    reserved.add(lower);
    return true;
  });
  // no new name may be the old name of a pasted widget (so Liquid renames cannot chain)
  for (const name of originals) reserved.add(name.toLowerCase());

  return originals.map((name, i) => {
    if (keep[i] === true) {
      taken.push(name);
      return name;
    }
    const base = toWidgetNameAlphabet(name);
    const candidates = function* (): Generator<string> {
      if (base !== name) yield fit(base, '');
      yield fit(COPY_PREFIX + base, '');
      for (let n = 2; n < MAX_NAME_ATTEMPTS; n++) yield fit(COPY_PREFIX + base, `_${n}`);
    };
    for (const candidate of candidates()) {
      if (free(candidate)) {
        reserved.add(candidate.toLowerCase());
        taken.push(candidate);
        return candidate;
      }
    }
    throw new Error(`pasteWidgets: found no free name for “${name}”.`);
  });
}

/** Every widget name a Liquid string of `w` references (properties, split conditions). */
function liquidWidgetRefs(w: Widget, into: Set<string>): void {
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const name of referencedWidgets(v)) into.add(name.toLowerCase());
    } else if (Array.isArray(v)) {
      for (const x of v as unknown[]) walk(x);
    } else if (isObject(v)) {
      for (const key of Object.keys(v)) walk(v[key]);
    }
  };
  walk(w.properties);
  for (const t of w.transitions) walk(t.conditions);
}

function isPosition(v: unknown): v is Offset {
  return (
    isObject(v) &&
    typeof v.x === 'number' &&
    typeof v.y === 'number' &&
    Number.isFinite(v.x) &&
    Number.isFinite(v.y)
  );
}

/**
 * Pastes `states` (e.g. from the restore boundary's `restoreWidgetsText`, src/io) into `def`, appended after its widgets, as new objects (never shared
 * with `states`):
 * - Trigger states are skipped;
 * - each widget keeps its name when that is valid and free, else gets `Copy_of_<name>`, `Copy_of_<name>_2`, … (names
 *   never clash with the flow, with each other, or with a widget the pasted Liquid mentions);
 * - links among the pasted widgets follow them to their new names; links to any other widget are dropped (the
 *   transition stays, without `next`);
 * - Liquid references to pasted widgets follow them; references to other widgets are left as they are;
 * - the group keeps its shape: its top-left goes to `at`, or everything moves by `nudge` (default 40, 40); a widget
 *   without a position goes to the group's top-left. Positions are rounded to integers.
 */
export function pasteWidgets(
  def: FlowDefinition,
  states: readonly Widget[],
  options: PasteOptions = {},
): PasteResult {
  const source = states.filter((w) => w.type !== TRIGGER_TYPE);
  if (source.length === 0) return { def, pasted: [] };

  const flowNames = def.states.map((w) => w.name);
  const reserved = new Set(flowNames.map((n) => n.toLowerCase()));
  const pastedLower = new Set(source.map((w) => w.name.toLowerCase()));
  const mentioned = new Set<string>();
  for (const w of source) liquidWidgetRefs(w, mentioned);
  for (const name of mentioned) {
    // a reference to a widget outside the group must not come to mean a pasted widget
    if (!pastedLower.has(name)) reserved.add(name);
  }
  const names = allocateNames(
    source.map((w) => w.name),
    flowNames,
    reserved,
    options.checkName,
  );

  // old name -> new name; the first of equal names is the one links and references mean
  const renames = new Map<string, string>();
  source.forEach((w, i) => {
    if (!renames.has(w.name)) renames.set(w.name, names[i] ?? w.name);
  });

  // where the group goes
  let minX = Infinity;
  let minY = Infinity;
  for (const w of source) {
    const o = w.properties.offset;
    if (isPosition(o)) {
      minX = Math.min(minX, o.x);
      minY = Math.min(minY, o.y);
    }
  }
  if (minX === Infinity) minX = minY = 0;
  const nudge = options.nudge ?? DEFAULT_NUDGE;
  const dx = options.at ? options.at.x - minX : nudge.x;
  const dy = options.at ? options.at.y - minY : nudge.y;
  const place = (o: Offset | undefined): Offset => {
    const x = Math.round((o ? o.x : minX) + dx);
    const y = Math.round((o ? o.y : minY) + dy);
    if (!Number.isFinite(x) || !Number.isFinite(y))
      throw new Error('pasteWidgets: the paste position is not finite.');
    return { x: x === 0 ? 0 : x, y: y === 0 ? 0 : y };
  };

  const pasted = source.map((original, i) => {
    let w = structuredClone(original);
    w.name = names[i] ?? w.name;
    // links: retarget inside the group, drop the rest (first, while `next` still holds the old names)
    w.transitions = w.transitions.map((t): Transition => {
      if (!Object.hasOwn(t, 'next')) return t;
      const target = t.next === undefined ? undefined : renames.get(t.next);
      if (target !== undefined) {
        t.next = target;
        return t;
      }
      return Object.fromEntries(Object.entries(t).filter(([k]) => k !== 'next')) as Transition;
    });
    // Liquid: no new name is the old name of another pasted widget, so renaming one after the other is safe
    for (const [from, to] of renames) w = renameLiquidReferences(w, from, to);
    const old = w.properties.offset;
    const position = place(isPosition(old) ? old : undefined);
    w.properties = {
      ...w.properties,
      offset: isObject(old) ? { ...old, x: position.x, y: position.y } : position,
    };
    return w;
  });

  return { def: { ...def, states: [...def.states, ...pasted] }, pasted: pasted.map((w) => w.name) };
}

/** Duplicates the named widgets in place (copy, then paste nudged by 40, 40): the Trigger is not duplicated. */
export function duplicateWidgets(
  def: FlowDefinition,
  names: Iterable<string>,
  options: PasteOptions = {},
): PasteResult {
  const wanted = new Set(names);
  const states = def.states.filter((w) => wanted.has(w.name));
  return pasteWidgets(def, states, options);
}
