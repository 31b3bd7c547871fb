/**
 * The ports of a card (the editor's and the diff canvas's), each a React Flow handle placed where mapping's
 * geometry says (React Flow measures them there when the card first renders, and mapping gave it the same boxes
 * before). Zoomed out they stay, without labels. A `removed` port (diff canvas: an output only the base has) is
 * struck through.
 */
import { Handle, Position } from '@xyflow/react';
import { portRect } from '../layout/cardGeometry';
import type { PortView } from './cards';

export function CardPorts({
  ports,
  far,
  connectable = true,
}: {
  ports: readonly (PortView & { removed?: boolean })[];
  far: boolean;
  /** False on the read-only diff canvas. */
  connectable?: boolean;
}) {
  return ports.map((port, i) => {
    const rect = portRect(i, ports.length);
    const removed = port.removed === true;
    let className = port.connected ? 'wn-port is-connected' : 'wn-port';
    if (removed) className += ' dn-port-removed';
    return (
      <Handle
        key={port.id}
        id={port.id}
        type="source"
        position={Position.Bottom}
        isConnectable={connectable}
        className={className}
        style={{ left: rect.left, top: rect.top, width: rect.width }}
        title={far ? undefined : removed ? `${port.label} (removed)` : port.label}
      >
        {far ? null : port.label}
      </Handle>
    );
  });
}
