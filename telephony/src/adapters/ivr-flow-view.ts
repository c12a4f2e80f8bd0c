import type { IvrFlowEdgeV1, IvrFlowNodeV1, IvrFlowProblemV1, IvrFlowSetV1 } from '@cc1357/contracts';
import type { CompiledFlow, FlowDefinition } from '@cc1357/ivr-flows';

/**
 * The flow set as admins see it (`ivr.flowSet.v1`): every node with its prompts (id + Korean
 * text) and its outgoing edges, so the console can draw the tree and show what a broken edit
 * got wrong. Pure: the compiled set in, the payload out.
 */
const EDGE_FIELDS = ['next', 'then', 'else', 'onFail'] as const;
const PROMPT_FIELDS = ['prompts', 'invalidPrompts', 'timeoutPrompts'] as const;
const NOT_DETAIL = new Set<string>(['type', 'label', 'options', 'flow', ...EDGE_FIELDS, ...PROMPT_FIELDS]);

function nodeView(id: string, raw: Record<string, unknown>, set: CompiledFlow): IvrFlowNodeV1 {
  const edges: IvrFlowEdgeV1[] = [];
  const options = raw.options && typeof raw.options === 'object' ? (raw.options as Record<string, unknown>) : {};
  for (const [digit, to] of Object.entries(options)) if (typeof to === 'string') edges.push({ label: digit, to });
  for (const field of EDGE_FIELDS)
    if (typeof raw[field] === 'string') edges.push({ label: field, to: raw[field] as string });
  if (raw.type === 'subflow' && typeof raw.flow === 'string') {
    const entry = set.flows[raw.flow]?.entry;
    if (entry) edges.push({ label: `call ${raw.flow}`, to: entry });
  }
  const ids = [
    ...new Set(
      PROMPT_FIELDS.flatMap((f) =>
        Array.isArray(raw[f]) ? (raw[f] as unknown[]).filter((p): p is string => typeof p === 'string') : [],
      ),
    ),
  ];
  const detail = Object.fromEntries(
    Object.entries(raw).filter(
      ([k, v]) => !NOT_DETAIL.has(k) && (v === null || ['string', 'number', 'boolean'].includes(typeof v)),
    ),
  );
  if (raw.type === 'subflow' && typeof raw.flow === 'string') detail.flow = raw.flow;
  return {
    id,
    type: String(raw.type ?? 'unknown'),
    ...(typeof raw.label === 'string' ? { label: raw.label } : {}),
    prompts: ids.map((p) => ({ id: p, text: set.prompts[p]?.text ?? '' })),
    edges,
    detail,
  };
}

function flowView(flow: FlowDefinition, set: CompiledFlow): IvrFlowSetV1['flows'][number] {
  return {
    id: flow.id,
    entry: flow.entry,
    ...(flow.description ? { description: flow.description } : {}),
    nodes: Object.entries(flow.nodes).map(([id, node]) =>
      nodeView(id, node as unknown as Record<string, unknown>, set),
    ),
  };
}

export function flowSetView(
  set: CompiledFlow,
  loadedAt: Date,
  problems: IvrFlowProblemV1[] = [],
  rejected: { at: Date; version: string | null } | null = null,
): IvrFlowSetV1 {
  return {
    version: set.version,
    loadedAt: loadedAt.toISOString(),
    entryFlow: set.entryFlow,
    flows: Object.values(set.flows).map((f) => flowView(f, set)),
    problems,
    ...(rejected ? { rejectedVersion: { at: rejected.at.toISOString(), version: rejected.version } } : {}),
  };
}
