import { describe, expect, it } from 'vitest';
import { moveToHold } from '../../src/app/hold';
import { FakeAri } from '../support/fake-ari';

describe('moveToHold', () => {
  const cases: [string, string[] | null, string[]][] = [
    ['no bridge yet: create, add, music', null, ['createBridge holding', 'addChannels holding 1', 'startMoh']],
    ['bridge left from a transfer with the caller in it: music only', ['caller'], ['startMoh']],
    ['bridge without the caller: add, music', ['someone-else'], ['addChannels holding 1', 'startMoh']],
  ];
  it.each(cases)('%s', async (_name, members, expected) => {
    const ari = new FakeAri();
    if (members) ari.bridges.set('c1-hold', [...members]);
    await moveToHold(ari, 'c1-hold', 'caller');
    expect(ari.requests).toEqual(expected);
    expect(ari.bridges.get('c1-hold')).toContain('caller');
  });

  it('looks at the bridge only when it exists already', async () => {
    const looked: string[] = [];
    class CountingAri extends FakeAri {
      override bridgeChannels(bridgeId: string) {
        looked.push(bridgeId);
        return super.bridgeChannels(bridgeId);
      }
    }
    const ari = new CountingAri();
    await moveToHold(ari, 'c1-hold', 'caller');
    expect(looked).toEqual([]);
    await moveToHold(ari, 'c1-hold', 'caller');
    expect(looked).toEqual(['c1-hold']);
  });

  it('is idempotent', async () => {
    const ari = new FakeAri();
    await moveToHold(ari, 'c1-hold', 'caller');
    await moveToHold(ari, 'c1-hold', 'caller');
    expect(ari.requests).toEqual(['createBridge holding', 'addChannels holding 1', 'startMoh', 'startMoh']);
  });
});
