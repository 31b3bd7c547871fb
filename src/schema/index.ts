export * from './schemas';
export * from './registry';
export * from './palette';
// The widget-name rules live in src/model (the lowest layer, which paste needs them in); the registry's users
// find them here too.
export { widgetNameClash, widgetNameError, WIDGET_NAME_MAX_LENGTH } from '../model/names';
export { EXTENSIONS, EXTENSION_BASE, NUMERIC_STRING_PATTERN, type SchemaExtension } from './extensions';
export {
  CATALOG,
  catalogEntry,
  vendoredCatalogEntry,
  type CatalogEntry,
  type CatalogEvent,
  type CatalogConditionType,
} from './catalog';
export { WIDGET_MODULES } from './widgets';
export type * from './widgets/types';
