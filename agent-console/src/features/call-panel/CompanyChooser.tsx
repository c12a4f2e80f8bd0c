import type { CompanySummary } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import { formatBizRegNo } from '../../lib/format';

/** Several companies share the caller's number: a radio group, the counselor picks one. */
export function CompanyChooser({
  companies,
  selectedId,
  onSelect,
}: {
  companies: CompanySummary[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="chooser" data-testid="company-chooser">
      <legend>{t('pop.chooseCompany')}</legend>
      {companies.map((c) => (
        <label key={c.id} className="chooser-option">
          <input
            type="radio"
            name="pop-company"
            value={c.id}
            checked={selectedId === c.id}
            onChange={() => onSelect(c.id)}
          />
          <span className="chooser-name">{c.name}</span>
          <span className="muted">
            {formatBizRegNo(c.bizRegNo)} · {c.representative} · {c.region}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
