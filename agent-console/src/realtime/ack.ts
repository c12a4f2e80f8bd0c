import { CommandErrorV1, type CommandAck } from '@cc1357/contracts';

/**
 * Turns whatever came back for a command (an ack, a timeout, garbage) into a CommandAck,
 * so call-control failures always reach the counselor as a message.
 */
export function normalizeAck(command: string, timeoutError: unknown, ack: unknown): CommandAck {
  if (timeoutError) {
    return { ok: false, error: { command, code: 'UNAVAILABLE', message: '전화 서버가 응답하지 않습니다' } };
  }
  if (ack && typeof ack === 'object' && (ack as { ok?: unknown }).ok === true) return { ok: true };
  if (ack && typeof ack === 'object' && (ack as { ok?: unknown }).ok === false) {
    const parsed = CommandErrorV1.safeParse((ack as { error?: unknown }).error);
    if (parsed.success) return { ok: false, error: parsed.data };
  }
  return { ok: false, error: { command, code: 'INTERNAL', message: '전화 서버의 응답을 이해할 수 없습니다' } };
}

export function disconnectedAck(command: string): CommandAck {
  return { ok: false, error: { command, code: 'UNAVAILABLE', message: '전화 서버에 연결되어 있지 않습니다' } };
}
