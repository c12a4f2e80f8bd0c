import type { Role } from '@cc1357/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../api';
import { useLoaded } from '../../lib/useLoaded';
import { CriteriaEditor } from './CriteriaEditor';
import { RecordingDetailPanel } from './RecordingDetail';
import { RecordingSearchForm } from './RecordingSearchForm';
import { RecordingsTable } from './RecordingsTable';
import { emptySearchForm, searchQueryOf } from './recordings-model';
import { ReviewSummaryTable, StorageSummary } from './StorageSummary';

/**
 * 녹취 (issue 13): search, results, and the opened recording with its player, consultation and
 * review. Supervisors and admins see every call, storage use and the per-counselor review
 * summary; counselors see their own calls only (crm-api decides; the screen only says so).
 */
export function RecordingsView({ api, role }: { api: ApiClient; role: Role }) {
  const { t } = useTranslation();
  const supervises = role === 'supervisor' || role === 'admin';
  const [form, setForm] = useState(emptySearchForm);
  const [query, setQuery] = useState(() => searchQueryOf(emptySearchForm()));
  const [tick, setTick] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  const results = useLoaded(() => api.recordings(query), [api, query, tick]);
  const storage = useLoaded(() => (supervises ? api.recordingStorage(30) : null), [api, supervises, tick]);
  const summary = useLoaded(() => (supervises ? api.reviewSummary() : null), [api, supervises, tick]);
  // Bumped by the criteria editor: the editor and an open review form read the criteria again.
  const [criteriaTick, setCriteriaTick] = useState(0);
  const criteria = useLoaded(() => (supervises ? api.reviewCriteria() : null), [api, supervises, criteriaTick]);
  const fieldErrors = Object.fromEntries((results.error?.fields ?? []).map((f) => [f.path, f.message]));

  return (
    <div className="wallboard" data-testid="recordings-view">
      <div className="wallboard-head">
        <h2>{t('recordings.title')}</h2>
      </div>
      <p className="muted small">{supervises ? t('recordings.intro') : t('recordings.introOwn')}</p>
      {supervises && storage.value ? <StorageSummary storage={storage.value} /> : null}
      <RecordingSearchForm
        form={form}
        showCounselor={supervises}
        fieldErrors={fieldErrors}
        onChange={setForm}
        onSubmit={() => setQuery(searchQueryOf(form))}
        onReset={() => {
          setForm(emptySearchForm());
          setQuery(searchQueryOf(emptySearchForm()));
        }}
      />
      {results.error && Object.keys(fieldErrors).length === 0 ? (
        <p className="alert alert-error" role="alert">
          {results.error.message}
        </p>
      ) : null}
      {openId ? (
        <RecordingDetailPanel
          key={openId}
          api={api}
          id={openId}
          role={role}
          criteria={criteria.value}
          onChanged={() => setTick((n) => n + 1)}
          onClose={() => setOpenId(null)}
        />
      ) : null}
      <section className="panel" aria-labelledby="recordings-results-title">
        <h3 id="recordings-results-title">{t('recordings.results')}</h3>
        {results.value === null ? (
          <p className="muted" role="status">
            {results.error ? '' : t('common.loading')}
          </p>
        ) : (
          <RecordingsTable rows={results.value} selectedId={openId} onOpen={setOpenId} />
        )}
      </section>
      {supervises && summary.value ? <ReviewSummaryTable rows={summary.value} /> : null}
      {supervises && criteria.value ? (
        <CriteriaEditor
          criteria={criteria.value}
          api={{
            create: (body) => api.createReviewCriterion(body),
            update: (id, body) => api.updateReviewCriterion(id, body),
            reorder: (ids) => api.reorderReviewCriteria(ids),
          }}
          onChanged={() => setCriteriaTick((n) => n + 1)}
        />
      ) : null}
    </div>
  );
}
