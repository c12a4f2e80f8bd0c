import type { CompanySummary, ContactDto } from '@cc1357/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PhoneNumber } from '../../app/PhoneNumber';
import { formatBizRegNo } from '../../lib/format';

/** The company profile of the screen pop. */
export function CompanyCard({ company, contact }: { company: CompanySummary; contact: ContactDto | null }) {
  const { t } = useTranslation();
  const rows: [string, ReactNode][] = [
    [t('pop.bizRegNo'), formatBizRegNo(company.bizRegNo)],
    [t('pop.representative'), company.representative],
    [t('pop.region'), company.region],
    [t('pop.industry'), company.industry],
    [t('pop.sizeClass'), company.sizeClass],
    [t('pop.employees'), t('pop.employeesValue', { count: company.employees })],
    [t('pop.founded'), company.foundedOn],
  ];
  if (contact) {
    const phone = contact.phones[0]?.number;
    rows.push([
      t('pop.contact'),
      <>
        {[contact.name, contact.title].filter(Boolean).join(' · ')}
        {phone ? (
          <>
            {' '}
            · <PhoneNumber number={phone} />
          </>
        ) : null}
      </>,
    ]);
  }
  return (
    <article className="company-card" data-testid="company-card" aria-label={company.name}>
      <h3 className="company-name">{company.name}</h3>
      <dl className="facts">
        {rows.map(([label, value]) => (
          <div key={label} className="fact">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </article>
  );
}
