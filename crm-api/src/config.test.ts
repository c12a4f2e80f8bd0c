import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies defaults', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x@h/db', AUTH_SECRET: '0123456789abcdef' })).toEqual({
      databaseUrl: 'postgres://x@h/db',
      redisUrl: 'redis://127.0.0.1:6379',
      authSecret: '0123456789abcdef',
      port: 4100,
      host: '0.0.0.0',
      tokenTtlSeconds: 28800,
      logLevel: 'info',
      readAuditCommit: 'async',
    });
  });

  it('reads every variable', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgresql://x@h/db', REDIS_URL: 'redis://r:6379', AUTH_SECRET: 'a-much-longer-secret',
      CRM_PORT: '0', TOKEN_TTL_SECONDS: '600', LOG_LEVEL: 'debug', CRM_HOST: '127.0.0.1', READ_AUDIT_COMMIT: 'sync',
    });
    expect(c).toMatchObject({ port: 0, tokenTtlSeconds: 600, logLevel: 'debug', host: '127.0.0.1', redisUrl: 'redis://r:6379', readAuditCommit: 'sync' });
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ AUTH_SECRET: 'short', CRM_PORT: 'eighty', LOG_LEVEL: 'loud', REDIS_URL: 'http://x', READ_AUDIT_COMMIT: 'later' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['DATABASE_URL', 'AUTH_SECRET', 'CRM_PORT', 'LOG_LEVEL', 'REDIS_URL', 'READ_AUDIT_COMMIT']) expect(message).toContain(name);
    expect(message).toContain('at least 16 characters');
  });
});
