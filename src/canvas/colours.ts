/**
 * The colours the canvas draws outside CSS (the minimap's and the far canvas's <canvas>, the SVG/PNG images), read
 * from the one place they are defined: the tokens of src/styles/theme.css, the file CSS uses too. Vite hands the
 * stylesheet over as text (`?raw`), so there is no second copy to keep in step and nothing to generate, and the
 * images, which run in Node tests as well, do not depend on a rendered page (as `getComputedStyle` would).
 */
import theme from '../styles/theme.css?raw';
import type { CategorySlug } from './cards';

/** The `--name: #hex;` declarations of a stylesheet (comments skipped), by name without the dashes. */
export function readColourTokens(css: string): ReadonlyMap<string, string> {
  const tokens = new Map<string, string>();
  const declaration = /--([\w-]+)\s*:\s*(#[0-9a-fA-F]{3,8})\s*;/g;
  for (const match of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(declaration)) {
    const [, name, value] = match;
    if (name !== undefined && value !== undefined && !tokens.has(name)) tokens.set(name, value.toLowerCase());
  }
  return tokens;
}

const TOKENS = readColourTokens(theme);

/**
 * The colour token `--name` of theme.css. Throws when there is none (a typo, or a token that is not a hex colour),
 * so it fails as the module loads, in every test that draws, not as a silently black card.
 */
export function themeColour(name: string): string {
  const value = TOKENS.get(name);
  if (value === undefined) throw new Error(`theme.css has no colour --${name}`);
  return value;
}

export const CATEGORY_COLOURS: Readonly<Record<CategorySlug, string>> = {
  flow: themeColour('cat-flow'),
  voice: themeColour('cat-voice'),
  messaging: themeColour('cat-messaging'),
  tools: themeColour('cat-tools'),
  connect: themeColour('cat-connect'),
  other: themeColour('cat-other'),
};
export const TRIGGER_COLOUR = themeColour('cat-trigger');
/** The selected card and connection: the accent. */
export const SELECTED_COLOUR = themeColour('accent');
/** Connections. */
export const EDGE_COLOUR = themeColour('edge');

/** A card's own colour: its category's, or the Trigger's. */
export function cardColour(data: { trigger: boolean; category: CategorySlug }): string {
  return data.trigger ? TRIGGER_COLOUR : CATEGORY_COLOURS[data.category];
}
