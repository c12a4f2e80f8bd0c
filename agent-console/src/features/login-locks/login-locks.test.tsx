import type { LoginLockDto } from '@cc1357/contracts';
import { DEMO_PASSWORD, seed, startCrmApi, type CrmApiHandle } from '@cc1357/crm-api';
import { createTestDatabase, type TestDatabase } from '@cc1357/crm-api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import { type ApiError, createApiClient } from '../../api';
import { allowedViews } from '../../app/landing';
import { LoginLocksTable } from './LoginLocksTable';

/** Issue 14: the admin's 로그인 잠금 screen, its table and its API calls against the real crm-api. */
const lock: LoginLockDto = {
  kind: 'account',
  key: 'counselor2',
  attempts: 11,
  lockedSince: '2026-03-03T01:00:00.000Z',
  lockedUntil: '2026-03-03T01:15:00.000Z',
};

describe('login locks table', () => {
  const { html: inI18n } = consoleI18n();
  const render = (locks: LoginLockDto[], lifting: string | null = null) =>
    inI18n(<LoginLocksTable locks={locks} lifting={lifting} onLift={() => undefined} />);

  it('a row per lock: kind, account or address, since and until in KST, attempts, and a named lift button', () => {
    const html = render([
      lock,
      { kind: 'address', key: '10.2.0.1', attempts: 31, lockedSince: lock.lockedSince, lockedUntil: lock.lockedUntil },
    ]);
    expect(html).toContain('data-lock="account:counselor2"');
    expect(html).toContain('<th scope="row">counselor2</th>');
    expect(html).toContain('2026-03-03 10:00'); // since, KST
    expect(html).toContain('2026-03-03 10:15'); // until, KST
    expect(html).toContain('>11<');
    expect(html).toContain(
      '<button type="button" class="btn btn-small" aria-label="계정 counselor2 잠금 해제">잠금 해제</button>',
    );
    expect(html).toContain('aria-label="접속 주소 10.2.0.1 잠금 해제"');
  });

  it('while one lock is being lifted every button waits and that one says so', () => {
    const html = render([lock], 'account:counselor2');
    expect(html).toContain('disabled=""');
    expect(html).toContain('해제 중…');
  });

  it('no locks: the empty state, no table', () => {
    const html = render([]);
    expect(html).toContain('잠긴 계정이나 주소가 없습니다.');
    expect(html).not.toContain('<table');
  });

  it("the tab is the admin's only", () => {
    expect(allowedViews('admin', false)).toContain('login-locks');
    expect(allowedViews('supervisor', false)).not.toContain('login-locks');
    expect(allowedViews('counselor', true)).not.toContain('login-locks');
  });
});

describe('api client against the real crm-api: login locks', () => {
  let database: TestDatabase;
  let crm: CrmApiHandle;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seed(database.url, { companies: 5, seed: 1357 });
    crm = await startCrmApi({
      databaseUrl: database.url,
      authSecret: 'console-locks-secret-0123456789',
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
    });
  }, 180_000);
  afterAll(async () => {
    await crm?.close();
    await database?.drop();
  });

  async function loggedIn(username: string) {
    let token: string | null = null;
    const api = createApiClient({ baseUrl: crm.url, token: () => token });
    token = (await api.login({ username, password: DEMO_PASSWORD })).token;
    return api;
  }

  it('11 wrong passwords lock the account; the admin lists the lock, lifts it, and the account logs in again', async () => {
    const admin = await loggedIn('admin');
    expect(await admin.loginLocks()).toEqual([]);
    const anonymous = createApiClient({ baseUrl: crm.url });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        await anonymous.login({ username: 'counselor2', password: `wrong-${i}` }).then(
          () => 200,
          (e: ApiError) => e.status,
        ),
      );
    expect(statuses).toEqual([...Array(10).fill(401), 429]);

    const locks = await admin.loginLocks();
    expect(locks).toEqual([expect.objectContaining({ kind: 'account', key: 'counselor2', attempts: 11 })]);
    expect(Date.parse(locks[0]!.lockedSince)).toBeLessThan(Date.parse(locks[0]!.lockedUntil));
    await expect(loggedIn('counselor2')).rejects.toMatchObject({ status: 429 });

    await admin.liftLoginLock('account', 'counselor2');
    expect(await admin.loginLocks()).toEqual([]);
    await expect(loggedIn('counselor2')).resolves.toBeDefined();
    // Lifting a lock that is not there is a 404; a supervisor may not look.
    await expect(admin.liftLoginLock('account', 'counselor2')).rejects.toMatchObject({ status: 404 });
    await expect((await loggedIn('supervisor')).loginLocks()).rejects.toMatchObject({ status: 403 });
  });

  it('an address key with characters a path must escape reaches crm-api whole (404: no such lock)', async () => {
    const admin = await loggedIn('admin');
    await expect(admin.liftLoginLock('address', '::ffff:10.0.0.1/x')).rejects.toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
  });
});
