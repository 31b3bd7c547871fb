/**
 * Precompiles the JSON-schema validators of both profiles (`studio`, `official`) into
 * src/validation/generated/<profile>/ (one module per widget type, see `generateValidatorModules`), with ajv's
 * standalone code. Output committed; run after the schemas or the extension layer change:
 *
 *   npm run generate               rewrite the modules
 *   npm run generate -- --check    exit code 1 when they are stale (scripts/generate-validators.test.ts checks too)
 *
 * Why: ajv turns each schema into JavaScript and evaluates it with `new Function`, which the app's
 * Content-Security-Policy forbids (no 'unsafe-eval'). Standalone code is the same JavaScript, written here at build
 * time; src/validation/compile.ts imports it, so the browser, the CLI and the tests run the same functions.
 *
 * The ajv instance is compile.ts's `createAjv` (same options as the run-time compilation the tests compare against)
 * with `code.source` on; the same shallow root and the same per-type validators as compile.ts serves.
 *
 * One module per widget type, not one per profile: a flow uses a handful of the 34 types (the corpus flows 6 – 12),
 * and the browser fetches only theirs. The whole `studio` profile is 520 KB of minified JavaScript, as much as React
 * DOM and React Flow together; the nine types of a typical flow are about 160 KB. Every byte of a loaded script
 * stays in the page's memory as its source text, so this is also what a flow's validation costs in the heap.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { schemaSet, type Profile } from '../src/schema/schemas';
import { createAjv, shallowRoot, validatedTypes } from '../src/validation/compile';

export const PROFILES = ['studio', 'official'] as const satisfies readonly Profile[];

/** The folder a profile's modules are written to. */
export function generatedDir(profile: Profile): URL {
  return new URL(`../src/validation/generated/${profile}/`, import.meta.url);
}

/** ajv's standalone code refers to its run-time helpers with `require("ajv/dist/runtime/x").y`. */
const RUNTIME_REQUIRE = /require\("ajv\/dist\/runtime\/([A-Za-z0-9_]+)"\)\.([A-Za-z0-9_]+)/g;

/**
 * Turns the helpers' `require(...)` (CommonJS, even with `code.esm`) into ES imports. ajv's runtime modules are
 * CommonJS with `exports.default`: Node gives a namespace whose `default` is `module.exports`, bundlers give
 * `exports.default` itself, so `pick` reads the export either way.
 */
function importRuntimeHelpers(code: string): string {
  const modules = new Set<string>();
  const body = code.replace(RUNTIME_REQUIRE, (_all, module: string, key: string) => {
    modules.add(module);
    return `pick(runtime_${module}, ${JSON.stringify(key)})`;
  });
  if (modules.size === 0) return body;
  const imports = [...modules]
    .sort()
    .map((m) => `import * as runtime_${m} from 'ajv/dist/runtime/${m}.js';`)
    .join('\n');
  const pick =
    'const pick = (ns, key) =>\n' +
    "  ns.default !== null && typeof ns.default === 'object' && key in ns.default ? ns.default[key] : ns[key];";
  return `${imports}\n\n${pick}\n\n${body}`;
}

/**
 * ajv appends a referenced schema's errors with `vErrors = vErrors === null ? vN.errors : vErrors.concat(vN.errors)`,
 * which copies the whole list at every failing branch: quadratic in the errors of one widget (4,000 bad transitions
 * took 2.8 s, 100,000 would take hours). Appending in place is the same list, in linear time.
 */
const CONCAT_ERRORS = /vErrors = vErrors === null \? (validate\d+)\.errors : vErrors\.concat\(\1\.errors\)/g;

function appendErrorsInPlace(code: string): string {
  return code.replace(
    CONCAT_ERRORS,
    (_all, fn: string) =>
      `if (vErrors === null) vErrors = ${fn}.errors; else for (const e of ${fn}.errors) vErrors.push(e)`,
  );
}

/** The ajv instance of one profile: every schema of its set, the root registered as its shallow form. */
function profileAjv(profile: Profile): Ajv {
  const set = schemaSet(profile);
  const root = set.schemas.find((s) => s.$id === set.rootId);
  if (!root) throw new Error(`generate-validators: the ${profile} schema set has no root schema`);
  const ajv = createAjv({ source: true, esm: true, lines: true });
  for (const schema of set.schemas) if (schema !== root) ajv.addSchema(schema);
  // Registered under the root's `$id`, so widget schemas that point back at the root resolve as before.
  ajv.addSchema(shallowRoot(root));
  return ajv;
}

const standaloneCache = new Map<string, string>();

/** ajv's standalone code of one schema (`$id`), exported as `name`, as an ES module body. */
function standaloneModule(profile: Profile, name: string, id: string): string {
  const key = `${profile}\u0000${name}\u0000${id}`;
  let code = standaloneCache.get(key);
  if (code === undefined) {
    // A fresh instance per module: each holds only the code its own schema needs (and is the same text whatever
    // else was generated before it).
    const ajv = profileAjv(profile);
    // `"use strict"` is ajv's CommonJS habit; an ES module is strict anyway (and after imports it is no directive).
    code = appendErrorsInPlace(
      importRuntimeHelpers(standaloneCode(ajv, { [name]: id }).replace(/^"use strict";\n?/, '')),
    ).trimEnd();
    standaloneCache.set(key, code);
  }
  return code;
}

/**
 * The profile whose widget modules another profile reuses: a type whose `official` validator is the same code as
 * its `studio` one (most types: the extension layer patches a few) re-exports studio's module instead of being
 * written, bundled and shipped a second time.
 */
const SHARES_FROM: Partial<Record<Profile, Profile>> = { official: 'studio' };

/** The code of `type`'s validator in `profile`, when it is the same as in the profile it shares from. */
function sharedWith(profile: Profile, type: string, code: string): Profile | undefined {
  const from = SHARES_FROM[profile];
  if (from === undefined) return undefined;
  const id = validatedTypes(schemaSet(from)).get(type);
  return id !== undefined && standaloneModule(from, 'validate', id) === code ? from : undefined;
}

const HEADER = (profile: Profile, what: string): string[] => [
  '/* eslint-disable */',
  '// @ts-nocheck -- generated JavaScript (ajv standalone code), typed by compile.ts',
  '/*',
  ` * GENERATED by scripts/generate-validators.ts (\`npm run generate\`) from the \`${profile}\` schema set`,
  ' * (src/schema): do not edit. scripts/generate-validators.test.ts fails when this file is stale.',
  ` * ${what}`,
  ' */',
];

/** The file name (without `.ts`) of a widget type's module. */
export function widgetFile(type: string): string {
  return `widget-${type.replace(/[^A-Za-z0-9-]/g, '_')}`;
}

/**
 * The generated modules of one profile, file name (in src/validation/generated/<profile>/) -> text. Deterministic:
 * fresh ajv instances, schemas and types in a fixed order.
 * - `root.ts`: the shallow root's validator (`root`);
 * - `widget-<type>.ts`: one widget type's validator (`validate`), a chunk of its own in the browser; a re-export of
 *   the same type's module in the profile it shares from (`SHARES_FROM`) when the code is the same;
 * - `index.ts`: the browser's door: `root`, and each type's module as a dynamic import (`widgetModules`), fetched
 *   when a flow first holds a widget of that type;
 * - `all.ts`: every validator imported up front (`validators`), for Node (the CLI, scripts, tests).
 */
export function generateValidatorModules(profile: Profile): Map<string, string> {
  const set = schemaSet(profile);
  const files = new Map<string, string>();
  files.set(
    'root.ts',
    [
      ...HEADER(profile, 'The shallow root schema (src/validation/compile.ts, `shallowRoot`).'),
      '',
      standaloneModule(profile, 'root', set.rootId),
      '',
    ].join('\n'),
  );
  const types = [...validatedTypes(set)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const seen = new Set<string>();
  for (const [type, id] of types) {
    const file = widgetFile(type);
    if (seen.has(file)) throw new Error(`generate-validators: two widget types write ${file}.ts`);
    seen.add(file);
    const code = standaloneModule(profile, 'validate', id);
    const from = sharedWith(profile, type, code);
    files.set(
      `${file}.ts`,
      [
        ...HEADER(profile, `The schema of the widget type \`${type}\` (${id}).`),
        '',
        from === undefined
          ? code
          : `// The same code as the \`${from}\` profile's: its module, not a copy.\nexport { validate } from '../${from}/${file}';`,
        '',
      ].join('\n'),
    );
  }
  files.set(
    'index.ts',
    [
      ...HEADER(
        profile,
        "The browser's door: the root, and each widget type's validator as a chunk of its own.",
      ),
      "import type { WidgetValidatorModule } from '../../compile';",
      '',
      "export { root } from './root';",
      '',
      '/** Widget type -> its validator, fetched when a flow first holds a widget of the type. */',
      'export const widgetModules: ReadonlyMap<string, () => Promise<WidgetValidatorModule>> = new Map([',
      ...types.map(([type]) => `  [${JSON.stringify(type)}, () => import('./${widgetFile(type)}')],`),
      ']);',
      '',
    ].join('\n'),
  );
  files.set(
    'all.ts',
    [
      ...HEADER(
        profile,
        'Every validator of the profile, imported up front (Node: the CLI, scripts, tests).',
      ),
      "import type { PrecompiledValidators } from '../../compile';",
      "import { root } from './root';",
      ...types.map(
        ([type]) =>
          `import { validate as ${widgetFile(type).replace(/-/g, '_')} } from './${widgetFile(type)}';`,
      ),
      '',
      `/** The shallow root and the validator of each widget type of the \`${profile}\` profile. */`,
      'export const validators: PrecompiledValidators = {',
      '  root,',
      '  widgets: new Map([',
      ...types.map(([type]) => `    [${JSON.stringify(type)}, ${widgetFile(type).replace(/-/g, '_')}],`),
      '  ]),',
      '};',
      '',
    ].join('\n'),
  );
  return files;
}

/** The files of src/validation/generated/<profile>/ that differ from what the schemas generate today. */
export function staleFiles(profile: Profile): { write: Map<string, string>; remove: string[] } {
  const dir = generatedDir(profile);
  const fresh = generateValidatorModules(profile);
  const write = new Map<string, string>();
  for (const [file, text] of fresh) {
    let current: string | undefined;
    try {
      current = readFileSync(new URL(file, dir), 'utf8');
    } catch {
      current = undefined;
    }
    if (current !== text) write.set(file, text);
  }
  const present = existsSync(dir) ? readdirSync(dir) : [];
  const remove = present.filter((f) => !fresh.has(f)).sort();
  return { write, remove };
}

function main(args: readonly string[]): number {
  const check = args.includes('--check');
  let stale = 0;
  for (const profile of PROFILES) {
    const dir = generatedDir(profile);
    const { write, remove } = staleFiles(profile);
    for (const [file, text] of write) {
      stale++;
      if (check) console.error(`stale: ${new URL(file, dir).pathname} (run npm run generate)`);
      else {
        mkdirSync(dir, { recursive: true });
        writeFileSync(new URL(file, dir), text);
        console.log(`wrote ${new URL(file, dir).pathname} (${(text.length / 1024).toFixed(0)} KB)`);
      }
    }
    for (const file of remove) {
      stale++;
      if (check) console.error(`not generated: ${new URL(file, dir).pathname} (run npm run generate)`);
      else {
        rmSync(new URL(file, dir));
        console.log(`removed ${new URL(file, dir).pathname}`);
      }
    }
  }
  if (stale === 0) console.log('validators up to date');
  return check && stale > 0 ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
