import { Controller, Get, type INestApplication, Module, Post } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { ThrottlerModule } from '@nestjs/throttler';
import request from 'supertest';
import type { Principal } from './principal';
import { RATE_LIMIT_THROTTLER } from './rate-limit-key';
import { RateLimitGuard, StrictRateLimit, isStrictRateLimited } from './rate-limit.guard';
import { MemoryRateLimitStore } from './rate-limit.store';

const LIMIT = 5;
const STRICT_LIMIT = 3;

@Controller()
class OrdinaryController {
  @Get('a')
  a(): string {
    return 'a';
  }

  @Get('b')
  b(): string {
    return 'b';
  }

  @StrictRateLimit()
  @Post('login')
  login(): string {
    return 'login';
  }

  @StrictRateLimit()
  @Post('register')
  register(): string {
    return 'register';
  }
}

@StrictRateLimit()
@Controller('strict')
class StrictController {
  @Get()
  everything(): string {
    return 'strict';
  }
}

const reflector = new Reflector();

@Module({
  imports: [
    ThrottlerModule.forRoot({
      throttlers: [
        {
          name: RATE_LIMIT_THROTTLER,
          ttl: 60_000,
          limit: (context) => (isStrictRateLimited(reflector, context) ? STRICT_LIMIT : LIMIT),
        },
      ],
      storage: new MemoryRateLimitStore(),
    }),
  ],
  controllers: [OrdinaryController, StrictController],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
class LimitedModule {}

describe(RateLimitGuard.name, () => {
  let app: INestApplication;
  let baseUrl: string;
  let clients = 0;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [LimitedModule] }).compile();
    // Trusting the forwarded address lets each test be a client of its own.
    const fastify = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter({ trustProxy: true }));
    // What AuthGuard leaves on the request for a proven credential.
    fastify
      .getHttpAdapter()
      .getInstance()
      .addHook('onRequest', (req, _reply, done) => {
        const user = req.headers['x-test-user'];
        if (typeof user === 'string') {
          const principal: Principal = {
            kind: 'access-token',
            userId: user,
            role: 'user',
            scopes: [],
            credentialId: `jti-${Math.random()}`,
          };
          Object.assign(req, { principal });
        }
        done();
      });
    await fastify.listen(0, '127.0.0.1');
    app = fastify;
    baseUrl = await fastify.getUrl();
  });

  afterAll(async () => {
    await app.close();
  });

  /** A new client: its own address, so its own counters. */
  const newClient = () => {
    clients += 1;
    const address = `198.51.100.${clients}`;
    return {
      get: (path: string) => request(baseUrl).get(path).set('x-forwarded-for', address),
      post: (path: string) => request(baseUrl).post(path).set('x-forwarded-for', address),
    };
  };

  const statuses = async (requests: (() => request.Test)[]) => {
    const seen: number[] = [];
    for (const send of requests) seen.push((await send()).status);
    return seen;
  };

  describe('the shared limit', () => {
    it("counts all of a client's requests together, whatever the route", async () => {
      const client = newClient();
      const routes = ['/a', '/b', '/a', '/b', '/a', '/b'];
      expect(await statuses(routes.map((path) => () => client.get(path)))).toEqual([200, 200, 200, 200, 200, 429]);
    });

    it('keeps clients apart: one out of requests does not limit another', async () => {
      const spender = newClient();
      await statuses(Array.from({ length: LIMIT + 1 }, () => () => spender.get('/a')));
      expect((await newClient().get('/a')).status).toBe(200);
    });

    it('counts an authenticated user by who they are, from whichever address', async () => {
      const user = `user-${Math.random()}`;
      const requests = Array.from({ length: LIMIT + 1 }, () => () => newClient().get('/a').set('x-test-user', user));
      expect(await statuses(requests)).toEqual([200, 200, 200, 200, 200, 429]);
      expect((await newClient().get('/a').set('x-test-user', `${user}-other`)).status).toBe(200);
    });

    it('tells the client its limit and what is left on every answer', async () => {
      const client = newClient();
      const first = await client.get('/a');
      expect(first.headers['ratelimit-limit']).toBe(String(LIMIT));
      expect(first.headers['ratelimit-remaining']).toBe(String(LIMIT - 1));
    });
  });

  describe('a strict route', () => {
    it('has the stricter limit, counted per route: a client out of login attempts may still register', async () => {
      const client = newClient();
      const logins = Array.from({ length: STRICT_LIMIT + 1 }, () => () => client.post('/login'));
      expect(await statuses(logins)).toEqual([201, 201, 201, 429]);
      expect((await client.post('/register')).status).toBe(201);
    });

    it('does not spend the shared limit of the client', async () => {
      const client = newClient();
      await statuses(Array.from({ length: STRICT_LIMIT + 1 }, () => () => client.post('/login')));
      const ordinary = Array.from({ length: LIMIT }, () => () => client.get('/a'));
      expect(await statuses(ordinary)).toEqual(Array(LIMIT).fill(200));
    });

    it('can be a whole controller', async () => {
      const client = newClient();
      const requests = Array.from({ length: STRICT_LIMIT + 1 }, () => () => client.get('/strict'));
      expect(await statuses(requests)).toEqual([200, 200, 200, 429]);
    });
  });

  describe('the 429', () => {
    it('carries the RateLimit fields, Retry-After, and a detail for people', async () => {
      const client = newClient();
      await statuses(Array.from({ length: STRICT_LIMIT }, () => () => client.post('/login')));
      const refused = await client.post('/login');
      expect(refused.status).toBe(429);
      expect(refused.headers['ratelimit-limit']).toBe(String(STRICT_LIMIT));
      expect(refused.headers['ratelimit-remaining']).toBe('0');
      expect(refused.headers['retry-after']).toBe('60');
      expect(refused.headers['ratelimit-reset']).toBe('60');
      expect(refused.body.message).toBe('Too many requests: the limit is 3 per 60 s. Try again in 60 s.');
    });
  });
});
