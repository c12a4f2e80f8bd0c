import { SERVER_EVENTS, type ServerEventName, type ServerEventPayload } from '@cc1357/contracts';

/**
 * Every server event is validated at the edge before a feature sees it, with the schema the
 * contract lists it with (SERVER_EVENTS: each event named once, in contracts). A new server
 * event is validated here as soon as it is added there.
 */
export const SERVER_EVENT_SCHEMAS = SERVER_EVENTS;

export type { ServerEventName, ServerEventPayload };
