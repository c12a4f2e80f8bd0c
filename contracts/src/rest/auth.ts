import { z } from 'zod';
import { SkillLevels } from '../vocabulary/skills';
import { Role } from '../auth/claims';
import { IsoInstant } from '../vocabulary/time';

/* ---------- login (POST /api/auth/login, GET /api/me) ---------- */

export const LoginRequest = z.object({
  username: z.string().trim().min(1, '아이디를 입력하세요').max(64),
  password: z.string().min(1, '비밀번호를 입력하세요').max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const UserDto = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  agentId: z.string().nullable(),
  skills: z.array(z.string()),
  /** Levels of `skills` that differ from the default (1–5; absent = all at the default). */
  skillLevels: SkillLevels.optional(),
});
export type UserDto = z.infer<typeof UserDto>;

export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: IsoInstant,
  user: UserDto,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/* ---------- login locks (admins) ---------- */

/** An account or an address that may not try to log in until `lockedUntil` (too many attempts). */
export const LoginLockDto = z.object({
  kind: z.enum(['account', 'address']),
  /** The username, or the client IP address. */
  key: z.string(),
  /** Attempts counted in the current window (over the limit, hence the lock). */
  attempts: z.number().int(),
  /** When the lock began (the attempt over the limit). */
  lockedSince: IsoInstant,
  lockedUntil: IsoInstant,
});
export type LoginLockDto = z.infer<typeof LoginLockDto>;

export const LoginLocksResponse = z.object({ locks: z.array(LoginLockDto) });
export type LoginLocksResponse = z.infer<typeof LoginLocksResponse>;

/* ---------- sessions (telephony → crm-api) ---------- */

/** telephony → crm-api: are these consoles' sessions still live? (POST /api/internal/sessions/check) */
export const SessionRef = z.object({ sub: z.string().min(1).max(64), ver: z.number().int().nonnegative() });
export type SessionRef = z.infer<typeof SessionRef>;
export const SessionCheckRequest = z.object({ sessions: z.array(SessionRef).max(5000) });
export type SessionCheckRequest = z.infer<typeof SessionCheckRequest>;
/** The sessions of the request that are over (logged out, user deactivated or changed). */
export const SessionCheckResponse = z.object({ revoked: z.array(SessionRef) });
export type SessionCheckResponse = z.infer<typeof SessionCheckResponse>;
