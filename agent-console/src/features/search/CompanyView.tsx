import {
  isMobileNumber,
  type CallerPop,
  type CompanyDetail,
  type ConsultationDto,
  type Recommendation,
} from '@cc1357/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../api';
import { PhoneNumber } from '../../app/PhoneNumber';
import { DialButton } from '../callbacks/DialButton';
import { useLoaded } from '../../lib/useLoaded';
import { CallbackForm } from '../callbacks/CallbackForm';
import { CompanyCard } from '../call-panel/CompanyCard';
import { OpenItemsPanel } from '../company-insights/OpenItemsPanel';
import { RecommendationsPanel } from '../company-insights/RecommendationsPanel';
import { SupportHistoryPanel } from '../company-insights/SupportHistoryPanel';
import { SupportYearChart } from '../company-insights/SupportYearChart';
import { ConsultationItem } from '../consultation/ConsultationItem';
import { SmsWithNumberPicker } from '../sms/SmsNumberPicker';

interface CompanyRecord {
  detail: CompanyDetail;
  recommendations: Recommendation[] | null;
  consultations: ConsultationDto[];
  /** Open follow-ups, callbacks and relays come with the pop of one of the company's numbers. */
  openItems: CallerPop['openItems'] | null;
}

/**
 * The record and what goes beside it. The pop of the company's first number (the only read
 * that has its open items) runs alongside the consultations, and its recommendations are used
 * rather than asking crm-api to compute them a second time; /recommendations is asked only when
 * there is no pop of this company (no number, or the number resolves elsewhere).
 */
export async function loadCompany(api: ApiClient, companyId: string): Promise<CompanyRecord> {
  const detail = await api.company(companyId);
  const phone = detail.contacts.flatMap((c) => c.phones)[0]?.number ?? null;
  const [consultations, pop] = await Promise.all([
    api.consultationsOfCompany(companyId).catch(() => []),
    phone ? api.callerPop(phone, { bizRegNo: detail.company.bizRegNo }).catch(() => null) : null,
  ]);
  const ofThisCompany = pop?.status === 'known' && pop.companies[0]?.id === companyId;
  const recommendations =
    ofThisCompany && pop.recommendations
      ? pop.recommendations
      : await api.recommendations(companyId).then(
          (r) => r.recommendations,
          () => null,
        );
  return { detail, recommendations, consultations, openItems: pop?.openItems ?? null };
}

/** A company's full record (single-record view: unmasked and audited by crm-api). */
export function CompanyView({ api, companyId, onBack }: { api: ApiClient; companyId: string; onBack: () => void }) {
  const { t } = useTranslation();
  const { value: loaded, error } = useLoaded(() => loadCompany(api, companyId), [api, companyId]);
  const phones = useMemo(
    () => loaded?.detail.contacts.flatMap((c) => c.phones.map((p) => ({ ...p, contact: c.name }))) ?? [],
    [loaded],
  );
  // The callback form starts on the company's first mobile, like the SMS box.
  const firstMobile = phones.find((p) => isMobileNumber(p.number))?.number ?? phones[0]?.number ?? '';

  const back = (
    <button type="button" className="btn" onClick={onBack}>
      ← {t('search.back')}
    </button>
  );
  if (error)
    return (
      <div className="wallboard">
        {back}
        <p className="alert alert-error" role="alert">
          {error.message}
        </p>
      </div>
    );
  if (!loaded)
    return (
      <div className="wallboard">
        {back}
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      </div>
    );
  const { detail, recommendations, consultations, openItems } = loaded;
  return (
    <div className="wallboard" data-testid="company-view">
      <div className="wallboard-head">
        {back}
        <h2>{detail.company.name}</h2>
      </div>
      <div className="wallboard-grid two">
        <div className="stack">
          <section className="panel">
            <CompanyCard company={detail.company} contact={null} />
            <h3>{t('company.contacts')}</h3>
            {detail.contacts.length === 0 ? (
              <p className="muted">{t('company.noContacts')}</p>
            ) : (
              <ul className="plain" data-testid="contacts">
                {detail.contacts.map((c) => (
                  <li key={c.id}>
                    <strong>{c.name}</strong> {c.title ? <span className="muted">{c.title}</span> : null}{' '}
                    {c.phones.map((p, i) => (
                      <span key={p.number}>
                        {i > 0 ? ', ' : null}
                        <PhoneNumber number={p.number} /> ({t(`company.phoneKind.${p.kind}`)}){' '}
                        <DialButton number={p.number} />
                      </span>
                    ))}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {openItems ? <OpenItemsPanel items={openItems} /> : null}
          <section className="panel insights">
            <SupportYearChart history={detail.supportHistory} />
            <SupportHistoryPanel history={detail.supportHistory} />
          </section>
          <section className="panel" aria-labelledby="cv-consultations">
            <h3 id="cv-consultations">{t('company.consultations', { count: consultations.length })}</h3>
            {consultations.length === 0 ? (
              <p className="muted">{t('pop.noRecent')}</p>
            ) : (
              <ol className="recent-list" data-testid="company-consultations">
                {consultations.map((c) => (
                  <ConsultationItem
                    key={c.id}
                    item={c}
                    api={api}
                    subject={c.subCategory ? <span className="muted">{c.subCategory}</span> : null}
                  />
                ))}
              </ol>
            )}
          </section>
        </div>
        <div className="stack">
          <section className="panel insights">
            {recommendations ? <RecommendationsPanel items={recommendations} /> : null}
          </section>
          <section className="panel" aria-labelledby="cv-sms">
            <h3 id="cv-sms">{t('sms.title')}</h3>
            <SmsWithNumberPicker
              api={api}
              callerNumber={null}
              contacts={detail.contacts}
              companyId={companyId}
              recommendations={recommendations ?? []}
              idPrefix="cv-sms"
            />
          </section>
          <section className="panel" aria-labelledby="cv-cb">
            <details>
              <summary id="cv-cb">{t('callbacks.fromDesk')}</summary>
              <CallbackForm api={api} idPrefix="cv-cb" number={firstMobile} companyId={companyId} />
            </details>
          </section>
        </div>
      </div>
    </div>
  );
}
