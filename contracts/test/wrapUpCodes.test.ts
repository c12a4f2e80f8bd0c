import { describe, expect, it } from 'vitest';
import {
  CLIENT_COMMANDS,
  WRAP_UP_CODE_CATALOGUE,
  WRAP_UP_CODES,
  WrapUpCodeCommandV1,
  wrapUpCodeLabel,
} from '../src/index';

describe('wrap-up codes (후처리 코드)', () => {
  it('the catalogue and the code list are the same codes, in the same order, each with ko and en', () => {
    expect(WRAP_UP_CODE_CATALOGUE.map((c) => c.id)).toEqual([...WRAP_UP_CODES]);
    for (const c of WRAP_UP_CODE_CATALOGUE) {
      expect(c.ko.length).toBeGreaterThan(0);
      expect(c.en.length).toBeGreaterThan(0);
    }
    expect(wrapUpCodeLabel('resolved', 'ko')).toBe('상담 완료');
    expect(wrapUpCodeLabel('prankOrSilent', 'en')).toBe('Prank or silent call');
  });

  it('agent.wrapUp.code.v1 takes a known code for a call; anything else is refused naming the field', () => {
    expect(CLIENT_COMMANDS['agent.wrapUp.code.v1']).toBe(WrapUpCodeCommandV1);
    expect(WrapUpCodeCommandV1.safeParse({ callId: 'c1', code: 'followUp' }).success).toBe(true);
    const bad = WrapUpCodeCommandV1.safeParse({ callId: 'c1', code: '상담 완료' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['code']);
    expect(WrapUpCodeCommandV1.safeParse({ callId: 'c1' }).success).toBe(false);
    expect(WrapUpCodeCommandV1.safeParse({ callId: 'c1', code: 'resolved', extra: 1 }).success).toBe(false);
  });
});
