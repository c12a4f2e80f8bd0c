import type { CallRelayCommandV1, CallTransferCommandV1, CommandAck, NotReadyReason } from '@cc1357/contracts';
import { useMemo, useReducer } from 'react';
import type { DeskCommands } from '../../actions';
import { useRealtime, useRealtimeEvent } from '../../realtime';
import { INITIAL_DESK, deskReducer, type DeskCommand, type DeskEvent, type DeskState } from './desk-state';

/** Wires the desk reducer to the socket: events in, commands out with their acks fed back. */
export function useDesk(): { desk: DeskState; dispatch: (event: DeskEvent) => void; commands: DeskCommands } {
  const rt = useRealtime();
  const [desk, dispatch] = useReducer(deskReducer, INITIAL_DESK);

  useRealtimeEvent('agent.state.v1', (agent) => dispatch({ type: 'agentState', agent }));
  useRealtimeEvent('call.offered.v1', (offer) => dispatch({ type: 'callOffered', offer }));
  useRealtimeEvent('call.pop.v1', (pop) => dispatch({ type: 'callPop', pop }));
  useRealtimeEvent('call.connected.v1', (connected) => dispatch({ type: 'callConnected', connected }));
  useRealtimeEvent('call.ended.v1', (ended) => dispatch({ type: 'callEnded', ended }));
  useRealtimeEvent('call.controls.v1', (controls) => dispatch({ type: 'callControls', controls }));
  useRealtimeEvent('call.monitored.v1', (monitored) => dispatch({ type: 'callMonitored', monitored }));
  useRealtimeEvent('command.error.v1', (error) => dispatch({ type: 'commandError', error }));
  useRealtimeEvent('call.transferTargets.v1', (targets) => dispatch({ type: 'transferTargets', targets }));
  useRealtimeEvent('call.consult.v1', (consult) => dispatch({ type: 'callConsult', consult }));

  const commands = useMemo<DeskCommands>(() => {
    async function send(command: DeskCommand, run: () => Promise<CommandAck>): Promise<CommandAck> {
      dispatch({ type: 'commandStarted', command });
      const ack = await run();
      dispatch({ type: 'commandFinished', command, ack });
      return ack;
    }
    return {
      ready: () => send('agent.ready.v1', () => rt.command('agent.ready.v1', {})),
      notReady: (reason: NotReadyReason) =>
        send('agent.notReady.v1', () => rt.command('agent.notReady.v1', { reason })),
      answer: (callId: string) => send('call.answer.v1', () => rt.command('call.answer.v1', { callId })),
      hangup: (callId: string) => send('call.hangup.v1', () => rt.command('call.hangup.v1', { callId })),
      hold: (callId: string, held: boolean) => send('call.hold.v1', () => rt.command('call.hold.v1', { callId, held })),
      mute: (callId: string, muted: boolean) =>
        send('call.mute.v1', () => rt.command('call.mute.v1', { callId, muted })),
      recordingPause: (callId: string, paused: boolean) =>
        send('call.recordingPause.v1', () => rt.command('call.recordingPause.v1', { callId, paused })),
      // The dialog opens at once; the targets (queues, Ready counselors) arrive as an event.
      openTransfer: async (callId: string) => {
        dispatch({ type: 'transferOpened', callId });
        return rt.command('call.transferTargets.v1', { callId });
      },
      transfer: (command: CallTransferCommandV1) =>
        send('call.transfer.v1', () => rt.command('call.transfer.v1', command)),
      consult: (callId: string, what: 'complete' | 'cancel' | 'swap' | 'conference') =>
        send('call.consult.v1', () => rt.command(`call.consult.${what}.v1`, { callId })),
      relay: (command: CallRelayCommandV1) => send('call.relay.v1', () => rt.command('call.relay.v1', command)),
    };
  }, [rt]);

  return { desk, dispatch, commands };
}
