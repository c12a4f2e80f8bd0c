import { generateTokenKeyPair } from '@cc1357/contracts';

/**
 * `npm run keys -w @cc1357/crm-api`: prints fresh Ed25519 key pairs as .env lines (PEM on one
 * line with \n): crm-api's pair (it signs user tokens; telephony gets only the public half) and
 * telephony's pair (it signs its service tokens; crm-api gets only the public half).
 */
const oneLine = (pem: string) => `"${pem.trim().replace(/\n/g, '\\n')}"`;
const crm = await generateTokenKeyPair();
const telephony = await generateTokenKeyPair();
process.stdout.write(
  [
    `AUTH_PRIVATE_KEY=${oneLine(crm.privateKey)}`,
    `AUTH_PUBLIC_KEY=${oneLine(crm.publicKey)}`,
    `TELEPHONY_PRIVATE_KEY=${oneLine(telephony.privateKey)}`,
    `TELEPHONY_PUBLIC_KEY=${oneLine(telephony.publicKey)}`,
    '',
  ].join('\n'),
);
