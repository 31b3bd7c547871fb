/**
 * An edge of the diff canvas: the editor's port edge (bezier, label as halo'd SVG text) coloured by its change
 * (diff.css, by the edge's `de-<kind>` class; removed ones dashed), not interactive. Its arrowhead has the edge's
 * colour (diffMapping.ts); zoomed out the label and the dashes go, and at the smallest zoom the arrowhead too.
 */
import { getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo, useContext } from 'react';
import { DetailContext } from './context';
import type { DiffFlowEdge } from './diffMapping';
import { EdgeLabel } from './PortEdge';

function DiffEdgeView(props: EdgeProps<DiffFlowEdge>) {
  const { id, label, markerEnd } = props;
  const detail = useContext(DetailContext);
  const [path, labelX, labelY] = getBezierPath(props);
  return (
    <>
      <path
        id={id}
        // Zoomed out, removed connections are drawn solid: a dash pattern at 5 % zoom is thousands of sub-pixel
        // dashes per edge, which made panning a large diff raster-bound (20 fps instead of 60).
        className={detail === 'near' ? 'react-flow__edge-path' : 'react-flow__edge-path de-far'}
        d={path}
        markerEnd={detail === 'tiny' ? undefined : markerEnd}
        fill="none"
      />
      {detail === 'near' && <EdgeLabel label={label} x={labelX} y={labelY} />}
    </>
  );
}

export const DiffEdge = memo(DiffEdgeView);
