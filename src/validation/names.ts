/**
 * How validation messages name things: widget types, events, properties, split condition types.
 *
 * Every lookup of presentation facts goes through this module, so that moving them to another source (the widget
 * registry grows property titles, say) is a change here only.
 */
import { getWidgetType, modernTypeForLegacy } from '../schema/registry';

/**
 * Studio's title of a widget type ("Send Message"), without research notes such as "(Start)" or "(v1, legacy)" and
 * without the trailing "..." of "Split Based On...".
 */
export function typeTitle(type: string): string {
  let title = titles.get(type);
  if (title === undefined) {
    const full = getWidgetType(type)?.title;
    title = full === undefined ? type : full.replace(/\s*\([^)]*\)\s*$/, '').replace(/\s*(\.\.\.|…)$/, '');
    titles.set(type, title);
  }
  return title;
}
const titles = new Map<string, string>();

/** "Send Message “greet”": how messages name one widget. */
export function widgetLabel(type: unknown, name: unknown): string {
  const title = typeof type === 'string' && type !== '' ? typeTitle(type) : undefined;
  if (typeof name === 'string' && name !== '') return `${title ?? 'Widget'} “${name}”`;
  return title === undefined ? 'A widget without a name' : `A ${title} widget without a name`;
}

/** Output events of a widget type as Studio's canvas shows them, or undefined when the type is not known. */
export function typeEvents(type: string): readonly string[] | undefined {
  if (!eventsByType.has(type))
    eventsByType.set(
      type,
      getWidgetType(type)?.events.map((e) => e.event),
    );
  return eventsByType.get(type);
}
const eventsByType = new Map<string, readonly string[] | undefined>();

/** The event that legitimately repeats on a widget type (split-based-on `match`), if any. */
export function repeatingEvent(type: string): string | undefined {
  return getWidgetType(type)?.repeatingEvent;
}

/**
 * Labels Studio's inspector shows for properties whose schema has no `title`. Kept minimal: only labels seen in
 * Studio's UI; anything else is named by its key.
 */
const INSPECTOR_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'send-message': { body: 'Message Body' },
  'send-and-wait-for-reply': { body: 'Message Body' },
};

/** The title of a property for messages: the schema's `title` when it has one, else Studio's label, else none. */
export function propertyTitle(type: string, key: string, schemaTitle?: unknown): string | undefined {
  if (typeof schemaTitle === 'string' && schemaTitle.trim() !== '') return schemaTitle;
  return INSPECTOR_LABELS[type]?.[key];
}

/** The split condition types Studio knows, with their labels ("Equal To"). */
export function conditionTypes(): ReadonlyMap<string, string> {
  return CONDITION_TYPES;
}

const CONDITION_TYPES: ReadonlyMap<string, string> = new Map(
  (getWidgetType('split-based-on')?.conditionTypes ?? []).map((c) => [c.type, c.label]),
);

/** Condition types whose value Studio does not use (exports store the label text, or nothing). */
export const VALUELESS_CONDITION_TYPES: ReadonlySet<string> = new Set(['is_blank', 'is_not_blank']);

/** The modern type of a pre-2019 PascalCase widget type (`SayPlay` → `say-play`), if it is one. */
export function legacyTypeReplacement(type: string): string | undefined {
  return modernTypeForLegacy(type);
}

/** Whether Studio (the catalog) knows this widget type at all. */
export function isStudioType(type: string): boolean {
  return getWidgetType(type) !== undefined;
}
