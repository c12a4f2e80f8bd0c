import type { ConsoleAction } from './types';

export const answerAction: ConsoleAction = {
  id: 'answer',
  labelKey: 'actions.answer',
  shortcut: 'F4',
  enabled: ({ desk, online }) => online && desk.pending === null && desk.call?.phase === 'ringing',
  perform: ({ desk, commands }) => (desk.call ? commands.answer(desk.call.offer.callId) : undefined),
};

/** F8 rather than F5: a hang-up key that reloads the page when the handler is not there yet would drop the screen mid-call. */
export const hangupAction: ConsoleAction = {
  id: 'hangup',
  labelKey: 'actions.hangup',
  shortcut: 'F8',
  enabled: ({ desk, online }) =>
    online && desk.pending === null && (desk.call?.phase === 'connected' || desk.call?.phase === 'ringing'),
  perform: ({ desk, commands }) => (desk.call ? commands.hangup(desk.call.offer.callId) : undefined),
};

export const saveConsultationAction: ConsoleAction = {
  id: 'saveConsultation',
  labelKey: 'actions.saveConsultation',
  shortcut: 'F9',
  enabled: ({ submitConsultation }) => submitConsultation !== null,
  perform: ({ submitConsultation }) => submitConsultation?.(),
};

/** F7: the category's summary template, so the write-up starts with the right questions. */
export const insertTemplateAction: ConsoleAction = {
  id: 'insertTemplate',
  labelKey: 'actions.insertTemplate',
  shortcut: 'F7',
  enabled: ({ insertTemplate }) => insertTemplate !== null,
  perform: ({ insertTemplate }) => insertTemplate?.(),
};
