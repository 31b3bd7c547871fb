/**
 * A card of the diff canvas: the editor's card (same classes, sizes and port boxes, see WidgetNode.tsx), read-only,
 * with the change it stands for: a colour (diff.css, by the node's `dn-<kind>` class), a badge saying it in words
 * ("Renamed"), the old name of a renamed widget in place of the summary, and removed outputs struck through.
 * Everything else a screen reader needs is on React Flow's node element (diffMapping.ts: name, `aria-description`,
 * `data-change`).
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useContext } from 'react';
import { DetailContext } from './context';
import { CardPorts } from './CardPorts';
import type { DiffFlowNode } from './diffMapping';

function DiffNodeView({ data }: NodeProps<DiffFlowNode>) {
  const detail = useContext(DetailContext);
  const input = data.trigger ? null : (
    <Handle type="target" position={Position.Top} className="wn-in" isConnectable={false} />
  );
  if (detail !== 'near') {
    return (
      <>
        {input}
        <div className="wn-far">{detail === 'far' ? data.name : null}</div>
        <CardPorts ports={data.ports} far connectable={false} />
      </>
    );
  }
  return (
    <>
      {input}
      <div className="wn-head">
        <span className="wn-name" title={data.name}>
          {data.name}
        </span>
        {data.badge !== null && (
          <span className="dn-badge" title={data.description}>
            {data.badge}
          </span>
        )}
      </div>
      <div className="wn-type">
        {data.initial && !data.trigger ? `${data.typeTitle} · initial state` : data.typeTitle}
      </div>
      {data.was !== null ? (
        <div className="wn-sum dn-was" title={`Renamed from ${data.was}`}>
          was {data.was}
        </div>
      ) : (
        <div className="wn-sum" title={data.summary || undefined}>
          {data.summary}
        </div>
      )}
      <CardPorts ports={data.ports} far={false} connectable={false} />
    </>
  );
}

/** Like the editor's card: renders again only when its data changes (not when React Flow moves it). */
export const DiffNode = memo(DiffNodeView, (prev, next) => prev.data === next.data && prev.id === next.id);
