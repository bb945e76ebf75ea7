import { clientIdentityOf } from './client-identity';
import type { Principal } from './principal';

const principal = (kind: Principal['kind']): Principal => ({
  kind,
  userId: 'u-1',
  role: 'user',
  scopes: [],
  credentialId: 'c-1',
});

describe(clientIdentityOf.name, () => {
  it('counts each API key on its own, a user’s tokens together, and anyone else by address', () => {
    expect(clientIdentityOf(principal('api-key'), '198.51.100.1')).toBe('api-key:c-1');
    expect(clientIdentityOf(principal('access-token'), '198.51.100.1')).toBe('access-token:u-1');
    expect(clientIdentityOf(principal('anonymous'), '198.51.100.1')).toBe('ip:198.51.100.1');
    expect(clientIdentityOf(undefined, '198.51.100.1')).toBe('ip:198.51.100.1');
  });
});
