import {
  calendarSmsText,
  isMobileNumber,
  MAX_SMS_PROGRAMS,
  programsSmsText,
  type ProgramCalendar,
} from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { program } from '../../../test/factories';
import { inFlight, previewOf, smsBytes, smsKind, togglePick } from './sms-model';

describe('SMS', () => {
  it('previews the programs text the way crm-api builds it', () => {
    expect(programsSmsText([program()])).toBe(
      '[1357 상담 안내 지원사업]\n- 혁신성장지원자금 (2026-03-02~2026-03-31) https://k.go.kr/1\n문의 1357',
    );
    expect(previewOf('programs', { programs: [program()], text: '', calendar: null })).toBe(
      programsSmsText([program()]),
    );
    expect(previewOf('programs', { programs: [], text: '', calendar: null })).toBe('');
    expect(previewOf('free', { programs: [], text: '  안녕하세요 ', calendar: null })).toBe('안녕하세요');
  });
  it('previews the calendar text, planned programs marked', () => {
    const cal: ProgramCalendar = {
      from: '2026-03-02',
      weeks: 1,
      byWeek: [{ weekStart: '2026-03-02', programs: [program({ announcedOn: null, name: '수출바우처' })] }],
    };
    expect(calendarSmsText(cal.byWeek)).toBe('[1357 중소기업 지원사업 일정]\n03/02 수출바우처(예정)\n문의 1357');
    expect(calendarSmsText([])).toContain('접수를 시작하는 사업이 없습니다');
    expect(previewOf('calendar', { programs: [], text: '', calendar: cal })).toBe(calendarSmsText(cal.byWeek));
  });
  it.each([
    ['abc', 3, 'SMS'],
    ['가'.repeat(45), 90, 'SMS'],
    ['가'.repeat(46), 92, 'LMS'],
    ['a'.repeat(2001), 2001, 'tooLong'],
  ] as const)('%s… counts %i bytes → %s', (text, bytes, kind) => {
    expect(smsBytes(text)).toBe(bytes);
    expect(smsKind(bytes)).toBe(kind);
  });
  it.each([
    ['01012345678', true],
    ['010-1234-5678', true],
    ['+82 10-1234-5678', true],
    ['0111234567', true],
    ['0212345678', false],
    ['031-123-4567', false],
    ['15880800', false],
    ['', false],
  ] as const)('%s mobile: %s', (n, mobile) => expect(isMobileNumber(n)).toBe(mobile));
  it('keeps polling while a message is queued or sent', () => {
    const m = (status: 'queued' | 'sent' | 'delivered' | 'failed') => ({ status }) as never;
    expect(inFlight([m('delivered'), m('sent')])).toBe(true);
    expect(inFlight([m('delivered'), m('failed')])).toBe(false);
  });
  it("toggles picks up to crm-api's limit", () => {
    expect(togglePick(['1'], '2')).toEqual(['1', '2']);
    expect(togglePick(['1', '2'], '1')).toEqual(['2']);
    const full = Array.from({ length: MAX_SMS_PROGRAMS }, (_, i) => String(i));
    expect(togglePick(full, 'x')).toEqual(full);
  });
});
