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
