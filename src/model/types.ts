/**
 * The Studio flow document model.
 *
 * A definition is kept as the plain JSON value the user gave us: every object keeps its keys in the order they
 * were written, unknown keys stay where they are, and strings stay strings even where Studio means a number
 * ("3600"). Commands in this folder never mutate: they return new objects and share everything they did not
 * touch, so identity tells what changed (incremental validation, React Flow and undo all rely on that).
 *
 * Pure TypeScript: no React, no zustand, no DOM, no storage.
 */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Canvas position of a widget card, `properties.offset`. */
export interface Offset {
  x: number;
  y: number;
}

/** One condition of a split-based-on `match` transition (Studio exports `conditions`, plural). */
export interface SplitCondition {
  friendly_name?: string;
  type?: string;
  arguments?: string[];
  value?: string;
  [key: string]: unknown;
}

/** An output event of a widget and, when connected, the widget it leads to. */
export interface Transition {
  event: string;
  /** Absent (or, rarely, empty) when the event is not connected. */
  next?: string;
  /** split-based-on `match` transitions only. */
  conditions?: SplitCondition[];
  [key: string]: unknown;
}

export interface WidgetProperties {
  offset?: Offset;
  [key: string]: unknown;
}

/** A Studio "state": one widget on the canvas. */
export interface Widget {
  name: string;
  type: string;
  transitions: Transition[];
  properties: WidgetProperties;
  [key: string]: unknown;
}

export interface FlowFlags {
  allow_concurrent_calls?: boolean;
  [key: string]: unknown;
}

/** A Studio flow definition, as the Flows API stores it in `definition`. */
export interface FlowDefinition {
  description?: string;
  states: Widget[];
  initial_state: string;
  flags?: FlowFlags;
  [key: string]: unknown;
}

/** RFC 6901 JSON pointer into a definition, e.g. `/states/3/properties/body`. */
export type JsonPointer = string;

export type Severity = 'error' | 'warning' | 'info';

/** One finding of validation or lint. */
export interface Problem {
  severity: Severity;
  /** Stable machine-readable code, e.g. `schema.required`, `lint.dangling-next`. */
  code: string;
  /** A sentence a Studio user understands. */
  message: string;
  /** The widget the problem belongs to, when it belongs to one. */
  widget?: string;
  /** Where in the definition. */
  pointer: JsonPointer;
  /** The property or transition field it belongs to (e.g. `body`, `transitions[sent].next`), for forms. */
  field?: string;
}
