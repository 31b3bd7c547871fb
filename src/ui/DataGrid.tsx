import {
  useEffect,
  useId,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { gridKeyAction, gridPageSize, scrollToShow, visibleRows } from './gridNavigation';

export interface GridColumn<T> {
  id: string;
  header: string;
  /** CSS grid track, e.g. `minmax(8rem, 1fr)` or `6rem`. */
  width: string;
  render: (row: T) => ReactNode;
  /** Full text shown as a tooltip when the cell is cut off. */
  title?: (row: T) => string | undefined;
}

export interface DataGridProps<T> {
  /** Accessible name of the grid. */
  label: string;
  rows: readonly T[];
  columns: readonly GridColumn<T>[];
  /** Index of the selected row (`aria-selected`), or -1. When it changes, that row is scrolled into view. */
  selectedIndex: number;
  /** Choosing a row: click, Enter or Space. */
  onActivate: (row: T, index: number) => void;
  rowClassName?: (row: T) => string | undefined;
  /** Shown instead of rows when there are none. */
  emptyMessage: string;
  /** Lets the app move focus here (e.g. after a dialog whose opener is gone). */
  id?: string;
}

/** Row height in px: the window arithmetic needs it fixed. Handed to CSS as `--grid-row-height`. */
export const GRID_ROW_HEIGHT = 26;

/**
 * A keyboard-operable, windowed data grid: only the rows in view (plus a few) are in the DOM, so a list of
 * thousands of widgets or problems stays fast. Rows have a fixed height.
 *
 * ARIA grid with row focus: the grid element keeps focus and points at the active row with
 * `aria-activedescendant`; arrows, Page Up/Down and Home/End move the active row, Enter or Space chooses it.
 * `aria-rowcount`/`aria-rowindex` tell assistive technology the full size of the windowed list.
 */
export function DataGrid<T>({
  label,
  rows,
  columns,
  selectedIndex,
  onActivate,
  rowClassName,
  emptyMessage,
  id,
}: DataGridProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const idPrefix = useId();
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(0);
  const [activeIndex, setActiveIndex] = useState(selectedIndex);

  // Follow selection made elsewhere (e.g. choosing a problem selects its widget here): adjust during render,
  // the documented alternative to an effect that copies props into state.
  const [lastSelected, setLastSelected] = useState(selectedIndex);
  if (selectedIndex !== lastSelected) {
    setLastSelected(selectedIndex);
    if (selectedIndex >= 0) setActiveIndex(selectedIndex);
  }

  const count = rows.length;
  const active = count === 0 ? -1 : Math.min(activeIndex, count - 1);

  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewportHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Keep the active row in view, below the sticky header row.
  useEffect(() => {
    const element = scrollRef.current;
    if (!element || active < 0) return;
    const top = scrollToShow(active, element.scrollTop, element.clientHeight, GRID_ROW_HEIGHT);
    if (top !== element.scrollTop) element.scrollTop = top;
  }, [active]);

  const visible = visibleRows(scrollTop, viewportHeight, GRID_ROW_HEIGHT, count, active);
  const rowId = (index: number) => `${idPrefix}-row-${index}`;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const action = gridKeyAction(event.key, active, count, gridPageSize(viewportHeight, GRID_ROW_HEIGHT));
    if (!action) return;
    event.preventDefault();
    if (action.kind === 'move') {
      setActiveIndex(action.index);
      return;
    }
    const row = rows[active];
    if (row !== undefined) onActivate(row, active);
  };

  const style = {
    '--grid-columns': columns.map((c) => c.width).join(' '),
    '--grid-row-height': `${GRID_ROW_HEIGHT}px`,
  } as CSSProperties;

  return (
    <div className="grid-frame">
      <div
        ref={scrollRef}
        id={id}
        className="grid"
        role="grid"
        aria-label={label}
        aria-rowcount={count + 1}
        aria-colcount={columns.length}
        aria-activedescendant={active >= 0 ? rowId(active) : undefined}
        tabIndex={0}
        style={style}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (activeIndex < 0 && count > 0) setActiveIndex(Math.max(0, selectedIndex));
        }}
      >
        <div className="grid-head" role="rowgroup">
          <div className="grid-row" role="row" aria-rowindex={1}>
            {columns.map((column) => (
              <div key={column.id} className="grid-cell" role="columnheader">
                {column.header}
              </div>
            ))}
          </div>
        </div>
        <div className="grid-body" role="rowgroup" style={{ height: count * GRID_ROW_HEIGHT }}>
          {visible.map((index) => {
            const row = rows[index];
            if (row === undefined) return null;
            const classes = ['grid-row', rowClassName?.(row), index === active ? 'is-active' : undefined];
            return (
              <div
                // Keyed by position: rows hold no state, and names need not be unique in a broken flow.
                key={index}
                id={rowId(index)}
                className={classes.filter(Boolean).join(' ')}
                role="row"
                aria-rowindex={index + 2}
                aria-selected={index === selectedIndex}
                style={{ transform: `translateY(${index * GRID_ROW_HEIGHT}px)` }}
                onClick={() => {
                  setActiveIndex(index);
                  onActivate(row, index);
                }}
              >
                {columns.map((column) => (
                  <div key={column.id} className="grid-cell" role="gridcell" title={column.title?.(row)}>
                    {column.render(row)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
      {count === 0 && <p className="grid-empty">{emptyMessage}</p>}
    </div>
  );
}
