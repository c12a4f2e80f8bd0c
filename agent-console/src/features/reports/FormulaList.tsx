import { kpiFormulaById, type KpiReport } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import { formulaIdsOf } from './reports-model';

/** The element id a column header links to for its formula. */
export const formulaAnchor = (id: string) => `kpi-formula-${id.replace(/[^A-Za-z0-9]/g, '-')}`;

/**
 * The formulas this report was computed with, looked up by the ids crm-api sent with the
 * figures (contracts' KPI_FORMULAS): a report always says how its numbers were made.
 */
export function FormulaList({ report }: { report: KpiReport }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="panel" aria-labelledby="kpi-formulas-title">
      <h3 id="kpi-formulas-title">{t('reports.formulas')}</h3>
      <p className="muted small">{t('reports.formulasIntro')}</p>
      <dl className="formula-list">
        {formulaIdsOf(report).map((id) => {
          const f = kpiFormulaById(id);
          return (
            <div key={id} id={formulaAnchor(id)} tabIndex={-1}>
              <dt className="mono">{id}</dt>
              <dd>
                {f ? (i18n.language === 'en' ? f.en : f.ko) : t('reports.unknownFormula', { id })}
                {f ? (
                  <>
                    <br />
                    <code>{f.expression}</code>
                  </>
                ) : null}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
