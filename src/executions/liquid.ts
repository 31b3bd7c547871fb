/**
 * From a value in an execution's context to the Liquid a widget writes to read it.
 *
 * An execution context (and a step context) is the object Liquid reads: its root keys are `flow`
 * (`flow.variables`, `flow.data`, `flow.channel`…), `widgets` (each widget's outputs, by widget name), `contact`
 * and `trigger`. So the path of a value in that JSON is the path of the Liquid variable: `widgets` → `gather_1` →
 * `Digits` is `{{widgets.gather_1.Digits}}`, array items are `[0]`, and keys that are not Liquid identifiers are
 * written in brackets (`{{flow.data["first name"]}}`).
 *
 * Pure TypeScript: no DOM, no Node built-ins.
 */

/**
 * A Liquid identifier as Studio's Liquid reads one after a dot: a letter or `_`, then letters, digits, `_` and
 * `-` (the alphabet of widget names, which is why `widgets.send-sms.status` works).
 */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * The Liquid variable expression of a path in a context, without braces: `widgets.gather_1.Digits`,
 * `flow.data["first name"]`, `widgets.http_1.parsed.items[0].id`. Numbers are array indexes (`[0]`); a key that
 * is not an identifier is a bracketed string, in double quotes unless it holds one (Liquid strings have no
 * escapes: a key with both quote kinds cannot be written, and is written in double quotes anyway). The empty path
 * gives `''`.
 */
export function liquidExpression(path: readonly (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${segment.includes('"') && !segment.includes("'") ? `'${segment}'` : `"${segment}"`}]`;
  }
  return out;
}

/**
 * The Liquid output tag that reads the value at `path` in an execution or step context:
 * `liquidPath(['widgets', 'gather_1', 'Digits'])` is `{{widgets.gather_1.Digits}}`,
 * `liquidPath(['flow', 'variables', 'x'])` is `{{flow.variables.x}}`. See {@link liquidExpression}; the empty path
 * gives `''`.
 */
export function liquidPath(path: readonly (string | number)[]): string {
  const expression = liquidExpression(path);
  return expression === '' ? '' : `{{${expression}}}`;
}
