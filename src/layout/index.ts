/**
 * Automatic layout (pure, async): which flows need it, positions from ELK's layered algorithm, and writing them
 * back into a definition. Runs in Node and in the browser; imports only src/model and src/schema.
 */
export {
  CARD_BASE_HEIGHT,
  CARD_WIDTH,
  PORT_ROW_HEIGHT,
  PORTS_PER_ROW,
  SPACING,
  autoLayout,
  defaultNodeSize,
  outputPorts,
  type AutoLayoutOptions,
  type LayoutDirection,
  type NodeSize,
} from './autoLayout';
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
