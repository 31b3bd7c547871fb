/**
 * The edge of a connected port: one bezier path, a wider invisible path to make it easy to click, and its
 * label as SVG text (a white halo drawn with `paint-order`, so no measured background box and no extra
 * elements). Zoomed out (level of detail `far` or `tiny`) only the path is drawn.
 */
import { getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo, useContext } from 'react';
import { DetailContext } from './context';
import type { PortFlowEdge } from './mapping';

function PortEdgeView({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  label,
  markerEnd,
  interactionWidth,
}: EdgeProps<PortFlowEdge>) {
  const far = useContext(DetailContext) !== 'near';
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    sourcePosition,
    targetX,
    targetY,
    targetPosition,
  });
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
      {!far && typeof label === 'string' && label !== '' && (
        <text className="pe-label" x={labelX} y={labelY}>
          {label}
        </text>
      )}
    </>
  );
}

export const PortEdge = memo(PortEdgeView);
