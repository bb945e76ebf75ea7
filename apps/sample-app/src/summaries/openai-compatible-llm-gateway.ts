import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { type GatewayCompletion, type GatewayCompletionRequest, LlmGateway } from './llm-gateway';
import {
  LlmGatewayError,
  LlmGatewayNotConfiguredError,
  LlmGatewayTimeoutError,
  LlmGatewayUnavailableError,
  LlmRateLimitedError,
} from './llm-gateway.errors';
import { SampleAppConfig } from '../config/sample-app-config';

const completionSchema = z.object({
  model: z.string(),
  choices: z
    .array(z.object({ message: z.object({ content: z.string().nullable() }), finish_reason: z.string().nullable() }))
    .min(1),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() }),
});

const errorSchema = z.object({ error: z.object({ message: z.string() }) });

/**
 * Asks llm-app through its OpenAI-compatible Chat Completions API with plain
 * fetch: the undici instrumentation makes the CLIENT span and sends the W3C
 * traceparent, so the summary's trace continues in llm-app. No retries here:
 * llm-app already retries its providers, and retrying both layers multiplies load.
 */
@Injectable()
export class OpenAiCompatibleLlmGateway extends LlmGateway {
  /** Chat Completions under LLM_GATEWAY_URL; undefined when summaries are off. */
  private readonly endpoint: URL | undefined;

  constructor(private readonly config: SampleAppConfig) {
    super();
    const { url } = config.llmGateway;
    this.endpoint = url === undefined ? undefined : new URL('v1/chat/completions', url.endsWith('/') ? url : `${url}/`);
  }

  async complete(request: GatewayCompletionRequest, bearer: string | undefined): Promise<GatewayCompletion> {
    const { model, timeoutMs } = this.config.llmGateway;
    if (this.endpoint === undefined) {
      throw new LlmGatewayNotConfiguredError('Summaries are off: this deployment sets no LLM_GATEWAY_URL.');
    }
    const response = await this.post(this.endpoint, timeoutMs, bearer, {
      model,
      messages: request.messages,
      max_tokens: request.maxTokens,
      // Deterministic, so llm-app's exact-match response cache can serve the same item again.
      temperature: 0,
    });
    const body = await this.readJson(response, timeoutMs);
    if (!response.ok) throw failureOf(response, body);
    const parsed = completionSchema.safeParse(body);
    if (!parsed.success)
      throw new LlmGatewayError('llm-app answered 200 with something that is not a chat completion.');
    const { choices, usage } = parsed.data;
    const [choice] = choices;
    return {
      text: choice?.message.content ?? '',
      model: parsed.data.model,
      finishReason: choice?.finish_reason ?? 'stop',
      usage: {
        promptTokens: usage.prompt_tokens,
        completionTokens: usage.completion_tokens,
        totalTokens: usage.total_tokens,
      },
    };
  }

  private async post(url: URL, timeoutMs: number, bearer: string | undefined, body: unknown): Promise<Response> {
    try {
      return await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (isTimeout(error)) throw timeoutError(timeoutMs);
      throw new LlmGatewayUnavailableError(`llm-app at ${url.origin} cannot be reached (${causeOf(error)}).`);
    }
  }

  /** The body can stall after the headers; the same deadline covers it. */
  private async readJson(response: Response, timeoutMs: number): Promise<unknown> {
    try {
      return JSON.parse(await response.text()) as unknown;
    } catch (error) {
      if (isTimeout(error)) throw timeoutError(timeoutMs);
      if (error instanceof SyntaxError) return undefined;
      throw new LlmGatewayUnavailableError(`llm-app dropped the connection mid-answer (${causeOf(error)}).`);
    }
  }
}

function failureOf(response: Response, body: unknown): Error {
  const parsed = errorSchema.safeParse(body);
  const said = parsed.success ? `: ${parsed.data.error.message}` : '';
  if (response.status === 429) {
    const retryAfter = response.headers.get('retry-after') ?? undefined;
    return new LlmRateLimitedError(
      `llm-app refused the request: its rate limit or token budget is spent${said}`,
      retryAfter !== undefined && /^\d{1,6}$/.test(retryAfter) ? retryAfter : undefined,
    );
  }
  if (response.status === 401 || response.status === 403) {
    return new LlmGatewayError(`llm-app refused the credentials sample-app sent (${response.status})${said}`);
  }
  return new LlmGatewayError(`llm-app answered ${response.status}${said}`);
}

function timeoutError(timeoutMs: number): LlmGatewayTimeoutError {
  return new LlmGatewayTimeoutError(`llm-app did not answer within ${timeoutMs} ms (LLM_GATEWAY_TIMEOUT_MS).`);
}

/** AbortSignal.timeout() rejects with a DOMException named TimeoutError. */
function isTimeout(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'TimeoutError';
}

/** undici reports the socket's error code (ECONNREFUSED, ENOTFOUND) as the cause of "fetch failed". */
function causeOf(error: unknown): string {
  const { cause, message } = (error ?? {}) as { cause?: { code?: unknown }; message?: unknown };
  if (typeof cause?.code === 'string') return cause.code;
  return typeof message === 'string' ? message : String(error);
}
