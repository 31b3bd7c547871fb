/**
 * Automatic layout (pure, async): which flows need it, positions from ELK's layered algorithm, and writing them
 * back into a definition. Runs in Node and in the browser; imports only src/model and src/schema.
 */
export {
  SPACING,
  autoLayout,
  defaultNodeSize,
  outputPorts,
  type AutoLayoutOptions,
  type LayoutDirection,
} from './autoLayout';
export {
  CARD_BASE_HEIGHT,
  CARD_BORDER,
  CARD_TOP_BORDER,
  CARD_WIDTH,
  INPUT_KNOB,
  PORT_ROW_HEIGHT,
  PORTS_PER_ROW,
  cardSize,
  portAnchor,
  portBox,
  portRect,
  type NodeSize,
  type PortBox,
  type PortRect,
} from './cardGeometry';
export { PILE_SIZE, missingOrOverlapping, needsLayout } from './needsLayout';
export { applyLayout } from './applyLayout';
export {
  GRID,
  MAX_OFFSET,
  clampCoordinate,
  clampOffset,
  displayOffset,
  finiteOffset,
  readOffset,
} from './offsets';
