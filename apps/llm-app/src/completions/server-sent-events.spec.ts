import { getEventListeners } from 'node:events';
import { OpenAiError } from '../openai/openai.errors';
import { serverSentEvents } from './server-sent-events';

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  let body = '';
  for await (const chunk of stream) body += String(chunk);
  return body;
}

const interrupted = () => new OpenAiError(502, 'upstream_error', 'stream_interrupted', 'interrupted');

describe(serverSentEvents.name, () => {
  it('sends each chunk’s JSON text as an event, as it is, and ends with [DONE]', async () => {
    async function* chunks() {
      yield await Promise.resolve('{"n":1}');
      yield '{"n":2}';
    }
    expect(await text(serverSentEvents(chunks(), interrupted))).toBe(
      'data: {"n":1}\n\ndata: {"n":2}\n\ndata: [DONE]\n\n',
    );
  });

  it('ends a stream that is still waiting for its upstream when stop aborts, with a shutdown error event', async () => {
    const stop = new AbortController();
    async function* chunks() {
      yield '{"n":1}';
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

  it('leaves no listener on the stop signal once a stream has ended, however it ended', async () => {
    // The stop signal is the process's shutdown signal: it outlives every stream.
    const stop = new AbortController();
    async function* chunks(): AsyncGenerator<string> {
      yield await Promise.resolve('{"n":1}');
    }
    async function* failing(): AsyncGenerator<string> {
      yield await Promise.resolve('{"n":1}');
      throw new Error('socket hang up');
    }
    await text(serverSentEvents(chunks(), interrupted, stop.signal));
    await text(serverSentEvents(failing(), interrupted, stop.signal));
    const left = serverSentEvents(chunks(), interrupted, stop.signal);
    for await (const _ of left) break; // the client left after the first event
    left.destroy();
    await new Promise((resolve) => setImmediate(resolve));
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
  });

  it('sends an upstream failure in-band', async () => {
    async function* chunks(): AsyncGenerator<string> {
      yield await Promise.resolve('{"n":1}');
      throw new Error('socket hang up');
    }
    expect(await text(serverSentEvents(chunks(), interrupted))).toContain('"code":"stream_interrupted"');
  });
});
