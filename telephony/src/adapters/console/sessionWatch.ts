import type { SessionRef } from '@cc1357/contracts';
import type { Logger } from 'pino';
import type { ConsoleServer } from './gateway';

/** Which of these sessions are over (crm-api knows); throws when it cannot tell. */
export interface SessionChecker {
  revoked(refs: SessionRef[]): Promise<SessionRef[]>;
}

/**
 * Ends the sockets of sessions that ended elsewhere (logout, deactivation): every `intervalMs`
 * of the wall clock it asks crm-api about all connected sessions in one request, tells each
 * revoked console (`session.revoked.v1`) and disconnects it. If crm-api cannot answer, sockets
 * stay (a crm-api restart must not drop every call desk) and the next round asks again.
 * Returns the stop function.
 */
export function watchSessions(io: ConsoleServer, checker: SessionChecker, intervalMs: number, log: Logger): () => void {
  let running = false;
  const round = async () => {
    if (running) return;
    running = true;
    try {
      const sockets = [...io.of('/').sockets.values()].filter((s) => s.data.claims?.ver !== undefined);
      if (sockets.length === 0) return;
      const refs = new Map<string, SessionRef>();
      for (const s of sockets)
        refs.set(`${s.data.claims.sub}:${s.data.claims.ver}`, { sub: s.data.claims.sub, ver: s.data.claims.ver! });
      const revoked = new Set((await checker.revoked([...refs.values()])).map((r) => `${r.sub}:${r.ver}`));
      for (const s of sockets) {
        if (!revoked.has(`${s.data.claims.sub}:${s.data.claims.ver}`)) continue;
        log.info({ user: s.data.claims.username }, 'session ended elsewhere: disconnecting its console');
        s.emit('session.revoked.v1', { reason: 'revoked' });
        s.disconnect(true);
      }
    } catch (err) {
      log.warn({ err: String(err) }, 'session check failed; connected consoles kept');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void round(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
