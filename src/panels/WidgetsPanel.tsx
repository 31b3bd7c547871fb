import { useId, useMemo } from 'react';
import type { FlowDefinition, Widget } from '../model/types';
import { getWidgetType } from '../schema';
import {
  emptyCounts,
  formatCount,
  SEVERITIES,
  type ProblemSummary,
  type SeverityCounts,
} from '../store/problemSummary';
import { DataGrid, type GridColumn } from '../ui/DataGrid';
import { SeverityIcon } from '../ui/SeverityIcon';

export interface WidgetsPanelProps {
  definition: FlowDefinition;
  summary: ProblemSummary;
  selectedWidget: string | null;
  onSelectWidget: (name: string) => void;
  /** id of the grid element, so the app can move focus to it. */
  gridId?: string;
}

interface WidgetRow {
  widget: Widget;
  typeTitle: string;
  isInitial: boolean;
  counts: SeverityCounts;
}

const NO_PROBLEMS = emptyCounts();

function ProblemCounts({ counts }: { counts: SeverityCounts }) {
  const present = SEVERITIES.filter((s) => counts[s] > 0);
  if (present.length === 0) return <span className="muted">none</span>;
  return (
    <span className="counts">
      {present.map((severity) => (
        <span key={severity} className={`count sev-text-${severity}`}>
          <SeverityIcon severity={severity} />
          {formatCount(severity, counts[severity])}
        </span>
      ))}
    </span>
  );
}

const COLUMNS: readonly GridColumn<WidgetRow>[] = [
  {
    id: 'name',
    header: 'Name',
    width: 'minmax(10rem, 2fr)',
    title: (row) => row.widget.name,
    render: (row) => (
      <>
        <span className="cell-text">{row.widget.name}</span>
        {row.isInitial && <span className="badge badge-initial">initial state</span>}
      </>
    ),
  },
  {
    id: 'type',
    header: 'Type',
    width: 'minmax(10rem, 2fr)',
    title: (row) => row.widget.type,
    render: (row) => (
      <>
        <span className="cell-text">{row.typeTitle}</span>
        {row.typeTitle !== row.widget.type && <code className="muted type-id">{row.widget.type}</code>}
      </>
    ),
  },
  {
    id: 'problems',
    header: 'Problems',
    width: 'minmax(12rem, 1.5fr)',
    render: (row) => <ProblemCounts counts={row.counts} />,
  },
];

/**
 * Every widget of the flow with its type and problem counts. The outline of the flow: it stays beside the canvas
 * when that arrives, as the keyboard and screen-reader way through a large flow.
 */
export function WidgetsPanel({
  definition,
  summary,
  selectedWidget,
  onSelectWidget,
  gridId,
}: WidgetsPanelProps) {
  const headingId = useId();
  const rows = useMemo<WidgetRow[]>(() => {
    // Cached per type: a 2,000-widget flow has a few dozen types.
    const titles = new Map<string, string>();
    const titleOf = (type: string) => {
      let title = titles.get(type);
      if (title === undefined) {
        title = getWidgetType(type)?.title ?? type;
        titles.set(type, title);
      }
      return title;
    };
    return definition.states.map((widget) => ({
      widget,
      typeTitle: titleOf(widget.type),
      isInitial: widget.name === definition.initial_state,
      counts: summary.byWidget.get(widget.name) ?? NO_PROBLEMS,
    }));
  }, [definition, summary]);

  const selectedIndex =
    selectedWidget === null ? -1 : rows.findIndex((r) => r.widget.name === selectedWidget);

  return (
    <section className="panel widgets-panel" aria-labelledby={headingId}>
      <header className="panel-header">
        <h2 id={headingId}>Widgets</h2>
        <span className="panel-meta">
          {rows.length} {rows.length === 1 ? 'widget' : 'widgets'}
        </span>
      </header>
      <DataGrid
        id={gridId}
        label="Widgets"
        rows={rows}
        columns={COLUMNS}
        selectedIndex={selectedIndex}
        onActivate={(row) => onSelectWidget(row.widget.name)}
        emptyMessage="This flow has no widgets."
      />
    </section>
  );
}
