import type { ApiClient } from '../../api';
import { useRealtime } from '../../realtime';
import { CallbacksView } from './CallbacksView';

/**
 * The callbacks screen as the app mounts it: the list with a dial button that places the call
 * through telephony's socket (`call.dial.v1`), for a counselor who has a phone.
 */
export function CallbacksScreen(props: {
  api: ApiClient;
  me: { username: string; role: string };
  hasPhone: boolean;
  onDialed: () => void;
}) {
  const rt = useRealtime();
  return (
    <CallbacksView
      api={props.api}
      me={props.me}
      dial={props.hasPhone ? (command) => rt.command('call.dial.v1', command) : undefined}
      onDialed={props.onDialed}
    />
  );
}
