/**
 * Typed access to the vendored widget catalog: facts about every Studio widget type that the schemas do not say
 * (Studio's titles and categories, canvas port order and labels, default names, Liquid outputs), gathered from
 * Twilio's docs and 141 real flows. See ../shared/widget-catalog.md for the evidence behind each fact.
 */
import catalogData from './vendor/widget-catalog.json' with { type: 'json' };

export interface CatalogEvent {
  event: string;
  label: string;
  whenFires?: string;
  canvasPort?: boolean;
}

export interface CatalogProperty {
  key: string;
  valueType: string;
  required: boolean;
  default?: unknown;
  enum?: string[];
}

export interface CatalogConditionType {
  type: string;
  label: string;
  argumentsCount?: number;
  valueOperand?: string;
}

export interface CatalogEntry {
  type: string;
  title: string | null;
  category: string;
  status: 'ga' | 'legacy' | 'deprecated' | 'retired' | 'beta' | 'unverified' | 'enum-only';
  summary?: string;
  inOfficialSchema: boolean;
  legacyAliases: Record<string, number>;
  events: CatalogEvent[];
  canvasPortOrder: string[];
  properties: CatalogProperty[];
  defaultName: { pattern: string };
  liquidOutputs: { path: string }[];
  conditionTypes?: CatalogConditionType[];
}

// The JSON module's inferred literal types are too narrow to compare; the vendoring script guarantees the shape.
export const CATALOG: readonly CatalogEntry[] = catalogData as unknown as readonly CatalogEntry[];

const byType = new Map(CATALOG.map((e) => [e.type, e]));

export function catalogEntry(type: string): CatalogEntry | undefined {
  return byType.get(type);
}

/**
 * The vendored catalog entry of a type, for its widget module (./widgets). Throws when the catalog lacks the type:
 * a module for a type the catalog does not know writes its facts itself.
 */
export function vendoredCatalogEntry(type: string): CatalogEntry {
  const entry = byType.get(type);
  if (!entry) throw new Error(`widget catalog: no entry for “${type}”`);
  return entry;
}
