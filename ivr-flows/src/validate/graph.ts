import type { Finding } from '../schema/common';
import type { FlowDefinition } from '../runner/types';
import { unitOf } from '../nodes/registry';
import type { Edge } from '../nodes/unit';

export function edgesOf(flow: FlowDefinition, id: string): Edge[] {
  const node = flow.nodes[id];
  const unit = node ? unitOf(node.type) : undefined;
  return node && unit ? unit.edges(node as never) : [];
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
  for (const id of ids) {
    for (const edge of edgesOf(flow, id)) {
      if (!declared.has(edge.target)) {
        findings.push({ path: ['nodes', id, ...edge.path], message: `node '${id}': unknown target '${edge.target}' (${edge.label})` });
      }
    }
  }

  // Reachability from the entry.
  const seen = new Set<string>();
  const todo = declared.has(flow.entry) ? [flow.entry] : [];
  while (todo.length) {
    const id = todo.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of edgesOf(flow, id)) if (!seen.has(e.target)) todo.push(e.target);
  }
  // Skipped when a node failed to parse: its edges are unknown, so the answer would be wrong.
  if (declared.has(flow.entry) && declared.size === ids.length) {
    for (const id of declared) {
      if (!seen.has(id)) findings.push({ path: ['nodes', id], message: `node '${id}' is unreachable from entry '${flow.entry}'` });
    }
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
