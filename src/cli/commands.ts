/**
 * The `studio-flow` commands as pure functions over file contents, so they are tested without a file system and
 * run the same core as the editor: import (src/io) -> validate (src/validation) -> export (src/io).
 */
import type { Problem } from '../model/types';
import { importFlowText, serializeDefinition } from '../io';
import { createValidator, type Profile } from '../validation';

export interface InputFile {
  /** The path as the user gave it. */
  file: string;
  /** The text, or null when it could not be read (see `readError`). */
  text: string | null;
  readError?: string;
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
    if (input.text === null) {
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
    const result = importFlowText(input.text);
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
      const problems = validatorFor(profile).validate(flow.definition).map(toCliProblem);
      reports.push({ file: input.file, detected: flow.source.label, problems });
    }
  }
  return reports;
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
    if (input.text === null)
      return { file: input.file, output: null, error: input.readError ?? 'Cannot read the file.' };
    const result = importFlowText(input.text);
    if (!result.ok) {
      const where =
        result.error.line !== undefined
          ? ` (line ${result.error.line}, column ${result.error.column ?? 0})`
          : '';
      return {
        file: input.file,
        output: null,
        error: result.error.message.includes('line ') ? result.error.message : result.error.message + where,
      };
    }
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
