/**
 * The view a canvas opens a flow with, set before its first frame is painted (fit.ts): never a frame at 100 %
 * first, then a jump. On the canvas's first mount it is React Flow's `defaultViewport` (the caller mounts React
 * Flow only once `initial` is known, i.e. once the container's size could be measured) and written into React
 * Flow's store in a layout effect; for every later `key` (another flow opened, another comparison) it is set
 * through React Flow's pan/zoom, synchronously, in a layout effect too. While `waiting` (the flow is being laid
 * out), nothing is fitted.
 */
import { useStoreApi } from '@xyflow/react';
import { useLayoutEffect, useRef, useState } from 'react';
import type { Box } from '../model/geometry';
import { fittedViewport, type Viewport } from './fit';

export interface OpeningViewInput {
  container: HTMLElement | null;
  /** Changes when another flow (or comparison) is shown: the view is fitted once per key. */
  key: unknown;
  waiting: boolean;
  boxes: () => Box[];
  /** The card to open on when the flow is too large to fit (the Trigger or the initial state). */
  start: () => Box | undefined;
  minZoom: number;
}

export function useOpeningView({ container, key, waiting, boxes, start, minZoom }: OpeningViewInput) {
  const flowStore = useStoreApi();
  const [initial, setInitial] = useState<Viewport | null>(null);
  const fittedFor = useRef<unknown>(undefined);
  // The latest functions, read when the layout effect runs (they close over the latest cards).
  const read = useRef({ boxes, start });
  useLayoutEffect(() => {
    read.current = { boxes, start };
  });

  useLayoutEffect(() => {
    if (!container || waiting || fittedFor.current === key) return;
    fittedFor.current = key;
    const { width, height } = container.getBoundingClientRect();
    const startBox = read.current.start();
    const viewport = fittedViewport(read.current.boxes(), width, height, {
      minZoom,
      maxZoom: 1,
      ...(startBox ? { start: startBox } : {}),
    });
    const { panZoom } = flowStore.getState();
    if (panZoom) void panZoom.setViewport(viewport, { duration: 0 });
    else flowStore.setState({ transform: [viewport.x, viewport.y, viewport.zoom] });
    // Measuring the DOM before the first paint and rendering with the result is what a layout effect that sets
    // state is for (React re-renders synchronously, before the browser paints).
    if (!initial) setInitial(viewport);
  }, [container, waiting, key, minZoom, flowStore, initial]);

  return initial;
}
