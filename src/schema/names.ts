/**
 * Studio's widget-name rules.
 *
 * Twilio documents no rule, but Studio's canvas and every one of the 2,224 names in 141 real flows follow one:
 * letters, digits, underscores and hyphens only, starting with a letter or an underscore, unique in the flow (not
 * even differing only in case). Liquid references (`{{widgets.NAME.x}}`) depend on exactly that alphabet.
 */

export const WIDGET_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/;
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
