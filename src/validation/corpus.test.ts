/**
 * The validator on the 141 real flows of ../shared/corpus: what each profile must say about each file, and the
 * equivalence of the shallow-root + per-type compilation with the full root schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FlowDefinition, Problem } from '../model/types';
import type { Profile } from '../schema/schemas';
import { compiledProfile, compileFullRoot } from './compile';
import { valueAt } from './paths';
import { validateDefinition } from './index';

const CORPUS = new URL('../../../shared/corpus/', import.meta.url);
const LEGACY = 'real/accfb-foodnow__flow-old.json';

interface CorpusFile {
  file: string;
  def: FlowDefinition;
}

function load(dir: string): CorpusFile[] {
  const base = new URL(`${dir}/`, CORPUS);
  return readdirSync(base)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      file: `${dir}/${f}`,
      def: JSON.parse(readFileSync(new URL(f, base), 'utf8')) as FlowDefinition,
    }));
}

const ALL = [...load('real'), ...load('techmatters')];
const MODERN = ALL.filter((c) => c.file !== LEGACY);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

describe('the corpus', () => {
  it('has 141 flows, one of them the legacy format (left out: io rejects it before validation)', () => {
    expect(ALL).toHaveLength(141);
    const legacy = ALL.find((c) => c.file === LEGACY);
    expect(legacy).toBeDefined();
    const def = legacy?.def as unknown as Record<string, unknown>;
    // The pre-2019 format: no initial_state, PascalCase types.
    expect(def.initial_state).toBeUndefined();
    expect((def.states as { type: string }[]).some((s) => s.type === 'InitialState')).toBe(true);
  });

  it('validating the legacy file does not throw (it is reported, not crashed on)', () => {
    const def = ALL.find((c) => c.file === LEGACY)?.def as FlowDefinition;
    for (const profile of ['studio', 'official'] as const) {
      const problems = validateDefinition(def, { profile });
      expect(problems.some((p) => p.code === 'schema.unknown-type' && p.message.includes('pre-2019'))).toBe(
        true,
      );
      expect(problems.some((p) => p.code === 'lint.initial-state-missing')).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------

/** Unreachable widgets per file: README's list for real/, and the 12 widgets in 10 techmatters/ files. */
const UNREACHABLE: Record<string, number> = {
  'real/tm__ca_988camh.json': 4,
  'real/tm__hu_voice-ivr.json': 3,
  'real/tm__ca_khp_main.json': 1,
  'real/tm__co_whatsapp-templates.json': 1,
  'real/webchat-react-app__studio-flow.json': 1,
  'real/ft__volunteer-communication-center__Chatbot-Integration_flow.json': 1,
  'techmatters/tm__et_messaging-chatbot-operating-hours-v2.json': 2,
  'techmatters/tm__et_messaging-chatbot-operating-hours.json': 2,
  'techmatters/tm__gy_voice-sd.json': 1,
  'techmatters/tm__templates_studio-flows_voice-basic-sd.json': 1,
  'techmatters/tm__templates_studio-flows_voice-basic.json': 1,
  'techmatters/tm__templates_studio-flows_voice-blocking-no-op-hours-rec-sd.json': 1,
  'techmatters/tm__templates_studio-flows_voice-blocking-no-op-hours-sd.json': 1,
  'techmatters/tm__usnc_voice-blocking-no-op-hours-rec-sd_copy.json': 1,
  'techmatters/tm__usvc_voice-dcvh-sd.json': 1,
  'techmatters/tm__usvc_voice-vc-sd.json': 1,
};

describe('studio profile on the corpus', () => {
  const results = MODERN.map((c) => ({ ...c, problems: validateDefinition(c.def) }));

  it.each(results.map((r) => [r.file, r] as const))(
    '%s: errors and unreachable widgets as expected',
    (file, r) => {
      const errors = r.problems.filter((p) => p.severity === 'error');
      if (file === 'real/ft__vaccine-standby-list__sms-studio-flow.json') {
        expect(errors).toEqual([
          {
            severity: 'error',
            code: 'lint.dangling-next',
            message: '“Goodbye” → event “sent” leads to “SaveToAirtable”, which does not exist',
            widget: 'Goodbye',
            pointer: '/states/13/transitions/0/next',
            field: 'transitions.sent.next',
          },
        ]);
      } else {
        expect(errors).toEqual([]);
      }
      const unreachable = r.problems.filter((p) => p.code === 'lint.unreachable');
      expect(unreachable).toHaveLength(UNREACHABLE[file] ?? 0);
      for (const p of unreachable) expect(p.severity).toBe('warning');
    },
  );

  it('finds 12 unreachable widgets in techmatters/ (README: "12 files"; they are 12 widgets in 10 files)', () => {
    const tm = results.filter((r) => r.file.startsWith('techmatters/'));
    const files = tm.filter((r) => r.problems.some((p) => p.code === 'lint.unreachable'));
    const widgets = tm.flatMap((r) => r.problems.filter((p) => p.code === 'lint.unreachable'));
    expect(files).toHaveLength(10);
    expect(widgets).toHaveLength(12);
  });

  it('reports the 20 stale split arguments of the corpus as info', () => {
    const stale = results.flatMap((r) => r.problems.filter((p) => p.code === 'lint.split-stale-argument'));
    expect(stale).toHaveLength(20);
    for (const p of stale) expect(p.severity).toBe('info');
  });

  it('reports the empty SID fields of the volunteer-communication-center draft as warnings (empty-drafts)', () => {
    const r = results.find((x) => x.file === 'real/ft__volunteer-communication-center__studio-flow.json');
    const empty = r?.problems.filter((p) => p.code === 'lint.empty-required') ?? [];
    expect(empty.map((p) => `${p.widget ?? ''}.${p.field ?? ''}`).sort()).toEqual([
      'FlexCall.channel',
      'FlexCall.workflow',
      'FlexSMS.channel',
      'FlexSMS.workflow',
      'ReturnAutopilot.autopilot_assistant_sid',
      'ReturnAutopilotSMS.autopilot_assistant_sid',
      'SMSAutopilot.autopilot_assistant_sid',
      'VoiceAutopilot.autopilot_assistant_sid',
    ]);
    for (const p of empty) expect(p.severity).toBe('warning');
  });

  it('every problem has a pointer that resolves in the definition (or its parent for a missing key)', () => {
    for (const r of results) {
      for (const p of r.problems) {
        if (p.pointer === '') continue;
        expect(valueAt(r.def, p.pointer), `${r.file} ${p.pointer}`).not.toBeUndefined();
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------

function readVerdicts(): { file: string; official: 'pass' | 'FAIL'; kinds: string[] }[] {
  const text = readFileSync(new URL('real/OFFICIAL-SCHEMA-VERDICTS.tsv', CORPUS), 'utf8');
  const [, ...lines] = text.trim().split('\n');
  return lines.map((line) => {
    const [file = '', official = '', , , kinds = ''] = line.split('\t');
    return {
      file: `real/${file}`,
      official: official as 'pass' | 'FAIL',
      kinds: kinds === '' ? [] : kinds.split('; ').map((k) => k.trim()),
    };
  });
}

/** A failure kind of the TSV, in the terms of our problems: `code|widget type|detail`. */
function tsvKind(kind: string): string {
  let m = /^trigger event not in schema: (.+)$/.exec(kind);
  if (m) return `schema.event|trigger|${m[1] ?? ''}`;
  m = /^([a-z-]+)\.([a-z_]+) must be integer/.exec(kind);
  if (m) return `schema.type|${m[1] ?? ''}|${m[2] ?? ''}`;
  m = /^unknown widget type: (.+)$/.exec(kind);
  if (m) return `schema.unknown-type|${m[1] ?? ''}`;
  m = /^([a-z-]+) missing required (say|play)$/.exec(kind);
  if (m) return `schema.one-of|${m[1] ?? ''}|say|play`;
  m = /^([a-z-]+) oneOf\(say\|play\) violated$/.exec(kind);
  if (m) return `schema.one-of|${m[1] ?? ''}|say|play`;
  m = /^([a-z-]+) missing required ([a-z_]+)$/.exec(kind);
  if (m) return `schema.required|${m[1] ?? ''}|${m[2] ?? ''}`;
  m = /^([a-z-]+)\.([a-z_]+) empty string$/.exec(kind);
  if (m) return `schema.min-length|${m[1] ?? ''}|${m[2] ?? ''}`;
  throw new Error(`unmapped failure kind: ${kind}`);
}

function problemKind(def: FlowDefinition, p: Problem): string {
  const index = /^\/states\/(\d+)/.exec(p.pointer)?.[1];
  const state: unknown = index === undefined ? undefined : def.states[Number(index)];
  const type = isRecord(state) && typeof state.type === 'string' ? state.type : '';
  switch (p.code) {
    case 'schema.event':
      return `schema.event|${type}|${String(valueAt(def, p.pointer))}`;
    case 'schema.unknown-type':
      return `schema.unknown-type|${type}`;
    default:
      return `${p.code}|${type}|${p.field ?? ''}`;
  }
}

describe('official profile on the corpus', () => {
  const verdicts = readVerdicts().filter((v) => v.file !== LEGACY);

  it('covers the 55 modern real files of the TSV', () => {
    expect(verdicts).toHaveLength(55);
  });

  it.each(verdicts.map((v) => [v.file, v] as const))(
    '%s: verdict and failure kinds match the TSV',
    (file, v) => {
      const def = MODERN.find((c) => c.file === file)?.def;
      expect(def).toBeDefined();
      if (!def) return;
      const problems = validateDefinition(def, { profile: 'official' });
      const schema = problems.filter((p) => p.code.startsWith('schema.'));
      for (const p of schema) expect(p.severity).toBe('error');
      expect(schema.length > 0 ? 'FAIL' : 'pass').toBe(v.official);
      const ours = [...new Set(schema.map((p) => problemKind(def, p)))].sort();
      const theirs = [...new Set(v.kinds.map(tsvKind))].sort();
      expect(ours).toEqual(theirs);
    },
  );
});

// ---------------------------------------------------------------------------------------------------------------

/** The verdict of the shallow root + per-type validators, as the validator computes it. */
function splitVerdict(profile: Profile, def: unknown): boolean {
  const c = compiledProfile(profile);
  let ok = c.root(def);
  const states = isRecord(def) && Array.isArray(def.states) ? (def.states as unknown[]) : [];
  for (const s of states) {
    if (!isRecord(s)) {
      ok = false;
      continue;
    }
    const validate = typeof s.type === 'string' ? c.widget(s.type) : undefined;
    if (validate && !validate(s)) ok = false;
  }
  return ok;
}

/** Broken variants of a flow, to compare verdicts on failures too, not only on valid flows. */
function mutations(def: FlowDefinition): unknown[] {
  const out: unknown[] = [];
  const states = def.states;
  const withState = (i: number, s: unknown): unknown => ({
    ...def,
    states: states.map((x, j) => (j === i ? s : x)),
  });
  states.forEach((s, i) => {
    if (!isRecord(s)) return;
    if (i % 3 === 0) out.push(withState(i, { ...s, properties: { ...s.properties, timeout: true } }));
    if (i % 3 === 1 && Array.isArray(s.transitions) && s.transitions.length > 0)
      out.push(withState(i, { ...s, transitions: [{ event: 'bogus' }, ...s.transitions] }));
    if (i % 5 === 2) out.push(withState(i, { ...s, properties: {} }));
  });
  out.push(withState(0, 'not a widget'));
  out.push(withState(Math.min(1, states.length - 1), { name: 'no_type', transitions: [], properties: {} }));
  out.push({ ...def, states: [] });
  return out;
}

describe('shallow root + per-type validators', () => {
  for (const profile of ['studio', 'official'] as const) {
    it(`give the same verdict as the full root schema on every corpus flow (${profile})`, () => {
      const full = compileFullRoot(profile);
      let invalid = 0;
      for (const c of ALL) {
        const expected = full(c.def);
        if (!expected) invalid++;
        expect(splitVerdict(profile, c.def), c.file).toBe(expected);
      }
      // Not vacuous: the legacy file fails both ways; the official profile fails most files.
      expect(invalid).toBeGreaterThan(0);
    });

    it(`give the same verdict as the full root schema on broken variants of every flow (${profile})`, () => {
      const full = compileFullRoot(profile);
      let count = 0;
      for (const c of MODERN) {
        for (const m of mutations(c.def)) {
          count++;
          expect(splitVerdict(profile, m), c.file).toBe(full(m));
        }
      }
      expect(count).toBeGreaterThan(1000);
    });
  }

  it('agree with the problems reported: a schema.* problem exactly when the full root schema rejects the flow', () => {
    for (const profile of ['studio', 'official'] as const) {
      const full = compileFullRoot(profile);
      for (const c of MODERN) {
        const problems = validateDefinition(c.def, { profile });
        expect(
          problems.some((p) => p.code.startsWith('schema.')),
          `${profile} ${c.file}`,
        ).toBe(!full(c.def));
      }
    }
  });
});
