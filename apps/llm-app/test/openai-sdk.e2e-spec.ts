import OpenAI from 'openai';
import type { RunningApp } from '../../../test/support/start-app';
import { startLlmApp } from './llm-app.harness';

// The official SDK, unchanged, pointed at the gateway: what any OpenAI client does.
describe('llm-app with the official openai SDK', () => {
  let running: RunningApp;
  let client: OpenAI;

  beforeAll(async () => {
    running = await startLlmApp();
    client = new OpenAI({ baseURL: `${running.baseUrl}/v1`, apiKey: 'not-needed-for-the-simulator', maxRetries: 0 });
  });

  afterAll(async () => {
    await running.close();
  });

  it('creates a completion', async () => {
    const completion = await client.chat.completions.create({
      model: 'simulated',
      messages: [{ role: 'user', content: 'Hello from the SDK' }],
    });
    expect(completion.choices[0]?.message.content).toContain('Hello from the SDK');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('streams a completion and reports usage', async () => {
    const stream = await client.chat.completions.create({
      model: 'simulated',
      messages: [{ role: 'user', content: 'Stream please' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let totalTokens = 0;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      totalTokens = chunk.usage?.total_tokens ?? totalTokens;
    }
    expect(text).toContain('Stream please');
    expect(totalTokens).toBeGreaterThan(0);
  });

  it('lists the models', async () => {
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toContain('simulated');
  });

  it("raises the SDK's NotFoundError for an unknown model", async () => {
    await expect(
      client.chat.completions.create({ model: 'missing', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("raises the SDK's BadRequestError for an invalid request", async () => {
    await expect(
      client.chat.completions.create({ model: 'simulated', messages: [], temperature: 5 }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });
});
