import { type DynamicModule, Module, type ModuleMetadata, type Provider, type Type } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { REDIS_CLIENT, RedisThrottlerStorage } from '@app/cache';
import { AppConfig } from '@app/config';
import type { Redis } from 'ioredis';
import { AccessTokenIssuer, AccessTokenVerifier } from './access-token';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { ANONYMOUS_PRINCIPAL, AuthGuard } from './auth.guard';
import { JwksTokenVerifier } from './jwks-token-verifier';
import { NoTokenVerifier } from './no-token-verifier';
import { PasswordHasher } from './password-hasher';
import type { Principal } from './principal';
import { RateLimitGuard, isStrictRateLimited } from './rate-limit.guard';
import { SigningKeys } from './signing-keys';
import { TokenVerifier } from './token-verifier';

export interface AuthModuleOptions {
  /** Modules the API key authenticator depends on (its repositories). */
  readonly imports?: ModuleMetadata['imports'];
  /** Where this app's API keys are checked. */
  readonly apiKeyAuthenticator: Type<ApiKeyAuthenticator>;
  /**
   * `issuer`: this app signs access tokens (SigningKeys, AccessTokenIssuer) and
   * verifies them with its own keys. `jwks`: it only verifies, with the keys
   * published at AUTH_JWKS_URL (or refuses every token when that is unset).
   */
  readonly tokens: 'issuer' | 'jwks';
  /**
   * Requests without credentials act as this principal: auth is off. Only for
   * development with nothing configured; production config refuses that state.
   * @default undefined (credentials required)
   */
  readonly anonymous?: Principal;
}

/**
 * Identity and access for an app: access tokens (signed here, or verified
 * against an issuer's JWKS), Argon2id passwords, and two global guards in this
 * order: the deny-by-default AuthGuard, then the RateLimitGuard (Redis-backed
 * when REDIS_URL is set, so the limit holds across replicas).
 */
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    const reflector = new Reflector();
    const tokenProviders: Provider[] =
      options.tokens === 'issuer'
        ? [SigningKeys, AccessTokenIssuer, { provide: TokenVerifier, useClass: AccessTokenVerifier }]
        : [
            {
              provide: TokenVerifier,
              inject: [AppConfig],
              useFactory: (config: AppConfig): TokenVerifier =>
                config.auth.jwksUrl === undefined ? new NoTokenVerifier() : new JwksTokenVerifier(config),
            },
          ];
    return {
      module: AuthModule,
      global: true,
      imports: [
        ThrottlerModule.forRootAsync({
          inject: [AppConfig, REDIS_CLIENT],
          useFactory: (config: AppConfig, redis: Redis | undefined) => ({
            throttlers: [
              {
                name: 'default',
                ttl: config.rateLimit.windowSeconds * 1_000,
                limit: (context) =>
                  isStrictRateLimited(reflector, context)
                    ? config.rateLimit.authMaxRequests
                    : config.rateLimit.maxRequests,
              },
            ],
            ...(redis === undefined ? {} : { storage: new RedisThrottlerStorage(redis, config.cache.keyPrefix) }),
          }),
        }),
        ...(options.imports ?? []),
      ],
      providers: [
        ...tokenProviders,
        PasswordHasher,
        { provide: ApiKeyAuthenticator, useClass: options.apiKeyAuthenticator },
        { provide: ANONYMOUS_PRINCIPAL, useValue: options.anonymous ?? null },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
      exports: [
        ...(options.tokens === 'issuer' ? [SigningKeys, AccessTokenIssuer] : []),
        TokenVerifier,
        PasswordHasher,
      ],
    };
  }
}
