/** Command-line parsing for `studio-flow`, with errors that say what was wrong. */
import type { Profile } from '../validation';
import type { ExecutionsFormat } from './executions';

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

  studio-flow executions summarize STEPS... [--flow FILE] [--format md|json|csv]
      Summarise executions of a flow: how often each widget was reached, each transition taken, the most frequent
      paths, and where executions that failed (a failure-like event: failed, timeout, noMatch, busy…) ended.
      STEPS files hold execution steps, executions or their contexts as Studio or the Twilio CLI writes them
      (a ListExecutionStep or ListExecution page, one step or execution, the -o json output of
      twilio api:studio:v2:flows:executions:steps:list, an array of the steps of several executions); they are
      read together, each record once. Exits with 0, or 2 when a file cannot be read.
      --flow FILE         the flow the executions ran on (any shape validate reads): also lists the widgets and
                          transitions the steps took that it does not have (another revision of the flow)
      --format md         a Markdown summary (default)
      --format json       {files, flow, totals, widgets, transitions, paths, failures, mismatch}
      --format csv        one table: kind,widget,event,to,count,executions,reached,visits,ended,waiting,detail

The account commands use the credentials of the environment: TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN, or
TWILIO_API_KEY with TWILIO_API_SECRET (and TWILIO_ACCOUNT_SID); --env-file FILE reads them from a .env file too
(the environment wins). --studio-url URL talks to another Studio API (e.g. the emulator) than
https://studio.twilio.com. Exit codes: 0 done, 1 refused (conflict, Studio's errors), 2 could not be done.

  studio-flow flows [--json]
      List the account's flows: SID, status, revision, last update, name.

  studio-flow pull FLOW [-o FILE] [--revision N]
      Print a flow's definition (FLOW: its FW… SID or its exact name), or write it to FILE with FILE.studio.json
      beside it, recording the flow and the revision pulled (what push checks against).

  studio-flow push FILE --flow FLOW [--publish] [-m MESSAGE] [--force]
      Save FILE as a new revision of FLOW (draft; --publish publishes). Refused when the flow's revision on Studio
      moved since FILE was pulled (someone saved or published meanwhile) unless --force.

  studio-flow validate --remote FILE... [--json]
      Studio's own verdict (POST /v2/Flows/Validate) on each file, its errors on widgets and fields, and where it
      disagrees with the offline validator.

  studio-flow serve [--port 4173] [--host 127.0.0.1] [--studio-url URL] [--env-file FILE] [--dist DIR]
      Serve the editor (the production build in DIR, default dist) with a local proxy to Studio that adds the
      credentials on the server: they never reach the page. Without credentials the editor works offline.

  studio-flow emulate [--port 4010] [--host 127.0.0.1] [--data DIR]
      A Studio v2 API emulator (every operation of the spec, Twilio's conventions) accepting the credentials of
      the environment, for trying the account features and for tests. --data DIR keeps its flows between runs.

  studio-flow --help | --version`;

export type ParsedArgs =
  | { command: 'help' }
  | { command: 'version'; version: string }
  | { command: 'validate'; files: string[]; profile: Profile; json: boolean }
  | { command: 'export'; files: string[]; canonical: boolean; outDir?: string }
  | { command: 'diff'; base: string; changed: string; format: DiffFormat; includeLayout: boolean }
  | { command: 'executions-summarize'; files: string[]; flow?: string; format: ExecutionsFormat }
  | { command: 'validate-remote'; files: string[]; json: boolean; remote: RemoteOptions }
  | { command: 'flows'; json: boolean; remote: RemoteOptions }
  | { command: 'pull'; flow: string; output?: string; revision?: number; remote: RemoteOptions }
  | {
      command: 'push';
      file: string;
      flow: string;
      publish: boolean;
      message?: string;
      force: boolean;
      remote: RemoteOptions;
    }
  | {
      command: 'serve';
      port: number;
      host: string;
      dist: string;
      remote: RemoteOptions;
    }
  | { command: 'emulate'; port: number; host: string; data?: string; envFile?: string };

/** Where the account commands find Studio and the credentials. */
export interface RemoteOptions {
  studioUrl: string;
  envFile?: string;
}

export const DEFAULT_STUDIO_URL = 'https://studio.twilio.com';

export type DiffFormat = 'md' | 'json';

export function parseArgs(argv: readonly string[], version = '0.1.0'): ParsedArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help')
    return { command: 'help' };
  if (command === '--version' || command === '-v') return { command: 'version', version };
  const files: string[] = [];
  const flags = new Map<string, string | true>();
  const takesValue = new Set([
    '--profile',
    '--out-dir',
    '--format',
    '--output',
    '--revision',
    '--flow',
    '--message',
    '--studio-url',
    '--env-file',
    '--port',
    '--host',
    '--dist',
    '--data',
  ]);
  const SHORT: Readonly<Record<string, string>> = { '-o': '--output', '-m': '--message' };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    const a = SHORT[arg] ?? arg;
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
  const REMOTE = ['--studio-url', '--env-file'];
  const allowed: Record<string, string[]> = {
    validate: ['--profile', '--json', '--remote', ...REMOTE],
    export: ['--canonical', '--out-dir'],
    diff: ['--format', '--include-layout'],
    executions: ['--flow', '--format'],
    flows: ['--json', ...REMOTE],
    pull: ['--output', '--revision', ...REMOTE],
    push: ['--flow', '--publish', '--message', '--force', ...REMOTE],
    serve: ['--port', '--host', '--dist', ...REMOTE],
    emulate: ['--port', '--host', '--data', '--env-file'],
  };
  const known = allowed[command];
  if (!known) throw new Error(`Unknown command “${command}”.`);
  for (const f of flags.keys())
    if (!known.includes(f)) throw new Error(`Unknown option ${f} for ${command}.`);
  const text = (name: string): string | undefined => {
    const v = flags.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const remote = (): RemoteOptions => {
    const studioUrl = text('--studio-url') ?? DEFAULT_STUDIO_URL;
    let url: URL;
    try {
      url = new URL(studioUrl);
    } catch {
      throw new Error(`--studio-url must be an http(s) URL (got “${studioUrl}”).`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new Error(`--studio-url must be an http(s) URL (got “${studioUrl}”).`);
    const envFile = text('--env-file');
    return envFile === undefined ? { studioUrl: url.origin } : { studioUrl: url.origin, envFile };
  };
  const port = (fallback: number): number => {
    const v = text('--port');
    if (v === undefined) return fallback;
    // Digits only: Number() would read '' as 0 (a random port) and '0x1f' or '1e3' as numbers.
    const n = /^\d+$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      throw new Error(`--port must be a port number (got “${v}”).`);
    return n;
  };
  switch (command) {
    case 'flows':
      if (files.length > 0) throw new Error('flows takes no FILE.');
      return { command, json: flags.has('--json'), remote: remote() };
    case 'pull': {
      const [flow, ...more] = files;
      if (flow === undefined || more.length > 0)
        throw new Error('pull needs one FLOW (its FW… SID or its name).');
      const rev = text('--revision');
      const revision = rev === undefined ? undefined : /^\d+$/.test(rev) ? Number(rev) : NaN;
      if (revision !== undefined && (!Number.isInteger(revision) || revision < 1))
        throw new Error(`--revision must be a revision number (got “${rev ?? ''}”).`);
      const output = text('--output');
      return {
        command,
        flow,
        remote: remote(),
        ...(output === undefined ? {} : { output }),
        ...(revision === undefined ? {} : { revision }),
      };
    }
    case 'push': {
      const [file, ...more] = files;
      if (file === undefined || more.length > 0) throw new Error('push needs one FILE.');
      const flow = text('--flow');
      if (flow === undefined)
        throw new Error('push needs --flow FLOW (the FW… SID or the name of the flow).');
      const message = text('--message');
      return {
        command,
        file,
        flow,
        publish: flags.has('--publish'),
        force: flags.has('--force'),
        remote: remote(),
        ...(message === undefined ? {} : { message }),
      };
    }
    case 'serve':
      if (files.length > 0) throw new Error('serve takes no FILE.');
      return {
        command,
        port: port(4173),
        host: text('--host') ?? '127.0.0.1',
        dist: text('--dist') ?? 'dist',
        remote: remote(),
      };
    case 'emulate': {
      if (files.length > 0) throw new Error('emulate takes no FILE.');
      const data = text('--data');
      const envFile = text('--env-file');
      return {
        command,
        port: port(4010),
        host: text('--host') ?? '127.0.0.1',
        ...(data === undefined ? {} : { data }),
        ...(envFile === undefined ? {} : { envFile }),
      };
    }
  }
  if (command === 'executions') {
    const [sub, ...steps] = files;
    if (sub === undefined) throw new Error('executions needs a subcommand: summarize.');
    if (sub !== 'summarize') throw new Error(`Unknown executions subcommand “${sub}”: use summarize.`);
    if (steps.length === 0) throw new Error('executions summarize needs at least one STEPS file.');
    const format = flags.get('--format') ?? 'md';
    if (format !== 'md' && format !== 'json' && format !== 'csv')
      throw new Error('--format must be “md”, “json” or “csv”.');
    const flow = text('--flow');
    return { command: 'executions-summarize', files: steps, format, ...(flow === undefined ? {} : { flow }) };
  }
  if (command === 'diff') {
    const [base, changed] = files;
    if (base === undefined || changed === undefined || files.length > 2)
      throw new Error('diff needs two files: BASE and CHANGED.');
    const format = flags.get('--format') ?? 'md';
    if (format !== 'md' && format !== 'json') throw new Error('--format must be “md” or “json”.');
    return { command, base, changed, format, includeLayout: flags.has('--include-layout') };
  }
  if (files.length === 0) throw new Error(`${command} needs at least one FILE.`);
  if (command === 'validate' && flags.has('--remote')) {
    if (flags.has('--profile')) throw new Error('--remote asks Studio itself: --profile does not apply.');
    return { command: 'validate-remote', files, json: flags.has('--json'), remote: remote() };
  }
  if (command === 'validate') {
    for (const f of REMOTE) if (flags.has(f)) throw new Error(`${f} applies to validate --remote only.`);
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
