import type { NotReadyReason } from '@cc1357/contracts';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionContext } from '../../actions';
import type { ApiClient } from '../../api';
import { useShortcuts } from '../../app/useShortcuts';
import { useConnectionStatus } from '../../realtime';
import { CallPanel } from '../call-panel/CallPanel';
import { CompanyInsights } from '../company-insights/CompanyInsights';
import { ConsultationForm } from '../consultation/ConsultationForm';
import { browserStorage, clearDraft, draftKey, loadDraft } from '../consultation/draft-store';
import { categoryOfQueue } from '../consultation/draft';
import { DeskOutreach } from './DeskOutreach';
import { displayPop, type CallOnDesk, type DeskEvent } from '../desk/desk-state';
import { useDesk } from '../desk/useDesk';
import { StateBar } from '../state-bar/StateBar';
import { SupervisedNotice } from '../supervisor/SupervisedNotice';
import { useLatestEvent, useRealtime } from '../../realtime';
import { RingAlert } from '../ring';
import { WrapUpBar } from '../wrap-up/WrapUpBar';
import { MyDaySection } from '../my-day/MyDayPanel';
import { MyDayButton, useMyDayToggle } from '../my-day/MyDayToggle';
import { useWrapUpSync } from '../wrap-up/useWrapUpSync';

/**
 * The counselor's desk: state bar on top, the call and its pop, the consultation form.
 * `shown`: the desk is the view on screen (it stays mounted behind the others); `onShowDesk` brings it forward.
 */
export function CounselorView({
  api,
  userId,
  shown = true,
  onShowDesk = () => undefined,
}: {
  api: ApiClient;
  userId: string;
  shown?: boolean;
  onShowDesk?: () => void;
}) {
  const { t } = useTranslation();
  const rt = useRealtime();
  const { desk, dispatch, commands } = useDesk();
  useWrapUpSync(desk);
  // The desk phone as Asterisk's registrar sees it (absent when no AMI watcher reports).
  const phone = useLatestEvent('phone.state.v1')?.value ?? null;
  const [notReadyReason, setNotReadyReason] = useState<NotReadyReason>('break');
  const [submitConsultation, setSubmit] = useState<(() => void) | null>(null);
  const [insertTemplate, setInsertTemplate] = useState<(() => void) | null>(null);
  // useState would call a function argument as an updater; wrap it.
  const registerSubmit = useCallback((submit: (() => void) | null) => setSubmit(() => submit), []);
  const registerTemplate = useCallback((insert: (() => void) | null) => setInsertTemplate(() => insert), []);
  // A write-up without a call (a visitor, an e-mail, a callback made by hand); reopened by
  // itself when a draft of one was left behind (a reload, a crashed tab).
  const [noCallForm, setNoCallForm] = useState(() => loadDraft(browserStorage(), draftKey(userId, null)) !== null);

  const online = useConnectionStatus().state === 'connected';
  const ctx: ActionContext = { desk, online, notReadyReason, commands, submitConsultation, insertTemplate };
  useShortcuts(ctx);
  // 내 하루 (issue 16): the counselor's own figures and calls, Shift+F2 while the desk is on screen.
  const myDay = useMyDayToggle(shown);

  const call = desk.call;
  useChosenCompanyPop(api, call, dispatch);
  const showForm = call !== null && call.phase !== 'ringing';
  const pop = call ? displayPop(call) : null;
  // In wrap-up with no call on screen (the page was reloaded): the call's write-up comes back from its draft.
  const recoveredCallId = !call && desk.agent?.state === 'wrapUp' ? desk.agent.callId : null;
  return (
    <div className="desk">
      <RingAlert call={call} deskShown={shown} onShowDesk={onShowDesk} />
      <StateBar ctx={ctx} onReasonChange={setNotReadyReason} phone={phone} />
      <SupervisedNotice />
      <WrapUpBar
        desk={desk}
        online={online}
        onExtend={(callId, seconds) => void rt.command('agent.wrapUp.extend.v1', { callId, seconds })}
        onCode={(callId, code) => void rt.command('agent.wrapUp.code.v1', { callId, code })}
        onDiscard={(callId) => {
          clearDraft(browserStorage(), draftKey(userId, callId));
          void rt.command('agent.wrapUp.release.v1', { callId });
          if (call?.offer.callId === callId) dispatch({ type: 'callDismissed' });
        }}
      />
      <div className="desk-grid">
        <CallPanel ctx={ctx} dispatch={dispatch} userId={userId} api={api} />
        <div className="desk-side">
          <div className="inline-field">
            <MyDayButton open={myDay.open} onToggle={myDay.toggle} buttonRef={myDay.buttonRef} />
          </div>
          {showForm ? (
            <ConsultationForm
              key={call.offer.callId}
              api={api}
              userId={userId}
              registerSubmit={registerSubmit}
              registerTemplate={registerTemplate}
              link={{
                callId: call.offer.callId,
                companyId: call.selectedCompanyId,
                callerNumber: call.offer.callerNumber,
              }}
              initialCategory={call.offer.transfer?.category ?? categoryOfQueue(call.offer.queue)}
              onSaved={() => dispatch({ type: 'writeUpSaved', callId: call.offer.callId })}
            />
          ) : recoveredCallId ? (
            <ConsultationForm
              key={recoveredCallId}
              api={api}
              userId={userId}
              registerSubmit={registerSubmit}
              registerTemplate={registerTemplate}
              link={{ callId: recoveredCallId, companyId: null, callerNumber: null }}
              onSaved={() => void rt.command('agent.wrapUp.release.v1', { callId: recoveredCallId })}
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
            <DeskOutreach
              api={api}
              number={call.offer.callerNumber}
              contacts={pop ? (pop.contacts ?? (pop.contact ? [pop.contact] : [])) : []}
              companyId={call.selectedCompanyId}
              callId={call.offer.callId}
              queue={call.offer.queue}
              recommendations={pop?.recommendations ?? []}
            />
          ) : null}
          {pop ? <CompanyInsights pop={pop} /> : null}
        </div>
      </div>
      <MyDaySection api={api} open={myDay.open} onClose={myDay.close} headingRef={myDay.headingRef} />
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
