/**
 * The inspector's Transitions section: where each output of the selected widget leads, as Studio's own
 * Transitions tab shows it, one select per output (the ports of the card, in the same order and with the same
 * labels). It is the keyboard's way to connect and disconnect widgets; dragging on the canvas does the same.
 * Every change is one undo step (the store's connectPort / disconnectPort).
 */
import { useId, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useEditor, useEditorApi } from '../store/react';
import { TRIGGER_TYPE } from '../model/commands';
import { findWidget } from '../model/graph';
import { labelledPorts } from '../schema/ports';

const NOT_CONNECTED = '';

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
            <select
              id={selectId}
              className="select-input"
              value={next}
              aria-describedby={`${id}-help`}
              aria-invalid={missing || undefined}
              onChange={(event) => {
                const to = event.currentTarget.value;
                const state = store.getState();
                if (to === NOT_CONNECTED) state.disconnectPort(name, port.id);
                else state.connectPort(name, port.id, to);
              }}
            >
              <option value={NOT_CONNECTED}>Not connected</option>
              {missing && <option value={next}>{next} (does not exist)</option>}
              {options}
            </select>
          </div>
        );
      })}
    </section>
  );
}
