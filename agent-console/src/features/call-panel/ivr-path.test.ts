import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import { parse } from 'yaml';
import { callerPathSteps, NAMED_STEPS } from './ivr-path';
import { en } from '../../i18n/en';
import { ko } from '../../i18n/ko';

const ui = consoleI18n();

describe("IVR path in the caller's words (item 6)", () => {
  it.each([
    [
      ['notice', 'hours', 'main-menu', 'startup', 'startup-menu', 'startup-pre', 'startup-wait', 'startup-queue'],
      ['안내 멘트', '주 메뉴', '2 창업·벤처', '1 예비창업', '상담원 연결 대기'],
    ],
    [
      [
        'notice',
        'hours',
        'main-menu',
        'main-menu',
        'fund-wait',
        'fund-overflow',
        'fund-cb-number',
        'cb-has-number',
        'cb-use-caller',
        'fund-callback',
      ],
      ['안내 멘트', '주 메뉴', '1 정책자금·금융', '대기 길어 콜백 안내', '콜백 예약'],
    ],
    [
      ['notice', 'hours', 'closed', 'ah-holiday', 'ah-hours', 'ah-menu', 'ah-sms', 'sms-menu', 'sms-topic-calendar'],
      ['안내 멘트', '업무시간 외 안내', '업무시간 외 메뉴', '2 정책정보 문자', '3 지원사업 일정 문자'],
    ],
    [['some-new-check'], []],
  ])('%j → %j', (path, labels) => {
    expect(callerPathSteps(path).map((k) => ui.i18n.t(`ivrSteps.${k}`, { lng: 'ko' }))).toEqual(labels);
  });

  it('in English when the console is in English', () => {
    expect(
      callerPathSteps(['notice', 'main-menu', 'fund-wait', 'fund-queue']).map((k) =>
        ui.i18n.t(`ivrSteps.${k}`, { lng: 'en' }),
      ),
    ).toEqual(['Greeting', 'Main menu', '1 Policy funds & finance', 'Waiting for a counselor']);
  });

  it('every named step is a node of the shipped flows and has a label in both languages', () => {
    const dir = fileURLToPath(new URL('../../../../ivr-flows/flows/', import.meta.url));
    const nodes = new Set(
      readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .flatMap((f) => Object.keys((parse(readFileSync(dir + f, 'utf8')) as { nodes?: object }).nodes ?? {})),
    );
    for (const step of NAMED_STEPS) {
      expect(nodes.has(step), step).toBe(true);
      expect((ko.ivrSteps as Record<string, string>)[step], step).toBeTruthy();
      expect((en.ivrSteps as Record<string, string>)[step], step).toBeTruthy();
    }
  });
});
