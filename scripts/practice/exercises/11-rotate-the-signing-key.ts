import { type Exercise } from '../exercise';
import { http } from '../inspect';

interface Jwks {
  readonly keys?: readonly { readonly kid?: string }[];
}

function kidOf(token: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { kid?: string };
    return header.kid;
  } catch {
    return undefined;
  }
}

export const rotateTheSigningKey: Exercise = {
  number: 11,
  title: 'Rotate the JWT signing key without logging anyone out',
  level: 'advanced',
  inspects: 'sample-app’s /.well-known/jwks.json and /api/v1/auth/me with the access token you give with --token',
  async check(target) {
    const token = target.answers.token;
    if (token === undefined) {
      return ['give an access token issued before the rotation: npm run practice -- 11 --token <accessToken>'];
    }
    const kid = kidOf(token);
    if (kid === undefined) return ['--token is not a JWT (three base64url parts, a header with a kid)'];
    const jwks = await http(`${target.sampleAppUrl}/.well-known/jwks.json`);
    if (typeof jwks === 'string') return [`sample-app: ${jwks}; is it running?`];
    const kids = ((jwks.body as Jwks | undefined)?.keys ?? []).map((key) => key.kid);
    const problems: string[] = [];
    if (kids.length < 2) {
      problems.push(
        `the JWKS serves ${kids.length} key: set the new AUTH_JWT_PRIVATE_KEY and keep the old public key in AUTH_JWT_PREVIOUS_PUBLIC_KEYS`,
      );
    } else if (kids[0] === kid) {
      problems.push(
        'the token is signed with the current key: give a token issued before the rotation, with the old key',
      );
    } else if (!kids.includes(kid)) {
      problems.push(
        `the token's key (kid ${kid}) is not in the JWKS: its holder is logged out; put its public key in AUTH_JWT_PREVIOUS_PUBLIC_KEYS`,
      );
    }
    const me = await http(`${target.sampleAppUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    if (typeof me === 'string') problems.push(`sample-app: ${me}`);
    else if (me.status !== 200)
      problems.push(`GET /api/v1/auth/me with the old token answered ${me.status}: its holder was logged out`);
    return problems;
  },
};
