import { type DynamicModule, Module, type ModuleMetadata, type Type } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { REDIS_CLIENT, RedisThrottlerStorage } from '@app/cache';
import { AppConfig } from '@app/config';
import type { Redis } from 'ioredis';
import { AccessTokenIssuer, AccessTokenVerifier } from './access-token';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { AuthGuard } from './auth.guard';
import { PasswordHasher } from './password-hasher';
import { RateLimitGuard, isStrictRateLimited } from './rate-limit.guard';
import { SigningKeys } from './signing-keys';

export interface AuthModuleOptions {
  /** Modules the API key authenticator depends on (its repositories). */
  readonly imports?: ModuleMetadata['imports'];
  /** Where this app's API keys are checked. */
  readonly apiKeyAuthenticator: Type<ApiKeyAuthenticator>;
}

/**
 * Identity and access for an app: RS256 access tokens (signing keys, issuer,
 * verifier), Argon2id passwords, and two global guards in this order: the
 * deny-by-default AuthGuard, then the RateLimitGuard (Redis-backed when
 * REDIS_URL is set, so the limit holds across replicas).
 */
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    const reflector = new Reflector();
    return {
      module: AuthModule,
      global: true,
      imports: [
        JwtModule.register({}),
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
        SigningKeys,
        AccessTokenIssuer,
        AccessTokenVerifier,
        PasswordHasher,
        { provide: ApiKeyAuthenticator, useClass: options.apiKeyAuthenticator },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
      exports: [SigningKeys, AccessTokenIssuer, AccessTokenVerifier, PasswordHasher],
    };
  }
}
