/** Command-line parsing for `studio-flow`, with errors that say what was wrong. */
import type { Profile } from '../validation';

export const USAGE = `Usage:
  studio-flow validate FILE... [--profile studio|official] [--json]
      Validate Studio flow files (bare definitions, Flow or Revision resources, list responses, Twilio CLI
      output). Prints each file's problems; exits with 1 if any error was found.
      --profile studio    what real Studio accepts: official schemas + documented extensions (default)
      --profile official  the official JSON schemas exactly as Twilio publishes them
      --json              machine-readable: [{file, detected, problems: [{severity, code, message, widget, pointer}]}]

  studio-flow export FILE... [--canonical] [--out-dir DIR]
      Print the definition of one file exactly as the editor exports it, or write each of several files into DIR
      under its own name. --canonical sorts keys in a stable order for clean diffs.

  studio-flow diff BASE CHANGED [--format md|json] [--include-layout]
      Compare two versions of a flow (any shape validate reads; from a list such as a revision list, the first,
      i.e. newest, entry). Widgets are matched by name, renames are detected, and what merely follows a rename
      (links, Liquid references) is not a change. Exits with 0 when nothing changed, 1 when something did, 2 on
      errors (like diff(1)).
      --format md         a Markdown summary for a pull request (default)
      --format json       {base, changed, summary, flow, renames, changes: [{kind, kinds, widget, type, paths, transitions}]}
      --include-layout    report moved widgets (offsets) too; by default a flow that only moved has no changes

  studio-flow --help | --version`;

export type ParsedArgs =
  | { command: 'help' }
  | { command: 'version'; version: string }
  | { command: 'validate'; files: string[]; profile: Profile; json: boolean }
  | { command: 'export'; files: string[]; canonical: boolean; outDir?: string }
  | { command: 'diff'; base: string; changed: string; format: DiffFormat; includeLayout: boolean };

export type DiffFormat = 'md' | 'json';

export function parseArgs(argv: readonly string[], version = '0.1.0'): ParsedArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help')
    return { command: 'help' };
  if (command === '--version' || command === '-v') return { command: 'version', version };
  const files: string[] = [];
  const flags = new Map<string, string | true>();
  const takesValue = new Set(['--profile', '--out-dir', '--format']);
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (a === '--') {
      files.push(...rest.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, inline] = a.split(/=(.*)/s, 2) as [string, string | undefined];
      if (takesValue.has(name)) {
        const value = inline ?? rest[++i];
        if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value.`);
        flags.set(name, value);
      } else flags.set(name, true);
    } else files.push(a);
  }
  const allowed: Record<string, string[]> = {
    validate: ['--profile', '--json'],
    export: ['--canonical', '--out-dir'],
    diff: ['--format', '--include-layout'],
  };
  const known = allowed[command];
  if (!known) throw new Error(`Unknown command “${command}”.`);
  for (const f of flags.keys())
    if (!known.includes(f)) throw new Error(`Unknown option ${f} for ${command}.`);
  if (command === 'diff') {
    const [base, changed] = files;
    if (base === undefined || changed === undefined || files.length > 2)
      throw new Error('diff needs two files: BASE and CHANGED.');
    const format = flags.get('--format') ?? 'md';
    if (format !== 'md' && format !== 'json') throw new Error('--format must be “md” or “json”.');
    return { command, base, changed, format, includeLayout: flags.has('--include-layout') };
  }
  if (files.length === 0) throw new Error(`${command} needs at least one FILE.`);
  if (command === 'validate') {
    const profile = flags.get('--profile') ?? 'studio';
    if (profile !== 'studio' && profile !== 'official')
      throw new Error('--profile must be “studio” or “official”.');
    return { command, files, profile, json: flags.has('--json') };
  }
  const outDir = flags.get('--out-dir');
  if (files.length > 1 && typeof outDir !== 'string')
    throw new Error('export of several files needs --out-dir DIR.');
  return typeof outDir === 'string'
    ? { command: 'export', files, canonical: flags.has('--canonical'), outDir }
    : { command: 'export', files, canonical: flags.has('--canonical') };
}
