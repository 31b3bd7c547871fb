/**
 * The few questions every layer asks of an untrusted JSON value, answered once. Definitions come from files, the
 * clipboard, storage and the network: a key such as `constructor` or `__proto__` must be read as data, never found
 * on a prototype, and "object" must mean a JSON object, not an array or null.
 *
 * Pure TypeScript: no DOM, no Node built-ins.
 */

export type UnknownObject = Record<string, unknown>;

/** A JSON object: not null, not an array. */
export function isObject(value: unknown): value is UnknownObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property only, so that `constructor`, `toString` or `__proto__` are never found on the prototype. */
export function own(obj: UnknownObject, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** A JSON value's type as a message says it: "null", "an array", "a string", "an object"… */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'undefined':
      return 'undefined';
    default:
      return `a ${typeof value}`;
  }
}
