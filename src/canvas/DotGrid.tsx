/**
 * The canvas's dotted grid, drawn so that panning costs nothing: one layer a little larger than the pane, with a
 * CSS dot pattern, moved by a compositor transform (modulo one grid step) as the view pans. Only a zoom change
 * repaints it. (React Flow's own <Background> moves an SVG pattern, which repaints the whole pane every frame of a
 * pan.) Updated straight from React Flow's store, outside React: no re-render per frame.
 */
import { useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';

/** Grid step in flow units: Studio's 10 px grid, one dot every two steps. */
const GAP = 20;
/** Below this many screen pixels between dots, show every fifth dot only. */
const MIN_SCREEN_GAP = 8;

export function DotGrid() {
  const ref = useRef<HTMLDivElement>(null);
  const store = useStoreApi();

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let lastGap = -1;
    const apply = (transform: readonly [number, number, number]) => {
      const [x, y, zoom] = transform;
      let gap = GAP * zoom;
      while (gap < MIN_SCREEN_GAP) gap *= 5;
      if (gap !== lastGap) {
        lastGap = gap;
        element.style.backgroundSize = `${gap}px ${gap}px`;
        // The layer reaches one step beyond the pane on every side, so moving it by less than a step shows no edge.
        element.style.inset = `${-gap}px`;
      }
      // The flow origin is at x, y on screen: dots every `gap` from there.
      const dx = ((x % gap) + gap) % gap;
      const dy = ((y % gap) + gap) % gap;
      element.style.transform = `translate3d(${dx}px, ${dy}px, 0)`;
    };
    apply(store.getState().transform);
    return store.subscribe((state, previous) => {
      if (state.transform !== previous.transform) apply(state.transform);
    });
  }, [store]);

  return (
    <div className="canvas-grid" aria-hidden="true">
      <div ref={ref} className="canvas-grid-dots" />
    </div>
  );
}
