import { useTranslation } from 'react-i18next';
import { isKeyLabel, type IvrFlow } from './flow-model';
import { clip, layoutFlow, NODE_H, NODE_W, type LaidNode } from './flow-layout';

/**
 * The flow as a diagram: a box per node (type, id, the first prompt), arrows labelled with the
 * key or outcome, drop-out badges. Hidden from screen readers: the table below says the same.
 */
export function FlowDiagram({ flow, dropouts = new Map(), onOpenFlow }: { flow: IvrFlow; dropouts?: ReadonlyMap<string, number>; onOpenFlow?: (nodeId: string) => void }) {
  const { t } = useTranslation();
  const layout = layoutFlow(flow);
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  const nodeOf = new Map(flow.nodes.map((n) => [n.id, n]));
  const box = (n: LaidNode) => ({ left: n.x + (n.external ? 16 : 0), right: n.x + (n.external ? NODE_W - 16 : NODE_W), mid: n.y + (n.external ? NODE_H / 4 : NODE_H / 2), bottom: n.y + (n.external ? NODE_H / 2 : NODE_H), cx: n.x + NODE_W / 2 });
  return (
    <figure className="chart flow-diagram" aria-label={t('ivr.diagram')}>
      <figcaption>{t('ivr.diagram')}</figcaption>
      <div className="diagram-scroll" aria-hidden="true">
        <svg width={layout.width} height={layout.height} data-testid="ivr-diagram" role="presentation">
          <defs>
            <marker id={`arrow-${flow.id}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill="#5b6577" />
            </marker>
          </defs>
          {layout.edges.map((e, i) => {
            const a = byId.get(e.from);
            const b = byId.get(e.to);
            if (!a || !b) return null;
            const from = box(a);
            const to = box(b);
            const self = e.from === e.to;
            // Forward: right side to left side. Back (a loop to an earlier or the same column): under the boxes.
            const path = self
              ? `M ${from.cx - 30} ${from.bottom} C ${from.cx - 40} ${from.bottom + 34}, ${from.cx + 40} ${from.bottom + 34}, ${from.cx + 30} ${from.bottom}`
              : e.back
                ? `M ${from.cx} ${from.bottom} C ${from.cx} ${from.bottom + 40}, ${to.cx} ${to.bottom + 40}, ${to.cx + 12} ${to.bottom}`
                : `M ${from.right} ${from.mid} C ${from.right + 36} ${from.mid}, ${to.left - 36} ${to.mid}, ${to.left} ${to.mid}`;
            // Labels sit just before the target: a menu's ten keys fan out instead of piling up at the menu.
            const lx = self ? from.cx : e.back ? (from.cx + to.cx) / 2 : to.left - 28;
            const ly = self ? from.bottom + 26 : e.back ? Math.max(from.bottom, to.bottom) + 30 : to.mid;
            const key = isKeyLabel(e.label);
            return (
              <g key={`${e.from}-${e.to}-${e.label}-${i}`} className={`edge ${e.back ? 'edge-back' : ''}`} data-edge={`${e.from}->${e.to}`}>
                <path d={path} fill="none" stroke={e.back ? '#9aa3b2' : '#5b6577'} strokeDasharray={e.back ? '4 3' : undefined} markerEnd={`url(#arrow-${flow.id})`} />
                <rect x={lx - (key ? 10 : 24)} y={ly - 9} width={key ? 20 : 48} height={18} rx={4} fill={key ? '#1f4fb8' : '#ffffff'} stroke={key ? 'none' : '#d9dee8'} />
                <text x={lx} y={ly + 4} fontSize={11} textAnchor="middle" fill={key ? '#ffffff' : '#1b2333'} fontWeight={key ? 700 : 400}>
                  {clip(e.label, 7)}
                </text>
              </g>
            );
          })}
          {layout.nodes.map((n) => {
            const node = nodeOf.get(n.id);
            const left = dropouts.get(n.id) ?? 0;
            if (!node) {
              return (
                <g key={n.id} data-diagram-node={n.id} className="node-external" onClick={() => onOpenFlow?.(n.id)} style={{ cursor: onOpenFlow ? 'pointer' : undefined }}>
                  <rect x={n.x + 16} y={n.y} width={NODE_W - 32} height={NODE_H / 2} rx={16} fill="#f3f5f9" stroke="#9aa3b2" strokeDasharray="4 3" />
                  <text x={n.x + NODE_W / 2} y={n.y + 21} fontSize={12} textAnchor="middle" fill="#1b2333">
                    → {clip(n.id, 16)}
                  </text>
                </g>
              );
            }
            // What the caller hears; for silent nodes (conditions, sub-flows) what the node checks or does.
            const prompt = node.prompts[0]?.text ?? node.label ?? detailLine(node.detail);
            const entry = n.id === flow.entry;
            return (
              <g key={n.id} data-diagram-node={n.id}>
                <rect x={n.x} y={n.y} width={NODE_W} height={NODE_H} rx={8} fill="#ffffff" stroke={entry ? '#1f4fb8' : left > 0 ? '#b3261e' : '#9aa3b2'} strokeWidth={entry || left > 0 ? 2 : 1} />
                <rect x={n.x} y={n.y} width={NODE_W} height={20} rx={8} fill={entry ? '#1f4fb8' : '#e8edf6'} />
                <text x={n.x + 8} y={n.y + 14} fontSize={11} fontWeight={700} fill={entry ? '#ffffff' : '#1b2333'}>
                  {clip(`${node.type} · ${n.id}`, 25)}
                </text>
                <text x={n.x + 8} y={n.y + 35} fontSize={11.5} fill="#1b2333">
                  {clip(prompt, 15)}
                </text>
                <text x={n.x + 8} y={n.y + 51} fontSize={11.5} fill="#1b2333">
                  {prompt.length > 15 ? clip(prompt.slice(14), left > 0 ? 9 : 15) : ''}
                </text>
                {left > 0 ? (
                  <text x={n.x + NODE_W - 8} y={n.y + NODE_H - 8} fontSize={11} textAnchor="end" fill="#b3261e" fontWeight={700}>
                    {t('ivr.dropout.badge', { count: left })}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
      </div>
    </figure>
  );
}

function detailLine(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
}
