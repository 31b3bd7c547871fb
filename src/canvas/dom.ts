/** DOM helpers of the canvas. */

/** The card element of a widget (React Flow's node wrapper), if it is rendered. */
export function nodeElement(root: ParentNode, name: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(name)}"]`);
}

/**
 * Moves keyboard focus to a widget's card once React has rendered it (after a rename its id is new, after an add
 * it did not exist yet). Tries for a few frames, then gives up quietly.
 */
export function focusNodeSoon(root: ParentNode, name: string, attempts = 5): void {
  requestAnimationFrame(() => {
    const element = nodeElement(root, name);
    if (element) element.focus({ preventScroll: true });
    else if (attempts > 1) focusNodeSoon(root, name, attempts - 1);
  });
}

/**
 * The duration of a viewport animation (centring, fit view, zoom): `ms`, or 0 when the user asked the system for
 * reduced motion — the view then jumps, as WCAG 2.3.3 suggests.
 */
export function motionDuration(ms: number): number {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : ms;
}
