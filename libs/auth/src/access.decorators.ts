import { type ExecutionContext, SetMetadata, applyDecorators, createParamDecorator } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import type { AuthenticatedRequest, Principal, RoleName, Scope } from './principal';

export const REQUIRED_ROLES = 'access:roles';
export const REQUIRED_SCOPES = 'access:scopes';
export const SESSION_REQUIRED = 'access:session';

/** Only these roles may call the route (403 for others). */
export const Roles = (...roles: RoleName[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);

/** An API key must carry every listed scope; access tokens carry all scopes. */
export const Scopes = (...scopes: Scope[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_SCOPES, scopes);

/**
 * Only a signed-in user (an access token) may call the route; an API key gets 403 whatever
 * its scopes. For managing credentials: a key must never mint, list or revoke keys.
 */
export const SessionRequired = (): MethodDecorator & ClassDecorator => SetMetadata(SESSION_REQUIRED, true);

/** The authenticated caller; only on routes that are not @Public(). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (principal === undefined) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});

/** OpenAPI: the route accepts an access token or an API key (the two schemes createHttpApp declares). */
export const ApiCredentials = (): MethodDecorator & ClassDecorator =>
  applyDecorators(ApiBearerAuth(), ApiSecurity('api-key'));
