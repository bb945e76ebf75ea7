import { createOpenAI } from '@ai-sdk/openai';
import { ChatOpenAI } from '@langchain/openai';
import { generateText } from 'ai';
import OpenAI, { type APIError } from 'openai';
import type { UpstreamBehaviour } from '../../../../test/support/fake-openai-upstream';
import { type CompatRig, GATEWAY_MAX_RETRIES, startCompatRig } from './compat.harness';

/** What one client call costs the upstream when the gateway spends its retries and the client adds none. */
const GATEWAY_ATTEMPTS = 1 + GATEWAY_MAX_RETRIES;

const SERVER_ERROR: UpstreamBehaviour = {
  kind: 'status',
  status: 500,
  body: { error: { message: 'The server had an error', type: 'server_error', code: null, param: null } },
};
/** retry-after 0: the gateway retries at once, then answers 429 with its own retry-after (1 s). */
const RATE_LIMITED: UpstreamBehaviour = { kind: 'rate-limited', retryAfter: '0' };

// An upstream that keeps failing, counted at the fake: the gateway's retries are the budget, and a client
// that honours `x-should-retry: false` (openai, OpenAI's own rule) adds none. The AI SDK and LangChain retry
// by status alone, so each of their attempts costs the gateway's budget again: these checks pin the
// figures docs/llm-app.md gives (and its advice: maxRetries 0 on those clients).
describe('retries against an upstream that keeps failing, with each client', () => {
  let rig: CompatRig;
  const relay = { name: 'relay', model: 'relay' } as const;
  const fail = (behaviour: UpstreamBehaviour) => rig.upstream.answer(behaviour);
  const attempts = () => rig.upstream.requests;

  beforeAll(async () => {
    rig = await startCompatRig({ LLM_UPSTREAM_RESPONSES_API: 'true' });
  });

  afterAll(async () => {
    await rig.close();
  });

  describe('openai (default maxRetries 2) honours x-should-retry: false, so the upstream sees the gateway budget only', () => {
    const client = () => new OpenAI({ baseURL: rig.baseUrl, apiKey: 'client-key' });
    const caught = (call: Promise<unknown>) =>
      call.then(
        () => undefined,
        (error: unknown) => error as APIError,
      );

    it.each([
      ['a persistent 500', SERVER_ERROR, 502],
      ['a persistent 429', RATE_LIMITED, 429],
    ])('chat.completions.create against %s: 3 upstream attempts', async (_name, behaviour, status) => {
      fail(behaviour);
      const error = await caught(
        client().chat.completions.create({ model: relay.model, messages: [{ role: 'user', content: 'x' }] }),
      );
      expect(error?.status).toBe(status);
      expect(error?.headers?.get('x-should-retry')).toBe('false');
      expect(attempts()).toBe(GATEWAY_ATTEMPTS);
    });

    it('embeddings.create against a persistent 500: 3 upstream attempts', async () => {
      fail(SERVER_ERROR);
      const error = await caught(client().embeddings.create({ model: relay.model, input: 'x' }));
      expect(error?.status).toBe(502);
      expect(attempts()).toBe(GATEWAY_ATTEMPTS);
    });

    it('does not retry an upstream refusing the gateway key on embeddings and responses either: 1 attempt each', async () => {
      const refused: UpstreamBehaviour = {
        kind: 'status',
        status: 401,
        body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } },
      };
      for (const call of [
        () => client().embeddings.create({ model: relay.model, input: 'x' }),
        () => client().responses.create({ model: relay.model, input: 'x' }),
        () => client().responses.create({ model: relay.model, input: 'x', stream: true }),
      ]) {
        fail(refused);
        const error = await caught(call());
        expect({ status: error?.status, code: error?.code, attempts: attempts() }).toEqual({
          status: 403,
          code: 'upstream_auth_failed',
          attempts: 1,
        });
      }
    });

    it('responses.create, streamed and not, against a persistent 500: 3 upstream attempts each', async () => {
      fail(SERVER_ERROR);
      const error = await caught(client().responses.create({ model: relay.model, input: 'x' }));
      expect(error?.status).toBe(502);
      expect(attempts()).toBe(GATEWAY_ATTEMPTS);
      fail(SERVER_ERROR);
      const streamed = await caught(client().responses.create({ model: relay.model, input: 'x', stream: true }));
      expect(streamed?.status).toBe(502);
      expect(attempts()).toBe(GATEWAY_ATTEMPTS);
    });
  });

  describe('ai + @ai-sdk/openai retries any 5xx and 429 whatever the headers: (maxRetries + 1) × the gateway budget', () => {
    const openai = () => createOpenAI({ baseURL: rig.baseUrl, apiKey: 'client-key' });

    it.each([
      ['a persistent 500', SERVER_ERROR],
      ['a persistent 429', RATE_LIMITED],
    ])('generateText with its default maxRetries (2) against %s: 9 upstream attempts', async (_name, behaviour) => {
      fail(behaviour);
      await expect(generateText({ model: openai().chat(relay.model), prompt: 'x' })).rejects.toThrow();
      expect(attempts()).toBe(3 * GATEWAY_ATTEMPTS);
    });

    it.each([
      ['a persistent 500', SERVER_ERROR],
      ['a persistent 429', RATE_LIMITED],
    ])('generateText with maxRetries: 0 against %s: 3 upstream attempts', async (_name, behaviour) => {
      fail(behaviour);
      await expect(generateText({ model: openai().chat(relay.model), prompt: 'x', maxRetries: 0 })).rejects.toThrow();
      expect(attempts()).toBe(GATEWAY_ATTEMPTS);
    });
  });

  describe('@langchain/openai retries any status but 4xx refusals whatever the headers: (maxRetries + 1) × the gateway budget', () => {
    const chat = (maxRetries: number) =>
      new ChatOpenAI({
        model: relay.model,
        apiKey: 'client-key',
        configuration: { baseURL: rig.baseUrl },
        maxRetries,
        useResponsesApi: false,
      });

    it('invoke with maxRetries: 2 against a persistent 500: 9 upstream attempts (its default, 6, would make 21)', async () => {
      fail(SERVER_ERROR);
      await expect(chat(2).invoke('x')).rejects.toThrow();
      expect(attempts()).toBe(3 * GATEWAY_ATTEMPTS);
    });

    it.each([
      ['a persistent 500', SERVER_ERROR],
      ['a persistent 429', RATE_LIMITED],
    ])('invoke with maxRetries: 0 against %s: 3 upstream attempts', async (_name, behaviour) => {
      fail(behaviour);
      await expect(chat(0).invoke('x')).rejects.toThrow();
      expect(attempts()).toBe(GATEWAY_ATTEMPTS);
    });
  });
});
