import type { SmsMessageDto } from '@cc1357/contracts';
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api';
import { inFlight } from './sms-model';

/**
 * The messages sent to a number (GET /api/sms?callerNumber=), polled every `intervalMs` while
 * one is still queued or sent, so the counselor sees "delivered" without reloading.
 */
export function useSmsHistory(api: ApiClient, number: string | null, intervalMs = 1500): { messages: SmsMessageDto[]; refresh: () => void } {
  const [messages, setMessages] = useState<SmsMessageDto[]>([]);
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    if (!number) return;
    let live = true;
    api.smsOf(number).then(
      (list) => live && setMessages(list),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, number, tick]);
  const polling = inFlight(messages);
  useEffect(() => {
    if (!polling) return;
    const id = setTimeout(refresh, intervalMs);
    return () => clearTimeout(id);
  }, [polling, messages, intervalMs, refresh]);
  return { messages, refresh };
}
