import { OpenAiError } from '../openai/openai.errors';
import { serverSentEvents } from './server-sent-events';

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  let body = '';
  for await (const chunk of stream) body += String(chunk);
  return body;
}

const interrupted = () => new OpenAiError(502, 'upstream_error', 'stream_interrupted', 'interrupted');

describe(serverSentEvents.name, () => {
  it('sends each chunk as an event and ends with [DONE]', async () => {
    async function* chunks() {
      yield await Promise.resolve({ n: 1 });
      yield { n: 2 };
    }
    expect(await text(serverSentEvents(chunks(), interrupted))).toBe(
      'data: {"n":1}\n\ndata: {"n":2}\n\ndata: [DONE]\n\n',
    );
  });

  it('ends a stream that is still waiting for its upstream when stop aborts, with a shutdown error event', async () => {
    const stop = new AbortController();
    async function* chunks() {
      yield { n: 1 };
      await new Promise(() => undefined); // an upstream that never sends again
    }
    const stream = serverSentEvents(chunks(), interrupted, stop.signal);
    const body = text(stream);
    setTimeout(() => stop.abort(), 20);
    const events = (await body).split('\n\n').filter((line) => line !== '');
    expect(events[0]).toBe('data: {"n":1}');
    expect(JSON.parse(events[1]!.slice('data: '.length))).toMatchObject({
      error: { type: 'server_error', code: 'server_shutting_down' },
    });
    expect(events[2]).toBe('data: [DONE]');
  });

  it('sends an upstream failure in-band', async () => {
    async function* chunks(): AsyncGenerator<unknown> {
      yield await Promise.resolve({ n: 1 });
      throw new Error('socket hang up');
    }
    expect(await text(serverSentEvents(chunks(), interrupted))).toContain('"code":"stream_interrupted"');
  });
});
