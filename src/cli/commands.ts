/**
 * The `studio-flow` commands as pure functions over file contents, so they are tested without a file system and
 * run the same core as the editor: import (src/io) -> validate (src/validation) -> export (src/io).
 */
import type { FlowDefinition, Problem } from '../model/types';
import { diffFlows, diffToMarkdown, diffToReport, type DiffReport } from '../diff';
import {
  importFlowBytes,
  importFlowText,
  serializeDefinition,
  type ImportError,
  type ImportResult,
  type InputNote,
} from '../io';
import { createValidator, type Profile } from '../validation';

export interface InputFile {
  /** The path as the user gave it. */
  file: string;
  /**
   * The file's bytes, decoded by the restore boundary as the editor decodes an opened file (UTF-8, or UTF-16/32 by
   * byte-order mark; invalid UTF-8 is an error with its line and column, never replaced). Or, for callers that
   * already have text (tests), `text`. Both null when the file could not be read (see `readError`).
   */
  bytes?: Uint8Array | null;
  text?: string | null;
  readError?: string;
}

/** The file through the restore boundary: its bytes when it has them, else its text; null when unreadable. */
function importInput(input: InputFile): ImportResult | null {
  if (input.bytes) return importFlowBytes(input.bytes);
  if (typeof input.text === 'string') return importFlowText(input.text);
  return null;
}

/** The widget a problem's pointer is inside, when it names one. */
function withWidget(problem: CliProblem, definition: FlowDefinition): CliProblem {
  const match = /^\/states\/(\d+)(?:\/|$)/.exec(problem.pointer);
  const name = match ? definition.states[Number(match[1])]?.name : undefined;
  return typeof name === 'string' ? { ...problem, widget: name } : problem;
}

/** What the restore boundary said about a flow (numbers a double cannot hold, the encoding), as CLI problems. */
function noteProblems(notes: readonly InputNote[] | undefined): CliProblem[] {
  return (notes ?? []).map((note) => {
    const problem: CliProblem = {
      severity: note.severity,
      code: note.code,
      message: note.message,
      widget: null,
      pointer: note.pointer,
    };
    if (note.line !== undefined) problem.line = note.line;
    if (note.column !== undefined) problem.column = note.column;
    return problem;
  });
}

export interface CliProblem {
  severity: Problem['severity'];
  code: string;
  message: string;
  widget: string | null;
  pointer: string;
  line?: number;
  column?: number;
}

export interface FileReport {
  file: string;
  /** What the file holds ("Flow definition", "Flow FW…, revision 7, draft"), or null when unreadable. */
  detected: string | null;
  problems: CliProblem[];
}

const validators = new Map<Profile, ReturnType<typeof createValidator>>();
function validatorFor(profile: Profile) {
  let v = validators.get(profile);
  if (!v) {
    v = createValidator(profile);
    validators.set(profile, v);
  }
  return v;
}

function toCliProblem(p: Problem): CliProblem {
  return {
    severity: p.severity,
    code: p.code,
    message: p.message,
    widget: p.widget ?? null,
    pointer: p.pointer,
  };
}

/** Validates every flow in every file. A list (ListFlowRevision...) gives one report per entry. */
export function validateFiles(files: readonly InputFile[], profile: Profile): FileReport[] {
  const reports: FileReport[] = [];
  for (const input of files) {
    const result = importInput(input);
    if (result === null) {
      reports.push({
        file: input.file,
        detected: null,
        problems: [
          {
            severity: 'error',
            code: 'io.read',
            message: input.readError ?? 'Cannot read the file.',
            widget: null,
            pointer: '',
          },
        ],
      });
      continue;
    }
    if (!result.ok) {
      const { error } = result;
      const problem: CliProblem = {
        severity: 'error',
        code: error.code.includes('.') ? error.code : `import.${error.code}`,
        message: error.message,
        widget: null,
        pointer: error.pointer ?? '',
      };
      if (error.line !== undefined) problem.line = error.line;
      if (error.column !== undefined) problem.column = error.column;
      reports.push({ file: input.file, detected: null, problems: [problem] });
      continue;
    }
    for (const flow of result.flows) {
      const problems = [
        ...validatorFor(profile).validate(flow.definition).map(toCliProblem),
        ...noteProblems(flow.notes).map((p) => withWidget(p, flow.definition)),
      ];
      reports.push({ file: input.file, detected: flow.source.label, problems });
    }
  }
  return reports;
}

/** An import error as one sentence, with the line and column of JSON syntax errors. */
function importErrorMessage(error: ImportError): string {
  const where = error.line !== undefined ? ` (line ${error.line}, column ${error.column ?? 0})` : '';
  return error.message.includes('line ') ? error.message : error.message + where;
}

export interface ExportedFile {
  file: string;
  /** The exported definition text, or null with an error. */
  output: string | null;
  error?: string;
  /** Said on stderr, e.g. which entry of a list was exported. */
  note?: string;
}

/** Exports the definition of each file exactly as the editor would (optionally canonical). */
export function exportFiles(files: readonly InputFile[], opts: { canonical: boolean }): ExportedFile[] {
  return files.map((input) => {
    const result = importInput(input);
    if (result === null)
      return { file: input.file, output: null, error: input.readError ?? 'Cannot read the file.' };
    if (!result.ok) return { file: input.file, output: null, error: importErrorMessage(result.error) };
    const [first] = result.flows;
    if (!first) return { file: input.file, output: null, error: 'The file holds no flow definition.' };
    const out: ExportedFile = {
      file: input.file,
      output: serializeDefinition(first.definition, { canonical: opts.canonical }),
    };
    if (result.flows.length > 1)
      out.note = `${result.label}: exported the first entry (${first.source.label}).`;
    return out;
  });
}

export function countBySeverity(reports: readonly FileReport[]): Record<Problem['severity'], number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const r of reports) for (const p of r.problems) counts[p.severity]++;
  return counts;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Human-readable report, one block per file, like a compiler's. */
export function formatReports(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`${r.file}${r.detected ? `  (${r.detected})` : ''}`);
    if (r.problems.length === 0) lines.push('  ✓ no problems');
    for (const p of r.problems) {
      const where =
        p.line !== undefined ? `${p.line}:${p.column ?? 0}` : (p.widget ?? (p.pointer || '(flow)'));
      lines.push(`  ${p.severity.padEnd(7)} ${where}  ${p.message}  [${p.code}]`);
    }
    lines.push('');
  }
  const c = countBySeverity(reports);
  const failed = new Set(
    reports.filter((r) => r.problems.some((p) => p.severity === 'error')).map((r) => r.file),
  ).size;
  const files = new Set(reports.map((r) => r.file)).size;
  lines.push(
    `${c.error > 0 ? '✖' : '✓'} ${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.info, 'note')}` +
      ` in ${plural(files, 'file')}${failed > 0 ? ` (${failed} with errors)` : ''}`,
  );
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// diff

export interface DiffFilesOptions {
  format: 'md' | 'json';
  /** Count moved widgets as changes and show offsets (default: layout-only differences are no change). */
  includeLayout: boolean;
}

export interface DiffFilesResult {
  /** Like diff(1): 0 when nothing changed, 1 when something did, 2 when a file could not be read or imported. */
  code: 0 | 1 | 2;
  /** The Markdown summary or the JSON report (absent on errors). */
  output?: string;
  /** One message per file that failed, naming the file (and the line and column of JSON syntax errors). */
  errors: string[];
  /** Said on stderr, e.g. which entry of a list was compared. */
  notes: string[];
}

/** The `--format json` output: which files were compared, then the report. */
export interface DiffJsonOutput extends DiffReport {
  base: { file: string; detected: string };
  changed: { file: string; detected: string };
}

type Loaded = { ok: true; definition: FlowDefinition; detected: string } | { ok: false; error: string };

/** The definition a file holds: for lists (several flows or revisions), the first entry, i.e. the newest. */
function loadDefinition(input: InputFile, notes: string[]): Loaded {
  const result = importInput(input);
  if (result === null)
    return { ok: false, error: `${input.file}: ${input.readError ?? 'Cannot read the file.'}` };
  if (!result.ok) return { ok: false, error: `${input.file}: ${importErrorMessage(result.error)}` };
  const [first] = result.flows;
  if (!first) return { ok: false, error: `${input.file}: the file holds no flow definition.` };
  if (result.flows.length > 1)
    notes.push(`${input.file}: ${result.label}: compared the first entry (${first.source.label}).`);
  return { ok: true, definition: first.definition, detected: first.source.label };
}

/** Compares the flows of two files (the older one first). */
export function diffFiles(base: InputFile, changed: InputFile, opts: DiffFilesOptions): DiffFilesResult {
  const notes: string[] = [];
  const a = loadDefinition(base, notes);
  const b = loadDefinition(changed, notes);
  if (!a.ok || !b.ok) {
    const errors: string[] = [];
    if (!a.ok) errors.push(a.error);
    if (!b.ok) errors.push(b.error);
    return { code: 2, errors, notes };
  }
  const diff = diffFlows(a.definition, b.definition);
  const changes = opts.includeLayout ? !diff.summary.identical : !diff.summary.identicalButLayout;
  let output: string;
  if (opts.format === 'json') {
    const json: DiffJsonOutput = {
      base: { file: base.file, detected: a.detected },
      changed: { file: changed.file, detected: b.detected },
      ...diffToReport(diff, { includeLayout: opts.includeLayout }),
    };
    output = JSON.stringify(json, null, 2);
  } else {
    output = diffToMarkdown(diff, {
      baseLabel: base.file,
      changedLabel: changed.file,
      includeLayout: opts.includeLayout,
    }).replace(/\n$/, '');
  }
  return { code: changes ? 1 : 0, output, errors: [], notes };
}
