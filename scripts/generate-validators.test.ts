import { describe, expect, it } from 'vitest';
import { generateValidatorModules, PROFILES, staleFiles, widgetFile } from './generate-validators';

describe('precompiled validators (src/validation/generated)', () => {
  for (const profile of PROFILES) {
    it(`${profile}/ is what the schemas generate today (else run \`npm run generate\`)`, () => {
      const { write, remove } = staleFiles(profile);
      // File names, not texts: a diff of generated modules would drown the message.
      expect(
        [...write.keys()],
        `stale in src/validation/generated/${profile}/: run \`npm run generate\``,
      ).toEqual([]);
      expect(
        remove,
        `not generated, in src/validation/generated/${profile}/: run \`npm run generate\``,
      ).toEqual([]);
    });
  }

  it('is deterministic (the same text twice, so the staleness check cannot flap)', () => {
    expect(generateValidatorModules('official')).toEqual(generateValidatorModules('official'));
  });

  it('writes a root, a door for the browser, one for Node and one module per widget type', () => {
    const files = generateValidatorModules('studio');
    expect(files.has('root.ts')).toBe(true);
    const door = files.get('index.ts') ?? '';
    const all = files.get('all.ts') ?? '';
    const widgets = [...files.keys()].filter((f) => f.startsWith('widget-'));
    expect(widgets.length).toBeGreaterThan(30);
    for (const file of widgets) {
      // The browser imports each type's module on demand (a chunk of its own), Node every one up front.
      expect(door).toContain(`() => import('./${file.replace(/\.ts$/, '')}')`);
      expect(all).toContain(`from './${file.replace(/\.ts$/, '')}'`);
      // Each holds its own type's code only: no module imports another generated one.
      expect(files.get(file)).not.toMatch(/from '\.\//);
    }
    expect(door).not.toMatch(/^import \{ validate/m);
    expect(widgetFile('send-message')).toBe('widget-send-message');
  });

  it("re-exports studio's module for an official type whose code is the same, and writes its own otherwise", () => {
    const studio = generateValidatorModules('studio');
    const official = generateValidatorModules('official');
    const body = (text: string) => text.slice(text.indexOf(' */\n') + 4);
    let shared = 0;
    let own = 0;
    for (const [file, text] of official) {
      if (!file.startsWith('widget-')) continue;
      const name = file.replace(/\.ts$/, '');
      const studioText = studio.get(file);
      if (text.includes(`export { validate } from '../studio/${name}';`)) {
        shared++;
        // Only where the studio module exists and holds code, never a chain of re-exports.
        expect(studioText).toBeDefined();
        expect(studioText).toContain('export const validate = ');
      } else {
        own++;
        expect(text).toContain('export const validate = ');
        // Written out only when it differs from studio's (the extension layer patched the type).
        if (studioText !== undefined) expect(body(text)).not.toBe(body(studioText));
      }
    }
    expect(shared).toBeGreaterThan(0);
    expect(own).toBeGreaterThan(0);
  });
});
