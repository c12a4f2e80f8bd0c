import type { Finding } from '../schema/common';
import type { FlowDefinition } from '../runner/types';
import { unitOf } from '../nodes/registry';
import type { Edge } from '../nodes/unit';
import { nearMiss } from './near-miss';

export function edgesOf(flow: FlowDefinition, id: string): Edge[] {
  const node = flow.nodes[id];
  const unit = node ? unitOf(node.type) : undefined;
  return node && unit ? unit.edges(node) : [];
}

/**
 * Graph checks inside one flow: unknown targets, unreachable nodes, loops that never wait for
 * the caller. `known` lists every node id that parsed (including ones that failed their own
 * checks), so a node with a typo does not also make its targets "unreachable".
 */
export function checkFlowGraph(flow: FlowDefinition, declared: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  const ids = Object.keys(flow.nodes);
  if (!declared.has(flow.entry)) {
    findings.push({ path: ['entry'], message: `entry '${flow.entry}' is not a node of flow '${flow.id}'` });
  }
  const unknown: Array<{ id: string; target: string; label: string; path: Finding['path'] }> = [];
  for (const id of ids) {
    for (const edge of edgesOf(flow, id)) {
      if (!declared.has(edge.target))
        unknown.push({ id, target: edge.target, label: edge.label, path: ['nodes', id, ...edge.path] });
    }
  }

  // Reachability from the entry.
  const seen = reachableFrom(flow, declared.has(flow.entry) ? [flow.entry] : []);
  // Skipped when a node failed to parse: its edges are unknown, so the answer would be wrong.
  const roots =
    declared.has(flow.entry) && declared.size === ids.length
      ? unreachableRoots(
          flow,
          [...declared].filter((id) => !seen.has(id)),
        )
      : [];

  // Root cause first: a mistyped target names the node it most likely meant, and that node
  // (with everything only it leads to) is not reported again as unreachable.
  const explained = new Set<string>();
  for (const u of unknown) {
    const meant = nearMiss(u.target, declared);
    if (meant && roots.some((r) => r.id === meant)) explained.add(meant);
    findings.push({
      path: u.path,
      message: `node '${u.id}': unknown target '${u.target}' (${u.label})${meant ? ` — did you mean '${meant}'?` : ''}`,
    });
  }
  for (const root of roots) {
    if (explained.has(root.id)) continue;
    const behind =
      root.behind.length === 0
        ? ''
        : `, and so ${root.behind.length === 1 ? 'is the node' : 'are the nodes'} after it: ${listIds(root.behind)}`;
    findings.push({
      path: ['nodes', root.id],
      message: `node '${root.id}' is unreachable from entry '${flow.entry}'${behind}`,
      ...(unknown.length > 0 ? { followOn: true } : {}),
    });
  }

  // Loops made only of nodes that never wait for input would spin forever.
  const passive = (id: string) => {
    const node = flow.nodes[id];
    return node !== undefined && unitOf(node.type)?.waitsForInput === false;
  };
  const state = new Map<string, 'open' | 'done'>();
  const reported = new Set<string>();
  const stack: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 'open');
    stack.push(id);
    for (const e of edgesOf(flow, id)) {
      if (!passive(e.target)) continue;
      const s = state.get(e.target);
      if (s === 'open') {
        const cycle = [...stack.slice(stack.indexOf(e.target)), e.target];
        const key = [...cycle].sort().join(',');
        if (!reported.has(key)) {
          reported.add(key);
          findings.push({ path: ['nodes', e.target], message: `loop with no input: ${cycle.join(' → ')}` });
        }
      } else if (s === undefined) visit(e.target);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of ids) if (passive(id) && !state.has(id)) visit(id);
  return findings;
}

function reachableFrom(flow: FlowDefinition, starts: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...starts];
  while (todo.length) {
    const id = todo.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of edgesOf(flow, id)) if (!seen.has(e.target)) todo.push(e.target);
  }
  return seen;
}

/**
 * The unreachable nodes worth naming: those no other unreachable node leads to (one per
 * orphaned loop), each with the unreachable nodes behind it. One cut-off branch is one
 * message, not one per node.
 */
function unreachableRoots(flow: FlowDefinition, unreachable: string[]): Array<{ id: string; behind: string[] }> {
  const cut = new Set(unreachable);
  const entered = new Set(
    unreachable.flatMap((id) =>
      edgesOf(flow, id)
        .map((e) => e.target)
        .filter((t) => t !== id && cut.has(t)),
    ),
  );
  const candidates = [...unreachable.filter((id) => !entered.has(id)), ...unreachable.filter((id) => entered.has(id))];
  const covered = new Set<string>();
  const roots: Array<{ id: string; behind: string[] }> = [];
  for (const id of candidates) {
    if (covered.has(id)) continue;
    const behind = [...reachableFrom(flow, [id])].filter(
      (other) => other !== id && cut.has(other) && !covered.has(other),
    );
    covered.add(id);
    behind.forEach((other) => covered.add(other));
    roots.push({ id, behind: unreachable.filter((other) => behind.includes(other)) });
  }
  return roots;
}

function listIds(ids: string[]): string {
  const shown = ids
    .slice(0, 4)
    .map((id) => `'${id}'`)
    .join(', ');
  return ids.length > 4 ? `${shown} and ${ids.length - 4} more` : shown;
}
