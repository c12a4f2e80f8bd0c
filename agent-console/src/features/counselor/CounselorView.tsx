import type { NotReadyReason } from '@cc1357/contracts';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionContext } from '../../actions';
import type { ApiClient } from '../../api';
import { useShortcuts } from '../../app/useShortcuts';
import { CallPanel } from '../call-panel/CallPanel';
import { CompanyInsights } from '../company-insights/CompanyInsights';
import { ConsultationForm } from '../consultation/ConsultationForm';
import { browserStorage, draftKey, loadDraft } from '../consultation/draft-store';
import { DeskOutreach } from './DeskOutreach';
import { displayPop, type CallOnDesk, type DeskEvent } from '../desk/desk-state';
import { useDesk } from '../desk/useDesk';
import { StateBar } from '../state-bar/StateBar';

/** The counselor's desk: state bar on top, the call and its pop, the consultation form. */
export function CounselorView({ api, userId }: { api: ApiClient; userId: string }) {
  const { t } = useTranslation();
  const { desk, dispatch, commands } = useDesk();
  const [notReadyReason, setNotReadyReason] = useState<NotReadyReason>('break');
  const [submitConsultation, setSubmit] = useState<(() => void) | null>(null);
  const [insertTemplate, setInsertTemplate] = useState<(() => void) | null>(null);
  // useState would call a function argument as an updater; wrap it.
  const registerSubmit = useCallback((submit: (() => void) | null) => setSubmit(() => submit), []);
  const registerTemplate = useCallback((insert: (() => void) | null) => setInsertTemplate(() => insert), []);
  // A write-up without a call (a visitor, an e-mail, a callback made by hand); reopened by
  // itself when a draft of one was left behind (a reload, a crashed tab).
  const [noCallForm, setNoCallForm] = useState(() => loadDraft(browserStorage(), draftKey(userId, null)) !== null);

  const ctx: ActionContext = { desk, notReadyReason, commands, submitConsultation, insertTemplate };
  useShortcuts(ctx);

  const call = desk.call;
  useChosenCompanyPop(api, call, dispatch);
  const showForm = call !== null && call.phase !== 'ringing';
  const pop = call ? displayPop(call) : null;
  return (
    <div className="desk">
      <StateBar ctx={ctx} onReasonChange={setNotReadyReason} />
      <div className="desk-grid">
        <CallPanel ctx={ctx} dispatch={dispatch} />
        <div className="desk-side">
          {showForm ? (
            <ConsultationForm
              key={call.offer.callId}
              api={api}
              userId={userId}
              registerSubmit={registerSubmit}
              registerTemplate={registerTemplate}
              link={{ callId: call.offer.callId, companyId: call.selectedCompanyId, callerNumber: call.offer.callerNumber }}
            />
          ) : noCallForm && !call ? (
            <ConsultationForm
              key="no-call"
              api={api}
              userId={userId}
              registerSubmit={registerSubmit}
              registerTemplate={registerTemplate}
              link={{ callId: null, companyId: null, callerNumber: null }}
              onClose={() => setNoCallForm(false)}
            />
          ) : !call ? (
            <div className="panel">
              <button type="button" className="btn" onClick={() => setNoCallForm(true)} data-testid="open-no-call-form">
                {t('consultation.openNoCall')}
              </button>
            </div>
          ) : null}
          {call && showForm && call.offer.callerNumber ? (
            <DeskOutreach api={api} number={call.offer.callerNumber} companyId={call.selectedCompanyId} callId={call.offer.callId} queue={call.offer.queue} recommendations={pop?.recommendations ?? []} />
          ) : null}
          {pop ? <CompanyInsights pop={pop} /> : null}
        </div>
      </div>
    </div>
  );
}

/** When the counselor picks one of a shared number's companies, load that company's own pop. */
function useChosenCompanyPop(api: ApiClient, call: CallOnDesk | null, dispatch: (event: DeskEvent) => void): void {
  const callId = call?.offer.callId;
  const ambiguous = call?.offer.pop.status === 'ambiguous';
  const companyId = call?.selectedCompanyId ?? null;
  const number = call?.offer.callerNumber ?? null;
  const bizRegNo = call && companyId ? call.offer.pop.companies.find((c) => c.id === companyId)?.bizRegNo : undefined;
  useEffect(() => {
    if (!callId || !ambiguous || !companyId || !bizRegNo) return;
    api.callerPop(number, { bizRegNo, callId }).then(
      (pop) => dispatch({ type: 'popRefined', callId, companyId, pop }),
      () => undefined, // the offered pop stays on screen
    );
  }, [api, callId, ambiguous, companyId, bizRegNo, number, dispatch]);
}
