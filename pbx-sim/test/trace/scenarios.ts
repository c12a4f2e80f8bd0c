/**
 * The reference scenarios recorded on a real Asterisk 22.10.1 by record.ts (issue 9 §5): snoop,
 * transfers across several bridges, recording controls, DTMF in bridges, the dialplan fallback.
 * Each waits for the events that matter before its next request, so every run takes the same path.
 * The dialplan they need is the one pbx-sim simulates (src/model/dialplan.ts), written out in
 * asterisk-instance.ts.
 */
import type { Recorder, ScenarioDef } from './recorder';

type Ev = Record<string, unknown> & { type: string };
const chanId = (e: Ev) => String((e.channel as { id?: string } | undefined)?.id ?? '');

/** `type` about channel `sym` on socket `app` (cc-ivr unless told). */
function on(r: Recorder, type: string, sym: string, app = 'cc-ivr', extra: (e: Ev) => boolean = () => true) {
  return r.waitFor(
    (e, a) => a === app && e.type === type && chanId(e) === r.id(sym) && extra(e),
    `${type} ${sym} @${app}`,
  );
}

/**
 * The caller as in the shared traces: `Local/1357@inbound/n` originated by sim-caller; `{sym;1}`
 * is its phone, `{sym}` the `;2` half in Stasis(cc-ivr,inbound), answered by the app.
 */
async function inboundLocal(r: Recorder, sym: string, callerId: string): Promise<void> {
  await r.req(
    'POST',
    '/channels',
    {
      endpoint: 'Local/1357@inbound/n',
      app: 'sim-caller',
      appArgs: 'caller',
      channelId: `{${sym};1}`,
      otherChannelId: `{${sym}}`,
      callerId,
    },
    'pstn',
  );
  await on(r, 'StasisStart', sym);
  await r.req('POST', `/channels/{${sym}}/answer`);
  await on(r, 'StasisStart', `${sym};1`, 'sim-caller');
}

/** An agent leg `Local/agent@agents/n` (answers at once) originated into cc-ivr. */
async function agentLeg(r: Recorder, sym: string, appArgs = 'agent'): Promise<void> {
  await r.req('POST', '/channels', {
    endpoint: 'Local/agent@agents/n',
    app: 'cc-ivr',
    appArgs,
    channelId: `{${sym}}`,
    otherChannelId: `{${sym};2}`,
    callerId: 'Queue <1357>',
    timeout: 20,
  });
  await on(r, 'StasisStart', sym);
}

/** Named `<sym> bridge`: a bare symbol as `name` would read as a recording name. */
async function bridge(r: Recorder, sym: string, type: string): Promise<void> {
  await r.req('POST', '/bridges', { type, bridgeId: `{${sym}}`, name: `${sym} bridge` });
}

async function add(r: Recorder, bridgeSym: string, syms: string[]): Promise<void> {
  await r.req('POST', `/bridges/{${bridgeSym}}/addChannel`, { channel: syms.map((s) => `{${s}}`).join(',') });
  for (const s of syms)
    await on(r, 'ChannelEnteredBridge', s, 'cc-ivr', (e) => (e.bridge as { id: string }).id === r.id(bridgeSym));
}

async function hangUpCaller(r: Recorder, sym: string): Promise<void> {
  await r.req('DELETE', `/channels/{${sym};1}`, {}, 'caller-phone');
  await on(r, 'StasisEnd', sym);
}

async function hangUp(r: Recorder, sym: string): Promise<void> {
  await r.req('DELETE', `/channels/{${sym}}`);
  await on(r, 'ChannelDestroyed', sym);
}

const CALLER = {
  caller: 'Local/1357@inbound ;2 half, in Stasis(cc-ivr,inbound) (the inbound caller)',
  'caller;1': "the caller's phone: other half, held by sim-caller",
};
const AGENT = {
  agent: 'Local/agent@agents ;1 half, originated into cc-ivr',
  'agent;2': 'dialplan half (Answer, Wait)',
};

export const SCENARIOS: ScenarioDef[] = [
  {
    scenario: 'R1-snoop',
    title:
      'Supervisor listens (snoop on the agent) and coaches (snoop on the caller); the app deletes one snoop, the other ends with its target',
    description:
      'Caller and agent talk in a mixing bridge. A supervisor leg (Local/agent@agents) is originated into cc-ivr. The app snoops the agent (spy=both, appArgs snoop,listen) and bridges the snoop with the supervisor in a second mixing bridge; the app then DELETEs that snoop. A second snoop on the caller (spy=both, whisper=out) joins the supervisor bridge; the caller hangs up, which ends the snoop too. The app hangs up agent and supervisor and destroys both bridges.',
    symbols: {
      ...CALLER,
      ...AGENT,
      sup: 'supervisor leg Local/agent@agents ;1, in cc-ivr',
      'sup;2': 'its dialplan half',
      call: 'mixing bridge caller+agent',
      monitor: 'mixing bridge snoop+supervisor',
      listen: 'snoop on the agent (spy both)',
      coach: 'snoop on the caller (spy both, whisper out)',
    },
    async run(r) {
      await r.open(['cc-ivr', 'sim-caller']);
      await inboundLocal(r, 'caller', '"Kim" <0212345678>');
      await agentLeg(r, 'agent');
      await bridge(r, 'call', 'mixing');
      await add(r, 'call', ['caller', 'agent']);
      await agentLeg(r, 'sup', 'supervisor');
      await r.req('POST', '/channels/{agent}/snoop', {
        spy: 'both',
        app: 'cc-ivr',
        appArgs: 'snoop,listen',
        snoopId: '{listen}',
      });
      await on(r, 'StasisStart', 'listen');
      await bridge(r, 'monitor', 'mixing');
      await add(r, 'monitor', ['listen', 'sup']);
      await r.pause(500);
      await r.req('DELETE', '/channels/{listen}');
      await on(r, 'StasisEnd', 'listen');
      await r.req('POST', '/channels/{caller}/snoop', {
        spy: 'both',
        whisper: 'out',
        app: 'cc-ivr',
        appArgs: 'snoop,whisper',
        snoopId: '{coach}',
      });
      await on(r, 'StasisStart', 'coach');
      await add(r, 'monitor', ['coach']);
      await r.pause(500);
      await hangUpCaller(r, 'caller');
      await on(r, 'StasisEnd', 'coach');
      await r.quiet();
      await hangUp(r, 'agent');
      await hangUp(r, 'sup');
      await r.req('DELETE', '/bridges/{call}');
      await r.req('DELETE', '/bridges/{monitor}');
    },
  },
  {
    scenario: 'R2-attended-transfer',
    title:
      'Attended transfer across three bridges: hold with music, consult, complete (third party joins), first agent leaves',
    description:
      'Caller and agent talk in a mixing bridge (call). The agent consults: the caller is moved to a holding bridge (hold) with MOH, and a play on that holding bridge is tried while the music plays. A second agent (agent2) is originated; agent and agent2 meet in a new mixing bridge (consult), moved out of call. To complete, the MOH stops and the caller is moved from hold into consult (a third party joining a two-party mixing bridge); the first agent is removed and hung up. The caller hangs up; the app hangs up agent2 and destroys the three bridges.',
    symbols: {
      ...CALLER,
      ...AGENT,
      agent2: 'second agent Local/agent@agents ;1, in cc-ivr',
      'agent2;2': 'its dialplan half',
      call: 'mixing bridge caller+agent',
      hold: 'holding bridge for the caller',
      consult: 'mixing bridge agent+agent2, then the caller',
      ann: 'playback on the holding bridge',
    },
    async run(r) {
      await r.open(['cc-ivr', 'sim-caller']);
      await inboundLocal(r, 'caller', '"Kim" <0212345678>');
      await agentLeg(r, 'agent');
      await bridge(r, 'call', 'mixing');
      await add(r, 'call', ['caller', 'agent']);
      await r.pause(300);
      await bridge(r, 'hold', 'holding');
      await add(r, 'hold', ['caller']);
      await r.req('POST', '/bridges/{hold}/moh', { mohClass: 'default' });
      await r.req('POST', '/bridges/{hold}/play', { media: 'sound:hello-world', playbackId: '{ann}' });
      await r.waitFor((e) => e.type === 'PlaybackFinished', 'PlaybackFinished ann');
      await agentLeg(r, 'agent2');
      await bridge(r, 'consult', 'mixing');
      await add(r, 'consult', ['agent', 'agent2']);
      await r.pause(300);
      await r.req('DELETE', '/bridges/{hold}/moh');
      await add(r, 'consult', ['caller']);
      await r.pause(300);
      await r.req('POST', '/bridges/{consult}/removeChannel', { channel: '{agent}' });
      await on(r, 'ChannelLeftBridge', 'agent');
      await hangUp(r, 'agent');
      await r.pause(300);
      await hangUpCaller(r, 'caller');
      await r.quiet();
      await hangUp(r, 'agent2');
      await r.req('DELETE', '/bridges/{call}');
      await r.req('DELETE', '/bridges/{hold}');
      await r.req('DELETE', '/bridges/{consult}');
    },
  },
  {
    scenario: 'R3-recording-controls',
    title: 'Bridge recording paused, unpaused, muted, unmuted and stopped; a channel recording paused and cancelled',
    description:
      'Caller and agent talk in a mixing bridge recorded as rec1 (wav). The app pauses it (GET shows the state), unpauses, mutes, unmutes and stops it, then reads the stored recording. The caller is removed from the bridge and recorded alone as rec2, which is paused, unpaused and cancelled (DELETE /recordings/live: nothing is stored). The caller hangs up; the app hangs up the agent, destroys the bridge and deletes rec1.',
    symbols: {
      ...CALLER,
      ...AGENT,
      call: 'mixing bridge caller+agent',
      rec1: 'bridge recording',
      rec2: 'channel recording of the caller',
    },
    async run(r) {
      await r.open(['cc-ivr', 'sim-caller']);
      await inboundLocal(r, 'caller', '"Kim" <0212345678>');
      await agentLeg(r, 'agent');
      await bridge(r, 'call', 'mixing');
      await add(r, 'call', ['caller', 'agent']);
      await r.req('POST', '/bridges/{call}/record', { name: 'rec1', format: 'wav', ifExists: 'overwrite' });
      await r.waitFor((e) => e.type === 'RecordingStarted', 'RecordingStarted rec1');
      await r.pause(1500);
      await r.req('POST', '/recordings/live/{rec1}/pause');
      await r.req('GET', '/recordings/live/{rec1}');
      await r.pause(500);
      await r.req('DELETE', '/recordings/live/{rec1}/pause');
      await r.req('GET', '/recordings/live/{rec1}');
      await r.pause(500);
      await r.req('POST', '/recordings/live/{rec1}/mute');
      await r.req('GET', '/recordings/live/{rec1}');
      await r.pause(500);
      await r.req('DELETE', '/recordings/live/{rec1}/mute');
      await r.pause(500);
      await r.req('POST', '/recordings/live/{rec1}/stop');
      await r.waitFor((e) => e.type === 'RecordingFinished', 'RecordingFinished rec1');
      await r.req('GET', '/recordings/stored/{rec1}');
      await r.req('POST', '/bridges/{call}/removeChannel', { channel: '{caller}' });
      await on(r, 'ChannelLeftBridge', 'caller');
      await r.req('POST', '/channels/{caller}/record', { name: 'rec2', format: 'wav', ifExists: 'overwrite' });
      await r.waitFor(
        (e) => e.type === 'RecordingStarted' && JSON.stringify(e).includes(r.id('rec2')),
        'RecordingStarted rec2',
      );
      await r.pause(1000);
      await r.req('POST', '/recordings/live/{rec2}/pause');
      await r.pause(300);
      await r.req('DELETE', '/recordings/live/{rec2}/pause');
      await r.pause(500);
      await r.req('DELETE', '/recordings/live/{rec2}');
      await r.quiet();
      await r.req('GET', '/recordings/stored/{rec2}');
      await hangUpCaller(r, 'caller');
      await r.quiet();
      await hangUp(r, 'agent');
      await r.req('DELETE', '/bridges/{call}');
      await r.req('DELETE', '/recordings/stored/{rec1}');
    },
  },
  {
    scenario: 'R4-dtmf-in-bridges',
    title: 'Digits pressed in a holding bridge, a mixing bridge and a mixing,dtmf_events bridge',
    description:
      'Two Local "phones" reach cc-ivr through 1357@inbound: the caller and the agent (each ;1 half held by sim-caller, each ;2 half answered in cc-ivr). The caller presses 1 in a holding bridge. Then caller and agent are bridged in a mixing bridge: the caller presses 2, the agent presses 3. Both move to a mixing,dtmf_events bridge: the caller presses 4, the agent 5. Digits are sent on the ;1 halves (POST /channels/{x;1}/dtmf, as a phone). Both hang up.',
    symbols: {
      ...CALLER,
      agent: 'the agent: Local/1357@inbound ;2 half in cc-ivr',
      'agent;1': "the agent's phone: ;1 half held by sim-caller",
      hold: 'holding bridge',
      call: 'mixing bridge',
      call2: 'mixing,dtmf_events bridge',
    },
    async run(r) {
      await r.open(['cc-ivr', 'sim-caller']);
      await inboundLocal(r, 'caller', '"Kim" <0212345678>');
      await bridge(r, 'hold', 'holding');
      await add(r, 'hold', ['caller']);
      const press = async (who: string, digit: string, heardBy: [string, string][]) => {
        await r.req(
          'POST',
          `/channels/{${who};1}/dtmf`,
          { dtmf: digit, duration: 100 },
          who === 'caller' ? 'caller-phone' : 'agent-phone',
        );
        for (const [sym, app] of heardBy) await on(r, 'ChannelDtmfReceived', sym, app, (e) => e.digit === digit);
        await r.quiet();
      };
      await press('caller', '1', [['caller', 'cc-ivr']]);
      await inboundLocal(r, 'agent', '"Agent" <1001>');
      await bridge(r, 'call', 'mixing');
      await add(r, 'call', ['caller', 'agent']);
      await press('caller', '2', [['caller', 'cc-ivr']]);
      await press('agent', '3', [['agent', 'cc-ivr']]);
      await bridge(r, 'call2', 'mixing,dtmf_events');
      await add(r, 'call2', ['caller', 'agent']);
      await press('caller', '4', [['caller', 'cc-ivr']]);
      await press('agent', '5', [['agent', 'cc-ivr']]);
      await hangUpCaller(r, 'caller');
      await hangUpCaller(r, 'agent');
      await r.req('DELETE', '/bridges/{hold}');
      await r.req('DELETE', '/bridges/{call}');
      await r.req('DELETE', '/bridges/{call2}');
    },
  },
  {
    scenario: 'R6-hold-mute-moh',
    title: 'Channel hold/unhold, mute/unmute, music on hold and silence on Local legs, bridged and alone',
    description:
      'Caller and agent talk in a mixing bridge. The app holds and unholds the caller, then the agent, and mutes/unmutes the caller (direction in). The caller is removed from the bridge and gets music on hold (class default), then silence, each stopped again. The caller hangs up; the app hangs up the agent and destroys the bridge.',
    symbols: { ...CALLER, ...AGENT, call: 'mixing bridge caller+agent' },
    async run(r) {
      await r.open(['cc-ivr', 'sim-caller']);
      await inboundLocal(r, 'caller', '"Kim" <0212345678>');
      await agentLeg(r, 'agent');
      await bridge(r, 'call', 'mixing');
      await add(r, 'call', ['caller', 'agent']);
      for (const [method, path, params] of [
        ['POST', '/channels/{caller}/hold', {}],
        ['DELETE', '/channels/{caller}/hold', {}],
        ['POST', '/channels/{agent}/hold', {}],
        ['DELETE', '/channels/{agent}/hold', {}],
        ['POST', '/channels/{caller}/mute', { direction: 'in' }],
        ['DELETE', '/channels/{caller}/mute', { direction: 'in' }],
      ] as const) {
        await r.req(method, path, params);
        await r.quiet();
      }
      await r.req('POST', '/bridges/{call}/removeChannel', { channel: '{caller}' });
      await on(r, 'ChannelLeftBridge', 'caller');
      for (const [method, path, params] of [
        ['POST', '/channels/{caller}/moh', { mohClass: 'default' }],
        ['DELETE', '/channels/{caller}/moh', {}],
        ['POST', '/channels/{caller}/silence', {}],
        ['DELETE', '/channels/{caller}/silence', {}],
      ] as const) {
        await r.req(method, path, params);
        await r.quiet();
      }
      await hangUpCaller(r, 'caller');
      await r.quiet();
      await hangUp(r, 'agent');
      await r.req('DELETE', '/bridges/{call}');
    },
  },
  {
    scenario: 'R7-blind-transfer',
    title:
      "Blind transfer: a ringing partner leg given up by the app, then a partner that answers takes the agent's place",
    description:
      'Caller and agent talk in a mixing bridge. The app originates partner1 = Local/ring@agents/n (Ringing(), Wait(60)) into cc-ivr and, while it rings, gives it up (DELETE). It then originates partner2 = Local/agent@agents/n (answers at once), removes the agent from the bridge, adds partner2 and hangs up the agent. The caller hangs up; the app hangs up partner2 and destroys the bridge.',
    symbols: {
      ...CALLER,
      ...AGENT,
      partner1: 'Local/ring@agents ;1 half, originated into cc-ivr (rings, never answers)',
      'partner1;2': 'its dialplan half',
      partner2: 'Local/agent@agents ;1 half, originated into cc-ivr (answers)',
      'partner2;2': 'its dialplan half',
      call: 'mixing bridge',
    },
    async run(r) {
      await r.open(['cc-ivr', 'sim-caller']);
      await inboundLocal(r, 'caller', '"Kim" <0212345678>');
      await agentLeg(r, 'agent');
      await bridge(r, 'call', 'mixing');
      await add(r, 'call', ['caller', 'agent']);
      await r.req('POST', '/channels', {
        endpoint: 'Local/ring@agents/n',
        app: 'cc-ivr',
        appArgs: 'partner',
        channelId: '{partner1}',
        otherChannelId: '{partner1;2}',
        callerId: 'Queue <1357>',
        timeout: 30,
      });
      await r.waitFor((e) => e.type === 'Dial' && e.dialstatus === 'RINGING', 'partner1 ringing');
      await r.pause(500);
      await r.req('DELETE', '/channels/{partner1}');
      await on(r, 'ChannelDestroyed', 'partner1');
      await r.quiet();
      await agentLeg(r, 'partner2', 'partner');
      await r.req('POST', '/bridges/{call}/removeChannel', { channel: '{agent}' });
      await on(r, 'ChannelLeftBridge', 'agent');
      await add(r, 'call', ['partner2']);
      await hangUp(r, 'agent');
      await r.pause(300);
      await hangUpCaller(r, 'caller');
      await r.quiet();
      await hangUp(r, 'partner2');
      await r.req('DELETE', '/bridges/{call}');
    },
  },
  {
    scenario: 'R5-dialplan-fallback',
    title: 'Stasis(cc-ivr) with no cc-ivr socket: STASISSTATUS=FAILED and the dialplan goes on (Local channel)',
    description:
      'Only sim-caller is connected. The caller dials 1357@inbound (NoOp, Stasis(cc-ivr,inbound), then the fallback Ringing(), Wait(60)). GET /applications/cc-ivr and GET /channels/{caller} show where things stand; the caller hangs up.',
    symbols: { ...CALLER },
    async run(r) {
      await r.open(['sim-caller']);
      await r.req(
        'POST',
        '/channels',
        {
          endpoint: 'Local/1357@inbound/n',
          app: 'sim-caller',
          appArgs: 'caller',
          channelId: '{caller;1}',
          otherChannelId: '{caller}',
          callerId: '"Kim" <0212345678>',
        },
        'pstn',
      );
      await on(r, 'ChannelVarset', 'caller', 'sim-caller', (e) => e.variable === 'STASISSTATUS');
      await r.quiet();
      await r.req('GET', '/applications/cc-ivr');
      await r.req('GET', '/channels/{caller}');
      await r.req('DELETE', '/channels/{caller;1}', {}, 'caller-phone');
      await on(r, 'ChannelDestroyed', 'caller', 'sim-caller');
    },
  },
];
