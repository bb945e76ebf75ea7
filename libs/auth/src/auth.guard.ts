import { type CanActivate, type ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '@app/access';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { REQUIRED_ROLES, REQUIRED_SCOPES, SESSION_REQUIRED } from './access.decorators';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { looksLikeJwt } from './api-key-format';
import { ForbiddenError, UnauthenticatedError } from './auth.errors';
import { FailedAuthenticationLimit } from './failed-authentication-limit';
import { TokenVerifier } from './token-verifier';
import { type AuthenticatedRequest, type Principal, type RoleName, SCOPES, type Scope } from './principal';
import { bearerCredentialOf } from './bearer-credential';

/** Injection token: the principal of credential-less requests when auth is off, else null. */
export const ANONYMOUS_PRINCIPAL = Symbol('ANONYMOUS_PRINCIPAL');

/**
 * Deny by default: a route needs credentials unless it (or its controller) is
 * @Public(). Accepts `X-API-Key: <key>`, or `Authorization: Bearer <token>`
 * holding either an access token or an API key. Then enforces @Roles() and,
 * for API keys, @Scopes().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenVerifier,
    private readonly apiKeys: ApiKeyAuthenticator,
    @Inject(ANONYMOUS_PRINCIPAL) private readonly anonymous: Principal | null = null,
    @Optional() private readonly failures?: FailedAuthenticationLimit,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;

    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & AuthenticatedRequest>();
    const reply = http.getResponse<FastifyReply>();
    const limited = this.failures !== undefined && this.anonymous === null && hasCredentials(request);
    if (limited) await this.failures?.ensureAllowed(String(request.ip), reply);
    try {
      request.principal = await this.authenticate(request);
    } catch (error) {
      // A failed authentication is a request of the caller's address, counted against its limit.
      const refusal =
        limited && error instanceof UnauthenticatedError
          ? await this.failures?.countFailure(String(request.ip), reply)
          : undefined;
      if (refusal !== undefined) throw refusal;
      // RFC 6750: tell the client which scheme to use.
      void reply.header('www-authenticate', 'Bearer realm="api"');
      throw error;
    }
    this.authorize(request.principal, context);
    return true;
  }

  private async authenticate(request: FastifyRequest): Promise<Principal> {
    // Auth switched off: credentials are ignored, since OpenAI clients always send some key.
    if (this.anonymous !== null) return this.anonymous;
    const apiKeyHeader = request.headers['x-api-key'];
    const authorization = request.headers.authorization;
    if (typeof apiKeyHeader === 'string' && apiKeyHeader !== '') return this.fromApiKey(apiKeyHeader);
    if (typeof authorization === 'string') {
      const credential = bearerCredentialOf(authorization);
      if (credential === undefined) throw new UnauthenticatedError('Use "Authorization: Bearer <token or API key>".');
      return looksLikeJwt(credential) ? this.fromAccessToken(credential) : this.fromApiKey(credential);
    }
    throw new UnauthenticatedError('Authentication is required: send an access token or an API key.');
  }

  private async fromAccessToken(token: string): Promise<Principal> {
    const claims = await this.tokens.verify(token);
    const role: RoleName = claims.roles.includes('admin') ? 'admin' : 'user';
    return { kind: 'access-token', userId: claims.sub, role, scopes: SCOPES, credentialId: claims.jti };
  }

  private async fromApiKey(key: string): Promise<Principal> {
    const principal = await this.apiKeys.authenticate(key);
    if (principal === undefined) throw new UnauthenticatedError('The API key is not valid.');
    return principal;
  }

  private authorize(principal: Principal, context: ExecutionContext): void {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(SESSION_REQUIRED, targets) && principal.kind === 'api-key') {
      throw new ForbiddenError('This action needs a signed-in user (an access token); API keys cannot manage keys.');
    }
    const roles = this.reflector.getAllAndOverride<RoleName[] | undefined>(REQUIRED_ROLES, targets);
    if (roles !== undefined && roles.length > 0 && !roles.includes(principal.role)) {
      throw new ForbiddenError(`This action needs the role ${roles.join(' or ')}.`);
    }
    const scopes = this.reflector.getAllAndOverride<Scope[] | undefined>(REQUIRED_SCOPES, targets) ?? [];
    const missing = scopes.filter((scope) => !principal.scopes.includes(scope));
    if (missing.length > 0) throw new ForbiddenError(`The credential lacks the scope ${missing.join(', ')}.`);
  }
}

/** A request that presents a credential (whose failure counts against the address's limit). */
function hasCredentials(request: FastifyRequest): boolean {
  const apiKey = request.headers['x-api-key'];
  return (typeof apiKey === 'string' && apiKey !== '') || typeof request.headers.authorization === 'string';
}
