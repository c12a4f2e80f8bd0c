import { type CallerPop, type CompanyDetail } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { company, recommendation, supportHistory } from '../../../test/factories';
import type { ApiClient } from '../../api';
import { loadCompany } from './CompanyView';

describe('company view', () => {
  const detail = (phones: string[]): CompanyDetail => ({
    company: company(),
    contacts: [
      { id: 'ct', name: '박담당', title: null, phones: phones.map((number) => ({ number, kind: 'mobile' as const })) },
    ],
    supportHistory: supportHistory(),
  });
  const openItems = { followUps: [], callbacks: [], relays: [] };
  /** An ApiClient answering the four reads, logging which were asked. Consultations answer only once the pop was asked, so a pop that waits for them never finishes. */
  function fakeApi(record: CompanyDetail, pop: Partial<CallerPop>) {
    const asked: string[] = [];
    let popAsked: () => void = () => undefined;
    const popStarted = new Promise<void>((resolve) => (popAsked = resolve));
    const api = {
      company: async () => (asked.push('company'), record),
      consultationsOfCompany: async () => (asked.push('consultations'), await popStarted, []),
      callerPop: async () => (
        asked.push('pop'),
        popAsked(),
        {
          status: 'known',
          number: null,
          companies: [company()],
          contact: null,
          recentConsultations: [],
          openItems,
          ...pop,
        }
      ),
      recommendations: async () => (
        asked.push('recommendations'),
        { companyId: 'co-1', asOf: '2026-03-01', recommendations: [recommendation('soon')] }
      ),
    } as unknown as ApiClient;
    return { api, asked };
  }

  it('asks the pop alongside the consultations and takes its recommendations', async () => {
    const { api, asked } = fakeApi(detail(['01012345678']), { recommendations: [recommendation('open')] });
    const loaded = await loadCompany(api, 'co-1');
    expect(asked).not.toContain('recommendations');
    expect(loaded.recommendations?.map((r) => r.window)).toEqual(['open']);
    expect(loaded.openItems).toEqual(openItems);
  });

  it('asks for recommendations when the number pops another company, or there is no number', async () => {
    const elsewhere = fakeApi(detail(['01012345678']), {
      companies: [company({ id: 'co-2' })],
      recommendations: [recommendation('open')],
    });
    expect((await loadCompany(elsewhere.api, 'co-1')).recommendations?.map((r) => r.window)).toEqual(['soon']);
    const noNumber = fakeApi(detail([]), {});
    noNumber.api.consultationsOfCompany = async () => (noNumber.asked.push('consultations'), []); // no pop to wait for
    const loaded = await loadCompany(noNumber.api, 'co-1');
    expect(noNumber.asked).toEqual(['company', 'consultations', 'recommendations']);
    expect(loaded.openItems).toBeNull();
  });
});
