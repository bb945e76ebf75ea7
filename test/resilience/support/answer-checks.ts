import type { RawAnswer } from './hostile-http';

/** What no answer may reveal: stack traces, file paths, SQL, hashes, internal class names. */
const LEAKS: readonly (readonly [string, RegExp])[] = [
  ['stack trace', /\n\s+at [^\n]+:\d+:\d+/],
  ['stack frame', /\bat (?:async )?[\w$.<>]+ \([^)]*:\d+:\d+\)/],
  ['file path', /(?:\/(?:work|home|usr|srv|app|opt|tmp)\/[\w.-]+\/|node_modules|\.(?:ts|js|mjs):\d+)/],
  ['SQL text', /\b(?:SELECT\s+.+\s+FROM|INSERT\s+INTO|UPDATE\s+\S+\s+SET|DELETE\s+FROM)\b/i],
  ['database error', /QueryFailedError|syntax error at or near|violates \w+ constraint|SQLITE_|invalid input syntax/i],
  ['password hash', /\$argon2(?:id|i|d)\$/],
  ['internal class', /\b(?:TypeError|RangeError|ReferenceError|ThrottlerException|EntityNotFound)\b/],
];

/**
 * Problems with one answer: a 5xx, an error without the app's error shape (problem+json,
 * or OpenAI's `{ error: { message, type, code, param } }` under /v1 of llm-app), or a leak.
 * Text the request itself sent is removed first, so an echoed item name is not a leak.
 */
export function answerProblems(
  answer: RawAnswer,
  path: string,
  openAiShape: boolean,
  echoes: readonly string[],
): string[] {
  const problems: string[] = [];
  if (answer.status >= 500 || answer.status < 100) problems.push(`status ${answer.status}`);
  const contentType = String(answer.headers['content-type'] ?? '');
  if (answer.status >= 400) {
    const underV1 = openAiShape && path.startsWith('/v1/');
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      problems.push(`error body is not JSON: ${answer.body.slice(0, 120)}`);
    }
    if (answer.headers['x-request-id'] === undefined) {
      // Refused by the HTTP parser before routing (431, 408): one body for both shapes.
      const both = body as { status?: unknown; title?: unknown; error?: { message?: unknown } } | undefined;
      if (!contentType.startsWith('application/problem+json'))
        problems.push(`content-type ${contentType} before routing`);
      if (both?.status !== answer.status || typeof both.title !== 'string' || typeof both.error?.message !== 'string') {
        problems.push('not problem+json with an OpenAI error member');
      }
    } else if (underV1) {
      const error = (body as { error?: Record<string, unknown> } | undefined)?.error;
      if (!contentType.startsWith('application/json')) problems.push(`content-type ${contentType} under /v1`);
      if (
        typeof error?.message !== 'string' ||
        typeof error.type !== 'string' ||
        !('code' in error) ||
        !('param' in error)
      ) {
        problems.push('not the OpenAI error shape');
      }
    } else {
      const problem = body as { status?: unknown; title?: unknown; type?: unknown } | undefined;
      if (!contentType.startsWith('application/problem+json')) problems.push(`content-type ${contentType}`);
      if (problem?.status !== answer.status || typeof problem.title !== 'string' || typeof problem.type !== 'string') {
        problems.push('not problem+json');
      }
    }
  }
  let searched = answer.body;
  for (const echo of [...echoes].sort((a, b) => b.length - a.length)) searched = searched.split(echo).join('');
  for (const [what, pattern] of LEAKS) {
    if (answer.status < 400 && what !== 'password hash' && what !== 'internal class') continue;
    if (pattern.test(searched)) problems.push(`${what} in the answer: ${pattern.exec(searched)?.[0].slice(0, 80)}`);
  }
  return problems;
}
