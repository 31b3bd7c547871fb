/**
 * What the stores load on demand. The editor's store while a profile's validators are still on their way
 * (src/validation/lazy.ts): the problems are pending (`problemsPending`), then the profile's verdict, never a stale
 * one. The compare store before the diff is loaded. Each test imports fresh modules, without what the setup file
 * (src/testing/setup.ts) loaded for every other test.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlowDefinition } from '../model/types';
import { validateDefinition } from '../validation';
import { importText } from '../testing/store';

type StoreModule = typeof import('./editorStore');

function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../e2e/fixtures/${name}`, import.meta.url)), 'utf8');
}

// Errors in both profiles, more in `official` (a `timeout` given as a string).
const STANDBY = fixture('ft__vaccine-standby-list__sms-studio-flow.json');
const SIMPLE = fixture('twilio-docs__simple-flow-definition.json');
const standby = JSON.parse(STANDBY) as FlowDefinition;

/** The store module and the validation modules it sees, fresh: no profile loaded. */
async function fresh(): Promise<StoreModule & { lazy: typeof import('../validation/lazy') }> {
  vi.resetModules();
  const lazy = await import('../validation/lazy');
  return { ...(await import('./editorStore')), lazy };
}

describe('validation pending while the validators load', () => {
  beforeEach(() => {
    vi.useRealTimers();
  });
  afterEach(() => {
    vi.doUnmock('../validation/generated/official/index');
  });

  it('an opened flow is pending, then validated as soon as the profile has loaded', async () => {
    const { createEditorStore, problemsPending, lazy } = await fresh();
    const store = createEditorStore();
    importText(store, STANDBY);
    expect(problemsPending(store.getState().problems)).toBe(true);
    expect(store.getState().problems).toEqual([]);

    await lazy.loadProfile('studio');
    await vi.waitFor(() => expect(problemsPending(store.getState().problems)).toBe(false));
    expect(store.getState().problems).toEqual(validateDefinition(standby, { profile: 'studio' }));
  });

  it('the other profile is pending when chosen, then gives its verdict; once loaded, switching is immediate', async () => {
    const { createEditorStore, problemsPending, lazy } = await fresh();
    await lazy.loadProfile('studio');
    const store = createEditorStore();
    importText(store, STANDBY);
    // Counted once the flow is on screen (the store of this test is a fresh module's: its own pending marker).
    await vi.waitFor(() => expect(problemsPending(store.getState().problems)).toBe(false));
    expect(store.getState().problems).toEqual(validateDefinition(standby, { profile: 'studio' }));

    store.getState().setProfile('official');
    expect(problemsPending(store.getState().problems)).toBe(true);
    await vi.waitFor(() => expect(problemsPending(store.getState().problems)).toBe(false));
    expect(store.getState().problems).toEqual(validateDefinition(standby, { profile: 'official' }));

    store.getState().setProfile('studio');
    expect(store.getState().problems).toEqual(validateDefinition(standby, { profile: 'studio' }));
    store.getState().setProfile('official');
    expect(store.getState().problems).toEqual(validateDefinition(standby, { profile: 'official' }));
  });

  it('validators arriving for a profile no longer chosen change nothing', async () => {
    const { createEditorStore, lazy } = await fresh();
    await lazy.loadProfile('studio');
    const store = createEditorStore();
    importText(store, STANDBY);
    store.getState().setProfile('official');
    store.getState().setProfile('studio');
    // The studio verdict, once its widget types' validators are in too.
    await vi.waitFor(() =>
      expect(store.getState().problems).toEqual(validateDefinition(standby, { profile: 'studio' })),
    );
    const studio = store.getState().problems;

    await lazy.loadProfile('official');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().profile).toBe('studio');
    expect(store.getState().problems).toBe(studio);
  });

  it('edits made while pending are validated once the validators are in', async () => {
    const { createEditorStore, problemsPending, lazy } = await fresh();
    const store = createEditorStore();
    importText(store, SIMPLE);
    const def = store.getState().definition;
    if (!def) throw new Error('no flow');
    const edited = { ...def, initial_state: 'nowhere' };
    store.getState().replaceDefinition(edited);
    expect(problemsPending(store.getState().problems)).toBe(true);

    await lazy.loadProfile('studio');
    await vi.waitFor(() => expect(problemsPending(store.getState().problems)).toBe(false));
    expect(store.getState().problems).toEqual(validateDefinition(edited, { profile: 'studio' }));
    expect(store.getState().problems.map((p) => p.code)).toContain('lint.initial-state-unknown');
  });

  it('the import preview waits for the validators, then counts', async () => {
    const { createEditorStore, lazy } = await fresh();
    await lazy.loadProfile('studio');
    const store = createEditorStore();
    importText(store, SIMPLE);
    store.getState().setProfile('official');
    importText(store, STANDBY);
    expect(store.getState().importPreview).toMatchObject({ checking: true, problems: [] });

    await vi.waitFor(() => expect(store.getState().importPreview?.checking).toBeUndefined());
    const official = validateDefinition(standby, { profile: 'official' });
    const errors = official.filter((p) => p.severity === 'error').length;
    expect(store.getState().importPreview?.counts.error).toBe(errors);
  });

  it('validators that cannot be loaded are reported as a problem, and tried again with the next change', async () => {
    vi.doMock('../validation/generated/official/index', () => {
      throw new Error('offline');
    });
    const { createEditorStore, problemsPending, lazy } = await fresh();
    await lazy.loadProfile('studio');
    const store = createEditorStore();
    importText(store, STANDBY);
    store.getState().setProfile('official');
    await vi.waitFor(() => expect(problemsPending(store.getState().problems)).toBe(false));
    expect(store.getState().problems).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'internal.validator-failed',
        message: expect.stringContaining('the official validators could not be loaded') as unknown,
      }),
    ]);

    vi.doUnmock('../validation/generated/official/index');
    const def = store.getState().definition;
    if (!def) throw new Error('no flow');
    const edited = { ...def, description: 'edited' };
    store.getState().replaceDefinition(edited);
    await vi.waitFor(() =>
      expect(store.getState().problems).toEqual(validateDefinition(edited, { profile: 'official' })),
    );
  });
});

describe('widget types whose validators are still on their way', () => {
  afterEach(() => {
    vi.doUnmock('../validation/generated/studio/widget-make-http-request');
  });

  /**
   * A fresh store with the studio root loaded and SIMPLE open (its types' validators in), then a Make HTTP Request,
   * a type SIMPLE does not have, added with `properties`.
   */
  async function addNewType(properties: Record<string, unknown>) {
    const modules = await fresh();
    await modules.lazy.loadProfile('studio');
    const store = modules.createEditorStore();
    importText(store, SIMPLE);
    await vi.waitFor(() => expect(modules.problemsPending(store.getState().problems)).toBe(false));
    const def = store.getState().definition;
    if (!def) throw new Error('no flow');
    expect(modules.lazy.typesToLoad('studio', ['make-http-request'])).toEqual(['make-http-request']);
    const widget = {
      name: 'late',
      type: 'make-http-request',
      transitions: [{ event: 'success' }, { event: 'failed' }],
      properties: { offset: { x: 0, y: 0 }, content_type: 'application/json', ...properties },
    };
    const edited = { ...def, states: [...def.states, widget] } as FlowDefinition;
    store.getState().replaceDefinition(edited);
    return { ...modules, store, edited };
  }

  it('an opened flow stays pending until its types are in, then gets the whole verdict', async () => {
    const { createEditorStore, problemsPending, lazy } = await fresh();
    await lazy.loadProfile('studio');
    const types = lazy.typesToLoad('studio', lazy.stateTypes(standby.states));
    expect(types.length).toBeGreaterThan(1);
    const store = createEditorStore();
    importText(store, STANDBY);
    await vi.waitFor(() => expect(problemsPending(store.getState().problems)).toBe(false));
    expect(store.getState().problems).toEqual(validateDefinition(standby, { profile: 'studio' }));
    expect(lazy.typesToLoad('studio', types)).toEqual([]);
  });

  it('a widget of a new type is checked by lint at once, by its schema when its validator arrives; nothing pending', async () => {
    // A method the type does not have (a schema error) and Liquid that does not parse (lint).
    const { store, edited, problemsPending, lazy } = await addNewType({
      url: 'https://example.com/{{ broken',
      method: 'FETCH',
    });
    const first = store.getState().problems;
    expect(problemsPending(first)).toBe(false);
    const codes = (problems: readonly { code: string; widget?: string }[]) =>
      problems.filter((p) => p.widget === 'late').map((p) => p.code);
    expect(codes(first)).toContain('lint.liquid-syntax');
    expect(codes(first)).not.toContain('schema.enum');

    await vi.waitFor(() =>
      expect(store.getState().problems).toEqual(validateDefinition(edited, { profile: 'studio' })),
    );
    expect(codes(store.getState().problems)).toContain('schema.enum');
    expect(lazy.typesToLoad('studio', ['make-http-request'])).toEqual([]);
  });

  it('a type validator that cannot be loaded is reported, and tried again with the next change', async () => {
    vi.doMock('../validation/generated/studio/widget-make-http-request', () => {
      throw new Error('offline');
    });
    const { store, edited } = await addNewType({ url: 'https://example.com', method: 'GET' });
    await vi.waitFor(() =>
      expect(store.getState().problems[0]).toMatchObject({
        code: 'internal.validator-failed',
        message: expect.stringContaining('the studio validators could not be loaded') as unknown,
      }),
    );

    vi.doUnmock('../validation/generated/studio/widget-make-http-request');
    const again = { ...edited, description: 'edited' };
    store.getState().replaceDefinition(again);
    await vi.waitFor(() =>
      expect(store.getState().problems).toEqual(validateDefinition(again, { profile: 'studio' })),
    );
  });
});

describe('the diff behind compare mode', () => {
  it('is there once loaded; until then starting a comparison throws, saying what to do', async () => {
    vi.resetModules();
    const { createCompareStore, loadDiff } = await import('./compare');
    const version = {
      definition: standby,
      label: 'Current flow',
      name: null,
      choice: { kind: 'current' } as const,
    };
    const store = createCompareStore();
    expect(() => store.getState().start(version, version)).toThrow(
      'the diff is not loaded yet (await loadDiff() first)',
    );
    expect(store.getState().session).toBeNull();

    await loadDiff();
    store.getState().start(version, version);
    expect(store.getState().session?.diff.summary.identical).toBe(true);
  });
});
