import type { SmsMessageDto } from '@cc1357/contracts';
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api';
import { useLoaded } from '../../lib/useLoaded';
import { inFlight } from './sms-model';

/** One empty list, so "nothing yet" does not restart the polling effect every render. */
const NONE: SmsMessageDto[] = [];

/**
 * The messages sent to a number (GET /api/sms?callerNumber=), polled every `intervalMs` while
 * one is still queued or sent, so the counselor sees "delivered" without reloading.
 */
export function useSmsHistory(
  api: ApiClient,
  number: string | null,
  intervalMs = 1500,
): { messages: SmsMessageDto[]; refresh: () => void } {
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  const loaded = useLoaded(() => (number ? api.smsOf(number) : null), [api, number, tick]);
  const messages = loaded.value ?? NONE;
  const polling = inFlight(messages);
  // Every answer schedules the next poll; a failed one too (it keeps the last list), so one
  // lost request does not stop the updates.
  useEffect(() => {
    if (!polling) return;
    const id = setTimeout(refresh, intervalMs);
    return () => clearTimeout(id);
  }, [polling, messages, loaded.error, intervalMs, refresh]);
  return { messages, refresh };
}
