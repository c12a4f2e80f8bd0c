import { useTranslation } from 'react-i18next';
import type { CallOnDesk } from '../desk/desk-state';
import { displayPop, selectedCompany } from '../desk/desk-state';
import { CompanyCard } from './CompanyCard';
import { CompanyChooser } from './CompanyChooser';
import { RecentConsultations } from './RecentConsultations';

/** The screen pop, by how the caller's number matched. */
export function CallerPopView({ call, onSelectCompany }: { call: CallOnDesk; onSelectCompany: (id: string) => void }) {
  const { t } = useTranslation();
  const { pop } = call.offer;
  const shown = displayPop(call);
  const company = selectedCompany(call);
  return (
    <section
      className="pop"
      aria-labelledby="pop-title"
      aria-busy={pop.status === 'pending'}
      data-testid="pop"
      data-pop-status={pop.status}
    >
      <h2 id="pop-title">{t('pop.title')}</h2>
      {pop.status === 'pending' ? (
        // crm-api has not answered yet; the pop follows (call.pop.v1). Nothing is guessed meanwhile.
        <p className="muted" role="status" data-testid="pop-pending">
          {t('pop.pending')}
        </p>
      ) : null}
      {pop.status === 'new' || pop.status === 'withheld' ? (
        <div className="new-customer">
          <strong data-testid="new-customer">{t('pop.newCustomer')}</strong>
          <p className="muted">{pop.status === 'new' ? t('pop.newCustomerHint') : t('pop.withheldHint')}</p>
        </div>
      ) : null}
      {pop.status === 'unavailable' ? (
        // The CRM could not be asked: this caller may well be known. Never shown as a new customer.
        <div className="alert alert-error" role="alert" data-testid="pop-unavailable">
          <strong>{t('pop.unavailable')}</strong>
          <p className="muted">{t('pop.unavailableHint')}</p>
        </div>
      ) : null}
      {pop.status === 'ambiguous' ? (
        <CompanyChooser companies={pop.companies} selectedId={call.selectedCompanyId} onSelect={onSelectCompany} />
      ) : null}
      {company ? <CompanyCard company={company} contact={shown.contact} /> : null}
      <RecentConsultations items={shown.recentConsultations} />
    </section>
  );
}
