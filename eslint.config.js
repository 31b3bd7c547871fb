// ESLint flat config. Type-aware rules everywhere; the layering of the app is enforced here, not by review.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Pure layers run unchanged in Node tests, the CLI and the browser. */
const PURE = [
  'model',
  'schema',
  'validation',
  'io',
  'diff',
  'layout',
  'executions',
  'cli',
  'commands',
  'studio',
];
const UI_PACKAGES = [
  'react',
  'react-dom',
  'react-dom/*',
  'zustand',
  'zustand/*',
  '@xyflow/react',
  'monaco-editor',
  'monaco-editor/*',
  '@monaco-editor/react',
];
const BROWSER_GLOBALS = [
  'window',
  'document',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'navigator',
  'fetch',
].map((name) => ({ name, message: 'Pure layers must not touch the DOM, storage or network.' }));

/** Dependency direction: a folder may only import from folders at or below it. */
const LAYERS = {
  model: [],
  schema: ['model'],
  validation: ['model', 'schema'],
  diff: ['model', 'schema'],
  layout: ['model', 'schema'],
  io: ['model', 'schema', 'validation'],
  // Studio executions and their steps read from files (API responses, CLI output): paths, summaries, Liquid paths.
  executions: ['model', 'schema', 'io'],
  // The Studio v2 API: its operations, resources, errors and client (the fetch is handed in).
  studio: [],
  // Node only: the `serve` server with its proxy, and the Studio emulator. Never imported by the page.
  server: ['model', 'schema', 'validation', 'io', 'diff', 'studio'],
  cli: ['model', 'schema', 'validation', 'io', 'diff', 'layout', 'executions', 'studio', 'server'],
  store: ['model', 'schema', 'validation', 'io', 'diff', 'layout', 'executions', 'studio'],
  // The UI kit: React components that know no store, no app and no feature (the model for its types only).
  ui: ['model'],
  // Every user action over the store (src/commands): pure, so each command runs in Node against a real store.
  commands: ['model', 'schema', 'validation', 'io', 'diff', 'layout', 'executions', 'studio', 'store'],
  canvas: ['model', 'schema', 'validation', 'io', 'diff', 'layout', 'executions', 'store', 'commands', 'ui'],
  inspector: ['model', 'schema', 'validation', 'io', 'executions', 'store', 'ui'],
  jsonview: ['model', 'schema', 'validation', 'io', 'store', 'ui'],
  panels: [
    'model',
    'schema',
    'validation',
    'io',
    'diff',
    'layout',
    'executions',
    'studio',
    'store',
    'canvas',
    'inspector',
    'jsonview',
    'ui',
  ],
};
const ALL = [
  'model',
  'schema',
  'validation',
  'diff',
  'layout',
  'io',
  'executions',
  'studio',
  'server',
  'cli',
  'store',
  'ui',
  'commands',
  'canvas',
  'inspector',
  'jsonview',
  'panels',
  'app',
];

/** What the UI kit may not use of the UI packages: it is plain React (no store, React Flow or Monaco). */
const UI_KIT_FORBIDDEN = UI_PACKAGES.filter((p) => !p.startsWith('react'));

/** The import patterns a layer may not use. */
function layerPatterns(layer) {
  const allowed = LAYERS[layer];
  const forbidden = ALL.filter((l) => l !== layer && !allowed.includes(l));
  const isPure = PURE.includes(layer);
  return [
    ...forbidden.map((l) => ({
      // Only a relative path that climbs to src/ and goes into the layer's folder is an import of the layer: a glob
      // such as `**/server` would also catch `react-dom/server`, and `**/commands` src/model/commands.ts.
      regex: `^(\\.\\./)+${l}(/|$)`,
      message: `src/${layer} may not import src/${l} (see README, Architecture).`,
    })),
    ...(isPure || layer === 'store' || layer === 'server'
      ? [
          {
            group: layer === 'store' ? UI_PACKAGES.filter((p) => !p.startsWith('zustand')) : UI_PACKAGES,
            message: `src/${layer} is a pure layer: no React, zustand, React Flow or Monaco.`,
          },
        ]
      : []),
    ...(layer === 'ui'
      ? [
          {
            group: UI_KIT_FORBIDDEN,
            message: 'src/ui is the UI kit: React only, no zustand, React Flow or Monaco.',
          },
        ]
      : []),
  ];
}

const layerRules = Object.keys(LAYERS).map((layer) => ({
  files: [`src/${layer}/**/*.{ts,tsx}`],
  ignores: ['src/**/*.test.ts'],
  rules: {
    'no-restricted-imports': ['error', { patterns: layerPatterns(layer) }],
    ...(PURE.includes(layer) ? { 'no-restricted-globals': ['error', ...BROWSER_GLOBALS] } : {}),
  },
}));

/**
 * The flow and diff images are drawn without React Flow (they run in Node tests too): these files import no UI
 * package, not even a type, and of the canvas only each other, so nothing they import reaches React Flow either.
 */
const IMAGE_FILES = ['exportImage', 'diffImage', 'cards', 'diffCards', 'colours'];
/**
 * The canvas's other pure modules are held to the same rule: the far canvas's scene, and the execution overlay's
 * geometry (which draws along the far canvas's curves and the images' cards).
 */
const PURE_CANVAS_FILES = [...IMAGE_FILES, 'farScene', 'overlay'];
/** The store's React binding (one provider, one hook) is the one file of src/store that imports React. */
const storeBindingRules = {
  files: ['src/store/react.tsx'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: layerPatterns('store').map((p) =>
          p.group && p.group.includes('react')
            ? { ...p, group: p.group.filter((g) => g !== 'react' && !g.startsWith('react/')) }
            : p,
        ),
      },
    ],
  },
};

/** The page (src/app, src/main.tsx) never imports the Node server: credentials and the emulator stay out of it. */
const pageRules = {
  files: ['src/app/**/*.{ts,tsx}', 'src/main.tsx'],
  ignores: ['src/**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: '^(\\.\\./)+(server|cli)(/|$)',
            message: 'The page may not import the Node server or the CLI.',
          },
        ],
      },
    ],
  },
};

const imageRules = {
  files: PURE_CANVAS_FILES.map((f) => `src/canvas/${f}.ts`),
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...layerPatterns('canvas'),
          {
            group: UI_PACKAGES,
            message:
              'Drawn without React, zustand or React Flow (see exportImage.ts, farScene.ts, overlay.ts).',
          },
          {
            group: ['./*', ...PURE_CANVAS_FILES.map((f) => `!./${f}`)],
            message: `These import of src/canvas only ${PURE_CANVAS_FILES.join(', ')}: the rest is React Flow's.`,
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-*',
      'node_modules',
      'coverage',
      'test-results',
      'playwright-report',
      '.cache',
      '.data',
      'src/schema/vendor',
      'src/validation/generated',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
    },
  },
  {
    files: ['**/*.tsx', 'src/app/**/*.ts', 'src/store/**/*.ts', 'src/panels/**/*.ts', 'src/canvas/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  { files: ['bin/**/*.mjs', 'scripts/**/*.mjs', 'eslint.config.js'], ...tseslint.configs.disableTypeChecked },
  ...layerRules,
  storeBindingRules,
  imageRules,
  pageRules,
  {
    // Browser tests take `test` from e2e/test.ts, which fails a test on any uncaught page error or console error.
    files: ['e2e/**/*.ts'],
    ignores: ['e2e/test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@playwright/test',
              importNames: ['test', 'expect'],
              message:
                'Import test and expect from e2e/test.ts: it fails the test on unexpected page errors.',
            },
          ],
        },
      ],
    },
  },
);
