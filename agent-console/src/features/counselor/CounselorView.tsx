import type { NotReadyReason } from '@cc1357/contracts';
import { useCallback, useState } from 'react';
import type { ActionContext } from '../../actions';
import type { ApiClient } from '../../api';
import { useShortcuts } from '../../app/useShortcuts';
import { CallPanel } from '../call-panel/CallPanel';
import { CompanyInsights } from '../company-insights/CompanyInsights';
import { ConsultationForm } from '../consultation/ConsultationForm';
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
          {call ? <CompanyInsights pop={call.offer.pop} /> : null}
        </div>
      </div>
    </div>
  );
}
