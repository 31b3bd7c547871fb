/**
 * `studio-flow`: validate, export and diff Studio flow definitions from a terminal or a CI pipeline.
 * The only Node-specific part of the core: it reads and writes files and sets the exit code.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { fileTooLargeError, MAX_FILE_BYTES } from '../io';
import { basename, join } from 'node:path';
import { diffFiles, exportFiles, formatReports, validateFiles, type InputFile } from './commands';
import { parseArgs, USAGE, type ParsedArgs } from './args';

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
  }
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
