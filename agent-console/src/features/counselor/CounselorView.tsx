import type { NotReadyReason } from '@cc1357/contracts';
import { useCallback, useEffect, useState } from 'react';
import type { ActionContext } from '../../actions';
import type { ApiClient } from '../../api';
import { useShortcuts } from '../../app/useShortcuts';
import { CallPanel } from '../call-panel/CallPanel';
import { CompanyInsights } from '../company-insights/CompanyInsights';
import { ConsultationForm } from '../consultation/ConsultationForm';
import { displayPop, type CallOnDesk, type DeskEvent } from '../desk/desk-state';
import { useDesk } from '../desk/useDesk';
import { StateBar } from '../state-bar/StateBar';

/** The counselor's desk: state bar on top, the call and its pop, the consultation form. */
export function CounselorView({ api }: { api: ApiClient }) {
  const { desk, dispatch, commands } = useDesk();
  const [notReadyReason, setNotReadyReason] = useState<NotReadyReason>('break');
  const [submitConsultation, setSubmit] = useState<(() => void) | null>(null);
  // useState would call a function argument as an updater; wrap it.
  const registerSubmit = useCallback((submit: (() => void) | null) => setSubmit(() => submit), []);

  const ctx: ActionContext = { desk, notReadyReason, commands, submitConsultation };
  useShortcuts(ctx);

  const call = desk.call;
  useChosenCompanyPop(api, call, dispatch);
  const showForm = call !== null && call.phase !== 'ringing';
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
              registerSubmit={registerSubmit}
              link={{ callId: call.offer.callId, companyId: call.selectedCompanyId, callerNumber: call.offer.callerNumber }}
            />
          ) : null}
          {call ? <CompanyInsights pop={displayPop(call)} /> : null}
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
