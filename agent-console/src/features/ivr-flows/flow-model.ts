import type { IvrDropoutReport, IvrFlowSetV1 } from '@cc1357/contracts';

/**
 * The IVR flow set as supervisors read it: which version is in force, whether the last edit was
 * rejected (and why, by file and line), and each flow's nodes with the key that leads where.
 */

export type IvrFlow = IvrFlowSetV1['flows'][number];
export type IvrNode = IvrFlow['nodes'][number];

export interface FlowSetView {
  /** Short form of the content hash, enough to tell versions apart on screen. */
  version: string;
  loadedAt: string;
  entryFlow: string;
  /** The last edit failed validation: the version in force is older than the files. */
  rejected: boolean;
  rejectedAt: string | null;
  problems: IvrFlowSetV1['problems'];
  flows: IvrFlow[];
}

export function flowSetView(set: IvrFlowSetV1): FlowSetView {
  // The entry flow first, the rest by id: the order a caller meets them.
  const flows = [...set.flows].sort(
    (a, b) => Number(b.id === set.entryFlow) - Number(a.id === set.entryFlow) || a.id.localeCompare(b.id),
  );
  return {
    version: set.version.slice(0, 8),
    loadedAt: set.loadedAt,
    entryFlow: set.entryFlow,
    rejected: set.problems.length > 0 || set.rejectedVersion !== undefined,
    rejectedAt: set.rejectedVersion?.at ?? null,
    problems: set.problems,
    flows,
  };
}

/** A flow's nodes with its entry node first, the others in file order. */
export function orderedNodes(flow: IvrFlow): IvrNode[] {
  const entry = flow.nodes.find((n) => n.id === flow.entry);
  return entry ? [entry, ...flow.nodes.filter((n) => n !== entry)] : flow.nodes;
}

/** Edge labels that are keypad digits read as keys; the others are named transitions. */
export function isKeyLabel(label: string): boolean {
  return /^[0-9*#]$/.test(label);
}

/** Calls that hung up at each node today (node ids are unique across the set). */
export function dropoutsByNode(report: IvrDropoutReport | null): Map<string, number> {
  const out = new Map<string, number>();
  for (const node of report?.byLastNode ?? []) out.set(node.nodeId, (out.get(node.nodeId) ?? 0) + node.calls);
  return out;
}

/** Share of callers who entered the IVR and left it without an outcome, null before any call. */
export function dropoutRate(report: IvrDropoutReport): number | null {
  return report.enteredIvr > 0 ? report.leftInIvr / report.enteredIvr : null;
}
