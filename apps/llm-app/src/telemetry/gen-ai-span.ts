import { type Attributes, type Span, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import type { ChatMessage } from '../openai/chat-completion.schema';
import { messageText } from '../openai/chat-completion.schema';
import type { FinishReason, ProviderRequest } from '../providers/chat-provider';
import type { ModelRoute } from '../providers/model-router';

export const GEN_AI_OPERATION_CHAT = 'chat';

export function llmTracer(): Tracer {
  return trace.getTracer('llm-app');
}

/** The CLIENT span of one provider call, named "{operation} {model}" as the GenAI conventions ask. */
export function startProviderSpan(tracer: Tracer, route: ModelRoute, request: ProviderRequest, stream: boolean): Span {
  const attributes: Attributes = {
    'gen_ai.operation.name': GEN_AI_OPERATION_CHAT,
    'gen_ai.provider.name': route.provider.name,
    'gen_ai.request.model': request.model,
    'gen_ai.request.stream': stream,
  };
  if (request.temperature !== undefined) attributes['gen_ai.request.temperature'] = request.temperature;
  if (request.maxTokens !== undefined) attributes['gen_ai.request.max_tokens'] = request.maxTokens;
  if (request.topP !== undefined) attributes['gen_ai.request.top_p'] = request.topP;
  if (route.provider.serverAddress !== undefined) attributes['server.address'] = route.provider.serverAddress;
  return tracer.startSpan(`${GEN_AI_OPERATION_CHAT} ${request.model}`, { kind: SpanKind.CLIENT, attributes });
}

export interface ProviderResponseFacts {
  readonly responseModel: string;
  readonly responseId?: string;
  readonly finishReason: FinishReason;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

export function recordResponse(span: Span, facts: ProviderResponseFacts): void {
  span.setAttributes({
    'gen_ai.response.model': facts.responseModel,
    'gen_ai.response.finish_reasons': [facts.finishReason],
    'gen_ai.usage.input_tokens': facts.inputTokens,
    'gen_ai.usage.output_tokens': facts.outputTokens,
  });
  if (facts.responseId !== undefined) span.setAttribute('gen_ai.response.id', facts.responseId);
}

export function recordFailure(span: Span, errorType: string, error: unknown): void {
  span.setAttribute('error.type', errorType);
  // The exception's message may quote the upstream's body; its class name is enough to find it in logs.
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : errorType });
}

/** The GenAI conventions' message shape: role and text parts. Only with LLM_CAPTURE_CONTENT=true. */
export function recordInputMessages(span: Span, messages: readonly ChatMessage[]): void {
  span.setAttribute(
    'gen_ai.input.messages',
    JSON.stringify(
      messages.map((message) => ({ role: message.role, parts: [{ type: 'text', content: messageText(message) }] })),
    ),
  );
}

export function recordOutputMessage(span: Span, text: string, finishReason: FinishReason): void {
  span.setAttribute(
    'gen_ai.output.messages',
    JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: text }], finish_reason: finishReason }]),
  );
}
