/**
 * The restore boundary in a Web Worker: a large file or paste is decoded, parsed and checked here, off the main
 * thread, so that the tab keeps answering while it happens (a 28 MB text takes seconds to parse and check; the
 * page must not freeze for it). The worker only runs the same pure functions the main thread runs for small inputs
 * (src/io), so the verdict is the same whichever thread gave it. See importJob.ts for the other side.
 */
import { importFlowBytes, importFlowText, restoreWidgetsText } from '../io';
import * as executions from '../executions';
import { readExecutionsJob } from './executionsJob';
import type { ImportJobRequest, ImportJobResponse } from './importJob';

async function handle(request: ImportJobRequest): Promise<ImportJobResponse> {
  const { input } = request;
  switch (input.kind) {
    case 'text':
      return { kind: 'flow', result: importFlowText(input.text) };
    case 'file': {
      const bytes = new Uint8Array(await input.file.arrayBuffer());
      return { kind: 'flow', result: importFlowBytes(bytes) };
    }
    case 'widgets':
      return { kind: 'widgets', result: restoreWidgetsText(input.text) };
    case 'executions':
      return readExecutionsJob(executions, input, new Uint8Array());
    case 'executions-file':
      return readExecutionsJob(executions, input, new Uint8Array(await input.file.arrayBuffer()));
  }
}

self.onmessage = (event: MessageEvent<ImportJobRequest>) => {
  void handle(event.data).then(
    (response) => self.postMessage(response),
    (error: unknown) =>
      self.postMessage({
        kind: 'failed',
        message: error instanceof Error ? error.message : String(error),
      } satisfies ImportJobResponse),
  );
};
