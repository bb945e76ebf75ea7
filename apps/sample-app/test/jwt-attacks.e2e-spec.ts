import { type KeyObject, createHmac, createSign, generateKeyPairSync } from 'node:crypto';
import request from 'supertest';
import { bearer, signUp } from '../../../test/support/accounts';
import type { RunningApp } from '../../../test/support/start-app';
import { startSampleApp } from './sample-app.harness';

/** Builds a compact JWS by hand, so each attack controls every byte. */
function jws(header: object, payload: object, sign: (input: string) => string): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const input = `${encode(header)}.${encode(payload)}`;
  return `${input}.${sign(input)}`;
}

const rs256 = (key: KeyObject) => (input: string) => createSign('RSA-SHA256').update(input).sign(key, 'base64url');

describe('sample-app access-token verification', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let running: RunningApp;
  let kid: string;
  let userId: string;
  let claims: Record<string, unknown>;

  const callMe = (token: string) =>
    request(running.baseUrl)
      .get('/api/v1/auth/me')
      .set(...bearer(token));

  beforeAll(async () => {
    // GIVEN an app whose signing key the test holds, so it can mint tokens of every kind
    running = await startSampleApp({
      env: { AUTH_JWT_PRIVATE_KEY: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() },
    });
    const account = await signUp(running.baseUrl, 'jwt');
    userId = account.userId;
    const jwks = await request(running.baseUrl).get('/.well-known/jwks.json').expect(200);
    kid = jwks.body.keys[0].kid as string;
    const now = Math.floor(Date.now() / 1_000);
    claims = {
      sub: userId,
      roles: ['user'],
      jti: 'test-jti',
      iss: running.config.auth.issuer,
      aud: running.config.auth.audience,
      iat: now,
      exp: now + 300,
    };
  });

  afterAll(async () => {
    await running.close();
  });

  it('accepts a well-formed token signed with the published key (the control case)', async () => {
    await callMe(jws({ alg: 'RS256', typ: 'JWT', kid }, claims, rs256(privateKey))).expect(200);
  });

  it.each([
    ['alg "none" with no signature', () => jws({ alg: 'none', typ: 'JWT', kid }, claims, () => '')],
    [
      'HS256 keyed with the public key (algorithm confusion)',
      () =>
        jws({ alg: 'HS256', typ: 'JWT', kid }, claims, (input) =>
          createHmac('sha256', publicKey.export({ format: 'pem', type: 'spki' }))
            .update(input)
            .digest('base64url'),
        ),
    ],
    ['an unknown kid', () => jws({ alg: 'RS256', typ: 'JWT', kid: 'not-a-key' }, claims, rs256(privateKey))],
    [
      'the right kid but an attacker key',
      () => jws({ alg: 'RS256', typ: 'JWT', kid }, claims, rs256(attacker.privateKey)),
    ],
    [
      'an expired token',
      () => jws({ alg: 'RS256', typ: 'JWT', kid }, { ...claims, iat: 1_000, exp: 2_000 }, rs256(privateKey)),
    ],
    [
      'another audience',
      () => jws({ alg: 'RS256', typ: 'JWT', kid }, { ...claims, aud: 'elsewhere' }, rs256(privateKey)),
    ],
    ['another issuer', () => jws({ alg: 'RS256', typ: 'JWT', kid }, { ...claims, iss: 'evil' }, rs256(privateKey))],
    [
      'a payload tampered with after signing (role raised to admin)',
      () => {
        const [header, , signature] = jws({ alg: 'RS256', typ: 'JWT', kid }, claims, rs256(privateKey)).split('.');
        const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
        return `${header}.${forged}.${signature}`;
      },
    ],
    [
      'a token with no roles',
      () => jws({ alg: 'RS256', typ: 'JWT', kid }, { ...claims, roles: [] }, rs256(privateKey)),
    ],
    ['not a token at all', () => 'abc.def.ghi'],
  ])('refuses %s with 401 problem+json', async (_name, token) => {
    const response = await callMe(token());
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'unauthenticated', status: 401 });
  });
});
