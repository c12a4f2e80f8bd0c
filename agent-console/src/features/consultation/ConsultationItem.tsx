import type { ConsultationDto } from '@cc1357/contracts';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../api';
import { categoryLabel } from '../../i18n/labels';
import { formatKstDateTime } from '../../lib/format';
import { ConsultationEditor } from './ConsultationEditor';

type ItemFields = Pick<ConsultationDto, 'id' | 'category' | 'createdAt' | 'counselorName' | 'outcome' | 'summary'>;

/**
 * One consultation in a list — the pop's recent history, a company's record, search hits: the
 * category, who and when, the outcome and the summary; where an API is given, "edit and history"
 * opens the editor in place. `subject` is what the list adds after the category (a sub-category,
 * or the company a search hit belongs to).
 */
export function ConsultationItem({ item, subject, api }: { item: ItemFields; subject?: ReactNode; api?: ApiClient }) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  return (
    <li>
      <div className="recent-head">
        <span className="tag">{categoryLabel(item.category, i18n.language)}</span>
        {subject}
        <span className="muted recent-meta">
          {formatKstDateTime(item.createdAt)} · {item.counselorName} · {t(`outcomes.${item.outcome}`)}
        </span>
        {api ? (
          <button type="button" className="btn btn-small" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            {t('company.editAndHistory')}
          </button>
        ) : null}
      </div>
      <p className="recent-summary">{item.summary}</p>
      {api && editing ? (
        <ConsultationEditor api={api} consultationId={item.id} onDone={() => setEditing(false)} />
      ) : null}
    </li>
  );
}
