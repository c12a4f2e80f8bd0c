import type { IvrFlow } from './flow-model';

/**
 * A layered layout of one IVR flow for the diagram, read left to right like a call: the entry
 * in the first column, each node one column right of the first node that reaches it (BFS),
 * nodes in a column ordered by where their parents sit (so edges cross less) and placed level
 * with them when there is room. A menu with ten keys makes a tall column, which the page
 * scrolls, rather than a canvas wider than any screen. Edges to another flow end in a small
 * "go to" node. Loops back (re-prompts) are marked `back` and drawn as dashed curves below.
 * Pure and deterministic: same flow, same picture (and a table test).
 */

export const NODE_W = 180;
export const NODE_H = 64;
const GAP_X = 64;
const GAP_Y = 14;
const PAD = 16;

export interface LaidNode {
  id: string;
  /** Another flow's node this flow jumps to (drawn small, links to that flow). */
  external: boolean;
  layer: number;
  x: number;
  y: number;
}

export interface LaidEdge {
  from: string;
  to: string;
  label: string;
  /** Goes to the same or an earlier layer (a loop such as a re-prompt). */
  back: boolean;
}

export interface FlowLayout {
  nodes: LaidNode[];
  edges: LaidEdge[];
  width: number;
  height: number;
}

export function layoutFlow(flow: IvrFlow): FlowLayout {
  const own = new Map(flow.nodes.map((n) => [n.id, n]));
  const layer = new Map<string, number>();
  const order: string[] = [];
  const start = own.has(flow.entry) ? flow.entry : flow.nodes[0]?.id;
  const queue: string[] = start ? [start] : [];
  if (start) layer.set(start, 0);
  while (queue.length > 0) {
    const id = queue.shift()!;
    order.push(id);
    const node = own.get(id);
    if (!node) continue; // external targets are leaves
    for (const e of node.edges) {
      if (layer.has(e.to)) continue;
      layer.set(e.to, layer.get(id)! + 1);
      queue.push(e.to);
    }
  }
  // Nodes no path reaches (kept so the diagram shows everything the file holds): one layer below the rest.
  const deepest = Math.max(0, ...layer.values());
  for (const n of flow.nodes) {
    if (!layer.has(n.id)) {
      layer.set(n.id, deepest + 1);
      order.push(n.id);
    }
  }

  const layers: string[][] = [];
  for (const id of order) (layers[layer.get(id)!] ??= []).push(id);

  const parentsOf = new Map<string, string[]>();
  for (const n of flow.nodes) for (const e of n.edges) if (layer.get(e.to)! > layer.get(n.id)!) (parentsOf.get(e.to) ?? parentsOf.set(e.to, []).get(e.to)!).push(n.id);

  const slot = new Map<string, number>();
  layers.forEach((ids, depth) => {
    if (depth > 0) {
      const bary = (id: string) => {
        const ps = (parentsOf.get(id) ?? []).map((p) => slot.get(p) ?? 0);
        return ps.length === 0 ? Number.MAX_SAFE_INTEGER : ps.reduce((a, b) => a + b, 0) / ps.length;
      };
      // Stable: equal barycentres keep BFS (= edge) order, so digits stay 1, 2, 3 … left to right.
      ids.sort((a, b) => bary(a) - bary(b));
    }
    ids.forEach((id, i) => slot.set(id, i));
  });

  // Each node level with its parents' average when the column has room, never overlapping.
  const yOf = new Map<string, number>();
  const nodes: LaidNode[] = [];
  layers.forEach((ids, depth) => {
    let next = PAD;
    for (const id of ids) {
      const ps = (parentsOf.get(id) ?? []).map((p) => yOf.get(p)).filter((y): y is number => y !== undefined);
      const wanted = ps.length === 0 ? PAD : ps.reduce((a, b) => a + b, 0) / ps.length;
      const y = Math.max(next, wanted);
      yOf.set(id, y);
      next = y + NODE_H + GAP_Y;
      nodes.push({ id, external: !own.has(id), layer: depth, x: PAD + depth * (NODE_W + GAP_X), y });
    }
  });
  const width = PAD * 2 + layers.length * NODE_W + (layers.length - 1) * GAP_X;
  const height = Math.max(...nodes.map((n) => n.y + NODE_H), NODE_H) + PAD + 40; // room for loops drawn below
  const edges: LaidEdge[] = flow.nodes.flatMap((n) => n.edges.map((e) => ({ from: n.id, to: e.to, label: e.label, back: layer.get(e.to)! <= layer.get(n.id)! })));
  return { nodes, edges, width, height };
}

/** Text cut to fit a line of the node box (Hangul is wide: ~14 per line at 12px in 190px). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
