import {
  AgentStateV1,
  CallConnectedV1,
  CallEndedV1,
  CallOfferedV1,
  CommandErrorV1,
  FloorSnapshotV1,
  IvrFlowSetV1,
  type ServerToClientEvents,
} from '@cc1357/contracts';
import type { z } from 'zod';

/**
 * Every server event is validated at the edge before a feature sees it. The map must name
 * every event of the contract: a new server event fails the console's typecheck until it is
 * listed here (one line), so nothing reaches a feature unvalidated.
 */
export const SERVER_EVENT_SCHEMAS: { [E in keyof ServerToClientEvents]: z.ZodType<Parameters<ServerToClientEvents[E]>[0]> } = {
  'agent.state.v1': AgentStateV1,
  'call.offered.v1': CallOfferedV1,
  'call.connected.v1': CallConnectedV1,
  'call.ended.v1': CallEndedV1,
  'floor.snapshot.v1': FloorSnapshotV1,
  'command.error.v1': CommandErrorV1,
  'ivr.flowSet.v1': IvrFlowSetV1,
};

export type ServerEventName = keyof ServerToClientEvents;
export type ServerEventPayload<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>[0];
