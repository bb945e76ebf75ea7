import { Clock } from '@app/lifecycle';
import { loadConfig } from '@app/config';
import { LLM_APP } from '../llm-app.identity';
import type { ProviderRequest } from './chat-provider';
import { SimulatedProvider } from './simulated.provider';
import { TokenCounter } from './token-counter';

function provider(env: Record<string, string> = {}): SimulatedProvider {
  const config = loadConfig(
    { LLM_SIMULATED_TTFT_MS: '0', LLM_SIMULATED_TOKENS_PER_SECOND: '1000000', ...env },
    LLM_APP,
  );
  return new SimulatedProvider(new TokenCounter(), new Clock(), config);
}

const REQUEST: ProviderRequest = {
  model: 'simulated',
  messages: [{ role: 'user', content: 'Tell me about exemplars' }],
  stop: [],
};

describe(SimulatedProvider.name, () => {
  const never = new AbortController().signal;

  describe('complete', () => {
    it('answers the same conversation with the same text, and counts real tokens', async () => {
      const counter = new TokenCounter();
      const first = await provider().complete(REQUEST, never);
      const second = await provider().complete(REQUEST, never);
      expect(second.text).toBe(first.text);
      expect(first.usage).toEqual({
        promptTokens: counter.countPrompt(REQUEST.messages),
        completionTokens: counter.count(first.text),
        estimated: false,
      });
    });
  });

  describe('stream', () => {
    it('streams pieces that join to exactly the completed text, then a done event with usage', async () => {
      const whole = await provider().complete(REQUEST, never);
      let text = '';
      let done: unknown;
      for await (const event of provider().stream(REQUEST, never)) {
        if (event.type === 'delta') text += event.text;
        else done = event;
      }
      expect(text).toBe(whole.text);
      expect(done).toMatchObject({
        type: 'done',
        finishReason: 'stop',
        usage: whole.usage,
        responseModel: 'simulated',
      });
    });

    it('stops with an AbortError when the signal aborts mid-stream', async () => {
      // GIVEN a slow simulator (a full reply would take many seconds)
      const slow = provider({ LLM_SIMULATED_TOKENS_PER_SECOND: '1' });
      const controller = new AbortController();
      const received: string[] = [];
      // WHEN the caller aborts after the first piece
      const consume = (async () => {
        for await (const event of slow.stream(REQUEST, controller.signal)) {
          if (event.type === 'delta') {
            received.push(event.text);
            controller.abort();
          }
        }
      })();
      // THEN the stream ends at once with an AbortError, having produced one piece
      await expect(consume).rejects.toMatchObject({ name: 'AbortError' });
      expect(received).toHaveLength(1);
    });
  });
});
