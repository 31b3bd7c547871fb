/**
 * The edge of a connected port: one bezier path, a wider invisible path to make it easy to click, and its
 * label as SVG text (a white halo drawn with `paint-order`, so no measured background box and no extra
 * elements). Zoomed out (level of detail `far` or `tiny`) only the path is drawn.
 */
import { getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo, useContext } from 'react';
import { DetailContext } from './context';
import type { PortFlowEdge } from './mapping';

/** An edge's label, as SVG text at `x`, `y` (nothing for an edge without one). */
export function EdgeLabel({ label, x, y }: { label: EdgeProps['label']; x: number; y: number }) {
  if (typeof label !== 'string' || label === '') return null;
  return (
    <text className="pe-label" x={x} y={y}>
      {label}
    </text>
  );
}

function PortEdgeView(props: EdgeProps<PortFlowEdge>) {
  const { id, label, markerEnd, interactionWidth } = props;
  const far = useContext(DetailContext) !== 'near';
  // React Flow's own bezier, from the edge's ends and sides.
  const [path, labelX, labelY] = getBezierPath(props);
  return (
    <>
      <path id={id} className="react-flow__edge-path" d={path} markerEnd={markerEnd} fill="none" />
      {!far && (
        <path
          className="react-flow__edge-interaction"
          d={path}
          fill="none"
          strokeOpacity={0}
          strokeWidth={interactionWidth ?? 16}
        />
      )}
      {!far && <EdgeLabel label={label} x={labelX} y={labelY} />}
    </>
  );
}

export const PortEdge = memo(PortEdgeView);
