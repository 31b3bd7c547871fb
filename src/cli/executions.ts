/**
 * `studio-flow executions summarize`: the executions layer over files, as a pure function of their contents (the
 * reading is main.ts's), so it is tested without a file system and runs the same core as the editor.
 */
import {
  mergeExecutionsData,
  readExecutionsBytes,
  readExecutionsText,
  summarizeExecutions,
  summaryToCsv,
  summaryToJson,
  summaryToMarkdown,
  type ExecutionsData,
  type ExecutionsImport,
  type ExecutionsSummary,
} from '../executions';
import {
  formatImportError,
  importFlowBytes,
  importFlowText,
  type ImportError,
  type ImportResult,
} from '../io';
import type { FlowDefinition } from '../model/types';
import type { InputFile } from './commands';

export type ExecutionsFormat = 'md' | 'json' | 'csv';

export interface ExecutionsSummarizeOptions {
  format: ExecutionsFormat;
}

export interface ExecutionsSummarizeResult {
  /** 0: summarised; 2: a file could not be read (nothing is summarised then). */
  code: 0 | 2;
  /** What to print, less its final `\n` (the line writer adds it); absent on errors. */
  output?: string;
  /** One message per file that could not be read, naming the file and where in it. */
  errors: string[];
  /** Said on stderr: partial pages, duplicates, the entry of a flow list used, the flow not matching. */
  notes: string[];
}

/** The `--format json` output: which files were read as what, then the summary. */
export interface ExecutionsJsonOutput extends ExecutionsSummary {
  files: { file: string; detected: string; notes: string[] }[];
  flow: { file: string; detected: string } | null;
}

/** An error with where it is, unless its message already says (the reader names records by their pointer). */
function located(error: ImportError): string {
  const { pointer } = error;
  return pointer !== undefined && pointer !== '' && error.message.includes(`(${pointer})`)
    ? error.message
    : formatImportError(error);
}

function readInput(input: InputFile): ExecutionsImport | null {
  if (input.bytes) return readExecutionsBytes(input.bytes);
  if (typeof input.text === 'string') return readExecutionsText(input.text);
  return null;
}

function importFlow(input: InputFile): ImportResult | null {
  if (input.bytes) return importFlowBytes(input.bytes);
  if (typeof input.text === 'string') return importFlowText(input.text);
  return null;
}

type LoadedFlow = { ok: true; definition: FlowDefinition; detected: string } | { ok: false; error: string };

/** The flow of `--flow`: for a list (revisions…), the first entry, i.e. the newest. */
function loadFlow(input: InputFile, notes: string[]): LoadedFlow {
  const result = importFlow(input);
  if (result === null)
    return { ok: false, error: `${input.file}: ${input.readError ?? 'Cannot read the file.'}` };
  if (!result.ok) return { ok: false, error: `${input.file}: ${formatImportError(result.error)}` };
  const [first] = result.flows;
  if (!first) return { ok: false, error: `${input.file}: the file holds no flow definition.` };
  if (result.flows.length > 1) {
    notes.push(
      `${input.file}: ${result.label}: the steps are checked against the first entry (${first.source.label}).`,
    );
  }
  return { ok: true, definition: first.definition, detected: first.source.label };
}

/**
 * Reads every STEPS file (any shape the executions layer reads; the files are merged, each record once), and the
 * flow of `--flow` when given, and writes the summary in `format`.
 */
export function summarizeExecutionFiles(
  inputs: readonly InputFile[],
  flowInput: InputFile | undefined,
  options: ExecutionsSummarizeOptions,
): ExecutionsSummarizeResult {
  const errors: string[] = [];
  const notes: string[] = [];
  const parts: ExecutionsData[] = [];
  const files: ExecutionsJsonOutput['files'] = [];
  for (const input of inputs) {
    const result = readInput(input);
    if (result === null) {
      errors.push(`${input.file}: ${input.readError ?? 'Cannot read the file.'}`);
      continue;
    }
    if (!result.ok) {
      const hint = result.error.code === 'is-flow' ? ' Give the flow with --flow FILE.' : '';
      errors.push(`${input.file}: ${located(result.error)}${hint}`);
      continue;
    }
    parts.push({ ...result, notes: [] });
    files.push({ file: input.file, detected: result.label, notes: result.notes });
    for (const note of result.notes) notes.push(`${input.file}: ${note}`);
  }
  const flow = flowInput ? loadFlow(flowInput, notes) : undefined;
  if (flow && !flow.ok) errors.push(flow.error);
  if (errors.length > 0) return { code: 2, errors, notes };

  const data = mergeExecutionsData(parts);
  notes.push(...data.notes.map((n) => `across the files: ${n}`));
  if (data.steps.length === 0) {
    notes.push(
      'the files hold no steps: widgets, transitions and paths come from steps ' +
        '(twilio api:studio:v2:flows:executions:steps:list -o json, or the Steps of an execution).',
    );
  }
  const definition = flow?.ok === true ? flow.definition : undefined;
  const summary = summarizeExecutions(data.steps, data.executions, definition);
  const m = summary.mismatch;
  if (m && flowInput && (m.likelyOtherRevision || m.likelyOtherFlow)) {
    notes.push(
      m.likelyOtherFlow
        ? `none of the widgets the executions entered is in ${flowInput.file}: the steps are most likely of another flow.`
        : `${m.executions} execution${m.executions === 1 ? '' : 's'} did what ${flowInput.file} does not have: ` +
            `${m.executions === 1 ? 'it' : 'they'} most likely ran on another revision of the flow.`,
    );
  }

  let output: string;
  if (options.format === 'json') {
    const json: ExecutionsJsonOutput = {
      files,
      flow: flowInput && flow?.ok === true ? { file: flowInput.file, detected: flow.detected } : null,
      ...summary,
    };
    output = summaryToJson(json);
  } else if (options.format === 'csv') {
    // CRLF records: the writer adds the final `\n` after the `\r` left here.
    output = summaryToCsv(summary).slice(0, -1);
  } else {
    const sources = files.map((f) => ({ name: f.file, detail: f.detected }));
    if (flowInput && flow?.ok === true) {
      sources.push({ name: flowInput.file, detail: `${flow.detected} (--flow)` });
    }
    output = summaryToMarkdown(summary, { sources }).replace(/\n$/, '');
  }
  return { code: 0, output, errors: [], notes };
}
