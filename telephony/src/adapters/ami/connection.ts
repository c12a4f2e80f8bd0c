import { createRequire } from 'node:module';
import type { Logger } from 'pino';
import type { AmiEvent } from './fallback-events';

/**
 * One AMI session over `asterisk-manager`, made safe for a long-running process (ARI-FACTS §12):
 * the library never reports a dead socket to pending actions and has no heartbeat, so every
 * action has its own timeout, a `Ping` every `pingMs` proves the session alive, and on any
 * close or silence the session is dropped and a new one opened (1 s, doubling up to 10 s).
 * List actions collect their rows up to the `…Complete` event.
 */

interface Manager {
  on(event: string, fn: (e: AmiEvent) => void): void;
  action(action: Record<string, unknown>, cb: (err: unknown, res: AmiEvent) => void): string;
  isConnected(): boolean;
  disconnect(): void;
  removeAllListeners(): void;
}
type ManagerFactory = (port: number, host: string, user: string, secret: string, events: boolean) => Manager;
const createManager = createRequire(import.meta.url)('asterisk-manager') as ManagerFactory;

export interface AmiOptions {
  host: string;
  port: number;
  username: string;
  secret: string;
  log: Logger;
  actionTimeoutMs?: number;
  pingMs?: number;
}

export interface AmiHandlers {
  onEvent(event: AmiEvent): void;
  /** After each (re)login: the place to read state that events alone do not give. */
  onConnected(): void;
}

export class AmiConnection {
  private manager: Manager | null = null;
  private connected = false;
  private closed = false;
  private backoffMs = 1_000;
  private retry: NodeJS.Timeout | null = null;
  private ping: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: AmiOptions,
    private readonly handlers: AmiHandlers,
  ) {}

  isConnected(): boolean {
    return this.connected;
  }

  /** Starts connecting; events flow once logged in. Never throws: failures retry. */
  start(): void {
    this.open();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.ping) clearInterval(this.ping);
    this.drop();
  }

  /** An action's response (rejects on `Response: Error` or after the timeout). */
  action(fields: Record<string, unknown>): Promise<AmiEvent> {
    const manager = this.manager;
    if (!manager || !this.connected) return Promise.reject(new Error('AMI is not connected'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`AMI ${String(fields.action)}: no response`)),
        this.options.actionTimeoutMs ?? 5_000,
      );
      manager.action(fields, (err, res) => {
        clearTimeout(timer);
        if (err) reject(new Error(`AMI ${String(fields.action)}: ${String((err as AmiEvent).message ?? 'error')}`));
        else resolve(res);
      });
    });
  }

  /** A list action's rows: the events carrying its ActionID, up to `completeEvent`. */
  list(fields: Record<string, unknown>, completeEvent: string): Promise<AmiEvent[]> {
    const manager = this.manager;
    if (!manager || !this.connected) return Promise.reject(new Error('AMI is not connected'));
    const actionId = `cc1357-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const rows: AmiEvent[] = [];
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => finish(new Error(`AMI ${String(fields.action)}: list did not complete`)),
        this.options.actionTimeoutMs ?? 5_000,
      );
      const onEvent = (e: AmiEvent) => {
        if (e.actionid !== actionId) return;
        if (String(e.event).toLowerCase() === completeEvent.toLowerCase()) finish();
        else rows.push(e);
      };
      const finish = (err?: Error) => {
        clearTimeout(timer);
        this.listeners.delete(onEvent);
        if (err) reject(err);
        else resolve(rows);
      };
      this.listeners.add(onEvent);
      manager.action({ ...fields, actionid: actionId }, (err) => {
        // "No contacts found" and friends answer Error with no rows: an empty list.
        if (err) finish();
      });
    });
  }

  private readonly listeners = new Set<(e: AmiEvent) => void>();

  private open(): void {
    if (this.closed) return;
    const { host, port, username, secret, log } = this.options;
    const manager = createManager(port, host, username, secret, true);
    this.manager = manager;
    manager.on('managerevent', (event) => {
      for (const listener of this.listeners) listener(event);
      if (event.actionid) return; // rows of our own list actions
      try {
        this.handlers.onEvent(event);
      } catch (err) {
        log.error({ err: String(err) }, 'AMI event handler threw');
      }
    });
    manager.on('close', () => this.lost('closed'));
    manager.on('error', (err) => log.debug({ err: String(err) }, 'AMI socket error'));
    // asterisk-manager logs in on connect; a `Ping` that answers proves the login worked.
    const probe = () =>
      this.actionOn(manager, { action: 'ping' })
        .then(() => {
          if (this.manager !== manager || this.connected) return;
          this.connected = true;
          this.backoffMs = 1_000;
          log.info({ host, port }, 'AMI connected');
          this.ping = setInterval(
            () => this.actionOn(manager, { action: 'ping' }).catch(() => this.lost('ping timeout')),
            this.options.pingMs ?? 10_000,
          );
          this.handlers.onConnected();
        })
        .catch(() => this.lost('login failed'));
    setTimeout(probe, 200);
  }

  private actionOn(manager: Manager, fields: Record<string, unknown>): Promise<AmiEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no response')), this.options.actionTimeoutMs ?? 5_000);
      manager.action(fields, (err, res) => {
        clearTimeout(timer);
        if (err) reject(new Error(String((err as AmiEvent).message ?? 'error')));
        else resolve(res);
      });
    });
  }

  private lost(why: string): void {
    if (this.closed || this.retry) return;
    if (this.connected) this.options.log.warn({ why }, 'AMI connection lost; reconnecting');
    this.connected = false;
    if (this.ping) clearInterval(this.ping);
    this.ping = null;
    this.drop();
    this.retry = setTimeout(() => {
      this.retry = null;
      this.open();
    }, this.backoffMs);
    this.backoffMs = Math.min(this.backoffMs * 2, 10_000);
  }

  private drop(): void {
    const manager = this.manager;
    this.manager = null;
    if (!manager) return;
    manager.removeAllListeners();
    manager.on('error', () => undefined);
    try {
      manager.disconnect();
    } catch {
      // already gone
    }
  }
}
