import { useId, useMemo } from 'react';
import { effectiveKind } from '../diff';
import type { FlowDiff, ValueChange, WidgetDiff } from '../diff/types';
import { countsText, emptyStateText, visibleChanges } from '../store/compare';
import { DataGrid, type GridColumn } from '../ui/DataGrid';
import { changeDetail, flowFieldLabel, KIND_NAMES, valueText, widgetTitle } from './diffRows';

export interface ChangeListProps {
  diff: FlowDiff;
  includeLayout: boolean;
  /** Union id of the chosen widget. */
  selectedId: string | null;
  /** Choosing a row: the widget is selected and centred on the canvas. */
  onChoose: (id: string) => void;
  /** Previous (-1) / next (1) change, as the p and n keys. */
  onStep: (direction: 1 | -1) => void;
  gridId?: string;
}

function kindCell(includeLayout: boolean) {
  return (w: WidgetDiff) => {
    const kind = effectiveKind(w, includeLayout);
    return (
      <span className={`change-kind change-kind-${kind}`}>
        <span className={`diff-swatch diff-swatch-${kind}`} aria-hidden="true" />
        {KIND_NAMES[kind]}
      </span>
    );
  };
}

function FlowChange({ change }: { change: ValueChange }) {
  const before = valueText(change.before);
  const after = valueText(change.after);
  return (
    <li>
      <span className="flow-change-field">{flowFieldLabel(change.path)}</span>:{' '}
      {before === null ? <span className="muted">not set</span> : <code>{before}</code>} →{' '}
      {after === null ? <span className="muted">not set</span> : <code>{after}</code>}
    </li>
  );
}

/**
 * The changes of a diff: counts per kind, flow-level changes, then one row per changed widget in the diff's order
 * (windowed: thousands of rows stay cheap), with Previous/Next (p/n) stepping through them.
 */
export function ChangeList({ diff, includeLayout, selectedId, onChoose, onStep, gridId }: ChangeListProps) {
  const headingId = useId();
  // Once per diff and toggle, not per render: choosing a row re-renders the list (2,000 widgets to filter).
  const rows = useMemo(() => visibleChanges(diff, includeLayout), [diff, includeLayout]);
  const selectedIndex = selectedId === null ? -1 : rows.findIndex((w) => w.id === selectedId);
  const selected = selectedIndex >= 0 ? rows[selectedIndex] : undefined;
  const columns = useMemo<GridColumn<WidgetDiff>[]>(
    () => [
      { id: 'kind', header: 'Change', width: '6rem', render: kindCell(includeLayout) },
      {
        id: 'widget',
        header: 'Widget',
        width: 'minmax(7rem, 1.5fr)',
        render: widgetTitle,
        title: widgetTitle,
      },
      {
        id: 'detail',
        header: 'Details',
        width: 'minmax(5rem, 1fr)',
        render: (w) => changeDetail(w, includeLayout),
        title: (w) => changeDetail(w, includeLayout),
      },
    ],
    [includeLayout],
  );
  const empty = emptyStateText(diff, includeLayout);

  return (
    <section className="panel change-list" aria-labelledby={headingId}>
      <header className="panel-header">
        <h2 id={headingId}>Changes</h2>
        <div className="panel-tools">
          <button
            type="button"
            className="button button-small"
            aria-keyshortcuts="P"
            title="Previous change (P)"
            disabled={rows.length === 0}
            onClick={() => onStep(-1)}
          >
            Previous change
          </button>
          <button
            type="button"
            className="button button-small"
            aria-keyshortcuts="N"
            title="Next change (N)"
            disabled={rows.length === 0}
            onClick={() => onStep(1)}
          >
            Next change
          </button>
        </div>
      </header>
      <p className="change-counts">{countsText(diff, includeLayout)}</p>
      <p className="change-position" aria-live="polite">
        {selected ? `Change ${selectedIndex + 1} of ${rows.length}: ${widgetTitle(selected)}` : ''}
      </p>
      {diff.flow.length > 0 && (
        <div className="flow-changes">
          <h3>Flow settings</h3>
          <ul aria-label="Flow settings changes">
            {diff.flow.map((change) => (
              <FlowChange key={change.path} change={change} />
            ))}
          </ul>
        </div>
      )}
      <DataGrid
        id={gridId}
        label="Changed widgets"
        rows={rows}
        columns={columns}
        selectedIndex={selectedIndex}
        onActivate={(row) => onChoose(row.id)}
        emptyMessage={empty ?? 'No widget changes'}
      />
    </section>
  );
}
