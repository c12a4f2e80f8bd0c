import { TelephonyError } from '../core/errors';

/**
 * Who picks up an agent's phone when the console clicks Answer. With real SIP/WebRTC phones the
 * phone answers itself (nothing to do); with pbx-sim we ask its steering API to answer the
 * simulated phone, which then enters the app as the answered agent leg.
 */
export interface PhoneDriver {
  answer(agentId: string): Promise<void>;
}

export const sipPhoneDriver: PhoneDriver = { answer: async () => {} };

export function simPhoneDriver(controlUrl: string, auth: { username: string; password: string }): PhoneDriver {
  const basic = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  return {
    async answer(agentId) {
      const endpoint = encodeURIComponent(`PJSIP/${agentId}`);
      let res: Response;
      try {
        res = await fetch(`${controlUrl}/control/phones/${endpoint}/answer`, {
          method: 'POST',
          headers: { authorization: basic },
          signal: AbortSignal.timeout(3_000),
        });
      } catch (err) {
        throw new TelephonyError('UNAVAILABLE', `phone simulator unreachable: ${String(err)}`);
      }
      if (res.status === 404 || res.status === 409)
        throw new TelephonyError('INVALID_STATE', `phone PJSIP/${agentId} is not ringing`);
      if (!res.ok) throw new TelephonyError('UNAVAILABLE', `phone simulator answered HTTP ${res.status}`);
    },
  };
}
