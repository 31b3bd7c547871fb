/**
 * Colours the canvas draws outside CSS (the minimap's <canvas>, the SVG/PNG images): the same values as canvas.css
 * (`--cat-*`, the Trigger's red, the selection blue). Change them together.
 */
import type { CategorySlug } from './mapping';

export const CATEGORY_COLOURS: Readonly<Record<CategorySlug, string>> = {
  flow: '#7a5af5',
  voice: '#1f8a70',
  messaging: '#1f6fd1',
  tools: '#c2571a',
  connect: '#b8326b',
  other: '#6b7685',
};
export const TRIGGER_COLOUR = '#d92f3d';
export const SELECTED_COLOUR = '#1f4fc1';

/** A card's own colour: its category's, or the Trigger's. */
export function cardColour(data: { trigger: boolean; category: CategorySlug }): string {
  return data.trigger ? TRIGGER_COLOUR : CATEGORY_COLOURS[data.category];
}
