import type { StasisApps } from './apps';
import { channelJson, type ChannelEvents } from './channel-events';
import type { SimChannel } from './types';

/** A channel entering and leaving a Stasis app: the app's own session with the channel. */
export class StasisSessions {
  constructor(
    private readonly apps: StasisApps,
    private readonly events: ChannelEvents,
  ) {}

  /** False when the app is not connected (the channel's dialplan then goes on without it). */
  enter(ch: SimChannel, app: string, args: string[]): boolean {
    ch.appName = 'Stasis';
    ch.appData = [app, ...args].join(',');
    // A snoop channel is put into the app directly (stasis_app_exec), not by the Stasis()
    // dialplan application, so nothing sets STASISSTATUS on it (observed on 22.10.1).
    const viaDialplanApp = ch.tech !== 'Snoop';
    // Stasis() clears STASISSTATUS first and sets FAILED when the app is missing (trace R5).
    if (viaDialplanApp) this.events.setVar(ch, 'STASISSTATUS', '');
    if (!app || !this.apps.isActive(app)) {
      if (viaDialplanApp) this.events.setVar(ch, 'STASISSTATUS', 'FAILED');
      return false;
    }
    ch.stasisApp = app;
    this.apps.subscribeChannel(app, ch.id, 'stasis');
    this.emit('StasisStart', ch, app, { args });
    return true;
  }

  exit(ch: SimChannel): void {
    const app = ch.stasisApp;
    if (!app) return;
    this.emit('StasisEnd', ch, app);
    ch.stasisApp = null;
    this.apps.unsubscribeChannel(app, ch.id, 'stasis');
    if (ch.tech !== 'Snoop') this.events.setVar(ch, 'STASISSTATUS', 'SUCCESS');
  }

  /**
   * StasisStart/StasisEnd belong to the app's own session with the channel: other apps that
   * watch the channel (e.g. the one that originated the other half of a Local pair) never see them.
   */
  private emit(
    type: 'StasisStart' | 'StasisEnd',
    ch: SimChannel,
    app: string,
    extra: Record<string, unknown> = {},
  ): void {
    this.apps.deliver(type, { ...extra, channel: channelJson(ch) }, { toApp: app });
  }
}
