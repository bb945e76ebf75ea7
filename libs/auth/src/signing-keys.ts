import { type KeyObject, createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, pemBlocks } from '@app/config';

export interface PublicJwk {
  readonly kty: 'RSA';
  readonly kid: string;
  readonly use: 'sig';
  readonly alg: 'RS256';
  readonly n: string;
  readonly e: string;
}

interface VerificationKey {
  readonly kid: string;
  /** Parsed once: handing a PEM to the JWT library would parse it again on every verification. */
  readonly key: KeyObject;
  readonly jwk: PublicJwk;
}

/** RFC 7638 thumbprint: a kid that is stable for a key and changes when it rotates. */
function thumbprint(key: KeyObject): string {
  const { n, e } = key.export({ format: 'jwk' });
  const canonical = JSON.stringify({ e, kty: 'RSA', n });
  return createHash('sha256').update(canonical).digest('base64url');
}

function verificationKey(publicKey: KeyObject): VerificationKey {
  const kid = thumbprint(publicKey);
  const { n, e } = publicKey.export({ format: 'jwk' });
  if (n === undefined || e === undefined) throw new Error('RSA public key without modulus or exponent');
  return {
    kid,
    key: publicKey,
    jwk: { kty: 'RSA', kid, use: 'sig', alg: 'RS256', n, e },
  };
}

/**
 * The RS256 key that signs access tokens and every public key that still
 * verifies them (the current one plus AUTH_JWT_PREVIOUS_PUBLIC_KEYS during a
 * rotation). Outside production, with no key configured, a throwaway key is
 * generated at boot: tokens then die with the process.
 */
@Injectable()
export class SigningKeys {
  readonly signingKid: string;
  readonly signingKey: KeyObject;
  private readonly verification: ReadonlyMap<string, VerificationKey>;

  constructor(config: AppConfig) {
    let privateKey: KeyObject;
    if (config.auth.privateKeyPem !== undefined) {
      privateKey = createPrivateKey(config.auth.privateKeyPem);
    } else {
      privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      if (config.app.env !== 'test') {
        new Logger(SigningKeys.name).warn(
          'AUTH_JWT_PRIVATE_KEY is not set: signing with a throwaway key; tokens stop working when the process restarts',
        );
      }
    }
    const current = verificationKey(createPublicKey(privateKey));
    this.signingKid = current.kid;
    this.signingKey = privateKey;
    const previous = pemBlocks(config.auth.previousPublicKeysPem ?? '').map((pem) =>
      verificationKey(createPublicKey(pem)),
    );
    this.verification = new Map([current, ...previous].map((key) => [key.kid, key]));
  }

  /** The public key with this kid, or undefined for an unknown kid. */
  publicKey(kid: string): KeyObject | undefined {
    return this.verification.get(kid)?.key;
  }

  /** The JWK Set served at /.well-known/jwks.json. */
  jwks(): { keys: PublicJwk[] } {
    return { keys: [...this.verification.values()].map((key) => key.jwk) };
  }
}
