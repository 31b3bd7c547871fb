/**
 * Validators loaded on demand (compile.ts `loadProfile`, the browser's door ./lazy.ts) and up front (./index.ts).
 * Each test imports fresh modules: the setup file (src/testing/setup.ts) has loaded both profiles into the
 * modules every other test shares.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flow, sendMessage, trigger } from './fixtures';

type Lazy = typeof import('./lazy');

async function freshLazy(): Promise<Lazy> {
  return import('./lazy');
}

const def = flow(trigger('hello'), sendMessage('hello'));

describe('validators loaded on demand', () => {
  beforeEach(() => {
    vi.resetModules();
  });
  afterEach(() => {
    vi.doUnmock('./generated/official/index');
  });

  it('are not there until loaded: validating throws, saying what to do', async () => {
    const { createValidator, isProfileLoaded } = await freshLazy();
    expect(isProfileLoaded('studio')).toBe(false);
    expect(isProfileLoaded('official')).toBe(false);
    expect(() => createValidator('official').validate(def)).toThrow(
      "the official validators are not loaded yet (await loadProfile('official') first)",
    );
  });

  it('load once per profile, then validate synchronously, as ./index.ts does', async () => {
    const { createValidator, isProfileLoaded, loadProfile } = await freshLazy();
    const first = loadProfile('official');
    expect(loadProfile('official')).toBe(first);
    const compiled = await first;
    expect(compiled.profile).toBe('official');
    expect(isProfileLoaded('official')).toBe(true);
    expect(isProfileLoaded('studio')).toBe(false);
    expect(await loadProfile('official')).toBe(compiled);

    const { validateDefinition } = await import('./index');
    expect(createValidator('official').validate(def)).toEqual(
      validateDefinition(def, { profile: 'official' }),
    );
  });

  it("load each widget type's validator on demand: until then its widgets get lint alone, and are not cached", async () => {
    const { createValidator, loadProfile, loadWidgetTypes, stateTypes, typesToLoad } = await freshLazy();
    const compiled = await loadProfile('studio');
    const broken = flow(trigger('hello'), {
      ...sendMessage('hello'),
      properties: { offset: { x: 0, y: 0 } },
    });
    expect(typesToLoad('studio', stateTypes(broken.states))).toEqual(['trigger', 'send-message']);
    expect(compiled.hasWidget('send-message')).toBe(false);
    expect(compiled.hasWidget('no-such-type')).toBe(true);

    const validator = createValidator('studio');
    const before = validator.validate(broken);
    expect(before.some((p) => p.code.startsWith('schema.'))).toBe(false);

    const first = loadWidgetTypes('studio', ['send-message', 'trigger']);
    await first;
    expect(typesToLoad('studio', stateTypes(broken.states))).toEqual([]);
    expect(compiled.hasWidget('send-message')).toBe(true);
    // The same validator, the same widget objects: checked again, now by their schema too.
    const { validateDefinition } = await import('./index');
    const after = validator.validate(broken);
    expect(after).toEqual(validateDefinition(broken, { profile: 'studio' }));
    expect(after.map((p) => p.code)).toContain('schema.required');
  });

  it('./index.ts has both profiles ready on import', async () => {
    const { isProfileLoaded, validateDefinition } = await import('./index');
    expect(isProfileLoaded('studio')).toBe(true);
    expect(isProfileLoaded('official')).toBe(true);
    expect(validateDefinition(def)).toEqual([]);
  });

  it('a load that failed is tried again by the next call', async () => {
    vi.doMock('./generated/official/index', () => {
      throw new Error('offline');
    });
    const { isProfileLoaded, loadProfile } = await freshLazy();
    await expect(loadProfile('official')).rejects.toThrow();
    expect(isProfileLoaded('official')).toBe(false);

    vi.doUnmock('./generated/official/index');
    await expect(loadProfile('official')).resolves.toMatchObject({ profile: 'official' });
    expect(isProfileLoaded('official')).toBe(true);
  });
});
