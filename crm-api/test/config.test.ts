import { readFile } from 'node:fs/promises';
import { parseEnv } from 'node:util';
import { generateTokenKeyPair } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';

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
      popPrewarm: true,
      recordingsDir: 'var/recordings',
      recordingRetentionDays: 365,
      recordingUrlTtlSeconds: 300,
    });
  });

  it('reads the PBX ARI for recordings only as a whole', () => {
    const base = { DATABASE_URL: 'postgres://x@h/db', AUTH_SECRET: '0123456789abcdef' };
    const c = loadConfig({
      ...base,
      PBX_ARI_URL: 'http://pbx:8088',
      PBX_ARI_USERNAME: 'crm',
      PBX_ARI_PASSWORD: 'pw',
      RECORDINGS_DIR: '/srv/rec',
      RECORDING_RETENTION_DAYS: '30',
    });
    expect(c.pbxAri).toEqual({ url: 'http://pbx:8088', username: 'crm', password: 'pw' });
    expect([c.recordingsDir, c.recordingRetentionDays]).toEqual(['/srv/rec', 30]);
    expect(() => loadConfig({ ...base, PBX_ARI_URL: 'http://pbx:8088' })).toThrow(/set all three or none/);
    expect(() => loadConfig({ ...base, RECORDING_RETENTION_DAYS: '0' })).toThrow(/RECORDING_RETENTION_DAYS/);
  });

  it('reads every variable', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgresql://x@h/db',
      REDIS_URL: 'redis://r:6379',
      AUTH_SECRET: 'a-much-longer-secret',
      CRM_PORT: '0',
      TOKEN_TTL_SECONDS: '600',
      LOG_LEVEL: 'debug',
      CRM_HOST: '127.0.0.1',
      READ_AUDIT_COMMIT: 'sync',
      POP_PREWARM: 'off',
    });
    expect(c).toMatchObject({
      popPrewarm: false,
      port: 0,
      tokenTtlSeconds: 600,
      logLevel: 'debug',
      host: '127.0.0.1',
      redisUrl: 'redis://r:6379',
      readAuditCommit: 'sync',
    });
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({
        AUTH_SECRET: 'short',
        CRM_PORT: 'eighty',
        LOG_LEVEL: 'loud',
        REDIS_URL: 'http://x',
        READ_AUDIT_COMMIT: 'later',
        POP_PREWARM: 'yes',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of [
      'DATABASE_URL',
      'AUTH_SECRET',
      'CRM_PORT',
      'LOG_LEVEL',
      'REDIS_URL',
      'READ_AUDIT_COMMIT',
      'POP_PREWARM',
    ])
      expect(message).toContain(name);
    expect(message).toContain('at least 16 characters');
  });
});

describe('production mode (NODE_ENV=production)', () => {
  /** What docker-compose hands crm-api from a `.env` (see docker-compose.yml). */
  const composeEnv = (dotenv: Record<string, string>) => ({
    NODE_ENV: 'production',
    DATABASE_URL: `postgres://cc1357:${dotenv.POSTGRES_PASSWORD ?? ''}@postgres:5432/cc1357`,
    AUTH_PRIVATE_KEY: dotenv.AUTH_PRIVATE_KEY,
    TELEPHONY_PUBLIC_KEY: dotenv.TELEPHONY_PUBLIC_KEY,
  });
  const messageOf = (env: Record<string, string | undefined>) => {
    try {
      loadConfig(env);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as Error).message;
    }
    throw new Error('loadConfig accepted the environment');
  };

  it(".env.example's placeholders are refused, each variable named", async () => {
    const dotenv = parseEnv(await readFile(new URL('../../.env.example', import.meta.url), 'utf8')) as Record<
      string,
      string
    >;
    const message = messageOf(composeEnv(dotenv));
    expect(message).toMatch(/AUTH_PRIVATE_KEY: is a placeholder/);
    expect(message).toMatch(/TELEPHONY_PUBLIC_KEY: is a placeholder/);
    expect(message).toMatch(/DATABASE_URL: its password \(POSTGRES_PASSWORD\) is a placeholder/);
  });

  it('refuses a shared AUTH_SECRET, missing keys, a short database password', () => {
    const message = messageOf({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://cc:Xy7@db/cc',
      AUTH_SECRET: 'a-long-random-looking-secret-9f8e7d',
    });
    expect(message).toMatch(/AUTH_SECRET: must not be set in production/);
    expect(message).toMatch(/AUTH_PRIVATE_KEY: is missing/);
    expect(message).toMatch(/TELEPHONY_PUBLIC_KEY: is missing/);
    expect(message).toMatch(/DATABASE_URL: its password \(POSTGRES_PASSWORD\) is too short/);
  });

  it('refuses keys of the wrong half or kind', async () => {
    const pair = await generateTokenKeyPair();
    const message = messageOf({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://cc:k3Jd9xQ2mZ7vT1pL8wR4@db/cc',
      AUTH_PRIVATE_KEY: pair.publicKey,
      TELEPHONY_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----',
    });
    expect(message).toMatch(/AUTH_PRIVATE_KEY: is not a PEM private key/);
    expect(message).toMatch(/TELEPHONY_PUBLIC_KEY: does not parse/);
  });

  it('starts with generated keys and a real password (PEM on one line, as in .env)', async () => {
    const crm = await generateTokenKeyPair();
    const telephony = await generateTokenKeyPair();
    const oneLine = (pem: string) => pem.trim().replace(/\n/g, '\\n');
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://cc:k3Jd9xQ2mZ7vT1pL8wR4@db/cc',
      AUTH_PRIVATE_KEY: oneLine(crm.privateKey),
      TELEPHONY_PUBLIC_KEY: oneLine(telephony.publicKey),
    });
    expect(config.authSecret).toBe(oneLine(crm.privateKey));
    expect(config.servicePublicKey).toBe(oneLine(telephony.publicKey));
  });
});
