/**
 * The widget library's data: every type a new widget can be, by category, filtered by what the user types. The
 * palette component (src/panels/Palette.tsx) renders it.
 */
import { CATEGORIES, type WidgetCategory } from './categories';
import { WIDGET_TYPES, type WidgetTypeInfo } from './registry';

export interface PaletteGroup {
  category: WidgetCategory;
  items: readonly WidgetTypeInfo[];
}

function matches(info: WidgetTypeInfo, words: readonly string[]): boolean {
  const haystack = `${info.title} ${info.type} ${info.category}`.toLowerCase();
  return words.every((w) => haystack.includes(w));
}

/**
 * The creatable widget types (the registry's, in its order) by category, in the library's category order, empty
 * categories left out. With a `filter`, only the types whose title, type or category contains every word of it
 * (any case).
 */
export function paletteGroups(filter = ''): PaletteGroup[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const creatable = WIDGET_TYPES.filter((w) => w.creatable && matches(w, words));
  return CATEGORIES.map((category) => ({
    category,
    items: creatable.filter((w) => w.category === category),
  })).filter((g) => g.items.length > 0);
}
