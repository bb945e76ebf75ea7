import request from 'supertest';
import { type TestAccount, bearer, logIn, signUp } from '../../../test/support/accounts';
import { uniqueName } from '../../../test/support/service-env';
import type { RunningApp } from '../../../test/support/start-app';
import { AdminSeeder } from '../src/users/admin-seeder';
import { startSampleApp } from './sample-app.harness';

describe('sample-app admin routes', () => {
  let running: RunningApp;
  let base: string;
  let admin: TestAccount;
  let user: TestAccount;

  beforeAll(async () => {
    running = await startSampleApp();
    base = running.baseUrl;
    const email = `${uniqueName('root')}@example.com`;
    await running.app.get(AdminSeeder).ensureAdmin(email, 'an admin password here');
    admin = await logIn(base, email, 'an admin password here');
    user = await signUp(base, 'plain');
  });

  afterAll(async () => {
    await running.close();
  });

  describe('GET /api/v1/admin/users', () => {
    it('lists users for an admin, without password hashes', async () => {
      const response = await request(base)
        .get('/api/v1/admin/users?limit=100')
        .set(...bearer(admin.accessToken))
        .expect(200);
      const emails = (response.body.items as { email: string }[]).map((entry) => entry.email);
      expect(emails).toEqual(expect.arrayContaining([admin.email, user.email]));
      expect(JSON.stringify(response.body)).not.toMatch(/passwordHash|argon/);
    });

    it('refuses a plain user with 403, and an anonymous caller with 401', async () => {
      const forbidden = await request(base)
        .get('/api/v1/admin/users')
        .set(...bearer(user.accessToken));
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.code).toBe('forbidden');
      await request(base).get('/api/v1/admin/users').expect(401);
    });
  });

  describe('PATCH /api/v1/admin/users/:id/role', () => {
    it('promotes a user, whose next login carries the admin role', async () => {
      const promoted = await signUp(base, 'promoted');
      const response = await request(base)
        .patch(`/api/v1/admin/users/${promoted.userId}/role`)
        .set(...bearer(admin.accessToken))
        .send({ role: 'admin' })
        .expect(200);
      expect(response.body.role).toBe('admin');
      const again = await logIn(base, promoted.email, promoted.password);
      await request(base)
        .get('/api/v1/admin/users')
        .set(...bearer(again.accessToken))
        .expect(200);
    });

    it('refuses an unknown role (400), an unknown user (404) and the admin changing their own role (409)', async () => {
      await request(base)
        .patch(`/api/v1/admin/users/${user.userId}/role`)
        .set(...bearer(admin.accessToken))
        .send({ role: 'superuser' })
        .expect(400);
      await request(base)
        .patch('/api/v1/admin/users/01a21d45-0000-7000-8000-000000000000/role')
        .set(...bearer(admin.accessToken))
        .send({ role: 'admin' })
        .expect(404);
      const own = await request(base)
        .patch(`/api/v1/admin/users/${admin.userId}/role`)
        .set(...bearer(admin.accessToken))
        .send({ role: 'user' });
      expect(own.status).toBe(409);
      expect(own.body.code).toBe('own-role-change');
    });

    it('refuses a plain user with 403', async () => {
      await request(base)
        .patch(`/api/v1/admin/users/${user.userId}/role`)
        .set(...bearer(user.accessToken))
        .send({ role: 'admin' })
        .expect(403);
    });
  });
});
