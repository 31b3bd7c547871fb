/** Test support (Node only): the `studio-flow` CLI run in-process, with what it prints. */
import { run } from '../cli/main';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process and captures what it prints. */
export async function runCli(...argv: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await run(
    argv,
    (s) => (out += s + '\n'),
    (s) => (err += s + '\n'),
  );
  return { code, out, err };
}
