import { describe, expect, it } from 'vitest';
import type { BusMessage } from '../../src/adapters/console/bus';
import type { ConsoleSocket } from '../../src/adapters/console/gateway';
import { ConsoleTakeover, deviceLabel, type TakeoverMessage } from '../../src/adapters/console/takeover';
import { testLog } from '../support/log';

/**
 * The takeover's ordering without sockets or Redis: nodes whose bus delivers claims in any order
 * (tests/integration/one-console.test.ts drives the real thing across two processes).
 */
interface FakeSocket {
  id: string;
  connected: boolean;
  events: { event: string; payload: unknown }[];
}

function fakeSocket(id: string): FakeSocket & ConsoleSocket {
  const onDisconnect: (() => void)[] = [];
  const s = {
    id,
    connected: true,
    events: [] as { event: string; payload: unknown }[],
    handshake: { headers: {} },
    emit(event: string, payload: unknown) {
      s.events.push({ event, payload });
      return true;
    },
    disconnect() {
      s.connected = false;
      for (const f of onDisconnect.splice(0)) f();
      return s;
    },
    once(event: string, f: () => void) {
      if (event === 'disconnect') onDisconnect.push(f);
      return s;
    },
  };
  return s as unknown as FakeSocket & ConsoleSocket;
}

/** A node: its takeover, the messages it published, and a way to hand it bus messages. */
function node(clock: () => Promise<number>) {
  const published: TakeoverMessage[] = [];
  const handlers: ((m: BusMessage) => void)[] = [];
  const takeover = new ConsoleTakeover({
    bus: {
      publish: (m) => void published.push(m as TakeoverMessage),
      onMessage: (h) => void handlers.push(h),
    },
    clock,
    log: testLog,
  });
  return { takeover, published, deliver: (m: BusMessage) => handlers.forEach((h) => h(m)) };
}

const replacedOf = (s: FakeSocket) => s.events.filter((e) => e.event === 'session.replaced.v1');

describe('console takeover ordering', () => {
  it('two consoles claiming at once on two nodes: whatever order each node hears the claims in, only the newer stays', async () => {
    for (const order of ['same', 'opposite'] as const) {
      const a = node(async () => 1_000);
      const b = node(async () => 2_000);
      const onA = fakeSocket('sa');
      const onB = fakeSocket('sb');
      await Promise.all([a.takeover.claim('1001', onA), b.takeover.claim('1001', onB)]);
      const [claimA, claimB] = [a.published[0]!, b.published[0]!];
      // Node A hears B's claim first, then its own; node B hears them in the same or the other order.
      a.deliver(claimB);
      a.deliver(claimA);
      for (const m of order === 'same' ? [claimB, claimA] : [claimA, claimB]) b.deliver(m);
      expect(onA.connected, order).toBe(false);
      expect(replacedOf(onA)).toEqual([
        { event: 'session.replaced.v1', payload: { reason: 'replaced', at: claimB.at, device: null } },
      ]);
      expect(onB.connected, order).toBe(true);
      expect(replacedOf(onB)).toEqual([]);
    }
  });

  it('a console whose clock answer comes after a newer claim was heard is replaced at once and claims nothing', async () => {
    let answer: (t: number) => void = () => undefined;
    const slow = node(() => new Promise<number>((r) => (answer = r)));
    const old = fakeSocket('s-old');
    const claiming = slow.takeover.claim('1001', old);
    slow.deliver({
      kind: 'takeover',
      agentId: '1001',
      socketId: 's-new',
      order: 5_000,
      at: '2026-12-02T00:00:00.005Z',
      device: 'Chrome · Windows',
    });
    answer(4_000);
    await claiming;
    expect(old.connected).toBe(false);
    expect(replacedOf(old)[0]?.payload).toMatchObject({ device: 'Chrome · Windows' });
    expect(slow.published).toEqual([]);
  });

  it("claims of other agents, and a console's own claim, replace nothing; a console gone before its claim is skipped", async () => {
    const n = node(async () => 1_000);
    const mine = fakeSocket('s1');
    await n.takeover.claim('1001', mine);
    n.deliver(n.published[0]!);
    n.deliver({
      kind: 'takeover',
      agentId: '1002',
      socketId: 's9',
      order: 9_000,
      at: '2026-12-02T00:00:00Z',
      device: null,
    });
    expect(mine.connected).toBe(true);
    const gone = fakeSocket('s2');
    gone.connected = false;
    await n.takeover.claim('1001', gone);
    expect(n.published).toHaveLength(1);
  });
});

describe('deviceLabel', () => {
  it.each([
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      'Chrome · Windows',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      'Edge · Windows',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Whale/3.28.266.14 Safari/537.36',
      'Whale · Windows',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      'Safari · macOS',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox · Linux'],
    ['node-XMLHttpRequest', null],
    [undefined, null],
  ])('%s → %s', (ua, label) => expect(deviceLabel(ua)).toBe(label));
});
