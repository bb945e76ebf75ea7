import { Injectable } from '@nestjs/common';
import { withFallback } from '../completions/provider-fallback';
import { type ResponsesRequest, functionTools } from '../openai/responses.schema';
import { EndpointProviders, type EndpointRoute } from '../providers/endpoint-providers';
import { ModelRouter } from '../providers/model-router';
import type { RelayedHeaders } from '../providers/chat-provider';
import type {
  ResponseObject,
  ResponseStreamEvent,
  ResponseStreamItem,
  ResponsesProvider,
} from '../providers/responses-provider';
import { TokenCounter } from '../providers/token-counter';
import { TERMINAL_EVENTS } from '../providers/upstream/upstream-endpoints';
import {
  type EndpointOperation,
  type EndpointOutcome,
  InstrumentedEndpointCalls,
} from '../telemetry/instrumented-endpoint-calls';
import { GEN_AI_OPERATION_CHAT } from '../telemetry/gen-ai-span';
import { inputContentOf, outcomeOfResponse } from './response-facts';

type Route = EndpointRoute<ResponsesProvider>;

/** Events that carry generated output: the first one is the time to first token. */
const OUTPUT_EVENTS = new Set([
  'response.output_text.delta',
  'response.function_call_arguments.delta',
  'response.refusal.delta',
]);

/**
 * The Responses API through the gateway: routed to the model's providers that have it, each call
 * measured (`chat` operation with `openai.api.type=responses`, as the OpenAI conventions define it),
 * the answer relayed unchanged but for the public model name.
 */
@Injectable()
export class ResponsesService {
  constructor(
    private readonly router: ModelRouter,
    private readonly endpoints: EndpointProviders,
    private readonly calls: InstrumentedEndpointCalls,
    private readonly tokens: TokenCounter,
  ) {}

  routes(request: ResponsesRequest): Route[] {
    return this.endpoints.responsesRoutes(this.router.routes(request.model));
  }

  async create(
    request: ResponsesRequest,
    routes: readonly Route[],
    signal: AbortSignal,
  ): Promise<{ response: ResponseObject; tokens: number; headers: RelayedHeaders }> {
    const { route, result } = await withFallback(routes, signal, async (candidate) => {
      let outcome: ReturnType<typeof outcomeOfResponse> | undefined;
      const answer = await this.calls.call(
        candidate,
        this.operation(request, false),
        signal,
        () => candidate.endpoint.createResponse(callFor(request, candidate), signal),
        (done) => (outcome = outcomeOfResponse(done.response, request, this.tokens)),
      );
      return { answer, tokens: (outcome?.inputTokens ?? 0) + (outcome?.outputTokens ?? 0) };
    });
    return {
      response: { ...result.answer.response, model: route.publicModel },
      tokens: result.tokens,
      headers: result.answer.headers ?? {},
    };
  }

  /**
   * Starts a streamed response and waits for its first event, so a provider that cannot serve is
   * replaced by the next route (or fails with a proper status) before the response has started;
   * the headers the client gets back come with that first event.
   */
  async openStream(
    request: ResponsesRequest,
    routes: readonly Route[],
    signal: AbortSignal,
    onTokens: (tokens: number) => void,
  ): Promise<{ events: AsyncGenerator<ResponseStreamEvent>; headers: RelayedHeaders }> {
    const { route, result } = await withFallback(routes, signal, async (candidate) => {
      const events = this.calls
        .stream(
          candidate,
          this.operation(request, true),
          signal,
          () => candidate.endpoint.streamResponse(callFor(request, candidate), signal),
          {
            isOutput: (item) => OUTPUT_EVENTS.has(item.event.type),
            outcomeOf: (item) => this.streamOutcome(item.event, request, onTokens),
          },
        )
        [Symbol.asyncIterator]();
      return { events, first: await events.next() };
    });
    const headers = result.first.done === true ? {} : (result.first.value.headers ?? {});
    return { events: publicModel(result.first, result.events, route.publicModel), headers };
  }

  private streamOutcome(
    event: ResponseStreamEvent,
    request: ResponsesRequest,
    onTokens: (tokens: number) => void,
  ): EndpointOutcome | undefined {
    if (!TERMINAL_EVENTS.has(event.type)) return undefined;
    if (event.type === 'error') return { inputTokens: 0, failed: true, finishReasons: ['error'] };
    const outcome = outcomeOfResponse((event.response ?? {}) as ResponseObject, request, this.tokens);
    onTokens(outcome.inputTokens + outcome.outputTokens);
    return outcome;
  }

  private operation(request: ResponsesRequest, stream: boolean): EndpointOperation {
    const attributes = {
      ...(request.max_output_tokens == null ? {} : { 'gen_ai.request.max_tokens': request.max_output_tokens }),
      ...(request.temperature == null ? {} : { 'gen_ai.request.temperature': request.temperature }),
      ...(request.top_p == null ? {} : { 'gen_ai.request.top_p': request.top_p }),
      ...(functionTools(request).length === 0
        ? {}
        : { 'gen_ai.tool.definitions.count': functionTools(request).length }),
      'gen_ai.output.type':
        request.text?.format?.type === 'json_schema' || request.text?.format?.type === 'json_object' ? 'json' : 'text',
    };
    return {
      operation: GEN_AI_OPERATION_CHAT,
      apiType: 'responses',
      stream,
      attributes,
      inputContent: () => inputContentOf(request),
    };
  }
}

function callFor(request: ResponsesRequest, route: Route) {
  return { model: route.upstreamModel, body: { ...request, model: route.upstreamModel } };
}

/** The stream's events again from its first, each response object under the public model name. */
async function* publicModel(
  first: IteratorResult<ResponseStreamItem>,
  rest: AsyncIterator<ResponseStreamItem>,
  model: string,
): AsyncGenerator<ResponseStreamEvent> {
  const rename = ({ event }: ResponseStreamItem): ResponseStreamEvent =>
    typeof event.response === 'object' && event.response !== null
      ? { ...event, response: { ...event.response, model } }
      : event;
  if (first.done === true) return;
  yield rename(first.value);
  try {
    for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield rename(next.value);
  } finally {
    await rest.return?.();
  }
}
