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
 * Takes a press on a card drawn on the far canvas away from React Flow: no pan (preventDefault also stops the mouse
 * events d3-zoom listens to), no selection box, and the click that ends the press does not reach the pane either
 * (a pane click clears the selection). `container` is where the press was caught, in the capture phase.
 */
export function takePress(
  event: { preventDefault(): void; stopPropagation(): void },
  container: HTMLElement,
): void {
  event.preventDefault();
  event.stopPropagation();
  const swallowClick = (click: MouseEvent) => {
    click.stopPropagation();
    container.removeEventListener('click', swallowClick, true);
  };
  container.addEventListener('click', swallowClick, true);
  // A press that ends in no click (released elsewhere): the listener must not swallow a later one.
  setTimeout(() => container.removeEventListener('click', swallowClick, true), 1000);
}

/**
 * The duration of a viewport animation (centring, fit view, zoom): `ms`, or 0 when the user asked the system for
 * reduced motion — the view then jumps, as WCAG 2.3.3 suggests.
 */
export function motionDuration(ms: number): number {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : ms;
}
