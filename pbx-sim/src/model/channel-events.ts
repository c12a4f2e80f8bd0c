import type { StasisApps } from './apps';
import { ariTimestamp } from './clock';
import type { ChannelStateName, SimChannel } from './types';

/** A channel as ARI shows it, in events and in answers. */
export function channelJson(ch: SimChannel): Record<string, unknown> {
  return {
    id: ch.id,
    name: ch.name,
    state: ch.state,
    protocol_id: '',
    caller: { ...ch.caller },
    connected: { ...ch.connected },
    accountcode: '',
    dialplan: {
      context: ch.context,
      exten: ch.exten,
      priority: ch.priority,
      app_name: ch.appName,
      app_data: ch.appData,
    },
    creationtime: ariTimestamp(ch.creationtime),
    language: ch.language,
  };
}

/**
 * Publishes what happens to a channel as ARI events, to the apps watching the channel or its
 * endpoint. State and variable changes live here because each one is announced as it is made.
 */
export class ChannelEvents {
  constructor(private readonly apps: StasisApps) {}

  emitChannel(type: string, ch: SimChannel, extra: Record<string, unknown> = {}): void {
    this.apps.deliver(
      type,
      { ...extra, channel: channelJson(ch) },
      {
        channels: [ch.id],
        endpoints: ch.endpoint ? [ch.endpoint] : [],
      },
    );
  }

  emitDial(ch1: SimChannel, status: string): void {
    this.apps.deliver(
      'Dial',
      { dialstatus: status, forward: '', dialstring: ch1.dial?.dialstring ?? '', peer: channelJson(ch1) },
      { channels: [ch1.id], endpoints: ch1.endpoint ? [ch1.endpoint] : [] },
    );
  }

  setState(ch: SimChannel, state: ChannelStateName): void {
    if (ch.state === state) return;
    ch.state = state;
    this.emitChannel('ChannelStateChange', ch);
  }

  setVar(ch: SimChannel, variable: string, value: string): void {
    ch.vars.set(variable, value);
    this.emitChannel('ChannelVarset', ch, { variable, value });
  }
}
