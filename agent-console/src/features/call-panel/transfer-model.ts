import {
  CategoryCode,
  TRANSFER_DRAFT_MAX_BYTES,
  type QueueId,
  type TransferContext,
  type TransferTarget,
} from '@cc1357/contracts';
import type { ConsultationDraft } from '../consultation/draft';
import { CONSULTATION_FIELD_NAMES } from '../consultation/fields';

/**
 * What a transfer carries, as data: the target picked in the dialog and the context built from
 * the counselor's notes and the consultation draft the console keeps. The limits are the
 * contract's, so telephony never has to refuse what the dialog sends.
 */

export const NOTES_MAX = 2_000;
const FIELD_MAX = 8_000;

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

/** The draft's non-blank fields (no idempotency key), cut until the whole fits the contract's size. */
export function draftFieldsOf(draft: ConsultationDraft | null): Record<string, string> | null {
  if (!draft) return null;
  const fields: Record<string, string> = {};
  for (const name of CONSULTATION_FIELD_NAMES) {
    const value = String(draft[name] ?? '').trim();
    if (value) fields[name] = value.slice(0, FIELD_MAX);
  }
  if (Object.keys(fields).length === 0) return null;
  // Too big: halve the longest field until it fits (the summary, in practice).
  while (bytes(fields) > TRANSFER_DRAFT_MAX_BYTES) {
    const longest = Object.keys(fields).reduce((a, b) => (fields[a]!.length >= fields[b]!.length ? a : b));
    fields[longest] = fields[longest]!.slice(0, Math.floor(fields[longest]!.length / 2));
  }
  return fields;
}

export function transferContextOf(draft: ConsultationDraft | null, notes: string): TransferContext {
  const category = CategoryCode.safeParse(draft?.category);
  return {
    notes: notes.trim().slice(0, NOTES_MAX),
    category: category.success ? category.data : null,
    draft: draftFieldsOf(draft),
  };
}

/** A target as the value of a radio button, and back. */
export function targetKey(target: TransferTarget): string {
  return target.kind === 'queue' ? `queue:${target.queue}` : `agent:${target.agentId}`;
}

export function targetOfKey(key: string, queues: readonly QueueId[]): TransferTarget | null {
  const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  if (kind === 'queue') {
    const queue = queues.find((q) => q === id);
    return queue ? { kind: 'queue', queue } : null;
  }
  return kind === 'agent' && id ? { kind: 'agent', agentId: id } : null;
}
