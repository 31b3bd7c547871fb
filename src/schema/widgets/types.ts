/**
 * What one widget module says about its widget type (see ./index.ts): the vocabulary of the modules, read by the
 * registry (../registry.ts), the form model (src/inspector), the validator (src/validation) and the canvas.
 *
 * Pure data and pure functions: a module imports nothing but the catalog, src/model and this file, so every layer
 * above src/schema can read it and none of them is imported back (type-specific lint is written against
 * `WidgetLintContext`, which src/validation implements).
 */
import type { Severity } from '../../model/types';
import type { CatalogEntry } from '../catalog';

// ---------------------------------------------------------------------------------------------------------------
// Form hints: how Studio's inspector presents a field, where the schema does not say.

/** The editors the inspector has, one per kind of field. */
export type FieldKind =
  | 'text'
  | 'multiline'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'enum'
  | 'string-list'
  | 'key-value'
  | 'object'
  | 'split-conditions'
  | 'set-variables'
  | 'readonly-events'
  | 'json';

export interface FieldOption {
  value: string;
  label: string;
}

/** A field shows only while a sibling property has one of `values` (its default when absent). */
export interface VisibleWhen {
  key: string;
  values: readonly unknown[];
}

/** An extra column of the rows of a key-value list: a choice stored in each row under `key`. */
export interface ColumnHint {
  key: string;
  label: string;
  help?: string;
  options: readonly FieldOption[];
  /** What Studio assumes while a row has no value (shown, never stored). */
  defaultValue: string;
}

/** How the inspector presents one property of the type. Everything is optional: the schema says the rest. */
export interface FieldHints {
  /**
   * The field's label, the same everywhere: the inspector, the problems and the diff. Without it: the schema's
   * title, else the key in words.
   */
  label?: string;
  help?: string;
  /** The editor, when the schema's type would pick another (Set Variables' rows, a fixed list of options). */
  kind?: FieldKind;
  /** A multi-line text area (message bodies, prompts, JSON bodies). */
  multiline?: boolean;
  /** `false`: the text is a fixed value (an HTTP method, a content type), so no Liquid completions. */
  liquid?: boolean;
  /** The values offered (the schema's, else none). */
  options?: readonly FieldOption[];
  /** Labels for some of the schema's values (the rest show the value). */
  optionLabels?: Readonly<Record<string, string>>;
  /** The options are suggestions: any text (Liquid too) stays allowed. */
  openOptions?: boolean;
  /** Replaces the schema's default as what the field shows (greyed) and assumes while the property is absent. */
  defaultValue?: unknown;
  /** An empty string is a value of its own (finish_on_key "" = no finish key): clearing the field stores "". */
  keepEmpty?: boolean;
  visibleWhen?: VisibleWhen;
  /** Key-value lists: columns after key and value. */
  extraColumns?: readonly ColumnHint[];
}

/** How the inspector lays the type's form out. */
export interface FormLayout {
  /** These keys first, in this order; the others follow, required ones first, each group in schema order. */
  order?: readonly string[];
  /** Sections by key, in order; keys no section lists go to a last section, "Other". */
  sections?: readonly { title: string; keys: readonly string[] }[];
  /** A pseudo-field editing (or showing) the transitions, in a section of its own after the properties. */
  transitions?: 'split-conditions' | 'readonly-events';
}

// ---------------------------------------------------------------------------------------------------------------
// Type-specific lint

/** One problem found by a type's own lint, placed relative to the widget. */
export interface LintFinding {
  severity: Severity;
  /** A stable code, `lint.<type-specific>` (documented in src/validation/index.ts). */
  code: string;
  message: string;
  /** Pointer relative to the widget (`/transitions/2/conditions/0/value`). */
  pointer: string;
  field: string;
}

/** What the validator gives a type's lint: the widget, how problems name it, and where findings go. */
export interface WidgetLintContext {
  readonly widget: Readonly<Record<string, unknown>>;
  /** The widget's transitions ([] when it has none, or not a list). */
  readonly transitions: readonly unknown[];
  /** How problems name the widget: Split Based On “menu”. */
  readonly label: string;
  /** The `field` of transition `index`: `transitions.match[0]`. */
  transitionField(index: number): string;
  report(finding: LintFinding): void;
  /** Lints the Liquid of a string the generic lint does not walk (it walks the properties only). */
  checkLiquid(text: string, pointer: string, field: string): void;
}

/** A schema error, as far as a type's lint needs to know it to take it over. */
export interface SchemaErrorPlace {
  /** Pointer relative to the widget. */
  instancePath: string;
  keyword: string;
  /** `required` errors: the missing key. */
  missingProperty?: string;
}

export interface WidgetLint {
  /** Lints one widget of the type (its result is cached with the widget object, so depend on nothing else). */
  run(context: WidgetLintContext): void;
  /**
   * Schema errors this lint reports in its own words, so the validator drops them (in both profiles, the lint
   * running in both). Without it every schema error is reported.
   */
  takesOver?(error: SchemaErrorPlace): boolean;
}

// ---------------------------------------------------------------------------------------------------------------

/** Everything specific to one widget type. */
export interface WidgetModule {
  /** The `type` of the widget in a flow. */
  readonly type: string;
  /**
   * The type's facts: title, category, status, output events with Studio's port labels, canvas port order,
   * properties (value types, defaults, enums), default-name pattern, Liquid outputs. For the types in the vendored
   * widget catalog, `vendoredCatalogEntry(type)`; a type the catalog lacks writes them here.
   */
  readonly catalog: CatalogEntry;
  /** One per flow, made with the flow (the Trigger): never offered in the palette, always named as the catalog says. */
  readonly singleton?: boolean;
  /** The event that repeats, once per port (split-based-on `match`, one per condition). */
  readonly repeatingEvent?: string;
  /** The property the canvas card summarises on one line (message body, URL, variable tested...). */
  readonly summaryProperty?: string;
  /** What Studio puts in a new widget beyond the schema defaults. */
  readonly newWidgetProperties?: Readonly<Record<string, unknown>>;
  /** Per property key: its label and how the inspector presents it. */
  readonly fields?: Readonly<Record<string, FieldHints>>;
  readonly form?: FormLayout;
  /** What the validator checks on this type beyond its schema and the lint of every widget. */
  readonly lint?: WidgetLint;
}
