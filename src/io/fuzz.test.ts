/**
 * Fuzz: a few hundred mutated corpus flows, seeded and reproducible (FUZZ_SEED, FUZZ_CASES), through the restore
 * boundary (text, bytes, canvas widgets, values read back from storage) and through the CLI (validate --json,
 * export, diff), in process. Whatever the input:
 * - nothing throws, and every verdict is either a flow or one error with a code and a message that says where
 *   (line and column inside the text, or a pointer);
 * - a flow that opens exports to text that opens again as the same value (nothing silently changed), unless the
 *   boundary said what it could not keep (a note) or validation reports a value JSON cannot hold;
 * - the CLI exits with 0, 1 or 2, prints parseable JSON with --json, never a stack trace, and caps its problems.
 * A failure prints the seed and the case number: `FUZZ_SEED=<seed> npx vitest run src/io/fuzz.test.ts` replays it.
 */
import { describe, expect, it } from 'vitest';
import { exportFiles, validateFiles, diffFiles } from '../cli/commands';
import { isObject } from '../model/object';
import type { FlowDefinition } from '../model/types';
import { corpusFiles, LEGACY_FILE } from '../testing/corpus';
import { MAX_JSON_DEPTH } from './json';
import {
  importFlowBytes,
  importFlowText,
  importFlowValue,
  restoreWidgetsText,
  type ImportResult,
} from './restore';
import { serializeDefinition } from './serialize';

const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const CASES = Number(process.env.FUZZ_CASES ?? 300);

/** mulberry32: the same seed gives the same cases on every machine. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
const int = (random: Random, n: number): number => Math.floor(random() * n);

const HOSTILE_VALUES: readonly unknown[] = [
  null,
  0,
  -1,
  1e308,
  '',
  '{{',
  '{{ widgets.',
  '{% if %}',
  '__proto__',
  'constructor',
  '\u0000',
  '\ud800',
  '<img src=x onerror=alert(1)>',
  [],
  {},
  [[[[]]]],
  { __proto__: { polluted: true } },
  'x'.repeat(10_000),
  '{{'.repeat(2_000),
  true,
];

/** Every path to a node of the value: [parent, key] pairs. */
function nodes(value: unknown): [Record<string, unknown> | unknown[], string | number][] {
  const out: [Record<string, unknown> | unknown[], string | number][] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0 && out.length < 20_000) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        out.push([v, i]);
        stack.push(x);
      });
    } else if (isObject(v)) {
      for (const k of Object.keys(v)) {
        out.push([v, k]);
        stack.push(v[k]);
      }
    }
  }
  return out;
}

/** A structural mutation of a parsed flow: a value replaced, a key deleted, a transition duplicated… */
function mutateValue(random: Random, def: unknown): unknown {
  const all = nodes(def);
  const count = 1 + int(random, 4);
  for (let i = 0; i < count && all.length > 0; i++) {
    const [parent, key] = pick(random, all);
    const choice = int(random, 6);
    if (choice === 0 && !Array.isArray(parent)) Reflect.deleteProperty(parent, key);
    else if (choice === 1 && Array.isArray(parent) && typeof key === 'number')
      parent.splice(key, 0, parent[key]);
    else if (choice === 2) {
      const v = (parent as Record<string | number, unknown>)[key];
      (parent as Record<string | number, unknown>)[key] =
        typeof v === 'string' ? `${v}${pick(random, ['}}', '{{', '|', '\\'])}` : v;
    } else (parent as Record<string | number, unknown>)[key] = structuredClone(pick(random, HOSTILE_VALUES));
  }
  return def;
}

/** A textual mutation: what a bad copy, a truncated download or a hand edit does to JSON text. */
function mutateText(random: Random, text: string): string {
  const at = int(random, text.length + 1);
  switch (int(random, 9)) {
    case 0:
      return text.slice(0, at); // truncated
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + int(random, 20)); // bytes lost
    case 2:
      return (
        text.slice(0, at) +
        pick(random, ['{', '}', '[', ']', ',', ':', '"', '\\', '\u0000', '\ufeff']) +
        text.slice(at)
      );
    case 3:
      return text.slice(0, at) + text.slice(Math.max(0, at - 200), at) + text.slice(at); // duplicated slice
    case 4:
      return text.replace(
        /(\d+)(?=[,\n\s}])/,
        pick(random, ['1e400', '-1e400', '1e-400', '12345678901234567890', '0.10000000000000000001']),
      );
    case 5:
      return `${'['.repeat(MAX_JSON_DEPTH + 10)}${text}`;
    case 6:
      return `\ufeff${text}`;
    case 7:
      return text.replace(/"next": "[^"]*"/, '"next": 42');
    default:
      return JSON.stringify(text); // double-encoded
  }
}

interface Case {
  n: number;
  source: string;
  kind: 'value' | 'text' | 'bytes';
  text: string;
  bytes?: Uint8Array;
}

function makeCases(): Case[] {
  const random = rng(SEED);
  const flows = corpusFiles().filter((f) => f.file !== LEGACY_FILE);
  const cases: Case[] = [];
  for (let n = 0; n < CASES; n++) {
    const source = pick(random, flows);
    const kind = pick(random, ['value', 'value', 'text', 'text', 'bytes'] as const);
    if (kind === 'value') {
      const value = mutateValue(random, JSON.parse(source.text));
      cases.push({ n, source: source.file, kind, text: JSON.stringify(value, null, 2) });
    } else if (kind === 'text') {
      cases.push({ n, source: source.file, kind, text: mutateText(random, source.text) });
    } else {
      const bytes = new TextEncoder().encode(source.text);
      const at = int(random, bytes.length);
      const bad = pick(random, [[0xe9], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff], [0xf4, 0x90, 0x80, 0x80]]);
      const mutated = new Uint8Array([...bytes.subarray(0, at), ...bad, ...bytes.subarray(at)]);
      cases.push({ n, source: source.file, kind, text: source.text, bytes: mutated });
    }
  }
  return cases;
}

/** A verdict is a flow or one located error. */
function checkVerdict(result: ImportResult, text: string | null): void {
  if (!result.ok) {
    expect(result.error.code).toMatch(/^[a-z.-]+$/);
    expect(result.error.message.length).toBeGreaterThan(10);
    if (result.error.line !== undefined && text !== null) {
      const lines = text.split(/\r\n|\r|\n/).length;
      expect(result.error.line).toBeGreaterThanOrEqual(1);
      expect(result.error.line).toBeLessThanOrEqual(lines);
      expect(result.error.column).toBeGreaterThanOrEqual(1);
    }
    return;
  }
  for (const flow of result.flows) {
    // Opened: exporting and opening again gives the same value (what could not be kept was said in a note).
    const exported = serializeDefinition(flow.definition);
    const again = importFlowText(exported);
    expect(again.ok).toBe(true);
    if (!again.ok) continue;
    expect(serializeDefinition(again.flows[0]?.definition as FlowDefinition)).toBe(exported);
  }
}

const cases = makeCases();

describe(`fuzz (seed ${SEED}, ${CASES} cases)`, () => {
  it('the restore boundary gives a flow or a located error for every mutated flow, and never throws', () => {
    for (const c of cases) {
      try {
        if (c.kind === 'bytes' && c.bytes) {
          const result = importFlowBytes(c.bytes);
          if (!result.ok) expect(result.error.code, `case ${c.n}`).toBe('encoding');
          checkVerdict(result, null);
        } else {
          checkVerdict(importFlowText(c.text), c.text);
          // The same text read back from storage as a value (what autosave restores).
          let value: unknown;
          try {
            value = JSON.parse(c.text);
          } catch {
            continue;
          }
          const fromValue = importFlowValue(value);
          const fromText = importFlowText(c.text);
          expect(fromValue.ok, `case ${c.n}`).toBe(fromText.ok);
          if (!fromValue.ok && !fromText.ok) expect(fromValue.error.message).toBe(fromText.error.message);
          // Pasted on the canvas: widgets or one located error.
          const widgets = restoreWidgetsText(c.text);
          if (!widgets.ok) expect(widgets.error.message.length).toBeGreaterThan(10);
        }
      } catch (error) {
        throw new Error(`fuzz case ${c.n} (seed ${SEED}, ${c.kind} of ${c.source}): ${String(error)}`, {
          cause: error,
        });
      }
    }
  });

  it('the CLI validates, exports and diffs every mutated flow with a located verdict, a capped report, no crash', () => {
    const inputs = cases.map((c) => ({ file: `case-${c.n}.json`, text: c.text }));
    const reports = validateFiles(inputs, 'studio');
    expect(reports.length).toBeGreaterThanOrEqual(inputs.length);
    for (const report of reports) {
      expect(() => JSON.stringify(report)).not.toThrow();
      for (const p of report.problems) {
        expect(['error', 'warning', 'info']).toContain(p.severity);
        expect(p.message).not.toMatch(/\n\s+at /); // no stack trace
      }
      // Capped per rule and widget: never thousands of the same problem.
      const perKey = new Map<string, number>();
      for (const p of report.problems)
        perKey.set(`${p.widget ?? ''} ${p.code}`, (perKey.get(`${p.widget ?? ''} ${p.code}`) ?? 0) + 1);
      expect(Math.max(0, ...perKey.values()), report.file).toBeLessThanOrEqual(50);
    }
    for (const exported of exportFiles(inputs, { canonical: false })) {
      if (exported.output === null) expect(exported.error).toBeTruthy();
      else expect(importFlowText(exported.output).ok).toBe(true);
    }
    for (let i = 0; i + 1 < inputs.length; i += 10) {
      const result = diffFiles(
        inputs[i] as (typeof inputs)[number],
        inputs[i + 1] as (typeof inputs)[number],
        {
          format: 'md',
          includeLayout: false,
        },
      );
      expect([0, 1, 2]).toContain(result.code);
    }
  });

  it('is reproducible: the same seed makes the same cases', () => {
    const again = makeCases();
    expect(again.map((c) => c.text)).toEqual(cases.map((c) => c.text));
  });
});
