import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type Express } from 'express';
import helmet from 'helmet';
import type pg from 'pg';
import pino, { type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { AppError, toAppError } from '../errors';
import { adminRoutes } from '../routes/admin';
import { authRoutes } from '../routes/auth';
import { callerRoutes } from '../routes/callers';
import { consultationRoutes } from '../routes/consultations';
import { docsRoutes } from '../routes/docs';
import { healthRoutes, type ReadinessProbes } from '../routes/health';
import type { CrmMetrics } from '../metrics/crmMetrics';
import { httpMetrics } from '../metrics/httpMetrics';
import { internalRoutes } from '../routes/internal';
import { floorRoutes } from '../routes/stats';
import { callbackRoutes } from '../routes/callbacks';
import { companyRoutes } from '../routes/companies';
import { consultationEditRoutes } from '../routes/consultationEdits';
import { importRoutes } from '../routes/imports';
import { ivrRoutes } from '../routes/ivr';
import { programRoutes } from '../routes/programs';
import { recordingRoutes } from '../routes/recordings';
import { partnerRoutes } from '../routes/partners';
import { relayRoutes } from '../routes/relays';
import { reportRoutes } from '../routes/reports';
import { meRoutes } from '../routes/me';
import { consultationAnalysisRoutes } from '../routes/consultationAnalysis';
import { smsRoutes } from '../routes/sms';
import { createCatalogueCache } from '../services/catalogue';
import type { ServiceContext } from '../services/context';
import { createLoginLimits, TooManyAttempts, type LoginLimitOptions } from '../services/loginLimits';
import { createSessionVersions } from '../services/sessions';
import { partnerCenters, type PartnerCenters } from '../domain/partnerCenters';
import { identify } from './auth';

export interface AppDeps {
  db: pg.Pool;
  /** See ServiceContext.readAuditDb. */
  readAuditDb: pg.Pool;
  /** See ServiceContext.reportsDb (default `db`). */
  reportsDb?: pg.Pool;
  /** Signs and verifies user tokens: a PEM Ed25519 private key (production) or a development HMAC secret. */
  authSecret: string;
  /** telephony's PEM public key: its service tokens verify with it (and reach only SERVICE_ROUTES). */
  servicePublicKey?: string;
  tokenTtlSeconds?: number;
  /**
   * The pool the login counters write through (default `db`). startCrmApi gives them their own
   * small, asynchronously committing pool: a login flood then queues there, not in front of
   * every other request's queries.
   */
  loginDb?: pg.Pool;
  /** Login attempt limits (tests lower them). */
  loginLimits?: LoginLimitOptions;
  /** How long a user's session version is cached per process (ms, default 2000). */
  sessionCacheMs?: number;
  logger?: Logger;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** SMS hand-off to BullMQ (startCrmApi wires it when a redisUrl is given). */
  sms?: ServiceContext['sms'];
  /** Partner centers (default: the nine with no webhooks). */
  partners?: PartnerCenters;
  /** Relay package delivery (startCrmApi wires it when a redisUrl is given). */
  relayDelivery?: ServiceContext['relayDelivery'];
  /** Request latency by route goes here (startCrmApi passes it; `/metrics` serves it on its own port). */
  metrics?: CrmMetrics;
  /** Readiness checks beside PostgreSQL (startCrmApi adds `redis` when it runs the BullMQ side). */
  readiness?: ReadinessProbes;
  /** Call recordings (startCrmApi wires them from the recordings directory). */
  recordings?: ServiceContext['recordings'];
}

/** The Express app with every route; no listening, no migrations (see startCrmApi). */
export function createApp(deps: AppDeps): Express {
  const log = deps.logger ?? pino({ level: 'silent' });
  const ctx: ServiceContext = {
    db: deps.db,
    readAuditDb: deps.readAuditDb,
    ...(deps.reportsDb ? { reportsDb: deps.reportsDb } : {}),
    catalogue: createCatalogueCache(),
    log,
    now: deps.now ?? (() => new Date()),
    authSecret: deps.authSecret,
    tokenTtlSeconds: deps.tokenTtlSeconds ?? 28800,
    sms: deps.sms,
    partners: deps.partners ?? partnerCenters(),
    relayDelivery: deps.relayDelivery,
    recordings: deps.recordings,
    sessions: createSessionVersions(deps.db, deps.sessionCacheMs),
    loginLimits: createLoginLimits(deps.loginDb ?? deps.db, deps.loginLimits),
  };
  const app = express();
  if (deps.metrics) app.use(httpMetrics(deps.metrics));
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // The usual headers (nosniff, HSTS, frame-ancestors, a deny-all CSP for a JSON API, …).
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    }),
  );
  app.use(
    pinoHttp({
      logger: log,
      genReqId: (req) => (req.headers['x-request-id'] as string | undefined) ?? randomUUID(),
      // Tokens and passwords never reach the log.
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug',
    }),
  );
  // Partner systems sign the exact bytes they send: their routes get the raw body (express.json
  // then leaves it alone) and parse it themselves once the signature holds (routes/partners.ts).
  app.use('/api/partners', express.raw({ type: () => true, limit: '1mb' }));
  app.use(express.json({ limit: '1mb' }));
  app.use(
    identify({ userKey: deps.authSecret, serviceKey: deps.servicePublicKey, sessions: ctx.sessions!, now: ctx.now }),
  );

  app.use(healthRoutes(ctx, deps.readiness));
  app.use(docsRoutes());
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
  app.use(partnerRoutes(ctx));
  app.use(importRoutes(ctx));
  app.use(ivrRoutes(ctx));
  app.use(adminRoutes(ctx));
  app.use(recordingRoutes(ctx));
  app.use(reportRoutes(ctx));
  app.use(consultationAnalysisRoutes(ctx));
  app.use(meRoutes(ctx));

  app.use((req, _res, next) => next(new AppError('NOT_FOUND', `${req.method} ${req.path} 경로가 없습니다`)));
  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    const appError = toAppError(err);
    if (appError.code === 'INTERNAL' || appError.code === 'UNAVAILABLE') req.log.error({ err }, 'request failed');
    if (appError instanceof TooManyAttempts) res.set('Retry-After', String(appError.retryAfterSeconds));
    res.status(appError.status).json(appError.toBody());
  };
  app.use(onError);
  return app;
}
