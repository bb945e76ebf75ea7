import { type KeyObject, createPrivateKey, createPublicKey } from 'node:crypto';

/**
 * PEM text from an environment variable. Some platforms cannot carry newlines
 * in a variable, so a literal "\n" is accepted in their place.
 */
export function normalizePem(value: string): string {
  return value.includes('\\n') ? value.replace(/\\n/g, '\n') : value;
}

/** RSA private key of at least 2048 bits, or a message saying what is wrong. */
export function parseRsaPrivateKey(pem: string): KeyObject | string {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    return 'is not a PEM-encoded private key';
  }
  if (key.asymmetricKeyType !== 'rsa') return `must be an RSA key (RS256), got ${key.asymmetricKeyType ?? 'unknown'}`;
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) return `must be at least 2048 bits, got ${bits}`;
  return key;
}

/** The PEM blocks of a text holding several concatenated ones. */
export function pemBlocks(text: string): string[] {
  return text.match(/-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----/g) ?? [];
}

/** Splits concatenated PEM public keys; returns the keys or a message. */
export function parseRsaPublicKeys(pems: string): KeyObject[] | string {
  const blocks = pemBlocks(pems);
  if (blocks.length === 0) return 'contains no PEM block';
  const keys: KeyObject[] = [];
  for (const block of blocks) {
    try {
      const key = createPublicKey(block);
      if (key.asymmetricKeyType !== 'rsa') return 'must contain only RSA public keys';
      keys.push(key);
    } catch {
      return 'contains a block that is not a public key';
    }
  }
  return keys;
}
