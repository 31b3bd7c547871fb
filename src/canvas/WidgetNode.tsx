/**
 * The one node component: every widget type's card, driven by the data mapping made from the registry.
 *
 * Kept to a few DOM elements (the canvas shows up to 2,000 of them): the card is React Flow's own node element
 * (no wrapper of ours), the category colour and icon are CSS on it, the name, type and summary are one element
 * each, and each port is a single React Flow handle carrying its label. Zoomed out (lod.ts) the card is a coloured
 * block with its name, then without. The card's size and port boxes come from mapping's geometry at every level,
 * so crossing a threshold moves no edge.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useContext, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { formatCounts } from '../store/problemSummary';
import { useEditor, useEditorApi } from '../store/react';
import { DetailContext, useCanvasUi, useCanvasUiApi } from './context';
import { CardPorts } from './CardPorts';
import { focusNodeSoon } from './dom';
import type { WidgetNodeData } from './cards';
import type { WidgetFlowNode } from './mapping';

const MAX_LISTED_PROBLEMS = 6;

function ProblemList({ id, name }: { id: string; name: string }) {
  // Read only while the tooltip is open: cards do not subscribe to the problems list.
  const problems = useEditor((s) => s.problems);
  const mine = problems.filter((p) => p.widget === name);
  const shown = mine.slice(0, MAX_LISTED_PROBLEMS);
  return (
    <div id={id} role="tooltip" className="wn-tip">
      <ul>
        {shown.map((p, i) => (
          <li key={i} className={`sev-text-${p.severity}`}>
            {p.message}
          </li>
        ))}
      </ul>
      {mine.length > shown.length && <p className="muted">and {mine.length - shown.length} more</p>}
    </div>
  );
}

function ProblemBadge({ name, counts }: { name: string; counts: NonNullable<WidgetNodeData['problems']> }) {
  const [open, setOpen] = useState(false);
  const tipId = useId();
  const severity = counts.error > 0 ? 'error' : counts.warning > 0 ? 'warning' : 'info';
  const total = counts.error + counts.warning + counts.info;
  return (
    <>
      <button
        type="button"
        className={`wn-badge wn-badge-${severity} nodrag`}
        aria-label={formatCounts(counts)}
        aria-describedby={open ? tipId : undefined}
        onMouseEnter={() => setOpen(true)}
        onMouseLeave={() => setOpen(false)}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && open) {
            event.stopPropagation();
            setOpen(false);
          }
        }}
      >
        {total}
      </button>
      {open && <ProblemList id={tipId} name={name} />}
    </>
  );
}

function RenameField({ name }: { name: string }) {
  const editor = useEditorApi();
  const ui = useCanvasUiApi();
  const [value, setValue] = useState(name);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const closing = useRef(false);
  const errorId = useId();

  useEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    input.focus({ preventScroll: true });
    input.select();
  }, []);

  /** Tries the new name; true when the field may close. */
  const tryRename = (): { ok: true; name: string } | { ok: false; reason: string } => {
    const next = value.trim();
    if (next === name) return { ok: true, name };
    const result = editor.getState().renameWidget(name, next);
    if (!result.ok) return result;
    editor.getState().announce(`Renamed ${name} to ${next}.`);
    return { ok: true, name: next };
  };

  const close = (focusName: string | null) => {
    closing.current = true;
    const root = inputRef.current?.closest('.react-flow');
    ui.getState().stopRename();
    if (root && focusName !== null) focusNodeSoon(root, focusName);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // The canvas and React Flow must not act on keys typed into the name.
    event.stopPropagation();
    if (event.key === 'Enter') {
      event.preventDefault();
      const result = tryRename();
      if (result.ok) close(result.name);
      else setError(result.reason);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close(name);
    }
  };

  return (
    <>
      <input
        ref={inputRef}
        className="wn-rename nodrag nopan nowheel"
        aria-label="Widget name"
        aria-invalid={error !== null}
        aria-describedby={error !== null ? errorId : undefined}
        value={value}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => {
          setValue(event.currentTarget.value);
          if (error !== null) setError(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          // Clicking away keeps a valid new name and drops a refused one, as Escape would.
          if (closing.current) return;
          tryRename();
          close(null);
        }}
      />
      {error !== null && (
        <p id={errorId} role="alert" className="wn-rename-error">
          {error}
        </p>
      )}
    </>
  );
}

function WidgetNodeView({ id, data }: NodeProps<WidgetFlowNode>) {
  const detail = useContext(DetailContext);
  const renaming = useCanvasUi((s) => s.renaming === id);
  const ui = useCanvasUiApi();

  const input = data.trigger ? null : <Handle type="target" position={Position.Top} className="wn-in" />;
  if (detail !== 'near') {
    return (
      <>
        {input}
        <div className="wn-far">{detail === 'far' ? data.name : null}</div>
        <CardPorts ports={data.ports} far />
      </>
    );
  }
  return (
    <>
      {input}
      <div className="wn-head">
        {renaming ? (
          <RenameField name={data.name} />
        ) : (
          <span
            className="wn-name"
            title={data.name}
            onDoubleClick={(event) => {
              event.stopPropagation();
              ui.getState().startRename(id);
            }}
          >
            {data.name}
          </span>
        )}
        {data.problems && <ProblemBadge name={data.name} counts={data.problems} />}
      </div>
      <div className="wn-type">
        {data.initial && !data.trigger ? `${data.typeTitle} · initial state` : data.typeTitle}
      </div>
      <div className="wn-sum" title={data.summary || undefined}>
        {data.summary}
      </div>
      <CardPorts ports={data.ports} far={false} />
    </>
  );
}

/**
 * React Flow renders a node again whenever it moves (its position props change on every frame of a drag); the
 * card only depends on its data and id, so it skips those renders.
 */
export const WidgetNode = memo(
  WidgetNodeView,
  (prev, next) => prev.data === next.data && prev.id === next.id,
);
