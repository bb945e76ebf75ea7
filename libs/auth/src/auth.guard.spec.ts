import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Public } from '@app/access';
import { loadConfig } from '@app/config';
import { Roles, Scopes } from './access.decorators';
import { AccessTokenIssuer, AccessTokenVerifier } from './access-token';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { ForbiddenError, UnauthenticatedError } from './auth.errors';
import { AuthGuard } from './auth.guard';
import type { Principal } from './principal';
import { SigningKeys } from './signing-keys';

class Routes {
  @Public()
  open(): void {}

  plain(): void {}

  @Roles('admin')
  adminOnly(): void {}

  @Scopes('items:write')
  writes(): void {}
}

const KEY_PRINCIPAL: Principal = {
  kind: 'api-key',
  userId: 'u-key',
  role: 'user',
  scopes: ['items:read'],
  credentialId: 'k1',
};

class OneKeyAuthenticator extends ApiKeyAuthenticator {
  authenticate(key: string): Promise<Principal | undefined> {
    return Promise.resolve(key === 'nko_valid' ? KEY_PRINCIPAL : undefined);
  }
}

function contextFor(handler: keyof Routes, headers: Record<string, string>) {
  const request: { headers: Record<string, string>; principal?: Principal } = { headers };
  const responseHeaders: Record<string, string> = {};
  const context = {
    getType: () => 'http',
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({
      getRequest: () => request,
      getResponse: () => ({ header: (name: string, value: string) => (responseHeaders[name] = value) }),
    }),
  } as unknown as ExecutionContext;
  return { context, request, responseHeaders };
}

describe(AuthGuard.name, () => {
  const config = loadConfig(
    { NODE_ENV: 'test' },
    { name: 'guarded', defaultPort: 1, usesDatabase: false, issuesTokens: true },
  );
  const keys = new SigningKeys(config);
  const guard = new AuthGuard(new Reflector(), new AccessTokenVerifier(keys, config), new OneKeyAuthenticator(), null);
  const issuer = new AccessTokenIssuer(keys, config);

  describe('canActivate', () => {
    it('lets a @Public() route through without credentials', async () => {
      await expect(guard.canActivate(contextFor('open', {}).context)).resolves.toBe(true);
    });

    it('denies by default: no credentials on an unmarked route is 401 with a Bearer challenge', async () => {
      const { context, responseHeaders } = contextFor('plain', {});
      await expect(guard.canActivate(context)).rejects.toBeInstanceOf(UnauthenticatedError);
      expect(responseHeaders['www-authenticate']).toContain('Bearer');
    });

    it('accepts an access token and stores the principal, with every scope', async () => {
      const { token } = await issuer.issue('u-1', 'user');
      const { context, request } = contextFor('writes', { authorization: `Bearer ${token}` });
      await expect(guard.canActivate(context)).resolves.toBe(true);
      expect(request.principal).toMatchObject({ kind: 'access-token', userId: 'u-1', role: 'user' });
    });

    it('refuses a user on an admin-only route with 403, and admits an admin', async () => {
      const user = await issuer.issue('u-1', 'user');
      const admin = await issuer.issue('u-2', 'admin');
      await expect(
        guard.canActivate(contextFor('adminOnly', { authorization: `Bearer ${user.token}` }).context),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        guard.canActivate(contextFor('adminOnly', { authorization: `Bearer ${admin.token}` }).context),
      ).resolves.toBe(true);
    });

    it('holds an API key to its scopes, whether sent as X-API-Key or as a Bearer credential', async () => {
      const sendings: Record<string, string>[] = [{ 'x-api-key': 'nko_valid' }, { authorization: 'Bearer nko_valid' }];
      for (const headers of sendings) {
        await expect(guard.canActivate(contextFor('plain', headers).context)).resolves.toBe(true);
        await expect(guard.canActivate(contextFor('writes', headers).context)).rejects.toBeInstanceOf(ForbiddenError);
      }
    });

    it('refuses an unknown API key and a malformed Authorization header with 401', async () => {
      await expect(guard.canActivate(contextFor('plain', { 'x-api-key': 'nko_other' }).context)).rejects.toBeInstanceOf(
        UnauthenticatedError,
      );
      await expect(
        guard.canActivate(contextFor('plain', { authorization: 'Basic dXNlcjpwYXNz' }).context),
      ).rejects.toBeInstanceOf(UnauthenticatedError);
    });
  });
});
