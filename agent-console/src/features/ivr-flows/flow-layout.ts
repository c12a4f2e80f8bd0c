import { Graph, layout } from '@dagrejs/dagre';
import { isKeyLabel, type IvrFlow, type IvrNode } from './flow-model';
import { textWidth, wrapText } from './text-fit';

/**
 * A layered layout of one IVR flow for the diagram, read left to right like a call, computed by
 * dagre (Sugiyama-style layering, crossing reduction and edge routing, @dagrejs/dagre) instead
 * of by hand. Every box is sized to its own text (wrapped between words, never cut inside one),
 * every edge label is a box dagre keeps clear of nodes and other labels, and each edge is routed
 * through dagre's bend points so a menu's fan-out does not pile up. Edges to another flow end
 * in a small "go to" node. Pure and deterministic: same flow, same picture (and table tests).
 */

export const TITLE_FONT = 11;
export const TEXT_FONT = 12;
export const LABEL_FONT = 11;
export const LINE_H = 16;
export const PAD_X = 8;
const TITLE_H = 22;
const MIN_W = 132;
const TEXT_MAX_W = 200;
/** A long prompt (the main menu reads out ten choices) shows its first lines; the tooltip and the table hold all of it. */
const MAX_PROMPT_LINES = 4;
const MARGIN = 12;

export interface Point {
  x: number;
  y: number;
}

export interface LaidNode {
  id: string;
  /** Another flow's node this flow jumps to (drawn small, links to that flow). */
  external: boolean;
  /** Top-left corner and size. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Header line(s): type and id. */
  title: string[];
  /** What the caller hears (or what a silent node checks), wrapped. */
  lines: string[];
  /** The whole text, for the tooltip when `lines` had to stop early. */
  fullText: string;
  /** Drop-out badge text, drawn on its own line. */
  badge: string | null;
}

export interface LaidEdge {
  from: string;
  to: string;
  label: string;
  /** Goes against the reading direction (a loop such as a re-prompt): drawn dashed. */
  back: boolean;
  points: Point[];
  /** The label's box (centre and size), placed by dagre clear of nodes. */
  labelBox: { x: number; y: number; width: number; height: number };
}

export interface FlowLayout {
  nodes: LaidNode[];
  edges: LaidEdge[];
  width: number;
  height: number;
}

/** What a node box says under its header: the first prompt, its label, or what it checks. */
export function nodeText(node: IvrNode): string {
  return node.prompts[0]?.text ?? node.label ?? detailLine(node.detail);
}

function detailLine(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
}

/** A box for one node, sized to its wrapped text. */
function boxOf(id: string, node: IvrNode | undefined, badge: string | null): Omit<LaidNode, 'x' | 'y'> {
  if (!node) {
    const title = [`→ ${id}`];
    return {
      id,
      external: true,
      width: Math.max(96, textWidth(title[0]!, TEXT_FONT) + 2 * PAD_X + 8),
      height: 28,
      title,
      lines: [],
      fullText: id,
      badge: null,
    };
  }
  const title = wrapText(`${node.type} · ${id}`, TITLE_FONT, TEXT_MAX_W).lines;
  const fullText = nodeText(node);
  const { lines } = wrapText(fullText, TEXT_FONT, TEXT_MAX_W, MAX_PROMPT_LINES);
  const widest = Math.max(
    ...title.map((l) => textWidth(l, TITLE_FONT, true)),
    ...lines.map((l) => textWidth(l, TEXT_FONT)),
    badge ? textWidth(badge, TITLE_FONT, true) : 0,
  );
  const width = Math.max(MIN_W, widest + 2 * PAD_X);
  const height =
    title.length * LINE_H + (TITLE_H - LINE_H) + Math.max(1, lines.length) * LINE_H + (badge ? LINE_H : 0) + 10;
  return { id, external: false, width, height, title, lines, fullText, badge };
}

/** The box an edge label needs: a digit is a small key cap, a named transition its whole word. */
export function labelSize(label: string): { width: number; height: number } {
  return { width: isKeyLabel(label) ? 20 : textWidth(label, LABEL_FONT) + 12, height: 18 };
}

export function layoutFlow(flow: IvrFlow, badgeOf: (nodeId: string) => string | null = () => null): FlowLayout {
  const own = new Map(flow.nodes.map((n) => [n.id, n]));
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 16, ranksep: 28, edgesep: 10, marginx: MARGIN, marginy: MARGIN });
  g.setDefaultEdgeLabel(() => ({}));

  // The entry first, then file order: dagre's initial order follows insertion.
  const entry = own.get(flow.entry);
  const ordered = entry ? [entry, ...flow.nodes.filter((n) => n !== entry)] : flow.nodes;
  const boxes = new Map<string, Omit<LaidNode, 'x' | 'y'>>();
  const add = (id: string) => {
    if (boxes.has(id)) return;
    const box = boxOf(id, own.get(id), own.has(id) ? badgeOf(id) : null);
    boxes.set(id, box);
    g.setNode(id, { width: box.width, height: box.height });
  };
  ordered.forEach((n) => add(n.id));
  const edges = ordered.flatMap((n) =>
    n.edges.map((e, i) => ({ from: n.id, to: e.to, label: e.label, name: `${i}:${e.label}` })),
  );
  for (const e of edges) {
    add(e.to);
    g.setEdge(e.from, e.to, { ...labelSize(e.label), labelpos: 'c' }, e.name);
  }
  layout(g);

  const nodes: LaidNode[] = [...boxes.values()].map((box) => {
    const at = g.node(box.id) as { x: number; y: number };
    return { ...box, x: at.x - box.width / 2, y: at.y - box.height / 2 };
  });
  const centreX = new Map(nodes.map((n) => [n.id, n.x + n.width / 2]));
  const laidEdges: LaidEdge[] = edges.map((e) => {
    const laid = g.edge(e.from, e.to, e.name) as {
      points: Point[];
      x: number;
      y: number;
      width: number;
      height: number;
    };
    return {
      from: e.from,
      to: e.to,
      label: e.label,
      back: centreX.get(e.to)! <= centreX.get(e.from)!,
      points: laid.points.map((p) => ({ x: p.x, y: p.y })),
      labelBox: { x: laid.x, y: laid.y, ...labelSize(e.label) },
    };
  });
  const size = g.graph() as { width?: number; height?: number };
  return { nodes, edges: laidEdges, width: Math.ceil(size.width ?? 0), height: Math.ceil(size.height ?? 0) };
}

/** A smooth SVG path through dagre's bend points (uniform B-spline, as d3's curveBasis draws it). */
export function edgePath(points: Point[]): string {
  if (points.length === 0) return '';
  const [first, ...rest] = points;
  if (rest.length === 0) return `M ${first!.x} ${first!.y}`;
  if (points.length === 2) return `M ${first!.x} ${first!.y} L ${rest[0]!.x} ${rest[0]!.y}`;
  const f = (n: number) => Math.round(n * 10) / 10;
  let d = `M ${f(first!.x)} ${f(first!.y)} L ${f((5 * points[0]!.x + points[1]!.x) / 6)} ${f((5 * points[0]!.y + points[1]!.y) / 6)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p0 = points[i - 1]!;
    const p1 = points[i]!;
    const p2 = points[i + 1]!;
    d += ` C ${f((2 * p0.x + p1.x) / 3)} ${f((2 * p0.y + p1.y) / 3)}, ${f((p0.x + 2 * p1.x) / 3)} ${f((p0.y + 2 * p1.y) / 3)}, ${f((p0.x + 4 * p1.x + p2.x) / 6)} ${f((p0.y + 4 * p1.y + p2.y) / 6)}`;
  }
  const a = points[points.length - 2]!;
  const b = points[points.length - 1]!;
  d += ` C ${f((2 * a.x + b.x) / 3)} ${f((2 * a.y + b.y) / 3)}, ${f((a.x + 2 * b.x) / 3)} ${f((a.y + 2 * b.y) / 3)}, ${f(b.x)} ${f(b.y)}`;
  return d;
}
