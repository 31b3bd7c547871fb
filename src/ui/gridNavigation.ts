/**
 * The arithmetic of the windowed data grid (DataGrid.tsx), kept out of the component so it is tested without a
 * DOM: which row a key moves to, and which rows are in the DOM for a scroll position. Pure.
 */

/** What a key does in the grid: move the active row to `index`, choose the active row, or nothing. */
export type GridKeyAction = { kind: 'move'; index: number } | { kind: 'activate' } | null;

/**
 * The effect of `key` on a grid of `count` rows whose active row is `active` (-1: none yet) and whose viewport
 * shows `pageSize` rows. Arrows move by one, Page Up/Down by a page, Home/End to the ends, always clamped to the
 * rows; Enter and Space choose the active row. Any other key, or any key in an empty grid, does nothing (and is
 * left to the page).
 */
export function gridKeyAction(key: string, active: number, count: number, pageSize: number): GridKeyAction {
  if (count === 0) return null;
  let next: number;
  switch (key) {
    case 'ArrowDown':
      next = active + 1;
      break;
    case 'ArrowUp':
      next = active - 1;
      break;
    case 'PageDown':
      next = active + pageSize;
      break;
    case 'PageUp':
      next = active - pageSize;
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = count - 1;
      break;
    case 'Enter':
    case ' ':
      return active >= 0 && active < count ? { kind: 'activate' } : null;
    default:
      return null;
  }
  return { kind: 'move', index: Math.max(0, Math.min(count - 1, next)) };
}

/** Rows rendered beyond each edge of the viewport, so a short scroll shows no blank rows. */
export const GRID_OVERSCAN = 8;

/**
 * Indexes of the rows to render, in order: those in the viewport (`scrollTop`, `viewportHeight`, rows of
 * `rowHeight` px) plus GRID_OVERSCAN on each side, and the active row even when it is scrolled away, so that
 * `aria-activedescendant` never points at an element that is not there.
 */
export function visibleRows(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  active: number,
): number[] {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - GRID_OVERSCAN);
  const last = Math.min(count - 1, Math.ceil((scrollTop + viewportHeight) / rowHeight) + GRID_OVERSCAN);
  const rows: number[] = [];
  if (active >= 0 && active < first) rows.push(active);
  for (let i = first; i <= last; i++) rows.push(i);
  if (active > last && active < count) rows.push(active);
  return rows;
}

/** Rows a Page Up/Down moves by: one viewport less the sticky header row, at least one. */
export function gridPageSize(viewportHeight: number, rowHeight: number): number {
  return Math.max(1, Math.floor(viewportHeight / rowHeight) - 1);
}

/**
 * The scroll position that brings row `index` into view below the sticky header (which covers the top `rowHeight`
 * px of the viewport), or `scrollTop` unchanged when it is in view already.
 */
export function scrollToShow(
  index: number,
  scrollTop: number,
  clientHeight: number,
  rowHeight: number,
): number {
  const top = index * rowHeight;
  const bodyHeight = clientHeight - rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + bodyHeight) return top + rowHeight - bodyHeight;
  return scrollTop;
}
