import { FAKE_RATE_LIMIT_HEADERS, FakeOpenAiEndpoints } from '../../../../test/support/fake-openai-endpoints';
import type { RunningApp } from '../../../../test/support/start-app';
import { startLlmApp } from '../llm-app.harness';

/** Where a client check runs: llm-app relaying to the protocol-level fake upstream, or llm-app's simulator. */
export interface CompatTarget {
  readonly name: string;
  readonly relayed: boolean;
  readonly embeddingModel: string;
  readonly chatModel: string;
}

export const TARGETS: readonly CompatTarget[] = [
  { name: 'through the relay', relayed: true, embeddingModel: 'relay-embed', chatModel: 'relay-smart' },
  { name: 'against the simulator', relayed: false, embeddingModel: 'simulated', chatModel: 'simulated' },
];

/** The upstream names of the relayed models, as the fake receives them. */
export const UPSTREAM_EMBEDDING_MODEL = 'text-embedding-3-small';
export const UPSTREAM_CHAT_MODEL = 'gpt-5-mini';

export interface CompatEnvironment {
  readonly upstream: FakeOpenAiEndpoints;
  readonly app: RunningApp;
  /** llm-app's OpenAI base URL (…/v1), what every client is given. */
  readonly baseURL: string;
  close(): Promise<void>;
}

/** The fake upstream (with the Responses API) and one llm-app serving both targets' models. */
export async function startCompatEnvironment(): Promise<CompatEnvironment> {
  const upstream = await FakeOpenAiEndpoints.start();
  const app = await startLlmApp({
    env: {
      LLM_UPSTREAMS: JSON.stringify([
        {
          name: 'fake-openai',
          baseUrl: upstream.baseUrl,
          models: [`relay-embed=${UPSTREAM_EMBEDDING_MODEL}`, `relay-smart=${UPSTREAM_CHAT_MODEL}`],
          responsesApi: true,
        },
      ]),
      LLM_UPSTREAM_MAX_RETRIES: '0',
    },
  });
  return {
    upstream,
    app,
    baseURL: `${app.baseUrl}/v1`,
    close: async () => {
      await app.close();
      await upstream.close();
    },
  };
}

/** The upstream headers every relayed answer carries back: the fake's request id (renamed) and rate limits. */
export const RELAYED_HEADERS = {
  'x-upstream-request-id': expect.stringMatching(/^req_fake_\d+$/) as unknown,
  ...FAKE_RATE_LIMIT_HEADERS,
};

/** Those of `headers` (a fetch Headers or a client's plain record) that RELAYED_HEADERS names. */
export function relayedHeadersOf(headers: Headers | Readonly<Record<string, string | undefined>> | undefined) {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : headers?.[name]) ?? undefined;
  return Object.fromEntries(Object.keys(RELAYED_HEADERS).map((name) => [name, get(name)]));
}

/** A fetch that keeps the headers of the last response it got: how a test sees what LangChain received. */
export function headerRecordingFetch(): { fetch: typeof fetch; last: () => Headers | undefined } {
  let last: Headers | undefined;
  return {
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      last = response.headers;
      return response;
    },
    last: () => last,
  };
}
