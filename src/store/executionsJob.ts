/**
 * Reading executions for the import job (importJob.ts), the same on the main thread and in the worker
 * (importWorker.ts): read, then summarised against the input's definition when it gave one. The executions layer is
 * handed in, so that this module (in the page's first load, with importJob.ts) does not pull it in.
 */
import type * as Executions from '../executions';
import type { ImportInput, ImportJobResponse } from './importJob';

/** Executions read, and summarised against the input's definition when it gave one (see ExecutionsRead). */
export function readExecutionsJob(
  executions: Pick<typeof Executions, 'readExecutionsBytes' | 'readExecutionsText' | 'summarizeExecutions'>,
  input: Extract<ImportInput, { kind: 'executions' | 'executions-file' }>,
  bytes: Uint8Array,
): ImportJobResponse {
  const result =
    input.kind === 'executions'
      ? executions.readExecutionsText(input.text)
      : executions.readExecutionsBytes(bytes);
  const summary =
    result.ok && input.definition !== undefined
      ? executions.summarizeExecutions(result.steps, result.executions, input.definition ?? undefined)
      : null;
  return { kind: 'executions', result, summary };
}
