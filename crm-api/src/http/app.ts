import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type pg from 'pg';
import pino, { type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { AppError, toAppError } from '../errors';
import { authRoutes } from '../routes/auth';
import { callerRoutes } from '../routes/callers';
import { consultationRoutes } from '../routes/consultations';
import { healthRoutes } from '../routes/health';
import { internalRoutes } from '../routes/internal';
import { floorRoutes } from '../routes/stats';
import { callbackRoutes } from '../routes/callbacks';
import { companyRoutes } from '../routes/companies';
import { consultationEditRoutes } from '../routes/consultationEdits';
import { importRoutes } from '../routes/imports';
import { ivrRoutes } from '../routes/ivr';
import { programRoutes } from '../routes/programs';
import { relayRoutes } from '../routes/relays';
import { smsRoutes } from '../routes/sms';
import { createCatalogueCache } from '../services/catalogue';
import type { ServiceContext } from '../services/context';

export interface AppDeps {
  db: pg.Pool;
  /** See ServiceContext.readAuditDb. */
  readAuditDb: pg.Pool;
  authSecret: string;
  tokenTtlSeconds?: number;
  logger?: Logger;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** SMS hand-off to BullMQ (startCrmApi wires it when a redisUrl is given). */
  sms?: ServiceContext['sms'];
}

/** The Express app with every route; no listening, no migrations (see startCrmApi). */
export function createApp(deps: AppDeps): Express {
  const log = deps.logger ?? pino({ level: 'silent' });
  const ctx: ServiceContext = {
    db: deps.db,
    readAuditDb: deps.readAuditDb,
    catalogue: createCatalogueCache(),
    log,
    now: deps.now ?? (() => new Date()),
    authSecret: deps.authSecret,
    tokenTtlSeconds: deps.tokenTtlSeconds ?? 28800,
    sms: deps.sms,
  };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    pinoHttp({
      logger: log,
      genReqId: (req) => (req.headers['x-request-id'] as string | undefined) ?? randomUUID(),
      // Tokens and passwords never reach the log.
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug'),
    }),
  );
  app.use(express.json({ limit: '1mb' }));

  app.use(healthRoutes(ctx));
  app.use(authRoutes(ctx));
  app.use(callerRoutes(ctx));
  app.use(consultationRoutes(ctx));
  app.use(internalRoutes(ctx));
  app.use(floorRoutes(ctx));
  app.use(consultationEditRoutes(ctx));
  app.use(companyRoutes(ctx));
  app.use(programRoutes(ctx));
  app.use(smsRoutes(ctx));
  app.use(callbackRoutes(ctx));
  app.use(relayRoutes(ctx));
  app.use(importRoutes(ctx));
  app.use(ivrRoutes(ctx));

  app.use((req, _res, next) => next(new AppError('NOT_FOUND', `${req.method} ${req.path} 경로가 없습니다`)));
  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    const appError = toAppError(err);
    if (appError.code === 'INTERNAL' || appError.code === 'UNAVAILABLE') req.log.error({ err }, 'request failed');
    res.status(appError.status).json(appError.toBody());
  };
  app.use(onError);
  return app;
}
