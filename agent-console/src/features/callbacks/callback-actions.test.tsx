import type { CallbackActionRequest, CallbackDto, CallDialCommandV1, CommandAck } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import { CallbackActions } from './CallbackActions';
import { callbackChoices, dialCallback, kstLocalToIso } from './callback-actions';

/** Issue 12 §4 in the console: who may take, call and close a callback, and what the row shows. */
const cb = (over: Partial<CallbackDto> = {}): CallbackDto => ({
  id: '5',
  number: '01033334444',
  queue: 'fund',
  dueAt: '2025-03-14T06:00:00.000Z',
  status: 'open',
  companyId: null,
  consultationId: null,
  callId: null,
  note: null,
  requestedBy: 'kim',
  createdAt: '2025-03-14T03:00:00.000Z',
  closedAt: null,
  owner: null,
  attempts: 0,
  lastOutcome: null,
  ...over,
});
const kim = { username: 'kim', role: 'counselor' };
const noop = () => undefined;

describe('callbackChoices', () => {
  it('an unowned open callback: take it, call it, or move it', () => {
    expect(callbackChoices(cb(), kim)).toEqual({
      claim: true,
      dial: true,
      outcome: false,
      reschedule: true,
      ownedBy: null,
    });
  });
  it('my dialled callback: the outcome; another counselor’s: only their name; a supervisor: everything', () => {
    expect(callbackChoices(cb({ status: 'dialing', owner: 'kim' }), kim)).toMatchObject({
      claim: false,
      dial: false,
      outcome: true,
    });
    expect(callbackChoices(cb({ owner: 'lee' }), kim)).toMatchObject({ dial: false, claim: false, ownedBy: 'lee' });
    expect(callbackChoices(cb({ owner: 'lee' }), { username: 'park', role: 'supervisor' })).toMatchObject({
      dial: true,
      ownedBy: null,
    });
    expect(callbackChoices(cb({ status: 'done', owner: 'kim' }), kim)).toMatchObject({
      dial: false,
      reschedule: false,
    });
  });
});

describe('dialCallback', () => {
  it('records the dial in crm-api first, then places the call with the callback id', async () => {
    const seen: string[] = [];
    const result = await dialCallback(
      {
        act: async (id: string, body: CallbackActionRequest) => {
          seen.push(`crm ${id} ${body.action}`);
          return cb({ status: 'dialing' });
        },
        dial: async (command: CallDialCommandV1): Promise<CommandAck> => {
          seen.push(`dial ${command.number} ${command.callbackId}`);
          return { ok: true };
        },
      },
      cb(),
    );
    expect(result).toEqual({ ok: true });
    expect(seen).toEqual(['crm 5 dial', 'dial 01033334444 5']);
  });
  it('a refusal from crm-api dials nothing; telephony’s refusal is the message shown', async () => {
    const dialled: unknown[] = [];
    const refused = await dialCallback(
      {
        act: async () => {
          throw new Error('lee 상담사가 맡은 콜백입니다');
        },
        dial: async (c) => (dialled.push(c), { ok: true }),
      },
      cb(),
    );
    expect(refused).toEqual({ ok: false, message: 'lee 상담사가 맡은 콜백입니다' });
    expect(dialled).toEqual([]);
    const busy = await dialCallback(
      {
        act: async () => cb({ status: 'dialing' }),
        dial: async () => ({
          ok: false,
          error: { command: 'call.dial.v1', code: 'INVALID_STATE', message: 'agent 1001 is onCall' },
        }),
      },
      cb(),
    );
    expect(busy).toEqual({ ok: false, message: 'agent 1001 is onCall' });
  });
  it('a new time typed in Korea time becomes an instant; half-typed is nothing', () => {
    expect(kstLocalToIso('2025-03-15T10:30')).toBe('2025-03-15T01:30:00.000Z');
    expect(kstLocalToIso('2025-03-15')).toBeNull();
    expect(kstLocalToIso('')).toBeNull();
  });
});

describe('the callback row’s buttons', () => {
  const ui = consoleI18n();
  const row = (c: CallbackDto, over: { busy?: boolean; canDial?: boolean } = {}) =>
    ui.html(
      <CallbackActions
        cb={c}
        me={kim}
        busy={over.busy ?? false}
        canDial={over.canDial ?? true}
        onDial={noop}
        onAction={noop}
      />,
    );

  it('Korean first: named buttons a keyboard reaches, in order take → call → move', async () => {
    await ui.i18n.changeLanguage('ko');
    const out = row(cb());
    expect(out).toContain('aria-label="01033334444 회신을 내가 맡기"');
    expect(out).toContain('aria-label="01033334444로 전화 걸기 (발신번호 1357)"');
    expect(out).toContain('>전화 걸기</button>');
    expect(out.indexOf('내가 맡기')).toBeLessThan(out.indexOf('전화 걸기'));
    expect(out).toContain('<label class="sr-only" for="cb-when-5">');
    // Every control is a real button or input (Tab and Enter work), none is a clickable div.
    expect(out).not.toMatch(/<div[^>]*onclick/i);
    // Reschedule waits for a time.
    expect(out).toMatch(/<button[^>]*disabled=""[^>]*data-action="reschedule"/);
  });

  it('after dialling: done and no answer, in English too; busy disables them', async () => {
    await ui.i18n.changeLanguage('en');
    const out = row(cb({ status: 'dialing', owner: 'kim', attempts: 1 }), { busy: true });
    expect(out).toContain('>Done</button>');
    expect(out).toContain('>No answer</button>');
    expect(out).not.toContain('data-action="dial"');
    expect(out).toMatch(/<button[^>]*disabled=""[^>]*data-action="done"/);
    await ui.i18n.changeLanguage('ko');
    expect(row(cb({ owner: 'lee' }))).toContain('lee 상담사 담당');
    // No phone here (a supervisor's screen): no call button, the rest stays.
    expect(row(cb(), { canDial: false })).not.toContain('data-action="dial"');
  });
});
