import { randomBytes } from 'node:crypto';

/** `chatcmpl-` plus 24 random characters, like OpenAI's ids. */
export function newCompletionId(): string {
  return `chatcmpl-${randomBytes(18).toString('base64url')}`;
}
