import { type CategoryCode, type CompanySearchHit, type ConsultationSearchHit } from '@cc1357/contracts';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiClient } from '../../api';
import { formatBizRegNo } from '../../lib/format';
import { ConsultationItem } from '../consultation/ConsultationItem';
import { CompanyView } from './CompanyView';
import { DialButton } from '../callbacks/DialButton';
import { rangeError, searchRequests, type SearchInput } from './search-model';
import { CategoryOptions } from '../../i18n/CategoryOptions';
import { PhoneNumber } from '../../app/PhoneNumber';

type Results = { companies: CompanySearchHit[]; consultations: ConsultationSearchHit[] } | null;

/** One box across companies and consultations (masked as crm-api lists them); a company opens in full. */
export function SearchView({ api, userId }: { api: ApiClient; userId: string }) {
  const { t } = useTranslation();
  const [input, setInput] = useState<SearchInput>({ text: '', from: '', to: '', category: '', mine: false });
  const [results, setResults] = useState<Results>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [openCompany, setOpenCompany] = useState<string | null>(null);
  const seq = useRef(0);
  const set = <K extends keyof SearchInput>(k: K, v: SearchInput[K]) => setInput((s) => ({ ...s, [k]: v }));

  async function run(e?: FormEvent) {
    e?.preventDefault();
    if (rangeError(input)) return;
    const req = searchRequests(input, userId);
    if (!req.companies && !req.consultations) {
      setResults(null);
      return;
    }
    const mine = ++seq.current;
    setBusy(true);
    setError(null);
    try {
      const [companies, consultations] = await Promise.all([
        req.companies ? api.searchCompanies(req.companies) : Promise.resolve([]),
        req.consultations ? api.searchConsultations(req.consultations) : Promise.resolve([]),
      ]);
      if (mine === seq.current) setResults({ companies, consultations });
    } catch (err) {
      if (mine === seq.current) setError(asApiError(err).message);
    } finally {
      if (mine === seq.current) setBusy(false);
    }
  }

  if (openCompany) return <CompanyView api={api} companyId={openCompany} onBack={() => setOpenCompany(null)} />;

  const badRange = rangeError(input);
  return (
    <div className="wallboard" data-testid="search-view">
      <div className="wallboard-head">
        <h2>{t('search.title')}</h2>
      </div>
      <form className="panel search-form" role="search" onSubmit={(e) => void run(e)}>
        <div className="field search-box">
          <label htmlFor="s-text">{t('search.box')}</label>
          <input
            id="s-text"
            type="search"
            value={input.text}
            autoFocus
            onChange={(e) => set('text', e.target.value)}
            placeholder={t('search.placeholder')}
            aria-describedby="s-hint"
          />
          <p className="muted small" id="s-hint">
            {t('search.hint')}
          </p>
        </div>
        <div className="form-row filters">
          <div className={`field ${badRange ? 'field-invalid' : ''}`}>
            <label htmlFor="s-from">{t('search.from')}</label>
            <input id="s-from" type="date" value={input.from} onChange={(e) => set('from', e.target.value)} />
          </div>
          <div className={`field ${badRange ? 'field-invalid' : ''}`}>
            <label htmlFor="s-to">{t('search.to')}</label>
            <input
              id="s-to"
              type="date"
              value={input.to}
              onChange={(e) => set('to', e.target.value)}
              {...(badRange ? { 'aria-invalid': true, 'aria-describedby': 's-range-error' } : {})}
            />
            {badRange ? (
              <p className="field-error" id="s-range-error">
                {t('search.badRange')}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="s-category">{t('search.category')}</label>
            <select
              id="s-category"
              value={input.category}
              onChange={(e) => set('category', e.target.value as CategoryCode | '')}
            >
              <option value="">{t('search.anyCategory')}</option>
              <CategoryOptions />
            </select>
          </div>
          <label className="check">
            <input type="checkbox" checked={input.mine} onChange={(e) => set('mine', e.target.checked)} />{' '}
            {t('search.mine')}
          </label>
          <button type="submit" className="btn btn-primary" disabled={busy || badRange}>
            {busy ? t('search.searching') : t('search.submit')}
          </button>
        </div>
      </form>
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="sr-only" role="status" aria-live="polite">
        {results
          ? t('search.found', { companies: results.companies.length, consultations: results.consultations.length })
          : ''}
      </div>
      {results ? (
        <div className="wallboard-grid two">
          <section className="panel" aria-labelledby="s-companies">
            <h3 id="s-companies">{t('search.companies', { count: results.companies.length })}</h3>
            {results.companies.length === 0 ? (
              <p className="muted">{t('search.noCompanies')}</p>
            ) : (
              <ul className="hits" data-testid="company-hits">
                {results.companies.map((c) => (
                  <li key={c.id}>
                    <button type="button" className="hit" onClick={() => setOpenCompany(c.id)} data-company={c.id}>
                      <strong>{c.name}</strong> <span className="muted small">{formatBizRegNo(c.bizRegNo)}</span>
                      <span className="block small muted">
                        {c.representative} · {c.region} · {c.industry} · {c.sizeClass}
                        {c.phones.length > 0 ? ` · ${c.phones.join(', ')}` : ''}
                      </span>
                      <span className="tag small">{t(`search.match.${c.match}`)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="panel" aria-labelledby="s-consultations">
            <h3 id="s-consultations">{t('search.consultations', { count: results.consultations.length })}</h3>
            {results.consultations.length === 0 ? (
              <p className="muted">{t('search.noConsultations')}</p>
            ) : (
              <ol className="recent-list" data-testid="consultation-hits">
                {results.consultations.map((c) => (
                  <ConsultationItem
                    key={c.id}
                    item={c}
                    api={api}
                    subject={
                      <>
                        {c.companyId ? (
                          <button type="button" className="btn btn-link" onClick={() => setOpenCompany(c.companyId!)}>
                            {c.companyName ?? c.companyId}
                          </button>
                        ) : (
                          <span className="muted">
                            {c.callerNumber ? <PhoneNumber number={c.callerNumber} /> : t('pop.newCustomer')}
                          </span>
                        )}
                        {/* Call the customer back from the consultation (a masked number cannot be dialled). */}
                        {c.callerNumber && !c.callerNumber.includes('*') ? (
                          <>
                            {' '}
                            <DialButton number={c.callerNumber} />
                          </>
                        ) : null}
                      </>
                    }
                  />
                ))}
              </ol>
            )}
          </section>
        </div>
      ) : null}
    </div>
  );
}
