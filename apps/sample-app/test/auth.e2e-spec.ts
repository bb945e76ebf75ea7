import { PROBLEM_CONTENT_TYPE } from '@app/errors';
import request from 'supertest';
import { TEST_PASSWORD, bearer, signUp } from '../../../test/support/accounts';
import { uniqueName } from '../../../test/support/service-env';
import type { RunningApp } from '../../../test/support/start-app';
import { startSampleApp } from './sample-app.harness';

describe('sample-app auth', () => {
  let running: RunningApp;
  let base: string;

  beforeAll(async () => {
    running = await startSampleApp();
    base = running.baseUrl;
  });

  afterAll(async () => {
    await running.close();
  });

  describe('POST /api/v1/auth/register', () => {
    it('creates a user with role "user" and never returns the password hash', async () => {
      const email = `${uniqueName('reg')}@Example.com`;
      const response = await request(base).post('/api/v1/auth/register').send({ email, password: TEST_PASSWORD });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        email: email.toLowerCase(),
        role: 'user',
        createdAt: expect.any(String),
      });
      expect(JSON.stringify(response.body)).not.toMatch(/argon|password/i);
    });

    it('answers 409 problem+json for an email that is taken, in any letter case', async () => {
      const account = await signUp(base);
      const response = await request(base)
        .post('/api/v1/auth/register')
        .send({ email: account.email.toUpperCase(), password: TEST_PASSWORD });
      expect(response.status).toBe(409);
      expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
      expect(response.body.code).toBe('email-taken');
    });

    it('lists every invalid field and refuses unknown properties', async () => {
      const response = await request(base)
        .post('/api/v1/auth/register')
        .send({ email: 'not-an-email', password: 'short', role: 'admin' });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('validation-failed');
      const fields = (response.body.errors as { field: string }[]).map((error) => error.field);
      expect(fields).toEqual(expect.arrayContaining(['email', 'password', 'role']));
    });
  });

  describe('POST /api/v1/auth/login', () => {
    it('returns an access token, a refresh token and the lifetime', async () => {
      const account = await signUp(base);
      const response = await request(base)
        .post('/api/v1/auth/login')
        .send({ email: account.email, password: TEST_PASSWORD })
        .expect(200);
      expect(response.body).toEqual({
        accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        refreshToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: running.config.auth.accessTokenTtlSeconds,
      });
    });

    it('answers an unknown email and a wrong password with the same 401', async () => {
      const account = await signUp(base);
      const wrongPassword = await request(base)
        .post('/api/v1/auth/login')
        .send({ email: account.email, password: 'not the password at all' });
      const unknownUser = await request(base)
        .post('/api/v1/auth/login')
        .send({ email: `${uniqueName('ghost')}@example.com`, password: 'not the password at all' });
      expect(wrongPassword.status).toBe(401);
      expect(unknownUser.status).toBe(401);
      const comparable = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
      expect(comparable(unknownUser.body)).toEqual(comparable(wrongPassword.body));
    });
  });

  describe('GET /api/v1/auth/me', () => {
    it('returns the user behind the access token', async () => {
      const account = await signUp(base);
      const response = await request(base)
        .get('/api/v1/auth/me')
        .set(...bearer(account.accessToken))
        .expect(200);
      expect(response.body).toMatchObject({
        id: account.userId,
        email: account.email,
        authenticatedWith: 'access-token',
      });
    });

    it('answers 401 with a WWW-Authenticate challenge when no credentials are sent', async () => {
      const response = await request(base).get('/api/v1/auth/me');
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toContain('Bearer');
      expect(response.body.code).toBe('unauthenticated');
    });
  });

  describe('POST /api/v1/auth/refresh', () => {
    it('rotates: the new pair works and the spent refresh token does not', async () => {
      const account = await signUp(base);
      const rotated = await request(base)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: account.refreshToken })
        .expect(200);
      expect(rotated.body.refreshToken).not.toBe(account.refreshToken);
      await request(base)
        .get('/api/v1/auth/me')
        .set(...bearer(rotated.body.accessToken))
        .expect(200);
      await request(base).post('/api/v1/auth/refresh').send({ refreshToken: account.refreshToken }).expect(401);
    });

    it('revokes the whole family when a spent refresh token is presented again', async () => {
      // GIVEN a login whose refresh token was rotated once
      const account = await signUp(base);
      const rotated = await request(base)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: account.refreshToken })
        .expect(200);
      // WHEN the first (spent) token is replayed
      const replay = await request(base).post('/api/v1/auth/refresh').send({ refreshToken: account.refreshToken });
      // THEN the replay fails and the legitimate newer token is dead too
      expect(replay.status).toBe(401);
      expect(replay.body.code).toBe('invalid-refresh-token');
      await request(base).post('/api/v1/auth/refresh').send({ refreshToken: rotated.body.refreshToken }).expect(401);
    });

    it('lets exactly one of two concurrent refreshes with the same token succeed', async () => {
      const account = await signUp(base);
      const results = await Promise.all(
        [0, 1].map(() => request(base).post('/api/v1/auth/refresh').send({ refreshToken: account.refreshToken })),
      );
      expect(results.map((result) => result.status).sort()).toEqual([200, 401]);
    });

    it('refuses a malformed or forged refresh token with 401', async () => {
      const account = await signUp(base);
      const [sessionId] = account.refreshToken.split('.');
      const forged = `${sessionId}.${'A'.repeat(43)}`;
      await request(base).post('/api/v1/auth/refresh').send({ refreshToken: forged }).expect(401);
      await request(base).post('/api/v1/auth/refresh').send({ refreshToken: 'garbage' }).expect(401);
    });
  });

  describe('POST /api/v1/auth/logout', () => {
    it('revokes the refresh token so it can no longer be exchanged', async () => {
      const account = await signUp(base);
      await request(base).post('/api/v1/auth/logout').send({ refreshToken: account.refreshToken }).expect(204);
      await request(base).post('/api/v1/auth/refresh').send({ refreshToken: account.refreshToken }).expect(401);
    });
  });

  describe('GET /.well-known/jwks.json', () => {
    it('publishes the RS256 public key whose kid signs the access tokens, and no private parts', async () => {
      const account = await signUp(base);
      const jwks = await request(base).get('/.well-known/jwks.json').expect(200);
      const header = JSON.parse(Buffer.from(account.accessToken.split('.')[0] ?? '', 'base64url').toString()) as {
        kid: string;
        alg: string;
      };
      expect(header.alg).toBe('RS256');
      expect(jwks.body.keys).toEqual([
        expect.objectContaining({ kty: 'RSA', kid: header.kid, alg: 'RS256', use: 'sig' }),
      ]);
      expect(jwks.body.keys[0]).not.toHaveProperty('d');
    });
  });
});
