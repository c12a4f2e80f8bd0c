import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/app/config';

const good = {
  ARI_URL: 'http://127.0.0.1:8088/',
  ARI_USERNAME: 'cc',
  ARI_PASSWORD: 'secret',
  CRM_API_URL: 'http://127.0.0.1:4100',
  AUTH_SECRET: '0123456789abcdef0123',
};

describe('loadConfig', () => {
  it('applies defaults', () => {
    const c = loadConfig(good);
    expect(c).toMatchObject({ ari: { url: 'http://127.0.0.1:8088', app: 'callcenter' }, port: 4200, ringTimeoutSeconds: 15, wrapUpSeconds: 10, phoneDriver: { kind: 'sip' } });
  });

  it('names every bad variable in one message', () => {
    expect(() => loadConfig({ ...good, ARI_URL: 'nope', AUTH_SECRET: 'short', RING_TIMEOUT_SECONDS: '-1' })).toThrowError(ConfigError);
    try {
      loadConfig({ ...good, ARI_URL: 'nope', AUTH_SECRET: 'short', RING_TIMEOUT_SECONDS: '-1' });
    } catch (err) {
      const message = (err as Error).message;
      for (const name of ['ARI_URL', 'AUTH_SECRET', 'RING_TIMEOUT_SECONDS']) expect(message).toContain(name);
    }
  });

  it('needs the pbx-sim control URL for the sim phone driver', () => {
    expect(() => loadConfig({ ...good, PHONE_DRIVER: 'sim' })).toThrowError(/PBX_SIM_CONTROL_URL/);
    expect(loadConfig({ ...good, PHONE_DRIVER: 'sim', PBX_SIM_CONTROL_URL: 'http://127.0.0.1:8088/' }).phoneDriver).toEqual({ kind: 'sim', controlUrl: 'http://127.0.0.1:8088' });
  });

  it('takes the partner dial string as a template with {number}', () => {
    expect(loadConfig(good)).toMatchObject({ partnerDialTemplate: 'PJSIP/{number}', partnerRingTimeoutSeconds: 30 });
    expect(loadConfig({ ...good, PARTNER_DIAL_TEMPLATE: 'PJSIP/{number}@partner-trunk', PARTNER_RING_TIMEOUT_SECONDS: '20' })).toMatchObject({ partnerDialTemplate: 'PJSIP/{number}@partner-trunk', partnerRingTimeoutSeconds: 20 });
    expect(() => loadConfig({ ...good, PARTNER_DIAL_TEMPLATE: 'PJSIP/1380' })).toThrowError(/PARTNER_DIAL_TEMPLATE: must contain \{number\}/);
  });
});
