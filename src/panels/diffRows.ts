/**
 * What the widget diff panel's "Property changes" table shows for one widget of a diff: one row per difference,
 * named as the inspector names the field ("Message body", "HTTP parameters › item 1 › Value"), or by its JSON path
 * when the form does not know it; values as text, never markup.
 *
 * Pure TypeScript: no React, no DOM.
 */
import { WIDGET_CHANGE_LABELS, type TransitionChange, type WidgetDiff } from '../diff/types';
import { formFields, formModelFor, type FieldModel } from '../inspector/formModel';
import type { Offset, Widget } from '../model/types';
import { eventLabel, getWidgetType } from '../schema/registry';

export interface DiffRow {
  /** Unique within the table. */
  key: string;
  field: string;
  /** Text of the value in each version; null when absent there. */
  before: string | null;
  after: string | null;
}

/** The kinds as words: "Added", "Renamed · Changed". */
export const KIND_NAMES = WIDGET_CHANGE_LABELS;

/** Labels of flow-level paths (the flow settings form's names). */
const FLOW_LABELS: Record<string, string> = {
  '/description': 'Description',
  '/initial_state': 'Initial state',
  '/flags/allow_concurrent_calls': 'Allow concurrent calls',
  '/flags': 'Flags',
};

function decodeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `/properties/a~1b/0` → `['properties', 'a/b', '0']`. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map(decodeToken);
}

const isIndex = (segment: string): boolean => /^\d+$/.test(segment);

/** The rest of a path after the part a label covers: "item 2 › value". */
function restLabel(segments: readonly string[], columns?: readonly FieldModel[]): string[] {
  const parts: string[] = [];
  segments.forEach((segment, i) => {
    if (isIndex(segment)) parts.push(`item ${Number(segment) + 1}`);
    else {
      // The column of a list row (key-value, set-variables): its label, right after the item.
      const column =
        i > 0 && isIndex(segments[i - 1] ?? '') ? columns?.find((c) => c.key === segment) : undefined;
      parts.push(column?.label ?? segment);
    }
  });
  return parts;
}

/**
 * The inspector's label for a value of a widget of `type`, by JSON pointer relative to the widget
 * (`/properties/body` → "Message body"); the pointer itself when the form does not describe it.
 */
export function fieldLabel(type: string, pointer: string): string {
  const segments = pointerSegments(pointer);
  if (segments.length === 1 && segments[0] === 'type') return 'Widget type';
  if (segments.length === 1 && segments[0] === 'name') return 'Name';
  if (segments[0] !== 'properties' || segments.length < 2) return pointer;
  const rest = segments.slice(1);
  let fields = formFields(formModelFor(type)).filter((f) => f.scope === 'properties');
  let field = fields.find((f) => f.key === rest[0]);
  if (!field) return pointer;
  let used = 1;
  // Object fields: their nested fields have full paths from `properties`.
  while (field.kind === 'object' && field.fields && used < rest.length) {
    fields = field.fields;
    const next = fields.find((f) => f.path.length === used + 1 && f.path.every((p, i) => p === rest[i]));
    if (!next) break;
    field = next;
    used += 1;
  }
  return [field.label, ...restLabel(rest.slice(used), field.fields)].join(' › ');
}

/** The label of a flow-level path (`/flags/allow_concurrent_calls` → "Allow concurrent calls"). */
export function flowFieldLabel(pointer: string): string {
  return FLOW_LABELS[pointer] ?? pointer;
}

/** The label of a part of a split condition (`/conditions/0/value` → "Value"). */
function conditionPartLabel(pointer: string): string {
  const segments = pointerSegments(pointer);
  const conditions = formFields(formModelFor('split-based-on')).find((f) => f.kind === 'split-conditions');
  // `/conditions/<i>/<part>/...`
  const part = segments[2];
  if (segments[0] !== 'conditions' || part === undefined) return pointer;
  // The form calls the condition's type "Condition": beside the condition's name that would say nothing.
  const label =
    part === 'type' ? 'Operator' : (conditions?.fields?.find((f) => f.key === part)?.label ?? part);
  const condition = segments.length > 1 && isIndex(segments[1] ?? '') ? Number(segments[1]) : 0;
  return [
    condition > 0 ? `condition ${condition + 1} ${label.toLowerCase()}` : label,
    ...restLabel(segments.slice(3)),
  ].join(' › ');
}

/** A value as the table shows it: strings as they are (line breaks kept), the rest as 2-space JSON. */
export function valueText(value: unknown): string | null {
  if (value === undefined) return null;
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}

function offsetText(offset: Offset | undefined): string | null {
  return offset === undefined ? null : `x ${offset.x}, y ${offset.y}`;
}

/** "Next: Message Sent", "Next: If value equal_to 1". */
function outputName(type: string, change: TransitionChange): string {
  if (change.event === 'match') return change.label ?? 'condition';
  return eventLabel(type, change.event);
}

function transitionRows(type: string, changes: readonly TransitionChange[]): DiffRow[] {
  const rows: DiffRow[] = [];
  changes.forEach((change, i) => {
    const output = outputName(type, change);
    if (change.kind !== 'conditions' || change.beforeNext !== change.afterNext) {
      rows.push({
        key: `t${i}:${change.key}`,
        field: `Next: ${output}`,
        before: change.beforeNext ?? null,
        after: change.afterNext ?? null,
      });
    }
    for (const condition of change.conditions ?? []) {
      rows.push({
        key: `t${i}:${change.key}:${condition.path}`,
        field: `${output} › ${conditionPartLabel(condition.path)}`,
        before: valueText(condition.before),
        after: valueText(condition.after),
      });
    }
  });
  return rows;
}

/** Every property (offset aside) and connected output of a widget that exists on one side only. */
function wholeWidgetRows(widget: Widget, side: 'before' | 'after'): DiffRow[] {
  const rows: DiffRow[] = [];
  const add = (key: string, field: string, text: string | null) =>
    rows.push({ key, field, before: side === 'before' ? text : null, after: side === 'after' ? text : null });
  // Imported flows are shape-checked, but a value given to the diff need not have been.
  const properties: unknown = widget.properties;
  const entries = typeof properties === 'object' && properties !== null ? Object.entries(properties) : [];
  for (const [key, value] of entries) {
    if (key === 'offset') continue;
    const pointer = `/properties/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    add(`p:${key}`, fieldLabel(widget.type, pointer), valueText(value));
  }
  const transitions = Array.isArray(widget.transitions) ? widget.transitions : [];
  transitions.forEach((t, i) => {
    if (typeof t.next !== 'string' || t.next === '') return;
    const first = Array.isArray(t.conditions) ? t.conditions[0] : undefined;
    const friendly = t.event === 'match' ? first?.friendly_name : undefined;
    const label =
      typeof friendly === 'string' && friendly !== '' ? friendly : eventLabel(widget.type, t.event);
    add(`t:${i}`, `Next: ${label}`, t.next);
  });
  return rows;
}

/**
 * The rows of the property table of one widget. `base` and `changed` are the widget in each version (absent where
 * it does not exist). Offsets are listed only with `includeLayout`.
 */
export function widgetDiffRows(
  diff: WidgetDiff,
  base: Widget | undefined,
  changed: Widget | undefined,
  includeLayout: boolean,
): DiffRow[] {
  if (diff.kind === 'added' && changed) return wholeWidgetRows(changed, 'after');
  if (diff.kind === 'removed' && base) return wholeWidgetRows(base, 'before');
  const rows: DiffRow[] = [];
  if (diff.baseName !== undefined && diff.changedName !== undefined && diff.baseName !== diff.changedName) {
    rows.push({ key: 'name', field: 'Name', before: diff.baseName, after: diff.changedName });
  }
  for (const change of diff.properties) {
    rows.push({
      key: `p:${change.path}`,
      field: fieldLabel(diff.type, change.path),
      before: valueText(change.before),
      after: valueText(change.after),
    });
  }
  rows.push(...transitionRows(diff.type, diff.transitions));
  if (includeLayout && diff.offset) {
    rows.push({
      key: 'offset',
      field: 'Position',
      before: offsetText(diff.offset.before),
      after: offsetText(diff.offset.after),
    });
  }
  return rows;
}

/** The widget type's title ("Send Message"), or the type itself. */
export function typeTitle(type: string): string {
  return getWidgetType(type)?.title ?? type;
}

/** The widget's name as the list and the panel show it: "end → ask_feedback" for a rename. */
export function widgetTitle(diff: WidgetDiff): string {
  if (diff.baseName !== undefined && diff.changedName !== undefined && diff.baseName !== diff.changedName) {
    return `${diff.baseName} → ${diff.changedName}`;
  }
  return diff.changedName ?? diff.baseName ?? diff.id;
}

/** "3 properties, 2 connections" (what a change list row says beyond the kind). */
export function changeDetail(diff: WidgetDiff, includeLayout: boolean): string {
  if (diff.kind === 'added' || diff.kind === 'removed') return typeTitle(diff.type);
  const parts: string[] = [];
  const p = diff.properties.length;
  if (p > 0) parts.push(`${p} ${p === 1 ? 'property' : 'properties'}`);
  const t = diff.transitions.length;
  if (t > 0) parts.push(`${t} ${t === 1 ? 'connection' : 'connections'}`);
  if (includeLayout && diff.offset) parts.push('position');
  return parts.length === 0 ? typeTitle(diff.type) : parts.join(', ');
}
