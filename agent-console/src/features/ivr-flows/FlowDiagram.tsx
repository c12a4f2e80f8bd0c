import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isKeyLabel, type IvrFlow } from './flow-model';
import { edgePath, LABEL_FONT, LINE_H, layoutFlow, PAD_X, TEXT_FONT, TITLE_FONT, type LaidNode } from './flow-layout';

/**
 * The flow as a diagram: a box per node (type, id, what the caller hears), arrows labelled with
 * the key or outcome, drop-out badges. Fitted to the page width by default (the SVG scales by its
 * viewBox, never above its natural size); "actual size" shows it 1:1 with scrolling. Hidden
 * from screen readers: the table below says the same.
 */
export function FlowDiagram({
  flow,
  dropouts = new Map(),
  onOpenFlow,
}: {
  flow: IvrFlow;
  dropouts?: ReadonlyMap<string, number>;
  onOpenFlow?: (nodeId: string) => void;
}) {
  const { t } = useTranslation();
  const [fit, setFit] = useState(true);
  const layout = useMemo(
    () =>
      layoutFlow(flow, (id) =>
        (dropouts.get(id) ?? 0) > 0 ? t('ivr.dropout.badge', { count: dropouts.get(id) }) : null,
      ),
    [flow, dropouts, t],
  );
  const marker = `arrow-${flow.id}`;
  return (
    <figure className="chart flow-diagram" aria-label={t('ivr.diagram')}>
      <figcaption className="flow-diagram-head">
        <span>{t('ivr.diagram')}</span>
        <button
          type="button"
          className="btn btn-small"
          aria-pressed={!fit}
          onClick={() => setFit(!fit)}
          data-testid="diagram-zoom"
        >
          {fit ? t('ivr.actualSize') : t('ivr.fitToWidth')}
        </button>
      </figcaption>
      <div className={`diagram-scroll ${fit ? 'diagram-fit' : ''}`} aria-hidden="true">
        <svg
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          width={layout.width}
          height={layout.height}
          style={fit ? { width: '100%', maxWidth: layout.width, height: 'auto' } : undefined}
          data-testid="ivr-diagram"
          data-fit={fit ? 'width' : 'none'}
          role="presentation"
        >
          <defs>
            <marker
              id={marker}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" fill="#5b6577" />
            </marker>
          </defs>
          {layout.edges.map((e, i) => (
            <path
              key={`path-${e.from}-${e.to}-${e.label}-${i}`}
              className={`edge ${e.back ? 'edge-back' : ''}`}
              data-edge={`${e.from}->${e.to}`}
              d={edgePath(e.points)}
              fill="none"
              stroke={e.back ? '#9aa3b2' : '#5b6577'}
              strokeDasharray={e.back ? '4 3' : undefined}
              markerEnd={`url(#${marker})`}
            />
          ))}
          {layout.nodes.map((n) =>
            n.external ? (
              <ExternalNode key={n.id} node={n} onOpenFlow={onOpenFlow} />
            ) : (
              <NodeBox key={n.id} node={n} entry={n.id === flow.entry} />
            ),
          )}
          {/* Labels last, so no line is drawn across them. */}
          {layout.edges.map((e, i) => {
            const key = isKeyLabel(e.label);
            const { x, y, width, height } = e.labelBox;
            return (
              <g
                key={`label-${e.from}-${e.to}-${e.label}-${i}`}
                className="edge-label"
                data-edge-label={`${e.from}->${e.to}`}
              >
                <rect
                  x={x - width / 2}
                  y={y - height / 2}
                  width={width}
                  height={height}
                  rx={4}
                  fill={key ? '#1f4fb8' : '#ffffff'}
                  stroke={key ? 'none' : '#d9dee8'}
                />
                <text
                  x={x}
                  y={y + 4}
                  fontSize={LABEL_FONT}
                  textAnchor="middle"
                  fill={key ? '#ffffff' : '#1b2333'}
                  fontWeight={key ? 700 : 400}
                >
                  {e.label}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </figure>
  );
}

function ExternalNode({ node: n, onOpenFlow }: { node: LaidNode; onOpenFlow?: (nodeId: string) => void }) {
  return (
    <g
      data-diagram-node={n.id}
      className="node-external"
      onClick={() => onOpenFlow?.(n.id)}
      style={{ cursor: onOpenFlow ? 'pointer' : undefined }}
    >
      <rect
        x={n.x}
        y={n.y}
        width={n.width}
        height={n.height}
        rx={n.height / 2}
        fill="#f3f5f9"
        stroke="#9aa3b2"
        strokeDasharray="4 3"
      />
      <text x={n.x + n.width / 2} y={n.y + n.height / 2 + 4} fontSize={TEXT_FONT} textAnchor="middle" fill="#1b2333">
        {n.title[0]}
      </text>
    </g>
  );
}

function NodeBox({ node: n, entry }: { node: LaidNode; entry: boolean }) {
  const headH = n.title.length * LINE_H + 6;
  const alert = n.badge !== null;
  return (
    <g data-diagram-node={n.id} data-node-box={`${n.width}x${n.height}`}>
      {/* The whole text on hover when the box shows only its first lines. */}
      <title>{n.fullText}</title>
      <rect
        x={n.x}
        y={n.y}
        width={n.width}
        height={n.height}
        rx={8}
        fill="#ffffff"
        stroke={entry ? '#1f4fb8' : alert ? '#b3261e' : '#9aa3b2'}
        strokeWidth={entry || alert ? 2 : 1}
      />
      <path
        d={`M ${n.x} ${n.y + headH} V ${n.y + 8} a 8 8 0 0 1 8 -8 H ${n.x + n.width - 8} a 8 8 0 0 1 8 8 V ${n.y + headH} Z`}
        fill={entry ? '#1f4fb8' : '#e8edf6'}
      />
      {n.title.map((line, i) => (
        <text
          key={`t${i}`}
          className="node-title"
          x={n.x + PAD_X}
          y={n.y + 15 + i * LINE_H}
          fontSize={TITLE_FONT}
          fontWeight={700}
          fill={entry ? '#ffffff' : '#1b2333'}
        >
          {line}
        </text>
      ))}
      {n.lines.map((line, i) => (
        <text
          key={`l${i}`}
          className="node-line"
          x={n.x + PAD_X}
          y={n.y + headH + 15 + i * LINE_H}
          fontSize={TEXT_FONT}
          fill="#1b2333"
        >
          {line}
        </text>
      ))}
      {n.badge ? (
        <text
          x={n.x + n.width - PAD_X}
          y={n.y + n.height - 8}
          fontSize={TITLE_FONT}
          textAnchor="end"
          fill="#b3261e"
          fontWeight={700}
        >
          {n.badge}
        </text>
      ) : null}
    </g>
  );
}
