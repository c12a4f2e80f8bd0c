import type { ReviewCriterionDto } from '@cc1357/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError } from '../../api';
import {
  checkCriterion,
  criterionBody,
  draftOf,
  movedOrder,
  nextSortOrder,
  splitCriteria,
  type CriterionDraft,
} from './criteria-model';

/** What the editor asks of crm-api (the recordings screen passes its ApiClient's methods). */
export interface CriteriaApi {
  create(body: { label: string; maxScore: number; active: boolean; sortOrder: number }): Promise<unknown>;
  update(id: string, body: { label: string; maxScore: number; active: boolean; sortOrder: number }): Promise<unknown>;
  reorder(ids: string[]): Promise<unknown>;
}

/** Translated messages by field. */
type FieldMessages = Partial<Record<'label' | 'maxScore', string>>;

/**
 * 평가 항목 관리 (supervisors): rename, change the maximum, move up/down, retire or bring back,
 * and add criteria. A retired criterion leaves the review form but stays for the reviews that
 * scored it (their scores and totals are stored and never recomputed). Each row is a small form:
 * Enter saves it; errors are shown under their field, from the same checks crm-api makes or
 * from crm-api's answer.
 */
export function CriteriaEditor({
  criteria,
  api,
  onChanged,
}: {
  criteria: readonly ReviewCriterionDto[];
  api: CriteriaApi;
  /** After any change crm-api accepted: reload the criteria (and the review form). */
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { active, retired } = splitCriteria(criteria);
  const [drafts, setDrafts] = useState<Record<string, CriterionDraft>>({});
  const [errors, setErrors] = useState<Record<string, FieldMessages>>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const draftFor = (key: string, c?: ReviewCriterionDto) =>
    drafts[key] ?? (c ? draftOf(c) : { label: '', maxScore: '5' });

  async function run(key: string, request: () => Promise<unknown>, done: string) {
    setBusy(true);
    try {
      await request();
      setErrors((e) => ({ ...e, [key]: {} }));
      setDrafts(({ [key]: _done, ...rest }) => rest);
      setMessage({ ok: true, text: done });
      onChanged();
    } catch (err) {
      const e = asApiError(err);
      const fields: FieldMessages = {};
      for (const f of e.fields) if (f.path === 'label' || f.path === 'maxScore') fields[f.path] = f.message;
      if (e.code === 'CONFLICT') fields.label = t('recordings.criteria.labelTaken');
      setErrors((all) => ({ ...all, [key]: fields }));
      setMessage({ ok: false, text: t('recordings.failed', { message: e.message }) });
    }
    setBusy(false);
  }

  /** Checks the row's draft first: nothing is sent while a field is wrong. */
  function save(key: string, c: ReviewCriterionDto | null) {
    const check = checkCriterion(draftFor(key, c ?? undefined), criteria, c?.id ?? null);
    if (!check.ok) {
      const fields: FieldMessages = {};
      for (const [field, k] of Object.entries(check.errors)) fields[field as keyof FieldMessages] = t(k);
      setErrors((all) => ({ ...all, [key]: fields }));
      setMessage({ ok: false, text: t('recordings.criteria.fix') });
      return;
    }
    if (c) void run(key, () => api.update(c.id, criterionBody(c, check.value)), t('recordings.criteria.saved'));
    else
      void run(
        key,
        () => api.create({ ...check.value, active: true, sortOrder: nextSortOrder(criteria) }),
        t('recordings.criteria.added', { label: check.value.label }),
      );
  }

  function move(c: ReviewCriterionDto, delta: -1 | 1) {
    const ids = movedOrder(criteria, c.id, delta);
    if (ids) void run(c.id, () => api.reorder(ids), t('recordings.criteria.moved', { label: c.label }));
  }

  const row = (c: ReviewCriterionDto | null, index: number) => {
    const key = c?.id ?? 'new';
    return (
      <CriterionRow
        key={key}
        rowKey={key}
        criterion={c}
        draft={draftFor(key, c ?? undefined)}
        errors={errors[key] ?? {}}
        busy={busy}
        first={index === 0}
        last={index === active.length - 1}
        onChange={(d) => setDrafts((all) => ({ ...all, [key]: d }))}
        onSave={() => save(key, c)}
        onMove={(delta) => c && move(c, delta)}
        onActive={(on) =>
          c &&
          void run(
            key,
            () =>
              api.update(c.id, {
                ...criterionBody(c, { active: on }),
                sortOrder: on ? nextSortOrder(criteria) : c.sortOrder,
              }),
            t(on ? 'recordings.criteria.restored' : 'recordings.criteria.retired', { label: c.label }),
          )
        }
      />
    );
  };

  return (
    <section className="panel criteria-editor" aria-labelledby="criteria-editor-title">
      <h3 id="criteria-editor-title">{t('recordings.criteria.title')}</h3>
      <p className="muted small">{t('recordings.criteria.intro')}</p>
      {message ? (
        <p className={message.ok ? 'alert alert-ok' : 'alert alert-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
      <ol className="criteria-list" aria-label={t('recordings.criteria.activeList')}>
        {active.map((c, i) => row(c, i))}
      </ol>
      {retired.length > 0 ? (
        <>
          <h4>{t('recordings.criteria.retiredList')}</h4>
          <ul className="criteria-list">{retired.map((c) => row(c, -1))}</ul>
        </>
      ) : null}
      <h4>{t('recordings.criteria.addTitle')}</h4>
      <ul className="criteria-list">{row(null, -1)}</ul>
    </section>
  );
}

/** One criterion (or the new one, `criterion` null): label, maximum and its buttons, as one form. */
export function CriterionRow({
  rowKey,
  criterion: c,
  draft,
  errors,
  busy,
  first,
  last,
  onChange,
  onSave,
  onMove,
  onActive,
}: {
  rowKey: string;
  criterion: ReviewCriterionDto | null;
  draft: CriterionDraft;
  errors: FieldMessages;
  busy: boolean;
  first: boolean;
  last: boolean;
  onChange: (d: CriterionDraft) => void;
  onSave: () => void;
  onMove: (delta: -1 | 1) => void;
  onActive: (active: boolean) => void;
}) {
  const { t } = useTranslation();
  const id = `criterion-${rowKey}`;
  const name = c?.label ?? t('recordings.criteria.newName');
  const field = (which: 'label' | 'maxScore') => ({
    id: `${id}-${which}`,
    'aria-invalid': errors[which] ? true : undefined,
    'aria-describedby': errors[which] ? `${id}-${which}-error` : undefined,
  });
  return (
    <li>
      <form
        className="criterion-row"
        aria-label={name}
        onSubmit={(e) => {
          e.preventDefault();
          onSave();
        }}
      >
        <label htmlFor={`${id}-label`}>{t('recordings.criteria.label')}</label>
        <input
          {...field('label')}
          name="label"
          maxLength={120}
          required
          value={draft.label}
          onChange={(e) => onChange({ ...draft, label: e.target.value })}
        />
        {errors.label ? (
          <span className="field-error" id={`${id}-label-error`}>
            {errors.label}
          </span>
        ) : null}
        <label htmlFor={`${id}-maxScore`}>{t('recordings.criteria.maxScore')}</label>
        <input
          {...field('maxScore')}
          name="maxScore"
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          step={1}
          required
          value={draft.maxScore}
          onChange={(e) => onChange({ ...draft, maxScore: e.target.value })}
        />
        {errors.maxScore ? (
          <span className="field-error" id={`${id}-maxScore-error`}>
            {errors.maxScore}
          </span>
        ) : null}
        <button type="submit" className="btn btn-small btn-primary" disabled={busy}>
          {c ? t('recordings.criteria.save') : t('recordings.criteria.add')}
        </button>
        {c?.active ? (
          <>
            <button
              type="button"
              className="btn btn-small"
              disabled={busy || first}
              aria-label={t('recordings.criteria.upLabel', { label: c.label })}
              onClick={() => onMove(-1)}
            >
              {t('recordings.criteria.up')}
            </button>
            <button
              type="button"
              className="btn btn-small"
              disabled={busy || last}
              aria-label={t('recordings.criteria.downLabel', { label: c.label })}
              onClick={() => onMove(1)}
            >
              {t('recordings.criteria.down')}
            </button>
          </>
        ) : null}
        {c ? (
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            aria-label={t(c.active ? 'recordings.criteria.retireLabel' : 'recordings.criteria.restoreLabel', {
              label: c.label,
            })}
            onClick={() => onActive(!c.active)}
          >
            {c.active ? t('recordings.criteria.retire') : t('recordings.criteria.restore')}
          </button>
        ) : null}
      </form>
    </li>
  );
}
