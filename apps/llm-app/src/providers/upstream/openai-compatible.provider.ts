import type { Clock } from '@app/lifecycle';
import { OpenAiError, parameterRefused } from '../../openai/openai.errors';
import {
  ChatProvider,
  type ProviderCompletion,
  type ProviderRequest,
  type ProviderStreamEvent,
  type RelayedHeaders,
  type TokenUsage,
  type WireObject,
} from '../chat-provider';
import type { IncomingHttpHeaders } from 'node:http';
import { CircuitBreaker, type CircuitState } from './circuit-breaker';
import { type RetryReason, UpstreamEvents } from './upstream-events';
import { Deadline } from './deadline';
import { parseRetryAfterMs, retryDelayMs } from './retry-delay';
import { sseDataOf } from './sse-data-parser';
import {
  type RetryableFailure,
  circuitOpenError,
  clientErrorFrom,
  errorMessageOf,
  exhaustedError,
  interruptedError,
  redirectedError,
  stalledError,
  timeoutError,
} from './upstream-failures';
import {
  toFinishReason,
  toUsage,
  type UpstreamChunk,
  readChunk,
  readCompletion,
  upstreamErrorSchema,
} from './upstream-wire';
import type { UpstreamClient, UpstreamResponse } from './upstream-http';
import type { LlmAppConfig } from '../../config/llm-app-config';

export type UpstreamConfig = LlmAppConfig['llm']['upstreams'][number];

/** Readiness probes are cached so a busy kubelet does not turn into upstream traffic. */
const REACHABILITY_CACHE_MS = 5_000;
const REACHABILITY_TIMEOUT_MS = 2_000;

/**
 * Any upstream speaking OpenAI's Chat Completions (OpenAI, vLLM, Ollama,
 * llama.cpp's server, another llm-app). Retries what is worth retrying before
 * the first byte reaches the client, and stops calling an upstream that keeps
 * failing (circuit breaker) so callers fail fast or fall back.
 */
export class OpenAiCompatibleProvider extends ChatProvider {
  readonly name: string;
  readonly serverAddress: string;
  readonly breaker: CircuitBreaker;
  private reachability: { readonly checkedAtMs: number; readonly reachable: boolean } | undefined;
  private publishedState: CircuitState | undefined;
  /** Built once: the same for every call (the instrumentation adds `traceparent` to the request, not to these). */
  private readonly requestHeaders: {
    readonly plain: readonly string[];
    readonly json: readonly string[];
    readonly sse: readonly string[];
  };

  constructor(
    private readonly config: UpstreamConfig,
    private readonly clock: Clock,
    private readonly http: UpstreamClient,
    private readonly events: UpstreamEvents = new UpstreamEvents(),
  ) {
    super();
    this.name = config.name;
    this.serverAddress = new URL(config.baseUrl).hostname;
    this.breaker = new CircuitBreaker(config.circuitBreaker, clock);
    const plain = config.apiKey === undefined ? [] : ['authorization', `Bearer ${config.apiKey}`];
    const json = [...plain, 'content-type', 'application/json'];
    this.requestHeaders = {
      plain,
      json: [...json, 'accept', 'application/json'],
      sse: [...json, 'accept', 'text/event-stream'],
    };
  }

  async complete(request: ProviderRequest, signal: AbortSignal): Promise<ProviderCompletion> {
    const body = this.body(request, false);
    const deadline = new Deadline(this.config.timeoutMs, signal);
    try {
      const response = await this.send('/chat/completions', body, false, signal, deadline);
      // Read as text and parsed once: the text is what the client gets back, rewritten in place (decision 0140).
      const wireText = await response.body.text();
      let wire: unknown;
      try {
        wire = JSON.parse(wireText);
      } catch {
        throw interruptedError(this.name, 'the response is not JSON');
      }
      const completion = readCompletion(wire);
      if (completion === undefined) throw interruptedError(this.name, 'the response is not a chat completion');
      const { choices, usage, model, id } = completion;
      const choice = choices[0];
      return {
        text: choice?.message.content ?? '',
        finishReason: toFinishReason(choice?.finish_reason),
        finishReasons: choices.map((each) => each.finish_reason ?? 'stop'),
        wire: wire as WireObject,
        wireText,
        headers: relayedHeaders(response.headers),
        ...optional({ usage: toUsage(usage), responseModel: model, responseId: id }),
      };
    } catch (error) {
      throw this.translate(error, signal, deadline);
    } finally {
      deadline.clear();
    }
  }

  /**
   * The upstream's chunks, each relayed as it arrives (tool-call deltas,
   * logprobs, every choice of n), the usage-only chunk held back for the
   * gateway to relay or drop as the client asked.
   */
  async *stream(request: ProviderRequest, signal: AbortSignal): AsyncIterable<ProviderStreamEvent> {
    const body = this.body(request, true);
    const deadline = new Deadline(this.config.timeoutMs, signal);
    let streaming = false;
    try {
      const response = await this.send('/chat/completions', body, true, signal, deadline);
      let headers: RelayedHeaders | undefined = relayedHeaders(response.headers);
      const finishReasons = new Map<number, string>();
      let usage: TokenUsage | undefined;
      let usageChunk: WireObject | undefined;
      const ids: { responseModel?: string; responseId?: string } = {};
      let finished = false;
      for await (const data of sseDataOf(bodyBytes(response, signal, deadline))) {
        // Once streaming, the deadline bounds the silence before the next event, not a long generation.
        if (streaming) deadline.restart(this.config.streamIdleTimeoutMs);
        if (data === '[DONE]') {
          finished = true;
          break;
        }
        const { wire, chunk } = this.parseChunk(data);
        // Per chunk: plain assignments, not `optional`'s entries, filter and fromEntries.
        if (chunk.model !== undefined) ids.responseModel = chunk.model;
        if (chunk.id !== undefined) ids.responseId = chunk.id;
        usage = toUsage(chunk.usage) ?? usage;
        let text = '';
        for (const [position, choice] of chunk.choices.entries()) {
          const content = choice.delta?.content;
          if (typeof content === 'string') text += content;
          if (choice.finish_reason !== undefined && choice.finish_reason !== null) {
            finishReasons.set(choice.index ?? position, choice.finish_reason);
          }
        }
        if (chunk.choices.length === 0 && chunk.usage !== undefined && chunk.usage !== null) {
          usageChunk = wire;
          continue;
        }
        if (!streaming) deadline.restart(this.config.streamIdleTimeoutMs);
        streaming = true;
        // Per chunk: one object literal, not `optional`'s entries, filter and fromEntries.
        if (headers === undefined) yield { type: 'delta', text, chunk: wire, data };
        else yield { type: 'delta', text, chunk: wire, data, headers };
        headers = undefined;
      }
      if (!finished && finishReasons.size === 0) throw interruptedError(this.name, 'the stream ended early');
      const reasons = [...finishReasons.entries()].sort(([a], [b]) => a - b).map(([, reason]) => reason);
      yield {
        type: 'done',
        finishReason: toFinishReason(reasons[0]),
        finishReasons: reasons,
        ...optional({ usage, usageChunk }),
        ...ids,
      };
    } catch (error) {
      if (streaming && deadline.expired && !signal.aborted) throw stalledError(this.name, deadline.ms);
      throw this.translate(error, signal, deadline);
    } finally {
      deadline.clear();
    }
  }

  /**
   * POSTs a body to another of the upstream's endpoints (`/embeddings`, `/responses`) with the retries,
   * breaker, deadline and error mapping of chat, and hands the successful response to `read` within the
   * deadline; the headers the client gets back come with what it read.
   */
  async postJson<T>(
    path: string,
    body: Record<string, unknown>,
    signal: AbortSignal,
    read: (response: UpstreamResponse) => Promise<T>,
  ): Promise<{ readonly value: T; readonly headers: RelayedHeaders }> {
    const payload = this.withParameterPolicy(body);
    const deadline = new Deadline(this.config.timeoutMs, signal);
    try {
      const response = await this.send(path, payload, false, signal, deadline);
      return { value: await read(response), headers: relayedHeaders(response.headers) };
    } catch (error) {
      throw this.translate(error, signal, deadline);
    } finally {
      deadline.clear();
    }
  }

  /**
   * The `data:` payloads of a streamed answer from another endpoint, unparsed, the first with the
   * headers the client gets back. Once the first event arrived, the deadline bounds the silence
   * between two events.
   */
  async *postStream(
    path: string,
    body: Record<string, unknown>,
    signal: AbortSignal,
  ): AsyncIterable<{ readonly data: string; readonly headers?: RelayedHeaders }> {
    const payload = this.withParameterPolicy(body);
    const deadline = new Deadline(this.config.timeoutMs, signal);
    let streaming = false;
    try {
      const response = await this.send(path, payload, true, signal, deadline);
      let headers: RelayedHeaders | undefined = relayedHeaders(response.headers);
      for await (const data of sseDataOf(bodyBytes(response, signal, deadline))) {
        deadline.restart(this.config.streamIdleTimeoutMs);
        streaming = true;
        yield headers === undefined ? { data } : { data, headers };
        headers = undefined;
      }
    } catch (error) {
      if (streaming && deadline.expired && !signal.aborted) throw stalledError(this.name, deadline.ms);
      throw this.translate(error, signal, deadline);
    } finally {
      deadline.clear();
    }
  }

  async isReachable(): Promise<boolean> {
    if (this.breaker.state === 'open') return false;
    const now = this.clock.nowMs();
    if (this.reachability !== undefined && now - this.reachability.checkedAtMs < REACHABILITY_CACHE_MS) {
      return this.reachability.reachable;
    }
    let reachable: boolean;
    try {
      const response = await this.http.request('/models', {
        method: 'GET',
        headers: this.requestHeaders.plain,
        signal: AbortSignal.timeout(REACHABILITY_TIMEOUT_MS),
      });
      reachable = isSuccess(response.statusCode);
      await response.body.dump();
    } catch {
      reachable = false;
    }
    this.reachability = { checkedAtMs: now, reachable };
    return reachable;
  }

  /**
   * POSTs the request until the upstream answers with a success (returned) or
   * an error not worth retrying (thrown). Only this phase retries: once a
   * response body is being read, nothing is sent twice.
   */
  private async send(
    path: string,
    payload: Record<string, unknown>,
    stream: boolean,
    signal: AbortSignal,
    deadline: Deadline,
  ): Promise<UpstreamResponse> {
    // The deadline's signal aborts for the client's leaving too (one signal, no AbortSignal.any).
    const attemptSignal = deadline.signal;
    const body = JSON.stringify(payload);
    const model = typeof payload.model === 'string' ? payload.model : '';
    for (let attempt = 0; ; attempt++) {
      const acquired = this.breaker.tryAcquire();
      this.publishCircuitState();
      if (!acquired) throw circuitOpenError(this.name);
      let failure: RetryableFailure;
      // The failed answer's headers (its request id and rate limits) go back with the error.
      let lastHeaders: RelayedHeaders;
      try {
        const response = await this.http.request(path, {
          method: 'POST',
          headers: stream ? this.requestHeaders.sse : this.requestHeaders.json,
          body,
          signal: attemptSignal,
        });
        const status = response.statusCode;
        if (isSuccess(status)) {
          this.breaker.recordSuccess();
          return response;
        }
        const text = await response.body.text().catch(() => '');
        const headers = relayedHeaders(response.headers);
        const requestId = headerValue(response.headers, 'x-request-id');
        if (status < 400) {
          this.breaker.recordSuccess();
          throw redirectedError(this.name, status, headerValue(response.headers, 'location')).withHeaders(headers);
        }
        if (status >= 500) {
          this.breaker.recordFailure();
          failure = { kind: 'server-error', status, ...optional({ requestId }) };
        } else {
          // A 4xx (429 included) is an upstream that is up and answering.
          this.breaker.recordSuccess();
          if (status !== 429) {
            throw clientErrorFrom(this.name, status, text, model, requestId).withHeaders(headers);
          }
          const retryAfterMs = parseRetryAfterMs(
            headerValue(response.headers, 'retry-after') ?? null,
            this.clock.nowMs(),
          );
          failure = { kind: 'rate-limited', message: errorMessageOf(text), retryAfterMs, ...optional({ requestId }) };
        }
        lastHeaders = headers;
      } catch (error) {
        if (error instanceof OpenAiError) throw error;
        if (signal.aborted) {
          this.breaker.abandon();
          throw error;
        }
        this.breaker.recordFailure();
        if (deadline.expired) throw timeoutError(this.name, deadline.ms);
        failure = { kind: 'connection', message: describeConnectionError(error) };
        lastHeaders = {};
      }
      const waitMs =
        attempt < this.config.maxRetries
          ? retryDelayMs(attempt, failure.kind === 'rate-limited' ? failure.retryAfterMs : undefined, Math.random)
          : undefined;
      // A wait the deadline would cut short only turns the upstream's answer into a vaguer timeout.
      this.publishCircuitState();
      if (waitMs === undefined || waitMs >= deadline.remainingMs) {
        throw exhaustedError(this.name, failure, attempt + 1).withHeaders(lastHeaders);
      }
      this.events.retried(this.name, retryReason(failure));
      await this.clock.sleep(waitMs, attemptSignal);
    }
  }

  /**
   * What the upstream is sent: the client's body unchanged (every field, known
   * to the gateway or not) but for the upstream's model name, this upstream's
   * parameter policy, and usage asked for in streams (budgets need it).
   */
  private body(request: ProviderRequest, stream: boolean): Record<string, unknown> {
    if (request.body === undefined) return this.ownBody(request, stream);
    const body = this.withParameterPolicy(request.body, request.model);
    if (stream) {
      const options = request.body.stream_options;
      body.stream = true;
      body.stream_options = {
        ...(typeof options === 'object' && options !== null ? options : {}),
        include_usage: true,
      };
    }
    return body;
  }

  /**
   * A client's body as this upstream takes it, on every endpoint: a refused parameter fails the
   * request with a 400 naming it (before any call), a dropped one is left out (LLM_UPSTREAMS
   * refuseParams / dropParams).
   */
  private withParameterPolicy(body: Readonly<Record<string, unknown>>, model?: string): Record<string, unknown> {
    for (const name of Object.keys(body)) {
      if (this.config.refuseParams.has(name)) throw parameterRefused(name, this.name);
    }
    // One copy per request: the upstream's model name set on it rather than on a spread made before.
    const kept: Record<string, unknown> = { ...body };
    if (model !== undefined) kept.model = model;
    for (const name of this.config.dropParams) delete kept[name];
    return kept;
  }

  /** The body of a request the gateway makes itself (the /chat route). */
  private ownBody(request: ProviderRequest, stream: boolean): Record<string, unknown> {
    return {
      model: request.model,
      messages: request.messages,
      ...optional({
        max_tokens: request.maxTokens,
        temperature: request.temperature,
        top_p: request.topP,
        user: request.user,
      }),
      ...(request.stop.length > 0 ? { stop: request.stop } : {}),
      ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
    };
  }

  /** The breaker's state for the gauge, each time it changes (and once at the first call). */
  private publishCircuitState(): void {
    const state = this.breaker.state;
    if (state === this.publishedState) return;
    this.publishedState = state;
    this.events.circuitState(this.name, state);
  }

  private parseChunk(data: string): { wire: WireObject; chunk: UpstreamChunk } {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      throw interruptedError(this.name, 'the stream sent an unreadable event');
    }
    // Only an object with an `error` member can be one; most events are chunks, and a failed parse is not free.
    if (typeof json === 'object' && json !== null && 'error' in json) {
      const error = upstreamErrorSchema.safeParse(json);
      if (error.success) throw interruptedError(this.name, error.data.error.message);
    }
    const chunk = readChunk(json);
    if (chunk === undefined) throw interruptedError(this.name, 'the stream sent an event that is not a chunk');
    return { wire: json as WireObject, chunk };
  }

  /** Errors as the client should see them; a client that left gets its own abort back. */
  private translate(error: unknown, signal: AbortSignal, deadline: Deadline): unknown {
    if (error instanceof OpenAiError || signal.aborted) return error;
    if (deadline.expired) return timeoutError(this.name, deadline.ms);
    return interruptedError(this.name, describeConnectionError(error));
  }
}

/** The upstream response headers a client gets back: its request id (renamed) and its rate-limit state. */
function relayedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const relayed: Record<string, string> = {};
  for (const name in headers) {
    const value = headerValue(headers, name);
    if (value === undefined) continue;
    if (name.startsWith('x-ratelimit-')) relayed[name] = value;
    // The gateway's own x-request-id stays the gateway's (logs, problem bodies, traces).
    if (name === 'x-request-id') relayed['x-upstream-request-id'] = value;
  }
  return relayed;
}

/** A response header's value; a repeated header's values joined as `fetch`'s Headers join them. */
function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/**
 * A streamed body's bytes as they arrive. When the reader stops before the end (the last event
 * came, or it failed to read one), the rest is drained so the connection goes back to the pool;
 * when the client left or the deadline passed, the request is cut off instead.
 */
async function* bodyBytes(response: UpstreamResponse, signal: AbortSignal, deadline: Deadline): AsyncGenerator<Buffer> {
  const body = response.body;
  try {
    for await (const chunk of body.iterator({ destroyOnReturn: false })) yield chunk as Buffer;
  } finally {
    if (!body.readableEnded && !body.destroyed) {
      if (signal.aborted || deadline.expired) body.destroy();
      else drain(body);
    }
  }
}

/** After the last event, at most this much more is read to reuse the connection (usually only the chunked end). */
const DRAIN_LIMIT_BYTES = 64 * 1024;

function drain(body: UpstreamResponse['body']): void {
  let left = DRAIN_LIMIT_BYTES;
  body.on('error', () => undefined);
  body.on('data', (chunk: Buffer) => {
    left -= chunk.length;
    if (left < 0) body.destroy();
  });
  body.resume();
}

/** A connection error (ECONNREFUSED, socket closed); from `fetch` it came as "fetch failed" with the reason in `cause`. */
function describeConnectionError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

/**
 * The entries whose value is defined: the results and failures built from them carry no `key: undefined`,
 * so they serialize and compare (toEqual against a literal) as if the key were never there.
 */
function optional<T extends Record<string, unknown>>(values: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

function retryReason(failure: RetryableFailure): RetryReason {
  if (failure.kind === 'rate-limited') return 'status_429';
  return failure.kind === 'server-error' ? 'status_5xx' : 'connection';
}
