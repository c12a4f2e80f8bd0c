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
    <section className="pop" aria-labelledby="pop-title" data-testid="pop" data-pop-status={pop.status}>
      <h2 id="pop-title">{t('pop.title')}</h2>
      {pop.status === 'new' || pop.status === 'withheld' ? (
        <div className="new-customer">
          <strong data-testid="new-customer">{t('pop.newCustomer')}</strong>
          <p className="muted">{pop.status === 'new' ? t('pop.newCustomerHint') : t('pop.withheldHint')}</p>
        </div>
      ) : null}
      {pop.status === 'ambiguous' ? <CompanyChooser companies={pop.companies} selectedId={call.selectedCompanyId} onSelect={onSelectCompany} /> : null}
      {company ? <CompanyCard company={company} contact={shown.contact} /> : null}
      <RecentConsultations items={shown.recentConsultations} />
    </section>
  );
}
