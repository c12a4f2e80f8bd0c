import { describe, expect, it } from 'vitest';
import { smsNumberChoices } from './sms-model';

describe('SMS numbers on the desk (item 5)', () => {
  const contacts = [
    {
      name: '김정우',
      phones: [
        { number: '0311234567', kind: 'landline' as const },
        { number: '01098765432', kind: 'mobile' as const },
      ],
    },
    {
      name: '이경리',
      phones: [
        { number: '010-9876-5432', kind: 'mobile' as const },
        { number: '01055556666', kind: 'mobile' as const },
      ],
    },
  ];

  it("a landline caller starts on the company's first mobile, with every number offered once", () => {
    const { choices, initial } = smsNumberChoices('0311234567', contacts);
    expect(initial).toBe('01098765432');
    expect(choices.map((c) => [c.contact, c.number, c.mobile])).toEqual([
      [null, '0311234567', false],
      ['김정우', '01098765432', true],
      ['이경리', '01055556666', true],
    ]);
  });

  it('a mobile caller starts on their own number; no mobile at all starts on none', () => {
    expect(smsNumberChoices('01012345678', contacts).initial).toBe('01012345678');
    expect(smsNumberChoices('0212345678', []).initial).toBe('');
  });
});
