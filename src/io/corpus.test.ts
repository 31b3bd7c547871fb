// Every real flow of the shared corpus must import as a definition and export back unchanged; every wrapper the
// Studio API or CLI puts around a definition must be recognised.
import { describe, expect, it } from 'vitest';
import { canonicalizeDefinition, importFlowText, serializeDefinition } from './index';
import type { FlowDefinition } from '../model/types';
import { corpusFiles, LEGACY_FILE } from '../testing/corpus';

const files = corpusFiles().map((c) => ({ name: c.file, raw: c.text }));
const flows = files.filter((f) => f.name !== LEGACY_FILE);

/** Key order matters for the round trip: compare every object's key list, not just values. */
function keyOrders(value: unknown, path = '', out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v, i) => keyOrders(v, `${path}/${i}`, out));
  else if (value !== null && typeof value === 'object') {
    out.push(`${path}: ${Object.keys(value).join(',')}`);
    for (const [k, v] of Object.entries(value)) keyOrders(v, `${path}/${k}`, out);
  }
  return out;
}

function load(name: string, raw: string): { raw: string; def: FlowDefinition } {
  const result = importFlowText(raw);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  const [first] = result.flows;
  if (!first) throw new Error(`${name}: no flow`);
  return { raw, def: first.definition };
}

describe('corpus', () => {
  it('holds all 141 flows', () => {
    expect(files).toHaveLength(141);
  });

  describe.each(flows)('$name', ({ name, raw }) => {
    it('imports as a bare definition and round-trips byte-identically under 2-space printing', () => {
      const result = importFlowText(raw);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.kind).toBe('definition');
      expect(result.label).toBe('Flow definition');
      expect(result.flows).toHaveLength(1);
      const def = result.flows[0]?.definition as FlowDefinition;
      const exported = serializeDefinition(def);
      const expected = `${JSON.stringify(JSON.parse(raw), null, 2)}\n`;
      expect(exported).toBe(expected);
      expect(JSON.parse(exported)).toEqual(JSON.parse(raw));
      expect(keyOrders(JSON.parse(exported))).toEqual(keyOrders(JSON.parse(raw)));
    });

    it('canonical export is idempotent and the same value modulo key order', () => {
      const { def } = load(name, raw);
      const once = serializeDefinition(def, { canonical: true });
      const again = importFlowText(once);
      expect(again.ok).toBe(true);
      if (!again.ok) return;
      const twice = serializeDefinition(again.flows[0]?.definition as FlowDefinition, { canonical: true });
      expect(twice).toBe(once);
      expect(JSON.parse(once)).toEqual(JSON.parse(raw)); // toEqual ignores key order
      const canonical = canonicalizeDefinition(def);
      expect(canonicalizeDefinition(canonical)).toBe(canonical);
      // The input was not touched.
      expect(serializeDefinition(def)).toBe(`${JSON.stringify(JSON.parse(raw), null, 2)}\n`);
    });
  });

  it('the legacy pre-2019 flow gives the legacy-format error', () => {
    const raw = files.find((f) => f.name === LEGACY_FILE)?.raw ?? '';
    const result = importFlowText(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('legacy-format');
    expect(result.error.message).toMatch(/pre-2019/);
    expect(result.error.message).toMatch(/v2 Flows API/);
    expect(result.error.message).toMatch(/export its JSON again/);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Wrappers built from a real definition.

const SID = 'FW3d6f4b83c4c60a13829d92fde6ddba80';
const ACCOUNT = 'AC10b075f0aa5a96c2feb4ff5503164467';
const sample = flows.find((f) => f.name.endsWith('twilio-docs__simple-flow-definition.json')) ?? flows[0];
if (!sample) throw new Error('no corpus flow');
const sampleRaw = sample.raw;
const sampleDef = JSON.parse(sampleRaw) as FlowDefinition;

function flowResource(revision: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sid: SID,
    account_sid: ACCOUNT,
    friendly_name: 'Appointment reminders',
    definition: sampleDef,
    status: 'draft',
    revision,
    commit_message: `change ${revision}`,
    valid: true,
    errors: [],
    warnings: [],
    webhook_url: `https://webhooks.twilio.com/v1/Accounts/${ACCOUNT}/Flows/${SID}`,
    date_created: '2024-01-02T10:00:00Z',
    date_updated: '2024-03-04T11:00:00Z',
    url: `https://studio.twilio.com/v2/Flows/${SID}`,
    links: {
      test_users: `https://studio.twilio.com/v2/Flows/${SID}/TestUsers`,
      revisions: `https://studio.twilio.com/v2/Flows/${SID}/Revisions`,
      executions: `https://studio.twilio.com/v2/Flows/${SID}/Executions`,
    },
    ...extra,
  };
}

function revisionResource(revision: number, status = 'published'): Record<string, unknown> {
  return {
    sid: SID,
    account_sid: ACCOUNT,
    friendly_name: 'Appointment reminders',
    definition: { ...sampleDef, description: `revision ${revision}` },
    status,
    revision,
    commit_message: `change ${revision}`,
    valid: true,
    errors: [],
    date_created: '2024-01-02T10:00:00Z',
    date_updated: '2024-03-04T11:00:00Z',
    url: `https://studio.twilio.com/v2/Flows/${SID}/Revisions/${revision}`,
  };
}

function toCamel(resource: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(resource).map(([k, v]) => [k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), v]),
  );
}

function ok(text: string): Extract<ReturnType<typeof importFlowText>, { ok: true }> {
  const result = importFlowText(text);
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

describe('wrapper formats', () => {
  it('Flow resource (FetchFlow / CreateFlow / UpdateFlow response)', () => {
    const r = ok(JSON.stringify(flowResource(7), null, 2));
    expect(r.kind).toBe('flow');
    expect(r.label).toBe('Flow “Appointment reminders” (FW3d6f4b83…), revision 7, draft');
    expect(r.flows).toHaveLength(1);
    expect(r.flows[0]?.definition).toEqual(sampleDef);
    expect(r.flows[0]?.source).toEqual({
      kind: 'flow',
      flowSid: SID,
      friendlyName: 'Appointment reminders',
      revision: 7,
      status: 'draft',
      commitMessage: 'change 7',
      dateCreated: '2024-01-02T10:00:00Z',
      dateUpdated: '2024-03-04T11:00:00Z',
      label: 'Flow “Appointment reminders” (FW3d6f4b83…), revision 7, draft',
    });
    // The definition inside the wrapper exports exactly as the bare file does.
    expect(serializeDefinition(r.flows[0]?.definition as FlowDefinition)).toBe(
      `${JSON.stringify(JSON.parse(sampleRaw), null, 2)}\n`,
    );
  });

  it('FlowRevision resource', () => {
    const r = ok(JSON.stringify(revisionResource(3)));
    expect(r.kind).toBe('revision');
    expect(r.label).toBe('Revision 3 of “Appointment reminders” (published)');
    expect(r.flows[0]?.source.revision).toBe(3);
  });

  it('a resource without webhook_url/links/warnings and with a revision number is a revision', () => {
    const { url: _url, ...bare } = revisionResource(4);
    expect(ok(JSON.stringify(bare)).kind).toBe('revision');
  });

  it('ListFlow response', () => {
    const page = {
      flows: [flowResource(2), flowResource(5, { sid: SID.replace('3d', '4e'), friendly_name: 'Other' })],
      meta: {
        page: 0,
        page_size: 50,
        key: 'flows',
        url: 'https://studio.twilio.com/v2/Flows?PageSize=50&Page=0',
      },
    };
    const r = ok(JSON.stringify(page));
    expect(r.kind).toBe('flow-list');
    expect(r.label).toBe('List of 2 flows');
    expect(r.flows.map((f) => f.source.friendlyName)).toEqual(['Appointment reminders', 'Other']);
    expect(r.flows.every((f) => f.source.kind === 'flow')).toBe(true);
  });

  it('ListFlow response without definitions says to fetch the flow', () => {
    const page = { flows: [flowResource(2, { definition: null })], meta: { key: 'flows' } };
    const result = importFlowText(JSON.stringify(page));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('no-definition');
    expect(result.error.message).toMatch(/has no definitions/);
    expect(result.error.message).toContain(`GET https://studio.twilio.com/v2/Flows/${SID}`);
  });

  it('ListFlowRevision response with 3 revisions, newest first', () => {
    const page = {
      revisions: [revisionResource(1), revisionResource(3, 'draft'), revisionResource(2)],
      meta: { key: 'revisions' },
    };
    const r = ok(JSON.stringify(page));
    expect(r.kind).toBe('revision-list');
    expect(r.label).toBe('3 revisions of “Appointment reminders”');
    expect(r.flows.map((f) => f.source.revision)).toEqual([3, 2, 1]);
    expect(r.flows.map((f) => f.definition.description)).toEqual(['revision 3', 'revision 2', 'revision 1']);
    expect(r.flows[0]?.source.label).toBe('Revision 3 of “Appointment reminders” (draft)');
  });

  it('Twilio CLI output: an array with one camelCase Flow resource', () => {
    const r = ok(JSON.stringify([toCamel(flowResource(9))], null, 2));
    expect(r.kind).toBe('flow');
    expect(r.label).toBe('Flow “Appointment reminders” (FW3d6f4b83…), revision 9, draft (Twilio CLI output)');
    const source = r.flows[0]?.source;
    expect(source?.fromCli).toBe(true);
    expect(source?.commitMessage).toBe('change 9');
    expect(source?.dateUpdated).toBe('2024-03-04T11:00:00Z');
    expect(r.flows[0]?.definition).toEqual(sampleDef);
  });

  it('Twilio CLI output: revisions:list is an array of camelCase revisions', () => {
    const r = ok(JSON.stringify([1, 2, 3].map((n) => toCamel(revisionResource(n)))));
    expect(r.kind).toBe('revision-list');
    expect(r.label).toBe('3 revisions of “Appointment reminders” (Twilio CLI output)');
    expect(r.flows.map((f) => f.source.revision)).toEqual([3, 2, 1]);
  });

  it('definition given as a JSON string', () => {
    const r = ok(JSON.stringify(flowResource(7, { definition: JSON.stringify(sampleDef) })));
    expect(r.kind).toBe('flow');
    expect(r.flows[0]?.source.definitionWasString).toBe(true);
    expect(serializeDefinition(r.flows[0]?.definition as FlowDefinition)).toBe(
      `${JSON.stringify(JSON.parse(sampleRaw), null, 2)}\n`,
    );
  });

  it('definition string with a syntax error is explained with the position inside the string', () => {
    const broken = JSON.stringify(sampleDef, null, 2).replace('"states"', '"states" ');
    const text = JSON.stringify(flowResource(7, { definition: broken.replace(/,\n {4}\{/, '\n    {') }));
    const result = importFlowText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('definition-json');
    expect(result.error.pointer).toBe('/definition');
    expect(result.error.message).toMatch(
      /is a JSON string, but the JSON inside it is not valid \(line and column count within that string\)/,
    );
    expect(result.error.message).toMatch(
      /Expected ',' or '\]' after array element, found '\{' \(line \d+, column 5\)/,
    );
  });
});
