#!/usr/bin/env node
// Entry point of the `studio-flow` command. It runs the TypeScript core directly through tsx (a dependency), so
// the command works right after `npm ci` with no build step and always matches the editor's own code.
// src/cli/main.ts `main` wires the process's arguments, streams (a closed pipe, as with `| head`, is not an error)
// and exit code.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main();
