import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { io, type Socket } from 'socket.io-client';
import {
  SOCKET_EVENTS,
  type CallOfferedV1,
  type PartnerId,
  type TransferTarget,
  type TransferTargetsV1,
  type WrapUpCode,
  type CategoryCode,
  type ClientToServerEvents,
  type CommandAck,
  type QueueId,
  type ServerToClientEvents,
} from '@cc1357/contracts';
import type { CrmClient } from './crm-client';
import { PARTNER_OF_QUEUE, type DeskAction, type DeskPlan } from './desk-plan';
import { between, pick, seededRng, type Rng } from './rng';

/**
 * Simulated counselors: real socket.io clients of telephony, logged in through crm-api like a
 * person, so the demo floor is busy without humans. They use their own accounts (bot10xx);
 * the human demo logins (counselor, counselor2) are never driven by a bot. Given a desk plan, the
 * bot that first talks to a caller does what the plan says for that call: holds and resumes,
 * transfers blind (to the call's queue or to a Ready counselor skilled for it) or relays the call
 * to the partner center of its subject — as a counselor would, with the story so far.
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

/** What the partner's counselor reads first: the question the relay is about. */
const RELAY_QUESTIONS: Record<PartnerId, string> = {
  motie: '산업부 소관 지원사업 세부 요건 문의',
  fta1380: 'FTA 원산지 증명서 발급 절차 문의',
  msit1379: '정보통신 R&D 과제 협약 변경 문의',
  moel: '고용 지원금 지급 요건 문의',
  fsc: '정책금융 대출 조건 문의',
  nts: '지원금 수령 시 세무 처리 문의',
  customs: '수출입 통관 절차 문의',
  pps: '공공조달 등록 절차 문의',
  kipo: '특허 출원 비용 지원 문의',
};

/** Shares of the talk time at which the desk actions happen (hold from 30 % to 50 %). */
const HOLD_FROM = 0.3;
const HOLD_UNTIL = 0.5;
const HAND_OVER_AT = 0.4;

type AgentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export class SimAgent {
  private socket: AgentSocket | null = null;
  private token = '';
  private readonly rng: Rng;
  private timers = new Set<NodeJS.Timeout>();
  /** What the bot means to do for each call it was offered (answer, hang up): dropped when the call ends. */
  private readonly plans = new Map<string, { offer: CallOfferedV1; connected: boolean; timers: Set<NodeJS.Timeout> }>();
  consultations = 0;
  /** The wrap-up code (후처리 코드) the bot picks for a call it handled, sent once its wrap-up starts. */
  private readonly wrapUpCodes = new Map<string, WrapUpCode>();
  /** The call of the wrap-up the agent is in now (from `agent.state.v1`), or null. */
  private wrapUpCall: string | null = null;
  /** Answers to `call.transferTargets.v1` this bot is waiting for, by call. */
  private readonly targetWaiters = new Map<string, (targets: TransferTargetsV1 | null) => void>();

  constructor(
    private readonly username: string,
    private readonly password: string,
    private readonly crm: CrmClient,
    private readonly telephonyUrl: string,
    private readonly timing: SimAgentTiming,
    private readonly logger: Logger,
    seed: number,
    /** Shared by every bot and the caller generator; absent, every call is plain (answer, talk, hang up). */
    private readonly desk: DeskPlan | null = null,
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
    this.targetWaiters.get(callId)?.(null);
    this.targetWaiters.delete(callId);
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
      // A call transferred here is taken as it comes: the plan was the first counselor's.
      const action: DeskAction = plan.offer.transfer || !this.desk ? 'plain' : this.desk.take(plan.offer.callerNumber);
      this.act(plan.offer, action, between(this.rng, ...this.timing.talkMs), log);
    });
    socket.on('call.transferTargets.v1', (targets) => {
      const waiter = this.targetWaiters.get(targets.callId);
      this.targetWaiters.delete(targets.callId);
      waiter?.(targets);
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
      this.wrapUpCall = state.state === 'wrapUp' && !state.wrapUpCode ? state.callId : null;
      this.sendWrapUpCode();
      if (state.state !== 'notReady') return;
      this.later(between(this.rng, 3_000, 8_000), () => {
        void this.command(SOCKET_EVENTS.agentReady, {});
      });
    });
  }

  /** Schedules what the bot does with a connected call over its talk time. */
  private act(offer: CallOfferedV1, action: DeskAction, talkMs: number, log: Logger): void {
    const { callId } = offer;
    const at = (share: number, fn: () => void) => this.later(talkMs * share, fn, callId);
    const hold = (held: boolean) =>
      void this.command('call.hold.v1', { callId, held }).then((ack) => {
        if (!ack.ok) log.info({ callId, held, error: ack.error.message }, 'bot could not hold or resume');
      });
    switch (action) {
      case 'hold':
        at(HOLD_FROM, () => hold(true));
        at(HOLD_UNTIL, () => hold(false));
        break;
      case 'transferQueue':
        return at(HAND_OVER_AT, () => void this.transferToQueue(offer, log));
      case 'transferAgent':
        return at(HAND_OVER_AT, () => void this.transferToCounselor(offer, log));
      case 'relay':
        return at(HAND_OVER_AT, () => void this.relay(offer, log));
      case 'plain':
        break;
    }
    at(1, () => void this.finishCall(offer, true));
  }

  /** To the call's own queue; refused, the bot finishes the call itself (the caller is never dropped). */
  private async transferToQueue(offer: CallOfferedV1, log: Logger): Promise<void> {
    if (!(await this.transfer(offer, { kind: 'queue', queue: offer.queue }, log))) await this.finishCall(offer, true);
  }

  /**
   * A blind transfer with what the bot knows so far; true when it went (or the caller had left).
   * The next counselor writes the consultation, so this one writes none.
   */
  private async transfer(offer: CallOfferedV1, target: TransferTarget, log: Logger): Promise<boolean> {
    const { callId, queue } = offer;
    this.forgetCall(callId);
    const category = CATEGORY_OF_QUEUE[queue];
    const ack = await this.command('call.transfer.v1', {
      callId,
      target,
      mode: 'blind',
      context: { notes: `${pick(this.rng, SUMMARIES[category])} — 추가 상담 필요`, category, draft: null },
    });
    if (ack.ok || ack.error.code === 'NOT_FOUND') return true; // NOT_FOUND: the caller left meanwhile
    log.info({ callId, target, error: ack.error.message }, 'bot could not transfer');
    return false;
  }

  /**
   * Asks whom it may transfer to and picks a Ready counselor skilled for the call's queue (any
   * Ready one else). The one picked may be taken by the ACD a moment before the transfer lands:
   * then the bot asks again, as a person would pick someone else; nobody Ready → the queue.
   */
  private async transferToCounselor(offer: CallOfferedV1, log: Logger): Promise<void> {
    const { callId, queue } = offer;
    for (let attempt = 0; attempt < 3; attempt++) {
      const answered = new Promise<TransferTargetsV1 | null>((resolve) => {
        this.targetWaiters.set(callId, resolve);
        // Guards against a lost answer, not a slow one: without targets the call goes to its queue.
        this.later(10_000 / this.timing.timeScale, () => {
          if (this.targetWaiters.get(callId) !== resolve) return;
          this.targetWaiters.delete(callId);
          resolve(null);
        });
      });
      const ack = await this.command('call.transferTargets.v1', { callId });
      if (!ack.ok) this.targetWaiters.delete(callId);
      const targets = ack.ok ? await answered : null;
      const agents = [...(targets?.agents ?? [])].sort((a, b) => a.agentId.localeCompare(b.agentId));
      const chosen = agents.find((a) => a.skills.includes(queue)) ?? agents[0];
      if (!chosen) break;
      if (await this.transfer(offer, { kind: 'agent', agentId: chosen.agentId }, log)) return;
    }
    await this.transferToQueue(offer, log);
  }

  /**
   * Relays the call to the partner that owns its subject: the consultation is written first
   * (outcome 관계기관 이관) and its summary travels as the relay's context, so the partner's
   * counselor knows the story before picking up. Refused (partner closed), the bot ends the call.
   */
  private async relay(offer: CallOfferedV1, log: Logger): Promise<void> {
    const { callId, queue, callerNumber } = offer;
    const companyId = offer.pop.companies[0]?.id ?? null;
    this.forgetCall(callId);
    const category = CATEGORY_OF_QUEUE[queue];
    const summary = pick(this.rng, SUMMARIES[category]);
    const partnerId = PARTNER_OF_QUEUE[queue];
    this.pickWrapUpCode(callId, 'partnerReferral');
    try {
      await this.crm.saveConsultation(this.token, {
        idempotencyKey: `bot-${randomUUID()}`,
        callId,
        companyId,
        callerNumber,
        category,
        summary,
        outcome: 'relayed',
      });
      this.consultations += 1;
    } catch (error) {
      log.warn({ err: String(error), callId }, 'bot could not save a consultation');
    }
    const ack = await this.command('call.relay.v1', {
      callId,
      partnerId,
      question: RELAY_QUESTIONS[partnerId],
      context: `1357 상담 요약: ${summary}`,
      companyId: companyId && /^\d{1,18}$/.test(companyId) ? companyId : null,
    });
    if (ack.ok || ack.error.code === 'NOT_FOUND') return;
    log.info({ callId, partnerId, error: ack.error.message }, 'bot could not relay');
    const hangup = await this.command(SOCKET_EVENTS.callHangup, { callId });
    if (!hangup.ok && hangup.error.code !== 'NOT_FOUND')
      log.warn({ callId, error: hangup.error }, 'bot could not hang up');
  }

  /** Picks the wrap-up code of a handled call; sent now if its wrap-up already started, else when it does. */
  private pickWrapUpCode(callId: string, code: WrapUpCode): void {
    this.wrapUpCodes.set(callId, code);
    // A code whose wrap-up never came (the call went on elsewhere) is not kept for ever.
    if (this.wrapUpCodes.size > 20) this.wrapUpCodes.delete(this.wrapUpCodes.keys().next().value!);
    this.sendWrapUpCode();
  }

  private sendWrapUpCode(): void {
    const callId = this.wrapUpCall;
    const code = callId ? this.wrapUpCodes.get(callId) : undefined;
    if (!callId || !code) return;
    this.wrapUpCodes.delete(callId);
    this.wrapUpCall = null;
    void this.command('agent.wrapUp.code.v1', { callId, code }).then((ack) => {
      // The countdown may have ended the wrap-up meanwhile: nothing to code then.
      if (!ack.ok && ack.error.code !== 'INVALID_STATE')
        this.logger.warn({ agent: this.username, callId, error: ack.error }, 'bot could not set the wrap-up code');
    });
  }

  /** Logs the consultation (as a counselor does while talking), then hangs up if `hangUp`. */
  private async finishCall(offer: CallOfferedV1, hangUp: boolean): Promise<void> {
    const { callId, queue, callerNumber } = offer;
    const companyId = offer.pop.companies[0]?.id ?? null;
    if (hangUp) this.forgetCall(callId); // from here on the call's end needs nothing more from the bot
    const category = CATEGORY_OF_QUEUE[queue];
    const outcome = this.rng() < 0.8 ? 'resolved' : 'followUp';
    this.pickWrapUpCode(callId, outcome);
    try {
      await this.crm.saveConsultation(this.token, {
        idempotencyKey: `bot-${randomUUID()}`,
        callId,
        companyId,
        callerNumber,
        category,
        summary: pick(this.rng, SUMMARIES[category]),
        outcome,
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
    for (const resolve of this.targetWaiters.values()) resolve(null);
    this.targetWaiters.clear();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.plans.clear();
    this.wrapUpCodes.clear();
    this.socket?.disconnect();
    this.socket = null;
  }
}
