/**
 * Studio's widget-name rules, written once: the validator reports names that break them, the store refuses them
 * on rename, and paste (clipboard.ts) gives pasted widgets names that keep them.
 *
 * Twilio documents no rule, but Studio's canvas and every one of the 2,224 names in 141 real flows follow one:
 * letters, digits, underscores and hyphens only, starting with a letter or an underscore, unique in the flow (not
 * even differing only in case). Liquid references (`{{widgets.NAME.x}}`) depend on exactly that alphabet.
 *
 * Pure TypeScript (src/model is the lowest layer, so src/schema and src/validation can import it).
 */

export const WIDGET_NAME_MAX_LENGTH = 128;

/** Why `name` is not a valid widget name on its own, or null when it is. */
export function widgetNameError(name: string): string | null {
  if (name.length === 0) return 'A widget name cannot be empty.';
  if (name.length > WIDGET_NAME_MAX_LENGTH)
    return `A widget name can have at most ${WIDGET_NAME_MAX_LENGTH} characters.`;
  if (/^[0-9-]/.test(name)) return 'A widget name must start with a letter or an underscore.';
  const bad = /[^A-Za-z0-9_-]/.exec(name);
  if (bad) {
    const ch = bad[0] === ' ' ? 'spaces' : `“${bad[0]}”`;
    return `A widget name can only contain letters, digits, underscores and hyphens (not ${ch}).`;
  }
  return null;
}

/**
 * `name` written in the widget-name alphabet: other characters become `_`, and a name that does not start with a
 * letter or an underscore gets a `_` before it. The length is the caller's business.
 */
export function toWidgetNameAlphabet(name: string): string {
  let s = name.replace(/[^A-Za-z0-9_-]/g, '_');
  if (!/^[A-Za-z_]/.test(s)) s = `_${s}`;
  return s;
}

/**
 * Why `name` cannot be given to a widget in a flow that already has `existing` names (pass the names of the
 * other widgets; a rename excludes the widget's own current name), or null when it can.
 */
export function widgetNameClash(name: string, existing: Iterable<string>): string | null {
  const lower = name.toLowerCase();
  for (const other of existing) {
    if (other === name) return `Another widget is already named “${name}”.`;
    if (other.toLowerCase() === lower)
      return `Another widget is named “${other}”; names must differ by more than case.`;
  }
  return null;
}
