/**
 * The geometry of a widget's card, one definition for the canvas (canvas/mapping.ts gives it to React Flow as the
 * nodes' sizes and handles, canvas.css draws it), the images (canvas/exportImage.ts) and the automatic layout: its
 * size from its number of ports, where each port sits, where its connections leave.
 *
 * A card is a 3 px category bar on top and 1 px borders elsewhere; inside them 60 px of header, type and summary,
 * then the ports in rows of three, 22 px high, each row's ports sharing its width. Its input is a knob in the
 * middle of its top edge.
 *
 * Pure TypeScript.
 */

/** A card's size in px. */
export interface NodeSize {
  width: number;
  height: number;
}

/** Default card: 240 px wide, 64 px for the name and summary plus 22 px per row of (up to 3) port labels. */
export const CARD_WIDTH = 240;
export const CARD_BASE_HEIGHT = 64;
export const PORT_ROW_HEIGHT = 22;
export const PORTS_PER_ROW = 3;

/** The card's left, right and bottom border, in px. */
export const CARD_BORDER = 1;
/** The category bar along the card's top edge, in px (its top border). */
export const CARD_TOP_BORDER = 3;
/** The side of the input knob, centred on the card's top edge. */
export const INPUT_KNOB = 10;

const BODY_HEIGHT = CARD_BASE_HEIGHT - CARD_TOP_BORDER - CARD_BORDER;

/** Card size for a widget with `portCount` output ports (the layout's `defaultNodeSize` counts its ports). */
export function cardSize(portCount: number): NodeSize {
  return {
    width: CARD_WIDTH,
    height: CARD_BASE_HEIGHT + PORT_ROW_HEIGHT * Math.ceil(portCount / PORTS_PER_ROW),
  };
}

/** A port's box inside the card, relative to the card's padding box (CSS `left`/`top` of an absolute child). */
export interface PortRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The box of port `index` of a card with `count` ports. */
export function portRect(index: number, count: number): PortRect {
  const columns = Math.min(PORTS_PER_ROW, count);
  const width = (CARD_WIDTH - 2 * CARD_BORDER) / columns;
  return {
    left: (index % PORTS_PER_ROW) * width,
    top: BODY_HEIGHT + Math.floor(index / PORTS_PER_ROW) * PORT_ROW_HEIGHT,
    width,
    height: PORT_ROW_HEIGHT,
  };
}

/** A box in px. */
export interface PortBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The box of port `index` of a card with `count` ports relative to the card's top-left corner (its border box),
 * which is where React Flow measures handles and where the images draw ports.
 */
export function portBox(index: number, count: number): PortBox {
  const rect = portRect(index, count);
  return {
    x: rect.left + CARD_BORDER,
    y: rect.top + CARD_TOP_BORDER,
    width: rect.width,
    height: rect.height,
  };
}

/** Where the connection of port `index` (of `count`) leaves the card: the middle of the port's bottom edge. */
export function portAnchor(index: number, count: number): { x: number; y: number } {
  const box = portBox(index, count);
  return { x: box.x + box.width / 2, y: box.y + box.height };
}
