import { useState, type ReactNode } from 'react';

/** A key of an object or an index of an array, from the root. */
export type JsonPath = readonly (string | number)[];

export interface JsonTreeProps {
  /** Accessible name of the tree. */
  label: string;
  value: unknown;
  /** Choosing a value (click, Enter or Space on it): its path from the root. */
  onPick?: (path: JsonPath, value: unknown) => void;
  /** What a value's button says to assistive technology besides the value ("Copy … as Liquid"). */
  pickLabel?: (path: JsonPath) => string;
  /** Levels open at first (deeper ones start collapsed). */
  openDepth?: number;
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

function preview(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? `[${value.length}]` : `{${Object.keys(value).length}}`;
}

/** Longest text shown of one value (the whole of it is in the tooltip). */
const MAX_SHOWN = 200;
/** Children shown per container before "… N more" (a context can hold big arrays). */
const MAX_CHILDREN = 500;

function Node({
  name,
  value,
  path,
  depth,
  props,
}: {
  name: string | null;
  value: unknown;
  path: JsonPath;
  depth: number;
  props: JsonTreeProps;
}): ReactNode {
  const [open, setOpen] = useState(depth < (props.openDepth ?? 1));
  const [showAll, setShowAll] = useState(false);
  const keyText = name === null ? null : <span className="json-tree-key">{name}: </span>;
  if (!isContainer(value)) {
    const text = preview(value);
    const shown = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
    return (
      <li role="treeitem" aria-level={depth + 1} aria-selected={false}>
        {keyText}
        {props.onPick ? (
          <button
            type="button"
            className={`json-tree-value json-tree-${value === null ? 'null' : typeof value}`}
            title={text}
            aria-label={props.pickLabel ? `${props.pickLabel(path)}: ${shown}` : undefined}
            onClick={() => props.onPick?.(path, value)}
          >
            {shown}
          </button>
        ) : (
          <span
            className={`json-tree-value json-tree-${value === null ? 'null' : typeof value}`}
            title={text}
          >
            {shown}
          </span>
        )}
      </li>
    );
  }
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  const visible = showAll ? entries : entries.slice(0, MAX_CHILDREN);
  return (
    <li role="treeitem" aria-level={depth + 1} aria-expanded={open} aria-selected={false}>
      <button
        type="button"
        className="json-tree-toggle"
        onClick={() => setOpen(!open)}
        aria-label={`${open ? 'Collapse' : 'Expand'} ${name ?? props.label}`}
      >
        <span aria-hidden="true">{open ? '▾' : '▸'}</span>
      </button>
      {keyText ?? <span className="json-tree-key">{props.label} </span>}
      <span className="json-tree-summary">{preview(value)}</span>
      {open && (
        <ul role="group">
          {visible.map(([k, v]) => (
            <Node
              key={String(k)}
              name={String(k)}
              value={v}
              path={[...path, k]}
              depth={depth + 1}
              props={props}
            />
          ))}
          {!showAll && entries.length > MAX_CHILDREN && (
            <li role="none">
              <button type="button" className="button button-small" onClick={() => setShowAll(true)}>
                … {entries.length - MAX_CHILDREN} more
              </button>
            </li>
          )}
        </ul>
      )}
    </li>
  );
}

/**
 * A collapsible tree of a JSON value (an execution's context): containers open and close, every leaf value is a
 * button when `onPick` is given. Text only, never HTML: user values are shown as they are.
 */
export function JsonTree(props: JsonTreeProps) {
  return (
    <ul className="json-tree" role="tree" aria-label={props.label}>
      <Node name={null} value={props.value} path={[]} depth={0} props={props} />
    </ul>
  );
}
