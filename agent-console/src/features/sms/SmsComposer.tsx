import {
  isMobileNumber,
  type CategoryCode,
  type ProgramCalendar,
  type ProgramDto,
  type Recommendation,
  type SmsTemplate,
} from '@cc1357/contracts';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiClient } from '../../api';
import { PhoneNumber } from '../../app/PhoneNumber';
import { formatKstDateTime } from '../../lib/format';
import { useLoaded } from '../../lib/useLoaded';
import { previewOf, smsBytes, smsKind, togglePick } from './sms-model';
import { useSmsHistory } from './useSmsHistory';
import { CategoryOptions } from '../../i18n/CategoryOptions';
import { recommendationReason } from '../company-insights/recommendation-reason';

export interface SmsComposerProps {
  api: ApiClient;
  /** The number to text (the caller's, or a contact's mobile). */
  number: string;
  companyId?: string | null;
  recommendations?: readonly Recommendation[];
  /** Start on this template (the policy calendar page starts on `calendar`). */
  initialTemplate?: SmsTemplate;
  calendarWeeks?: number;
  idPrefix: string;
}

/** One empty catalogue, so the memo of known programs is not rebuilt every render. */
const NO_PROGRAMS: ProgramDto[] = [];

type Send =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'sent' }
  | { kind: 'optedOut'; message: string }
  | { kind: 'failed'; message: string };

/**
 * Text the caller the programs discussed: pick recommended ones or from the catalogue (or the
 * coming weeks' calendar, or free text), preview with length, send, and watch it be delivered.
 * An opted-out number (409) says so and cannot be sent to again from here.
 */
export function SmsComposer({
  api,
  number,
  companyId = null,
  recommendations = [],
  initialTemplate = 'programs',
  calendarWeeks = 4,
  idPrefix,
}: SmsComposerProps) {
  const { t, i18n } = useTranslation();
  const [template, setTemplate] = useState<SmsTemplate>(initialTemplate);
  const [picked, setPicked] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [category, setCategory] = useState<CategoryCode | ''>('');
  const [calendar, setCalendar] = useState<ProgramCalendar | null>(null);
  const [send, setSend] = useState<Send>({ kind: 'idle' });
  const [key, setKey] = useState(() => `sms-${globalThis.crypto.randomUUID()}`);
  const { messages, refresh } = useSmsHistory(api, number);
  const mobile = isMobileNumber(number);

  const catalogueLoad = useLoaded(
    () => (template === 'programs' && category !== '' ? api.programs({ category }) : null),
    [api, template, category],
  );
  // A category that failed to load offers none of its programs (not the previous category's).
  const catalogue = catalogueLoad.error ? NO_PROGRAMS : (catalogueLoad.value ?? NO_PROGRAMS);
  useEffect(() => {
    if (template !== 'calendar' || calendar) return;
    api.calendar({ weeks: calendarWeeks }).then(setCalendar, () => undefined);
  }, [api, template, calendar, calendarWeeks]);

  const known = useMemo(() => {
    const map = new Map<string, ProgramDto>();
    for (const r of recommendations) map.set(r.program.id, r.program);
    for (const p of catalogue) map.set(p.id, p);
    return map;
  }, [recommendations, catalogue]);
  const pickedPrograms = picked.map((id) => known.get(id)).filter((p): p is ProgramDto => p !== undefined);
  const preview = previewOf(template, { programs: pickedPrograms, text, calendar });
  const bytes = smsBytes(preview);
  const kind = smsKind(bytes);
  const blocked = !mobile || send.kind === 'optedOut';
  const canSend = !blocked && preview !== '' && kind !== 'tooLong' && send.kind !== 'sending';

  async function submit() {
    if (!canSend) return;
    setSend({ kind: 'sending' });
    try {
      await api.sendSms({
        idempotencyKey: key,
        callerNumber: number,
        companyId,
        template,
        ...(template === 'programs' ? { programIds: picked } : {}),
        ...(template === 'calendar' ? { weeks: calendarWeeks } : {}),
        ...(template === 'free' ? { text: text.trim() } : {}),
      });
      setSend({ kind: 'sent' });
      setKey(`sms-${globalThis.crypto.randomUUID()}`); // the next message is a new one
      setPicked([]);
      refresh();
    } catch (error) {
      const apiError = asApiError(error);
      setSend(
        apiError.status === 409
          ? { kind: 'optedOut', message: apiError.message }
          : { kind: 'failed', message: apiError.message },
      );
    }
  }

  const id = (name: string) => `${idPrefix}-${name}`;
  const programChoice = (p: ProgramDto, reason?: string) => (
    <li key={p.id}>
      <label className="check">
        <input
          type="checkbox"
          checked={picked.includes(p.id)}
          disabled={blocked}
          onChange={() => setPicked((list) => togglePick(list, p.id))}
          data-program={p.id}
        />{' '}
        <span>
          {p.name}{' '}
          <span className="muted small">
            ({p.opensOn}~{p.closesOn})
          </span>
          {reason ? <span className="muted small block">{reason}</span> : null}
        </span>
      </label>
    </li>
  );

  return (
    <div className="sms" data-testid="sms-composer">
      <p className="small">
        {t('sms.to')}{' '}
        <strong>
          <PhoneNumber number={number} />
        </strong>
      </p>
      {!mobile ? (
        <p className="alert alert-warn" role="note" data-testid="sms-not-mobile">
          {t('sms.notMobile')}
        </p>
      ) : null}
      {send.kind === 'optedOut' ? (
        <p className="alert alert-error" role="alert" data-testid="sms-opted-out">
          <strong>{t('sms.optedOut')}</strong> {send.message}
        </p>
      ) : null}
      <fieldset className="inline-choices" disabled={blocked}>
        <legend>{t('sms.template')}</legend>
        {(['programs', 'calendar', 'free'] as const).map((tpl) => (
          <label key={tpl} className="check">
            <input
              type="radio"
              name={id('template')}
              value={tpl}
              checked={template === tpl}
              onChange={() => setTemplate(tpl)}
            />{' '}
            {t(`sms.templates.${tpl}`)}
          </label>
        ))}
      </fieldset>
      {template === 'programs' ? (
        <div className="sms-programs">
          {recommendations.length > 0 ? (
            <fieldset>
              <legend>{t('sms.recommended')}</legend>
              <ul className="plain">
                {recommendations
                  .slice(0, 6)
                  .map((r) => programChoice(r.program, recommendationReason(r, t, i18n.language)))}
              </ul>
            </fieldset>
          ) : null}
          <div className="field">
            <label htmlFor={id('category')}>{t('sms.catalogue')}</label>
            <select
              id={id('category')}
              value={category}
              disabled={blocked}
              onChange={(e) => setCategory(e.target.value as CategoryCode | '')}
            >
              <option value="">{t('sms.chooseCategory')}</option>
              <CategoryOptions />
            </select>
          </div>
          {category !== '' ? (
            catalogue.length === 0 ? (
              <p className="muted small">{t('sms.noPrograms')}</p>
            ) : (
              <ul className="plain scroll-list">
                {catalogue
                  .filter((p) => !recommendations.some((r) => r.program.id === p.id))
                  .map((p) => programChoice(p))}
              </ul>
            )
          ) : null}
        </div>
      ) : null}
      {template === 'free' ? (
        <div className="field">
          <label htmlFor={id('text')}>{t('sms.text')}</label>
          <textarea
            id={id('text')}
            rows={3}
            maxLength={1000}
            value={text}
            disabled={blocked}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
      ) : null}
      <div className="sms-preview">
        <div className="muted small" id={id('preview-label')}>
          {t('sms.preview')} ·{' '}
          <span data-testid="sms-length">
            {t('sms.length', { bytes, kind: kind === 'tooLong' ? t('sms.tooLong') : kind })}
          </span>
        </div>
        <pre aria-labelledby={id('preview-label')} data-testid="sms-preview">
          {preview || t('sms.emptyPreview')}
        </pre>
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={!canSend}
          onClick={() => void submit()}
          data-testid="sms-send"
        >
          {send.kind === 'sending' ? t('sms.sending') : t('sms.send')}
        </button>
        {send.kind === 'failed' ? (
          <span className="alert alert-error" role="alert">
            {t('sms.failed', { message: send.message })}
          </span>
        ) : null}
        {send.kind === 'sent' ? (
          <span className="alert alert-ok" role="status">
            {t('sms.queued')}
          </span>
        ) : null}
      </div>
      {messages.length > 0 ? (
        <table className="table compact" data-testid="sms-history">
          <caption>{t('sms.history')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sms.sentAt')}</th>
              <th scope="col">{t('sms.content')}</th>
              <th scope="col">{t('sms.status')}</th>
            </tr>
          </thead>
          <tbody>
            {messages.slice(0, 5).map((m) => (
              <tr key={m.id} data-sms={m.id} data-status={m.status}>
                <td className="small">{formatKstDateTime(m.createdAt)}</td>
                <td className="small">{m.body.split('\n').slice(1, 3).join(' / ') || m.body}</td>
                <td>
                  <span className={`tag tag-sms-${m.status}`}>{t(`sms.statuses.${m.status}`)}</span>
                  {m.error ? <div className="muted small">{m.error}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
