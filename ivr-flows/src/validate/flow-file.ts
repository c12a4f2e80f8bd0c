import { z } from 'zod';
import { ID_PATTERN, type Finding, type YamlPath } from '../schema/common';
import type { FlowDefinition } from '../runner/types';
import type { FlowNode } from '../nodes/node-types';
import { NODE_TYPES, unitOf } from '../nodes/registry';

const FlowHeader = z.strictObject({
  flow: z.string().regex(ID_PATTERN, 'flow id must be lower-case letters, digits, - or _'),
  entry: z.string(),
  description: z.string().optional(),
  nodes: z.record(z.string(), z.unknown()),
});

/** zod issues → findings at the field they are about (unknown keys point at the key itself). */
export function zodFindings(error: z.ZodError, at: YamlPath, what: string): Finding[] {
  return error.issues.map((issue) => {
    const path = [...at, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys;
      return {
        path: [...path, keys[0] ?? ''],
        message: `${what}: unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => `'${k}'`).join(', ')}`,
      };
    }
    const field = issue.path.join('.');
    if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) {
      return { path, message: `${what}: missing field '${field}'` };
    }
    return { path, message: `${what}: ${field ? `'${field}' ` : ''}${issue.message}` };
  });
}

/** Parses one flow document: header, then each node against its own type's schema. */
export function parseFlowData(data: unknown): { flow: FlowDefinition | null; findings: Finding[] } {
  const header = FlowHeader.safeParse(data);
  if (!header.success) {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      return {
        flow: null,
        findings: [{ path: [], message: 'a flow file must be a mapping with flow, entry and nodes' }],
      };
    }
    return { flow: null, findings: zodFindings(header.error, [], 'flow') };
  }
  const findings: Finding[] = [];
  const nodes: Record<string, FlowNode> = {};
  for (const [id, raw] of Object.entries(header.data.nodes)) {
    const at = ['nodes', id];
    if (!ID_PATTERN.test(id)) {
      findings.push({
        path: at,
        message: `bad node id '${id}' (lower-case letters, digits, - or _, starting with a letter)`,
      });
      continue;
    }
    const type = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { type?: unknown }).type : undefined;
    if (type === undefined) {
      findings.push({ path: at, message: `node '${id}' has no type` });
      continue;
    }
    const unit = typeof type === 'string' ? unitOf(type) : undefined;
    if (!unit) {
      findings.push({
        path: [...at, 'type'],
        message: `node '${id}': unknown node type '${String(type)}' (known: ${NODE_TYPES.join(', ')})`,
      });
      continue;
    }
    const parsed = unit.schema.safeParse(raw);
    if (!parsed.success) {
      findings.push(...zodFindings(parsed.error, at, `node '${id}'`));
      continue;
    }
    const node = parsed.data as FlowNode;
    findings.push(...(unit.check?.(node, { nodeId: id, at }) ?? []));
    nodes[id] = node;
  }
  const flow: FlowDefinition = { id: header.data.flow, entry: header.data.entry, nodes };
  if (header.data.description !== undefined) flow.description = header.data.description;
  return { flow, findings };
}
