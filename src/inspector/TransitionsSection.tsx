/**
 * The inspector's Transitions section: where each output of the selected widget leads, as Studio's own
 * Transitions tab shows it, one select per output (the ports of the card, in the same order and with the same
 * labels). It is the keyboard's way to connect and disconnect widgets; dragging on the canvas does the same.
 * Every change is one undo step (the store's connectPort / disconnectPort).
 */
import { useId, useMemo, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { useShallow } from 'zustand/react/shallow';
import { useEditor, useEditorApi } from '../store/react';
import { TRIGGER_TYPE } from '../model/commands';
import { findWidget } from '../model/graph';
import { labelledPorts } from '../schema/ports';

const NOT_CONNECTED = '';

/**
 * From this many widgets to choose from, a select holds only its current choice until it is first used (focused,
 * pressed or typed into), and every widget from then on. Each select of a large flow would otherwise be a DOM
 * option per widget, made again at each selection: 1,000 widgets with four outputs were 4,000 options, about half
 * a second of the main thread after a press on a card (a drag that began with that press lost frames to it).
 */
export const ALL_OPTIONS_UP_TO = 200;

export function TransitionsSection({ name }: { name: string }) {
  const id = useId();
  const store = useEditorApi();
  const widget = useEditor((s) => (s.definition ? findWidget(s.definition, name) : undefined));
  // Every widget an output can lead to (not the Trigger: it has no input), in the flow's order.
  const targets = useEditor(
    useShallow((s) => (s.definition?.states ?? []).filter((w) => w.type !== TRIGGER_TYPE).map((w) => w.name)),
  );
  // One list of option elements shared by every select of the section (a flow may have 2,000 widgets).
  const options = useMemo(
    () =>
      targets.map((target) => (
        <option key={target} value={target}>
          {target}
        </option>
      )),
    [targets],
  );
  const known = useMemo(() => new Set(targets), [targets]);
  if (!widget) return null;
  const ports = labelledPorts(widget);
  if (ports.length === 0) return null;
  const onDemand = targets.length > ALL_OPTIONS_UP_TO;

  return (
    <section className="form-section transitions-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="form-section-title">
        Transitions
      </h3>
      <p id={`${id}-help`} className="field-help">
        Where each output leads. The same as dragging from its port on the canvas.
      </p>
      {ports.map((port) => {
        const selectId = `${id}-${port.id}`;
        const next = port.next ?? NOT_CONNECTED;
        const missing = next !== NOT_CONNECTED && !known.has(next);
        return (
          <div key={port.id} className="field transition-field">
            <label htmlFor={selectId} className="field-label">
              {port.label}
            </label>
            <TargetSelect
              // Made afresh for another widget: its options wait for their own first use.
              key={name}
              id={selectId}
              describedBy={`${id}-help`}
              value={next}
              missing={missing}
              options={options}
              onDemand={onDemand}
              onChoose={(to) => {
                const state = store.getState();
                if (to === NOT_CONNECTED) state.disconnectPort(name, port.id);
                else state.connectPort(name, port.id, to);
              }}
            />
          </div>
        );
      })}
    </section>
  );
}

interface TargetSelectProps {
  id: string;
  describedBy: string;
  /** The widget the output leads to, or NOT_CONNECTED. */
  value: string;
  /** The output leads to a widget that does not exist. */
  missing: boolean;
  /** An option per widget it may lead to. */
  options: readonly ReactNode[];
  /** Hold only the current choice until first used (see ALL_OPTIONS_UP_TO). */
  onDemand: boolean;
  onChoose: (to: string) => void;
}

/**
 * One output's select. On demand, the options are made in the same event that first uses the select (focus, pointer
 * down, key down), before the browser handles it: a press opens the list with every widget in it, and a key typed
 * while it is focused finds its widget, as in any select.
 */
function TargetSelect({ id, describedBy, value, missing, options, onDemand, onChoose }: TargetSelectProps) {
  const [used, setUsed] = useState(false);
  const all = used || !onDemand;
  const use = () => {
    if (!all) flushSync(() => setUsed(true));
  };
  return (
    <select
      id={id}
      className="select-input"
      value={value}
      aria-describedby={describedBy}
      aria-invalid={missing || undefined}
      onFocus={use}
      onPointerDown={use}
      onKeyDown={use}
      onChange={(event) => onChoose(event.currentTarget.value)}
    >
      <option value={NOT_CONNECTED}>Not connected</option>
      {missing && <option value={value}>{value} (does not exist)</option>}
      {all ? options : value !== NOT_CONNECTED && !missing && <option value={value}>{value}</option>}
    </select>
  );
}
