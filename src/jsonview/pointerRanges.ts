/**
 * JSON pointer -> text range, for the JSON view: which characters of the editor's text hold `/states/3` or
 * `/states/3/properties/body`. One pass over the text; only the pointers a caller asks for are recorded, so a
 * definition of several MB costs one scan and a small map. Pure: no Monaco, no DOM (unit-tested in Node).
 *
 * The text is expected to be valid JSON (it is either what the store serialized or text that just parsed). On
 * malformed text the scan stops where it fails and returns what it found up to there.
 */

/** Half-open range of character offsets `[start, end)` of a value; `keyStart` is where its property key starts. */
export interface TextRange {
  start: number;
  end: number;
  keyStart?: number;
}

/** RFC 6901 reference token escaping. */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

class Malformed extends Error {}

/** Ranges of every value whose pointer `want` accepts. */
export function scanPointers(text: string, want: (pointer: string) => boolean): Map<string, TextRange> {
  const out = new Map<string, TextRange>();
  const n = text.length;
  let i = 0;

  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
  };
  const expectMore = () => {
    if (i >= n) throw new Malformed();
  };
  const str = (): string => {
    if (text.charCodeAt(i) !== 34) throw new Malformed();
    const start = i;
    i++;
    let escaped = false;
    for (;;) {
      expectMore();
      const c = text.charCodeAt(i);
      if (c === 92) {
        escaped = true;
        i += 2;
      } else {
        i++;
        if (c === 34) break;
      }
    }
    return escaped ? (JSON.parse(text.slice(start, i)) as string) : text.slice(start + 1, i - 1);
  };
  const value = (pointer: string, keyStart: number | undefined): void => {
    ws();
    expectMore();
    const start = i;
    const c = text.charCodeAt(i);
    if (c === 123) {
      i++;
      ws();
      if (text.charCodeAt(i) === 125) i++;
      else {
        for (;;) {
          ws();
          const ks = i;
          const key = str();
          ws();
          if (text.charCodeAt(i) !== 58) throw new Malformed();
          i++;
          value(`${pointer}/${escapePointerToken(key)}`, ks);
          ws();
          expectMore();
          const d = text.charCodeAt(i++);
          if (d === 125) break;
          if (d !== 44) throw new Malformed();
        }
      }
    } else if (c === 91) {
      i++;
      ws();
      if (text.charCodeAt(i) === 93) i++;
      else {
        for (let k = 0; ; k++) {
          value(`${pointer}/${k}`, undefined);
          ws();
          expectMore();
          const d = text.charCodeAt(i++);
          if (d === 93) break;
          if (d !== 44) throw new Malformed();
        }
      }
    } else if (c === 34) {
      str();
    } else {
      // number, true, false, null
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9) break;
        i++;
      }
      if (i === start) throw new Malformed();
    }
    if (want(pointer))
      out.set(pointer, keyStart === undefined ? { start, end: i } : { start, end: i, keyStart });
  };

  try {
    value('', undefined);
  } catch (error) {
    if (!(error instanceof Malformed) && !(error instanceof SyntaxError)) throw error;
  }
  return out;
}

/** Every pointer and its ancestors ('' included): what `rangesForPointers` records. */
function withAncestors(pointers: Iterable<string>): Set<string> {
  const set = new Set<string>(['']);
  for (const p of pointers) {
    let q = p;
    while (q !== '' && !set.has(q)) {
      set.add(q);
      q = q.slice(0, q.lastIndexOf('/'));
    }
  }
  return set;
}

/**
 * The range of each pointer, or of its nearest ancestor present in the text when the pointer itself is not (a
 * missing required property is reported at a pointer the text does not hold yet).
 */
export function rangesForPointers(text: string, pointers: Iterable<string>): Map<string, TextRange> {
  const wanted = [...pointers];
  const set = withAncestors(wanted);
  const found = scanPointers(text, (p) => set.has(p));
  const result = new Map<string, TextRange>();
  for (const p of wanted) {
    let q = p;
    for (;;) {
      const range = found.get(q);
      if (range) {
        result.set(p, range);
        break;
      }
      if (q === '') break;
      q = q.slice(0, q.lastIndexOf('/'));
    }
  }
  return result;
}

const STATE_POINTER = /^\/states\/(\d+)(\/name)?$/;

/** One state of the definition in the text: its whole range and its name when `name` is a string. */
export interface StateRange {
  index: number;
  range: TextRange;
  name?: string;
  nameRange?: TextRange;
}

/** The ranges of `/states/<i>` (and their `name`), in order. */
export function stateRanges(text: string): StateRange[] {
  const found = scanPointers(text, (p) => STATE_POINTER.test(p));
  const states: StateRange[] = [];
  for (const [pointer, range] of found) {
    const m = STATE_POINTER.exec(pointer);
    if (!m || m[2] !== undefined) continue;
    const index = Number(m[1]);
    const entry: StateRange = { index, range };
    const nameRange = found.get(`${pointer}/name`);
    if (nameRange) {
      try {
        const name: unknown = JSON.parse(text.slice(nameRange.start, nameRange.end));
        if (typeof name === 'string') {
          entry.name = name;
          entry.nameRange = nameRange;
        }
      } catch {
        // not a value we can read: no name
      }
    }
    states.push(entry);
  }
  return states.sort((a, b) => a.index - b.index);
}

/** The state whose range contains `offset`, if any (binary search over `stateRanges` output). */
export function stateAt(states: readonly StateRange[], offset: number): StateRange | undefined {
  let lo = 0;
  let hi = states.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = states[mid];
    if (!s) return undefined;
    if (offset < s.range.start) hi = mid - 1;
    else if (offset >= s.range.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}
