/**
 * The chosen widget of a diff: its name(s) and kinds, a Field | Before | After table of what differs (fields named
 * as the inspector names them), and its JSON in both versions in a side-by-side Monaco diff (src/jsonview, loaded on
 * demand).
 */
import { lazy, Suspense, useId, useMemo } from 'react';
import { effectiveKinds } from '../diff';
import type { WidgetDiff } from '../diff/types';
import type { FlowDefinition, Widget } from '../model/types';
import { KIND_NAMES, typeTitle, widgetDiffRows, widgetTitle, type DiffRow } from './diffRows';

const JsonDiffEditor = lazy(() => import('../jsonview/JsonDiffEditor'));

export interface WidgetDiffPanelProps {
  widget: WidgetDiff | null;
  base: FlowDefinition;
  changed: FlowDefinition;
  includeLayout: boolean;
  baseLabel: string;
  changedLabel: string;
}

function widgetAt(definition: FlowDefinition, index: number | undefined): Widget | undefined {
  return index === undefined ? undefined : definition.states[index];
}

function Value({ text }: { text: string | null }) {
  if (text === null) return <span className="dv-absent">not set</span>;
  if (text === '') return <span className="dv-absent">empty</span>;
  return <span className="dv-value">{text}</span>;
}

function PropertyTable({ rows }: { rows: DiffRow[] }) {
  return (
    <table className="dv-table">
      <caption>Property changes</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={3} className="dv-none">
              No property changes
            </td>
          </tr>
        ) : (
          rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.field}</th>
              <td className="dv-before">
                <Value text={row.before} />
              </td>
              <td className="dv-after">
                <Value text={row.after} />
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

const json = (widget: Widget | undefined): string => (widget ? `${JSON.stringify(widget, null, 2)}\n` : '');

export function WidgetDiffPanel({
  widget,
  base,
  changed,
  includeLayout,
  baseLabel,
  changedLabel,
}: WidgetDiffPanelProps) {
  const headingId = useId();
  const jsonHeadingId = useId();
  const before = widgetAt(base, widget?.baseIndex);
  const after = widgetAt(changed, widget?.changedIndex);
  const rows = useMemo(
    () => (widget ? widgetDiffRows(widget, before, after, includeLayout) : []),
    [widget, before, after, includeLayout],
  );
  const original = useMemo(() => json(before), [before]);
  const modified = useMemo(() => json(after), [after]);

  if (!widget) {
    return (
      <section className="panel widget-diff" aria-labelledby={headingId}>
        <header className="panel-header">
          <h2 id={headingId}>Widget changes</h2>
        </header>
        <p className="widget-diff-empty">
          Choose a change in the list (or press N) or a widget on the canvas to see what changed in it.
        </p>
      </section>
    );
  }

  const kinds = effectiveKinds(widget, includeLayout);
  return (
    <section className="panel widget-diff" aria-labelledby={headingId}>
      <header className="panel-header widget-diff-header">
        <h2 id={headingId}>{widgetTitle(widget)}</h2>
        <p className="panel-meta">
          {typeTitle(widget.type)} · {kinds.map((k) => KIND_NAMES[k]).join(' · ')}
        </p>
      </header>
      <div className="widget-diff-body">
        <PropertyTable rows={rows} />
        <section className="widget-json-diff" aria-labelledby={jsonHeadingId}>
          <h3 id={jsonHeadingId}>Widget JSON diff</h3>
          <p className="hint">
            Left: {baseLabel}
            {before ? '' : ' (absent)'} · Right: {changedLabel}
            {after ? '' : ' (absent)'}
          </p>
          <Suspense fallback={<p className="hint">Loading the JSON diff…</p>}>
            <JsonDiffEditor
              original={original}
              modified={modified}
              label="Widget JSON diff"
              originalLabel={`${widgetTitle(widget)} in ${baseLabel}`}
              modifiedLabel={`${widgetTitle(widget)} in ${changedLabel}`}
            />
          </Suspense>
        </section>
      </div>
    </section>
  );
}
