import { generateKeyPairSync } from 'node:crypto';
import { sha256Hex } from '@app/auth';
import { PROBLEM_CONTENT_TYPE } from '@app/errors';
import request from 'supertest';
import { type TestAccount, bearer, signUp } from '../../../test/support/accounts';
import { FakeUpstream } from '../../../test/support/fake-openai-upstream';
import { freePort } from '../../../test/support/process-harness';
import type { RunningApp } from '../../../test/support/start-app';
import { startLlmApp } from '../../llm-app/test/llm-app.harness';
import { startSampleApp } from './sample-app.harness';

const SERVICE_KEY = 'sample-app-service-key-0123456789';
/** Instances sharing a database share a signing key, as replicas do, so each accepts the others' tokens. */
const SIGNING_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ format: 'pem', type: 'pkcs8' })
  .toString();

describe('POST /api/v1/items/:id/summary', () => {
  describe('with llm-app trusting sample-app tokens and sample-app holding an llm-app key', () => {
    let gateway: RunningApp;
    let api: RunningApp;
    let apiWithoutKey: RunningApp;
    let owner: TestAccount;
    let itemId: string;

    beforeAll(async () => {
      // GIVEN llm-app on a port chosen first, so sample-app can be told where it is, and llm-app
      // verifying sample-app's tokens through its JWKS and accepting one API key (stored hashed)
      const gatewayPort = await freePort();
      api = await startSampleApp({
        env: {
          AUTH_JWT_PRIVATE_KEY: SIGNING_KEY,
          LLM_GATEWAY_URL: `http://127.0.0.1:${gatewayPort}`,
          LLM_GATEWAY_API_KEY: SERVICE_KEY,
        },
      });
      apiWithoutKey = await startSampleApp({
        shareDatabaseOf: api,
        env: { AUTH_JWT_PRIVATE_KEY: SIGNING_KEY, LLM_GATEWAY_URL: `http://127.0.0.1:${gatewayPort}` },
      });
      gateway = await startLlmApp({
        port: gatewayPort,
        env: {
          AUTH_JWKS_URL: `${api.baseUrl}/.well-known/jwks.json`,
          LLM_API_KEY_SHA256: sha256Hex(SERVICE_KEY),
        },
      });
      owner = await signUp(api.baseUrl, 'summary');
      const created = await request(api.baseUrl)
        .post('/api/v1/items')
        .set(...bearer(owner.accessToken))
        .send({ name: 'Telescope', description: 'A 200 mm reflector on a Dobsonian mount.' })
        .expect(201);
      itemId = created.body.id as string;
    });

    afterAll(async () => {
      await gateway.close();
      await apiWithoutKey.close();
      await api.close();
    });

    it("returns the model's summary with its token usage", async () => {
      const response = await request(api.baseUrl)
        .post(`/api/v1/items/${itemId}/summary`)
        .set(...bearer(owner.accessToken))
        .expect(200);
      expect(response.body).toEqual({
        itemId,
        summary: expect.stringMatching(/\S/),
        model: 'simulated',
        finishReason: expect.stringMatching(/^(stop|length)$/),
        usage: {
          promptTokens: expect.any(Number),
          completionTokens: expect.any(Number),
          totalTokens: expect.any(Number),
        },
      });
      const { promptTokens, completionTokens, totalTokens } = response.body.usage;
      // The prompt holds the instructions, the name and the description: far more than a handful of tokens.
      expect(promptTokens).toBeGreaterThan(20);
      expect(totalTokens).toBe(promptTokens + completionTokens);
    });

    it('passes a signed-in caller on to llm-app as themself, needing no key of its own', async () => {
      // apiWithoutKey has no LLM_GATEWAY_API_KEY: only the forwarded access token can get through
      await request(apiWithoutKey.baseUrl)
        .post(`/api/v1/items/${itemId}/summary`)
        .set(...bearer(owner.accessToken))
        .expect(200);
      const metrics = (await request(gateway.baseUrl).get('/metrics')).text;
      expect(metrics).toMatch(/gen_ai_client_operation_duration_seconds_count\{[^}]*gen_ai_request_model="simulated"/);
    });

    it("represents an API-key caller with sample-app's own llm-app key, and says so when it has none", async () => {
      const key = await request(api.baseUrl)
        .post('/api/v1/auth/api-keys')
        .set(...bearer(owner.accessToken))
        .send({ name: 'summaries', scopes: ['items:read'] })
        .expect(201);
      await request(api.baseUrl)
        .post(`/api/v1/items/${itemId}/summary`)
        .set('x-api-key', key.body.key as string)
        .expect(200);
      const refused = await request(apiWithoutKey.baseUrl)
        .post(`/api/v1/items/${itemId}/summary`)
        .set('x-api-key', key.body.key as string)
        .expect(502);
      expect(refused.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
      expect(refused.body).toMatchObject({ code: 'llm-gateway-error', detail: expect.stringContaining('(401)') });
    });

    it('returns 400 for an id that is not a UUID and 401 without credentials', async () => {
      await request(api.baseUrl)
        .post('/api/v1/items/not-a-uuid/summary')
        .set(...bearer(owner.accessToken))
        .expect(400);
      await request(api.baseUrl).post(`/api/v1/items/${itemId}/summary`).expect(401);
    });
  });

  describe('when llm-app misbehaves', () => {
    let upstream: FakeUpstream;
    let api: RunningApp;
    let owner: TestAccount;
    let itemId: string;

    const summarise = () =>
      request(api.baseUrl)
        .post(`/api/v1/items/${itemId}/summary`)
        .set(...bearer(owner.accessToken));

    beforeAll(async () => {
      // GIVEN a server speaking llm-app's wire format that fails on cue
      upstream = await FakeUpstream.start();
      api = await startSampleApp({
        env: {
          AUTH_JWT_PRIVATE_KEY: SIGNING_KEY,
          LLM_GATEWAY_URL: new URL(upstream.baseUrl).origin,
          LLM_GATEWAY_TIMEOUT_MS: '300',
        },
      });
      owner = await signUp(api.baseUrl, 'summary-faults');
      const created = await request(api.baseUrl)
        .post('/api/v1/items')
        .set(...bearer(owner.accessToken))
        .send({ name: 'Lamp' })
        .expect(201);
      itemId = created.body.id as string;
    });

    afterAll(async () => {
      await api.close();
      await upstream.close();
    });

    it('returns 404 for an item that does not exist, without asking llm-app', async () => {
      upstream.answer({ kind: 'ok' });
      const response = await request(api.baseUrl)
        .post('/api/v1/items/01900000-0000-7000-8000-000000000000/summary')
        .set(...bearer(owner.accessToken))
        .expect(404);
      expect(response.body).toMatchObject({ code: 'not-found' });
      expect(upstream.requests).toBe(0);
      // AND the count does move when the item exists: the summary is asked for
      await summarise().expect(200);
      expect(upstream.requests).toBe(1);
    });

    it("answers 429 with llm-app's Retry-After when llm-app rate limits the caller", async () => {
      upstream.answer({ kind: 'rate-limited', retryAfter: '17' });
      const response = await summarise().expect(429);
      expect(response.headers['retry-after']).toBe('17');
      expect(response.body).toMatchObject({ code: 'llm-rate-limited', detail: expect.stringContaining('slow down') });
    });

    it("answers 502 with llm-app's message when llm-app fails", async () => {
      upstream.answer({ kind: 'unavailable' });
      const response = await summarise().expect(502);
      expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
      expect(response.body).toMatchObject({ code: 'llm-gateway-error', detail: 'llm-app answered 503: overloaded' });
    });

    it('answers 502 when llm-app answers 200 with something that is not a completion', async () => {
      upstream.answer({ kind: 'ok-without-usage' });
      expect((await summarise().expect(502)).body).toMatchObject({ code: 'llm-gateway-error' });
    });

    it('answers 504 when llm-app does not answer within LLM_GATEWAY_TIMEOUT_MS', async () => {
      upstream.answer({ kind: 'stall' });
      const response = await summarise().expect(504);
      expect(response.body).toMatchObject({ code: 'llm-gateway-timeout', detail: expect.stringContaining('300 ms') });
    });

    it('answers 503 when llm-app drops the connection', async () => {
      upstream.answer({ kind: 'drop' });
      expect((await summarise().expect(503)).body).toMatchObject({ code: 'llm-gateway-unavailable' });
    });

    it('answers 503 when nothing listens at LLM_GATEWAY_URL', async () => {
      const nowhere = await startSampleApp({
        shareDatabaseOf: api,
        env: { AUTH_JWT_PRIVATE_KEY: SIGNING_KEY, LLM_GATEWAY_URL: `http://127.0.0.1:${await freePort()}` },
      });
      try {
        const response = await request(nowhere.baseUrl)
          .post(`/api/v1/items/${itemId}/summary`)
          .set(...bearer(owner.accessToken))
          .expect(503);
        expect(response.body).toMatchObject({
          code: 'llm-gateway-unavailable',
          detail: expect.stringContaining('ECONNREFUSED'),
        });
      } finally {
        await nowhere.close();
      }
    });
  });
});
