import { signAccessToken, type LoginRequest, type LoginResponse, type UserDto } from '@cc1357/contracts';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from '../domain/password';
import { HasherBusyError } from '../domain/passwordHasher';
import { AppError } from '../errors';
import { writeAudit } from '../repositories/audit';
import { findUserById, findUserByUsername, replacePasswordHash, type UserRow } from '../repositories/users';
import { levelsOf } from './agents';
import type { Actor, ServiceContext } from './context';
import { TooManyAttempts } from './loginLimits';

/** One message for unknown user and wrong password: the answer must not reveal which. */
export const LOGIN_FAILED_MESSAGE = '아이디 또는 비밀번호가 올바르지 않습니다';

export function userDtoOf(u: UserRow): UserDto {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    agentId: u.agentId,
    skills: u.skills,
    ...levelsOf(u),
  };
}

/**
 * Checks a password and issues a token. The attempt is counted (per account and per address,
 * `address` = the client IP) before any hashing, so a flood is answered 429 without costing
 * the hasher; a busy hasher is a 429 too. A right password on a legacy hash stores a fresh one.
 */
export async function login(ctx: ServiceContext, req: LoginRequest, address = 'unknown'): Promise<LoginResponse> {
  const username = req.username.toLowerCase();
  await ctx.loginLimits?.attempt(username, address);
  const user = await findUserByUsername(ctx.db, username);
  let ok: boolean;
  try {
    // Unknown users are checked against a dummy hash so both failures take the same time.
    ok = await verifyPassword(req.password, user?.passwordHash ?? (await dummyHash()));
  } catch (err) {
    if (err instanceof HasherBusyError) throw new TooManyAttempts(1);
    throw err;
  }
  if (!user || !ok || !user.active) {
    ctx.log.info({ username: req.username, address }, 'login refused');
    throw new AppError('UNAUTHORIZED', LOGIN_FAILED_MESSAGE);
  }
  await ctx.loginLimits?.succeeded(username, address);
  if (needsRehash(user.passwordHash)) {
    // Best effort: a failed rehash leaves the old (still valid) hash for the next login.
    await hashPassword(req.password)
      .then((fresh) => replacePasswordHash(ctx.db, user.id, user.passwordHash, fresh))
      .catch((err: unknown) => ctx.log.warn({ err, user: user.id }, 'password rehash failed'));
  }
  const now = ctx.now();
  const token = await signAccessToken(
    {
      sub: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      ...(user.agentId ? { agentId: user.agentId } : {}),
      skills: user.skills,
      ...levelsOf(user),
      ...(ctx.sessions ? { ver: user.sessionVersion ?? 0 } : {}),
    },
    ctx.authSecret,
    ctx.tokenTtlSeconds,
    now,
  );
  const expiresAt = new Date((Math.floor(now.getTime() / 1000) + ctx.tokenTtlSeconds) * 1000).toISOString();
  await writeAudit(ctx.db, {
    actorId: user.id,
    actorName: user.username,
    actorRole: user.role,
    action: 'auth.login',
    subjectType: 'user',
    subjectId: user.id,
    at: now,
  });
  return { token, expiresAt, user: userDtoOf(user) };
}

/** Ends every session of the signed-in user (their tokens and sockets stop working). */
export async function logout(ctx: ServiceContext, actor: Actor): Promise<void> {
  if (actor.role === 'service') throw new AppError('FORBIDDEN', '서비스 자격은 로그아웃할 수 없습니다');
  await ctx.sessions?.endAll(actor.sub);
  await writeAudit(ctx.db, {
    actorId: actor.sub,
    actorName: actor.username,
    actorRole: actor.role,
    action: 'auth.logout',
    subjectType: 'user',
    subjectId: actor.sub,
    at: ctx.now(),
  });
}

/** The signed-in user as stored now; service tokens (no user row) are described from their claims. */
export async function me(ctx: ServiceContext, actor: Actor): Promise<UserDto> {
  if (actor.role === 'service') {
    return {
      id: actor.sub,
      username: actor.username,
      displayName: actor.username,
      role: 'service',
      agentId: actor.agentId ?? null,
      skills: actor.skills,
    };
  }
  const user = await findUserById(ctx.db, actor.sub);
  if (!user || !user.active) throw new AppError('UNAUTHORIZED', '사용자 계정을 찾을 수 없습니다');
  return userDtoOf(user);
}
