import { type IvrDropoutReport, seoulDate, signAccessToken } from '@cc1357/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Center, SECRET, eventTypes, startCenter, until } from '../support/center';

/**
 * A caller who hangs up during a prompt. pbx-sim, like Asterisk 22 (ARI-FACTS §13), reports the
 * hang-up as ChannelHangupRequest → PlaybackFinished `failed` → StasisEnd. The failed prompt was
 * not heard: the IVR must not go on to the next node, play to the gone channel, or report the
 * caller as having left at a node they never reached.
 */
describe('a hang-up during an IVR prompt over pbx-sim', () => {
  let center: Center;
  beforeEach(async () => {
    // Slow media (a 2 s sound lasts 20 s) so the hang-up surely lands inside the notice.
    center = await startCenter({ timeScale: 10 });
    await center.startTelephony();
  });
  afterEach(async () => center?.close());

  it('stops the IVR at the notice, plays nothing more, and the drop-out report counts the notice', async () => {
    const node = center.telephony[0]!.node;
    const caller = await center.pbx.placeCall(center.callers.unknown[0]!);
    const callId = await until(() => center.state.callIdOfChannel(node, caller), 'call record');
    const plays = async () =>
      (await center.pbx.requests!()).filter((r) => r.method === 'POST' && r.path.endsWith(`/channels/${caller}/play`));
    await until(async () => (await plays()).length === 1, 'the notice playing');
    await center.pbx.hangup(caller);
    await until(async () => (await eventTypes(center, callId)).includes('call.ended'), 'call.ended in crm');

    const { rows } = await center.db.query<{ node: string }>(
      "SELECT data->>'nodeId' AS node FROM call_events WHERE call_id = $1 AND type = 'ivr.step' ORDER BY at, (data->>'seq')::int",
      [callId],
    );
    expect(rows.map((r) => r.node)).toEqual(['notice']);
    expect(await plays()).toHaveLength(1);
    expect(await eventTypes(center, callId)).not.toContain('ivr.finished');

    const token = await signAccessToken({ sub: 'sup', username: 'sup', role: 'supervisor', skills: [] }, SECRET, 600);
    const res = await fetch(`${center.crmUrl}/api/stats/ivr-dropout?date=${seoulDate(new Date())}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const report = (await res.json()) as IvrDropoutReport;
    expect(report.byLastNode.map((n) => [n.nodeId, n.calls])).toEqual([['notice', 1]]);
  });
});
