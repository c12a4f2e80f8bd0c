import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import type { ApiClient } from '../../api';
import { DeskOutreach } from './DeskOutreach';

const { html } = consoleI18n();

/** A client whose every call stays pending: these renders never reach crm-api. */
const api = new Proxy({}, { get: () => () => new Promise(() => undefined) }) as ApiClient;

describe('the desk SMS box (item 5)', () => {
  it("a landline caller can be texted on the company's mobile contact: it is picked, the box is not disabled", () => {
    const contacts = [
      { id: 'k1', name: '박담당', title: null, phones: [{ number: '01098765432', kind: 'mobile' as const }] },
    ];
    const out = html(
      <details open>
        <DeskOutreach
          api={api}
          number="0312345678"
          contacts={contacts}
          companyId="co-1"
          callId="call-1"
          queue="fund"
          recommendations={[]}
        />
      </details>,
    );
    expect(out).toMatch(/<option value="01098765432" selected="">박담당 · 010-\*\*\*\*-5432 \(휴대전화\)<\/option>/);
    expect(out).toContain('전화 건 번호 · 031-***-5678 (유선)');
    expect(out).not.toContain('data-testid="sms-not-mobile"');
  });
});
