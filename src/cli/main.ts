/**
 * `studio-flow`: validate, export and diff Studio flow definitions from a terminal or a CI pipeline.
 * The only Node-specific part of the core: it reads and writes files and sets the exit code.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { diffFiles, exportFiles, formatReports, validateFiles, type InputFile } from './commands';
import { parseArgs, USAGE, type ParsedArgs } from './args';

async function readInputs(files: readonly string[]): Promise<InputFile[]> {
  return Promise.all(
    files.map(async (file): Promise<InputFile> => {
      try {
        return { file, text: await readFile(file, 'utf8') };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        const why =
          code === 'ENOENT'
            ? 'No such file.'
            : code === 'EISDIR'
              ? 'This is a folder, not a file.'
              : `Cannot read the file (${code ?? 'unknown error'}).`;
        return { file, text: null, readError: why };
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
