/** The `data:` payloads of a complete SSE body, in order. */
export function sseData(body: string): string[] {
  return body
    .split('\n\n')
    .filter((event) => event.startsWith('data: '))
    .map((event) => event.slice('data: '.length));
}

/** The text a streamed chat completion adds up to. */
export function streamedText(body: string): string {
  return sseData(body)
    .filter((data) => data !== '[DONE]')
    .map((data) => JSON.parse(data) as { choices: { delta: { content?: string } }[] })
    .map((chunk) => chunk.choices[0]?.delta.content ?? '')
    .join('');
}

/** The usage chunk of a streamed chat completion, if it sent one. */
export function streamedUsage(body: string): unknown {
  return sseData(body)
    .filter((data) => data !== '[DONE]')
    .map((data) => JSON.parse(data) as { usage?: unknown })
    .find((chunk) => chunk.usage !== undefined && chunk.usage !== null)?.usage;
}
