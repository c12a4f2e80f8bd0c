import { signAccessToken, type LoginRequest, type LoginResponse, type UserDto } from '@cc1357/contracts';
import { dummyHash, verifyPassword } from '../domain/password';
import { AppError } from '../errors';
import { writeAudit } from '../repositories/audit';
import { findUserById, findUserByUsername, type UserRow } from '../repositories/users';
import type { Actor, ServiceContext } from './context';

/** One message for unknown user and wrong password: the answer must not reveal which. */
export const LOGIN_FAILED_MESSAGE = '아이디 또는 비밀번호가 올바르지 않습니다';

export function userDtoOf(u: UserRow): UserDto {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, agentId: u.agentId, skills: u.skills };
}

export async function login(ctx: ServiceContext, req: LoginRequest): Promise<LoginResponse> {
  const user = await findUserByUsername(ctx.db, req.username.toLowerCase());
  // Unknown users are checked against a dummy hash so both failures take the same time.
  const ok = await verifyPassword(req.password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !ok || !user.active) {
    ctx.log.info({ username: req.username }, 'login refused');
    throw new AppError('UNAUTHORIZED', LOGIN_FAILED_MESSAGE);
  }
  const now = ctx.now();
  const token = await signAccessToken(
    { sub: user.id, username: user.username, displayName: user.displayName, role: user.role, ...(user.agentId ? { agentId: user.agentId } : {}), skills: user.skills },
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

/** The signed-in user as stored now; service tokens (no user row) are described from their claims. */
export async function me(ctx: ServiceContext, actor: Actor): Promise<UserDto> {
  if (actor.role === 'service') {
    return { id: actor.sub, username: actor.username, displayName: actor.username, role: 'service', agentId: actor.agentId ?? null, skills: actor.skills };
  }
  const user = await findUserById(ctx.db, actor.sub);
  if (!user || !user.active) throw new AppError('UNAUTHORIZED', '사용자 계정을 찾을 수 없습니다');
  return userDtoOf(user);
}
