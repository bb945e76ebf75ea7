import { type Attributes, type Span, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import { appTracer } from '@app/tracing';
import type { ChatMessage } from '../openai/chat-completion.schema';
import { messageText } from '../openai/chat-completion.schema';
import type { FinishReason, ProviderRequest, TokenUsage } from '../providers/chat-provider';
import type { ModelRoute } from '../providers/model-router';
import type { OutputMessage } from './output-messages';

export const GEN_AI_OPERATION_CHAT = 'chat';

/** llm-app's own spans (the chat turn, the GenAI and endpoint client spans): under an unsampled request, one object each. */
export function llmTracer(): Tracer {
  return appTracer('llm-app');
}

const numberField = (body: Readonly<Record<string, unknown>> | undefined, name: string): number | undefined => {
  const value = body?.[name];
  return typeof value === 'number' ? value : undefined;
};

/** gen_ai.output.type: what the client asked the model to produce. */
function outputType(body: Readonly<Record<string, unknown>> | undefined): string {
  const format = body?.response_format;
  const type = typeof format === 'object' && format !== null ? (format as { type?: unknown }).type : undefined;
  return type === 'json_object' || type === 'json_schema' ? 'json' : 'text';
}

/** The CLIENT span of one provider call, named "{operation} {model}" as the GenAI conventions ask. */
export function startProviderSpan(tracer: Tracer, route: ModelRoute, request: ProviderRequest, stream: boolean): Span {
  const attributes: Attributes = {
    'gen_ai.operation.name': GEN_AI_OPERATION_CHAT,
    'gen_ai.provider.name': route.provider.name,
    'gen_ai.request.model': request.model,
    'gen_ai.request.stream': stream,
    'gen_ai.output.type': outputType(request.body),
  };
  if (request.temperature !== undefined) attributes['gen_ai.request.temperature'] = request.temperature;
  if (request.maxTokens !== undefined) attributes['gen_ai.request.max_tokens'] = request.maxTokens;
  if (request.topP !== undefined) attributes['gen_ai.request.top_p'] = request.topP;
  const optionalNumbers: [string, string][] = [
    ['gen_ai.request.choice.count', 'n'],
    ['gen_ai.request.seed', 'seed'],
    ['gen_ai.request.frequency_penalty', 'frequency_penalty'],
    ['gen_ai.request.presence_penalty', 'presence_penalty'],
    ['gen_ai.request.top_k', 'top_k'],
  ];
  for (const [attribute, field] of optionalNumbers) {
    const value = numberField(request.body, field);
    if (value !== undefined) attributes[attribute] = value;
  }
  if (route.provider.serverAddress !== undefined) attributes['server.address'] = route.provider.serverAddress;
  return tracer.startSpan(`${GEN_AI_OPERATION_CHAT} ${request.model}`, { kind: SpanKind.CLIENT, attributes });
}

export interface ProviderResponseFacts {
  readonly responseModel: string;
  readonly responseId?: string;
  /** Every choice's finish reason, in choice order. */
  readonly finishReasons: readonly string[];
  readonly usage: TokenUsage;
}

export function recordResponse(span: Span, facts: ProviderResponseFacts): void {
  span.setAttributes({
    'gen_ai.response.model': facts.responseModel,
    'gen_ai.response.finish_reasons': [...facts.finishReasons],
    'gen_ai.usage.input_tokens': facts.usage.promptTokens,
    'gen_ai.usage.output_tokens': facts.usage.completionTokens,
  });
  if (facts.usage.cachedInputTokens !== undefined) {
    span.setAttribute('gen_ai.usage.cache_read.input_tokens', facts.usage.cachedInputTokens);
  }
  if (facts.usage.reasoningTokens !== undefined) {
    span.setAttribute('gen_ai.usage.reasoning.output_tokens', facts.usage.reasoningTokens);
  }
  if (facts.responseId !== undefined) span.setAttribute('gen_ai.response.id', facts.responseId);
}

export function recordFailure(span: Span, errorType: string, error: unknown): void {
  span.setAttribute('error.type', errorType);
  // The exception's message may quote the upstream's body; its class name is enough to find it in logs.
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : errorType });
}

/**
 * The GenAI conventions' input messages (text, tool calls, tool results) and
 * the tool definitions. Only with LLM_CAPTURE_CONTENT=true: they hold the
 * prompt and the tools' arguments.
 */
export function recordInputMessages(span: Span, request: ProviderRequest): void {
  span.setAttribute('gen_ai.input.messages', JSON.stringify(request.messages.map(inputMessage)));
  const tools = request.body?.tools;
  if (Array.isArray(tools)) span.setAttribute('gen_ai.tool.definitions', JSON.stringify(tools));
}

function inputMessage(message: ChatMessage): { role: string; parts: object[] } {
  const parts: object[] = [];
  const text = typeof message.content === 'string' ? message.content : textOf(message);
  if (message.role === 'tool') {
    parts.push({ type: 'tool_call_response', id: message.tool_call_id, response: text });
    return { role: 'tool', parts };
  }
  if (text !== '') parts.push({ type: 'text', content: text });
  if (message.role === 'assistant') {
    for (const call of message.tool_calls ?? []) {
      parts.push({ type: 'tool_call', id: call.id, name: call.function?.name, arguments: call.function?.arguments });
    }
  }
  return { role: message.role, parts };
}

function textOf(message: ChatMessage): string {
  if (message.role === 'assistant') {
    // messageText adds the tool calls, which are their own parts here.
    return messageText({ ...message, tool_calls: undefined, function_call: undefined });
  }
  return messageText(message);
}

export function recordOutputMessages(span: Span, messages: readonly OutputMessage[]): void {
  span.setAttribute('gen_ai.output.messages', JSON.stringify(messages));
}

/** A provider that gives text alone: one text output message. */
export function textOutput(text: string, finishReason: FinishReason): OutputMessage[] {
  return [{ role: 'assistant', parts: [{ type: 'text', content: text }], finish_reason: finishReason }];
}
