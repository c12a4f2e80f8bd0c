import type { IvrDropoutNode, IvrDropoutReport } from '@cc1357/contracts';

/**
 * Where callers give up in the IVR, from the call events alone (pure). A call counts for the
 * day it arrived (its earliest event in `[start, end)`); it "entered the IVR" when it has an
 * `ivr.step`, "reached an outcome" when it has `ivr.finished`, and "left in the IVR" when it
 * ended (`call.ended`) without one — counted against the last node it reached.
 */
export interface IvrEventFact {
  callId: string;
  type: string;
  at: Date | string;
  data: Record<string, unknown>;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const time = (at: Date | string) => (at instanceof Date ? at.getTime() : Date.parse(at));

function promptTextOf(data: Record<string, unknown>): string | null {
  const prompts = Array.isArray(data.prompts) ? data.prompts : [];
  const texts = prompts
    .map((p) => (p && typeof p === 'object' ? str((p as Record<string, unknown>).text) : null))
    .filter((t): t is string => t !== null);
  return texts.length ? texts.join(' ') : null;
}

/** Steps in the order they ran: by time, then by the step's `seq` when two share a millisecond. */
function orderSteps(steps: IvrEventFact[]): IvrEventFact[] {
  return [...steps].sort((a, b) => time(a.at) - time(b.at) || Number(a.data.seq ?? 0) - Number(b.data.seq ?? 0));
}

export function ivrDropoutOf(
  date: string,
  window: { start: Date; end: Date },
  events: readonly IvrEventFact[],
): IvrDropoutReport {
  const byCall = new Map<string, IvrEventFact[]>();
  for (const e of events) {
    const list = byCall.get(e.callId);
    if (list) list.push(e);
    else byCall.set(e.callId, [e]);
  }
  const report: IvrDropoutReport = {
    date,
    enteredIvr: 0,
    leftInIvr: 0,
    reachedOutcome: 0,
    stillInIvr: 0,
    outcomes: {},
    byLastNode: [],
  };
  const nodes = new Map<string, IvrDropoutNode>();
  for (const list of byCall.values()) {
    const first = Math.min(...list.map((e) => time(e.at)));
    if (!(first >= window.start.getTime() && first < window.end.getTime())) continue;
    const steps = orderSteps(list.filter((e) => e.type === 'ivr.step' && str(e.data.nodeId)));
    if (steps.length === 0) continue;
    report.enteredIvr++;
    const finished = list.find((e) => e.type === 'ivr.finished');
    if (finished) {
      report.reachedOutcome++;
      const outcome = finished.data.outcome as Record<string, unknown> | undefined;
      const kind = str(outcome?.kind) ?? 'unknown';
      report.outcomes[kind] = (report.outcomes[kind] ?? 0) + 1;
      continue;
    }
    if (!list.some((e) => e.type === 'call.ended')) {
      report.stillInIvr++;
      continue;
    }
    report.leftInIvr++;
    const last = steps.at(-1)!;
    const nodeId = str(last.data.nodeId)!;
    const entry = nodes.get(nodeId) ?? {
      nodeId,
      flow: str(last.data.flow),
      nodeType: str(last.data.nodeType),
      promptText: null,
      calls: 0,
    };
    entry.calls++;
    // The prompt is the one the node plays; a later step of the same node may be the one that carried it.
    entry.promptText ??=
      promptTextOf(last.data) ??
      steps
        .filter((s) => s.data.nodeId === nodeId)
        .map((s) => promptTextOf(s.data))
        .find((t) => t !== null) ??
      null;
    nodes.set(nodeId, entry);
  }
  report.byLastNode = [...nodes.values()].sort((a, b) => b.calls - a.calls || a.nodeId.localeCompare(b.nodeId));
  return report;
}
