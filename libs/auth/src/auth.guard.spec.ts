import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Public } from '@app/access';
import { type AppConfig, loadConfig } from '@app/config';
import { Roles, Scopes, SessionRequired } from './access.decorators';
import { AccessTokenIssuer, AccessTokenVerifier } from './access-token';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { ForbiddenError, UnauthenticatedError } from './auth.errors';
import { AuthGuard } from './auth.guard';
import { FailedAuthenticationLimit } from './failed-authentication-limit';
import { type Principal, SCOPES } from './principal';
import { MemoryRateLimitStore } from './rate-limit.store';
import { SigningKeys } from './signing-keys';

class Routes {
  @Public()
  open(): void {}

  plain(): void {}

  @Roles('admin')
  adminOnly(): void {}

  @Scopes('items:write')
  writes(): void {}

  @SessionRequired()
  managesKeys(): void {}

  @Roles()
  anyRole(): void {}

  @Scopes('items:write', 'cache:write')
  writesBoth(): void {}
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
    if (key === 'nko_unreachable') return Promise.reject(new Error('database unreachable'));
    return Promise.resolve(key === 'nko_valid' ? KEY_PRINCIPAL : undefined);
  }
}

function contextFor(handler: keyof Routes, headers: Record<string, string>, ip = '198.51.100.7', type = 'http') {
  const request: { headers: Record<string, string>; ip: string; principal?: Principal } = { headers, ip };
  const responseHeaders: Record<string, string> = {};
  const context = {
    getType: () => type,
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({
      getRequest: () => request,
      getResponse: () => ({ header: (name: string, value: string) => (responseHeaders[name] = String(value)) }),
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
      expect(responseHeaders['www-authenticate']).toBe('Bearer realm="api"');
    });

    it('tells a caller without credentials, or with another scheme, what to send', async () => {
      await expect(guard.canActivate(contextFor('plain', {}).context)).rejects.toThrow(
        'Authentication is required: send an access token or an API key.',
      );
      await expect(
        guard.canActivate(contextFor('plain', { authorization: 'Basic dXNlcjpwYXNz' }).context),
      ).rejects.toThrow('Use "Authorization: Bearer <token or API key>".');
      await expect(guard.canActivate(contextFor('plain', { 'x-api-key': 'nko_other' }).context)).rejects.toThrow(
        'The API key is not valid.',
      );
    });

    it('leaves contexts other than HTTP to their own guards', async () => {
      await expect(guard.canActivate(contextFor('plain', {}, '198.51.100.7', 'rpc').context)).resolves.toBe(true);
    });

    it('accepts an access token and stores the principal, with every scope', async () => {
      const { token, jti } = await issuer.issue('u-1', 'user');
      const { context, request } = contextFor('writes', { authorization: `Bearer ${token}` });
      await expect(guard.canActivate(context)).resolves.toBe(true);
      expect(request.principal).toEqual({
        kind: 'access-token',
        userId: 'u-1',
        role: 'user',
        scopes: SCOPES,
        credentialId: jti,
      });
    });

    it('reads the Authorization header when X-API-Key is present but empty', async () => {
      const { token } = await issuer.issue('u-1', 'user');
      const { context, request } = contextFor('plain', { 'x-api-key': '', authorization: `Bearer ${token}` });
      await expect(guard.canActivate(context)).resolves.toBe(true);
      expect(request.principal?.kind).toBe('access-token');
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

    it('keeps API keys, whatever their scopes, off routes that need a signed-in user', async () => {
      const { token } = await issuer.issue('u-1', 'user');
      await expect(
        guard.canActivate(contextFor('managesKeys', { authorization: `Bearer ${token}` }).context),
      ).resolves.toBe(true);
      await expect(guard.canActivate(contextFor('managesKeys', { 'x-api-key': 'nko_valid' }).context)).rejects.toThrow(
        new ForbiddenError('This action needs a signed-in user (an access token); API keys cannot manage keys.'),
      );
    });

    it('restricts nothing with a @Roles() that names no role', async () => {
      const { token } = await issuer.issue('u-1', 'user');
      await expect(
        guard.canActivate(contextFor('anyRole', { authorization: `Bearer ${token}` }).context),
      ).resolves.toBe(true);
    });

    it('names the role an admin-only route needs, and the scope a key lacks', async () => {
      const user = await issuer.issue('u-1', 'user');
      await expect(
        guard.canActivate(contextFor('adminOnly', { authorization: `Bearer ${user.token}` }).context),
      ).rejects.toThrow('This action needs the role admin.');
      await expect(guard.canActivate(contextFor('writes', { 'x-api-key': 'nko_valid' }).context)).rejects.toThrow(
        'The credential lacks the scope items:write.',
      );
      await expect(guard.canActivate(contextFor('writesBoth', { 'x-api-key': 'nko_valid' }).context)).rejects.toThrow(
        'The credential lacks the scope items:write, cache:write.',
      );
    });
  });

  describe('with auth switched off', () => {
    const anonymous: Principal = {
      kind: 'anonymous',
      userId: 'anonymous',
      role: 'user',
      scopes: ['items:read'],
      credentialId: 'anonymous',
    };
    const { limit } = failureLimit(1);
    const open = new AuthGuard(
      new Reflector(),
      new AccessTokenVerifier(keys, config),
      new OneKeyAuthenticator(),
      anonymous,
      limit,
    );

    it('serves every request as the anonymous principal, whatever credential it sends, even from an address over its failure limit', async () => {
      // The address already spent its one failure: were auth on, its next credential would get 429.
      await limit.countFailure('198.51.100.7', { header: () => undefined });
      for (let i = 0; i < 3; i += 1) {
        const { context, request } = contextFor('plain', { authorization: 'Bearer nko_wrong' });
        await expect(open.canActivate(context)).resolves.toBe(true);
        expect(request.principal).toBe(anonymous);
      }
    });
  });

  describe('counting failed authentication against the address', () => {
    function limitedGuard(maxFailures: number) {
      const { limit } = failureLimit(maxFailures);
      return new AuthGuard(
        new Reflector(),
        new AccessTokenVerifier(keys, config),
        new OneKeyAuthenticator(),
        null,
        limit,
      );
    }
    const status = (
      guarded: AuthGuard,
      headers: Record<string, string>,
      ip = '198.51.100.7',
      handler: keyof Routes = 'plain',
    ) => guarded.canActivate(contextFor(handler, headers, ip).context).then(() => 200, statusOf);

    it('answers failures past the limit with 429, then refuses even a valid credential from that address', async () => {
      const guarded = limitedGuard(2);
      expect(await status(guarded, { 'x-api-key': 'nko_wrong' })).toBe(401);
      expect(await status(guarded, { authorization: 'Bearer a.b.c' })).toBe(401);
      expect(await status(guarded, { 'x-api-key': 'nko_wrong' })).toBe(429);
      expect(await status(guarded, { 'x-api-key': 'nko_valid' })).toBe(429);
      expect(await status(guarded, { 'x-api-key': 'nko_valid' }, '203.0.113.9')).toBe(200);
      // A request without credentials is not a guess: it still gets the 401 challenge.
      expect(await status(guarded, {})).toBe(401);
    });

    it('does not count a lookup that failed on the server side against the caller', async () => {
      const guarded = limitedGuard(1);
      for (let i = 0; i < 2; i += 1) {
        await expect(
          guarded.canActivate(contextFor('plain', { 'x-api-key': 'nko_unreachable' }).context),
        ).rejects.toThrow('database unreachable');
      }
      expect(await status(guarded, { 'x-api-key': 'nko_valid' })).toBe(200);
    });

    it('holds a burst of concurrent failures to the limit: those past it get 429 and Retry-After, not the 401 challenge', async () => {
      const guarded = limitedGuard(1);
      const burst = [1, 2, 3].map(() => contextFor('plain', { 'x-api-key': 'nko_wrong' }));
      const statuses = await Promise.all(
        burst.map(({ context }) => guarded.canActivate(context).then(() => 200, statusOf)),
      );
      expect(statuses).toEqual([401, 429, 429]);
      expect(burst[0]?.responseHeaders['www-authenticate']).toBe('Bearer realm="api"');
      expect(burst[2]?.responseHeaders).toEqual({
        'Retry-After': '60',
        'RateLimit-Limit': '1',
        'RateLimit-Remaining': '0',
        'RateLimit-Reset': '60',
      });
    });

    it('does not count requests without credentials, nor credentials that are valid but lack a scope', async () => {
      const guarded = limitedGuard(1);
      for (let i = 0; i < 3; i += 1) {
        expect(await status(guarded, {})).toBe(401);
        expect(await status(guarded, { 'x-api-key': '' })).toBe(401);
        expect(await status(guarded, { 'x-api-key': 'nko_valid' }, '198.51.100.7', 'writes')).toBe(403);
      }
      expect(await status(guarded, { 'x-api-key': 'nko_valid' })).toBe(200);
    });
  });
});

/** The HTTP status a refusal answers with: a DomainError's status, or a Nest HttpException's (the 429). */
function statusOf(error: { status?: number; getStatus?: () => number }): number {
  return error.getStatus?.() ?? error.status ?? 500;
}

/** A failed-authentication limit of `maxFailures` a minute, on counters of this process. */
function failureLimit(maxFailures: number) {
  const limitConfig = { rateLimit: { maxRequests: maxFailures, windowSeconds: 60 } } as unknown as AppConfig;
  return { limit: new FailedAuthenticationLimit(new MemoryRateLimitStore(), limitConfig) };
}
