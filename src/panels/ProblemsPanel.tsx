import { useId, useMemo, useState } from 'react';
import type { Problem, Severity } from '../model/types';
import { problemsPending } from '../store/editorStore';
import { formatCount, formatCounts, SEVERITIES, type ProblemSummary } from '../store/problemSummary';
import { DataGrid, type GridColumn } from '../ui/DataGrid';
import { SeverityIcon } from '../ui/SeverityIcon';

export interface ProblemsPanelProps {
  /** The store's problems: while they are pending (`problemsPending`), the panel says it is checking. */
  problems: readonly Problem[];
  summary: ProblemSummary;
  selectedWidget: string | null;
  /** The user chose a problem (click, Enter or Space). */
  onChooseProblem: (problem: Problem) => void;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The severity toggles' labels while there are no counts yet. */
const UNCOUNTED: Record<Severity, string> = { error: 'errors', warning: 'warnings', info: 'info' };

function problemKey(problem: Problem): string {
  return `${problem.severity}\u0000${problem.code}\u0000${problem.pointer}\u0000${problem.message}`;
}

const COLUMNS: readonly GridColumn<Problem>[] = [
  {
    id: 'severity',
    header: 'Severity',
    width: '4.5rem',
    render: (p) => <SeverityIcon severity={p.severity} label />,
  },
  {
    id: 'message',
    header: 'Message',
    width: 'minmax(16rem, 4fr)',
    title: (p) => `${p.message} (${p.code})`,
    render: (p) => <span className="cell-text">{p.message}</span>,
  },
  {
    id: 'widget',
    header: 'Widget',
    width: 'minmax(8rem, 1.2fr)',
    title: (p) => p.widget,
    render: (p) =>
      p.widget === undefined ? (
        <span className="muted">(flow)</span>
      ) : (
        <span className="cell-text">{p.widget}</span>
      ),
  },
  {
    id: 'location',
    header: 'Field',
    width: 'minmax(8rem, 1.5fr)',
    title: (p) => p.pointer || '/',
    render: (p) => <code className="cell-text location">{p.field ?? (p.pointer || '/')}</code>,
  },
];

/**
 * Every problem of the flow, errors first. Filter by severity or to the selected widget; choosing a problem
 * selects its widget (and, with the canvas, will centre it there). While the problems are pending (the profile's
 * validators are still loading), it says "Checking…" rather than "no problems".
 */
export function ProblemsPanel({ problems, summary, selectedWidget, onChooseProblem }: ProblemsPanelProps) {
  const headingId = useId();
  const [shown, setShown] = useState<Record<Severity, boolean>>({ error: true, warning: true, info: true });
  const [onlySelected, setOnlySelected] = useState(false);
  const [chosenKey, setChosenKey] = useState<string | null>(null);

  const sorted = useMemo(
    // Stable sort keeps the validator's order (document order) within a severity.
    () => problems.toSorted((a, b) => RANK[a.severity] - RANK[b.severity]),
    [problems],
  );
  const filterToWidget = onlySelected && selectedWidget !== null;
  const rows = useMemo(
    () => sorted.filter((p) => shown[p.severity] && (!filterToWidget || p.widget === selectedWidget)),
    [sorted, shown, filterToWidget, selectedWidget],
  );
  const selectedIndex = chosenKey === null ? -1 : rows.findIndex((p) => problemKey(p) === chosenKey);
  const hidden = problems.length - rows.length;
  const checking = problemsPending(problems);

  return (
    <section className="panel problems-panel" aria-labelledby={headingId} aria-busy={checking}>
      <header className="panel-header">
        <h2 id={headingId}>Problems: {checking ? 'checking…' : formatCounts(summary.total)}</h2>
        <div className="panel-tools">
          <div className="segmented" role="group" aria-label="Show severities">
            {SEVERITIES.map((severity) => (
              <button
                key={severity}
                type="button"
                className={`toggle sev-text-${severity}`}
                aria-pressed={shown[severity]}
                title={`${shown[severity] ? 'Hide' : 'Show'} ${severity} problems`}
                onClick={() => setShown((s) => ({ ...s, [severity]: !s[severity] }))}
              >
                <SeverityIcon severity={severity} />
                {checking ? UNCOUNTED[severity] : formatCount(severity, summary.total[severity])}
              </button>
            ))}
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={onlySelected}
              disabled={selectedWidget === null}
              onChange={(event) => setOnlySelected(event.currentTarget.checked)}
            />
            Selected widget only
          </label>
        </div>
      </header>
      <DataGrid
        label="Problems"
        rows={rows}
        columns={COLUMNS}
        selectedIndex={selectedIndex}
        rowClassName={(p) =>
          selectedWidget !== null && p.widget === selectedWidget ? 'is-related' : undefined
        }
        onActivate={(problem) => {
          setChosenKey(problemKey(problem));
          onChooseProblem(problem);
        }}
        emptyMessage={
          checking
            ? 'Checking…'
            : problems.length === 0
              ? 'No problems found.'
              : `No problems match the filters (${hidden} hidden).`
        }
      />
    </section>
  );
}
