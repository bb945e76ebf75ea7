import { type KeyObject, createHmac, createSign, generateKeyPairSync } from 'node:crypto';
import { loadConfig } from '@app/config';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { AccessTokenIssuer, AccessTokenVerifier } from './access-token';
import { UnauthenticatedError } from './auth.errors';
import { SigningKeys } from './signing-keys';

const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');

/** Builds a compact RS256 JWS by hand, so each case controls the header and every claim. */
function signed(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject): string {
  const input = `${encode({ alg: 'RS256', typ: 'JWT', ...header })}.${encode(payload)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(key, 'base64url')}`;
}

describe('access tokens', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      AUTH_JWT_PRIVATE_KEY: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      AUTH_ACCESS_TOKEN_TTL_SECONDS: '600',
    },
    { name: 'tokens', defaultPort: 1, usesDatabase: false, issuesTokens: true },
  );
  const keys = new SigningKeys(config);
  const issuer = new AccessTokenIssuer(keys, config);
  const verifier = new AccessTokenVerifier(keys, config);

  describe(AccessTokenIssuer.name, () => {
    describe('issue', () => {
      it('signs RS256 under the signing kid, for the configured issuer and audience, living the configured TTL', async () => {
        const issued = await issuer.issue('u-1', 'admin');
        expect(issued.expiresIn).toBe(600);
        expect(decodeProtectedHeader(issued.token)).toEqual({ alg: 'RS256', kid: keys.signingKid, typ: 'JWT' });
        const claims = decodeJwt(issued.token);
        expect(claims).toMatchObject({
          sub: 'u-1',
          roles: ['admin'],
          jti: issued.jti,
          iss: config.auth.issuer,
          aud: config.auth.audience,
        });
        expect(Math.abs((claims.iat ?? 0) - Date.now() / 1_000)).toBeLessThan(5);
        expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(600);
      });

      it('gives every token its own jti', async () => {
        const [first, second] = await Promise.all([issuer.issue('u-1', 'user'), issuer.issue('u-1', 'user')]);
        expect(first.jti).not.toBe(second.jti);
        expect(decodeJwt(first.token).jti).toBe(first.jti);
      });
    });
  });

  describe(AccessTokenVerifier.name, () => {
    describe('verify', () => {
      const now = Math.floor(Date.now() / 1_000);
      const claims = {
        sub: 'u-1',
        roles: ['user'],
        jti: 'j-1',
        iss: config.auth.issuer,
        aud: config.auth.audience,
        iat: now,
        exp: now + 300,
      };

      it('returns the claims of a token it issued', async () => {
        const { token, jti } = await issuer.issue('u-1', 'user');
        await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'u-1', roles: ['user'], jti });
      });

      it('accepts a token of the right key carrying every claim the project needs (the control case)', async () => {
        await expect(verifier.verify(signed({ kid: keys.signingKid }, claims, privateKey))).resolves.toMatchObject({
          sub: 'u-1',
        });
      });

      it.each([
        ['no kid', {}, claims],
        ['a kid no key has', { kid: 'not-a-key' }, claims],
        ['roles that are a string, not a list', { kid: keys.signingKid }, { ...claims, roles: 'admin' }],
        ['no roles claim', { kid: keys.signingKid }, { ...claims, roles: undefined }],
        ['a role the project does not know', { kid: keys.signingKid }, { ...claims, roles: ['root'] }],
        ['a known role next to an unknown one', { kid: keys.signingKid }, { ...claims, roles: ['user', 'root'] }],
        ['a role that is not a string', { kid: keys.signingKid }, { ...claims, roles: [1] }],
        ['no subject', { kid: keys.signingKid }, { ...claims, sub: undefined }],
        ['no jti', { kid: keys.signingKid }, { ...claims, jti: undefined }],
        ['a numeric jti', { kid: keys.signingKid }, { ...claims, jti: 7 }],
        ['an expiry in the past', { kid: keys.signingKid }, { ...claims, iat: 1_000, exp: 2_000 }],
        ['another audience', { kid: keys.signingKid }, { ...claims, aud: 'elsewhere' }],
        ['another issuer', { kid: keys.signingKid }, { ...claims, iss: 'evil' }],
      ])('refuses a token with %s as the same 401', async (_case, header, payload) => {
        const verification = verifier.verify(signed(header, payload, privateKey));
        await expect(verification).rejects.toBeInstanceOf(UnauthenticatedError);
        await expect(verification).rejects.toThrow('The access token is not valid.');
      });

      it.each([
        [
          'signed by another key under the right kid',
          () => signed({ kid: keys.signingKid }, claims, attacker.privateKey),
        ],
        [
          'alg "none" with no signature',
          () => `${encode({ alg: 'none', typ: 'JWT', kid: keys.signingKid })}.${encode(claims)}.`,
        ],
        [
          'HS256 keyed with the public key (algorithm confusion)',
          () => {
            const input = `${encode({ alg: 'HS256', typ: 'JWT', kid: keys.signingKid })}.${encode(claims)}`;
            const secret = publicKey.export({ format: 'pem', type: 'spki' });
            return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
          },
        ],
        ['not a token at all', () => 'abc.def.ghi'],
      ])('refuses a token %s', async (_case, token) => {
        await expect(verifier.verify(token())).rejects.toBeInstanceOf(UnauthenticatedError);
      });
    });
  });
});
