/**
 * Running an input through the restore boundary without freezing the tab.
 *
 * Small inputs (under WORKER_THRESHOLD) are checked right here, synchronously: a few milliseconds, and no worker to
 * start. Larger ones go to a Web Worker (importWorker.ts), one per job, terminated when the job ends or is
 * cancelled; the page stays responsive however large the input is, and a job can be cancelled at any time. Inputs
 * over the boundary's limits are refused early (by size before reading, by widget count before checking widgets),
 * with the same messages as the CLI.
 */
import {
  MAX_FILE_BYTES,
  fileTooLargeError,
  importFlowBytes,
  importFlowText,
  internalError,
  restoreWidgetsText,
  type ImportResult,
  type RestoreWidgetsResult,
} from '../io';
// Types only: the executions reader is loaded when executions are read (it is no part of the first load).
import type { ExecutionsImport, ExecutionsSummary } from '../executions';
import type { FlowDefinition } from '../model/types';
import { readExecutionsJob } from './executionsJob';

/** Inputs at least this large (characters or bytes) are parsed and checked in a worker. */
export const WORKER_THRESHOLD = 1024 * 1024;

export type ImportInput =
  | { kind: 'text'; text: string }
  | { kind: 'file'; file: File }
  /** Widgets pasted on the canvas. */
  | { kind: 'widgets'; text: string }
  /**
   * Executions, steps or contexts (the Executions tab), as text or a file. Given `definition` (null: no flow is
   * open), their summary against it is computed with them (in the worker for large inputs): see
   * {@link ExecutionsRead}.
   */
  | { kind: 'executions'; text: string; definition?: FlowDefinition | null }
  | { kind: 'executions-file'; file: File; definition?: FlowDefinition | null };

export interface ImportJobRequest {
  input: ImportInput;
}

export type ImportJobResponse =
  | { kind: 'flow'; result: ImportResult }
  | { kind: 'executions'; result: ExecutionsImport; summary: ExecutionsSummary | null }
  | { kind: 'widgets'; result: RestoreWidgetsResult }
  | { kind: 'failed'; message: string };

/** How large an input is, in characters or bytes. */
export function inputSize(input: ImportInput): number {
  return input.kind === 'file' || input.kind === 'executions-file' ? input.file.size : input.text.length;
}

export class ImportCancelled extends Error {
  override name = 'ImportCancelled';
  constructor() {
    super('The import was cancelled.');
  }
}

async function runHere(input: ImportInput, bytes: Uint8Array | null): Promise<ImportJobResponse> {
  if (input.kind === 'executions' || input.kind === 'executions-file') {
    return readExecutionsJob(await import('../executions'), input, bytes ?? new Uint8Array());
  }
  if (input.kind === 'widgets') return { kind: 'widgets', result: restoreWidgetsText(input.text) };
  if (bytes) return { kind: 'flow', result: importFlowBytes(bytes) };
  return { kind: 'flow', result: importFlowText(input.kind === 'text' ? input.text : '') };
}

function runInWorker(input: ImportInput, signal: AbortSignal | undefined): Promise<ImportJobResponse> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' });
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      finish();
      reject(new ImportCancelled());
    };
    signal?.addEventListener('abort', onAbort);
    worker.onmessage = (event: MessageEvent<ImportJobResponse>) => {
      finish();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish();
      resolve({ kind: 'failed', message: event.message || 'the worker stopped' });
    };
    worker.postMessage({ input } satisfies ImportJobRequest);
  });
}

/** Executions read, and their summary against the definition the input gave (null when it gave none). */
export interface ExecutionsRead {
  result: ExecutionsImport;
  /**
   * `summarizeExecutions(result.steps, result.executions, definition)`, computed with the reading (off the main
   * thread for large inputs: 10,000 steps take 100 ms and more to summarise); null when the input gave no
   * definition or could not be read.
   */
  summary: ExecutionsSummary | null;
}

/**
 * Executions (text or file) read through the same boundary, in a worker from WORKER_THRESHOLD up: a 10,000-step
 * export is parsed (and summarised, given a definition) off the main thread.
 */
export async function readExecutionsInput(
  input: Extract<ImportInput, { kind: 'executions' | 'executions-file' }>,
  signal?: AbortSignal,
): Promise<ExecutionsRead> {
  if (input.kind === 'executions-file' && input.file.size > MAX_FILE_BYTES)
    return { result: { ok: false, error: fileTooLargeError(input.file.size) }, summary: null };
  const response = await run(input, signal);
  if (response.kind === 'executions') return { result: response.result, summary: response.summary };
  return {
    result: { ok: false, error: internalError(response.kind === 'failed' ? response.message : '?') },
    summary: null,
  };
}

/** A flow import (text or file) through the boundary; rejects with ImportCancelled when `signal` aborts. */
export async function importInput(
  input: Extract<ImportInput, { kind: 'text' | 'file' }>,
  signal?: AbortSignal,
): Promise<ImportResult> {
  const response = await run(input, signal);
  if (response.kind === 'flow') return response.result;
  return {
    ok: false,
    error: response.kind === 'failed' ? internalError(response.message) : internalError('?'),
  };
}

/** Widgets from the clipboard through the boundary. */
export async function restoreWidgets(text: string, signal?: AbortSignal): Promise<RestoreWidgetsResult> {
  const response = await run({ kind: 'widgets', text }, signal);
  if (response.kind === 'widgets') return response.result;
  return { ok: false, error: internalError(response.kind === 'failed' ? response.message : '?') };
}

async function run(input: ImportInput, signal: AbortSignal | undefined): Promise<ImportJobResponse> {
  const size = inputSize(input);
  // A file is refused by its size before a byte of it is read (two bytes per character is the most a text needs).
  if (input.kind === 'file' && size > MAX_FILE_BYTES) {
    return { kind: 'flow', result: { ok: false, error: fileTooLargeError(size) } };
  }
  if (size < WORKER_THRESHOLD || typeof Worker === 'undefined') {
    const bytes =
      input.kind === 'file' || input.kind === 'executions-file'
        ? new Uint8Array(await input.file.arrayBuffer())
        : null;
    if (signal?.aborted) throw new ImportCancelled();
    return runHere(input, bytes);
  }
  return runInWorker(input, signal);
}
