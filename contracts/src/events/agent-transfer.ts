import { z } from 'zod';
import { CategoryCode, PartnerId, QueueId } from '../vocabulary/center';
import { IsoInstant } from '../vocabulary/time';

/**
 * A counselor's transfer of a connected call (issue 12 §2): to a queue (the caller waits with
 * music and the ACD offers the call again) or to a named counselor who is Ready (offered to them
 * only; unanswered, the caller goes back to the call's queue — never dropped). The transfer
 * carries what the first counselor knows, so the caller never explains twice: the notes so far,
 * the category and the consultation draft the console keeps.
 *
 * A transfer the server refuses (unknown or not-Ready target, a call no longer connected) comes
 * back as the command's error with the caller kept as they were. The same command again for a
 * call already transferred by this counselor to the same target is answered ok and changes nothing.
 */

export const TransferTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('queue'), queue: QueueId }).strict(),
  z.object({ kind: z.literal('agent'), agentId: z.string().min(1).max(100) }).strict(),
]);
export type TransferTarget = z.infer<typeof TransferTarget>;

/** The most a draft may weigh once serialised (it travels in Redis and on every pop of the call). */
export const TRANSFER_DRAFT_MAX_BYTES = 16_384;

/** The consultation form's fields as typed so far (field name → text), size-limited. */
export const TransferDraft = z
  .record(z.string().min(1).max(60), z.string().max(8_000).nullable())
  .refine((d) => Object.keys(d).length <= 40, 'at most 40 fields')
  .refine(
    (d) => new TextEncoder().encode(JSON.stringify(d)).length <= TRANSFER_DRAFT_MAX_BYTES,
    `at most ${TRANSFER_DRAFT_MAX_BYTES} bytes`,
  );
export type TransferDraft = z.infer<typeof TransferDraft>;

export const TransferContext = z
  .object({
    /** What the first counselor wants the next one to know (free text). */
    notes: z.string().max(2_000).default(''),
    category: CategoryCode.nullable().default(null),
    draft: TransferDraft.nullable().default(null),
  })
  .strict();
export type TransferContext = z.infer<typeof TransferContext>;

/** `call.transfer.v1`: `blind` hands the call over at once; `attended` starts a consult with the target counselor. */
export const CallTransferCommandV1 = z
  .object({
    callId: z.string().min(1).max(100),
    target: TransferTarget,
    mode: z.enum(['blind', 'attended']).default('blind'),
    context: TransferContext.default({ notes: '', category: null, draft: null }),
  })
  .strict();
export type CallTransferCommandV1 = z.input<typeof CallTransferCommandV1>;

/** `call.transferTargets.v1` (command): the console asks whom it may transfer the call to. */
export const TransferTargetsCommandV1 = z.object({ callId: z.string().min(1).max(100) }).strict();

/** The answer, pushed to the asking console: every queue and the counselors Ready right now. */
export const TransferTargetsV1 = z.object({
  callId: z.string(),
  at: IsoInstant,
  queues: z.array(QueueId),
  agents: z.array(z.object({ agentId: z.string(), displayName: z.string(), skills: z.array(z.string()) })),
});
export type TransferTargetsV1 = z.infer<typeof TransferTargetsV1>;

/** What the receiving counselor's offer carries of the transfer (on `call.offered.v1`). */
export const TransferInfo = z.object({
  fromAgentId: z.string(),
  fromName: z.string(),
  at: IsoInstant,
  mode: z.enum(['blind', 'attended']),
  target: TransferTarget,
  notes: z.string(),
  category: CategoryCode.nullable(),
  draft: TransferDraft.nullable(),
});
export type TransferInfo = z.infer<typeof TransferInfo>;

/* ---------- attended transfer: the consult ---------- */

/**
 * `call.consult.complete.v1` / `.cancel.v1` / `.swap.v1` / `.conference.v1`: the first counselor's
 * buttons during a consult. In a conference, complete = the counselor leaves (the caller and the
 * target go on), cancel = the target leaves (the caller and the counselor go on).
 */
export const CallConsultCommandV1 = z.object({ callId: z.string().min(1).max(100) }).strict();

/**
 * The consult of an attended transfer as the first counselor's console shows it: the target
 * ringing or talking, and whom the counselor is talking to (`with`); `consult: null` when it is
 * over (completed, cancelled or failed — then the caller is back with the counselor).
 */
export const CallConsultV1 = z.object({
  callId: z.string(),
  consult: z
    .object({
      agentId: z.string(),
      phase: z.enum(['ringing', 'talking']),
      /** `all`: a three-way conference (caller, counselor and target in one bridge). */
      with: z.enum(['target', 'caller', 'all']),
      /**
       * An attended relay (`call.relay.v1` with `mode: 'attended'`): the partner center dialled
       * (then `agentId` is `partner:<id>`, never a counselor's). Absent for a counselor.
       */
      partner: PartnerId.optional(),
    })
    .nullable(),
  /**
   * With `consult: null`, why the consult ended without a transfer: the counselor's console
   * says so (a partner that did not answer or refused is a clear message, the caller is back).
   */
  ended: z
    .object({
      reason: z.enum(['noAnswer', 'rejected', 'failed', 'hangup', 'cancelled']),
      partner: PartnerId.optional(),
    })
    .optional(),
});
export type CallConsultV1 = z.infer<typeof CallConsultV1>;
