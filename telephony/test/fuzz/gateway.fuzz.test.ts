import { CLIENT_COMMANDS, type CommandAck } from '@cc1357/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Center, type ConsoleClient, startCenter } from '../support/center';

/**
 * A few hundred generated commands over a real socket.io connection to a real telephony process
 * (its gateway, agents and calls, with pbx-sim, crm-api, PostgreSQL and Redis behind it). Every
 * command gets an ack, ok or a `{ code, message }` error (and a `command.error.v1` for each error);
 * the process still answers a plain command and its health check afterwards.
 */

const NAMES = Object.keys(CLIENT_COMMANDS);

const value = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(null, '', 0, -1, 1e308, true, [], {}),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)), // socket.io carries binary too
);
const payload = fc.oneof(
  value,
  // Payloads some commands take as they are (Ready, Not ready on a break), so some are carried out.
  fc.constantFrom({}, { reason: 'break' }, { reason: 'meal' }),
  fc.record(
    {
      callId: value,
      reason: fc.oneof(fc.constantFrom('break', 'meal', 'training', 'other'), value),
      seconds: fc.oneof(fc.integer({ min: -10, max: 700 }), value),
      held: fc.oneof(fc.boolean(), value),
      muted: fc.oneof(fc.boolean(), value),
    },
    { requiredKeys: [] },
  ),
);

describe('console gateway under generated commands (real telephony)', () => {
  let center: Center;
  let agent: ConsoleClient;

  beforeAll(async () => {
    center = await startCenter();
    await center.startTelephony();
    agent = await center.agentConsole('1001');
    await agent.stateBecomes('notReady');
  });
  afterAll(async () => center?.close());

  it('acks every command, ok or with a clear error, and keeps answering', async () => {
    let sent = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), payload, async (name, body) => {
        const ack = (await agent.command(name, body)) as CommandAck;
        sent += 1;
        if (ack.ok) return;
        refused += 1;
        expect(ack.error.command).toBe(name);
        expect(ack.error.code).toMatch(/^[A-Z_]+$/);
        expect(ack.error.message.length).toBeGreaterThan(0);
        // A refusal the process caused itself (a bug, a backend down) is not a clear answer to bad input.
        expect(['INTERNAL', 'UNAVAILABLE']).not.toContain(ack.error.code);
      }),
      { numRuns: 300 },
    );
    expect(sent).toBe(300);
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(sent); // some generated commands are valid and were carried out
    // Each refusal was also sent as command.error.v1, before its ack (socket.io keeps the order).
    expect(agent.received.filter((r) => r.event === 'command.error.v1')).toHaveLength(refused);

    // Commands without an ack callback (or with a non-function where it goes): refused or carried
    // out all the same, nothing thrown; the next acked command is still answered.
    const noAck = fc.sample(fc.tuple(fc.constantFrom(...NAMES), payload, fc.constantFrom(undefined, 1, 'x')), 100);
    for (const [name, body, notAnAck] of noAck) agent.socket.emit(name, body, notAnAck);

    // Still answering: a plain command and the health check.
    expect(await agent.command('agent.notReady.v1', { reason: 'break' })).toEqual({ ok: true });
    const health = await fetch(`${center.telephony[0]!.url}/health`);
    expect(health.status).toBe(200);
  });

  it('a command no console sends is refused by name as BAD_REQUEST, object prototype names too', async () => {
    // Names socket.io keeps for itself cannot be sent (the client throws), so they are left out.
    const reserved = new Set([
      'connect',
      'connect_error',
      'disconnect',
      'disconnecting',
      'newListener',
      'removeListener',
    ]);
    const unknown = fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'call.answer.v2', 'pop'),
      fc.string({ minLength: 1, maxLength: 120 }),
    );
    const names = fc.sample(unknown, 150).filter((n) => !reserved.has(n) && !NAMES.includes(n));
    const errorsBefore = agent.received.filter((r) => r.event === 'command.error.v1').length;
    for (const name of names) {
      const ack = (await agent.command(name, {})) as CommandAck;
      expect(ack).toMatchObject({ ok: false, error: { command: name, code: 'BAD_REQUEST' } });
      if (!ack.ok) expect(ack.error.message).toContain('unknown command');
    }
    expect(agent.received.filter((r) => r.event === 'command.error.v1').length - errorsBefore).toBe(names.length);
    expect(await agent.command('agent.ready.v1', {})).toEqual({ ok: true });
  });
});
