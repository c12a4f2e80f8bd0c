import { z } from 'zod';
import { IsoInstant } from '../vocabulary/time';

/** The IVR flow set as admins see it: pushed by telephony on every hot reload. */

/* ---------- the flow set as a diagram (socket `ivr.flowSet.v1`, supervisors and admins) ---------- */

export const IvrFlowEdgeV1 = z.object({
  /** Why the caller takes this edge: `next`, a digit `1`, `then`, `else`, `onFail`, `call` … */
  label: z.string(),
  /** Target node id (node ids are unique across the set). */
  to: z.string(),
});
export type IvrFlowEdgeV1 = z.infer<typeof IvrFlowEdgeV1>;

export const IvrFlowNodeV1 = z.object({
  id: z.string(),
  type: z.string(),
  label: z.string().optional(),
  prompts: z.array(z.object({ id: z.string(), text: z.string() })),
  edges: z.array(IvrFlowEdgeV1),
  /** Node-specific facts worth showing (queue, partner, check, var, …). */
  detail: z.record(z.string(), z.unknown()).default({}),
});
export type IvrFlowNodeV1 = z.infer<typeof IvrFlowNodeV1>;

export const IvrFlowProblemV1 = z.object({ file: z.string(), line: z.number().int(), message: z.string() });
export type IvrFlowProblemV1 = z.infer<typeof IvrFlowProblemV1>;

export const IvrFlowSetV1 = z.object({
  /** Version in force (content hash); calls start with it. */
  version: z.string(),
  loadedAt: IsoInstant,
  entryFlow: z.string(),
  flows: z.array(
    z.object({ id: z.string(), entry: z.string(), description: z.string().optional(), nodes: z.array(IvrFlowNodeV1) }),
  ),
  /** Problems of the last edit; empty when the version in force is the latest edit. */
  problems: z.array(IvrFlowProblemV1),
  /** When the last edit was rejected: when, and the rejected files' hash (the old version stays in force). */
  rejectedVersion: z.object({ at: IsoInstant, version: z.string().nullable() }).optional(),
});
export type IvrFlowSetV1 = z.infer<typeof IvrFlowSetV1>;
