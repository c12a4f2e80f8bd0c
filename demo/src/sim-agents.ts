import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { io, type Socket } from 'socket.io-client';
import {
  SOCKET_EVENTS,
  type CallOfferedV1,
  type CategoryCode,
  type ClientToServerEvents,
  type CommandAck,
  type QueueId,
  type ServerToClientEvents,
} from '@cc1357/contracts';
import type { CrmClient } from './crm-client';
import { between, pick, seededRng, type Rng } from './rng';

/**
 * Simulated counselors: real socket.io clients of telephony, logged in through crm-api like a
 * person, so the demo floor is busy without humans. They use their own accounts (bot10xx);
 * the human demo logins (counselor, counselor2) are never driven by a bot.
 */

export interface SimAgentTiming {
  timeScale: number;
  ringMs: [number, number]; // how long before the bot picks up (real ms)
  talkMs: [number, number];
}

const CATEGORY_OF_QUEUE: Record<QueueId, CategoryCode> = {
  fund: 'finance',
  startup: 'startup',
  merchant: 'domestic',
  rnd: 'tech',
  export: 'export',
  hr: 'workforce',
  general: 'other',
};

const SUMMARIES: Record<CategoryCode, string[]> = {
  finance: ['정책자금 신청 자격과 한도 문의, 지역본부 방문 안내', '긴급경영안정자금 신청 서류 안내'],
  startup: ['예비창업패키지 지원 요건 안내', '창업사업화 지원사업 모집 일정 안내'],
  domestic: ['온누리상품권 가맹점 등록 절차 안내', '소상공인 경영개선 지원 문의'],
  tech: ['중소기업 기술개발사업 과제 신청 방법 안내', '산학연 협력 기술개발 사업 문의'],
  export: ['수출바우처 신청 방법 안내', 'FTA 원산지 증명 절차 문의'],
  workforce: ['청년 채용 지원금 요건 안내', '고용유지지원금 신청 문의'],
  management: ['경영 컨설팅 지원 안내'],
  other: ['지원사업 전반 안내, 기업마당 이용 방법 설명', '사업자등록 관련 문의, 국세청 안내'],
};

type AgentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export class SimAgent {
  private socket: AgentSocket | null = null;
  private token = '';
  private readonly rng: Rng;
  private timers = new Set<NodeJS.Timeout>();
  /** What the bot means to do for each call it was offered (answer, hang up): dropped when the call ends. */
  private readonly plans = new Map<string, { offer: CallOfferedV1; connected: boolean; timers: Set<NodeJS.Timeout> }>();
  consultations = 0;

  constructor(
    private readonly username: string,
    private readonly password: string,
    private readonly crm: CrmClient,
    private readonly telephonyUrl: string,
    private readonly timing: SimAgentTiming,
    private readonly logger: Logger,
    seed: number,
  ) {
    this.rng = seededRng(seed);
  }

  private later(ms: number, fn: () => void, callId?: string): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        if (callId) this.plans.get(callId)?.timers.delete(timer);
        fn();
      },
      Math.max(1, Math.round(ms * this.timing.timeScale)),
    );
    this.timers.add(timer);
    if (callId) this.plans.get(callId)?.timers.add(timer);
  }

  /** Drops what the bot still meant to do for the call; returns the plan it had. */
  private forgetCall(callId: string) {
    const plan = this.plans.get(callId);
    if (!plan) return undefined;
    for (const timer of plan.timers) {
      clearTimeout(timer);
      this.timers.delete(timer);
    }
    this.plans.delete(callId);
    return plan;
  }

  private command<E extends keyof ClientToServerEvents>(
    event: E,
    payload: Parameters<ClientToServerEvents[E]>[0],
  ): Promise<CommandAck> {
    const socket = this.socket;
    if (!socket)
      return Promise.resolve({ ok: false, error: { command: event, code: 'UNAVAILABLE', message: 'not connected' } });
    return new Promise((resolve) => {
      // The cast is socket.io's typing of variadic emit with an ack; payload and ack are typed above.
      (socket.timeout(5_000).emit as (e: string, p: unknown, cb: (err: Error | null, ack: CommandAck) => void) => void)(
        event,
        payload,
        (err, ack) =>
          resolve(err ? { ok: false, error: { command: event, code: 'UNAVAILABLE', message: err.message } } : ack),
      );
    });
  }

  async start(): Promise<void> {
    const login = await this.crm.login(this.username, this.password);
    this.token = login.token;
    const socket: AgentSocket = io(this.telephonyUrl, {
      auth: { token: this.token },
      transports: ['websocket'],
      reconnectionDelayMax: 2_000,
    });
    this.socket = socket;
    const log = this.logger.child({ agent: this.username });

    socket.on('connect', () => {
      void this.command(SOCKET_EVENTS.agentReady, {}).then((ack) => {
        if (!ack.ok) log.warn({ error: ack.error }, 'bot could not go ready');
      });
    });
    socket.on('connect_error', (error) => log.warn({ err: error.message }, 'bot socket connect error'));
    socket.on(SOCKET_EVENTS.callOffered, (offer) => {
      // A console that reconnects gets the offer again: one plan per call.
      if (this.plans.has(offer.callId)) return;
      this.plans.set(offer.callId, { offer, connected: false, timers: new Set() });
      this.later(
        between(this.rng, ...this.timing.ringMs),
        () => {
          void this.command(SOCKET_EVENTS.callAnswer, { callId: offer.callId }).then((ack) => {
            if (!ack.ok) log.info({ callId: offer.callId, error: ack.error.message }, 'bot could not answer');
          });
        },
        offer.callId,
      );
    });
    socket.on(SOCKET_EVENTS.callConnected, (connected) => {
      const plan = this.plans.get(connected.callId);
      if (!plan || plan.connected) return;
      plan.connected = true;
      this.later(
        between(this.rng, ...this.timing.talkMs),
        () => void this.finishCall(plan.offer, true),
        plan.offer.callId,
      );
    });
    // Telephony puts the agent in wrap-up and back to ready by itself. The bot drops what it
    // meant to do, as a person would: no answering a caller who left while it rang, no hanging up
    // a call the caller ended — but the consultation of a call that was talked is still written.
    socket.on(SOCKET_EVENTS.callEnded, (ended) => {
      const plan = this.forgetCall(ended.callId);
      if (plan?.connected) void this.finishCall(plan.offer, false);
    });
    // A missed call parks the agent in notReady (the ACD stops offering to an absent seat); a
    // person back at the desk presses Ready again, and so does the bot after a short pause.
    socket.on(SOCKET_EVENTS.agentState, (state) => {
      if (state.state !== 'notReady') return;
      this.later(between(this.rng, 3_000, 8_000), () => {
        void this.command(SOCKET_EVENTS.agentReady, {});
      });
    });
  }

  /** Logs the consultation (as a counselor does while talking), then hangs up if `hangUp`. */
  private async finishCall(offer: CallOfferedV1, hangUp: boolean): Promise<void> {
    const { callId, queue, callerNumber } = offer;
    const companyId = offer.pop.companies[0]?.id ?? null;
    if (hangUp) this.forgetCall(callId); // from here on the call's end needs nothing more from the bot
    const category = CATEGORY_OF_QUEUE[queue];
    try {
      await this.crm.saveConsultation(this.token, {
        idempotencyKey: `bot-${randomUUID()}`,
        callId,
        companyId,
        callerNumber,
        category,
        summary: pick(this.rng, SUMMARIES[category]),
        outcome: this.rng() < 0.8 ? 'resolved' : 'followUp',
      });
      this.consultations += 1;
    } catch (error) {
      this.logger.warn({ err: String(error), agent: this.username }, 'bot could not save a consultation');
    }
    if (!hangUp) return;
    const ack = await this.command(SOCKET_EVENTS.callHangup, { callId });
    // The caller may have hung up while the consultation was saved: then there is nothing to end.
    if (!ack.ok && ack.error.code !== 'NOT_FOUND')
      this.logger.warn({ agent: this.username, callId, error: ack.error }, 'bot could not hang up');
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.plans.clear();
    this.socket?.disconnect();
    this.socket = null;
  }
}
