/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CSP_HEADER, CSP_META } from './csp.config.ts';

/**
 * Writes the Content-Security-Policy (csp.config.ts) into the built index.html, right after `<meta charset>` and so
 * before any script or stylesheet it governs. Build only: the dev server's React-refresh preamble is an inline
 * script and Vite's dev client needs eval, both of which the policy forbids.
 */
function cspMeta(): Plugin {
  const charset = /<meta charset="UTF-8" \/>/;
  return {
    name: 'studio-flow:csp-meta',
    apply: 'build',
    transformIndexHtml(html) {
      if (!charset.test(html))
        throw new Error('csp-meta: index.html has no <meta charset="UTF-8" /> to follow');
      return html.replace(
        charset,
        (tag) => `${tag}\n    <meta http-equiv="Content-Security-Policy" content="${CSP_META}" />`,
      );
    },
  };
}

const GENERATED_VALIDATORS = /\/src\/validation\/generated\/([a-z]+)\/([A-Za-z0-9_-]+)\.ts$/;

/** Chunk file names: Vite's default (`[name]-[hash].js`), with the validators' profile in front of theirs. */
function chunkFileName(chunk: { facadeModuleId: string | null }): string {
  const m = chunk.facadeModuleId === null ? null : GENERATED_VALIDATORS.exec(chunk.facadeModuleId);
  if (!m) return 'assets/[name]-[hash].js';
  const [, profile, file] = m;
  return file === 'index' ? `assets/${profile}-[hash].js` : `assets/${profile}-${file}-[hash].js`;
}

export default defineConfig({
  plugins: [react(), cspMeta()],
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    // Non-ASCII characters escaped in the output: V8 keeps a script's source at one byte per character only when
    // every character is Latin-1, and one curly quote in a chunk doubled it (the first load's chunks took 2.4 MB of
    // the page's memory as source text, 1.3 MB now).
    //
    // The validators' chunks are named after their profile (`studio-…`, `studio-widget-send-message-…`): each
    // profile's generated folder has the same file names (src/validation/generated/<profile>/).
    rolldownOptions: { output: { charset: 'ascii', chunkFileNames: chunkFileName } },
  },
  // The header also carries what a <meta> cannot (frame-ancestors), and covers the workers' own scripts.
  preview: { port: 4173, strictPort: true, headers: { 'Content-Security-Policy': CSP_HEADER } },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    pool: 'threads',
    // What the browser loads on demand (validators, the diff) is loaded up front for tests.
    setupFiles: ['src/testing/setup.ts'],
    // The colour tokens are read from theme.css as text (src/canvas/colours.ts): Vitest blanks stylesheets it does
    // not process, `?raw` imports included, so this one is processed.
    css: { include: [/\/src\/styles\/theme\.css/] },
  },
});
