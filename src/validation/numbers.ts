/**
 * Numbers JSON cannot hold. `1e400` is valid JSON text, but `JSON.parse` reads it as Infinity, and
 * `JSON.stringify` writes Infinity (and NaN) as `null`: a flow holding one changes silently when it is exported or
 * deployed. The validator reports each such number where it is (`value.non-finite`).
 *
 * Every widget is looked at, so the common case is cheap: a quick recursive look, limited in depth and size, that
 * allocates nothing clears a value holding only finite numbers. Anything else gets the full walk, which covers
 * every value at any depth without recursion (no stack overflow on deeply nested input) and visits each object
 * once: definitions from `JSON.parse` are trees, but a document built in code may share sub-objects, and walking a
 * shared sub-object once per path to it could take exponential time.
 */

/** The code of a number that is not finite. */
export const NON_FINITE_CODE = 'value.non-finite';

interface Frame {
  node: object;
  /** Keys of an object; null for an array. */
  keys: string[] | null;
  length: number;
  next: number;
  /** Non-finite numbers found inside, so far. */
  found: number;
}

/** What the quick look (`surelyFinite`) visits at most, and how deep it goes, before leaving it to the full walk. */
const QUICK_VISITS = 100_000;
const QUICK_DEPTH = 64;

/**
 * Whether `root` certainly holds only finite numbers: a quick recursive look that allocates nothing, for the common
 * case (nearly every widget), and gives up (false) on the first non-finite number or when the value is very large
 * or deep; the full walk then does the work.
 */
function surelyFinite(root: unknown): boolean {
  quickBudget = QUICK_VISITS;
  return look(root, 0);
}

let quickBudget = 0;

function look(v: unknown, depth: number): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v !== 'object' || v === null) return true;
  if (depth > QUICK_DEPTH) return false;
  if (Array.isArray(v)) {
    quickBudget -= v.length;
    if (quickBudget < 0) return false;
    for (const x of v as unknown[]) if (!look(x, depth + 1)) return false;
    return true;
  }
  for (const k in v) {
    if (--quickBudget < 0 || !look((v as Record<string, unknown>)[k], depth + 1)) return false;
  }
  return true;
}

function frameOf(node: object, open: Set<object>): Frame {
  open.add(node);
  if (Array.isArray(node)) return { node, keys: null, length: node.length, next: 0, found: 0 };
  const keys = Object.keys(node);
  return { node, keys, length: keys.length, next: 0, found: 0 };
}

/**
 * Finds every number inside `root` that is not finite, in document order. `report` gets each one's path (the
 * segments from `root`, valid only during the call) and returns whether it wants more; once it does not, the rest
 * are only counted. Returns how many there are in all (listed or not).
 */
export function findNonFinite(
  root: unknown,
  report: (segments: readonly string[], value: number) => boolean,
): number {
  if (typeof root === 'number') {
    if (Number.isFinite(root)) return 0;
    report([], root);
    return 1;
  }
  if (typeof root !== 'object' || root === null || surelyFinite(root)) return 0;
  let listing = true;
  let total = 0;
  const segments: string[] = [];
  // Objects walked to the end, with how many they hold; objects on the current path (a cycle, not JSON).
  const done = new Map<object, number>();
  const open = new Set<object>();
  const stack: Frame[] = [frameOf(root, open)];
  while (stack.length > 0) {
    const f = stack[stack.length - 1] as Frame;
    if (f.next >= f.length) {
      stack.pop();
      open.delete(f.node);
      done.set(f.node, f.found);
      const parent = stack[stack.length - 1];
      if (parent) {
        parent.found += f.found;
        segments.pop();
      }
      continue;
    }
    const i = f.next++;
    const key = f.keys === null ? String(i) : (f.keys[i] as string);
    const child: unknown =
      f.keys === null ? (f.node as unknown[])[i] : (f.node as Record<string, unknown>)[key];
    if (typeof child === 'number') {
      if (Number.isFinite(child)) continue;
      f.found++;
      total++;
      if (listing) {
        segments.push(key);
        listing = report(segments, child);
        segments.pop();
      }
    } else if (typeof child === 'object' && child !== null) {
      if (open.has(child)) continue;
      const known = done.get(child);
      // A shared object seen before: nothing to list in it, or nothing more wanted; only its count matters.
      if (known !== undefined && (known === 0 || !listing)) {
        f.found += known;
        total += known;
        continue;
      }
      segments.push(key);
      stack.push(frameOf(child, open));
    }
  }
  return total;
}

/** What a non-finite number is, for messages: "too large for JSON (it becomes Infinity)". */
function what(value: number): string {
  if (Number.isNaN(value)) return 'not a number (NaN)';
  return value > 0
    ? 'a number too large for JSON (it becomes Infinity)'
    : 'a negative number too large for JSON (it becomes -Infinity)';
}

/**
 * The message for a non-finite number at `field` (`timeout`, `flags.x[0]`); `offset` names the coordinate when it
 * is a widget's position (`x` / `y`), whose clamped place on the canvas is said too.
 */
export function nonFiniteMessage(field: string, value: number, offset?: 'x' | 'y'): string {
  const fix = Number.isNaN(value) ? 'Write a number.' : 'Write a smaller number.';
  const drawn =
    offset === undefined
      ? ''
      : '; the canvas cannot show the widget there, so it draws it laid out or at its edge';
  return `\`${field}\` is ${what(value)}: Studio cannot store it, and it would be exported as null${drawn}. ${fix}`;
}
