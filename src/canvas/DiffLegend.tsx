/**
 * The diff view's legend: each kind of change with its colour swatch (the swatches are the cards' own styles,
 * diff.css), plus how connections are drawn. `Moved` is listed only when layout changes are shown.
 */
import { WIDGET_CHANGE_KINDS, type WidgetChangeKind } from '../diff/types';
import '../styles/diff.css';
import { KIND_LABELS } from './diffCards';

const CARD_KINDS = WIDGET_CHANGE_KINDS;

const HINTS: Partial<Record<WidgetChangeKind, string>> = {
  rewired: 'connections changed',
  moved: 'position only',
};

export interface DiffLegendProps {
  /** Whether moved-only widgets are shown as moved (then `Moved` is listed). */
  includeLayout: boolean;
  className?: string;
}

export function DiffLegend({ includeLayout, className }: DiffLegendProps) {
  const kinds = includeLayout ? CARD_KINDS : CARD_KINDS.filter((k) => k !== 'moved');
  return (
    <section className={className ? `diff-legend ${className}` : 'diff-legend'} aria-label="Legend">
      <ul className="diff-legend-list">
        {kinds.map((kind) => (
          <li key={kind} className="diff-legend-item">
            <span className={`diff-swatch diff-swatch-${kind}`} aria-hidden="true" />
            {KIND_LABELS[kind]}
            {HINTS[kind] !== undefined && <span className="diff-legend-hint"> ({HINTS[kind]})</span>}
          </li>
        ))}
        <li className="diff-legend-item">
          <span className="diff-line diff-line-removed" aria-hidden="true" />
          Removed connection (dashed when zoomed in)
        </li>
      </ul>
    </section>
  );
}
