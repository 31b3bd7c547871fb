/**
 * Split Based On…: tests its input against conditions, one output port per condition (`match` transitions, tested in
 * order) plus "No Condition Matches". The conditions live in the transitions, so the form edits them with a
 * pseudo-field (src/model/conditions.ts has the commands) and this module lints them: the official schema declares
 * `condition` instead of the `conditions` Studio writes, so without this lint no condition would be checked.
 */
import { isValuelessCondition, MATCH_EVENT } from '../../model/conditions';
import { isObject } from '../../model/object';
import { vendoredCatalogEntry } from '../catalog';
import type { SchemaErrorPlace, WidgetLintContext, WidgetModule } from './types';

const catalog = vendoredCatalogEntry('split-based-on');
const CONDITION_TYPES: ReadonlySet<string> = new Set((catalog.conditionTypes ?? []).map((c) => c.type));

function lintConditions(ctx: WidgetLintContext): void {
  const properties = ctx.widget.properties;
  const input = isObject(properties) ? properties.input : undefined;
  const { label } = ctx;
  ctx.transitions.forEach((t, j) => {
    if (!isObject(t) || t.event !== MATCH_EVENT) return;
    const base = `/transitions/${j}`;
    const tField = ctx.transitionField(j);
    const conditions = t.conditions;
    if (!Array.isArray(conditions) || conditions.length === 0) {
      ctx.report({
        severity: 'error',
        code: 'lint.split-no-condition',
        message: `A condition port of ${label} has no condition, so Studio can never take it`,
        pointer: base,
        field: tField,
      });
      return;
    }
    conditions.forEach((c: unknown, m) => {
      const cp = `${base}/conditions/${m}`;
      const cf = `${tField}.conditions[${m}]`;
      if (!isObject(c)) {
        ctx.report({
          severity: 'error',
          code: 'lint.split-condition',
          message: `A condition of ${label} is not an object`,
          pointer: cp,
          field: cf,
        });
        return;
      }
      const portName =
        typeof c.friendly_name === 'string' && c.friendly_name.trim() !== ''
          ? `“${c.friendly_name}”`
          : `#${m + 1}`;
      const subject = `Condition ${portName} of ${label}`;
      if (typeof c.friendly_name !== 'string' || c.friendly_name.trim() === '') {
        ctx.report({
          severity: 'warning',
          code: 'lint.split-condition-label',
          message: `${subject} has no label (\`friendly_name\`), which the canvas shows on its port`,
          pointer: typeof c.friendly_name === 'string' ? `${cp}/friendly_name` : cp,
          field: `${cf}.friendly_name`,
        });
      }
      const type = c.type;
      if (typeof type !== 'string' || !CONDITION_TYPES.has(type)) {
        ctx.report({
          severity: 'error',
          code: 'lint.split-condition-type',
          message:
            typeof type === 'string'
              ? `${subject} has the type “${type}”, which Studio does not know`
              : `${subject} has no type (Equal To, Contains, …)`,
          pointer: typeof type === 'string' ? `${cp}/type` : cp,
          field: `${cf}.type`,
        });
      }
      const value = c.value;
      const valueless = isValuelessCondition(type);
      if (typeof value === 'string') {
        if (value.trim() === '' && !valueless) {
          ctx.report({
            severity: 'error',
            code: 'lint.split-condition-value',
            message: `${subject} has an empty value to compare with`,
            pointer: `${cp}/value`,
            field: `${cf}.value`,
          });
        } else ctx.checkLiquid(value, `${cp}/value`, `${cf}.value`);
      } else if (!valueless || value !== undefined) {
        ctx.report({
          severity: 'error',
          code: 'lint.split-condition-value',
          message:
            value === undefined
              ? `${subject} has no value to compare with`
              : `${subject} has a value that is not text`,
          pointer: value === undefined ? cp : `${cp}/value`,
          field: `${cf}.value`,
        });
      }
      const args = c.arguments;
      if (!Array.isArray(args) || args.length === 0 || !args.every((a) => typeof a === 'string')) {
        ctx.report({
          severity: 'error',
          code: 'lint.split-condition-arguments',
          message: `${subject} has no argument: it needs exactly one, the split's input (\`arguments\`)`,
          pointer: Array.isArray(args) ? `${cp}/arguments` : cp,
          field: `${cf}.arguments`,
        });
      } else if (args.length > 1) {
        ctx.report({
          severity: 'warning',
          code: 'lint.split-condition-arguments',
          message: `${subject} has ${args.length} arguments; Studio uses exactly one, the split's input`,
          pointer: `${cp}/arguments`,
          field: `${cf}.arguments`,
        });
      } else if (typeof input === 'string' && args[0] !== input) {
        ctx.report({
          severity: 'info',
          code: 'lint.split-stale-argument',
          message: `${subject} still carries an old copy of the input (“${String(args[0])}”, now “${input}”); Studio tests the input and rewrites the copy on save`,
          pointer: `${cp}/arguments/0`,
          field: `${cf}.arguments[0]`,
        });
      }
    });
  });
}

const CONDITIONS = /^\/transitions\/\d+\/conditions(\/|$)/;
const TRANSITION = /^\/transitions\/\d+$/;

/**
 * The studio schema's own condition errors: lint reports those (and knows that blank checks need no value), so they
 * are not reported twice.
 */
function takesOver(error: SchemaErrorPlace): boolean {
  if (CONDITIONS.test(error.instancePath)) return true;
  return (
    error.keyword === 'required' &&
    TRANSITION.test(error.instancePath) &&
    error.missingProperty === 'conditions'
  );
}

export const splitBasedOn: WidgetModule = {
  type: 'split-based-on',
  catalog,
  repeatingEvent: MATCH_EVENT,
  summaryProperty: 'input',
  fields: {
    input: { help: 'The value the conditions test, usually Liquid such as {{widgets.gather_1.Digits}}.' },
  },
  form: { transitions: 'split-conditions' },
  lint: { run: lintConditions, takesOver },
};
