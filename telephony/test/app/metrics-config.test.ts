import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/app/config';

const good = {
  ARI_URL: 'http://127.0.0.1:8088/',
  ARI_USERNAME: 'cc',
  ARI_PASSWORD: 'secret',
  CRM_API_URL: 'http://127.0.0.1:4100',
  AUTH_SECRET: '0123456789abcdef0123',
};

describe('METRICS_PORT / METRICS_HOST', () => {
  it('serves no /metrics unless METRICS_PORT is set (an empty value counts as unset)', () => {
    expect(loadConfig(good).metrics).toBeUndefined();
    expect(loadConfig({ ...good, METRICS_PORT: '' }).metrics).toBeUndefined();
  });

  it('binds to loopback unless METRICS_HOST says otherwise', () => {
    expect(loadConfig({ ...good, METRICS_PORT: '9464' }).metrics).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(loadConfig({ ...good, METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' }).metrics).toEqual({
      port: 9464,
      host: '0.0.0.0',
    });
  });

  it('names a bad port', () => {
    expect(() => loadConfig({ ...good, METRICS_PORT: 'ninety' })).toThrowError(ConfigError);
    expect(() => loadConfig({ ...good, METRICS_PORT: '70000' })).toThrowError(/METRICS_PORT/);
  });
});
