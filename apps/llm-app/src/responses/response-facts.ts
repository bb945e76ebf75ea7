import { type ResponsesRequest, inputItems, itemText } from '../openai/responses.schema';
import type { TokenCounter } from '../providers/token-counter';
import type { ResponseObject } from '../providers/responses-provider';
import type { EndpointOutcome } from '../telemetry/instrumented-endpoint-calls';

interface OutputItemView {
  readonly type?: unknown;
  readonly content?: unknown;
  readonly call_id?: unknown;
  readonly name?: unknown;
  readonly arguments?: unknown;
}

interface UsageView {
  readonly input_tokens?: unknown;
  readonly output_tokens?: unknown;
}

/** The outcome of a finished response object: usage (the provider's, else counted), finish reason, content. */
export function outcomeOfResponse(
  response: ResponseObject,
  request: ResponsesRequest,
  tokens: TokenCounter,
): EndpointOutcome & { readonly outputTokens: number } {
  const output = Array.isArray(response.output) ? (response.output as OutputItemView[]) : [];
  const usage = (response.usage ?? {}) as UsageView;
  const texts = output.map(outputText);
  const inputTokens =
    typeof usage.input_tokens === 'number'
      ? usage.input_tokens
      : [request.instructions ?? '', ...inputItems(request).map(itemText)].reduce(
          (total, text) => total + tokens.count(text),
          0,
        );
  const outputTokens =
    typeof usage.output_tokens === 'number'
      ? usage.output_tokens
      : texts.reduce((total, text) => total + tokens.count(text), 0);
  return {
    inputTokens,
    outputTokens,
    ...(typeof response.model === 'string' ? { responseModel: response.model } : {}),
    ...(typeof response.id === 'string' ? { responseId: response.id } : {}),
    finishReasons: [finishReasonOf(response, output)],
    failed: response.status === 'failed',
    outputContent: () => [
      {
        role: 'assistant',
        parts: output.map((item, index) =>
          item.type === 'function_call'
            ? { type: 'tool_call', id: item.call_id, name: item.name, arguments: item.arguments }
            : { type: 'text', content: texts[index] },
        ),
      },
    ],
  };
}

/** The GenAI conventions' input messages of a request (only recorded with LLM_CAPTURE_CONTENT=true). */
export function inputContentOf(request: ResponsesRequest): unknown {
  const instructions = request.instructions
    ? [{ role: 'system', parts: [{ type: 'text', content: request.instructions }] }]
    : [];
  return [
    ...instructions,
    ...inputItems(request).map((item) =>
      item.type === 'function_call_output'
        ? { role: 'tool', parts: [{ type: 'tool_call_response', id: item.call_id, response: itemText(item) }] }
        : { role: item.role ?? item.type, parts: [{ type: 'text', content: itemText(item) }] },
    ),
  ];
}

function outputText(item: OutputItemView): string {
  if (item.type === 'function_call') return typeof item.arguments === 'string' ? item.arguments : '';
  if (!Array.isArray(item.content)) return '';
  return (item.content as { text?: unknown }[])
    .map((part) => (typeof part.text === 'string' ? part.text : ''))
    .join('');
}

/** The Chat Completions finish reason a response's status and output amount to, as the GenAI conventions record it. */
function finishReasonOf(response: ResponseObject, output: readonly OutputItemView[]): string {
  if (response.status === 'failed') return 'error';
  if (response.status === 'incomplete') {
    const reason = (response.incomplete_details as { reason?: unknown } | null | undefined)?.reason;
    return reason === 'content_filter' ? 'content_filter' : 'length';
  }
  return output.some((item) => item.type === 'function_call') ? 'tool_calls' : 'stop';
}
