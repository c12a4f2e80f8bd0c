export {
  connectRealtime,
  isUnauthorized,
  type Realtime,
  type ConnectionStatus,
  type ConnectionState,
  type RealtimeOptions,
} from './connection';
export { normalizeAck } from './ack';
export type { ServerEventName, ServerEventPayload } from './schemas';
export {
  RealtimeProvider,
  useRealtime,
  useOptionalRealtime,
  useRealtimeEvent,
  useConnectionStatus,
  useLatestEvent,
} from './RealtimeProvider';
