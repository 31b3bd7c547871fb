/**
 * What the restore boundary said about an opened flow (see `InputNote` in src/io/restore.ts: a number a double cannot
 * hold, a file that was not UTF-8), kept with the document as problems for as long as they are true.
 *
 * A note about a value is anchored to the widget by name and to the value itself: it follows the widget when other
 * widgets are added, removed or reordered, and it goes away once the value is edited (the user has seen and
 * changed it) or the widget is gone. A note about the whole input stays until another flow is opened.
 *
 * Pure: no React, no DOM.
 */
import type { InputNote } from '../io';
import type { FlowDefinition, Problem } from '../model/types';

export interface NoteAnchor {
  note: InputNote;
  /** The widget the pointer is inside (by name), or null for flow-level values and whole-input notes. */
  widget: string | null;
  /** The pointer below the widget (`/properties/id`), or the whole pointer when `widget` is null. */
  rest: string;
  /** The value at the pointer when the flow was opened; absent for whole-input notes. */
  value?: unknown;
}

function tokens(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(root: unknown, pointer: string): unknown {
  let current = root;
  for (const token of tokens(pointer)) {
    if (Array.isArray(current)) current = (current as unknown[])[Number(token)];
    else if (typeof current === 'object' && current !== null && Object.hasOwn(current, token)) {
      current = (current as Record<string, unknown>)[token];
    } else return undefined;
  }
  return current;
}

const STATE_POINTER = /^\/states\/(\d+)(\/.*)?$/;

/** Anchors the notes of a flow that is being opened to its definition. */
export function anchorNotes(
  definition: FlowDefinition,
  notes: readonly InputNote[] | undefined,
): NoteAnchor[] {
  if (!notes || notes.length === 0) return [];
  return notes.map((note) => {
    if (note.pointer === '' && note.code === 'input.encoding') return { note, widget: null, rest: '' };
    const match = STATE_POINTER.exec(note.pointer);
    const state = match ? definition.states[Number(match[1])] : undefined;
    const value = valueAt(definition, note.pointer);
    if (match && state) return { note, widget: state.name, rest: match[2] ?? '', value };
    return { note, widget: null, rest: note.pointer, value };
  });
}

/** The notes still true of `definition`, as problems with current pointers. */
export function noteProblems(definition: FlowDefinition | null, anchors: readonly NoteAnchor[]): Problem[] {
  if (!definition || anchors.length === 0) return [];
  let index: Map<string, number> | null = null;
  const out: Problem[] = [];
  for (const anchor of anchors) {
    const { note } = anchor;
    let pointer = anchor.rest;
    if (anchor.widget !== null) {
      index ??= new Map(definition.states.map((w, i) => [w.name, i] as const).reverse());
      const at = index.get(anchor.widget);
      if (at === undefined) continue;
      pointer = `/states/${at}${anchor.rest}`;
    }
    if ('value' in anchor && !Object.is(valueAt(definition, pointer), anchor.value)) continue;
    const problem: Problem = { severity: note.severity, code: note.code, message: note.message, pointer };
    if (anchor.widget !== null) problem.widget = anchor.widget;
    out.push(problem);
  }
  return out;
}
