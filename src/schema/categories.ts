/**
 * The categories of Studio's widget library, in its order, with the short name (slug) the canvas, the palette and
 * the inspector style a widget's colour by (`wn-cat-<slug>`).
 */

export type WidgetCategory =
  'Flow Control' | 'Voice' | 'Messaging' | 'Tools & Execute Code' | 'Connect Other Products' | 'Other';

/** A category's short name: the suffix of its CSS class (`wn-cat-messaging`) and of its colour token. */
export type CategorySlug = 'flow' | 'voice' | 'messaging' | 'tools' | 'connect' | 'other';

const SLUGS: Readonly<Record<WidgetCategory, CategorySlug>> = {
  'Flow Control': 'flow',
  Voice: 'voice',
  Messaging: 'messaging',
  'Tools & Execute Code': 'tools',
  'Connect Other Products': 'connect',
  Other: 'other',
};

/** Every category, in the order Studio's widget library lists them. */
export const CATEGORIES: readonly WidgetCategory[] = Object.keys(SLUGS) as WidgetCategory[];

/** Whether a catalog's category name is one of the library's (others show under "Other"). */
export function isWidgetCategory(name: string): name is WidgetCategory {
  return Object.hasOwn(SLUGS, name);
}

export function categorySlug(category: WidgetCategory): CategorySlug {
  return SLUGS[category];
}
