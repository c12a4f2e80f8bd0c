import { randomBytes } from 'node:crypto';
import { PARTNER_IDS, PARTNERS, type PartnerId } from '@cc1357/contracts';
import type { PartnerFile } from '@cc1357/crm-api';

/**
 * The partner centers as the demo configures them for crm-api (its PARTNER_CENTERS_FILE shape):
 * every one of the nine with a webhook on the demo's simulated receiver and a secret minted for
 * the run, dialled at its public number (telephony dials `PJSIP/<digits>` on pbx-sim, where the
 * demo's partner desks answer). Open around the clock unless the demo follows business hours,
 * as 1357 itself does then; a closed partner gets no relay (the console offers a callback).
 */

const EVERY_HOUR = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['00:00-24:00']]),
);

export type PartnerSecrets = Record<PartnerId, string>;

/** A fresh shared secret per partner (crm-api asks for 32+ characters). */
export function mintPartnerSecrets(): PartnerSecrets {
  return Object.fromEntries(PARTNER_IDS.map((id) => [id, randomBytes(24).toString('hex')])) as PartnerSecrets;
}

export function demoPartnerFile(o: {
  webhookUrl: (id: PartnerId) => string;
  secrets: PartnerSecrets;
  alwaysOpen: boolean;
}): PartnerFile {
  return Object.fromEntries(
    PARTNER_IDS.map((id) => [
      id,
      {
        webhookUrl: o.webhookUrl(id),
        secret: o.secrets[id],
        ...(o.alwaysOpen ? { hours: { hours: EVERY_HOUR, holidays: { official: false } } } : {}),
      },
    ]),
  );
}

/** The pbx-sim phone a partner's public number reaches (telephony's `PJSIP/{number}` template). */
export const partnerEndpoint = (id: PartnerId): string => `PJSIP/${PARTNERS[id].number.replace(/\D/g, '')}`;
