import { describe, expect, it } from 'vitest';
import { partnerWebhookDrill } from './lib/partner-webhook';

describe('drill: a slow, then dead partner webhook', () => {
  it('every relay is delivered and accepted once the partner is back and the dead letters are redelivered', async () => {
    const lines: string[] = [];
    const figures = await partnerWebhookDrill({ quick: true, log: (l) => lines.push(l) });
    console.log(`partner-webhook drill: ${JSON.stringify(figures)}`);
    expect({ ...figures, recovery_s: 0 }, lines.join('\n')).toEqual({
      calls_lost: 0,
      consultations_lost: 0,
      events_lost: 0,
      recovery_s: 0,
    });
    expect(figures.recovery_s).toBeGreaterThan(0);
  });
});
