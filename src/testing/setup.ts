/**
 * Vitest setup (vite.config.ts, `test.setupFiles`): what the browser loads on demand is loaded before any test, so
 * that code reaching it synchronously works in tests as it does once loaded in the browser (and as the CLI does):
 * - both validation profiles' precompiled validators, root and every widget type (src/validation/lazy.ts, through
 *   the browser's own `loadProfile` and `loadWidgetTypes`; ./index.ts registers them on import anyway),
 * - the revision diff behind compare mode's store (src/store/compare.ts, `loadDiff`).
 * Tests of the loading itself import fresh modules (`vi.resetModules`), which start without them.
 */
import { loadDiff } from '../store/compare';
import { loadProfile, loadWidgetTypes, type Profile } from '../validation/lazy';

const loadWhole = async (profile: Profile): Promise<void> => {
  const compiled = await loadProfile(profile);
  await loadWidgetTypes(profile, compiled.knownTypes);
};

await Promise.all([loadWhole('studio'), loadWhole('official'), loadDiff()]);
