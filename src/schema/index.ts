export * from './schemas';
export * from './registry';
export * from './names';
export { EXTENSIONS, EXTENSION_BASE, NUMERIC_STRING_PATTERN, type SchemaExtension } from './extensions';
export {
  CATALOG,
  catalogEntry,
  type CatalogEntry,
  type CatalogEvent,
  type CatalogConditionType,
} from './catalog';
