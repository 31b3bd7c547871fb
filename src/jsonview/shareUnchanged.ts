/**
 * Structural sharing for definitions re-parsed from the JSON view: every widget identical (key order included) to
 * the previous one of the same name is replaced by the previous object. The validator and the canvas cache per
 * widget object, so editing one widget of a 2,000-widget flow in the JSON revalidates and redraws that one. Pure.
 */
import type { FlowDefinition, Widget } from '../model/types';

export function shareUnchanged(prev: FlowDefinition, next: FlowDefinition): FlowDefinition {
  const before = new Map<string, Widget>();
  for (const w of prev.states) before.set(w.name, w);
  const states = next.states.map((w) => {
    const old = before.get(w.name);
    if (!old || JSON.stringify(old) !== JSON.stringify(w)) return w;
    return old;
  });
  // Spreading keeps `next`'s key order: `states` is already one of its keys.
  return states.some((w, i) => w !== next.states[i]) ? { ...next, states } : next;
}
