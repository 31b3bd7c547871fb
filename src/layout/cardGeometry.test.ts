import { describe, expect, it } from 'vitest';
import type { Widget } from '../model/types';
import { defaultNodeSize, outputPorts } from './autoLayout';
import {
  CARD_BASE_HEIGHT,
  CARD_BORDER,
  CARD_TOP_BORDER,
  CARD_WIDTH,
  cardSize,
  PORT_ROW_HEIGHT,
  portAnchor,
  portBox,
  portRect,
} from './cardGeometry';

describe('cardSize', () => {
  it('is 240 px wide and 64 px high plus 22 px per row of three ports', () => {
    expect(cardSize(0)).toEqual({ width: 240, height: 64 });
    expect(cardSize(1)).toEqual({ width: 240, height: 86 });
    expect(cardSize(3)).toEqual({ width: 240, height: 86 });
    expect(cardSize(4)).toEqual({ width: 240, height: 108 });
    expect(cardSize(7).height).toBe(CARD_BASE_HEIGHT + 3 * PORT_ROW_HEIGHT);
  });

  it("is the layout's default size for a widget's ports", () => {
    const split: Widget = {
      name: 'split',
      type: 'split-based-on',
      transitions: [
        { event: 'noMatch' },
        { event: 'match', next: 'a', conditions: [] },
        { event: 'match', next: 'b', conditions: [] },
        { event: 'match', next: 'c', conditions: [] },
      ],
      properties: {},
    };
    expect(defaultNodeSize(split)).toEqual(cardSize(outputPorts(split).length));
    expect(defaultNodeSize(split).height).toBe(108);
  });
});

describe('port boxes', () => {
  it('share a row of three between them, under the 60 px body', () => {
    const inner = CARD_WIDTH - 2 * CARD_BORDER;
    expect(portRect(0, 1)).toEqual({ left: 0, top: 60, width: inner, height: 22 });
    expect(portRect(1, 2)).toEqual({ left: inner / 2, top: 60, width: inner / 2, height: 22 });
    expect(portRect(2, 3).left).toBeCloseTo((2 * inner) / 3);
    // The fourth port starts a second row, the rows keep three columns.
    expect(portRect(3, 4)).toEqual({ left: 0, top: 82, width: inner / 3, height: 22 });
  });

  it("are placed inside the card's borders, relative to its corner", () => {
    expect(portBox(0, 2)).toEqual({ x: CARD_BORDER, y: CARD_TOP_BORDER + 60, width: 119, height: 22 });
    expect(portBox(1, 2).x).toBe(120);
    // A single row of ports ends on the card's bottom border.
    const last = portBox(2, 3);
    expect(last.y + last.height).toBe(cardSize(3).height - CARD_BORDER);
  });

  it("anchor their connection in the middle of the port's bottom edge", () => {
    expect(portAnchor(0, 1)).toEqual({ x: CARD_WIDTH / 2, y: cardSize(1).height - CARD_BORDER });
    expect(portAnchor(1, 2)).toEqual({ x: 120 + 119 / 2, y: 85 });
    const fifth = portAnchor(4, 5);
    expect(fifth.x).toBeCloseTo(1 + (238 / 3) * 1.5);
    expect(fifth.y).toBe(107);
  });
});
