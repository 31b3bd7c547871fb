import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedPath, generateValidatorModule, PROFILES } from './generate-validators';

describe('precompiled validators (src/validation/generated)', () => {
  for (const profile of PROFILES) {
    it(`${profile}.ts is what the schemas generate today (else run \`npm run generate\`)`, () => {
      const committed = readFileSync(generatedPath(profile), 'utf8');
      const fresh = generateValidatorModule(profile);
      // Compared as a boolean: a diff of two 700 KB one-line-per-statement modules would drown the message.
      expect(
        committed === fresh,
        `src/validation/generated/${profile}.ts is stale: run \`npm run generate\``,
      ).toBe(true);
    });
  }

  it('is deterministic (the same text twice, so the staleness check cannot flap)', () => {
    expect(generateValidatorModule('official') === generateValidatorModule('official')).toBe(true);
  });
});
