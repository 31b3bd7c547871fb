import { describe, expect, it } from 'vitest';
import { GRID_OVERSCAN, gridKeyAction, gridPageSize, scrollToShow, visibleRows } from './gridNavigation';

describe('gridKeyAction', () => {
  const move = (index: number) => ({ kind: 'move', index });

  it('moves by one with the arrows, clamped to the rows', () => {
    expect(gridKeyAction('ArrowDown', 3, 10, 5)).toEqual(move(4));
    expect(gridKeyAction('ArrowUp', 3, 10, 5)).toEqual(move(2));
    expect(gridKeyAction('ArrowDown', 9, 10, 5)).toEqual(move(9));
    expect(gridKeyAction('ArrowUp', 0, 10, 5)).toEqual(move(0));
  });

  it('starts at the first row when no row is active yet', () => {
    expect(gridKeyAction('ArrowDown', -1, 10, 5)).toEqual(move(0));
    expect(gridKeyAction('ArrowUp', -1, 10, 5)).toEqual(move(0));
  });

  it('moves by a page with Page Up/Down and to the ends with Home/End', () => {
    expect(gridKeyAction('PageDown', 2, 100, 12)).toEqual(move(14));
    expect(gridKeyAction('PageUp', 14, 100, 12)).toEqual(move(2));
    expect(gridKeyAction('PageDown', 95, 100, 12)).toEqual(move(99));
    expect(gridKeyAction('PageUp', 5, 100, 12)).toEqual(move(0));
    expect(gridKeyAction('Home', 40, 100, 12)).toEqual(move(0));
    expect(gridKeyAction('End', 40, 100, 12)).toEqual(move(99));
  });

  it('chooses the active row with Enter or Space, only when there is one', () => {
    expect(gridKeyAction('Enter', 4, 10, 5)).toEqual({ kind: 'activate' });
    expect(gridKeyAction(' ', 0, 10, 5)).toEqual({ kind: 'activate' });
    expect(gridKeyAction('Enter', -1, 10, 5)).toBeNull();
  });

  it('leaves other keys, and every key of an empty grid, to the page', () => {
    expect(gridKeyAction('a', 4, 10, 5)).toBeNull();
    expect(gridKeyAction('Tab', 4, 10, 5)).toBeNull();
    expect(gridKeyAction('ArrowRight', 4, 10, 5)).toBeNull();
    for (const key of ['ArrowDown', 'ArrowUp', 'PageDown', 'Home', 'End', 'Enter', ' ']) {
      expect(gridKeyAction(key, -1, 0, 5)).toBeNull();
    }
  });
});

describe('visibleRows', () => {
  it('renders the rows in view plus the overscan on each side', () => {
    // Rows of 10 px, a 100 px viewport scrolled to row 50.
    const rows = visibleRows(500, 100, 10, 1000, 55);
    expect(rows[0]).toBe(50 - GRID_OVERSCAN);
    expect(rows.at(-1)).toBe(60 + GRID_OVERSCAN);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(new Set(rows).size).toBe(rows.length);
  });

  it('stops at the ends of the list', () => {
    expect(visibleRows(0, 100, 10, 5, -1)).toEqual([0, 1, 2, 3, 4]);
    expect(visibleRows(0, 0, 10, 0, -1)).toEqual([]);
  });

  it('keeps the active row rendered when it is scrolled away, on either side', () => {
    const above = visibleRows(5000, 100, 10, 1000, 3);
    expect(above[0]).toBe(3);
    expect(above[1]).toBe(500 - GRID_OVERSCAN);
    const below = visibleRows(0, 100, 10, 1000, 900);
    expect(below.at(-1)).toBe(900);
    expect(below.at(-2)).toBe(10 + GRID_OVERSCAN);
  });
});

describe('gridPageSize', () => {
  it('is a viewport of rows less the header row, at least one', () => {
    expect(gridPageSize(260, 26)).toBe(9);
    expect(gridPageSize(30, 26)).toBe(1);
    expect(gridPageSize(0, 26)).toBe(1);
  });
});

describe('scrollToShow', () => {
  // Rows of 10 px; a 110 px viewport shows 10 rows below the 10 px sticky header.
  it('leaves the scroll alone when the row is in view', () => {
    expect(scrollToShow(5, 0, 110, 10)).toBe(0);
    expect(scrollToShow(9, 0, 110, 10)).toBe(0);
  });

  it('scrolls up to a row above the view', () => {
    expect(scrollToShow(3, 200, 110, 10)).toBe(30);
  });

  it('scrolls down just enough to show a row below the view, under the header', () => {
    expect(scrollToShow(10, 0, 110, 10)).toBe(10);
    expect(scrollToShow(50, 0, 110, 10)).toBe(410);
  });
});
