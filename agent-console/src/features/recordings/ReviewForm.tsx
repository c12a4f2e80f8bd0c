import type { ReviewCriterionDto } from '@cc1357/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { initialScores } from './recordings-model';

/** The quality review: a score per active criterion (0–its maximum) and a comment. */
export function ReviewForm({
  criteria,
  busy,
  onSubmit,
}: {
  criteria: readonly ReviewCriterionDto[];
  busy: boolean;
  onSubmit: (review: { scores: Record<string, number>; comment: string }) => void;
}) {
  const { t } = useTranslation();
  const active = criteria.filter((c) => c.active);
  const [scores, setScores] = useState(() => initialScores(active));
  const [comment, setComment] = useState('');
  return (
    <form
      className="panel review-form"
      aria-labelledby="review-form-title"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({ scores, comment });
      }}
    >
      <h3 id="review-form-title">{t('recordings.review')}</h3>
      {active.map((c) => (
        <label className="field" key={c.id}>
          <span>
            {c.label} (0–{c.maxScore})
          </span>
          <input
            type="number"
            name={`score-${c.id}`}
            min={0}
            max={c.maxScore}
            step={1}
            required
            value={scores[c.id] ?? 0}
            onChange={(e) => setScores({ ...scores, [c.id]: Number(e.target.value) })}
          />
        </label>
      ))}
      <label className="field">
        <span>{t('recordings.reviewComment')}</span>
        <textarea
          name="comment"
          rows={3}
          maxLength={4000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || active.length === 0}>
          {t('recordings.reviewSave')}
        </button>
      </div>
    </form>
  );
}
