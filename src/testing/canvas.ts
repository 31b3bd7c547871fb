/**
 * Test support for the canvas's pure parts (Node only): checks on the SVG images, and the cards of a React Flow
 * mapping as the pure card modules give them.
 */
import { expect } from 'vitest';
import { diffFlows } from '../diff';
import type { DiffMapInput } from '../canvas/diffMapping';
import type { FlowDefinition } from '../model/types';

/** A rough well-formedness check: every tag closes in order, and no raw `<`/`&` is left in text. */
export function assertWellFormed(xml: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  let match: RegExpExecArray | null;
  while ((match = tag.exec(xml)) !== null) {
    const between = xml.slice(last, match.index);
    expect(between).not.toMatch(/[<>]/);
    expect(between).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
    last = match.index + match[0].length;
    const [, closing, name, , selfClosing] = match;
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) stack.push(name ?? '');
  }
  expect(xml.slice(last).trim()).toBe('');
  expect(stack).toEqual([]);
}

/** What a card of the images holds, from a React Flow node of the canvas. */
export function cardOfNode<D>(node: {
  id: string;
  position: unknown;
  width?: number;
  height?: number;
  data: D;
}) {
  return { id: node.id, position: node.position, width: node.width, height: node.height, data: node.data };
}

/** The input of the diff canvas comparing `base` with `changed`: layout changes hidden, nothing selected. */
export function diffInput(
  base: FlowDefinition,
  changed: FlowDefinition,
  overrides: Partial<DiffMapInput> = {},
): DiffMapInput {
  return {
    diff: diffFlows(base, changed),
    base,
    changed,
    includeLayout: false,
    selectedId: null,
    positions: null,
    ...overrides,
  };
}
