import { createHash, generateKeyPairSync } from 'node:crypto';
import request from 'supertest';
import type { RunningApp } from '../../../test/support/start-app';
import { startSampleApp } from '../../sample-app/test/sample-app.harness';
import { signUp } from '../../../test/support/accounts';
import { startLlmApp } from './llm-app.harness';

const COMPLETION = { model: 'simulated', messages: [{ role: 'user', content: 'hi' }] };
const LLM_KEY = 'llm-test-key-0123456789abcdef';

describe('llm-app access', () => {
  describe('with API keys and sample-app tokens configured', () => {
    let issuer: RunningApp;
    let gateway: RunningApp;

    beforeAll(async () => {
      // GIVEN sample-app issuing tokens, and llm-app trusting its JWKS plus one API key (stored hashed)
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      issuer = await startSampleApp({
        env: { AUTH_JWT_PRIVATE_KEY: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() },
      });
      gateway = await startLlmApp({
        env: {
          AUTH_JWKS_URL: `${issuer.baseUrl}/.well-known/jwks.json`,
          LLM_API_KEY_SHA256: createHash('sha256').update(LLM_KEY).digest('hex'),
        },
      });
    });

    afterAll(async () => {
      await gateway.close();
      await issuer.close();
    });

    it('refuses a request without credentials with 401 in the OpenAI shape', async () => {
      const response = await request(gateway.baseUrl).post('/v1/chat/completions').send(COMPLETION);
      expect(response.status).toBe(401);
      expect(response.body.error).toMatchObject({ type: 'authentication_error' });
    });

    it('accepts its configured API key as a Bearer credential, and refuses any other key', async () => {
      await request(gateway.baseUrl)
        .post('/v1/chat/completions')
        .set('authorization', `Bearer ${LLM_KEY}`)
        .send(COMPLETION)
        .expect(200);
      await request(gateway.baseUrl)
        .post('/v1/chat/completions')
        .set('authorization', 'Bearer llm-test-key-wrong-wrong-wrong')
        .send(COMPLETION)
        .expect(401);
    });

    it("accepts an access token sample-app issued, verified through sample-app's JWKS", async () => {
      const account = await signUp(issuer.baseUrl, 'llm-user');
      await request(gateway.baseUrl)
        .post('/chat')
        .set('authorization', `Bearer ${account.accessToken}`)
        .send({ message: 'hello' })
        .expect(200);
    });

    it('refuses a token signed by a key sample-app never published', async () => {
      const other = await startSampleApp();
      try {
        const stranger = await signUp(other.baseUrl, 'elsewhere');
        const response = await request(gateway.baseUrl)
          .get('/v1/models')
          .set('authorization', `Bearer ${stranger.accessToken}`);
        expect(response.status).toBe(401);
      } finally {
        await other.close();
      }
    });

    it('keeps the operational endpoints open', async () => {
      await request(gateway.baseUrl).get('/health').expect(200);
      await request(gateway.baseUrl).get('/metrics').expect(200);
    });
  });

  describe('with nothing configured (development)', () => {
    it('serves anonymously, ignoring whatever key an OpenAI client sends', async () => {
      const open = await startLlmApp();
      try {
        await request(open.baseUrl).post('/v1/chat/completions').send(COMPLETION).expect(200);
        await request(open.baseUrl)
          .post('/v1/chat/completions')
          .set('authorization', 'Bearer sk-anything')
          .send(COMPLETION)
          .expect(200);
      } finally {
        await open.close();
      }
    });
  });

  describe('rate limits', () => {
    it('answers past the per-client limit with 429 in the OpenAI shape and Retry-After, and counts the refusal', async () => {
      const limited = await startLlmApp({ env: { RATE_LIMIT_MAX_REQUESTS: '2' } });
      try {
        const statuses: number[] = [];
        let last: request.Response | undefined;
        for (let i = 0; i < 3; i += 1) {
          last = await request(limited.baseUrl).post('/v1/chat/completions').send(COMPLETION);
          statuses.push(last.status);
        }
        expect(statuses).toEqual([200, 200, 429]);
        expect(last?.body.error).toMatchObject({ type: 'rate_limit_error' });
        expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
        const metrics = await request(limited.baseUrl).get('/metrics');
        expect(metrics.text).toMatch(/^llm_rate_limit_rejections_total\{kind="requests"\} 1$/m);
      } finally {
        await limited.close();
      }
    });
  });
});
