import { z } from 'zod';
import { SkillLevels } from '../vocabulary/skills';

export const ROLES = ['counselor', 'supervisor', 'admin', 'partner', 'service'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/**
 * Claims of the access token crm-api issues at login (EdDSA JWT in production, HS256 with a
 * development secret; see token.ts). telephony's socket gateway verifies it with crm-api's
 * public key; `service` tokens are what telephony signs with its own key for crm-api.
 */
export const TokenClaims = z.object({
  sub: z.string().min(1), // user id
  username: z.string().min(1),
  /** The name colleagues know (e.g. 김상담), shown on the supervisor's floor. */
  displayName: z.string().optional(),
  role: Role,
  /** The agent id (also the phone extension) for users who take calls. */
  agentId: z.string().optional(),
  skills: z.array(z.string()).default([]),
  /** Levels of `skills` that differ from the default (absent in tokens issued before levels). */
  skillLevels: SkillLevels.optional(),
  /**
   * The user's session version when the token was issued (crm-api's login sets it). crm-api and
   * telephony refuse a token whose `ver` is behind the user's current one: logout and
   * deactivation raise it, which ends every session of that user. Tokens without it (service
   * tokens, test tokens signed with a development secret) are not session-checked.
   */
  ver: z.number().int().nonnegative().optional(),
  /** Issued-at (seconds, set by the signer): telephony prefers skills a supervisor changed after it. */
  iat: z.number().optional(),
});
export type TokenClaims = z.infer<typeof TokenClaims>;

export const TOKEN_ISSUER = 'cc1357';
export const TOKEN_AUDIENCE = 'cc1357';
