import { useEffect } from 'react';
import { useRealtime } from '../../realtime';
import type { DeskState } from '../desk/desk-state';
import { wrapUpSync } from './wrap-up-model';

/**
 * Tells telephony what the write-up needs (hold / release, decided by `wrapUpSync`). Sent again
 * with each new agent snapshot until telephony's state shows it took effect (both are idempotent),
 * so a command lost to a reconnect is repeated by the welcome's snapshot.
 */
export function useWrapUpSync(desk: DeskState): void {
  const rt = useRealtime();
  const sync = wrapUpSync(desk);
  const send = sync?.send ?? null;
  const callId = sync?.callId ?? null;
  const agent = desk.agent;
  useEffect(() => {
    if (!send || !callId) return;
    // Errors arrive as command.error.v1 too; a hold that lost the race with the deadline is dropped there.
    void rt.command(send, { callId });
  }, [rt, send, callId, agent]);
}
