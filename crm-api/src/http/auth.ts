import { verifyAccessToken, type Role } from '@cc1357/contracts';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '../errors';
import type { Actor } from '../services/context';

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
  }
}

/** Bearer token → req.actor, or 401. Runs before the body is looked at. */
export function authenticate(secret: string, now: () => Date = () => new Date()): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const claims = await verifyAccessToken(match?.[1], secret, now());
    if (!claims) return next(new AppError('UNAUTHORIZED', '로그인이 필요합니다'));
    req.actor = claims;
    next();
  };
}

/** 403 unless the actor has one of the roles. */
export function allow(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.actor) return next(new AppError('UNAUTHORIZED', '로그인이 필요합니다'));
    if (!roles.includes(req.actor.role)) return next(new AppError('FORBIDDEN', '이 작업에 대한 권한이 없습니다'));
    next();
  };
}

export function actorOf(req: Request): Actor {
  if (!req.actor) throw new AppError('UNAUTHORIZED', '로그인이 필요합니다');
  return req.actor;
}
