import { afterEach, beforeEach, describe, it } from 'vitest';
import { type Center, startCenter } from '../support/center';
import { realAsteriskPbx } from '../support/real-asterisk';
import { callerAbandonsInQueue, callerHangsUpInIvr } from '../support/scenarios';

// The Local-channel driver (callers steered over ARI alone, no SIP) over pbx-sim with the
// production dialplan's `1357@from-trunk` → Stasis(callcenter,inbound). The real Asterisk tier
// itself, with SIPp callers and phones, is test/real (TEST_ASTERISK_PREFIX).
describe('real-Asterisk driver (Local-channel callers) over pbx-sim', () => {
  let center: Center;
  beforeEach(async () => {
    const { startPbxSim } = await import('@cc1357/pbx-sim');
    const { testLog } = await import('../support/log');
    const { TIME_SCALE } = await import('../support/center');
    let closeSim: () => Promise<void> = async () => {};
    center = await startCenter({
      pbx: async () => {
        const sim = await startPbxSim({
          timeScale: TIME_SCALE,
          logger: testLog,
          dialplan: { local: { '1357@from-trunk': { kind: 'stasis', app: 'callcenter', args: ['inbound'] } } },
        });
        closeSim = () => sim.close();
        const driver = await realAsteriskPbx({
          url: sim.url,
          username: sim.username,
          password: sim.password,
          inbound: 'Local/1357@from-trunk',
          autoAnswerAgents: [],
        });
        return { ...driver, close: async () => (await driver.close(), await closeSim()) };
      },
    });
    await center.startTelephony();
  });
  afterEach(async () => center?.close());

  it('caller hangs up in the IVR', () => callerHangsUpInIvr(center));
  it('caller abandons in the queue', () => callerAbandonsInQueue(center));
});
