import { createOpenAI } from '@ai-sdk/openai';
import { OpenAIEmbeddings } from '@langchain/openai';
import { embed, embedMany } from 'ai';
import OpenAI from 'openai';
import {
  type CompatEnvironment,
  RELAYED_HEADERS,
  TARGETS,
  UPSTREAM_EMBEDDING_MODEL,
  headerRecordingFetch,
  relayedHeadersOf,
  startCompatEnvironment,
} from './endpoints-harness';

// Apps start inside hooks and tests; on a loaded machine that can take longer than Jest's 5 s default.
jest.setTimeout(30_000);

const norm = (vector: readonly number[]) => Math.hypot(...vector);

// Embeddings with the clients people use, unchanged, pointed at llm-app: relayed to an upstream that
// speaks OpenAI's wire format, and answered by the simulator.
describe.each(TARGETS)('embeddings with openai, the AI SDK and LangChain $name', (target) => {
  let env: CompatEnvironment;
  const received = () => env.upstream.posts('/v1/embeddings').map((request) => request.body);
  /** What the upstream must have received: these bodies through the relay, nothing from the simulator. */
  const upstreamGot = (...bodies: unknown[]) => (target.relayed ? bodies : []);
  const partly = (fields: object) => expect.objectContaining(fields) as unknown;

  beforeAll(async () => {
    env = await startCompatEnvironment();
  });

  beforeEach(() => env.upstream.reset());

  afterAll(async () => {
    await env?.close();
  });

  describe('openai', () => {
    it('embeddings.create decodes the base64 the SDK asks for into vectors of the requested dimensions', async () => {
      const client = new OpenAI({ baseURL: env.baseURL, apiKey: 'compat', maxRetries: 0 });
      const result = await client.embeddings.create({
        model: target.embeddingModel,
        input: ['first', 'second'],
        dimensions: 8,
      });
      expect(result.data.map((item) => item.embedding.length)).toEqual([8, 8]);
      for (const item of result.data) expect(norm(item.embedding)).toBeCloseTo(1, 5);
      expect(result.usage.prompt_tokens).toBeGreaterThan(0);
      expect(result.model).toBe(target.embeddingModel);
      expect(received()).toEqual(
        upstreamGot({
          model: UPSTREAM_EMBEDDING_MODEL,
          input: ['first', 'second'],
          dimensions: 8,
          encoding_format: 'base64',
        }),
      );
    });

    it('embeddings.create with encoding_format float and a user gets floats, the fields passed on', async () => {
      const client = new OpenAI({ baseURL: env.baseURL, apiKey: 'compat', maxRetries: 0 });
      const result = await client.embeddings.create({
        model: target.embeddingModel,
        input: 'only one',
        encoding_format: 'float',
        dimensions: 4,
        user: 'user-7',
      });
      expect(result.data[0]?.embedding).toHaveLength(4);
      expect(received()).toEqual(upstreamGot(partly({ encoding_format: 'float', user: 'user-7' })));
    });

    it("raises the SDK's NotFoundError for an unknown embedding model", async () => {
      const client = new OpenAI({ baseURL: env.baseURL, apiKey: 'compat', maxRetries: 0 });
      await expect(client.embeddings.create({ model: 'no-such-embedder', input: 'x' })).rejects.toBeInstanceOf(
        OpenAI.NotFoundError,
      );
    });
  });

  describe('ai + @ai-sdk/openai', () => {
    it('embed returns one vector of the requested dimensions, with usage', async () => {
      const provider = createOpenAI({ baseURL: env.baseURL, apiKey: 'compat' });
      const result = await embed({
        model: provider.embedding(target.embeddingModel),
        value: 'sunny day at the beach',
        providerOptions: { openai: { dimensions: 16 } },
        maxRetries: 0,
      });
      expect(result.embedding).toHaveLength(16);
      expect(result.usage.tokens).toBeGreaterThan(0);
      expect(received()).toEqual(upstreamGot(partly({ input: ['sunny day at the beach'], dimensions: 16 })));
    });

    it('embedMany returns a vector per value, in order', async () => {
      const provider = createOpenAI({ baseURL: env.baseURL, apiKey: 'compat' });
      const values = ['rainy day in the mountains', 'sunny day at the beach', 'rainy day in the mountains'];
      const result = await embedMany({
        model: provider.embedding(target.embeddingModel),
        values,
        providerOptions: { openai: { dimensions: 8 } },
        maxRetries: 0,
      });
      expect(result.embeddings).toHaveLength(3);
      expect(received()).toEqual(upstreamGot(partly({ input: values })));
      // The fake gives input n the unit vector along axis n; the simulator the same vector for the same text.
      expect(result.embeddings[2]).toEqual(target.relayed ? [0, 0, 1, 0, 0, 0, 0, 0] : result.embeddings[0]);
      expect(result.embeddings[1]).not.toEqual(result.embeddings[0]);
    });
  });

  describe('@langchain/openai', () => {
    const embeddings = () =>
      new OpenAIEmbeddings({
        model: target.embeddingModel,
        dimensions: 8,
        apiKey: 'compat',
        maxRetries: 0,
        configuration: { baseURL: env.baseURL },
      });

    it('OpenAIEmbeddings.embedQuery returns one vector', async () => {
      const vector = await embeddings().embedQuery('what is a gateway?');
      expect(vector).toHaveLength(8);
      expect(received()).toEqual(upstreamGot(partly({ model: UPSTREAM_EMBEDDING_MODEL, dimensions: 8 })));
    });

    it('OpenAIEmbeddings.embedDocuments returns a vector per document', async () => {
      const vectors = await embeddings().embedDocuments(['doc one', 'doc two']);
      expect(vectors.map((vector) => vector.length)).toEqual([8, 8]);
      expect(received()).toEqual(upstreamGot(partly({ input: ['doc one', 'doc two'] })));
    });
  });
});

// The upstream's request id and rate-limit headers, as each client exposes them (LangChain does not: its fetch sees them).
describe("embeddings through the relay: the upstream's request id and rate-limit headers reach each client", () => {
  const [relay] = TARGETS;
  let env: CompatEnvironment;

  beforeAll(async () => {
    env = await startCompatEnvironment();
  });

  afterAll(async () => {
    await env?.close();
  });

  it("openai: embeddings.create().withResponse() has them, the gateway's own x-request-id kept", async () => {
    const client = new OpenAI({ baseURL: env.baseURL, apiKey: 'compat', maxRetries: 0 });
    const { response } = await client.embeddings
      .create({ model: relay!.embeddingModel, input: 'headers please' })
      .withResponse();
    expect(relayedHeadersOf(response.headers)).toEqual(RELAYED_HEADERS);
    expect(response.headers.get('x-request-id')).not.toMatch(/^req_fake_/);
  });

  it('ai + @ai-sdk/openai: embed().response.headers has them', async () => {
    const provider = createOpenAI({ baseURL: env.baseURL, apiKey: 'compat' });
    const result = await embed({ model: provider.embedding(relay!.embeddingModel), value: 'headers', maxRetries: 0 });
    expect(relayedHeadersOf(result.response?.headers)).toEqual(RELAYED_HEADERS);
  });

  it('@langchain/openai: the response OpenAIEmbeddings received has them', async () => {
    const recording = headerRecordingFetch();
    await new OpenAIEmbeddings({
      model: relay!.embeddingModel,
      apiKey: 'compat',
      maxRetries: 0,
      configuration: { baseURL: env.baseURL, fetch: recording.fetch },
    }).embedQuery('headers');
    expect(relayedHeadersOf(recording.last())).toEqual(RELAYED_HEADERS);
  });
});
