import { z } from 'zod';

/**
 * IVR contracts beyond the call events: the flow set as admins see it (pushed by telephony on
 * every hot reload), the SMS self-service request telephony sends crm-api, and the IVR drop-out
 * report.
 */

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
  loadedAt: z.string(),
  entryFlow: z.string(),
  flows: z.array(z.object({ id: z.string(), entry: z.string(), description: z.string().optional(), nodes: z.array(IvrFlowNodeV1) })),
  /** Problems of the last edit; empty when the version in force is the latest edit. */
  problems: z.array(IvrFlowProblemV1),
  /** When the last edit was rejected: when, and the rejected files' hash (the old version stays in force). */
  rejectedVersion: z.object({ at: z.string(), version: z.string().nullable() }).optional(),
});
export type IvrFlowSetV1 = z.infer<typeof IvrFlowSetV1>;

/* ---------- SMS self-service (telephony → crm-api, service token) ---------- */

export const IVR_SMS_TOPICS = ['fund-notices', 'startup-programs', 'policy-calendar'] as const;
export const IvrSmsTopic = z.enum(IVR_SMS_TOPICS);
export type IvrSmsTopic = z.infer<typeof IvrSmsTopic>;

export const IvrSmsRequest = z.object({
  /** One SMS per call and topic: telephony uses `ivr-sms-<callId>`. */
  idempotencyKey: z.string().min(8).max(100),
  callId: z.string().min(1).max(100),
  /** Must be a Korean mobile number (01x…); others get 400 with code BAD_REQUEST and field `number`. */
  number: z.string().min(1).max(32),
  topic: IvrSmsTopic,
});
export type IvrSmsRequest = z.infer<typeof IvrSmsRequest>;

/* ---------- IVR drop-out report (GET /api/stats/ivr-dropout?date=YYYY-MM-DD) ---------- */

export const IvrDropoutNode = z.object({
  nodeId: z.string(),
  flow: z.string().nullable(),
  nodeType: z.string().nullable(),
  /** Prompt texts the caller heard at that node, when the step event carried them. */
  promptText: z.string().nullable(),
  /** Calls whose last IVR node was this one when they hung up. */
  calls: z.number().int(),
});
export type IvrDropoutNode = z.infer<typeof IvrDropoutNode>;

export const IvrDropoutReport = z.object({
  date: z.string(), // YYYY-MM-DD, Asia/Seoul; a call counts for the day it arrived
  /** Calls that ran at least one IVR step. */
  enteredIvr: z.number().int(),
  /** Of those, calls that ended in the IVR without an outcome (hung up mid-menu). */
  leftInIvr: z.number().int(),
  /** Calls whose IVR finished with an outcome (queue, transfer, callback, sms or a designed hang-up). */
  reachedOutcome: z.number().int(),
  /** Calls still in the IVR (no end yet) when the report was made. */
  stillInIvr: z.number().int(),
  outcomes: z.record(z.string(), z.number().int()),
  /** Where callers left, most first. */
  byLastNode: z.array(IvrDropoutNode),
});
export type IvrDropoutReport = z.infer<typeof IvrDropoutReport>;
