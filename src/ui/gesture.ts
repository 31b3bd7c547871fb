/**
 * Whether a press on the canvas is under way (a card pressed and not yet released: a click, or a drag). Panels that
 * follow the selection with costly work wait for the press to end: the inspector's form is hundreds of elements,
 * and building it while a card is dragged competes with every frame of the drag. In React's background lane it is
 * also thrown away and started again at each frame, since each frame's move is an urgent update.
 *
 * One press at a time in a page, so one module-level flag; read with `usePressActive`, set by the canvas.
 */
import { useSyncExternalStore } from 'react';

let active = false;
const listeners = new Set<() => void>();

/** Marks a press as begun (true) or ended (false). */
export function setPressActive(on: boolean): void {
  if (active === on) return;
  active = on;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = (): boolean => active;

/** Whether a press on the canvas is under way (re-renders when that changes). */
export function usePressActive(): boolean {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
