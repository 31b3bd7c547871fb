/**
 * Monaco, bundled locally (no CDN, no network): the slim core, the JSON language and the few editor features the
 * JSON view uses, the two web workers, and the studio schema set registered for Monaco's own JSON diagnostics.
 * Imported only by the lazily loaded JSON editor, so none of this is in the first-load bundle.
 */
import * as monaco from 'monaco-editor/editor';
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

/** URI of the JSON view's model; the flow-definition schema applies to it. */
export const MODEL_PATH = 'studio-flow-definition.json';

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

// The editor is created with `monaco.editor.create` from this local import, not through @monaco-editor/react, whose
// loader carries a CDN URL as its default: the build then holds no CDN reference at all.

export { monaco };
