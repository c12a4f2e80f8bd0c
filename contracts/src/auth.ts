import { z } from 'zod';

export const ROLES = ['counselor', 'supervisor', 'admin', 'partner', 'service'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/**
 * Claims of the short-lived access token crm-api issues at login (HS256 JWT). telephony's
 * socket gateway verifies the same token with the same secret; `service` tokens are what
 * telephony itself presents to crm-api.
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
});
export type TokenClaims = z.infer<typeof TokenClaims>;

export const TOKEN_ISSUER = 'cc1357';
export const TOKEN_AUDIENCE = 'cc1357';
