import { AriRequestError } from '../../src/adapters/ari/errors';
import type {
  AriChannelInfo,
  AriEndpointInfo,
  AriPort,
  HangupReason,
  OriginateRequest,
  RawAriEvent,
  SnoopRequest,
} from '../../src/adapters/ari/port';

/**
 * An in-memory AriPort for service tests of the call logic: it records every request and lets
 * the test play Asterisk by emitting events. The real-ARI tier is the pbx-sim integration suite.
 */
export class FakeAri implements AriPort {
  readonly requests: string[] = [];
  readonly channels = new Map<string, AriChannelInfo>();
  readonly bridges = new Map<string, string[]>();
  readonly originates: OriginateRequest[] = [];
  readonly plays: { channelId: string; media: string[]; playbackId: string }[] = [];
  listener: (event: RawAriEvent) => void = () => {};
  /** Set to make every play fail with 404 and this message (the channel hung up meanwhile). */
  refusePlays: string | null = null;

  emit(event: RawAriEvent): void {
    this.listener(event);
  }

  private log(line: string): Promise<void> {
    this.requests.push(line);
    return Promise.resolve();
  }

  /** Answers still to fail as a request that timed out (no status), as under a loaded PBX. */
  failAnswers = 0;

  answer(channelId: string) {
    if (this.failAnswers > 0) {
      this.failAnswers--;
      this.requests.push(`answer ${channelId} (timed out)`);
      return Promise.reject(new AriRequestError('channels.answer', 0, 'timed out after 5000 ms'));
    }
    const ch = this.channels.get(channelId);
    if (ch) ch.state = 'Up';
    return this.log(`answer ${channelId}`);
  }
  /** Logged `hangup <id>`, or `hangup <id> <reason>` when one is given. */
  hangup(channelId: string, reason?: HangupReason) {
    this.channels.delete(channelId);
    return this.log(reason ? `hangup ${channelId} ${reason}` : `hangup ${channelId}`);
  }
  play(channelId: string, media: string[], playbackId: string) {
    this.plays.push({ channelId, media, playbackId });
    const logged = this.log(`play ${channelId} ${media.join(',')}`);
    return this.refusePlays ? Promise.reject(new AriRequestError('channels.play', 404, this.refusePlays)) : logged;
  }
  stopPlayback(playbackId: string) {
    return this.log(`stopPlayback ${playbackId}`);
  }
  /** Like Asterisk (ARI-FACTS §7): 409 for an id that exists. */
  createBridge(bridgeId: string, type: 'holding' | 'mixing') {
    if (this.bridges.has(bridgeId))
      return Promise.reject(new AriRequestError('bridges.create', 409, `Bridge with id '${bridgeId}' already exists`));
    this.bridges.set(bridgeId, []);
    return this.log(`createBridge ${type}`);
  }
  /** Like Asterisk: a channel in another bridge moves (leaves that one). */
  addChannels(bridgeId: string, channelIds: string[]) {
    for (const [id, members] of this.bridges)
      if (id !== bridgeId)
        this.bridges.set(
          id,
          members.filter((m) => !channelIds.includes(m)),
        );
    this.bridges.get(bridgeId)?.push(...channelIds);
    return this.log(`addChannels ${bridgeId.endsWith('-mix') ? 'mixing' : 'holding'} ${channelIds.length}`);
  }
  mute(channelId: string, direction: string) {
    return this.log(`mute ${channelId} ${direction}`);
  }
  unmute(channelId: string, direction: string) {
    return this.log(`unmute ${channelId} ${direction}`);
  }
  startMoh(_bridgeId: string) {
    return this.log('startMoh');
  }
  stopMoh(_bridgeId: string) {
    return this.log('stopMoh');
  }
  destroyBridge(bridgeId: string) {
    this.bridges.delete(bridgeId);
    return this.log(`destroyBridge ${bridgeId.endsWith('-mix') ? 'mixing' : 'holding'}`);
  }
  pauseRecording(name: string) {
    return this.log(`pauseRecording ${name}`);
  }
  unpauseRecording(name: string) {
    return this.log(`unpauseRecording ${name}`);
  }
  snoop(request: SnoopRequest) {
    if (!this.channels.has(request.channelId))
      return Promise.reject(new AriRequestError('channels.snoopChannel', 404, 'Provided channel was not found'));
    return this.log(`snoop ${request.channelId} ${request.snoopId} spy=${request.spy} whisper=${request.whisper}`);
  }
  recordBridge(_bridgeId: string, name: string, format: string) {
    return this.log(`record ${name.split('/').slice(0, 1).join('/')} ${format}`);
  }
  /** Set to make originates to this endpoint fail as Asterisk does for a phone with no contact. */
  failOriginateTo: string | null = null;
  originate(request: OriginateRequest) {
    if (request.endpoint === this.failOriginateTo)
      return Promise.reject(new AriRequestError('channels.originate', 500, 'Allocation failed'));
    this.originates.push(request);
    this.channels.set(request.channelId, { id: request.channelId, name: `${request.endpoint}-0001`, state: 'Ringing' });
    return this.log(`originate ${request.endpoint}`);
  }
  async listChannels(): Promise<AriChannelInfo[]> {
    return [...this.channels.values()];
  }
  async playbackExists(_playbackId: string): Promise<boolean> {
    return false;
  }
  async channelExists(channelId: string): Promise<boolean> {
    return this.channels.has(channelId);
  }
  async bridgeChannels(bridgeId: string): Promise<string[] | null> {
    return this.bridges.get(bridgeId) ?? null;
  }
  /** Channels of an endpoint: those whose name starts with `<endpoint>-` (as Asterisk names them). */
  async endpoint(endpoint: string): Promise<AriEndpointInfo | null> {
    const channelIds = [...this.channels.values()].filter((c) => c.name.startsWith(`${endpoint}-`)).map((c) => c.id);
    return { state: 'online', channelIds };
  }
}
