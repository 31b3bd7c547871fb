/**
 * Writing positions back into a definition without mutating it.
 */
import { moveWidgets } from '../model/commands';
import type { FlowDefinition, Offset } from '../model/types';

/**
 * A new definition with `properties.offset` of the named widgets set to `positions` (e.g. `autoLayout`'s
 * result). This is the model's `moveWidgets` command, so a layout is one more edit like a drag:
 *
 * - only widgets whose offset actually changes are copied (with a copied `properties`); every other widget, and the
 *   definition itself when nothing changes, is returned as is, so identity still tells what changed;
 * - an existing `offset` keeps its place among the properties (and any extra keys it has); a widget without one
 *   gets it as its last property;
 * - positions are rounded to integers; names no widget has are ignored; a non-finite position throws.
 */
export function applyLayout(def: FlowDefinition, positions: ReadonlyMap<string, Offset>): FlowDefinition {
  return moveWidgets(def, positions);
}
