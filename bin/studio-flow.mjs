#!/usr/bin/env node
// Entry point of the `studio-flow` command. It runs the TypeScript core directly through tsx (a dependency), so
// the command works right after `npm ci` with no build step and always matches the editor's own code.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli/main.ts');
const code = await run(
  process.argv.slice(2),
  (s) => process.stdout.write(s + '\n'),
  (s) => process.stderr.write(s + '\n'),
);
process.exitCode = code;
