/**
 * `studio-flow`: validate, export and diff Studio flow definitions from a terminal or a CI pipeline.
 * The only Node-specific part of the core: it reads and writes files and sets the exit code.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { fileTooLargeError, MAX_FILE_BYTES } from '../io';
import { basename, join } from 'node:path';
import { diffFiles, exportFiles, formatReports, validateFiles, type InputFile } from './commands';
import { parseArgs, USAGE, type ParsedArgs, type RemoteOptions } from './args';
import { summarizeExecutionFiles } from './executions';
import { flowsCommand, pullCommand, pushCommand, validateRemoteCommand, type RemoteIo } from './remote';
import { StudioClient, type FetchLike } from '../studio/client';
import { loadCredentials, maskSid, parseEnvFile, scrub, type LoadedCredentials } from '../server/credentials';
import { startEmulator } from '../server/emulator';
import { startServer } from '../server/serve';

async function readInputs(files: readonly string[]): Promise<InputFile[]> {
  return Promise.all(
    files.map(async (file): Promise<InputFile> => {
      try {
        // Refused by its size before it is read, as the editor does; then read as bytes, for the restore boundary
        // to decode (never replacing a byte it cannot read).
        const { size } = await stat(file);
        if (size > MAX_FILE_BYTES) return { file, bytes: null, readError: fileTooLargeError(size).message };
        return { file, bytes: await readFile(file) };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        const why =
          code === 'ENOENT'
            ? 'No such file.'
            : code === 'EISDIR'
              ? 'This is a folder, not a file.'
              : `Cannot read the file (${code ?? 'unknown error'}).`;
        return { file, bytes: null, readError: why };
      }
    }),
  );
}

/**
 * Runs the CLI; returns the process exit code (0 ok, 1 problems found, 2 usage error). `diff` follows diff(1):
 * 0 no changes, 1 changes, 2 errors (unreadable or unimportable file).
 */
export async function run(
  argv: readonly string[],
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    err(`studio-flow: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  switch (args.command) {
    case 'help':
      out(USAGE);
      return 0;
    case 'version':
      out(args.version);
      return 0;
    case 'validate': {
      const reports = validateFiles(await readInputs(args.files), args.profile);
      out(args.json ? JSON.stringify(reports, null, 2) : formatReports(reports));
      return reports.some((r) => r.problems.some((p) => p.severity === 'error')) ? 1 : 0;
    }
    case 'export': {
      const results = exportFiles(await readInputs(args.files), { canonical: args.canonical });
      let failed = false;
      if (args.outDir !== undefined) await mkdir(args.outDir, { recursive: true });
      for (const r of results) {
        if (r.output === null) {
          failed = true;
          err(`${r.file}: ${r.error ?? 'cannot export'}`);
          continue;
        }
        if (r.note !== undefined) err(`${r.file}: ${r.note}`);
        if (args.outDir === undefined) out(r.output.replace(/\n$/, ''));
        else {
          const target = join(args.outDir, basename(r.file));
          await writeFile(target, r.output);
          err(`${r.file} -> ${target}`);
        }
      }
      return failed ? 1 : 0;
    }
    case 'diff': {
      const [base, changed] = await readInputs([args.base, args.changed]);
      const result = diffFiles(base as InputFile, changed as InputFile, {
        format: args.format,
        includeLayout: args.includeLayout,
      });
      for (const note of result.notes) err(note);
      for (const e of result.errors) err(`studio-flow diff: ${e}`);
      if (result.output !== undefined) out(result.output);
      return result.code;
    }
    case 'executions-summarize': {
      const inputs = await readInputs(args.files);
      const [flow] = args.flow === undefined ? [] : await readInputs([args.flow]);
      const result = summarizeExecutionFiles(inputs, flow, { format: args.format });
      for (const note of result.notes) err(`studio-flow executions: ${note}`);
      for (const e of result.errors) err(`studio-flow executions: ${e}`);
      if (result.output !== undefined) out(result.output);
      return result.code;
    }
    case 'validate-remote':
    case 'flows':
    case 'pull':
    case 'push': {
      const connected = await connect(args.remote, err);
      if (connected === null) return 2;
      const io: RemoteIo = {
        client: connected.client,
        readText: readTextFile,
        writeText: (file, text) => writeFile(file, text),
        out,
        err: connected.err,
      };
      if (args.command === 'flows') return flowsCommand(io, { json: args.json });
      if (args.command === 'validate-remote')
        return validateRemoteCommand(io, { files: args.files, json: args.json });
      if (args.command === 'pull')
        return pullCommand(io, {
          flow: args.flow,
          ...(args.output === undefined ? {} : { output: args.output }),
          ...(args.revision === undefined ? {} : { revision: args.revision }),
        });
      return pushCommand(io, {
        file: args.file,
        flow: args.flow,
        publish: args.publish,
        force: args.force,
        ...(args.message === undefined ? {} : { message: args.message }),
      });
    }
    case 'serve': {
      const loaded = await credentialsOf(args.remote.envFile, err);
      if (loaded === null) return 2;
      const { credentials, problems } = loaded;
      const log = (line: string) => err(credentials ? scrub(line, credentials.secrets) : line);
      try {
        const server = await startServer({
          port: args.port,
          host: args.host,
          dist: args.dist,
          studioUrl: args.remote.studioUrl,
          credentials,
          problems,
          log,
        });
        out(`Studio Flow Editor: ${server.url}`);
        out(
          credentials
            ? `Connected to Studio at ${args.remote.studioUrl} as ${maskSid(credentials.accountSid)} (${credentials.kind === 'api-key' ? 'API key' : 'auth token'}).`
            : 'No Twilio credentials: the editor works offline (set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or an API key, to connect).',
        );
        for (const p of problems) err(`studio-flow serve: ${p}`);
        await untilStopped(() => server.close());
        return 0;
      } catch (e) {
        err(`studio-flow serve: ${e instanceof Error ? e.message : String(e)}`);
        return 2;
      }
    }
    case 'emulate':
      return emulate(args, out, err);
  }
}

/** Reads a text file; null when it cannot be read (the command says so in its words). */
async function readTextFile(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
}

/** The credentials of the environment and of the --env-file; null (after saying why) when the file is unreadable. */
async function credentialsOf(
  envFile: string | undefined,
  err: (s: string) => void,
): Promise<LoadedCredentials | null> {
  let text: string | undefined;
  if (envFile !== undefined) {
    const read = await readTextFile(envFile);
    if (read === null) {
      err(`studio-flow: cannot read the --env-file ${envFile}.`);
      return null;
    }
    text = read;
  }
  return loadCredentials(process.env, text);
}

/**
 * fetch for the client, a network failure named by where and why: Node says only “fetch failed”, and its cause
 * (ECONNREFUSED, ENOTFOUND, a redirect) is what tells a wrong --studio-url from a service that is down.
 */
function fetchOf(studioUrl: string): FetchLike {
  return async (url, init) => {
    try {
      return await globalThis.fetch(url, { ...init, redirect: 'error' });
    } catch (e) {
      const cause = (e as { cause?: { code?: unknown; message?: unknown } }).cause;
      const why =
        typeof cause?.code === 'string'
          ? cause.code
          : typeof cause?.message === 'string' && cause.message !== ''
            ? cause.message
            : e instanceof Error
              ? e.message
              : String(e);
      throw new Error(`${studioUrl}: ${why}`, { cause: e });
    }
  };
}

/** A client of Studio with the environment's credentials, and an error writer that scrubs them. */
async function connect(
  options: RemoteOptions,
  err: (s: string) => void,
): Promise<{ client: StudioClient; err: (s: string) => void } | null> {
  const loaded = await credentialsOf(options.envFile, err);
  if (loaded === null) return null;
  const { credentials, problems } = loaded;
  for (const p of problems) err(`studio-flow: ${p}`);
  if (credentials === null) {
    err(
      'studio-flow: no Twilio credentials: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET with TWILIO_ACCOUNT_SID (in the environment or an --env-file).',
    );
    return null;
  }
  const client = new StudioClient({
    baseUrl: options.studioUrl,
    fetch: fetchOf(options.studioUrl),
    authorization: credentials.authorization,
    credentialKind: credentials.kind,
    retries: 3,
  });
  return { client, err: (s) => err(scrub(s, credentials.secrets)) };
}

/** Resolves when the process is asked to stop (Ctrl+C, SIGTERM), after `close`. */
function untilStopped(close: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * A line writer for one of the process's output streams that survives its reader going away. `studio-flow validate
 * *.json | head -3` closes the pipe after three lines; the next write then fails with EPIPE, reported
 * asynchronously as an 'error' event that Node, unhandled, turns into an uncaught exception with a stack trace.
 * The output is simply no longer wanted: the first error on the stream stops writing to it (quietly), and the
 * command goes on and exits with its usual code.
 */
export function streamWriter(stream: NodeJS.WritableStream): (s: string) => void {
  let open = true;
  stream.on('error', () => {
    open = false;
  });
  return (s) => {
    if (open) stream.write(s + '\n');
  };
}

/**
 * What bin/studio-flow.mjs runs: `run` on the process's arguments and streams, setting the exit code. An error
 * nobody expected is one line on stderr and exit code 2, not a stack trace (`STUDIO_FLOW_DEBUG=1` shows it).
 */
export async function main(): Promise<void> {
  const out = streamWriter(process.stdout);
  const err = streamWriter(process.stderr);
  try {
    process.exitCode = await run(process.argv.slice(2), out, err);
  } catch (e) {
    err(
      process.env.STUDIO_FLOW_DEBUG
        ? `studio-flow: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`
        : `studio-flow: internal error: ${e instanceof Error ? e.message : String(e)}`,
    );
    process.exitCode = 2;
  }
}

/**
 * `studio-flow emulate`: the Studio emulator, accepting the credentials of the environment (the same variables
 * `serve` reads, so one environment runs both).
 */
async function emulate(
  args: Extract<ParsedArgs, { command: 'emulate' }>,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  let fileVars: Record<string, string> = {};
  if (args.envFile !== undefined) {
    const text = await readTextFile(args.envFile);
    if (text === null) {
      err(`studio-flow emulate: cannot read the --env-file ${args.envFile}.`);
      return 2;
    }
    fileVars = parseEnvFile(text);
  }
  // As loadCredentials reads them for `serve`: trimmed, the environment first, an empty variable as unset.
  const env = (name: string): string | undefined =>
    [process.env[name], fileVars[name]].map((v) => v?.trim()).find((v) => v !== undefined && v !== '');
  const accountSid = env('TWILIO_ACCOUNT_SID');
  const authToken = env('TWILIO_AUTH_TOKEN');
  const apiKey = env('TWILIO_API_KEY');
  const apiSecret = env('TWILIO_API_SECRET');
  if (accountSid === undefined || !/^AC[0-9a-fA-F]{32}$/.test(accountSid) || (authToken ?? '') === '') {
    err(
      'studio-flow emulate: set TWILIO_ACCOUNT_SID (AC followed by 32 hex digits) and TWILIO_AUTH_TOKEN to the credentials the emulator should accept (any values: it is not Twilio), and give `serve` the same.',
    );
    return 2;
  }
  const secrets = [authToken ?? '', apiSecret ?? ''].filter((s) => s !== '');
  try {
    const emulator = await startEmulator({
      port: args.port,
      host: args.host,
      ...(args.data === undefined ? {} : { dataDir: args.data }),
      credentials: {
        accountSid,
        authToken: authToken ?? '',
        ...(apiKey !== undefined && apiSecret !== undefined ? { apiKeys: { [apiKey]: apiSecret } } : {}),
      },
      log: (line) => err(scrub(line, secrets)),
    });
    out(`Studio emulator: ${emulator.url} (account ${maskSid(accountSid)})`);
    out(`Point the editor at it: studio-flow serve --studio-url ${emulator.url}`);
    await untilStopped(() => emulator.close());
    return 0;
  } catch (e) {
    err(`studio-flow emulate: ${scrub(e instanceof Error ? e.message : String(e), secrets)}`);
    return 2;
  }
}
