/**
 * Monaco, bundled locally (no CDN, no network): the slim core, the JSON language and the editor features the JSON
 * view uses, the two web workers, and the studio schema set registered for Monaco's own JSON diagnostics; and
 * `@monaco-editor/react`'s loader pointed at this bundle. Imported only by the lazily loaded editors (JsonEditor,
 * JsonDiffEditor), so none of this is in the first-load bundle. Workers are files served by the app (`?worker`),
 * which the Content-Security-Policy allows (worker-src 'self'); Monaco evaluates no strings.
 *
 * Why the JSON language's mode module is imported here, statically (it was the cause of "[createInstance] X depends
 * on UNKNOWN service ICodeLensCache / ITreeViewsDnDService / IOutlineModelService"):
 * - Monaco's services are singletons that modules declare with `registerSingleton` when they are evaluated.
 *   `StandaloneServices.initialize` (editor/standalone/browser/standaloneServices.js), run by the first
 *   `createModel` / `create`, copies that registry into the service collection once; a singleton registered later
 *   is never known.
 * - `languages/features/json/register.js` loads `./jsonMode.js` with a dynamic `import()` when the first JSON model
 *   is created, i.e. right after that snapshot. jsonMode -> workerManager.js -> `internal/common/workers.js`, and
 *   that module (a chunk of the monaco-editor package, not only a worker factory) imports nearly every editor
 *   contribution of `editor.main`, among them:
 *   - contrib/codelens/browser/codelensController.js: the CodeLens contribution needs ICodeLensCache, registered by
 *     contrib/codelens/browser/codeLensCache.js;
 *   - contrib/dropOrPasteInto/browser/dropIntoEditorContribution.js: DropIntoEditorController needs
 *     ITreeViewsDnDService, registered by common/services/treeViewsDndService.js;
 *   - contrib/diffEditorBreadcrumbs/browser/contribution.js: sets the breadcrumbs source of the diff editor's
 *     hidden unchanged regions (`hideUnchangedRegions`, which JsonDiffEditor uses), which needs
 *     IOutlineModelService, registered by contrib/documentSymbols/browser/outlineModel.js.
 *   Their contributions register into registries every later editor reads (the next JSON view, any diff editor;
 *   the breadcrumbs factory is even an observable that existing diff editors pick up), but their services came
 *   after the snapshot: each such editor threw.
 *   (The first JSON view escaped only because it was created before the import resolved, with just the features
 *   below: the set of contributions depended on timing.)
 * Importing jsonMode statically evaluates that whole graph, and its `registerSingleton` calls, before any editor or
 * model exists, so every contribution Monaco loads has its services, in every editor. Leaving those contributions
 * out instead would mean replacing a module inside the package. Nothing is added to the bundle: the same modules
 * were in the jsonMode chunk, loaded as soon as the first JSON model was created. The `features/*` imports below
 * stay as the list of what the JSON view relies on (kept should a later Monaco stop importing everything there).
 */
import * as monaco from 'monaco-editor/editor';
import { loader } from '@monaco-editor/react';
import 'monaco-editor/languages/features/json/jsonMode';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/codicon/register';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import { FLOW_DEFINITION_ID, STUDIO_SCHEMA_SET } from '../schema/schemas';

self.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
};

/** File name of the JSON view's model; the flow-definition schema applies to it. */
export const MODEL_PATH = 'studio-flow-definition.json';
/** URI of the JSON view's model (the wrapper's `path`, which it parses with `monaco.Uri.parse`). */
export const MODEL_URI = `inmemory://model/${MODEL_PATH}`;

jsonDefaults.setDiagnosticsOptions({
  validate: true,
  allowComments: false,
  trailingCommas: 'error',
  enableSchemaRequest: false,
  schemaValidation: 'error',
  schemas: STUDIO_SCHEMA_SET.schemas.map((schema) => {
    const uri = String(schema.$id);
    return uri === FLOW_DEFINITION_ID ? { uri, schema, fileMatch: [`*${MODEL_PATH}`] } : { uri, schema };
  }),
});

// The editors are created by @monaco-editor/react, whose loader would otherwise inject a <script> from a CDN (its
// default `paths.vs`) when the first editor mounts: handed this module, `loader.init()` resolves with it and loads
// nothing. This runs when the module is evaluated, i.e. before either editor's module (which imports it) renders.
// e2e/monaco-offline.spec.ts checks that opening both editors makes no request outside the page's own server.
loader.config({ monaco });

export { monaco };
