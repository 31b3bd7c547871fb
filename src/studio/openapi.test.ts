// openapi.json is the seed spec (../shared/seeds, YAML whose line breaks were lost) transcribed into JSON. This
// proves the transcription: written back as block YAML and flattened the way the seed was, it is the seed's text,
// character for character. The only normalisation is whitespace (every run of it becomes one space, on both
// sides), which is exactly what the seed lost; quoting is reproduced, not normalised (strings are single-quoted
// where a YAML emitter must quote them, as the seed's were).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import spec from './openapi.json';
import { OPERATIONS } from './operations';

const SEED_FILE =
  process.env.STUDIO_SEED_SPEC ??
  fileURLToPath(new URL('../../../shared/seeds/000_71b2ae49119db79e.txt', import.meta.url));

/** Whether a plain (unquoted) YAML scalar would read back as something else, or not parse as a scalar at all. */
function needsQuotes(s: string): boolean {
  return (
    s === '' ||
    /^(true|false|null|~|yes|no|on|off)$/i.test(s) ||
    /^[-+]?(\d+|\d*\.\d+)([eE][-+]?\d+)?$/.test(s) ||
    /^[-?:,[\]{}#&*!|>'"%@`]/.test(s) ||
    /^\s|\s$/.test(s) ||
    s.includes(': ') ||
    s.includes(' #') ||
    s.endsWith(':')
  );
}

function scalar(value: unknown): string {
  if (typeof value === 'string') return needsQuotes(value) ? `'${value.replaceAll("'", "''")}'` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.length === 0) return '[]';
  throw new Error(`not a scalar: ${JSON.stringify(value)}`);
}

function isScalar(value: unknown): boolean {
  return typeof value !== 'object' || value === null || (Array.isArray(value) && value.length === 0);
}

/** Block YAML, two spaces per level, sequences of mappings as `- key: value` with the rest aligned under it. */
function toYaml(value: unknown, indent = ''): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item: unknown) => {
      if (isScalar(item)) return [`${indent}- ${scalar(item)}`];
      const [first = '', ...rest] = toYaml(item, `${indent}  `);
      return [`${indent}- ${first.trimStart()}`, ...rest];
    });
  }
  return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) =>
    isScalar(v)
      ? [`${indent}${scalar(key)}: ${scalar(v)}`]
      : [`${indent}${scalar(key)}:`, ...toYaml(v, `${indent}  `)],
  );
}

const flatten = (text: string): string => text.replace(/\s+/g, ' ').trim();

describe('openapi.json', () => {
  it('is the seed spec, key for key and value for value', () => {
    expect(existsSync(SEED_FILE), `the seed spec is missing at ${SEED_FILE} (set STUDIO_SEED_SPEC)`).toBe(
      true,
    );
    const seed = flatten(readFileSync(SEED_FILE, 'utf8'));
    const yaml = toYaml(spec).join('\n');
    expect(yaml.split('\n').length).toBeGreaterThan(1000);
    expect(flatten(yaml)).toBe(seed);
  });

  it('would notice a changed value, a moved key or a lost quote', () => {
    const seed = flatten(readFileSync(SEED_FILE, 'utf8'));
    const changed = structuredClone(spec) as { info: Record<string, unknown> };
    changed.info.version = '1.27.1';
    expect(flatten(toYaml(changed).join('\n'))).not.toBe(seed);
    const { contact, ...rest } = changed.info;
    changed.info = { ...rest, contact, version: '1.27.0' };
    expect(flatten(toYaml(changed).join('\n'))).not.toBe(seed);
    expect(scalar('200')).toBe("'200'");
    expect(scalar("Flow's: x")).toBe("'Flow''s: x'");
    expect(scalar('^FW[0-9a-fA-F]{32}$')).toBe('^FW[0-9a-fA-F]{32}$');
  });

  it('lists exactly the operations of OPERATIONS (method, path, operationId)', () => {
    const fromSpec: string[] = [];
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!['get', 'post', 'delete', 'put', 'patch'].includes(method)) continue;
        fromSpec.push(`${method.toUpperCase()} ${path} ${(op as { operationId: string }).operationId}`);
      }
    }
    const fromTable = OPERATIONS.map((o) => `${o.method} ${o.path} ${o.id}`);
    expect(fromSpec).toHaveLength(19);
    expect([...fromTable].sort()).toEqual([...fromSpec].sort());
  });

  it('marks as lists exactly the operations whose answer has a `meta` page, under the same key', () => {
    for (const op of OPERATIONS) {
      const item = (spec.paths as Record<string, Record<string, unknown>>)[op.path];
      const operation = item?.[op.method.toLowerCase()] as
        | { responses: Record<string, { content?: Record<string, { schema: { properties?: object } }> }> }
        | undefined;
      const schema = Object.values(operation?.responses ?? {})[0]?.content?.['application/json']?.schema;
      const keys = Object.keys(schema?.properties ?? {}).filter((k) => k !== 'meta');
      const isPage = schema?.properties !== undefined && 'meta' in schema.properties;
      expect(isPage ? keys : [], op.id).toEqual(op.list === undefined ? [] : [op.list]);
    }
  });
});
