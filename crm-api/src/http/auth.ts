import { serviceMayCall, verifyAccessToken, type Role, type TokenClaims } from '@cc1357/contracts';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '../errors';
import type { Actor } from '../services/context';
import type { SessionVersions } from '../services/sessions';
import { VerifiedTokens } from './verifiedTokens';

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
    /** Set by `identify`: the bearer token was already checked (req.actor is its verdict). */
    authChecked?: 'ok' | 'invalid' | 'revoked';
  }
}

export const SESSION_ENDED_MESSAGE = '세션이 종료되었습니다. 다시 로그인하세요';

export interface IdentifyOptions {
  /** Verifies user tokens: crm-api's key (PEM private/public, or the development HMAC secret). */
  userKey: string;
  /** Verifies telephony's service tokens (PEM public key); tokens it verifies must be `service`. */
  serviceKey?: string | undefined;
  sessions: SessionVersions;
  now: () => Date;
}

/**
 * App-wide, before the routes: a bearer token → req.actor, checked once for every route —
 * signature (crm-api's key, or telephony's key for service tokens only; a token that verified is
 * kept until its `exp`, VerifiedTokens), a live session (the
 * token's `ver` against the user's current one), and a service token's route scope (403
 * outside SERVICE_ROUTES). Without a header it does nothing: public routes stay public and
 * `authenticate` answers 401 on the others.
 */
export function identify(options: IdentifyOptions): RequestHandler {
  const verified = new VerifiedTokens();
  const verify = async (token: string | undefined, now: Date): Promise<TokenClaims | null> => {
    if (!token) return null;
    const known = verified.get(token, now);
    if (known) return known;
    let claims = await verifyAccessToken(token, options.userKey, now);
    if (!claims && options.serviceKey) {
      const service = await verifyAccessToken(token, options.serviceKey, now);
      // telephony's key signs service tokens and nothing else.
      claims = service?.role === 'service' ? service : null;
    }
    if (claims) verified.remember(token, claims);
    return claims;
  };
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    if (!header) return next();
    try {
      const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      const claims = await verify(token, options.now());
      if (!claims) {
        req.authChecked = 'invalid';
        return next();
      }
      if (
        claims.role !== 'service' &&
        claims.ver !== undefined &&
        !(await options.sessions.isLive(claims.sub, claims.ver))
      ) {
        req.authChecked = 'revoked';
        return next();
      }
      if (claims.role === 'service' && !serviceMayCall(req.method, req.path)) {
        return next(new AppError('FORBIDDEN', '서비스 자격으로는 이 경로를 호출할 수 없습니다'));
      }
      req.actor = claims;
      req.authChecked = 'ok';
      next();
    } catch (err) {
      next(err);
    }
  };
}

/**
 * Bearer token → req.actor, or 401. Runs before the body is looked at. Behind `identify` (the
 * app) it only reads its verdict; alone (a bare router in a test) it verifies with `secret`.
 */
export function authenticate(secret: string, now: () => Date = () => new Date()): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    if (req.authChecked) {
      if (req.actor) return next();
      return next(
        new AppError('UNAUTHORIZED', req.authChecked === 'revoked' ? SESSION_ENDED_MESSAGE : '로그인이 필요합니다'),
      );
    }
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
