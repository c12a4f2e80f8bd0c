import { describe, expect, it } from 'vitest';
import { loadAmiWatchConfig } from '../../src/adapters/ami/watch';

const env = {
  AMI_HOST: 'asterisk',
  AMI_SECRET: 's3cret',
  CRM_API_URL: 'http://crm-api:4100/',
  AUTH_SECRET: 'x'.repeat(16),
};

describe('AMI watcher configuration', () => {
  it('reads the environment with the stack defaults', () => {
    expect(loadAmiWatchConfig(env)).toEqual({
      ami: { host: 'asterisk', port: 5038, username: 'telephony', secret: 's3cret' },
      phones: ['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008'],
      redis: { url: 'redis://127.0.0.1:6379', prefix: 'cc1357:' },
      crmApiUrl: 'http://crm-api:4100',
      authSecret: 'x'.repeat(16),
      logLevel: 'info',
    });
  });

  it('follows AGENT_EXTENSIONS like Asterisk does, and its default when compose passes it empty', () => {
    expect(loadAmiWatchConfig({ ...env, AGENT_EXTENSIONS: '2001 2002' }).phones).toEqual(['2001', '2002']);
    expect(loadAmiWatchConfig({ ...env, AGENT_EXTENSIONS: '' }).phones).toHaveLength(8);
  });

  it('names every bad variable at once', () => {
    expect(() => loadAmiWatchConfig({ AMI_PORT: 'x', AUTH_SECRET: 'short' })).toThrow(
      /AMI_HOST[\s\S]*AMI_PORT[\s\S]*AMI_SECRET[\s\S]*CRM_API_URL[\s\S]*AUTH_SECRET/,
    );
  });
});
