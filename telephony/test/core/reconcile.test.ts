import { describe, expect, it } from 'vitest';
import { queueScore } from '../../src/core/acd';
import { type LiveCall, newCall } from '../../src/core/call';
import { type ChannelNow, type HereNow, type Repair, reconcile } from '../../src/core/reconcile';

/** After an ARI gap or a restart, one call against what Asterisk lists now: a table of cases. */
const T0 = new Date('2026-11-26T01:00:00.000Z');
const base = newCall({ callId: 'c1', node: 'n1', callerChannelId: 'caller', callerNumber: '01012345678' }, T0);
const enqueuedAt = T0.toISOString();
const queued: LiveCall = {
  ...base,
  state: 'queued',
  queue: 'fund',
  priority: 0,
  enqueuedAt,
  holdingBridgeId: 'c1-hold',
};
const offering: LiveCall = { ...queued, state: 'offering', agentId: '1001', agentChannelId: 'agent' };
const connected: LiveCall = { ...offering, state: 'connected', mixingBridgeId: 'c1-mix' };
const transferring: LiveCall = {
  ...base,
  state: 'transferring',
  partnerChannelId: 'partner',
  holdingBridgeId: 'c1-hold',
};
const transferred: LiveCall = { ...transferring, state: 'transferred', mixingBridgeId: 'c1-mix' };

const nothingHere: HereNow = { ringTimerArmed: false, ivrSession: false, busy: false, queued: false };
const channels = (entries: Record<string, string>) =>
  new Map<string, ChannelNow>(Object.entries(entries).map(([id, state]) => [id, { state }]));
const event = (e: Extract<Repair, { type: 'event' }>['event']): Repair[] => [{ type: 'event', event: e }];

type Row = [string, LiveCall, Record<string, string>, Partial<HereNow>, Repair[]];
const rows: Row[] = [
  ['an ended call is left alone', { ...base, state: 'ended' }, {}, {}, []],
  ['the caller vanished: they hung up', queued, {}, {}, event({ type: 'callerHangup' })],
  ['the caller vanished mid-call too', connected, { agent: 'Up' }, {}, event({ type: 'callerHangup' })],
  [
    'ringing agent leg gone: the offer failed',
    offering,
    { caller: 'Up' },
    {},
    event({ type: 'agentLost', agentChannelId: 'agent', reason: 'failed' }),
  ],
  [
    'agent answered during the gap',
    offering,
    { caller: 'Up', agent: 'Up' },
    {},
    event({ type: 'agentAnswered', agentChannelId: 'agent' }),
  ],
  ['still ringing, timed here: wait', offering, { caller: 'Up', agent: 'Ringing' }, { ringTimerArmed: true }, []],
  [
    'still ringing, nobody times it: ring timeout',
    offering,
    { caller: 'Up', agent: 'Ringing' },
    {},
    event({ type: 'ringTimeout', agentChannelId: 'agent' }),
  ],
  [
    'connected, agent leg gone: agent hung up',
    connected,
    { caller: 'Up' },
    {},
    event({ type: 'agentHangup', agentChannelId: 'agent' }),
  ],
  ['connected, both legs there: nothing', connected, { caller: 'Up', agent: 'Up' }, {}, []],
  [
    'queued but lost its queue entry: back in with its score',
    queued,
    { caller: 'Up' },
    { queued: false },
    [{ type: 'requeue', queue: 'fund', score: queueScore(enqueuedAt, 0) }],
  ],
  ['queued and in the queue: nothing', queued, { caller: 'Up' }, { queued: true }, []],
  [
    'partner leg gone while ringing: transfer failed',
    transferring,
    { caller: 'Up' },
    {},
    event({ type: 'partnerLost', channelId: 'partner', reason: 'failed' }),
  ],
  [
    'partner answered during the gap',
    transferring,
    { caller: 'Up', partner: 'Up' },
    {},
    event({ type: 'partnerAnswered', channelId: 'partner' }),
  ],
  ['partner still ringing: nothing', transferring, { caller: 'Up', partner: 'Ringing' }, {}, []],
  [
    'bridged partner gone: partner hung up',
    transferred,
    { caller: 'Up' },
    {},
    event({ type: 'partnerHangup', channelId: 'partner' }),
  ],
  ['bridged partner there: nothing', transferred, { caller: 'Up', partner: 'Up' }, {}, []],
  [
    'self-service with nobody here working on it: end politely',
    { ...base, state: 'selfService' },
    { caller: 'Up' },
    {},
    [{ type: 'hangupCaller' }],
  ],
  [
    'self-service confirmed by the IVR here: resume it',
    { ...base, state: 'selfService' },
    { caller: 'Up' },
    { ivrSession: true },
    [{ type: 'resumeIvr' }],
  ],
  [
    'self-service still worked on here: nothing',
    { ...base, state: 'selfService' },
    { caller: 'Up' },
    { busy: true },
    [],
  ],
  [
    'announcing with nobody here: end politely',
    { ...base, state: 'announcing' },
    { caller: 'Up' },
    {},
    [{ type: 'hangupCaller' }],
  ],
  [
    'in the IVR with its session here: resume it',
    base,
    { caller: 'Up' },
    { ivrSession: true },
    [{ type: 'resumeIvr' }],
  ],
  ['in the IVR after a restart: the menu again', base, { caller: 'Up' }, {}, [{ type: 'restartIvr' }]],
];

describe('reconcile: one call after a gap', () => {
  it.each(rows)('%s', (_name, call, now, here, repairs) => {
    expect(reconcile(call, channels(now), { ...nothingHere, ...here })).toEqual(repairs);
  });
});
