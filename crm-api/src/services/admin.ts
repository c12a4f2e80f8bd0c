import type { LoginLockDto, UserDto } from '@cc1357/contracts';
import { AppError } from '../errors';
import { writeAudit } from '../repositories/audit';
import { setUserActive } from '../repositories/users';
import { userDtoOf } from './auth';
import type { Actor, ServiceContext } from './context';

/**
 * The admin's security actions, each audited: lifting a login lock and (de)activating a user.
 */
export async function liftLoginLock(
  ctx: ServiceContext,
  actor: Actor,
  kind: LoginLockDto['kind'],
  key: string,
): Promise<void> {
  if (!(await ctx.loginLimits?.unlock(kind, key))) throw new AppError('NOT_FOUND', '해당 잠금이 없습니다');
  await writeAudit(ctx.db, {
    actorId: actor.sub,
    actorName: actor.username,
    actorRole: actor.role,
    action: 'auth.unlock',
    subjectType: `login-${kind}`,
    subjectId: key,
    at: ctx.now(),
  });
}

export async function setUserActiveAsAdmin(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  active: boolean,
): Promise<UserDto> {
  if (!active && id === actor.sub) {
    throw new AppError('BAD_REQUEST', '자기 자신은 비활성화할 수 없습니다', [{ path: 'id', message: 'is yourself' }]);
  }
  const user = await setUserActive(ctx.db, id, active);
  if (!user) throw new AppError('NOT_FOUND', '사용자가 없습니다');
  // The trigger ended the sessions in the database; this process forgets its cached version now.
  ctx.sessions?.forget(id);
  await writeAudit(ctx.db, {
    actorId: actor.sub,
    actorName: actor.username,
    actorRole: actor.role,
    action: `user.${active ? 'activate' : 'deactivate'}`,
    subjectType: 'user',
    subjectId: id,
    at: ctx.now(),
  });
  return userDtoOf(user);
}
