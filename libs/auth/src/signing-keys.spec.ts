import { type KeyObject, generateKeyPairSync } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@app/config';
import { calculateJwkThumbprint } from 'jose';
import { SigningKeys } from './signing-keys';

const APP = { name: 'keys', defaultPort: 1, usesDatabase: false, issuesTokens: true } as const;
const pem = (key: KeyObject, type: 'pkcs8' | 'spki') => key.export({ format: 'pem', type }).toString();

/** The RFC 7638 thumbprint, as jose computes it: what a kid must be to stay stable across restarts. */
const thumbprintOf = (publicKey: KeyObject) => {
  const { n, e } = publicKey.export({ format: 'jwk' });
  return calculateJwkThumbprint({ kty: 'RSA', n, e }, 'sha256');
};

describe(SigningKeys.name, () => {
  const current = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const older = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const oldest = generateKeyPairSync('rsa', { modulusLength: 2048 });

  describe('with a configured key and two previous public keys', () => {
    const keys = new SigningKeys(
      loadConfig(
        {
          NODE_ENV: 'test',
          AUTH_JWT_PRIVATE_KEY: pem(current.privateKey, 'pkcs8'),
          AUTH_JWT_PREVIOUS_PUBLIC_KEYS: `${pem(older.publicKey, 'spki')}\n${pem(oldest.publicKey, 'spki')}`,
        },
        APP,
      ),
    );

    it('signs with the configured key, under its RFC 7638 thumbprint as kid', async () => {
      expect(keys.signingKey.export({ format: 'pem', type: 'pkcs8' })).toBe(pem(current.privateKey, 'pkcs8'));
      expect(keys.signingKid).toBe(await thumbprintOf(current.publicKey));
    });

    it('finds the public key of the current and of each previous kid, and nothing for another kid', async () => {
      for (const pair of [current, older, oldest]) {
        const found = keys.publicKey(await thumbprintOf(pair.publicKey));
        expect(found?.export({ format: 'pem', type: 'spki' })).toBe(pem(pair.publicKey, 'spki'));
      }
      expect(keys.publicKey('not-a-kid')).toBeUndefined();
    });

    it('publishes every verification key as an RS256 signing JWK, the current first, with no private part', async () => {
      const jwk = async (publicKey: KeyObject) => {
        const { n, e } = publicKey.export({ format: 'jwk' });
        return { kty: 'RSA', kid: await thumbprintOf(publicKey), use: 'sig', alg: 'RS256', n, e };
      };
      expect(keys.jwks()).toEqual({
        keys: [await jwk(current.publicKey), await jwk(older.publicKey), await jwk(oldest.publicKey)],
      });
    });
  });

  describe('with no key configured', () => {
    afterEach(() => jest.restoreAllMocks());

    it('generates a throwaway key per process, whose kid verifies only its own tokens', () => {
      const config = loadConfig({ NODE_ENV: 'test' }, APP);
      const first = new SigningKeys(config);
      const second = new SigningKeys(config);
      expect(first.signingKid).not.toBe(second.signingKid);
      expect(first.publicKey(first.signingKid)).toBeDefined();
      expect(first.publicKey(second.signingKid)).toBeUndefined();
      expect(first.jwks().keys).toHaveLength(1);
    });

    it('says at boot, outside tests, that tokens die with the process', () => {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      new SigningKeys(loadConfig({ NODE_ENV: 'test' }, APP));
      expect(warn).not.toHaveBeenCalled();
      new SigningKeys(loadConfig({ NODE_ENV: 'development' }, APP));
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('AUTH_JWT_PRIVATE_KEY is not set'));
    });
  });
});
