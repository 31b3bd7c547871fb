/**
 * Build of the bare React Flow page (e2e/perf/baseline), the canvas benchmark's point of comparison: the same
 * `@xyflow/react`, `react` and `react-dom` from the project's node_modules, the same React plugin and target as the
 * editor's build (vite.config.ts), nothing else. Output: `dist-baseline/` at the repository root (BARE_DIST
 * overrides it, relative to the root). `npm run bench:baseline` builds it; playwright.perf.config.ts serves it.
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, '../../..');

export default defineConfig({
  root: here,
  plugins: [react()],
  build: {
    outDir: resolve(repo, process.env.BARE_DIST ?? 'dist-baseline'),
    emptyOutDir: true,
    target: 'es2022',
  },
  preview: { port: Number(process.env.E2E_BARE_PORT ?? 4178), strictPort: true },
});
