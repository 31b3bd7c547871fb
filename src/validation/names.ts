/**
 * How validation messages name things: widget types, events, properties.
 *
 * Every lookup of presentation facts goes through this module, and every one of them reads the widget registry
 * (the widget modules of src/schema/widgets), so that a problem names a property exactly as the inspector and the
 * diff do.
 */
import {
  getWidgetProperty,
  getWidgetType,
  modernTypeForLegacy,
  type WidgetTypeInfo,
} from '../schema/registry';

const titles = new WeakMap<WidgetTypeInfo, string>();

/**
 * Studio's title of a widget type ("Send Message"), without research notes such as "(Start)" or "(v1, legacy)" and
 * without the trailing "..." of "Split Based On...".
 */
export function typeTitle(type: string): string {
  const info = getWidgetType(type);
  if (!info) return type;
  let title = titles.get(info);
  if (title === undefined) {
    title = info.title.replace(/\s*\([^)]*\)\s*$/, '').replace(/\s*(\.\.\.|…)$/, '');
    titles.set(info, title);
  }
  return title;
}

/** "Send Message “greet”": how messages name one widget. */
export function widgetLabel(type: unknown, name: unknown): string {
  const title = typeof type === 'string' && type !== '' ? typeTitle(type) : undefined;
  if (typeof name === 'string' && name !== '') return `${title ?? 'Widget'} “${name}”`;
  return title === undefined ? 'A widget without a name' : `A ${title} widget without a name`;
}

const eventsByType = new WeakMap<WidgetTypeInfo, readonly string[]>();

/** Output events of a widget type as Studio's canvas shows them, or undefined when the type is not known. */
export function typeEvents(type: string): readonly string[] | undefined {
  const info = getWidgetType(type);
  if (!info) return undefined;
  let events = eventsByType.get(info);
  if (!events) {
    events = info.events.map((e) => e.event);
    eventsByType.set(info, events);
  }
  return events;
}

/** The event that legitimately repeats on a widget type (split-based-on `match`), if any. */
export function repeatingEvent(type: string): string | undefined {
  return getWidgetType(type)?.repeatingEvent;
}

/**
 * How messages name a property: its label (as the inspector and the diff show it, "Message body") when it has a
 * name of its own (its widget module's label or its schema's title), else none (the message shows the key).
 */
export function propertyTitle(type: string, key: string): string | undefined {
  const property = getWidgetProperty(type, key);
  return property?.named === true ? property.label : undefined;
}

/** The modern type of a pre-2019 PascalCase widget type (`SayPlay` → `say-play`), if it is one. */
export function legacyTypeReplacement(type: string): string | undefined {
  return modernTypeForLegacy(type);
}

/** Whether Studio (the widget registry) knows this widget type at all. */
export function isStudioType(type: string): boolean {
  return getWidgetType(type) !== undefined;
}
