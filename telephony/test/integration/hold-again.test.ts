import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Center, eventTypes, startCenter, until } from '../support/center';
import { capturedLog } from '../support/captured-log';

/**
 * A caller waits in a holding bridge while a partner center rings; when the partner refuses they
 * hear an apology and go to the general queue — in the same holding bridge. Holding them again
 * must not create that bridge a second time (Asterisk answers 409) and skip the music.
 */
describe('hold after a refused partner transfer over pbx-sim', () => {
  let center: Center;
  const log = capturedLog();
  beforeEach(async () => {
    // Real-time prompts (2 s): each menu surely waits for the digit we press.
    center = await startCenter({ timeScale: 1 });
    await center.startTelephony(center.pbx, { deps: { logger: log.logger } });
  });
  afterEach(async () => center?.close());

  it('re-queues the caller in the existing holding bridge with music, and logs no error', async () => {
    await center.pbx.setPhone('1380', 'reject');
    const caller = await center.pbx.placeCall(center.callers.known[0]!);
    const node = center.telephony[0]!.node;
    const callId = await until(() => center.state.callIdOfChannel(node, caller), 'call record');
    const requests = async () => (await center.pbx.requests!()).filter((r) => r.method === 'POST');
    const playing = async (prompt: string) =>
      (await requests()).some(
        (r) => r.path.endsWith(`/channels/${caller}/play`) && r.query.media?.includes(`/${prompt}`),
      );
    await until(() => playing('main-menu'), 'main menu', 30_000);
    await center.pbx.dtmf(caller, '5');
    await until(() => playing('export-menu'), 'export menu', 30_000);
    await center.pbx.dtmf(caller, '2');

    await until(async () => (await eventTypes(center, callId)).includes('transfer.failed'), 'transfer refused', 30_000);
    await until(async () => (await center.state.getCall(callId))?.state === 'queued', 'back in the queue', 30_000);
    const hold = `${callId}-hold`;
    // The music is (re)started for the queue after the apology, not skipped.
    await until(
      async () => {
        const log = await requests();
        const apology = log.findIndex((r) => r.query.media?.includes('/transfer-failed'));
        return apology >= 0 && log.slice(apology).some((r) => r.path === `/bridges/${hold}/moh`);
      },
      'music on hold after the apology',
      30_000,
    );
    // The music request comes from the effect before the queue entry: wait for the entry too.
    await until(() => center.state.isQueued('general', callId), 'queued in general');
    const bridges = (await (
      await fetch(`${center.pbx.phoneControlUrl}/control/bridges`, {
        headers: {
          authorization: `Basic ${Buffer.from(`${center.pbx.ari.username}:${center.pbx.ari.password}`).toString('base64')}`,
        },
      })
    ).json()) as { id: string; channels: string[]; moh: boolean }[];
    expect(bridges.filter((b) => b.id === hold)).toEqual([expect.objectContaining({ channels: [caller], moh: true })]);
    expect(log.errors()).toEqual([]);
    await center.pbx.hangup(caller);
    await until(async () => (await eventTypes(center, callId)).includes('call.abandoned'), 'abandon recorded');
  });
});
