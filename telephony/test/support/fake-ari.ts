import type { AriChannelInfo, AriPort, OriginateRequest, RawAriEvent } from '../../src/adapters/ari/port';

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

  emit(event: RawAriEvent): void {
    this.listener(event);
  }

  private log(line: string): Promise<void> {
    this.requests.push(line);
    return Promise.resolve();
  }

  answer(channelId: string) {
    const ch = this.channels.get(channelId);
    if (ch) ch.state = 'Up';
    return this.log(`answer ${channelId}`);
  }
  hangup(channelId: string) {
    this.channels.delete(channelId);
    return this.log(`hangup ${channelId}`);
  }
  play(channelId: string, media: string[], playbackId: string) {
    this.plays.push({ channelId, media, playbackId });
    return this.log(`play ${channelId} ${media.join(',')}`);
  }
  stopPlayback(playbackId: string) {
    return this.log(`stopPlayback ${playbackId}`);
  }
  createBridge(bridgeId: string, type: 'holding' | 'mixing') {
    this.bridges.set(bridgeId, []);
    return this.log(`createBridge ${type}`);
  }
  addChannels(bridgeId: string, channelIds: string[]) {
    this.bridges.get(bridgeId)?.push(...channelIds);
    return this.log(`addChannels ${bridgeId.endsWith('-mix') ? 'mixing' : 'holding'} ${channelIds.length}`);
  }
  removeChannel(bridgeId: string, _channelId: string) {
    return this.log(`removeChannel ${bridgeId.endsWith('-mix') ? 'mixing' : 'holding'}`);
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
  recordBridge(_bridgeId: string, name: string, format: string) {
    return this.log(`record ${name.split('/').slice(0, 1).join('/')} ${format}`);
  }
  originate(request: OriginateRequest) {
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
}
